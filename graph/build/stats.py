"""Counts that summarise the graph: entities per class, and recipients and units per province and city."""

from rdflib import Graph
from rdflib.query import ResultRow

from graph.namespaces import DK, SKOS

PREFIXES = {"dk": DK._NS, "skos": SKOS._NS}

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(dk:)))
} GROUP BY ?class ORDER BY ?class
"""

DIVISION_COUNTS = """
SELECT ?division ?level ?code ?name_zh ?name_en
       (COUNT(DISTINCT ?county) AS ?counties) (COUNT(DISTINCT ?unit) AS ?units)
WHERE {
  { ?division a dk:Province . BIND("province" AS ?level) ?county dk:inProvince ?division . }
  UNION
  { ?division a dk:PrefectureCity . BIND("city" AS ?level) ?county dk:inCity ?division . }
  ?county a dk:RecipientCounty ; dk:supportedBy ?unit .
  ?division skos:notation ?code ; skos:prefLabel ?name_zh, ?name_en .
  FILTER(LANG(?name_zh) = "zh" && LANG(?name_en) = "en")
} GROUP BY ?division ?level ?code ?name_zh ?name_en ORDER BY ?code
"""


def rows(graph: Graph, query: str) -> list[ResultRow]:
    """The rows of a SELECT query on `graph`."""
    return [row for row in graph.query(query, initNs=PREFIXES) if isinstance(row, ResultRow)]


def statistics(graph: Graph) -> dict:
    """Figures for `duikou stats`: classes by local name, divisions by code (a province before its cities)."""
    classes = {str(r["class"]).removeprefix(str(DK._NS)): int(str(r["n"])) for r in rows(graph, CLASS_COUNTS)}
    divisions = [
        {
            "code": str(r["code"]),
            "level": str(r["level"]),
            "name_zh": str(r["name_zh"]),
            "name_en": str(r["name_en"]),
            "counties": int(str(r["counties"])),
            "units": int(str(r["units"])),
        }
        for r in rows(graph, DIVISION_COUNTS)
    ]
    return {"triples": len(graph), "classes": classes, "divisions": divisions}
