"""Confine a query process; run one function in a forked child with a wall-clock limit that really stops it.

A SPARQL query on the embedded store runs inside Oxigraph's Rust code, which no Python thread or signal
can interrupt, so ad-hoc queries run in other processes, forked from the server (the store is shared
copy-on-write, nothing is reloaded), which can be killed. The primitives here confine such a process:
`die_with_parent`, `limit_memory` (RLIMIT_AS), `limit_cpu` (RLIMIT_CPU, which also kills a process
orphaned by a dead server) and `forbid_new_files`, after which it cannot open any file or socket (so a
query slipping past the SERVICE check cannot reach out). The pool (graph.service.pool) runs its long-lived
query processes with them.

`run_with_time_limit` forks one child for one call: on time-out the child is killed (SIGKILL) and
joined, and the caller gets `QueryTimeout`; the child's result, or its exception with type and message,
comes back pickled through a pipe. Apps served without a pool (tests, scripts) run ad-hoc queries so,
and graph.service.safeparse parses untrusted RDF so.
"""

import ctypes
import math
import multiprocessing
import os
import pickle
import resource
import signal
from collections.abc import Callable
from typing import Any

from graph.errors import ChildCrashed, QueryTimeout

_FORK = multiprocessing.get_context("fork")
_KILLED = (-signal.SIGKILL, -signal.SIGXCPU)
PR_SET_PDEATHSIG = 1


def forbid_new_files() -> None:
    """Make every later open(), socket() or pipe() of this process fail with EMFILE (for children only).

    Linux hands out the lowest free descriptor number, and refuses numbers at or above RLIMIT_NOFILE;
    a limit equal to the lowest free number therefore refuses them all, while descriptors already
    open (the result pipe) keep working.
    """
    lowest_free = os.open(os.devnull, os.O_RDONLY)
    os.close(lowest_free)
    resource.setrlimit(resource.RLIMIT_NOFILE, (lowest_free, lowest_free))


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Ask Linux to send `sig` to this process when its parent dies, so nothing outlives the server."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")


def memory_in_use() -> int:
    """This process's address space in bytes (VmSize), what RLIMIT_AS is compared with."""
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def limit_memory(extra_mb: float) -> None:
    """Let this process grow by at most `extra_mb` MiB of address space beyond what it has now.

    A Python allocation past it raises MemoryError; Oxigraph (Rust) aborts the process instead,
    which its parent sees and reports. Core dumps are off, so an abort writes nothing to disk.
    """
    limit = memory_in_use() + int(extra_mb * 2**20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def limit_cpu(seconds: float) -> None:
    """Kill this process (SIGXCPU) once it has used `seconds` more CPU time from now (soft limit only,
    so that a long-lived worker can set it afresh before each job)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.getrlimit(resource.RLIMIT_CPU)[1]))


def _child(connection, function: Callable, args: tuple, seconds: float) -> None:
    """Set the child's limits, call `function`, and send back ("ok", value) or ("error", exception)."""
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        outcome = ("ok", function(*args))
    except BaseException as error:  # everything goes back to the parent, which re-raises it
        outcome = ("error", portable(error))
    try:
        connection.send(outcome)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        connection.send(("error", RuntimeError(f"the answer could not be sent back: {error}")))
    connection.close()


def portable(error: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a RuntimeError with its type and message."""
    error.__traceback__ = None
    error.__cause__ = error.__context__ = None
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # any failure to round-trip means: send a plain stand-in
        return RuntimeError(f"{type(error).__name__}: {error}")


def run_with_time_limit(function: Callable, args: tuple = (), seconds: float = 10.0) -> Any:
    """Return `function(*args)` computed in a forked child, or raise QueryTimeout after `seconds`."""
    receiver, sender = _FORK.Pipe(duplex=False)
    child = _FORK.Process(target=_child, args=(sender, function, args, seconds), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise QueryTimeout(f"the query ran longer than {seconds:g} s and was stopped")
        try:
            status, value = receiver.recv()
        except EOFError:
            child.join()
            if child.exitcode in _KILLED:
                raise QueryTimeout(f"the query ran longer than {seconds:g} s and was stopped") from None
            message = f"the query process ended without answering (exit code {child.exitcode})"
            raise ChildCrashed(message) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
        child.close()
    if status == "error":
        raise value
    return value
