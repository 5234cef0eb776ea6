"""Literals as the endpoint writes them: TSV escapes what would break a row, XML keeps a carriage return,
every results format reads back the very value the query bound, and answers and entity data keep each
literal's own text in every format."""

import io
import json
import shutil
from xml.etree import ElementTree

import pyoxigraph
import pytest
from rdflib import Literal
from rdflib.query import Result
from SPARQLWrapper import JSON, TSV, SPARQLWrapper

from helpers.linked import ID
from webui import create_app

TRICKY = 'tab\there, line\nend, return\rhere, back\\slash, "quoted"'
# the same value written with SPARQL's string escapes, so the query text itself stays on one line
TRICKY_QUERY = 'SELECT ?plain ?tagged WHERE { VALUES (?plain ?tagged) { ("%s" "%s"@zh) } }' % (
    (
        TRICKY.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace('"', '\\"'),
    )
    * 2
)


def test_tsv_escapes_tab_line_ends_backslash_and_quote(client):
    response = client.get("/sparql", query_string={"query": TRICKY_QUERY, "format": "tsv"})
    assert response.status_code == 200
    lines = response.get_data(as_text=True).split("\n")
    assert lines[0] == "?plain\t?tagged" and lines[2:] == [""], "one line per row"
    escaped = '"tab\\there, line\\nend, return\\rhere, back\\\\slash, \\"quoted\\""'
    assert lines[1].split("\t") == [escaped, escaped + "@zh"]


@pytest.mark.parametrize("fmt", ["tsv", "json", "xml", "csv"])
def test_rdflib_reads_back_the_value(client, fmt):
    response = client.get("/sparql", query_string={"query": TRICKY_QUERY, "format": fmt})
    (row,) = list(Result.parse(io.BytesIO(response.get_data()), format=fmt))
    if fmt == "csv":  # CSV keeps no language tag
        assert [str(term) for term in row] == [TRICKY, TRICKY]
    else:
        assert list(row) == [Literal(TRICKY), Literal(TRICKY, lang="zh")]


def test_sparqlwrapper_tsv_over_http(live_server):
    wrapper = SPARQLWrapper(live_server + "/sparql")
    wrapper.setQuery(TRICKY_QUERY)
    wrapper.setReturnFormat(TSV)
    body = wrapper.query().convert()
    (row,) = list(Result.parse(io.BytesIO(body), format="tsv"))
    assert list(row) == [Literal(TRICKY), Literal(TRICKY, lang="zh")]


# -- each literal's own text: rdflib would rewrite it in canonical form (Oxigraph keeps these as written) --

X = "http://www.w3.org/2001/XMLSchema#"
KEPT = [("2021-04-21Z", X + "date"), ("2021-04-21T08:00:00Z", X + "dateTime"), ("AB", X + "hexBinary")]
KEPT_VALUES = " ".join(f'"{text}"^^<{datatype}>' for text, datatype in KEPT)
SELECT_KEPT = f"SELECT ?x WHERE {{ VALUES ?x {{ {KEPT_VALUES} }} }}"
CONSTRUCT_KEPT = f"CONSTRUCT {{ <urn:s> <urn:p> ?x }} WHERE {{ VALUES ?x {{ {KEPT_VALUES} }} }}"
OXIGRAPH_FORMATS = {  # readers that keep each literal's text as written
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
    "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
    "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
}


def lexical(body: bytes, mimetype: str) -> set[tuple[str, str]]:
    """(text, datatype) of every typed literal object in an RDF body, as written."""
    read = pyoxigraph.parse(body, format=OXIGRAPH_FORMATS[mimetype])
    return {
        (q.object.value, q.object.datatype.value) for q in read if isinstance(q.object, pyoxigraph.Literal)
    }


def solutions(body: bytes, fmt: str) -> set[tuple[str, str]]:
    """(text, datatype) of each ?x, read as written (rdflib's JSON and XML readers would rewrite it)."""
    if fmt == "json":
        return {(b["x"]["value"], b["x"]["datatype"]) for b in json.loads(body)["results"]["bindings"]}
    if fmt == "xml":
        literals = ElementTree.fromstring(body).iter("{http://www.w3.org/2005/sparql-results#}literal")
        return {(e.text or "", e.attrib["datatype"]) for e in literals}
    return {(str(row[0]), str(row[0].datatype)) for row in Result.parse(io.BytesIO(body), format="tsv")}


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_solutions_keep_each_literals_text(client, fmt):
    response = client.get("/sparql", query_string={"query": SELECT_KEPT, "format": fmt})
    assert solutions(response.get_data(), fmt) == set(KEPT)


@pytest.mark.parametrize("mimetype", sorted(OXIGRAPH_FORMATS))
def test_graphs_keep_each_literals_text(client, mimetype):
    response = client.get("/sparql", query_string={"query": CONSTRUCT_KEPT}, headers={"Accept": mimetype})
    assert lexical(response.get_data(), mimetype) == set(KEPT)


def test_over_http_through_the_query_pool(live_server):
    """`duikou serve` runs queries in its pool; the answer crosses processes with each text kept."""
    wrapper = SPARQLWrapper(live_server + "/sparql")
    wrapper.setQuery(SELECT_KEPT)
    wrapper.setReturnFormat(JSON)
    bindings = wrapper.query().convert()["results"]["bindings"]
    assert {(b["x"]["value"], b["x"]["datatype"]) for b in bindings} == set(KEPT)


def test_a_remote_stores_answers_keep_each_literals_text(remote_store):
    assert {(str(t), str(t.datatype)) for (t,) in remote_store.query(SELECT_KEPT).rows} == set(KEPT)
    graph = remote_store.query(CONSTRUCT_KEPT).as_graph()
    assert {(str(o), str(o.datatype)) for o in graph.objects()} == set(KEPT)


@pytest.fixture(scope="module")
def dated(tmp_path_factory, built_dist):
    """The app over a copy of the build where unit/mof has the literals above."""
    dist = tmp_path_factory.mktemp("dated") / "dist"
    shutil.copytree(built_dist, dist)
    with open(dist / "duikou.nq", "a", encoding="utf-8") as data:  # the named graphs the app loads
        for text, datatype in KEPT:
            data.write(f'<{ID}unit/mof> <http://purl.org/dc/terms/date> "{text}"^^<{datatype}> .\n')
    return create_app({"DIST": dist}).test_client()


@pytest.mark.parametrize("mimetype", sorted(OXIGRAPH_FORMATS))
def test_entity_data_keeps_each_literals_text(dated, mimetype):
    response = dated.get("/data/unit/mof", headers={"Accept": mimetype})
    assert response.status_code == 200 and set(KEPT) <= lexical(response.get_data(), mimetype)
