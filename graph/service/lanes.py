"""The pool's query processes, by lane: start them, hand each a job, collect its answer, kill, replace.

Lanes know processes, not clients: every ending of a job (an answer, a crash) goes to the `done` callback
the broker gives, and `expire` hands back the jobs it had to stop, saying which process had hung: one
found stopped (SIGSTOP, a debugger) at the deadline. A process is killed with SIGKILL and always reaped
(waitpid) before it is replaced, so none is left behind, not even as a zombie.
"""

import logging
import os
import selectors
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from graph.service.frames import Channel

if TYPE_CHECKING:  # the broker makes the jobs and imports this module
    from graph.service.broker import Job

LOG = logging.getLogger("duikou.pool")
RETRY = 1.0  # seconds before replacing a process that died while starting (it would die again at once)


@dataclass(eq=False)
class Worker:
    pid: int
    channel: Channel
    lane: str  # "general" or "short"
    ready: bool = False
    started: bool = False  # it was ready once (it did not die while starting)
    job: "Job | None" = None
    deadline: float = 0.0


class Lanes:
    """`general` processes for any job, one more ("short") for short jobs; `done(job, header, payload,
    failed)` receives every job that ended here."""

    def __init__(
        self,
        spawn: Callable,
        selector: selectors.BaseSelector,
        *,
        general: int,
        memory_mb: float,
        done: Callable,
        open_files: Callable[[], list],
    ):
        self.spawn, self.selector, self.done, self.open_files = spawn, selector, done, open_files
        self.general, self.memory_mb = general, memory_mb
        self.workers: list[Worker] = []
        self.pending: list[tuple[float, str]] = []  # (when, lane) of processes to start
        self.stopping = False

    def start_all(self) -> None:
        for lane in ["general"] * self.general + ["short"]:
            self.start(lane)

    def channels(self) -> list[Channel]:
        return [w.channel for w in self.workers]

    def start(self, lane: str) -> None:
        try:
            pid, sock = self.spawn(lane, self.open_files())
        except OSError:  # no process or descriptor left just now: try again in a moment
            LOG.exception("could not start a query process")
            self.pending.append((time.monotonic() + RETRY, lane))
            return
        worker = Worker(pid, Channel(sock), lane)
        self.workers.append(worker)
        self.selector.register(sock, selectors.EVENT_READ, partial(self._readable, worker))

    def idle(self, lane: str) -> list[Worker]:
        return [w for w in self.workers if w.lane == lane and w.ready and w.job is None]

    def run(self, worker: Worker, job: "Job", seconds: float) -> None:
        job.started = time.monotonic()
        worker.job, worker.deadline = job, job.started + seconds
        worker.channel.queue(job.payload)

    def _readable(self, worker: Worker, mask) -> None:
        for frame in worker.channel.receive():
            if not worker.started:
                worker.ready = worker.started = frame == b"ready"
            elif worker.job is not None:
                self._answered(worker, worker.job, frame)
        if worker.channel.closed_by_peer and worker in self.workers:
            self.replace(worker, killed=False)

    def _answered(self, worker: Worker, job: "Job", frame: bytes) -> None:
        """Pass on the answer (b"O" or b"E", a pickle); a retiring process (b"R" first) gets no more jobs."""
        worker.job = None
        worker.ready = frame[:1] != b"R"
        job.spent += time.monotonic() - job.started
        self.done(job, ("answer", job.spent), frame[1:], frame[1:2] == b"E")

    def replace(self, worker: Worker, killed: bool) -> None:
        """Kill (if asked) and reap `worker`, report its job if it died with one, and start another."""
        if killed:
            kill(worker.pid)
        status = reap(worker.pid)
        self.selector.unregister(worker.channel.sock)
        worker.channel.close()
        self.workers.remove(worker)
        job, worker.job = worker.job, None
        if job is not None and not killed:
            job.spent += time.monotonic() - job.started
            self.done(job, ("crashed", why(status, self.memory_mb)), None, True)
        if not self.stopping:
            self.pending.append((time.monotonic() + (0 if worker.started else RETRY), worker.lane))
            self.start_pending()

    def start_pending(self) -> None:
        now = time.monotonic()
        for entry in [e for e in self.pending if e[0] <= now]:
            self.pending.remove(entry)
            self.start(entry[1])

    def cancel(self, job: "Job") -> None:
        """Stop the process running `job` (its client went away)."""
        for worker in [w for w in self.workers if w.job is job]:
            job.spent += time.monotonic() - job.started
            self.replace(worker, killed=True)

    def expire(self, now: float) -> list[tuple["Job", str, bool]]:
        """Kill the processes past their deadline; return their (job, lane, whether it had hung), for the
        broker to answer."""
        stopped = []
        for worker, job in [(w, w.job) for w in self.workers if w.job is not None and w.deadline <= now]:
            job.spent += now - job.started
            hung = is_stopped(worker.pid)
            self.replace(worker, killed=True)
            stopped.append((job, worker.lane, hung))
        return stopped

    def wake_times(self) -> list[float]:
        return [w.deadline for w in self.workers if w.job is not None] + [when for when, _ in self.pending]

    def pids(self, lane: str) -> list[int]:
        return [w.pid for w in self.workers if w.lane == lane]

    def shutdown(self) -> None:
        self.stopping = True
        for worker in list(self.workers):
            kill(worker.pid)
            reap(worker.pid)
            worker.channel.close()
        self.workers.clear()


def kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def reap(pid: int) -> int:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def is_stopped(pid: int) -> bool:
    """True if the process is stopped (state T or t in /proc: SIGSTOP, or a tracer)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] in (b"T", b"t")
    except OSError:
        return False


def why(status: int, memory_mb: float) -> str:
    """Why a process died without answering, for the client."""
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
        return (
            f"the query needed more memory than a query may use ({memory_mb:g} MB) and was stopped; "
            "simplify it (fewer joins, a LIMIT) and try again"
        )
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        return "the query used more CPU time than allowed and was stopped"
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
    return f"the query process ended without answering (exit code {code})"
