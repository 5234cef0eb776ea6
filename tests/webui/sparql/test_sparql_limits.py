"""/sparql's limits: CORS, methods, sizes and content types, SERVICE, FROM and time against a real
`duikou serve`; the row cap, the settings and a remote store in an app without a server."""

import json
import re
import time

import pytest
from rdflib import RDF, Graph, URIRef
from sparql_http import FORM, count, exchange

from graph.paths import ROOT
from graph.service import settings
from webui import create_app
from webui.sparql.description import SD

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


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
    assert {"GET", "POST"} <= {m.strip() for m in headers["Access-Control-Allow-Methods"].split(",")}
    assert {"Content-Type", "Accept"} <= {
        h.strip() for h in headers["Access-Control-Allow-Headers"].split(",")
    }


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
    missing = tmp_path / "nowhere" / "duikou.nq"
    expected_line = f"error: no built graph at {missing}: run `duikou build` first"
    assert result.output.strip().splitlines() == [expected_line]
