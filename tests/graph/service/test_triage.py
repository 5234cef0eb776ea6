"""What the web process refuses before queueing, without a parser: updates, SERVICE, too long to check."""

import pytest

from graph.errors import QueryTooComplex, ServiceRefused, UpdateRefused
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
    ],
)
def test_a_long_text_the_full_check_would_need_is_refused_at_once(text):
    assert len(text) > PLAIN_LENGTH
    with pytest.raises(QueryTooComplex, match="too long to be checked"):
        triage(text)
