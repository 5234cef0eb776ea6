"""The one registry of formats and the one serialiser (graph/formats.py), and the one compact()."""

import json

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, SKOS, XSD

from graph.formats import FORMATS, GRAPH_FORMATS, RESULT_FORMATS, by_media_type, by_suffix, serialize
from graph.namespaces import DK, ID, compact, expand


def test_every_format_is_registered_once_with_its_media_type_and_title():
    assert set(GRAPH_FORMATS) == {"ttl", "nt", "jsonld", "rdf"}
    assert set(RESULT_FORMATS) == {"json", "xml", "csv", "tsv"}
    assert FORMATS == {**GRAPH_FORMATS, **RESULT_FORMATS}
    for key, spec in FORMATS.items():
        assert spec.key == spec.suffix == key and spec.media_type and spec.title
        assert by_suffix("." + key) is spec and by_suffix(key) is spec
        assert (spec.kind == "graph") == bool(spec.rdflib and spec.dump)
    assert by_media_type("text/turtle") is GRAPH_FORMATS["ttl"]
    assert by_media_type("application/sparql-results+json", "results") is RESULT_FORMATS["json"]
    assert by_media_type("text/html") is None and by_suffix("html") is None


def small_graph() -> Graph:
    graph = Graph()
    unit, node = ID["unit/mof"], BNode()
    graph.add((unit, SKOS.prefLabel, Literal("财政部", lang="zh")))
    graph.add((unit, RDFS.seeAlso, node))
    graph.add((node, RDFS.label, Literal("x")))
    return graph


@pytest.mark.parametrize("style", ["page", "answer", "dump"])
@pytest.mark.parametrize("key", sorted(GRAPH_FORMATS))
def test_every_style_writes_the_same_graph(key, style):
    graph = small_graph()
    body = serialize(graph, key, style=style)
    parsed = Graph().parse(data=body, format=GRAPH_FORMATS[key].rdflib)
    assert isomorphic(parsed, graph)


def test_a_page_names_blank_nodes_from_their_content_and_orders_json_ld():
    first, second = small_graph(), small_graph()  # the same content, other blank node labels
    for key in ("ttl", "jsonld"):
        assert serialize(first, key) == serialize(second, key)
    document = json.loads(serialize(first, "jsonld"))
    assert document["@context"] == {"id": str(ID), "rdfs": str(RDFS), "skos": str(SKOS)}, (
        "the prefixes it uses"
    )


def test_dumps_are_sorted_n_triples_and_an_unknown_style_is_refused():
    lines = serialize(small_graph(), "nt", style="dump").decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == 3
    with pytest.raises(ValueError, match="no serialisation style"):
        serialize(small_graph(), "ttl", style="pretty")


@pytest.mark.parametrize(
    ("iri", "name"),
    [
        (str(DK.County), "dk:County"),
        (str(ID["division/360781"]), "id:division/360781"),
        (str(SKOS.prefLabel), "skos:prefLabel"),
        ("https://example.org/x", "https://example.org/x"),
        (str(DK), str(DK)),  # a namespace itself has no local name
    ],
)
def test_compact_takes_the_longest_prefix_and_expand_undoes_it(iri, name):
    assert compact(iri) == name
    assert expand(name) == iri
    assert expand("nope:x") == "nope:x" and URIRef(expand("dk:County")) == DK.County


OXIGRAPH_FORMATS = {  # a reader that keeps each literal's text as written (rdflib's would rewrite it)
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "rdf": pyoxigraph.RdfFormat.RDF_XML,
}
LEXICAL = [
    ("01", XSD.integer),
    ("+5", XSD.integer),
    ("1", XSD.boolean),
    ("1e0", XSD.double),
    ("1", XSD.double),
    ("1.50", XSD.decimal),
    ("1", XSD.decimal),
    ("2021-01-01Z", XSD.date),
    ("AB", XSD.hexBinary),
    ("5", XSD.integer),
    ("true", XSD.boolean),
]


@pytest.mark.parametrize("style", ["page", "answer"])
@pytest.mark.parametrize("key", sorted(GRAPH_FORMATS))
def test_literals_keep_their_text_in_every_format(key, style):
    """rdflib's Turtle and JSON-LD writers write numbers and booleans bare, which reads back in canonical
    form (and "1"^^xsd:boolean as an integer); each literal must read back as the very text it had."""
    graph = Graph()
    for text, datatype in LEXICAL:
        graph.add((ID["unit/mof"], RDFS.comment, Literal(text, datatype=datatype, normalize=False)))
    read = pyoxigraph.parse(serialize(graph, key, style=style), format=OXIGRAPH_FORMATS[key])
    assert {(q.object.value, q.object.datatype.value) for q in read} == {(t, str(d)) for t, d in LEXICAL}
