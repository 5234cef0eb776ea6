"""What runs in the pool's own processes: the keeper, the broker's entry, and the query process's loop.

All are forked (from the server, then from the keeper, then from the broker), never exec'd: they keep the
loaded store, copy-on-write. None ever returns into the code that forked it: they end with `os._exit`.

The keeper does one thing: start the broker, and start another whenever it dies (a bug, the kernel's
out-of-memory killer, a `kill -9`), so that /sparql recovers by itself. It holds the listening socket
too, so the web processes' connections wait in its backlog meanwhile and the new broker answers them.
The new broker starts with an empty budget ledger: what the clients had used is forgotten.
"""

import faulthandler
import logging
import math
import os
import pickle
import resource
import shutil
import signal
import socket
import time
import traceback
from collections.abc import Callable
from typing import Any

from graph.service.broker import Broker
from graph.service.frames import recv_frame, send_frame
from graph.service.sandbox import die_with_parent, forbid_new_files, limit_cpu, limit_memory, portable

NICENESS = {"general": 10, "short": 0}  # general processes yield the CPU to the web processes; the short
# lane, whose jobs are short by construction (cut at `short_time`, light clients only), must not starve
RECYCLE_GROWTH = 64 * 2**20  # a query process that grew by more than this after a job is replaced
RESTART_GAP = 1.0  # seconds at least between two starts of the broker (one that dies at once waits)
LOG = logging.getLogger("duikou.pool")


def keeper_main(pool, listener: socket.socket) -> None:
    """The broker's keeper: never returns."""
    code, running = 0, {"stopping": False, "broker": 0}

    def stop(signum, frame) -> None:
        running["stopping"] = True
        _signal(running["broker"], signal.SIGTERM)

    try:
        die_with_parent(signal.SIGTERM)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        while not running["stopping"]:
            started = time.monotonic()
            pid = os.fork()
            if pid == 0:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)  # until the broker sets its own
                broker_main(pool, listener)
            running["broker"] = pid
            if running["stopping"]:  # told to stop while forking
                _signal(pid, signal.SIGTERM)
            status = os.waitpid(pid, 0)[1]
            if not running["stopping"]:
                LOG.warning("the query broker (pid %d) ended (status %d); starting another", pid, status)
                time.sleep(max(0.0, RESTART_GAP - (time.monotonic() - started)))
    except BaseException:  # the keeper must never fall back into the server's code
        traceback.print_exc()
        code = 1
    if pool.folder:  # the socket's folder goes too, even if the server that made it was killed
        shutil.rmtree(pool.folder, ignore_errors=True)
    os._exit(code)


def _signal(pid: int, sig: int) -> None:
    try:
        if pid:
            os.kill(pid, sig)
    except ProcessLookupError:
        pass


def broker_main(pool, listener: socket.socket) -> None:
    """The broker process: never returns."""
    try:
        die_with_parent(signal.SIGTERM)
        broker = Broker(
            listener,
            pool_spawner(pool),
            workers=pool.size,
            queue_size=pool.queue_size,
            timeout=pool.timeout,
            short_time=pool.short_time,
            gate=pool.gate,
            memory_mb=pool.memory_mb,
        )
        broker.run()
    except BaseException:  # the broker must never fall back into the caller's code
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def pool_spawner(pool) -> Callable[[str, list], tuple[int, socket.socket]]:
    """The broker's way of forking a worker: (pid, the broker's end of its socket pair)."""

    def spawn(lane: str, open_files: list) -> tuple[int, socket.socket]:
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            ours.close()
            for item in open_files:
                os.close(item) if isinstance(item, int) else item.close()
            _worker_main(pool, theirs, lane)
        theirs.close()
        return pid, ours

    return spawn


def _worker_main(pool, channel: socket.socket, lane: str) -> None:
    """A query worker: confine itself, then answer jobs one by one until the broker goes away."""
    code = 0
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        faulthandler.disable()  # an abort (out of memory) is expected here; the broker reports it
        die_with_parent(signal.SIGKILL)
        os.nice(NICENESS[lane])
        if pool.warm_up:
            pool.warm_up()
        limit_memory(pool.memory_mb)
        if pool.offline:
            forbid_new_files()
        start = _peak_resident()
        send_frame(channel, b"ready")
        while (frame := recv_frame(channel)) is not None:
            limit_cpu(math.ceil(pool.timeout) + 2)
            answer = _answer(pool.handler, frame)
            # a worker that grew retires after this answer (and says so in it, so that no job is sent
            # to it meanwhile): the broker forks a fresh one, so memory stays where it started
            retiring = _peak_resident() - start > RECYCLE_GROWTH
            send_frame(channel, (b"R" if retiring else b"-") + answer)
            if retiring:
                break
    except BaseException:  # a worker that cannot go on just ends; the broker replaces it
        code = 1
    os._exit(code)


def _peak_resident() -> int:
    """The most memory this process has had resident, in bytes (no file needed, unlike /proc)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _answer(handler: Callable[[Any], Any], frame: bytes) -> bytes:
    """b"O" + the pickled value, or b"E" + the pickled exception (one that survives pickling)."""
    try:
        return b"O" + pickle.dumps(handler(pickle.loads(frame)))
    except BaseException as error:
        return b"E" + pickle.dumps(portable(error))
