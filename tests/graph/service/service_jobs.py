"""What the service tests hand a query process to do, and how they watch the processes."""

import os
import resource
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

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


@contextmanager
def pools() -> Iterator[Callable[..., QueryPool]]:
    """A factory of pools over `handler`, each waited for until ready; every pool is stopped at the end."""
    started: list[QueryPool] = []

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
        started.append(pool)
        wait_ready(pool)
        return pool

    try:
        yield make
    finally:
        for pool in started:
            pool.stop()


@pytest.fixture
def start():
    """A factory of pools; each is stopped (and its processes reaped) when the test ends."""
    with pools() as make:
        yield make
