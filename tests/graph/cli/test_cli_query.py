"""`duikou query` and `duikou push` against a real build and a real Oxigraph server: formats that parse back,
exit codes that mean something (2 wrong input, 1 the store failed), and one-line errors, never tracebacks."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from graph.cli import main
from graph.namespaces import ID
from graph.paths import ONTOLOGY
from graph.store.embedded import EmbeddedStore
from graph.store.named import catalogue
from helpers import virtuoso

UNITS_OF_COUNTY = "units-of-county"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line_error(result, exit_code: int) -> str:
    """Assert the command failed cleanly with `exit_code` and an `error:` line on stderr; return that line."""
    assert result.exit_code == exit_code, (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and result.stdout == ""
    return last


@pytest.fixture(scope="module")
def embedded(built_dist):
    return EmbeddedStore.from_dist(built_dist)


@pytest.fixture(scope="module")
def expected(embedded):
    """The rows of units-of-county on the embedded store, by parameter values."""

    def rows(values=None):
        result = catalogue().get(UNITS_OF_COUNTY).run(embedded, values)
        return result.variables, result.dicts()

    return rows


@pytest.fixture(scope="module")
def two_unit_county(embedded):
    """A recipient county that two units support (not the query's default one)."""
    result = embedded.query("""
        SELECT ?county WHERE {
          ?county a <https://w3id.org/duikou/def#RecipientCounty> ;
                  <https://w3id.org/duikou/def#supportedBy> ?a , ?b FILTER(STR(?a) < STR(?b))
        } ORDER BY DESC(?county) LIMIT 1""")
    county = result.rows[0][0]
    assert str(county) != catalogue().get(UNITS_OF_COUNTY).parameters[0].default
    return county


def json_rows(text: str) -> tuple[list[str], list[dict[str, dict]]]:
    document = json.loads(text)
    return document["head"]["vars"], document["results"]["bindings"]


def json_term(value: dict):
    if value["type"] == "uri":
        return URIRef(value["value"])
    return Literal(value["value"], lang=value.get("xml:lang"), datatype=value.get("datatype"))


def as_terms(bindings: list[dict[str, dict]]) -> list[dict]:
    return [{k: json_term(v) for k, v in row.items()} for row in bindings]


def same_rows(a: list[dict], b: list[dict]) -> bool:
    key = lambda row: sorted((k, v.n3()) for k, v in row.items())  # noqa: E731
    return sorted(map(key, a)) == sorted(map(key, b))


# -- listing and formats (embedded store) --------------------------------------------------------------


def test_query_without_a_name_lists_every_named_query():
    result = run("query")
    assert result.exit_code == 0, result.output
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == list(catalogue().all())
    line = next(line for line in result.stdout.splitlines() if line.startswith(UNITS_OF_COUNTY + " "))
    assert "county=https://w3id.org/duikou/id/division/" in line and "lang=zh" in line


def test_table_format(built_dist, expected):
    result = run("query", UNITS_OF_COUNTY, "--dist", built_dist)
    assert result.exit_code == 0, result.output
    variables, rows = expected()
    lines = result.stdout.splitlines()
    assert lines[0].split() == variables
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == f"({len(rows)} rows)"
    assert len(lines) == len(rows) + 3
    for row in rows:
        assert any(line.startswith("id:" + str(row["unit"])[len(str(ID)) :]) for line in lines[2:-1])


def test_json_format(built_dist, expected):
    result = run("query", UNITS_OF_COUNTY, "--format", "json", "--dist", built_dist)
    assert result.exit_code == 0, result.output
    variables, bindings = json_rows(result.stdout)
    assert (variables, as_terms(bindings)) == expected()
    assert all(b["unit"]["type"] == "uri" and b["unitLabel"]["xml:lang"] == "zh" for b in bindings)


def test_csv_format(built_dist, expected):
    result = run("query", UNITS_OF_COUNTY, "--format", "csv", "--dist", built_dist)
    assert result.exit_code == 0, result.output
    header, *rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    variables, expected_rows = expected()
    assert header == variables
    assert sorted(row[header.index("unit")] for row in rows) == sorted(str(r["unit"]) for r in expected_rows)
    texts = sorted(row[header.index("lineText")] for row in rows)
    assert texts == sorted(str(r["lineText"]) for r in expected_rows)


def test_tsv_format(built_dist, expected):
    result = run("query", UNITS_OF_COUNTY, "--format", "tsv", "--dist", built_dist)
    assert result.exit_code == 0, result.output
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    variables, expected_rows = expected()
    assert header == [f"?{v}" for v in variables]
    assert sorted(row[0] for row in rows) == sorted(r["unit"].n3() for r in expected_rows)


def test_xml_format(built_dist, expected):
    result = run("query", UNITS_OF_COUNTY, "--format", "xml", "--dist", built_dist)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout.encode("utf-8"))
    names = [v.get("name") for v in root.iter(SPARQL_RESULTS + "variable")]
    assert names == expected()[0]
    assert len(list(root.iter(SPARQL_RESULTS + "result"))) == len(expected()[1])


def test_a_graph_query_writes_rdf(built_dist):
    graph_queries = [
        q.name for q in catalogue().all().values() if "CONSTRUCT" in q.text or "DESCRIBE" in q.text
    ]
    assert graph_queries, "a CONSTRUCT or DESCRIBE named query to test the graph writers with"
    result = run("query", graph_queries[0], "--format", "json", "--dist", built_dist)
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(data=result.stdout, format="json-ld")) > 0


def test_param_with_a_value(built_dist, expected, two_unit_county):
    short = "id:" + str(two_unit_county)[len(str(ID)) :]
    result = run(
        "query",
        UNITS_OF_COUNTY,
        "--param",
        f"county={short}",
        "-p",
        "lang=en",
        "--format",
        "json",
        "--dist",
        built_dist,
    )
    assert result.exit_code == 0, result.output
    _, bindings = json_rows(result.stdout)
    rows = as_terms(bindings)
    assert len(rows) == 2
    assert rows == expected({"county": str(two_unit_county), "lang": "en"})[1]
    assert all(row["unitLabel"].language == "en" for row in rows)
    assert rows != expected()[1]


# -- wrong input: exit 2, one line ----------------------------------------------------------------------


def test_unknown_query_exits_2(built_dist):
    line = one_line_error(run("query", "no-such-query", "--dist", built_dist), 2)
    assert "no-such-query" in line and UNITS_OF_COUNTY in line


@pytest.mark.parametrize(
    "param, words",
    [
        ("county=not an iri", "not an http(s) IRI"),
        ("county=http://example.org/a>b", "not an http(s) IRI"),
        ("lang=中文", "not a language tag"),
        ("nosuch=1", "has no parameter nosuch"),
        ("county", "KEY=VALUE"),
    ],
)
def test_bad_parameter_exits_2(built_dist, param, words):
    line = one_line_error(run("query", UNITS_OF_COUNTY, "--param", param, "--dist", built_dist), 2)
    assert words in line


def test_query_without_a_build_says_how_to_make_one(tmp_path):
    line = one_line_error(run("query", UNITS_OF_COUNTY, "--dist", tmp_path), 2)
    assert "run `duikou build` first" in line


# -- the remote store ------------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [[], ["-p", "lang=en"]], ids=["defaults", "lang-en"])
def test_endpoint_gives_the_same_rows_as_embedded(remote_store, built_dist, values):
    here = run("query", UNITS_OF_COUNTY, *values, "--format", "json", "--dist", built_dist)
    there = run("query", UNITS_OF_COUNTY, *values, "--format", "json", "--endpoint", remote_store.endpoint)
    assert here.exit_code == there.exit_code == 0, (here.output, there.output)
    (here_vars, here_rows), (there_vars, there_rows) = json_rows(here.stdout), json_rows(there.stdout)
    assert here_vars == there_vars and here_rows
    assert same_rows(as_terms(here_rows), as_terms(there_rows))


def test_endpoint_table_matches_embedded_table(remote_store, built_dist):
    here = run("query", "pairings", "--dist", built_dist)
    there = run("query", "pairings", "--endpoint", remote_store.endpoint)
    assert here.exit_code == there.exit_code == 0
    assert sorted(here.stdout.splitlines()) == sorted(there.stdout.splitlines())


def test_endpoint_at_a_closed_port_exits_1(closed_port):
    endpoint = f"http://127.0.0.1:{closed_port}/query"
    line = one_line_error(run("query", UNITS_OF_COUNTY, "--endpoint", endpoint, "--timeout", "2"), 1)
    assert f"cannot reach {endpoint}" in line


def test_endpoint_with_a_malformed_answer_exits_1_not_a_traceback(oxigraph_server):
    """The web UI's root is not an endpoint: a clear error, not a JSON traceback."""
    result = run("query", UNITS_OF_COUNTY, "--endpoint", oxigraph_server + "/", "--timeout", "5")
    line = one_line_error(result, 1)
    assert oxigraph_server in line


def pushed_line(endpoint: str, dist) -> str:
    """What `duikou push` says when the data and the ontology are all there."""
    triples = len(Graph().parse(dist / "duikou.nt", format="nt")) + len(Graph().parse(ONTOLOGY))
    return f"pushed; {endpoint} now holds {triples} triples in our graphs, as sent"


def test_push_by_graph_store_protocol(start_oxigraph, built_dist):
    base = start_oxigraph(persistent=False)
    result = run("push", "--endpoint", base + "/query", "--dist", built_dist)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == pushed_line(base + "/query", built_dist)
    assert f"{base}/store" in result.stderr
    again = run("push", "--endpoint", base + "/query", "--dist", built_dist)
    assert again.stdout == result.stdout, "a second push replaces, never adds"
    listed = run("query", "pairings", "--format", "csv", "--endpoint", base + "/query")
    assert listed.exit_code == 0 and len(listed.stdout.strip().splitlines()) == 1 + 61


def test_push_by_sparql_update(start_oxigraph, built_dist):
    base = start_oxigraph(persistent=False)
    result = run("push", "--endpoint", base + "/query", "--update", base + "/update", "--dist", built_dist)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == pushed_line(base + "/query", built_dist)


@pytest.mark.virtuoso
@pytest.mark.parametrize("how", [[], ["--update", "/sparql-auth"]], ids=["gsp", "update"])
def test_push_to_virtuoso_with_credentials_from_the_environment(start_virtuoso, built_dist, how, monkeypatch):
    base = start_virtuoso()
    monkeypatch.setenv("DUIKOU_STORE_USER", virtuoso.DBA[0])
    monkeypatch.setenv("DUIKOU_STORE_PASSWORD", virtuoso.DBA[1])
    args = [base + a if a.startswith("/") else a for a in how]
    result = run("push", "--endpoint", base + "/sparql", *args, "--dist", built_dist)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == pushed_line(base + "/sparql", built_dist)
    assert f"{base}/{'sparql-auth' if how else 'sparql-graph-crud-auth'} " in result.stderr
    listed = run("query", "pairings", "--format", "csv", "--endpoint", base + "/sparql")
    assert listed.exit_code == 0 and len(listed.stdout.strip().splitlines()) == 1 + 61


def test_push_with_a_user_but_no_password_is_a_usage_error(closed_port, built_dist, monkeypatch):
    monkeypatch.delenv("DUIKOU_STORE_PASSWORD", raising=False)
    endpoint = f"http://127.0.0.1:{closed_port}/sparql"
    line = one_line_error(run("push", "--endpoint", endpoint, "--user", "dba", "--dist", built_dist), 2)
    assert "--password" in line


def test_push_with_an_explicit_store_url(start_oxigraph, built_dist):
    base = start_oxigraph(persistent=False)
    result = run("push", "--endpoint", base + "/query", "--store", base + "/store", "--dist", built_dist)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("how", [[], ["--update", "UPDATE"]], ids=["gsp", "update"])
def test_push_to_a_closed_port_exits_1(closed_port, built_dist, how):
    base = f"http://127.0.0.1:{closed_port}"
    args = [a.replace("UPDATE", base + "/update") for a in how]
    line = one_line_error(
        run("push", "--endpoint", base + "/query", *args, "--timeout", "2", "--dist", built_dist), 1
    )
    assert f"cannot reach {base}/" in line


def test_push_to_an_unknown_layout_asks_for_the_store_url(built_dist, closed_port):
    line = one_line_error(
        run("push", "--endpoint", f"http://127.0.0.1:{closed_port}/sparql-endpoint", "--dist", built_dist), 1
    )
    assert "--store" in line


def test_push_without_a_build_exits_1(tmp_path, oxigraph_server):
    line = one_line_error(run("push", "--endpoint", oxigraph_server + "/query", "--dist", tmp_path), 1)
    assert "run `duikou build` first" in line
