"""Helpers for the linked-data, entity-page and validation tests: JSON-LD blocks, RDF parsing, a tampered
build."""

import json
import re
import shutil
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.namespaces import DK
from helpers.html_tree import Element

RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
ID = "https://w3id.org/duikou/id/"
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what a browser sends
FORMATS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}


def json_ld(tree: Element) -> list[dict]:
    """Every embedded JSON-LD block, parsed."""
    return [json.loads(s.text()) for s in tree.find_all("script", type="application/ld+json")]


def parse_rdf(response) -> Graph:
    """An RDF response body parsed back by its Content-Type."""
    kind = response.mimetype
    return Graph().parse(data=response.get_data(), format=RDF_FORMATS[kind])


def check_alternates(link: str, data: str, page: str | None):
    found = dict(re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', link))
    expected = {f"{data}.{fmt}": kind for fmt, kind in FORMATS.items()}
    if page:
        expected[page] = "text/html"
    assert found == expected


def check_mof(graph: Graph):
    """Outgoing and incoming statements and the labels of what they link to: a self-describing graph."""
    mof, ruijin = URIRef(ID + "unit/mof"), URIRef(ID + "division/360781")
    assignment = URIRef(ID + "assignment/guobanfa-2021-15/mof")
    assert (mof, RDF.type, DK.SupportingUnit) in graph
    assert (mof, DK.supports, ruijin) in graph
    assert (ruijin, DK.supportedBy, mof) in graph  # incoming
    assert (assignment, DK.supportingUnit, mof) in graph  # incoming
    assert (ruijin, SKOS.prefLabel, Literal("瑞金市", lang="zh")) in graph
    assert (ruijin, SKOS.prefLabel, Literal("Ruijin City", lang="en")) in graph
    assert (DK.supports, RDFS.label, Literal("supports", lang="en")) in graph
    assert not any(graph.triples((ruijin, DK.inCity, None))), "only the entity's own statements"


TAMPERED = [
    f"<{ID}unit/xss-test> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/duikou/def#SupportingUnit> .",
    f'<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#prefLabel> "<script>alert(1)</script>"@en .',
    f'<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#prefLabel> "<b>粗体</b>"@zh .',
    f'<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#altLabel> "<img src=x onerror=alert(3)>" .',
    f"<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#exactMatch> <javascript:alert(2)> .",
    f"<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#exactMatch> "
    "<http://www.wikidata.org/entity/Q42> .",
    f"<{ID}unit/xss-test> <https://w3id.org/duikou/def#supports> <{ID}division/360781> .",
]


def tampered_dist(base: Path, built: Path) -> Path:
    """A copy of the build with a unit whose names carry markup and a javascript: "exact match" (made once
    per session at a fixed place, so that every module shares its one SHACL report)."""
    target = base / "tampered-dist"
    if not (target / "duikou.nq").is_file():
        shutil.copytree(built, target, dirs_exist_ok=True)
        with open(target / "duikou.nq", "a", encoding="utf-8") as data:
            data.write("\n".join(TAMPERED) + "\n")
    return target
