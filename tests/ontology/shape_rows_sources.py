"""The rows that break a source graph's description (test_shape_fires.py runs them): its IRI, its titles, its
sources, their publisher and its licence."""

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS
from shape_mutations import STATE_COUNCIL, add, drop, rename, replace, row

from graph import iris

NOTICE_GRAPH = iris.graph("guobanfa-2021-15")
CODES_GRAPH = iris.graph("division-codes")
GRAPH_SHAPE = "SourceGraphShape"

SOURCE_ROWS = [
    row("graph-outside-graph-space", rename(CODES_GRAPH, URIRef(str(iris.ID) + "graph/codes")), GRAPH_SHAPE),
    row("graph-without-titles", drop(NOTICE_GRAPH, DCTERMS.title), "SourceGraphShape-title"),
    row(
        "graph-without-english-title", drop(NOTICE_GRAPH, DCTERMS.title, lang="en"), "SourceGraphShape-title"
    ),
    row(
        "graph-with-two-chinese-titles",
        add((NOTICE_GRAPH, DCTERMS.title, Literal("另一标题", lang="zh"))),
        "SourceGraphShape-title",
    ),
    row("graph-without-source", drop(CODES_GRAPH, DCTERMS.source), "SourceGraphShape-source"),
    row(
        "graph-source-not-a-source",
        replace(NOTICE_GRAPH, DCTERMS.source, STATE_COUNCIL),
        "SourceGraphShape-source",
    ),
    row("graph-without-publisher", drop(CODES_GRAPH, DCTERMS.publisher), "SourceGraphShape-publisher"),
    row("graph-without-licence", drop(NOTICE_GRAPH, DCTERMS.license), "SourceGraphShape-license"),
    row(
        "graph-licence-as-text",
        replace(NOTICE_GRAPH, DCTERMS.license, Literal("CC BY 4.0")),
        "SourceGraphShape-license",
    ),
]
