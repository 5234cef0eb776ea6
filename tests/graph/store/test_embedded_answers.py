"""The embedded store's answers as rdflib terms: every kind of term converts (memoised, so repeated terms
cost nothing), unbound stays None, the row cap keeps exactly `limit` rows or triples and says so, and the
default graph is ours whichever way it is read."""

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import StoreError
from graph.store.embedded import EmbeddedStore
from graph.store.result import to_rdflib
from helpers.examples import required_values

TERMS = """
SELECT ?iri ?plain ?tagged ?typed ?unbound WHERE {
  VALUES (?iri ?plain ?tagged ?typed) {
    (<http://example.org/a> "text" "文本"@zh "42"^^<http://www.w3.org/2001/XMLSchema#integer>)
  }
}"""


def small_store() -> EmbeddedStore:
    """Five triples in the store's own default graph."""
    store = ox.Store()
    for n in range(5):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/s{n}"),
                ox.NamedNode("http://example.org/p"),
                ox.Literal(str(n)),
            )
        )
    embedded = EmbeddedStore(store)
    embedded.default_graph = [ox.DefaultGraph()]
    return embedded


@pytest.fixture(scope="module")
def store():
    return small_store()


def test_every_kind_of_term_converts(store):
    row = store.query(TERMS).rows[0]
    assert row == (
        URIRef("http://example.org/a"),
        Literal("text"),
        Literal("文本", lang="zh"),
        Literal("42", datatype=XSD.integer),
        None,
    )
    assert row[1].datatype is None, "xsd:string is a plain literal in rdflib"
    assert to_rdflib(ox.BlankNode("b1")) == BNode("b1")


def test_conversions_are_shared_but_equal(store):
    first, again = store.query(TERMS).rows[0], store.query(TERMS).rows[0]
    assert first == again and all(a is b for a, b in zip(first[:4], again[:4], strict=True))
    assert to_rdflib(ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer)))) != to_rdflib(ox.Literal("1"))


@pytest.mark.parametrize(
    "limit, rows, truncated", [(None, 5, False), (5, 5, False), (3, 3, True), (0, 0, True)]
)
def test_the_row_cap_keeps_limit_rows_and_says_so(store, limit, rows, truncated):
    answer = store.query("SELECT ?s WHERE { ?s ?p ?o }", limit=limit)
    assert (len(answer.rows), answer.truncated) == (rows, truncated)
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", limit=limit)
    assert (len(graph.graph), graph.truncated) == (rows, truncated)


def test_the_union_of_our_graphs_is_the_default_graph_it_replaces(embedded_store):
    """A store of our graphs only reads its default graph as the union of all graphs (faster); the answers
    are those of the explicit list of our graphs, for every named query."""
    from graph.store.named import catalogue

    assert embedded_store.only_ours
    listed = EmbeddedStore(embedded_store.store)
    for name, query in {**catalogue().all(), **catalogue().ui()}.items():
        values = required_values(query)
        assert query.run(embedded_store, values).comparable() == query.run(listed, values).comparable(), name


def test_a_store_with_other_graphs_reads_only_the_default_graph_it_is_given():
    store = small_store()
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == [(Literal(5),)]
    store.store.add(
        ox.Quad(
            ox.NamedNode("http://example.org/x"),
            ox.NamedNode("http://example.org/p"),
            ox.Literal("elsewhere"),
            ox.NamedNode("http://example.org/other"),
        )
    )
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == [(Literal(5),)]


def test_embedded_store_without_a_build_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="run `duikou build` first"):
        EmbeddedStore.from_dist(tmp_path)
