"""Relative IRIs in a query resolve against the endpoint's URL (RFC 3986 §5.1.3), or PUBLIC_URL's, on the
embedded store, through the full check (FROM), and on a remote store; a query's own BASE wins."""

import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import TURTLE, SPARQLWrapper

from graph.errors import StoreError
from graph.store.sparql_text import with_base
from webui import create_app

TRIPLE = "CONSTRUCT { <s> <p> 1 } WHERE {}"


def answer(client, query) -> Graph:
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/n-triples"}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return Graph().parse(data=response.get_data(), format="nt")


def only(graph: Graph) -> tuple:
    (triple,) = list(graph)
    return triple


def test_against_the_url_the_endpoint_was_asked_at(client):
    assert only(answer(client, TRIPLE)) == (
        URIRef("http://localhost/s"),
        URIRef("http://localhost/p"),
        Literal(1),
    )


def test_the_querys_own_base_wins(client):
    base = "BASE <https://example.org/elsewhere/> " + TRIPLE
    assert only(answer(client, base))[0] == URIRef("https://example.org/elsewhere/s")


@pytest.fixture(scope="module")
def public(built_dist):
    """The app served as https://w3id.org/duikou/ (its public URL), so that graph/… names our graphs."""
    return create_app({"DIST": built_dist, "PUBLIC_URL": "https://w3id.org/duikou/"}).test_client()


def test_against_the_public_url(public):
    assert only(answer(public, TRIPLE))[0] == URIRef("https://w3id.org/duikou/s")


def test_relative_from_and_graph_iris_through_the_full_check(public):
    """FROM sends the query through rdflib's check, which must resolve it as the store does."""
    query = "SELECT (COUNT(*) AS ?n) FROM <graph/def> WHERE { ?s a <http://www.w3.org/2002/07/owl#Class> }"
    response = public.get("/sparql", query_string={"query": query})
    assert response.status_code == 200
    assert int(response.get_json()["results"]["bindings"][0]["n"]["value"]) > 10


def test_the_editor_resolves_them_too(public):
    response = public.get("/query", query_string={"query": TRIPLE})
    assert response.status_code == 200 and "https://w3id.org/duikou/s" in response.get_data(as_text=True)


def test_sparqlwrapper_over_http(live_server):
    wrapper = SPARQLWrapper(live_server + "/sparql")
    wrapper.setQuery(TRIPLE)
    wrapper.setReturnFormat(TURTLE)
    graph = Graph().parse(data=wrapper.query().convert(), format="turtle")
    assert only(graph)[:2] == (URIRef(live_server + "/s"), URIRef(live_server + "/p"))


def test_a_remote_store_gets_the_base_too(remote_store):
    result = remote_store.query(TRIPLE, base_iri="https://example.org/a/b")
    assert only(result.as_graph())[0] == URIRef("https://example.org/a/s")


@pytest.mark.parametrize("base", ["https://example.org/> } SELECT", "https://example.org/ x", ""])
def test_a_base_that_could_escape_its_brackets_is_refused(base):
    with pytest.raises(StoreError):
        with_base(TRIPLE, base)
