"""The sandbox: answers and exceptions come back, a time-out really kills the child, offline is offline."""

import os
import resource
import signal
import time
from functools import partial

import pytest
from rdflib import Graph, Literal, URIRef
from service_jobs import open_a_file_and_a_socket

from graph.errors import ChildCrashed, QuerySyntaxError, QueryTimeout, StoreError
from graph.service.sandbox import forbid_new_files, run_with_time_limit
from graph.store.result import Result

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Unpicklable(Exception):
    """An exception whose arguments cannot be pickled."""

    def __init__(self, message):
        super().__init__(message)
        self.handle = lambda: None


def add(a, b):
    return a + b


def a_graph_result():
    graph = Graph()
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("值", lang="zh")))
    return Result("graph", graph=graph, truncated=True)


def raise_it(error):
    raise error


def sleep_forever(pid_file):
    pid_file.write_text(str(os.getpid()))
    while True:
        time.sleep(0.1)


def spin_forever(pid_file):
    pid_file.write_text(str(os.getpid()))
    while True:
        pass


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_answer_comes_back_from_another_process():
    assert run_with_time_limit(add, (2, 3), 5) == 5
    assert run_with_time_limit(os.getpid, (), 5) != os.getpid()


def test_a_result_with_a_graph_survives_the_trip():
    result = run_with_time_limit(a_graph_result, (), 5)
    assert result.truncated and len(result.graph) == 1
    assert next(iter(result.graph.objects())) == Literal("值", lang="zh")


@pytest.mark.parametrize(
    "error",
    [
        ValueError("boom"),
        QuerySyntaxError("error at 1:26: expected"),
        StoreError("unreachable"),
        KeyError("k"),
    ],
)
def test_exceptions_come_back_with_their_type_and_message(error):
    with pytest.raises(type(error)) as raised:
        run_with_time_limit(raise_it, (error,), 5)
    assert str(raised.value) == str(error)


def test_an_exception_that_cannot_be_pickled_comes_back_as_runtime_error():
    with pytest.raises(RuntimeError, match="Unpicklable: no pickle"):
        run_with_time_limit(raise_it, (Unpicklable("no pickle"),), 5)


@pytest.mark.parametrize("forever", [sleep_forever, spin_forever])
def test_a_time_out_kills_the_child(tmp_path, forever):
    pid_file = tmp_path / "pid"
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"longer than 0\.5 s"):
        run_with_time_limit(forever, (pid_file,), 0.5)
    assert 0.5 <= time.monotonic() - start < 2
    pid = int(pid_file.read_text())
    assert pid != os.getpid()
    assert gone(pid)


def test_a_query_stuck_in_native_code_is_stopped(embedded_store):
    start = time.monotonic()
    with pytest.raises(QueryTimeout):
        run_with_time_limit(partial(embedded_store.query, CARTESIAN), (), 1)
    assert time.monotonic() - start < 3
    assert (
        len(run_with_time_limit(partial(embedded_store.query, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")).rows)
        == 3
    )


def test_a_child_that_dies_without_answering_is_reported():
    with pytest.raises(ChildCrashed, match="exit code 3"):
        run_with_time_limit(os._exit, (3,), 5)
    with pytest.raises(ChildCrashed, match=f"exit code -{int(signal.SIGTERM)}"):
        run_with_time_limit(_killed, (), 5)


def _killed():
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)


def test_the_child_has_a_cpu_limit_in_case_its_parent_dies():
    soft, hard = run_with_time_limit(resource.getrlimit, (resource.RLIMIT_CPU,), 2.5)
    assert (soft, hard) == (4, 5)


def forbid_then_open_a_file_and_a_socket():
    forbid_new_files()
    return open_a_file_and_a_socket()


def test_forbid_new_files_blocks_files_and_sockets_but_not_the_answer():
    import errno

    assert run_with_time_limit(forbid_then_open_a_file_and_a_socket, (), 5) == [errno.EMFILE, errno.EMFILE]
    with open(os.devnull) as still_fine:  # the parent is untouched
        assert still_fine.read() == ""


def service_call(store, canary_url, offline):
    if offline:
        forbid_new_files()
    return store.query(f"SELECT * WHERE {{ SERVICE <{canary_url}> {{ ?s ?p ?o }} }}")


def test_offline_child_cannot_reach_a_service_even_unchecked(embedded_store, canary):
    """Defence in depth: Oxigraph itself would call SERVICE; an offline child cannot."""
    with pytest.raises(StoreError):
        run_with_time_limit(service_call, (embedded_store, canary.url, True), 5)
    assert canary.requests == []
    run_with_time_limit(service_call, (embedded_store, canary.url, False), 5)  # proves the canary can be hit
    assert len(canary.requests) == 1
