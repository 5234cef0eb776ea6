"""Literals as the endpoint writes them: TSV escapes what would break a row, XML keeps a carriage return,
and every results format reads back the very value the query bound."""

import io

import pytest
from rdflib import Literal
from rdflib.query import Result
from SPARQLWrapper import TSV, SPARQLWrapper

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
