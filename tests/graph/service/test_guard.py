"""The guard reads the parsed query: updates and SERVICE are refused however written; FROM stays local."""

import pytest

from graph.errors import QuerySyntaxError, QueryTooComplex, ServiceRefused, UpdateRefused
from graph.service.check import (
    DatasetIris,
    _verdict,
    check,
    inspect_query,
    mentions_service,
    plain,
    run_checked,
)
from graph.store.dataset import DATA_GRAPH, ONTOLOGY_GRAPH

SPO = "{ ?s ?p ?o }"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
        ("ASK {}", "ask"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
        ("DESCRIBE <https://w3id.org/duikou/id/unit/mof>", "describe"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update"),
        ("PREFIX x: <urn:x:> DELETE WHERE { ?s x:p ?o }", "update"),
        ("LOAD <http://example.org/data.ttl>", "update"),
        ("SELECT ?x WHERE { ?x ?p }", "unknown"),
    ],
)
def test_the_query_form_is_recognised(text, kind):
    assert inspect_query(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/duikou/graph/def>",
    ],
)
def test_updates_are_refused(text):
    with pytest.raises(UpdateRefused, match="read-only"):
        check(text)


@pytest.mark.parametrize(
    "text, target",
    [
        (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:9999/> {SPO} }}", "http://127.0.0.1:9999/"),
        (f"SELECT * WHERE {{ SERVICE SILENT <http://x.example/sparql> {SPO} }}", "http://x.example/sparql"),
        (f"select * where {{ service <http://x.example/sparql> {SPO} }}", "http://x.example/sparql"),
        (f"SELECT * WHERE {{ \\u0053ERVICE <http://x.example/sparql> {SPO} }}", "http://x.example/sparql"),
        (
            f"SELECT * WHERE {{ \\U00000053ERVICE <http://x.example/sparql> {SPO} }}",
            "http://x.example/sparql",
        ),
        (
            f"PREFIX e: <http://x.example/> SELECT * WHERE {{ SERVICE e:sparql {SPO} }}",
            "http://x.example/sparql",
        ),
        (f"SELECT * WHERE {{ SERVICE ?endpoint {SPO} }}", "?endpoint"),
        (
            f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <http://x.example/q> {SPO} }} }}",
            "http://x.example/q",
        ),
        (
            f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <http://x.example/q> {SPO} }} }} }}",
            "http://x.example/q",
        ),
        (
            f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ GRAPH ?g {{ SERVICE <http://x.example/q> {SPO} }} }} }}",
            "http://x.example/q",
        ),
        (
            f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ MINUS {{ SERVICE <http://x.example/q> {SPO} }} }} }}",
            "http://x.example/q",
        ),
        (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://x.example/q> {SPO} }}", "http://x.example/q"),
        (f"ASK {{ SERVICE <http://x.example/q> {SPO} }}", "http://x.example/q"),
    ],
)
def test_service_is_found_however_it_is_written(text, target):
    assert inspect_query(text).services == (target,)
    with pytest.raises(ServiceRefused, match="not allowed"):
        check(text)


def test_the_allow_list_lets_listed_endpoints_through_and_never_a_variable():
    allowed = "http://x.example/sparql"
    assert check(f"SELECT * WHERE {{ SERVICE <{allowed}> {SPO} }}", (allowed,)).services == (allowed,)
    with pytest.raises(ServiceRefused, match=r"other\.example"):
        check(f"SELECT * WHERE {{ SERVICE <http://other.example/> {SPO} }}", (allowed,))
    with pytest.raises(ServiceRefused, match=r"\?e"):
        check(f"SELECT * WHERE {{ SERVICE ?e {SPO} }}", (allowed,))


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p ?o FILTER(?o = "SERVICE <http://x.example/>") }',
        "SELECT * WHERE { ?s ?p 'a \\u0053ERVICE in a string' }",
        "# SERVICE <http://x.example/> in a comment\nSELECT * WHERE { ?s ?p ?o }",
        "PREFIX service: <http://x.example/> SELECT * WHERE { ?s service:p ?o }",
    ],
)
def test_service_in_a_string_comment_or_name_is_not_a_call(text):
    assert check(text).services == ()


def test_from_and_from_named_are_collected():
    info = inspect_query(
        "PREFIX g: <https://w3id.org/duikou/graph/> SELECT * FROM g:guobanfa-2021-15 "
        "FROM <file:///etc/passwd> FROM NAMED <http://x.example/g> WHERE { ?s ?p ?o }"
    )
    assert info.dataset_iris == DatasetIris(
        default=(str(DATA_GRAPH), "file:///etc/passwd"), named=("http://x.example/g",)
    )
    assert inspect_query("SELECT * WHERE { ?s ?p ?o }").dataset_iris == DatasetIris()


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE " + "{" * 200 + "}" * 200,
        "SELECT * WHERE { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }",
        "SELECT * WHERE { ?s ?p " + "[ <urn:p> " * 2000 + "1" + " ]" * 2000 + " }",
    ],
)
def test_deep_nesting_is_a_syntax_error_not_a_crash(text):
    with pytest.raises(QueryTooComplex) as raised:
        check(text)
    assert isinstance(raised.value, QuerySyntaxError)


def test_moderate_nesting_and_many_triples_still_pass():
    check("SELECT * WHERE " + "{" * 50 + "}" * 50)
    check("SELECT * WHERE { " + " ".join(f"?s <urn:p{i}> ?o{i} ." for i in range(200)) + " }")


def test_what_rdflib_cannot_parse_is_left_to_the_store_unless_it_mentions_service():
    info = check("SELECT ?x WHERE { ?x ?p }")
    assert info.kind == "unknown" and info.services == () and "col" in info.problem
    with pytest.raises(ServiceRefused, match="could not be checked"):
        check("SELECT ?x WHERE { ?x ?p } # SERVICE")
    assert mentions_service("\\u0073\\u0065rvice") and not mentions_service("SERV ICE")


def test_run_checked_keeps_from_local(embedded_store):
    from_data = f"SELECT (COUNT(*) AS ?n) FROM <{DATA_GRAPH}> WHERE {{ ?s ?p ?o }}"
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n_data = int(run_checked(embedded_store, from_data).rows[0][0])
    n_all = int(run_checked(embedded_store, everything).rows[0][0])
    assert 0 < n_data < n_all
    passwd = run_checked(embedded_store, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert passwd.rows == []


def test_the_protocol_dataset_replaces_from(embedded_store):
    text = f"SELECT (COUNT(*) AS ?n) FROM <{DATA_GRAPH}> WHERE {{ ?s ?p ?o }}"
    ontology = DatasetIris(default=(str(ONTOLOGY_GRAPH),))
    n_ontology = int(run_checked(embedded_store, text, dataset=ontology).rows[0][0])
    n_data = int(run_checked(embedded_store, text).rows[0][0])
    assert n_ontology != n_data
    unknown = DatasetIris(default=("https://example.org/no-such-graph",))
    assert int(run_checked(embedded_store, text, dataset=unknown).rows[0][0]) == 0


def test_before_run_is_called_only_for_allowed_queries(embedded_store):
    calls = []
    run_checked(embedded_store, "ASK {}", before_run=lambda: calls.append("ran"))
    with pytest.raises(ServiceRefused):
        run_checked(
            embedded_store,
            f"ASK {{ SERVICE <http://x.example/> {SPO} }}",
            before_run=lambda: calls.append("refused"),
        )
    assert calls == ["ran"]


# -- what needs no full check, and verdicts kept by text -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "PREFIX dk: <https://w3id.org/duikou/def#>\nSELECT ?unit ?county WHERE { ?unit dk:supports ?county }",
        "ASK {}",
        "# where it comes from\nSELECT * WHERE { ?s <urn:x:from> 'drop it' ; <urn:x:p> ?from }",
        "PREFIX ex: <urn:ex:> SELECT * WHERE { ?s ex:add ?o ; ex:copy ?c }",
        "SELECT * WHERE " + "{" * 20 + "}" * 20,
        "ASK {} #" + "x" * 5000,  # however long: Oxigraph parses it (graph.service.triage refuses the rest)
    ],
)
def test_plain_queries_skip_the_full_check(text):
    assert plain(text)


@pytest.mark.parametrize(
    "text",
    [
        f"SELECT * WHERE {{ SERVICE <http://x.example/> {SPO} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <http://x.example/> {SPO} }}",
        "SELECT * WHERE { ?s ?p 'service' }",  # SERVICE anywhere, even in a string: the full check decides
        "SELECT * FROM <urn:g> WHERE { ?s ?p ?o }",
        "SELECT * \\u0046ROM <urn:g> WHERE { ?s ?p ?o }",
        "select * from named <urn:g> where { graph ?g { ?s ?p ?o } }",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <file:///etc/passwd>",
        "CLEAR DEFAULT",
        "PREFIX x: <urn:x:>\nDROP ALL",
        "SELECT * WHERE " + "{" * 30 + "}" * 30,
        "ASK { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }",
    ],
)
def test_what_the_full_check_must_see_is_not_plain(text):
    assert not plain(text)


def test_a_plain_query_runs_without_the_full_check(embedded_store):
    _verdict.cache_clear()
    result = run_checked(embedded_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(result.rows[0][0]) > 5000
    assert _verdict.cache_info().currsize == 0  # the full check never ran


def test_verdicts_are_kept_by_text_and_refusals_raised_afresh():
    _verdict.cache_clear()
    text = f"SELECT * WHERE {{ SERVICE <http://x.example/> {SPO} }}"
    raised = []
    for _ in range(3):
        with pytest.raises(ServiceRefused, match="not allowed") as refusal:
            check(text)
        raised.append(refusal.value)
    assert _verdict.cache_info().hits == 2 and _verdict.cache_info().misses == 1
    assert len({id(error) for error in raised}) == 3
    # the allow-list is part of the key: the same text allowed elsewhere is not refused from the cache
    assert check(text, ("http://x.example/",)).services == ("http://x.example/",)
    with pytest.raises(QueryTooComplex):
        check("SELECT * WHERE " + "{" * 200 + "}" * 200)
    with pytest.raises(QueryTooComplex):
        check("SELECT * WHERE " + "{" * 200 + "}" * 200)
