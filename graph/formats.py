"""The one registry of formats, and the one serialiser: each RDF and SPARQL-results format written once.

A format's key is also its file suffix (`unit/ndrc.ttl`, `duikou.nt`) and its `format=` name. Graph formats
have two rdflib writers: `rdflib` for answers and pages, `dump` for the files of `dist/` (Turtle grouped by
subject, RDF/XML nested).
"""

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.plugins.serializers.rdfxml import PrettyXMLSerializer

from graph import lexical
from graph.namespaces import bind_prefixes, used_prefixes


@dataclass(frozen=True)
class Format:
    key: str
    media_type: str
    title: str
    kind: str  # "graph" (RDF) or "results" (SPARQL 1.1 query results)
    rdflib: str = ""  # rdflib's writer for answers and pages (graph formats only)
    dump: str = ""  # rdflib's writer for the dumps in dist/ (graph formats only)

    @property
    def suffix(self) -> str:
        return self.key


GRAPH_FORMATS = {
    "ttl": Format("ttl", "text/turtle", "Turtle", "graph", "turtle", "longturtle"),
    "nt": Format("nt", "application/n-triples", "N-Triples", "graph", "nt", "nt"),
    "jsonld": Format("jsonld", "application/ld+json", "JSON-LD", "graph", "json-ld", "json-ld"),
    "rdf": Format("rdf", "application/rdf+xml", "RDF/XML", "graph", "xml", "pretty-xml"),
}
# the dumps that keep each source's named graph (graph/build/export.py); not offered for single entities
DATASET_FORMATS = {
    "nq": Format("nq", "application/n-quads", "N-Quads", "dataset", "nquads", "nquads"),
    "trig": Format("trig", "application/trig", "TriG", "dataset", "trig", "trig"),
}
RESULT_FORMATS = {
    "json": Format("json", "application/sparql-results+json", "JSON", "results"),
    "xml": Format("xml", "application/sparql-results+xml", "XML", "results"),
    "csv": Format("csv", "text/csv", "CSV", "results"),
    "tsv": Format("tsv", "text/tab-separated-values", "TSV", "results"),
}
FORMATS = {**GRAPH_FORMATS, **RESULT_FORMATS}
# the spreadsheets for people (graph/build/sheets.py) and the CSVW metadata that describes each CSV
SHEET_FORMATS = {
    "csv": Format("csv", "text/csv", "CSV", "sheet"),
    "xlsx": Format(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)", "sheet"
    ),
    "json": Format("json", "application/csvm+json", "CSVW metadata", "sheet"),
}


def by_media_type(media_type: str, kind: str | None = None) -> Format | None:
    """The format of a media type (the first one registered, or the first of `kind`), None if unknown."""
    return next((f for f in FORMATS.values() if f.media_type == media_type and kind in (None, f.kind)), None)


def by_suffix(suffix: str) -> Format | None:
    """The format of a file suffix, with or without its dot; None if unknown."""
    return FORMATS.get(suffix.removeprefix("."))


STYLES = ("page", "answer", "dump")


def serialize(graph: Graph, key: str, *, style: str = "page") -> bytes:
    """`graph` in a graph format, in one of three styles.

    - `page` (entity data, the ontology, the dataset): the project's prefixes (in JSON-LD's context, those
      the graph uses), blank nodes named from their content and JSON-LD in one key order, so the same graph
      gives the same bytes in every process;
    - `answer` (a query's graph, the service description): rdflib's writer as it is, the graph's own prefixes
      and blank nodes;
    - `dump` (the files of dist/): sorted N-Triples, grouped Turtle, JSON-LD compacted with the graph's own
      prefixes in one key order, and nested RDF/XML in sorted order: the same bytes in every process.
    """
    spec = GRAPH_FORMATS[key]
    if style not in STYLES:
        raise ValueError(f"no serialisation style {style!r}: one of {', '.join(STYLES)}")
    if style == "dump":
        return _dump(graph, spec)
    if style == "answer":
        return _written(graph, spec)
    graph = stable_blank_nodes(graph)
    bind_prefixes(graph)
    if key == "jsonld":
        return stable_json(lexical.jsonld(graph, used_prefixes(graph)))
    return _written(graph, spec)


def _written(graph: Graph, spec: Format) -> bytes:
    """Turtle and JSON-LD by graph.lexical (each literal keeps its text), the others by rdflib (which keep
    it)."""
    if spec.key == "ttl":
        return lexical.turtle(graph)
    if spec.key == "jsonld":
        return lexical.jsonld(graph)
    return graph.serialize(format=spec.rdflib, encoding="utf-8")


def serialize_dataset(graphs: Mapping[URIRef, Graph], key: str) -> bytes:
    """Named graphs as a dump that keeps them apart, the same bytes for the same graphs: N-Quads as sorted
    lines, graph after graph in IRI order; TriG as one block per graph in that order, each grouped by subject
    as the Turtle dump is, under the prefixes of the first graph."""
    if key not in DATASET_FORMATS:
        raise ValueError(f"no dataset format {key!r}: one of {', '.join(DATASET_FORMATS)}")
    names = sorted(graphs, key=str)
    if key == "nq":
        return dump_ntriples(graphs)[1]
    # TriG: each graph's Turtle dump (longturtle sorts by itself) inside its block, the prefixes once
    prefixes: dict[str, str] = {}
    blocks = []
    for name in names:
        body = []
        for line in _dump(graphs[name], GRAPH_FORMATS["ttl"]).decode("utf-8").splitlines():
            if line.startswith("PREFIX "):
                prefixes.setdefault(line.split()[1], line)
            else:
                body.append(line)  # not indented: a long string's lines are its content
        blocks.append(f"{name.n3()} {{\n" + "\n".join(body).strip("\n") + "\n}\n")
    header = "\n".join(prefixes[prefix] for prefix in sorted(prefixes))
    return (header + "\n\n" + "\n".join(blocks)).encode("utf-8")


def dump_ntriples(graphs: Mapping[URIRef, Graph]) -> tuple[bytes, bytes]:
    """The union of named graphs as the N-Triples dump, and the graphs as the N-Quads dump, from one
    N-Triples pass over each graph (the build writes both, and validates the first)."""
    union: set[str] = set()
    quads: list[str] = []
    for name in sorted(graphs, key=str):
        lines = _ntriples_lines(graphs[name])
        union.update(lines)
        graph_name = f" {name.n3()} .\n"
        quads.extend(line.removesuffix(" .") + graph_name for line in lines)
    return _lines(sorted(union)), "".join(quads).encode("utf-8")


def _ntriples_lines(graph: Graph) -> list[str]:
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return sorted(line for line in lines if line.strip())


def _lines(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _dump(graph: Graph, spec: Format) -> bytes:
    if spec.key == "nt":
        return _lines(_ntriples_lines(graph))
    if spec.key == "ttl":  # longturtle sorts by itself
        return graph.serialize(format=spec.dump, encoding="utf-8")
    if spec.key == "jsonld":
        context = {prefix: str(ns) for prefix, ns in sorted(graph.namespaces()) if prefix}
        body = graph.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")
        return stable_json(body, indent=1)
    return _rdfxml(graph)


def _rdfxml(graph: Graph) -> bytes:
    """Nested RDF/XML in one order: subjects and properties sorted, namespace declarations sorted."""
    # rdflib's nested writer walks the store in its order, which is the order triples were added in
    view = Graph(store="SimpleMemory", namespace_manager=graph.namespace_manager)
    for triple in sorted(graph, key=lambda triple: tuple(map(str, triple))):
        view.add(triple)
    stream = io.BytesIO()
    PrettyXMLSerializer(view).serialize(stream, encoding="utf-8")
    head, end, body = stream.getvalue().partition(b"\n>\n")  # the end of <rdf:RDF and its declarations
    xml, root, *declarations = head.split(b"\n")
    return b"\n".join([xml, root, *sorted(declarations)]) + end + body


def stable_blank_nodes(graph: Graph) -> Graph:
    """The graph with its blank nodes named from their content (`_:cb0`…): a parser names them at random,
    so each web worker would write other labels for the same answer (and one strong ETag)."""
    if not any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph
    named = Graph()
    for triple in to_canonical_graph(graph):
        named.add(triple)
    return named


def stable_json(body: bytes, indent: int = 2) -> bytes:
    """JSON-LD in one order: rdflib's follows Python's string hashing, which changes with each process,
    while a strong ETag promises the same bytes. Keys and the members of unordered arrays are sorted
    (not those of an `@list`, whose order is data)."""

    def ordered(node, key=None):
        if isinstance(node, dict):
            return {k: ordered(v, k) for k, v in node.items()}
        if isinstance(node, list):
            items = [ordered(item) for item in node]
            return items if key == "@list" else sorted(items, key=lambda i: json.dumps(i, sort_keys=True))
        return node

    return json.dumps(ordered(json.loads(body)), ensure_ascii=False, indent=indent, sort_keys=True).encode(
        "utf-8"
    )
