"""/sparql against a real `duikou serve`: real clients (SPARQLWrapper, rdflib's SPARQLStore) and raw HTTP."""

import csv
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import VOID
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from sparql_http import count, exchange
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from graph.store.dataset import DATA_GRAPH, GRAPHS, ONTOLOGY_GRAPH
from helpers.html_tree import parse_html
from webui import create_app
from webui.http.i18n import STRINGS
from webui.sparql.description import SD

PREFIX = "PREFIX dk: <https://w3id.org/duikou/def#>\n"
UNITS = PREFIX + "SELECT ?unit WHERE { ?unit a dk:SupportingUnit }"
PAIRS = PREFIX + (
    "CONSTRUCT { ?a dk:supportingUnit ?u ; dk:recipient ?c } "
    "WHERE { ?a a dk:Assignment ; dk:supportingUnit ?u ; dk:recipient ?c }"
)


def solutions(text):
    return {b["unit"]["value"] for b in json.loads(text)["results"]["bindings"]}


@pytest.fixture(scope="module")
def expected(embedded_store):
    """What the embedded store answers directly, to compare the endpoint's answers with."""
    return {
        "units": {str(row[0]) for row in embedded_store.query(UNITS).rows},
        "pairs": embedded_store.query(PAIRS).graph,
    }


def client(live_server, query, fmt):
    wrapper = SPARQLWrapper(live_server + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper


# -- real clients ------------------------------------------------------------------------------------


def test_sparqlwrapper_json_xml_csv_tsv(live_server, expected):
    assert len(expected["units"]) == 63
    document = client(live_server, UNITS, JSON).query().convert()
    assert {b["unit"]["value"] for b in document["results"]["bindings"]} == expected["units"]
    xml = client(live_server, UNITS, XML).query().convert()
    assert {node.firstChild.data for node in xml.getElementsByTagName("uri")} == expected["units"]
    table = list(csv.reader(io.StringIO(client(live_server, UNITS, CSV).query().convert().decode("utf-8"))))
    assert table[0] == ["unit"] and {row[0] for row in table[1:]} == expected["units"]
    lines = client(live_server, UNITS, TSV).query().convert().decode("utf-8").splitlines()
    assert lines[0] == "?unit" and {line.strip("<>") for line in lines[1:]} == expected["units"]


def test_sparqlwrapper_ask_and_post(live_server, expected):
    assert client(live_server, "ASK { ?s a ?type }", JSON).query().convert() == {"head": {}, "boolean": True}
    wrapper = client(live_server, UNITS, JSON)
    wrapper.setMethod(POST)
    assert {b["unit"]["value"] for b in wrapper.query().convert()["results"]["bindings"]} == expected["units"]


@pytest.mark.parametrize("fmt, rdflib_format", [(TURTLE, "turtle"), (JSONLD, "json-ld"), (RDFXML, "xml")])
def test_sparqlwrapper_construct_in_each_rdf_format(live_server, expected, fmt, rdflib_format):
    response = client(live_server, PAIRS, fmt).query().response
    graph = Graph().parse(data=response.read(), format=rdflib_format)
    assert len(graph) == 122
    assert isomorphic(graph, expected["pairs"])


def test_construct_as_n_triples(live_server, expected):
    status, headers, body = exchange(
        live_server, params={"query": PAIRS}, headers={"Accept": "application/n-triples"}
    )
    assert (status, headers["Content-Type"]) == (200, "application/n-triples")
    assert isomorphic(Graph().parse(data=body, format="nt"), expected["pairs"])


def test_rdflib_sparqlstore(live_server, expected):
    graph = Graph(store=SPARQLStore(query_endpoint=live_server + "/sparql"))
    assert {str(row.unit) for row in graph.query(UNITS)} == expected["units"]
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    mof = URIRef("https://w3id.org/duikou/id/unit/mof")
    assert (mof, RDF.type, URIRef("https://w3id.org/duikou/def#SupportingUnit")) in graph
    assert isomorphic(graph.query(PAIRS).graph, expected["pairs"])


# -- the protocol ------------------------------------------------------------------------------------


def test_get_post_form_and_post_query_agree(live_server, expected):
    by_get = exchange(live_server, params={"query": UNITS})
    by_form = exchange(live_server, "POST", body={"query": UNITS})
    by_body = exchange(live_server, "POST", body=UNITS, headers={"Content-Type": "application/sparql-query"})
    for status, headers, body in (by_get, by_form, by_body):
        assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
        assert solutions(body) == expected["units"]


def test_default_and_named_graph_uri(live_server):
    everything = count(live_server)
    data = count(live_server, **{"default-graph-uri": str(DATA_GRAPH)})
    ontology = count(live_server, **{"default-graph-uri": str(ONTOLOGY_GRAPH)})
    each = [count(live_server, **{"default-graph-uri": str(graph)}) for graph in GRAPHS]
    assert 0 < data < everything and 0 < ontology < everything and sum(each) == everything
    assert count(live_server, **{"default-graph-uri": [str(graph) for graph in GRAPHS]}) == everything
    assert count(live_server, **{"default-graph-uri": "https://example.org/no-such-graph"}) == 0
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, _, body = exchange(live_server, params={"query": graphs, "named-graph-uri": str(ONTOLOGY_GRAPH)})
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [str(ONTOLOGY_GRAPH)]


def test_graph_finds_each_sources_graph_and_the_triples_it_states(live_server, served_dist):
    """`GRAPH ?g` over /sparql, from a real client: every source's named graph holds what the build put in
    it, and a pairing's source is the notice's graph."""
    built = json.loads((served_dist / "build.json").read_text(encoding="utf-8"))["graphs"]
    per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    rows = client(live_server, per_graph, JSON).query().convert()["results"]["bindings"]
    found = {row["g"]["value"]: int(row["n"]["value"]) for row in rows}
    assert {g: n for g, n in found.items() if g != str(ONTOLOGY_GRAPH)} == {
        g: n for g, n in built.items() if n
    }
    assert found[str(ONTOLOGY_GRAPH)] > 0
    who = (
        "SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/duikou/id/unit/mof> "
        "<https://w3id.org/duikou/def#supports> <https://w3id.org/duikou/id/division/360781> } }"
    )
    rows = client(live_server, who, JSON).query().convert()["results"]["bindings"]
    assert [row["g"]["value"] for row in rows] == [str(DATA_GRAPH)]


@pytest.mark.parametrize(
    "accept, content_type",
    [
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        (
            "application/sparql-results+json;q=0.1, text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
        ),
        ("text/html;q=0.9, text/*;q=0.8", "text/csv; charset=utf-8"),
        ("*/*", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_accept_with_q_values_picks_the_type(live_server, accept, content_type):
    status, headers, _ = exchange(live_server, params={"query": UNITS}, headers={"Accept": accept})
    assert (status, headers["Content-Type"]) == (200, content_type)
    assert "Accept" in {value.strip() for value in headers["Vary"].split(",")}


def test_accept_for_graphs(live_server):
    _, headers, _ = exchange(
        live_server,
        params={"query": PAIRS},
        headers={"Accept": "text/turtle;q=0.2, application/n-triples;q=0.8"},
    )
    assert headers["Content-Type"] == "application/n-triples"
    _, headers, _ = exchange(live_server, params={"query": PAIRS})
    assert headers["Content-Type"] == "text/turtle; charset=utf-8"


@pytest.mark.parametrize(
    "query, fmt, content_type",
    [
        (UNITS, "csv", "text/csv; charset=utf-8"),
        (UNITS, "text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        (UNITS, "xml", "application/sparql-results+xml"),
        (PAIRS, "jsonld", "application/ld+json"),
        (PAIRS, "rdf", "application/rdf+xml"),
        (PAIRS, "nt", "application/n-triples"),
    ],
)
def test_format_parameter_wins_over_accept(live_server, query, fmt, content_type):
    status, headers, _ = exchange(
        live_server,
        params={"query": query, "format": fmt},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert (status, headers["Content-Type"]) == (200, content_type)


@pytest.mark.parametrize(
    "params, headers",
    [
        ({"query": UNITS, "format": "png"}, {}),
        ({"query": UNITS}, {"Accept": "image/png"}),
        ({"query": PAIRS, "format": "csv"}, {}),
        ({"query": UNITS, "format": "ttl"}, {}),
    ],
)
def test_unavailable_formats_get_406_listing_the_available_ones(live_server, params, headers):
    status, response_headers, body = exchange(live_server, params=params, headers=headers)
    assert status == 406
    assert response_headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "use one of:" in body and ("text/csv" in body or "text/turtle" in body)


# -- the service description and the page ------------------------------------------------------------


@pytest.mark.parametrize(
    "accept, rdflib_format",
    [(None, "turtle"), ("*/*", "turtle"), ("text/turtle", "turtle"), ("application/ld+json", "json-ld")],
)
def test_service_description(live_server, accept, rdflib_format):
    status, _, body = exchange(live_server, headers={"Accept": accept} if accept else {})
    assert status == 200
    description = Graph().parse(data=body, format=rdflib_format)
    service = URIRef(live_server + "/sparql")
    assert (service, RDF.type, SD.Service) in description
    assert (service, SD.endpoint, service) in description
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    assert len(set(description.objects(service, SD.resultFormat))) == 8
    dataset = description.value(service, SD.defaultDataset)
    default = description.value(dataset, SD.defaultGraph)
    assert description.value(default, VOID.triples) == Literal(count(live_server))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_page_for_browsers(live_server, lang):
    """In the site's layout and the reader's language: the limits, a form that asks /sparql itself, the
    examples, the editor, and the service description for programs."""
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, headers, body = exchange(live_server, headers={"Accept": accept, "Accept-Language": lang})
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    page = parse_html(body)
    assert page.find("html").get("lang") == ("zh-Hans" if lang == "zh" else "en")
    assert page.find("header", class_="site") and page.find("nav") and page.find("footer", class_="site")
    assert page.find("h1").words() == STRINGS["sparql.title"][lang]
    form = page.find("main").find("form", method="get", action="/sparql")
    textarea = form.find("textarea", name="query")
    assert form.find("label", for_=textarea.get("id")).words() == STRINGS["editor.label"][lang]
    hrefs = [a.get("href") for a in page.find("main").find_all("a")]
    assert "/query" in hrefs
    examples = [href for href in hrefs if href.startswith("/sparql?query=")]
    assert len(examples) >= 3
    for href in examples:
        query = parse_qs(urlsplit(href).query)
        assert exchange(live_server, params=query)[0] == 200
    described = [href for href in hrefs if href.startswith("/sparql?format=")]
    assert described
    for href in described:
        assert exchange(live_server, params=parse_qs(urlsplit(href).query))[0] == 200
    limits = page.find("section", aria_labelledby="h-limits").words()
    assert STRINGS["sparql.limit.time"][lang].format(seconds="10") in limits
    assert STRINGS["sparql.limit.rows"][lang].format(rows=10000) in limits


def test_a_remote_store_answers_through_the_endpoint(remote_store, expected):
    web = create_app({"ENDPOINT": remote_store.endpoint}).test_client()
    response = web.get("/sparql", query_string={"query": UNITS})
    assert response.status_code == 200
    assert solutions(response.get_data(as_text=True)) == expected["units"]
    refused = web.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE ?g { ?s ?p ?o } }"})
    assert refused.status_code == 403
