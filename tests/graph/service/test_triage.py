"""What the web process refuses before queueing, without a parser: updates, SERVICE, too long to check."""

import pytest

from graph.errors import QuerySyntaxError, QueryTooComplex, ServiceRefused, UpdateRefused
from graph.service.check import PLAIN_LENGTH
from graph.service.triage import triage

LONG_VALUES = "SELECT ?x WHERE { VALUES ?x { " + " ".join(f'"v{n}"' for n in range(2000)) + " } }"


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:x:>\nBASE <urn:b/>\n# a comment\n  delete where { ?s ?p ?o }",
        "LOAD <http://example.org/x>",
        "\\u0044ROP ALL",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "PREFIX:<urn:x:> CLEAR DEFAULT",
    ],
)
def test_an_update_is_refused_by_its_first_word(text):
    with pytest.raises(UpdateRefused):
        triage(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o . \\u0053ERVICE ?g { ?s ?p ?o } }",
        "select * where { service silent <http://x.example/> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_without_an_allow_list(text):
    with pytest.raises(ServiceRefused):
        triage(text)
    triage(text, allowlist=("http://x.example/",))  # with one, the full check decides, in the pool


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p 'INSERT DATA service' }",  # words in strings
        "PREFIX service: <urn:s:> SELECT ?service WHERE { ?service service:delete _:service }",
        'SELECT * WHERE { ?s ?p "x"@en-service } # DELETE, SERVICE',
        "SELECT * WHERE { <urn:insert/service> ?p ?o }",
        "SELECT * FROM <urn:g> WHERE { ?s ?p ?o }",  # short: the full check decides
        LONG_VALUES,  # long but plain: Oxigraph parses it
    ],
)
def test_queries_pass(text):
    triage(text)


@pytest.mark.parametrize(
    "text",
    [
        LONG_VALUES.replace("WHERE", "FROM <urn:g> WHERE"),
        LONG_VALUES.replace('"v1"', '"service"'),
        "SELECT * WHERE " + "{" * 30 + "}" * 30 + " #" + "x" * PLAIN_LENGTH,
        "ASK { FILTER(" + "!" * 30_000 + "true) }",  # 30,000 of them overflow Oxigraph's parser's stack
    ],
)
def test_a_long_text_the_full_check_would_need_is_refused_at_once(text):
    assert len(text) > PLAIN_LENGTH
    with pytest.raises(QueryTooComplex, match="too long to be checked"):
        triage(text)


@pytest.mark.parametrize(
    "text", ["SELECT ?s WHERE { ?s ?p ?o  LIMIT 1", "ASK { ?s ?p }", "SELEC * WHERE { ?s ?p ?o }"]
)
def test_a_syntax_error_is_refused_with_oxigraphs_message(text):
    triage(text)  # not on a remote store, which parses its queries itself
    with pytest.raises(QuerySyntaxError, match=r"^error at 1:\d+: expected"):
        triage(text, oxigraph=True)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?x FROM <urn:g> WHERE { ?x }",  # not plain: the full check comes first, in the query process
        "ASK { FILTER(" + "!" * 3000 + ") }",  # deep: Oxigraph's parser recurses on each of these
        "SELECT * { " + "<< " * 30 + "?s ?p ?o" + " >> ?p ?o" * 30,
        "SELECT * WHERE " + "{" * 30 + "}" * 29,
    ],
)
def test_what_is_not_plain_is_not_parsed_here(text):
    triage(text, oxigraph=True)  # all malformed: parsed here, each would be refused


def test_a_query_rdflib_cannot_parse_but_oxigraph_can_passes():
    text = "SELECT * WHERE { ?s ?p ?o LATERAL { SELECT ?o WHERE { ?o ?q ?r } LIMIT 1 } }"
    with pytest.raises(Exception):  # noqa: B017 - any of pyparsing's errors
        from rdflib.plugins.sparql.parser import parseQuery

        parseQuery(text)
    triage(text, oxigraph=True)
