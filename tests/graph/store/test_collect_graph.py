"""A CONSTRUCT or DESCRIBE answer of the embedded store is the very graph Oxigraph found: the same triples
(blank nodes keep their labels), as an rdflib `Graph` that reads, counts, serialises and pickles like one,
and capped at exactly `limit` distinct triples."""

import pickle

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.memory import SimpleMemory

from graph.store.embedded import EmbeddedStore, _AnswerStore, _collect
from graph.store.named import catalogue
from graph.store.result import to_rdflib
from graph.store.sparql_text import inject_values

GRAPH_QUERIES = sorted(
    name
    for name, query in {**catalogue().all(), **catalogue().ui()}.items()
    if "CONSTRUCT" in query.text or "DESCRIBE" in query.text
)

# every kind of term as object, and a blank node of the template: a new one for each solution
WITH_BLANKS = """
PREFIX ex: <http://example.org/>
CONSTRUCT { _:pair ex:unit ?s ; ex:value ?o . ?s ex:kind ex:Thing . }
WHERE { ?s ex:p ?o }"""


def oxigraph_triples(store: EmbeddedStore, text: str) -> set[tuple]:
    """The answer's triples as Oxigraph gives them, each term converted on its own."""
    return {
        tuple(map(to_rdflib, triple)) for triple in store.store.query(text, use_default_graph_as_union=True)
    }


def small_store() -> EmbeddedStore:
    store = ox.Store()
    objects = [
        ox.Literal("一", language="zh"),
        ox.Literal("2", datatype=ox.NamedNode(str(XSD_INTEGER))),
        ox.Literal("plain"),
        ox.NamedNode("http://example.org/o"),
        ox.BlankNode("b0"),
    ]
    for n, obj in enumerate(objects):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/s{n}"),
                ox.NamedNode("http://example.org/p"),
                obj,
                ox.NamedNode("http://example.org/g"),
            )
        )
    return EmbeddedStore(store, only_ours=True)


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@pytest.mark.parametrize("name", GRAPH_QUERIES)
def test_a_named_graph_query_gives_the_triples_oxigraph_found(embedded_store, name):
    query = {**catalogue().all(), **catalogue().ui()}[name]
    for lang in ("zh", "en", "fr"):
        values = {"lang": lang} if any(p.name == "lang" for p in query.parameters) else {}
        bindings = query.bindings(values)
        graph = embedded_store.query(query.text, bindings).graph
        expected = oxigraph_triples(
            embedded_store, inject_values(query.text, bindings) if bindings else query.text
        )
        assert isinstance(graph, Graph)
        assert set(graph) == expected and len(graph) == len(expected) > 0, (name, lang)


def test_pairings_graph_is_the_construct_answer(embedded_store):
    query = catalogue().get("pairings-graph")
    graph = query.run(embedded_store).graph
    assert len(graph) == 213
    assert (
        URIRef("https://w3id.org/duikou/id/unit/mof"),
        URIRef("https://w3id.org/duikou/def#supports"),
        URIRef("https://w3id.org/duikou/id/division/360781"),
    ) in graph


def test_blank_nodes_and_every_kind_of_term_are_kept():
    store = small_store()
    found = list(store.store.query(WITH_BLANKS, use_default_graph_as_union=True))
    graph = _collect(iter(found), None).graph
    assert set(graph) == {tuple(map(to_rdflib, triple)) for triple in found}
    assert len(graph) == len(set(found)) == 5 * 2 + 5
    blanks = {s for s, _, _ in graph if isinstance(s, BNode)}
    assert len(blanks) == 5, "a blank node of the template is a new one for each solution"
    assert {o for _, _, o in graph} >= {
        Literal("一", lang="zh"),
        Literal("2", datatype=URIRef(XSD_INTEGER)),
        Literal("plain"),
        BNode("b0"),
    }
    assert isomorphic(store.query(WITH_BLANKS).graph, graph)


def test_the_graph_reads_and_travels_like_any_graph():
    store = small_store()
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
    subject, predicate = URIRef("http://example.org/s0"), URIRef("http://example.org/p")
    assert list(graph.objects(subject, predicate)) == [Literal("一", lang="zh")]
    assert set(graph.subjects(predicate, Literal("plain"))) == {URIRef("http://example.org/s2")}
    assert (subject, predicate, Literal("一", lang="zh")) in graph
    copy = pickle.loads(pickle.dumps(graph))
    assert set(copy) == set(graph) and len(copy) == 5
    reparsed = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert len(reparsed) == 5
    assert graph.serialize(format="turtle") == (Graph() + graph).serialize(format="turtle")


@pytest.mark.parametrize(
    "limit, kept, truncated", [(None, 5, False), (5, 5, False), (2, 2, True), (0, 0, True)]
)
def test_the_cap_counts_distinct_triples(limit, kept, truncated):
    """Two solutions make the same triple `?s ex:kind ex:Thing` once in the graph, and once in the cap."""
    store = small_store()
    text = "PREFIX ex: <http://example.org/> CONSTRUCT { ex:x ex:seen ?o } WHERE { ?s ex:p ?o . ?t ex:p [] }"
    answer = store.query(text, limit=limit)
    assert (len(answer.graph), answer.truncated) == (kept, truncated)
    assert set(answer.graph) <= oxigraph_triples(store, text)


def test_the_graph_counts_its_triples_before_and_after_a_change():
    store = small_store()
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
    assert len(graph) == len(list(graph)) == 5
    extra = (URIRef("http://example.org/s9"), URIRef("http://example.org/p"), Literal("9"))
    graph.add(extra)
    graph.add(extra)
    assert len(graph) == len(list(graph)) == 6
    graph.remove((None, None, Literal("plain")))
    assert len(graph) == len(list(graph)) == 5
    graph += Graph().add((URIRef("http://example.org/s8"), URIRef("http://example.org/p"), Literal("8")))
    assert len(graph) == len(list(graph)) == 6


def test_the_store_is_filled_as_its_own_add_would_fill_it(embedded_store):
    """`fill` writes SimpleMemory's own indexes (private, so a new rdflib could change them: this says so)."""
    query = catalogue().get("pairings-graph")
    triples = list(query.run(embedded_store).graph)
    triples.append((BNode("b0"), URIRef("http://example.org/p"), Literal("2", datatype=URIRef(XSD_INTEGER))))
    fast, slow = _AnswerStore(), SimpleMemory()
    fast.fill(triples)
    for triple in triples:
        slow.add(triple, None)
    for index in ("spo", "pos", "osp"):
        assert getattr(fast, f"_SimpleMemory__{index}") == getattr(slow, f"_SimpleMemory__{index}"), index
    for s, p, o in triples[:20] + triples[-1:]:
        for pattern in (
            (s, p, o),
            (s, None, None),
            (None, p, None),
            (None, None, o),
            (s, p, None),
            (None, p, o),
            (s, None, o),
            (None, None, None),
        ):
            assert {t for t, _ in fast.triples(pattern)} == {t for t, _ in slow.triples(pattern)} != set()
    assert len(fast) == len(slow) == len(triples)


@pytest.mark.parametrize("limit", [None, 2, 3])
def test_a_triple_given_twice_is_kept_and_counted_once(limit):
    """Oxigraph gives a CONSTRUCT's triples once each, but a DESCRIBE over several graphs may repeat one."""
    found = list(
        small_store().store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
    )[:2]
    answer = _collect(iter([found[0], found[1], found[0], found[1]]), limit)
    assert len(answer.graph) == len(list(answer.graph)) == 2 and not answer.truncated
    assert set(answer.graph) == {tuple(map(to_rdflib, triple)) for triple in found}
