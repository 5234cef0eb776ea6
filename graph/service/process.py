"""What runs in the pool's own processes: the broker's entry, and the query process's loop.

Both are forked (from the server, then from the broker), never exec'd: they keep the loaded store,
copy-on-write. Neither ever returns into the code that forked it: they end with `os._exit`.
"""

import faulthandler
import math
import os
import pickle
import resource
import signal
import socket
import traceback
from collections.abc import Callable
from typing import Any

from graph.service.broker import Broker
from graph.service.frames import recv_frame, send_frame
from graph.service.sandbox import die_with_parent, forbid_new_files, limit_cpu, limit_memory, portable

NICENESS = {"general": 10, "short": 0}  # general processes yield the CPU to the web processes; the short
# lane, whose jobs are short by construction (cut at `short_time`, light clients only), must not starve
RECYCLE_GROWTH = 64 * 2**20  # a query process that grew by more than this after a job is replaced


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
            folder=pool.folder,
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
