"""Pushing the build into a remote store: both protocols replace our graphs, and every failure is a
clear StoreError."""

import shutil
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef

from graph.errors import StoreError
from graph.paths import ONTOLOGY
from graph.store.dataset import DATA_GRAPH, ONTOLOGY_GRAPH
from graph.store.embedded import EmbeddedStore
from graph.store.push import push_graph_store, push_update, store_url_for
from graph.store.remote import RemoteStore

PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
DUMP = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
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
    """Both stores hold the same quads (blank nodes aside)."""
    dump = [store.query(DUMP, default_graphs=[]).comparable() for store in (one, other)]
    return dump[0] == dump[1]


def push(method: str, base: str, dist) -> None:
    if method == "gsp":
        push_graph_store(base + "/store", dist)
    else:
        push_update(base + "/update", dist)


@pytest.fixture
def fresh_server(start_oxigraph):
    """An empty in-memory Oxigraph server of this test's own."""
    return start_oxigraph(persistent=False)


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
def test_push_loads_data_and_ontology_into_their_graphs(method, fresh_server, built_dist, embedded):
    push(method, fresh_server, built_dist)
    store = RemoteStore(fresh_server + "/query")
    assert remote_sizes(store) == graph_sizes(built_dist)
    assert len(store) == sum(graph_sizes(built_dist).values()) == len(embedded)
    assert same_dump(store, embedded)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_replaces_the_graphs(method, fresh_server, built_dist, variant_dists):
    (made, removed), store = variant_dists, RemoteStore(fresh_server + "/query")
    full = graph_sizes(built_dist)
    ask_extra = "ASK { ?s ?p ?o }"

    def holds(triple) -> bool:
        return store.query(ask_extra, dict(zip("spo", triple, strict=True))).boolean

    push(method, fresh_server, built_dist)
    assert remote_sizes(store) == full
    push(method, fresh_server, made["modified"])
    assert remote_sizes(store) == full, "one triple less and one more"
    assert holds(EXTRA) and not holds(removed)
    push(method, fresh_server, made["smaller"])
    first = quad_lines(built_dist)[0].rsplit(" ", 2)[1][1:-1]
    assert remote_sizes(store) == {first: 100, str(ONTOLOGY_GRAPH): full[str(ONTOLOGY_GRAPH)]}, (
        "the other graphs are cleared"
    )
    push(method, fresh_server, built_dist)
    assert remote_sizes(store) == full
    assert holds(removed) and not holds(EXTRA)


def test_gsp_and_update_pushes_replace_each_other(fresh_server, built_dist, embedded):
    for method in ("gsp", "update", "gsp", "update"):
        push(method, fresh_server, built_dist)
    store = RemoteStore(fresh_server + "/query")
    assert remote_sizes(store) == graph_sizes(built_dist)
    assert same_dump(store, embedded)


@pytest.mark.parametrize(
    "endpoint, store_url",
    [
        ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),
        ("http://127.0.0.1:7878/query/", "http://127.0.0.1:7878/store"),
        ("http://localhost:3030/duikou/sparql", "http://localhost:3030/duikou/data"),
    ],
)
def test_store_url_is_guessed_for_known_layouts(endpoint, store_url):
    assert store_url_for(endpoint) == store_url


@pytest.mark.parametrize(
    "endpoint", ["http://127.0.0.1:8890/endpoint", "http://example.org/", "http://h/queryx"]
)
def test_store_url_is_refused_for_an_unknown_layout(endpoint):
    with pytest.raises(StoreError, match="--store"):
        store_url_for(endpoint)
