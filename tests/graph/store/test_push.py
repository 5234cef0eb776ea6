"""Pushing the build into a remote store: both protocols replace our graphs, and every failure is a
clear StoreError."""

import shutil
from collections import Counter
from types import SimpleNamespace

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import StoreError
from graph.paths import ONTOLOGY
from graph.store.dataset import DATA_GRAPH, ONTOLOGY_GRAPH
from graph.store.embedded import EmbeddedStore
from graph.store.push import landed, push_graph_store, push_update, store_url_for
from graph.store.remote import RemoteStore
from graph.store.result import Result
from helpers import virtuoso

PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
DUMP = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
INTEGERS = {XSD.integer, XSD.positiveInteger, XSD.nonNegativeInteger}
EXTRA = (
    URIRef("https://w3id.org/duikou/id/test/extra"),
    URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    Literal("extra"),
)


def graph_sizes(dist) -> dict[str, int]:
    """The triples we expect in each named graph after a push of `dist`: each source's, and the ontology."""
    graphs = Counter(line.rsplit(" ", 2)[1][1:-1] for line in quad_lines(dist))
    return {**graphs, str(ONTOLOGY_GRAPH): len(Graph().parse(ONTOLOGY))}


def quad_lines(dist) -> list[str]:
    return (dist / "duikou.nq").read_text(encoding="utf-8").splitlines(keepends=True)


def remote_sizes(store: RemoteStore) -> dict[str, int]:
    return {str(g): int(n) for g, n in store.query(PER_GRAPH, default_graphs=[]).rows}


def same_dump(one, other) -> bool:
    """Both stores hold the same quads (blank nodes aside; integers as Oxigraph keeps them: `as_stored`)."""
    dump = [as_stored(store.query(DUMP, default_graphs=[])).comparable() for store in (one, other)]
    return dump[0] == dump[1]


def as_stored(result: Result) -> Result:
    """`result` with each literal of an XSD integer type as an xsd:integer: Oxigraph stores them so (the
    build's xsd:positiveInteger comes back as xsd:integer), Virtuoso keeps the type it was given."""
    rows = [tuple(as_integer(term) for term in row) for row in result.rows]
    return Result(result.kind, variables=result.variables, rows=rows)


def as_integer(term):
    if isinstance(term, Literal) and term.datatype in INTEGERS:
        return Literal(str(term), datatype=XSD.integer)
    return term


@pytest.fixture(params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def server(request, start_oxigraph) -> SimpleNamespace:
    """A store to push into, with its query, Graph Store and Update URLs: an empty in-memory Oxigraph
    server of this test's own, or a Virtuoso server of this module's (each test starts with a full push)."""
    if request.param == "oxigraph":
        base = start_oxigraph(persistent=False)
        return SimpleNamespace(
            query=f"{base}/query", store=f"{base}/store", update=f"{base}/update", login=None
        )
    base = request.getfixturevalue("scratch_virtuoso")
    return SimpleNamespace(
        query=f"{base}/sparql",
        store=f"{base}/sparql-graph-crud-auth",
        update=f"{base}/sparql-auth",
        login=virtuoso.DBA,
    )


@pytest.fixture(scope="module")
def scratch_virtuoso(start_virtuoso):
    """A Virtuoso server of this module's own, whose graphs the tests replace at will."""
    return start_virtuoso()


def push(method: str, server: SimpleNamespace, dist) -> None:
    if method == "gsp":
        push_graph_store(server.store, dist, credentials=server.login)
    else:
        push_update(server.update, dist, credentials=server.login)


@pytest.fixture
def variant_dists(built_dist, tmp_path):
    """Copies of the build: one with a triple more and one less, and one with only its first 100 triples."""
    lines = quad_lines(built_dist)
    first = next(i for i, line in enumerate(lines) if line.endswith(f" {DATA_GRAPH.n3()} .\n"))
    made = {}
    for name, content in (
        (
            "modified",  # one triple of the notice's graph less, one more
            [*lines[:first], *lines[first + 1 :], " ".join(t.n3() for t in (*EXTRA, DATA_GRAPH)) + " .\n"],
        ),
        ("smaller", lines[:100]),
    ):
        folder = tmp_path / name
        shutil.copytree(built_dist, folder)
        (folder / "duikou.nq").write_text("".join(content), encoding="utf-8")
        made[name] = folder
    removed = next(iter(Graph().parse(data=lines[first].rsplit(" ", 2)[0] + " .", format="nt")))
    return made, removed


@pytest.fixture(scope="module")
def embedded(built_dist):
    return EmbeddedStore.from_dist(built_dist)


# -- push ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_loads_data_and_ontology_into_their_graphs(method, server, built_dist, embedded):
    push(method, server, built_dist)
    store = RemoteStore(server.query)
    assert remote_sizes(store) == graph_sizes(built_dist)
    assert len(store) == sum(graph_sizes(built_dist).values()) == len(embedded)
    assert same_dump(store, embedded)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_replaces_the_graphs(method, server, built_dist, variant_dists):
    (made, removed), store = variant_dists, RemoteStore(server.query)
    full = graph_sizes(built_dist)
    ask_extra = "ASK { ?s ?p ?o }"

    def holds(triple) -> bool:
        return store.query(ask_extra, dict(zip("spo", triple, strict=True))).boolean

    push(method, server, built_dist)
    assert remote_sizes(store) == full
    push(method, server, made["modified"])
    assert remote_sizes(store) == full, "one triple less and one more"
    assert holds(EXTRA) and not holds(removed)
    push(method, server, made["smaller"])
    first = quad_lines(built_dist)[0].rsplit(" ", 2)[1][1:-1]
    assert remote_sizes(store) == {first: 100, str(ONTOLOGY_GRAPH): full[str(ONTOLOGY_GRAPH)]}, (
        "the other graphs are cleared"
    )
    push(method, server, built_dist)
    assert remote_sizes(store) == full
    assert holds(removed) and not holds(EXTRA)


def test_gsp_and_update_pushes_replace_each_other(server, built_dist, embedded):
    for method in ("gsp", "update", "gsp", "update"):
        push(method, server, built_dist)
    store = RemoteStore(server.query)
    assert remote_sizes(store) == graph_sizes(built_dist)
    assert same_dump(store, embedded)


@pytest.mark.parametrize(
    "endpoint, authenticated, store_url",
    [
        ("http://127.0.0.1:7878/query", False, "http://127.0.0.1:7878/store"),
        ("http://127.0.0.1:7878/query/", True, "http://127.0.0.1:7878/store"),
        ("http://localhost:3030/duikou/sparql", False, "http://localhost:3030/duikou/data"),
        ("http://127.0.0.1:8890/sparql", False, "http://127.0.0.1:8890/sparql-graph-crud"),
        ("http://127.0.0.1:8890/sparql/", True, "http://127.0.0.1:8890/sparql-graph-crud-auth"),
    ],
)
def test_store_url_is_guessed_for_known_layouts(endpoint, authenticated, store_url):
    assert store_url_for(endpoint, authenticated) == store_url


@pytest.mark.virtuoso
@pytest.mark.parametrize("method", ["gsp", "update"])
def test_virtuoso_refuses_an_anonymous_push_in_one_clear_line(method, scratch_virtuoso, built_dist):
    url = scratch_virtuoso + ("/sparql-graph-crud" if method == "gsp" else "/sparql")
    pusher = push_graph_store if method == "gsp" else push_update
    with pytest.raises(StoreError, match=rf"^{url} answered [45]\d\d [^\n]*Virtuoso|SECURITY"):
        pusher(url, built_dist)


def test_what_landed_is_counted_and_a_graph_that_differs_is_named(start_oxigraph, built_dist, variant_dists):
    base, sizes = start_oxigraph(persistent=False), graph_sizes(built_dist)
    push_graph_store(base + "/store", built_dist)
    assert landed(base + "/query", built_dist) == sum(sizes.values())
    push_graph_store(base + "/store", variant_dists[0]["smaller"])
    first = quad_lines(built_dist)[0].rsplit(" ", 2)[1][1:-1]
    with pytest.raises(StoreError, match=f"{base}/query holds other .*: {first} 100 of {sizes[first]}; "):
        landed(base + "/query", built_dist)


@pytest.mark.parametrize(
    "endpoint", ["http://127.0.0.1:8890/endpoint", "http://example.org/", "http://h/queryx"]
)
def test_store_url_is_refused_for_an_unknown_layout(endpoint):
    with pytest.raises(StoreError, match="--store"):
        store_url_for(endpoint)
