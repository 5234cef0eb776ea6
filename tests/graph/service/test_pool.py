"""The query pool with real processes: answers, time and memory limits, lanes, queue, budget, reaping."""

import os
import pickle
import resource
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from graph.errors import BudgetExceeded, PoolBusy, QueryTimeout, WorkerCrashed
from graph.service.budget import Ledger
from graph.service.frames import send_frame
from graph.service.pool import QueryPool

GROWN = []


def handler(job):
    """What the test workers do: ("value", x) returns x, ("sleep", s), ("raise", e), ("call", f)."""
    kind, argument = job
    if kind == "sleep":
        time.sleep(argument)
        return "slept"
    if kind == "raise":
        raise argument
    if kind == "call":
        return argument()
    return argument


def worker_facts():
    return {
        "pid": os.getpid(),
        "nice": os.nice(0),
        "as": resource.getrlimit(resource.RLIMIT_AS)[0],
        "nofile": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
    }


def open_devnull():
    with open(os.devnull):
        pass


def open_a_file_and_a_socket():
    outcomes = []
    for action in (open_devnull, lambda: socket.socket().close()):
        try:
            action()
            outcomes.append("opened")
        except OSError as error:
            outcomes.append(error.errno)
    return outcomes


def grow():
    GROWN.append(bytearray(100 * 2**20))
    return os.getpid()


def greedy():
    return len(bytearray(400 * 2**20))


class Unpicklable(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.handle = lambda: None


def raise_unpicklable():
    raise Unpicklable("no pickle")


@pytest.fixture
def start():
    """A factory of pools over `handler`; every pool is stopped (and checked reaped) at the end."""
    pools = []

    def make(**options) -> QueryPool:
        options = {
            "workers": 1,
            "queue_size": 2,
            "timeout": 10.0,
            "short_time": 0.3,
            "memory_mb": 256,
            **options,
        }
        pool = QueryPool(options.pop("handler", handler), **options).start()
        pools.append(pool)
        wait_ready(pool)
        return pool

    yield make
    for pool in pools:
        pool.stop()


def wait_ready(pool: QueryPool, seconds: float = 10) -> dict:
    deadline = time.monotonic() + seconds
    while (status := pool.status())["ready"] < pool.size + 1:
        assert time.monotonic() < deadline, status
        time.sleep(0.02)
    return status


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def in_thread(function, *args):
    """Start `function(*args)` in a thread; the returned dict gets its value or exception, and time."""
    outcome = {}

    def run():
        started = time.monotonic()
        try:
            outcome["value"] = function(*args)
        except Exception as error:  # the test inspects whatever came back
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run)
    thread.start()
    outcome["thread"] = thread
    return outcome


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


def test_stop_reaps_the_broker_and_every_worker(start):
    pool = start(workers=2)
    status = wait_ready(pool)
    workers = set(status["general"] + status["short"])
    assert len(workers) == 3 and children(status["pid"]) == workers
    assert children(os.getpid()) >= {status["pid"]}
    pool.stop()
    assert not alive(status["pid"]) and not any(alive(pid) for pid in workers)
    assert status["pid"] not in children(os.getpid())
    assert not Path(pool.folder).exists()


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
    os.kill(status["pid"], signal.SIGKILL)
    os.waitpid(status["pid"], 0)
    deadline = time.monotonic() + 2
    while any(alive(pid) for pid in status["general"] + status["short"]):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    with pytest.raises(PoolBusy, match="not available"):
        pool.run(("value", 1), "c")
