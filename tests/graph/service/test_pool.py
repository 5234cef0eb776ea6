"""The query pool with real processes: answers, confinement, time limits, lanes and the queue."""

import os
import resource
import time

import pytest
from service_jobs import (
    alive,
    children,
    in_thread,
    open_a_file_and_a_socket,
    raise_unpicklable,
    start,
    wait_ready,
    worker_facts,
)

from graph.errors import PoolBusy, QueryTimeout

__all__ = ["start"]  # the fixture, imported for pytest


# -- answers ---------------------------------------------------------------------------------------


def test_values_and_exceptions_come_back(start):
    pool = start()
    assert pool.run(("value", {"a": [1, "值"]}), "c") == {"a": [1, "值"]}
    with pytest.raises(ValueError, match="boom"):
        pool.run(("raise", ValueError("boom")), "c")
    with pytest.raises(RuntimeError, match="Unpicklable: no pickle"):
        pool.run(("call", raise_unpicklable), "c")
    assert pool.run(("call", os.getpid), "c") in wait_ready(pool)["general"]


def test_workers_are_confined(start):
    pool = start(memory_mb=128)
    facts = pool.run(("call", worker_facts), "c")
    assert facts["nice"] >= 10
    assert facts["as"] != resource.RLIM_INFINITY and facts["nofile"] < 64
    assert pool.run(("call", open_a_file_and_a_socket), "c") == [24, 24]  # EMFILE, EMFILE
    online = start(offline=False)
    assert online.run(("call", open_a_file_and_a_socket), "c") == ["opened", "opened"]


def spin_with_a_cpu_limit(seconds):
    from graph.service.sandbox import limit_cpu

    limit_cpu(seconds)
    while True:
        pass


def test_a_cpu_limit_kills_a_spinning_process_even_if_nobody_watches_the_clock():
    from graph.service.sandbox import run_with_time_limit

    started = time.monotonic()
    with pytest.raises(QueryTimeout):  # SIGXCPU, long before the 20 s wall-clock limit
        run_with_time_limit(spin_with_a_cpu_limit, (1,), 20)
    assert time.monotonic() - started < 10


# -- time ------------------------------------------------------------------------------------------


def test_a_job_past_the_time_limit_is_killed_and_its_worker_replaced(start):
    pool = start(timeout=1.0)
    before = wait_ready(pool)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        pool.run(("sleep", 30), "slow")
    assert 1.0 <= time.monotonic() - started < 2.5
    assert not alive(before["general"][0])
    after = wait_ready(pool)
    assert after["general"] != before["general"] and after["short"] == before["short"]
    assert children(after["pid"]) == set(after["general"] + after["short"])
    assert pool.run(("value", 7), "slow") == 7


def test_small_jobs_answer_at_once_while_the_general_worker_is_busy(start):
    pool = start(timeout=3.0)
    slow = in_thread(pool.run, ("sleep", 2.5), "attacker")
    time.sleep(0.2)
    for n in range(5):
        started = time.monotonic()
        assert pool.run(("value", n), f"visitor-{n}") == n
        assert time.monotonic() - started < 1.0  # not waiting for the 2.5 s job
    slow["thread"].join()
    assert slow["value"] == "slept"


def test_a_long_job_on_the_short_lane_moves_to_a_general_worker(start):
    pool = start(timeout=2.0, short_time=0.3)
    short_before = wait_ready(pool)["short"]
    first = in_thread(pool.run, ("sleep", 0.8), "a")
    time.sleep(0.1)
    second = in_thread(pool.run, ("sleep", 0.6), "b")  # general busy: tries the short lane, outlives it
    first["thread"].join()
    second["thread"].join()
    assert first["value"] == second["value"] == "slept"
    assert second["seconds"] >= 0.7 + 0.6 - 0.1  # waited for the general worker (0.7 s), then ran there
    assert wait_ready(pool)["short"] != short_before  # the short lane's worker was killed and replaced
    third = in_thread(pool.run, ("sleep", 0.5), "b")  # "b" is now heavy: never on the short lane
    time.sleep(0.05)
    assert pool.run(("value", 1), "c") == 1
    third["thread"].join()
    assert third["value"] == "slept"


# -- the queue -------------------------------------------------------------------------------------


def test_a_full_queue_is_refused_at_once_and_a_long_wait_is_ended(start):
    pool = start(timeout=1.0, short_time=3.0, queue_size=1, warm_up=lambda: time.sleep(0.8))
    general = in_thread(pool.run, ("sleep", 30), "a")
    time.sleep(0.05)
    short = in_thread(pool.run, ("sleep", 2.0), "b")
    time.sleep(0.05)
    waiting = in_thread(pool.run, ("value", 1), "c")
    time.sleep(0.05)
    started = time.monotonic()
    with pytest.raises(PoolBusy, match="1 queries are already waiting") as refused:
        pool.run(("value", 1), "d")
    assert time.monotonic() - started < 0.2 and refused.value.retry_after == 1.0
    for outcome in (general, short, waiting):
        outcome["thread"].join()
    assert isinstance(general["error"], QueryTimeout) and short["value"] == "slept"
    # "c" waited 1 s: the general worker was stopped at 1 s and its successor was still warming up
    assert isinstance(waiting["error"], PoolBusy) and "waited 1 s" in str(waiting["error"])
    assert 1.0 <= waiting["seconds"] < 2.0
