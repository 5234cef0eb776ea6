"""What the bench scripts share: percentiles, tables, JSON records, memory figures and servers they start.

Not named `common` or after a standard module: a script run as `python bench/x.py` has bench/ first on
sys.path, so a file here called `http.py` or `profile.py` would shadow the standard library for every script.
"""

import argparse
import json
import math
import os
import platform
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from graph.paths import DIST, ROOT

RESULTS = ROOT / "bench" / "results"
BENCH = ROOT / "bench"
PACKAGES = ("rdflib", "pyoxigraph", "oxigraph", "flask", "gunicorn", "pyshacl", "rdflib-endpoint", "uvicorn")


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def page_values(query) -> dict[str, str]:
    """Values for the required parameters of `query` (a NamedQuery), as the page that runs it gives them:
    the document the site is about, or one of its sections or lines (the defaults these queries had)."""
    from graph.inputs.manifest import primary
    from graph.iris import document

    notice = str(document(primary().slug))
    by_query = {"section-lines": f"{notice}/section/2-1", "entity-line-neighbours": f"{notice}/line/26"}
    return {p.name: by_query.get(query.name, notice) for p in query.parameters if p.required}


def summary_ms(samples: list[float]) -> dict:
    """p50, p99 and mean in milliseconds of samples in seconds."""
    return {
        "runs": len(samples),
        "p50_ms": percentile(samples, 50) * 1000,
        "p99_ms": percentile(samples, 99) * 1000,
        "mean_ms": sum(samples) / len(samples) * 1000,
    }


def timing_parser(
    doc: str, what: str, runs: int, budget: float, per_run_help: str
) -> argparse.ArgumentParser:
    """The options of a bench that times the named queries on each `what` (engine, store): DIST, --runs,
    --budget, --per-run and --only; the bench adds its own."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument(
        "dist", nargs="?", type=Path, default=DIST, help="folder of the built graph (default dist/)"
    )
    runs_help = f"timed runs per query and {what} (default {runs})"
    parser.add_argument("--runs", type=int, default=runs, help=runs_help)
    budget_help = f"seconds per {what} for all queries (default {budget:g})"
    parser.add_argument("--budget", type=float, default=budget, help=budget_help)
    parser.add_argument("--per-run", type=float, default=10.0, help=per_run_help)
    parser.add_argument("--only", nargs="*", metavar="NAME", help="time only these named queries")
    return parser


def table(columns: list[str], rows: list[list[str]]) -> str:
    """A plain-text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(columns)]

    def line(cells):
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(columns), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def fmt(value, digits: int = 2, unit: str = "") -> str:
    """A number with `digits` decimals, or '-' for None; strings pass through."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:,.{digits}f}{unit}"


def verdict(target: str, met: bool, figure: str) -> dict:
    """One of the issue's targets, met or missed, with the figure that says so (a row of a bench's record)."""
    return {"target": target, "met": met, "figure": figure}


def ratio(a, b) -> float | None:
    return a / b if a is not None and b else None


def versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


def write_record(name: str, record: dict, out: Path | None = None) -> Path:
    """Write `record` (plus the machine and versions) as JSON to bench/results/NAME.json, or `out`."""
    path = out or RESULTS / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    full = {
        "script": f"bench/{name}.py",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "versions": versions(),
        **record,
    }
    path.write_text(json.dumps(full, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return path


# -- memory ---------------------------------------------------------------------------------------------


def rss_mb() -> float:
    """This process's resident memory now, in MiB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MiB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(who).ru_maxrss / 1024


def run_measured(command: list[str], timeout: float, **kwargs) -> tuple[int, float, float, str]:
    """Run a command; its exit code, wall seconds, peak RSS in MiB (its own, via wait4) and stderr's tail."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    return process.returncode, elapsed, usage.ru_maxrss / 1024, stderr.strip()[-300:]


# -- servers on loopback ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str, timeout: float = 1.0, headers: dict | None = None) -> int | None:
    """The HTTP status `url` answers with, or None if nothing answers."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, urllib.error.URLError):
        return None


class Server:
    """A server process we started: its log, how long it took to answer, and a stop that ends only it."""

    def __init__(
        self,
        name: str,
        command: list[str],
        probe: str,
        log: Path,
        env: dict | None = None,
        cwd: Path = ROOT,
        wait: float = 60.0,
    ):
        self.name, self.command, self.probe, self.log = name, command, probe, log
        log.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=cwd,
                env={**os.environ, **(env or {})},
                start_new_session=True,
            )
        deadline = start + wait
        while True:
            status = answers(probe, timeout=0.5)
            if status is not None:
                self.status, self.ready_s = status, time.perf_counter() - start
                return
            if self.process.poll() is not None or time.perf_counter() > deadline:
                self.stop()
                tail = log.read_text(errors="replace")[-800:]
                raise RuntimeError(f"{name} did not answer {probe} (exit {self.process.poll()}): {tail}")
            time.sleep(0.01)

    def stop(self) -> None:
        """SIGTERM our own process group (gunicorn's and uvicorn's workers with it), then SIGKILL if stuck."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, 15)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()


def _terminated(signum, frame):
    raise SystemExit(128 + signum)


@contextmanager
def servers():
    """A list to append started Servers to; all are stopped on the way out, whatever happened (SIGTERM and
    SIGHUP too: our servers run in sessions of their own, so nothing else would stop them)."""
    started: list[Server] = []
    previous = {sig: signal.signal(sig, _terminated) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield started
    finally:
        for server in reversed(started):
            server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def python() -> str:
    return sys.executable


def executable(name: str) -> str:
    """A console script of this interpreter's environment (bin/ beside python), else the name for PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


class Overtime(Exception):
    """A forked call ran past its time limit and was killed."""


def in_child(function, args: tuple, seconds: float):
    """`function(*args)` computed in a forked child (os.fork, so it may fork again), killed after `seconds`.

    The answer (or the exception, as a RuntimeError with its type and message) comes back pickled through a
    pipe; Overtime if the time runs out. The child shares the caller's memory copy-on-write."""
    import pickle
    import select

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's cleanup
        os.close(read)
        try:
            outcome = ("ok", function(*args))
        except BaseException as error:  # everything goes back to the parent, which raises it
            outcome = ("error", f"{type(error).__name__}: {error}"[:300])
        with os.fdopen(write, "wb") as out:
            try:
                pickle.dump(outcome, out)
            except Exception as error:
                pickle.dump(("error", f"unpicklable answer: {error}"), out)
        os._exit(0)
    os.close(write)
    chunks, deadline = [], time.monotonic() + seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read], [], [], left)[0]:
                os.kill(pid, 9)
                raise Overtime(f"ran longer than {seconds:g} s")
            chunk = os.read(read, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read)
        os.waitpid(pid, 0)
    if not chunks:
        raise RuntimeError("the child ended without an answer")
    status, value = pickle.loads(b"".join(chunks))
    if status == "error":
        raise RuntimeError(value)
    return value
