"""/sparql against a real `duikou serve`: real clients (SPARQLWrapper, rdflib's SPARQLStore) and raw HTTP."""

import csv
import http.client
import io
import json
import re
import time
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import VOID
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from graph.paths import ROOT
from graph.service import settings
from graph.store.dataset import DATA_GRAPH, ONTOLOGY_GRAPH
from webui import create_app
from webui.sparql.description import SD

PREFIX = "PREFIX dk: <https://w3id.org/duikou/def#>\n"
UNITS = PREFIX + "SELECT ?unit WHERE { ?unit a dk:SupportingUnit }"
PAIRS = PREFIX + (
    "CONSTRUCT { ?a dk:supportingUnit ?u ; dk:recipient ?c } "
    "WHERE { ?a a dk:Assignment ; dk:supportingUnit ?u ; dk:recipient ?c }"
)
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FORM = "application/x-www-form-urlencoded"


def exchange(base, method="GET", params=None, body=None, headers=None, path="/sparql"):
    """One raw HTTP exchange: (status, headers, body text); never raises for an error status."""
    host = urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    target = path + ("?" + urlencode(params, doseq=True) if params else "")
    if isinstance(body, dict):
        body, headers = urlencode(body, doseq=True), {"Content-Type": FORM, **(headers or {})}
    connection.request(
        method, target, body=body.encode("utf-8") if isinstance(body, str) else body, headers=headers or {}
    )
    response = connection.getresponse()
    data = response.read().decode("utf-8")
    connection.close()
    return response.status, response.headers, data


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


def count(base, **params):
    status, _, body = exchange(base, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **params})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_default_and_named_graph_uri(live_server):
    everything = count(live_server)
    data = count(live_server, **{"default-graph-uri": str(DATA_GRAPH)})
    ontology = count(live_server, **{"default-graph-uri": str(ONTOLOGY_GRAPH)})
    assert 0 < data < everything and data + ontology == everything
    assert count(live_server, **{"default-graph-uri": [str(DATA_GRAPH), str(ONTOLOGY_GRAPH)]}) == everything
    assert count(live_server, **{"default-graph-uri": "https://example.org/no-such-graph"}) == 0
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, _, body = exchange(live_server, params={"query": graphs, "named-graph-uri": str(ONTOLOGY_GRAPH)})
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [str(ONTOLOGY_GRAPH)]


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


class Outline(HTMLParser):
    """Tags with their attributes, and the text of <label>s and <a>s, of an HTML page."""

    def __init__(self, text):
        super().__init__()
        self.tags, self.texts, self.open = [], {}, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.open = (tag, len(self.tags) - 1)

    def handle_data(self, data):
        if self.open:
            self.texts[self.open[1]] = self.texts.get(self.open[1], "") + data

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def test_html_page_for_browsers(live_server):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, headers, body = exchange(live_server, headers={"Accept": accept})
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    page = Outline(body)
    assert page.find("html", lang="en")
    [_form] = page.find("form", method="get", action="/sparql")
    [textarea] = page.find("textarea", name="query")
    assert page.find("label", **{"for": textarea["id"]})
    examples = [a["href"] for a in page.find("a") if a["href"].startswith("/sparql?")]
    assert len(examples) >= 3
    for href in examples:
        query = parse_qs(urlsplit(href).query)
        assert exchange(live_server, params=query)[0] == 200
    assert "10 s" in body and "10000 rows" in body


# -- CORS, methods, sizes, content types ---------------------------------------------------------------


def test_cors_on_answers_and_errors_and_preflight(live_server):
    for params in ({"query": "ASK {}"}, {"query": "SELECT ?x WHERE { ?x ?p }"}):
        assert exchange(live_server, params=params)[1]["Access-Control-Allow-Origin"] == "*"
    status, headers, body = exchange(
        live_server,
        "OPTIONS",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert status == 204 and body == ""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert headers["Access-Control-Allow-Headers"] == "Content-Type, Accept"


@pytest.mark.parametrize(
    "method, params, body, headers",
    [
        ("POST", None, {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, None),
        ("GET", {"update": "CLEAR ALL"}, None, None),
        (
            "POST",
            None,
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            {"Content-Type": "application/sparql-update"},
        ),
        ("GET", {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, None, None),
        ("POST", None, "DROP ALL", {"Content-Type": "application/sparql-query"}),
    ],
)
def test_updates_are_refused_with_403(live_server, method, params, body, headers):
    status, response_headers, text = exchange(live_server, method, params=params, body=body, headers=headers)
    assert status == 403 and "read-only" in text
    assert response_headers["Content-Type"] == "text/plain; charset=utf-8"
    assert count(live_server) > 0


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_get_405(live_server, method):
    status, headers, _ = exchange(live_server, method, body="x", headers={"Content-Type": "text/turtle"})
    assert status == 405 and "POST" in headers["Allow"]


def test_big_bodies_get_413(live_server):
    query = "ASK {} #" + "x" * 100 * 1024
    as_body = {"Content-Type": "application/sparql-query"}
    assert exchange(live_server, "POST", body=query, headers=as_body)[0] == 413
    assert exchange(live_server, "POST", body={"query": query})[0] == 413


def test_huge_urls_get_414(live_server):
    assert exchange(live_server, params={"query": "ASK {} #" + "x" * 100 * 1024})[0] == 414


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/json",
        "application/sparql-query; charset=latin-1",
        FORM + "; charset=iso-8859-1",
    ],
)
def test_other_content_types_get_415(live_server, content_type):
    status, _, body = exchange(
        live_server, "POST", body="query=ASK%20%7B%7D", headers={"Content-Type": content_type}
    )
    assert status == 415 and ("application/sparql-query" in body or "UTF-8" in body)


def test_syntax_errors_get_400_with_line_and_column(live_server):
    status, headers, body = exchange(live_server, params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert status == 400 and headers["Content-Type"] == "text/plain; charset=utf-8"
    assert re.search(r"\b1:\d+\b", body), body
    status, headers, body = exchange(
        live_server,
        params={"query": "SELECT ?x WHERE {\n ?x ?p }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert status == 400 and headers["Content-Type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["status"] == 400 and re.search(r"\b2:\d+\b", error["message"])


def test_deep_nesting_gets_400(live_server):
    braces = "SELECT * WHERE " + "{" * 200 + "}" * 200
    parentheses = "ASK { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }"
    for query in (braces, parentheses):
        assert exchange(live_server, "POST", body={"query": query})[0] == 400
    assert count(live_server) > 0


# -- safety: SERVICE, FROM, time --------------------------------------------------------------------


def test_service_is_refused_and_never_called(live_server, canary):
    for query in (
        f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{canary.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{canary.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?g {{ <{canary.url}> }} SERVICE ?g {{ ?s ?p ?o }} }}",
    ):
        status, _, body = exchange(live_server, params={"query": query})
        assert status == 403 and "SERVICE" in body, body
    time.sleep(0.2)
    assert canary.requests == []


def test_service_in_a_string_runs(live_server):
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://x.example/>" AS ?x) }'
    status, _, body = exchange(live_server, params={"query": query})
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == "SERVICE <http://x.example/>"


def test_from_a_file_iri_is_an_empty_graph(live_server):
    query = "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    status, _, body = exchange(live_server, params={"query": query})
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    status, _, body = exchange(
        live_server,
        params={"query": "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }"},
    )
    assert status == 200 and json.loads(body)["results"]["bindings"] == []


def test_a_query_that_runs_forever_is_stopped(live_server_short_timeout):
    start = time.monotonic()
    status, headers, body = exchange(live_server_short_timeout, params={"query": FOREVER})
    assert time.monotonic() - start < 2 + 2
    assert status == 503 and headers["Retry-After"] == "2"
    assert "longer than 2 s" in body
    start = time.monotonic()
    assert count(live_server_short_timeout) > 0
    assert time.monotonic() - start < 1


# -- the app without a server: row cap, settings, a remote store ---------------------------------------


@pytest.fixture(scope="module")
def small_app(served_dist):
    return create_app({"DIST": served_dist, "ROW_LIMIT": 5})


def test_row_limit_truncates_and_says_so(small_app):
    web = small_app.test_client()
    response = web.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(response.get_json()["results"]["bindings"]) == 5
    assert response.headers["X-Duikou-Truncated"] == "true"
    assert response.headers["X-Duikou-Row-Limit"] == "5"
    graph = web.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert len(Graph().parse(data=graph.get_data(as_text=True), format="nt")) == 5
    assert graph.headers["X-Duikou-Truncated"] == "true"
    exact = web.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert len(exact.get_json()["results"]["bindings"]) == 5
    assert "X-Duikou-Truncated" not in exact.headers


def test_every_setting_is_documented():
    table = settings.markdown().splitlines()
    assert len(table) == 2 + len(settings.SETTINGS)
    for name, setting in settings.SETTINGS.items():
        assert any(line.startswith(f"| `{name}` |") for line in table)
        assert setting.description and "\n" not in setting.description and setting.description.endswith(".")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in table[2:]:
        assert line in readme, f"README.md lacks the settings row {line!r} (paste settings.markdown())"


def test_settings_from_the_environment_then_the_mapping(monkeypatch, served_dist):
    monkeypatch.setenv("DUIKOU_QUERY_TIMEOUT", "5")
    monkeypatch.setenv("DUIKOU_SERVICE_ALLOWLIST", '["https://query.wikidata.org/sparql"]')
    app = create_app({"DIST": served_dist, "ROW_LIMIT": 7, "PUBLIC_URL": "https://duikou.example/"})
    values = app.extensions["duikou"].settings
    assert values["QUERY_TIMEOUT"] == 5 and values["ROW_LIMIT"] == 7
    assert values["SERVICE_ALLOWLIST"] == ("https://query.wikidata.org/sparql",)
    assert app.config["MAX_CONTENT_LENGTH"] == 65536 and not app.debug
    description = Graph().parse(data=app.test_client().get("/sparql").get_data(as_text=True), format="turtle")
    assert (URIRef("https://duikou.example/sparql"), RDF.type, SD.Service) in description
    assert (URIRef("https://duikou.example/sparql"), SD.feature, SD.BasicFederatedQuery) in description


def test_an_allowed_service_is_called(served_dist, canary):
    web = create_app({"DIST": served_dist, "SERVICE_ALLOWLIST": [canary.url]}).test_client()
    query = f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}"
    response = web.get("/sparql", query_string={"query": query})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert len(canary.requests) == 1


def test_an_unreachable_remote_store_gives_502(closed_port):
    web = create_app({"ENDPOINT": f"http://127.0.0.1:{closed_port}/query"}).test_client()
    response = web.get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 502
    assert f"127.0.0.1:{closed_port}" in response.get_data(as_text=True)


def test_a_remote_store_answers_through_the_endpoint(remote_store, expected):
    web = create_app({"ENDPOINT": remote_store.endpoint}).test_client()
    response = web.get("/sparql", query_string={"query": UNITS})
    assert response.status_code == 200
    assert solutions(response.get_data(as_text=True)) == expected["units"]
    refused = web.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE ?g { ?s ?p ?o } }"})
    assert refused.status_code == 403


def test_the_app_itself_refuses_long_urls_with_414(small_app):
    response = small_app.test_client().get("/sparql", query_string={"query": "ASK {} #" + "x" * 9000})
    assert response.status_code == 414
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_wrong_setting_is_named(served_dist):
    with pytest.raises(settings.SettingError, match="QUERY_TIMEOUT"):
        create_app({"DIST": served_dist, "QUERY_TIMEOUT": "soon"})
    with pytest.raises(settings.SettingError, match="ROW_LIMIT"):
        create_app({"DIST": served_dist, "ROW_LIMIT": 0})


def test_serve_without_a_build_is_one_clear_line(tmp_path):
    from click.testing import CliRunner

    from graph.cli import main

    result = CliRunner().invoke(main, ["serve", "--dist", str(tmp_path / "nowhere"), "--port", "1"])
    assert result.exit_code == 1
    missing = tmp_path / "nowhere" / "duikou.nt"
    expected_line = f"error: no built graph at {missing}: run `duikou build` first"
    assert result.output.strip().splitlines() == [expected_line]
