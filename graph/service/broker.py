"""The pool's broker: one single-threaded event loop that admits, queues and dispatches ad-hoc queries.

Web processes connect to its Unix socket, one connection per query: a frame with the client's key, a
frame with the pickled job. The broker asks the gate (the per-client budget) first, queues the job
(bounded, and never longer than the time limit), hands it to an idle query process (graph.service.lanes) and
forwards the answer untouched; a job past its deadline is stopped and its client told. A client that
goes away cancels its job. Being the one place every ad-hoc query passes, the broker keeps the budget
exactly: a client's query is "in flight" while its connection is open, so no state can go stale.
A job of just `check` asks only the gate whether the client may have an answer that runs no query (one
the web process had cached), and is answered at once.

Lanes: the general processes run any job for up to `timeout` seconds. The short lane takes a job only
when every general process is busy, only from a client with no slow query (one that ran `short_time`
or more) in the last minute, and only for `short_time` seconds: a job that outlives that is stopped
there and queued again for a general process. So while attackers keep every general process busy,
other clients' small queries still answer in milliseconds. Heaviness is the address's (a new User-Agent
does not make a client light again), and a free general process takes the oldest job of the address with
the fewest jobs running, so one address's many clients cannot keep the others waiting.

A query process that stops answering (graph.service.lanes) is replaced, and its client told, not charged.
"""

import logging
import os
import pickle
import selectors
import signal
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from graph.service.budget import address_of
from graph.service.frames import Channel
from graph.service.lanes import Lanes

LOG = logging.getLogger("duikou.pool")
WINDOW = 60.0  # seconds a slow query marks its client as heavy
TICK = 0.5  # longest sleep: how often the broker checks that its parent is alive


@dataclass(eq=False)
class Conn:
    """One web process's request: its channel, the frames read so far, its job once submitted."""

    channel: Channel
    frames: list = field(default_factory=list)
    job: "Job | None" = None
    answered: bool = False


@dataclass(eq=False)
class Job:
    conn: Conn
    key: str
    payload: bytes
    submitted: float
    spent: float = 0.0
    started: float = 0.0


class Broker:
    """Run the loop in the broker process until stopped (SIGTERM) or orphaned."""

    def __init__(
        self,
        listener,
        spawn: Callable,
        *,
        workers: int,
        queue_size: int,
        timeout: float,
        short_time: float,
        gate=None,
        memory_mb: float = 0,
    ):
        self.listener, self.gate = listener, gate
        self.queue_size, self.timeout, self.short_time = queue_size, timeout, short_time
        self.selector = selectors.DefaultSelector()
        self.lanes = Lanes(
            spawn,
            self.selector,
            general=workers,
            memory_mb=memory_mb,
            done=self._finish,
            open_files=self._open_files,
        )
        self.conns: set[Conn] = set()
        self.queue: deque[Job] = deque()
        self.slow: dict[str, float] = {}
        self.stopping, self.parent = False, os.getppid()

    def run(self) -> None:
        self.wake = os.pipe()
        for fd in self.wake:
            os.set_blocking(fd, False)
        signal.set_wakeup_fd(self.wake[1])
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.selector.register(self.wake[0], selectors.EVENT_READ, self._drain)
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ, self._accept)
        self.lanes.start_all()
        try:
            while not self.stopping and os.getppid() == self.parent:
                for key, mask in self.selector.select(self._sleep()):
                    self._safely(key.data, mask)
                for step in (self._expire, self.lanes.start_pending, self._dispatch):
                    self._safely(step)
        finally:
            self.lanes.shutdown()
            for conn in list(self.conns):
                conn.channel.close()
            self.listener.close()

    @staticmethod
    def _safely(step, *args) -> None:
        """Run one step of the loop; a bug in it is logged and the broker goes on serving the others."""
        try:
            step(*args)
        except Exception:  # the pool must outlive any one event: log it with its traceback, go on
            LOG.exception("the query pool's broker failed in %s", getattr(step, "__name__", step))

    def _stop(self, signum, frame) -> None:
        self.stopping = True

    def _drain(self, mask) -> None:
        try:
            os.read(self.wake[0], 512)
        except BlockingIOError:
            pass

    def _sleep(self) -> float:
        now = time.monotonic()
        ends = [now + TICK, *self.lanes.wake_times()]
        if self.queue:
            ends.append(min(j.submitted for j in self.queue) + self.timeout)
        return max(0.0, min(ends) - now)

    def _open_files(self) -> list:
        """What a newly forked query process must close: every descriptor of the broker."""
        return [
            self.listener,
            self.selector,
            *self.wake,
            *self.lanes.channels(),
            *(c.channel for c in self.conns),
        ]

    # -- clients ---------------------------------------------------------------------------------------

    def _accept(self, mask) -> None:
        try:
            sock, _ = self.listener.accept()
        except (BlockingIOError, InterruptedError):
            return
        conn = Conn(Channel(sock))
        self.conns.add(conn)
        self.selector.register(sock, selectors.EVENT_READ, partial(self._from_client, conn))

    def _from_client(self, conn: Conn, mask) -> None:
        try:
            self._client_event(conn, mask)
        except Exception:  # a bug: log it, and hang up on this client (it answers 503) rather than hang
            LOG.exception("the query pool's broker failed on a request")
            if conn.job is not None:
                self._cancel(conn)
            self._close(conn)

    def _client_event(self, conn: Conn, mask) -> None:
        if mask & selectors.EVENT_WRITE and conn.channel.flush() and conn.answered:
            self._close(conn)
        elif mask & selectors.EVENT_READ:
            conn.frames += conn.channel.receive()
            if conn.channel.closed_by_peer:
                self._cancel(conn)
            elif len(conn.frames) == 2 and conn.job is None and not conn.answered:
                self._submit(conn, conn.frames[0].decode("utf-8", "replace"), conn.frames[1])

    def _submit(self, conn: Conn, key: str, payload: bytes) -> None:
        if payload == b"status":
            self._reply(conn, ("status", self.status()))
            return
        if payload == b"check":  # an answer the web process already has: may this client have it?
            refusal = self.gate.check(key, time.monotonic()) if self.gate else None
            self._reply(conn, *(("error",), pickle.dumps(refusal)) if refusal else (("clear",),))
            return
        refusal = self.gate.admit(key, time.monotonic()) if self.gate else None
        if refusal is not None:
            self._reply(conn, ("error",), pickle.dumps(refusal))
            return
        job = Job(conn, key, payload, time.monotonic())
        if len(self.queue) >= self.queue_size and not self.lanes.idle("general"):
            self._busy(job, f"{len(self.queue)} queries are already waiting; try again in a few seconds")
            return
        conn.job = job
        self.queue.append(job)

    def _reply(self, conn: Conn, header: tuple, payload: bytes | None = None) -> None:
        """Send the answer; the connection closes once it is all sent."""
        conn.answered, conn.job = True, None
        conn.channel.queue(pickle.dumps(header), *([payload] if payload is not None else []))
        if conn.channel.outbox and not conn.channel.closed_by_peer:
            self.selector.modify(
                conn.channel.sock,
                selectors.EVENT_READ | selectors.EVENT_WRITE,
                partial(self._from_client, conn),
            )
        else:
            self._close(conn)

    def _close(self, conn: Conn) -> None:
        if conn in self.conns:
            self.conns.discard(conn)
            self.selector.unregister(conn.channel.sock)
            conn.channel.close()

    def _cancel(self, conn: Conn) -> None:
        """The client went away: drop its job, stopping the process that runs it."""
        job, conn.job = conn.job, None
        if job is not None:
            if job in self.queue:
                self.queue.remove(job)
            self.lanes.cancel(job)
            self._settle(job, failed=False)
        self._close(conn)

    def _settle(self, job: Job, failed: bool) -> None:
        if job.spent >= self.short_time:
            self.slow[address_of(job.key)] = time.monotonic()
        if self.gate:
            self.gate.settle(job.key, job.spent, failed, time.monotonic())

    def _finish(self, job: Job, header: tuple, payload: bytes | None = None, failed: bool = False) -> None:
        self._settle(job, failed)
        if job.conn in self.conns:
            self._reply(job.conn, header, payload)

    # -- the queue -------------------------------------------------------------------------------------

    def _light(self, key: str) -> bool:
        return time.monotonic() - self.slow.get(address_of(key), -WINDOW) >= WINDOW

    def _next_job(self) -> Job:
        """The oldest queued job of the address with the fewest jobs running."""
        running = Counter(address_of(w.job.key) for w in self.lanes.workers if w.job is not None)
        return min(self.queue, key=lambda job: running[address_of(job.key)])  # min keeps the first of ties

    def _dispatch(self) -> None:
        for worker in self.lanes.idle("general"):
            if self.queue:
                chosen = self._next_job()
                self.queue.remove(chosen)
                self.lanes.run(worker, chosen, self.timeout)
        if self.lanes.idle("general"):
            return
        for worker in self.lanes.idle("short"):
            job = next((j for j in self.queue if self._light(j.key)), None)
            if job is not None:
                self.queue.remove(job)
                self.lanes.run(worker, job, self.short_time)

    def _expire(self) -> None:
        """Answer the jobs stopped at their deadline (or queue them again), and those that waited too long."""
        now = time.monotonic()
        for job, lane, hung in self.lanes.expire(now):
            if hung:  # not the client's doing: answered, not charged, not marked slow
                job.spent = 0.0
                message = "the query process stopped answering and was replaced; send the query again"
                self._finish(job, ("crashed", message))
                continue
            self.slow[address_of(job.key)] = now
            if lane == "short":
                self.queue.appendleft(job)
            else:
                message = f"the query ran longer than {self.timeout:g} s and was stopped"
                self._finish(job, ("timeout", message), failed=True)
        for job in [j for j in self.queue if now - j.submitted >= self.timeout]:
            self.queue.remove(job)
            self._busy(job, f"the query waited {self.timeout:g} s for a free query process; try again later")
        for key in [k for k, t in self.slow.items() if now - t >= WINDOW]:
            del self.slow[key]

    def _busy(self, job: Job, why: str) -> None:
        self._finish(job, ("busy", f"the server is busy: {why}", self.timeout))

    def status(self) -> dict:
        """What tests may ask: the process ids per lane, how many are ready and busy, the queue length."""
        workers = self.lanes.workers
        return {
            "pid": os.getpid(),
            "general": self.lanes.pids("general"),
            "short": self.lanes.pids("short"),
            "ready": sum(w.ready for w in workers),
            "busy": sum(w.job is not None for w in workers),
            "queued": len(self.queue),
        }
