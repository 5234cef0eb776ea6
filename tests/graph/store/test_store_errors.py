"""Every failure of a store, or of a push into one, is a clear error: a StoreError naming the endpoint and
what it said, a QueryTimeout, or a QuerySyntaxError with the server's words."""

import re
import time

import pytest
from misbehaving_servers import answering_server, babbling_server_at, silent_server_at
from rdflib import Literal

from graph.errors import QuerySyntaxError, QueryTimeout, StoreError
from graph.store.push import push_graph_store, push_update
from graph.store.remote import RemoteStore


@pytest.fixture(scope="module")
def http_server():
    with answering_server() as url:
        yield url


@pytest.fixture
def silent_server():
    with silent_server_at() as url:
        yield url


@pytest.fixture
def babbling_server():
    with babbling_server_at() as url:
        yield url


# -- failures are clear StoreErrors ----------------------------------------------------------------------


def test_connection_refused_is_a_store_error(closed_port):
    endpoint = f"http://127.0.0.1:{closed_port}/query"
    with pytest.raises(StoreError, match="cannot reach") as caught:
        RemoteStore(endpoint, timeout=2).query("ASK { ?s ?p ?o }")
    assert endpoint in str(caught.value)
    assert not isinstance(caught.value, QueryTimeout)


def test_a_silent_server_is_a_timeout_after_one_try_by_get(silent_server):
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"did not answer within 1 s \(asked by POST, then by GET\)$"):
        RemoteStore(silent_server + "/query", timeout=1).query("ASK { ?s ?p ?o }")
    assert time.monotonic() - start < 3, "one time limit for the POST, one for the GET"


@pytest.mark.parametrize("post", ["stalling", "get-only"])
def test_a_post_that_gets_no_answer_or_is_refused_is_asked_again_by_get(http_server, post):
    start = time.monotonic()
    result = RemoteStore(f"{http_server}/{post}/virtuoso/query", timeout=1).query("SELECT ?n WHERE {}")
    assert result.rows == [(Literal(61),)]
    assert time.monotonic() - start < 2.5


def test_virtuosos_typed_literals_and_ask_answers_are_read(http_server):
    answer = RemoteStore(f"{http_server}/virtuoso/query").query("SELECT ?n WHERE {}")
    assert answer.rows == [(Literal(61),)] and not answer.truncated
    assert RemoteStore(f"{http_server}/virtuoso-ask/query").query("ASK {}").boolean is True


def test_an_answer_the_server_cut_at_its_row_limit_is_flagged_truncated(http_server):
    """Virtuoso cuts at ResultSetMaxRows without an error, and says the limit in X-SPARQL-MaxRows."""
    answer = RemoteStore(f"{http_server}/virtuoso-capped/query").query("SELECT ?n WHERE {}")
    assert answer.rows == [(Literal(61),)] and answer.truncated


def test_a_refusal_is_one_line_with_the_servers_words_not_its_markup(http_server):
    with pytest.raises(StoreError) as caught:
        RemoteStore(f"{http_server}/forbidden/query", timeout=2).query("SELECT * WHERE { ?s ?p ?o }")
    message = str(caught.value)
    assert message == (
        f"{http_server}/forbidden/query answered 403 Forbidden: HTTP/1.1 403 Forbidden Error 42000 "
        "SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD (user ID = 107)"
    )


@pytest.mark.parametrize(
    "path, status, words",
    [("broken", "500", "internal trouble at the store"), ("missing", "404", "no such endpoint here")],
)
def test_http_errors_are_store_errors_with_status_and_words(http_server, path, status, words):
    endpoint = f"{http_server}/{path}/query"
    with pytest.raises(StoreError) as caught:
        RemoteStore(endpoint, timeout=2).query("SELECT * WHERE { ?s ?p ?o }")
    assert not isinstance(caught.value, QuerySyntaxError)
    message = str(caught.value)
    assert endpoint in message and words in message and "\n" not in message
    assert status in message.replace(endpoint, ""), "the message names the HTTP status"
    assert "b'" not in message, "the server's words as text, not as a bytes repr"


@pytest.mark.parametrize("kind", ["html", "json"])
def test_an_answer_that_is_no_sparql_result_is_a_store_error(http_server, kind):
    with pytest.raises(StoreError, match=f"{http_server}/{kind}/query"):
        RemoteStore(f"{http_server}/{kind}/query", timeout=2).query("SELECT * WHERE { ?s ?p ?o }")


def test_a_server_that_speaks_no_http_is_a_store_error(babbling_server):
    with pytest.raises(StoreError, match=r"127\.0\.0\.1"):
        RemoteStore(babbling_server + "/query", timeout=2).query("ASK { ?s ?p ?o }")


def test_a_malformed_query_is_a_syntax_error_with_the_servers_words(remote_store):
    with pytest.raises(QuerySyntaxError) as caught:
        remote_store.query("SELECT * WHERE { ?s ?p }")
    message = str(caught.value)
    assert re.search("error at 1:|syntax error", message) and "\n" not in message  # Oxigraph's, Virtuoso's
    assert "b'" not in message, "the server's words as text, not as a bytes repr"


def test_the_embedded_store_reports_a_malformed_query_the_same_way(embedded_store):
    with pytest.raises(QuerySyntaxError):
        embedded_store.query("SELECT * WHERE { ?s ?p }")


@pytest.mark.parametrize("pusher", [push_graph_store, push_update], ids=["gsp", "update"])
def test_push_to_an_unreachable_store_is_a_store_error(pusher, closed_port, built_dist):
    with pytest.raises(StoreError, match=f"cannot reach http://127.0.0.1:{closed_port}/"):
        pusher(f"http://127.0.0.1:{closed_port}/store", built_dist, timeout=2)


@pytest.mark.parametrize("pusher", [push_graph_store, push_update], ids=["gsp", "update"])
def test_push_refused_by_the_store_is_a_store_error(pusher, http_server, built_dist):
    with pytest.raises(StoreError, match=r"500.*internal trouble at the store"):
        pusher(f"{http_server}/broken/store", built_dist, timeout=5)


@pytest.mark.parametrize("pusher", [push_graph_store, push_update], ids=["gsp", "update"])
def test_push_to_a_server_that_speaks_no_http_is_a_store_error(pusher, babbling_server, built_dist):
    with pytest.raises(StoreError, match=r"127\.0\.0\.1"):
        pusher(babbling_server + "/store", built_dist, timeout=2)


def test_push_without_a_build_is_a_store_error(tmp_path, oxigraph_server):
    with pytest.raises(StoreError, match="run `duikou build` first"):
        push_graph_store(oxigraph_server + "/store", tmp_path)
