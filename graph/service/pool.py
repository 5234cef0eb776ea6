"""A pool of query processes shared by every web process: a hard time limit, a memory limit, no egress.

Where it lives. `duikou serve` loads the store in gunicorn's master, then starts the pool there, before
gunicorn forks its web workers: a keeper forked from the master, which forks a broker process
(graph.service.broker, restarted whenever it dies: graph.service.process), which forks
the query processes (graph.service.lanes, graph.service.process), so each holds the loaded store copy-on-write
and nothing is reloaded. Every web process reaches the same broker through a Unix socket in a private (0700)
temporary folder. One shared pool rather than one per web worker, because (a) the number of query processes is
then set by the machine (about cores − 1, and one for short queries), not multiplied by the web workers, (b)
one bounded queue and one per-client budget see every ad-hoc query (a client's second query arriving at
another web worker is still its second), and (c) a web worker waiting for an answer holds only a socket: the
web workers (gunicorn gthread) keep their other threads for pages and named queries, which run in the web
process.

Each query process, once warmed up, is confined: it dies with the broker (PR_SET_PDEATHSIG), runs (in
the general lane) at a lower CPU priority than the web processes, may grow by `memory_mb` at most
(RLIMIT_AS), and, unless it must reach SERVICE endpoints or a remote store, can no longer open any file
or socket (forbid_new_files). One past the time limit is killed with SIGKILL and replaced; on shutdown
the broker kills and reaps them all, the keeper reaps the broker, and the owner (the master) the keeper.
"""

import os
import pickle
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Callable
from typing import Any

from graph.errors import PoolBusy, QueryTimeout, WorkerCrashed
from graph.service.frames import recv_frame, send_frame
from graph.service.process import keeper_main


def default_size() -> int:
    """One query process per core but one (left to the web processes), at least one."""
    return max(1, (os.cpu_count() or 2) - 1)


class QueryPool:
    """Start with `start()` (in the process that holds the store), `run(job, client)` from any process
    forked after that, `stop()` from the starter."""

    def __init__(
        self,
        handler: Callable[[Any], Any],
        *,
        workers: int = 0,
        queue_size: int = 16,
        timeout: float = 10.0,
        short_time: float = 1.0,
        memory_mb: float = 512,
        offline: bool = True,
        warm_up: Callable[[], None] | None = None,
        gate=None,
    ):
        self.handler, self.warm_up, self.gate, self.offline = handler, warm_up, gate, offline
        self.size, self.queue_size = workers or default_size(), queue_size
        self.timeout, self.short_time, self.memory_mb = timeout, short_time, memory_mb
        self.pid: int | None = None  # the keeper's (which starts the broker, and restarts it), once started
        self.owner: int | None = None  # the process that started it
        self.folder: str | None = None  # the socket's private folder
        self.path = ""  # the broker's socket

    @property
    def capacity(self) -> int:
        """Queries that may be running or waiting at once (the rest are refused at once)."""
        return self.size + 1 + self.queue_size

    def start(self) -> "QueryPool":
        """Fork the keeper (which forks the broker, which forks the workers); return once the socket
        listens."""
        self.folder = folder = tempfile.mkdtemp(prefix="duikou-pool-")
        self.path = os.path.join(folder, "broker.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.path)
        listener.listen(256)
        self.owner, pid = os.getpid(), os.fork()
        if pid == 0:
            keeper_main(self, listener)
        listener.close()
        self.pid = pid
        return self

    def stop(self, wait: float = 5.0) -> None:
        """Stop the keeper, the broker and its workers, and reap the keeper (only in the process that
        started it)."""
        if self.pid is None or os.getpid() != self.owner:
            return
        pid, self.pid = self.pid, None
        try:
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + wait
            while os.waitpid(pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    break
                time.sleep(0.02)
        except (ProcessLookupError, ChildProcessError):
            pass  # already gone (and reaped, perhaps by gunicorn's arbiter)
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _ask(self, client: str, payload: bytes) -> tuple[tuple, bytes]:
        """The broker's header, and the body that comes with an answer or an error (else empty)."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # the longest legitimate wait: a full queue wait, a short-lane try, then the time limit
        sock.settimeout(2 * self.timeout + self.short_time + 5)
        try:
            sock.connect(self.path)
            send_frame(sock, client.encode("utf-8"))
            send_frame(sock, payload)
            frame = recv_frame(sock)
            if frame is None:
                raise OSError("the broker closed the connection")
            header = pickle.loads(frame)
            body = recv_frame(sock) if header[0] in ("answer", "error") else b""
            if body is None:
                raise OSError("the broker closed the connection")
        except OSError as error:
            raise PoolBusy(
                f"the query service is not available ({error}); try again later", self.timeout
            ) from None
        finally:
            sock.close()
        return header, body

    def run(self, job: Any, client: str = "") -> Any:
        """Run `job` on a worker for `client`: its value, or its exception re-raised here."""
        header, body = self._ask(client, pickle.dumps(job))
        kind = header[0]
        if kind == "answer":
            status, value = body[:1], pickle.loads(body[1:])
            if status == b"E":
                raise value
            return value
        if kind == "error":
            raise pickle.loads(body)
        if kind == "timeout":
            raise QueryTimeout(header[1])
        if kind == "busy":
            raise PoolBusy(header[1], header[2])
        raise WorkerCrashed(header[1])

    def check(self, client: str) -> None:
        """Raise the budget's refusal if `client` may not have an answer now (one that runs no query)."""
        header, body = self._ask(client, b"check")
        if header[0] == "error":
            raise pickle.loads(body)

    def status(self) -> dict:
        """The broker's pid, its workers' pids per lane, and how many are busy or queued."""
        return self._ask("", b"status")[0][1]
