"""The query pool with real processes: memory limits, clients and their budget, and reaping at the end."""

import os
import pickle
import signal
import socket
import time
from pathlib import Path

import pytest
from service_jobs import (
    alive,
    children,
    greedy,
    grow,
    handler,
    in_thread,
    start,
    wait_ready,
)

from graph.errors import BudgetExceeded, PoolBusy, WorkerCrashed
from graph.service.budget import Ledger
from graph.service.frames import send_frame
from graph.service.pool import QueryPool

__all__ = ["start"]  # the fixture, imported for pytest


# -- memory ----------------------------------------------------------------------------------------


def test_python_running_out_of_memory_is_an_error_the_worker_survives(start):
    pool = start(memory_mb=128)
    pid = pool.run(("call", os.getpid), "c")
    with pytest.raises(MemoryError):
        pool.run(("call", greedy), "c")
    assert pool.run(("call", os.getpid), "c") == pid


def run_query(store, text):
    return store.query(text)


def test_a_query_that_needs_too_much_memory_is_stopped(start, embedded_store):
    from functools import partial

    pool = start(handler=partial(run_query, embedded_store), memory_mb=128)
    before = wait_ready(pool)["general"]
    hungry = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?d LIMIT 1"
    with pytest.raises(WorkerCrashed, match=r"more memory than a query may use \(128 MB\)"):
        pool.run(hungry, "c")
    assert not alive(before[0]) and wait_ready(pool)["general"] != before
    assert len(pool.run("SELECT * WHERE { ?s ?p ?o } LIMIT 3", "c").rows) == 3


def test_a_worker_that_grew_is_replaced_after_answering(start):
    pool = start(memory_mb=512)
    pid = pool.run(("call", grow), "c")
    assert pool.run(("call", os.getpid), "c") != pid
    gone_within(pid, 2)


def gone_within(pid: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while alive(pid):
        assert time.monotonic() < deadline, f"process {pid} is still there"
        time.sleep(0.02)


# -- clients and the budget ------------------------------------------------------------------------


def test_a_client_that_goes_away_cancels_its_job(start):
    pool = start(timeout=30)
    before = wait_ready(pool)["general"]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(pool.path)
    send_frame(sock, b"gone")
    send_frame(sock, pickle.dumps(("sleep", 30)))
    time.sleep(0.2)
    assert wait_ready(pool)["busy"] == 1
    sock.close()
    deadline = time.monotonic() + 2
    while alive(before[0]):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert wait_ready(pool)["busy"] == 0


def test_the_broker_keeps_the_budget_of_every_client(start):
    pool = start(timeout=2.0, gate=Ledger(seconds=0.5, errors=2))
    running = in_thread(pool.run, ("sleep", 0.6), "a")
    time.sleep(0.1)
    with pytest.raises(BudgetExceeded, match="one query at a time") as concurrent:
        pool.run(("value", 1), "a")
    assert concurrent.value.retry_after == 1
    running["thread"].join()
    with pytest.raises(BudgetExceeded, match=r"query-time budget used up: your queries ran 0\.\d s") as spent:
        pool.run(("value", 1), "a")
    assert 58 < spent.value.retry_after <= 60
    for _ in range(2):
        with pytest.raises(ValueError):
            pool.run(("raise", ValueError("bad")), "b")
    with pytest.raises(BudgetExceeded, match="2 of your queries failed"):
        pool.run(("value", 1), "b")
    assert pool.run(("value", 1), "c") == 1  # others are not affected


def test_a_stopped_query_process_is_replaced_and_its_client_not_charged(start):
    pool = start(timeout=1.0, gate=Ledger(seconds=0.5, errors=1))
    before = wait_ready(pool)
    asked = in_thread(pool.run, ("sleep", 0.2), "unlucky")
    time.sleep(0.1)
    os.kill(before["general"][0], signal.SIGSTOP)  # it stops answering in the middle of the job
    asked["thread"].join()
    assert isinstance(asked["error"], WorkerCrashed) and "stopped answering" in str(asked["error"])
    wait_ready(pool)
    assert not alive(before["general"][0])
    # not charged: no time (over 0.5 s would refuse) and no error (one would refuse), not marked slow
    assert pool.run(("value", 3), "unlucky") == 3
    assert pool.run(("value", 4), "unlucky") == 4


def test_the_broker_checks_the_budget_for_answers_that_run_no_query(start):
    gate = Ledger(seconds=30, errors=1)
    pool = start(timeout=2.0, gate=gate)
    pool.check("a")  # nothing against a new client
    running = in_thread(pool.run, ("sleep", 0.6), "a")
    time.sleep(0.1)
    with pytest.raises(BudgetExceeded, match="one query at a time"):
        pool.check("a")
    pool.check("b")
    running["thread"].join()
    pool.check("a")
    with pytest.raises(ValueError):
        pool.run(("raise", ValueError("bad")), "a")
    with pytest.raises(BudgetExceeded, match="1 of your queries failed"):
        pool.check("a")
    for _ in range(3):  # a check is no query: it neither runs nor counts
        pool.check("c")
    assert pool.run(("value", 1), "c") == 1 and wait_ready(pool)["busy"] == 0


class BrokenGate(Ledger):
    """A gate with a bug for one client."""

    def admit(self, client, now):
        if client == "unlucky":
            raise KeyError(client)
        return super().admit(client, now)


def test_a_bug_in_the_broker_fails_one_request_not_the_pool(start):
    pool = start(gate=BrokenGate(seconds=30, errors=30))
    started = time.monotonic()
    with pytest.raises(PoolBusy, match="not available"):
        pool.run(("value", 1), "unlucky")
    assert time.monotonic() - started < 1
    assert pool.run(("value", 2), "lucky") == 2


# -- the end ---------------------------------------------------------------------------------------


def test_stop_reaps_the_keeper_the_broker_and_every_worker(start):
    pool = start(workers=2)
    status = wait_ready(pool)
    workers = set(status["general"] + status["short"])
    assert len(workers) == 3 and children(status["pid"]) == workers
    assert children(os.getpid()) >= {pool.pid} and children(pool.pid) == {status["pid"]}
    keeper = pool.pid
    pool.stop()
    assert not alive(keeper) and not alive(status["pid"]) and not any(alive(pid) for pid in workers)
    assert keeper not in children(os.getpid())
    assert not Path(pool.folder).exists()


def test_a_killed_broker_is_restarted_and_the_pool_recovers(start):
    pool = start(workers=1)
    before = wait_ready(pool)
    os.kill(before["pid"], signal.SIGKILL)
    started = time.monotonic()
    while True:  # the web processes' connections wait in the keeper's backlog meanwhile
        try:
            assert pool.run(("value", 5), "after") == 5
            break
        except PoolBusy:
            assert time.monotonic() - started < 5
    after = wait_ready(pool)
    assert after["pid"] != before["pid"] and children(pool.pid) == {after["pid"]}
    assert not any(alive(pid) for pid in before["general"] + before["short"])  # they died with it
    assert time.monotonic() - started < 5


def test_a_killed_owner_leaves_nothing_behind():
    """The process that started the pool dies by SIGKILL: the broker, its workers and its folder go too."""
    reader, writer = os.pipe()
    owner = os.fork()
    if owner == 0:  # the owner: start a pool, report its broker and folder, then wait to be killed
        os.close(reader)
        pool = QueryPool(handler, workers=1).start()
        status = wait_ready(pool)
        os.write(writer, pickle.dumps((status, pool.folder)))
        time.sleep(60)
        os._exit(0)
    os.close(writer)
    status, folder = pickle.loads(os.read(reader, 65536))
    os.close(reader)
    os.kill(owner, signal.SIGKILL)
    os.waitpid(owner, 0)
    for pid in [status["pid"], *status["general"], *status["short"]]:
        gone_within(pid, 3)
    deadline = time.monotonic() + 3
    while Path(folder).exists():
        assert time.monotonic() < deadline, f"{folder} was left behind"
        time.sleep(0.02)


def test_workers_die_with_their_broker(start):
    pool = start()
    status = wait_ready(pool)
    os.kill(status["pid"], signal.SIGKILL)  # its keeper reaps it and starts another
    deadline = time.monotonic() + 2
    while any(alive(pid) for pid in [status["pid"], *status["general"], *status["short"]]):
        assert time.monotonic() < deadline
        time.sleep(0.02)
