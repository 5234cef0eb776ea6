"""Content negotiation, the same on every route: q-values, wildcards, q=0, parameters ignored for matching,
a 406 that names the formats of the answer's kind; and real RDF and SPARQL clients over HTTP."""

import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from graph.namespaces import DK
from helpers.linked import HTML, ID
from webui.http.accept import Offer, quality, ranges

CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7"
)
SAFARI = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
OLD_IE = "image/jpeg, application/x-ms-application, image/gif, application/xaml+xml, */*"
EXPANDED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"'
COMPACTED = 'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"; q=0.9'
SELECT = "SELECT ?unit WHERE { ?unit a <https://w3id.org/duikou/def#SupportingUnit> }"
CONSTRUCT = "CONSTRUCT { ?unit a <https://w3id.org/duikou/def#SupportingUnit> } WHERE { ?unit a ?type }"
RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv")
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")


def offered(response) -> str:
    """The formats a 406 (asked for in English) advises."""
    assert response.status_code == 406
    text = response.get_data(as_text=True)
    if response.mimetype == "application/json":  # for a client that accepts JSON but not text
        text = json.loads(text)["error"]["message"]
    return text.splitlines()[0].split("use one of:")[1]


# -- the rule: RFC 9110 §12.5.1 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "offer, q",
    [
        ("text/plain;format=flowed", 1),
        ("text/plain", 0.7),
        ("text/html", 0.3),
        ("image/jpeg", 0.5),
        ("text/plain;format=fixed", 0.4),
        # 0.7 in RFC 7231's version of this example, whose header had text/html;q=0.7; in this header only
        # text/* names it
        ("text/html;level=3", 0.3),
    ],
)
def test_rfc_9110_example_qualities(offer, q):
    accept = (
        "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5"
    )
    assert quality(Offer(offer, "x"), ranges(accept)) == q


def test_rfc_9110_more_specific_ranges_override():
    accepted = ranges("text/*, text/plain, text/plain;format=flowed, */*")
    assert all(quality(Offer(t, "x"), accepted) == 1 for t in ("text/plain;format=flowed", "text/plain"))
    excluded = ranges("text/*;q=0.5, text/turtle;q=0")
    assert quality(Offer("text/turtle", "x"), excluded) == 0
    assert quality(Offer("text/csv", "x"), excluded) == 0.5


def test_an_alias_is_chosen_only_by_its_own_name():
    alias = Offer("application/json", "jsonld", alias=True)
    assert quality(alias, ranges("*/*")) == quality(alias, ranges("application/*")) == 0
    assert quality(alias, ranges("application/json;q=0.6")) == 0.6


# -- /id: 303 to the page or the data, or 406 ------------------------------------------------------------


@pytest.mark.parametrize(
    "accept, target",
    [
        (None, "/page/unit/mof"),
        ("*/*", "/page/unit/mof"),
        (CHROME, "/page/unit/mof"),
        (SAFARI, "/page/unit/mof"),
        (OLD_IE, "/page/unit/mof"),
        ("text/*", "/page/unit/mof"),
        ("text/turtle;charset=utf-8", "/data/unit/mof"),
        ("text/turtle; charset=UTF-8; q=0.9, text/html;q=0.5", "/data/unit/mof"),
        (EXPANDED, "/data/unit/mof"),
        (COMPACTED, "/data/unit/mof"),
        ("application/n-triples;charset=utf-8", "/data/unit/mof"),
        ("text/html;q=0, */*", "/data/unit/mof"),
        ("application/*", "/data/unit/mof"),
        ("application/*, text/html;q=0.1", "/data/unit/mof"),
        ("text/plain, */*;q=0.1", "/data/unit/mof"),  # rdflib's Accept for N-Triples
        ("text/html;charset=utf-8", "/page/unit/mof"),
        ("application/xhtml+xml;q=0.9, text/turtle;q=0.2", "/page/unit/mof"),
    ],
)
def test_id_303_by_accept(client, accept, target):
    response = client.get("/id/unit/mof", headers={"Accept": accept} if accept else {})
    assert (response.status_code, response.headers["Location"]) == (303, target)
    assert "Accept" in response.vary


@pytest.mark.parametrize(
    "accept", ["image/png", "text/html;q=0, application/*;q=0", "*/*;q=0", "application/sparql-results+json"]
)
def test_id_406_names_the_page_and_the_rdf_formats(client, accept):
    response = client.get("/id/unit/mof", headers={"Accept": accept, "Accept-Language": "en"})
    assert "Location" not in response.headers
    formats = offered(response)
    assert "text/html" in formats and all(kind in formats for kind in GRAPH_TYPES)
    assert "sparql-results" not in formats


def test_an_unknown_iri_is_404_whatever_it_asks_for(client):
    assert client.get("/id/unit/no-such-unit", headers={"Accept": "image/png"}).status_code == 404


# -- /data, /def, /dataset: the same rule ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/data/unit/mof", "/def", "/dataset"])
@pytest.mark.parametrize(
    "accept, mimetype",
    [
        ("text/turtle;charset=utf-8", "text/turtle"),
        (EXPANDED, "application/ld+json"),
        (f"{COMPACTED}, text/turtle;q=0.5", "application/ld+json"),
        ("application/rdf+xml;charset=utf-8;q=0.5, application/n-triples;q=0.4", "application/rdf+xml"),
        ("text/html;q=0, */*", "text/turtle"),
        ("application/*", "application/n-triples"),
        ("application/*, text/html;q=0.1", "application/n-triples"),
        ("text/plain", "application/n-triples"),
    ],
)
def test_rdf_by_accept_with_parameters_and_wildcards(client, path, accept, mimetype):
    response = client.get(path, headers={"Accept": accept})
    assert (response.status_code, response.mimetype) == (200, mimetype)
    assert "Accept" in response.vary
    assert len(Graph().parse(data=response.get_data(), format=mimetype)) > 0


@pytest.mark.parametrize("path", ["/def", "/dataset"])
@pytest.mark.parametrize("accept", [None, "*/*", CHROME, SAFARI, OLD_IE, HTML, "text/html;charset=utf-8"])
def test_pages_stay_pages_for_browsers(client, path, accept):
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert (response.status_code, response.mimetype) == (200, "text/html")


@pytest.mark.parametrize("path", ["/data/unit/mof", "/def", "/dataset"])
def test_406_for_nothing_offered(client, path):
    response = client.get(path, headers={"Accept": "image/png", "Accept-Language": "en"})
    assert response.status_code == 406
    assert all(kind in response.get_data(as_text=True) for kind in GRAPH_TYPES)


# -- /queries/NAME: the page, or its answer for a client that prefers one -----------------------------


@pytest.mark.parametrize(
    "accept, mimetype",
    [
        (None, "text/html"),
        (CHROME, "text/html"),
        ("application/sparql-results+json;charset=utf-8", "application/sparql-results+json"),
        ("text/csv; charset=utf-8", "text/csv"),
        ("text/html;q=0, */*", "application/sparql-results+json"),
    ],
)
def test_a_named_query_page_or_its_answer(client, accept, mimetype):
    response = client.get(
        "/queries/units-of-county?county=id:division/360781", headers={"Accept": accept} if accept else {}
    )
    assert (response.status_code, response.mimetype) == (200, mimetype)
    if mimetype == "application/sparql-results+json":
        assert json.loads(response.get_data())["results"]["bindings"]
        location = response.headers["Content-Location"]
        assert location == "/queries/units-of-county.json?county=id:division/360781"
        assert client.get(location).get_data() == response.get_data()


def test_a_named_query_406_names_its_kind(client):
    solutions = client.get(
        "/queries/units-of-county", headers={"Accept": "text/turtle", "Accept-Language": "en"}
    )
    graph = client.get("/queries/pairings-graph", headers={"Accept": "text/csv", "Accept-Language": "en"})
    assert "text/html" in offered(solutions) and "text/csv" in offered(solutions)
    assert "text/turtle" not in offered(solutions)
    assert "text/turtle" in offered(graph) and "text/csv" not in offered(graph)


# -- /sparql ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, accept, mimetype",
    [
        (SELECT, "application/sparql-results+json;charset=utf-8", "application/sparql-results+json"),
        (SELECT, "text/csv; charset=utf-8", "text/csv"),
        (SELECT, "text/tab-separated-values;charset=utf-8", "text/tab-separated-values"),
        (SELECT, "application/*", "application/sparql-results+json"),
        (CONSTRUCT, "text/turtle;charset=utf-8", "text/turtle"),
        (CONSTRUCT, EXPANDED, "application/ld+json"),
        (CONSTRUCT, "text/html;q=0, */*", "text/turtle"),
    ],
)
def test_sparql_accept_with_parameters(client, query, accept, mimetype):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert (response.status_code, response.mimetype) == (200, mimetype)


@pytest.mark.parametrize(
    "query, accept, listed, not_listed",
    [
        (SELECT, "text/turtle;charset=utf-8", RESULT_TYPES, GRAPH_TYPES),
        (SELECT, "image/png", RESULT_TYPES, GRAPH_TYPES),
        (CONSTRUCT, "text/csv; charset=utf-8", GRAPH_TYPES, RESULT_TYPES),
        (CONSTRUCT, "image/png", GRAPH_TYPES, RESULT_TYPES),
    ],
)
def test_sparql_406_lists_the_formats_of_the_answers_kind(client, query, accept, listed, not_listed):
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": accept, "Accept-Language": "en"}
    )
    formats = offered(response)
    assert all(kind in formats for kind in listed) and not any(kind in formats for kind in not_listed)


def test_a_406_says_it_in_both_languages_the_requests_first(client):
    for lang, first, second in (("zh", "可用的格式", "use one of:"), ("en", "use one of:", "可用的格式")):
        response = client.get("/def", headers={"Accept": "image/png", "Accept-Language": lang})
        lines = response.get_data(as_text=True).splitlines()
        assert response.status_code == 406 and len(lines) == 2
        assert first in lines[0] and second in lines[1]


@pytest.mark.parametrize(
    "accept, mimetype",
    [
        (None, "text/plain"),
        ("*/*", "text/plain"),
        ("text/html;charset=utf-8", "text/html"),
        (CHROME, "text/html"),
        ("application/json;charset=utf-8", "application/json"),
        ("application/sparql-results+json, text/plain;q=0.1", "application/json"),
    ],
)
def test_an_error_body_by_the_same_rule(client, accept, mimetype):
    response = client.get("/page/unit/no-such-unit", headers={"Accept": accept} if accept else {})
    assert (response.status_code, response.mimetype) == (404, mimetype)


# -- real clients over HTTP -------------------------------------------------------------------------------


@pytest.mark.parametrize("rdflib_format", [None, "turtle", "json-ld", "xml", "nt"])
def test_rdflib_dereferences_an_iri(live_server, rdflib_format):
    """rdflib fetches /id/unit/mof with its own Accept for each format, follows the 303 and reads RDF."""
    graph = Graph().parse(live_server + "/id/unit/mof", format=rdflib_format)
    assert (URIRef(ID + "unit/mof"), RDF.type, DK.SupportingUnit) in graph


@pytest.mark.parametrize(
    "accept, fmt", [("application/sparql-results+json;charset=utf-8", JSON), ("text/csv; charset=utf-8", CSV)]
)
def test_sparqlwrapper_with_a_charset_in_accept(live_server, accept, fmt):
    wrapper = SPARQLWrapper(live_server + "/sparql")
    wrapper.setQuery(SELECT)
    wrapper.setReturnFormat(fmt)
    wrapper.setOnlyConneg(True)
    wrapper.addCustomHttpHeader("Accept", accept)
    answer = wrapper.query()
    assert answer.info()["content-type"].startswith(accept.split(";")[0])
    converted = answer.convert()
    rows = converted["results"]["bindings"] if fmt == JSON else converted.decode("utf-8").splitlines()[1:]
    assert len(rows) == 63
