"""The load generators of bench/web.py: `wrk` when installed, else processes with one keep-alive
connection each; both give requests/s, p50 and p99, and the answers that were not 2xx/3xx."""

import multiprocessing
import os
import re
import subprocess
import tempfile
import time
import urllib.parse

from benchlib import (
    percentile,
)

MANY_CLIENTS = """-- a User-Agent of its own for each request: wrk runs one Lua state per thread,
-- so the thread's id (given by setup) keeps two threads from sending the same one
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  counter = 0
end
function request()
  counter = counter + 1
  wrk.headers["User-Agent"] = "duikou-bench/" .. tostring(id) .. "-" .. tostring(counter)
  return wrk.format(nil)
end
"""


# -- load generators ---------------------------------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()
    return float(number) * UNITS[unit]


def wrk(url: str, headers: dict, connections: int, seconds: float, clients: bool = False) -> dict:
    """Run wrk; requests/s, p50/p99 in ms, non-2xx/3xx answers and socket errors."""
    threads = max(1, min(connections, os.cpu_count() or 1))
    command = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(MANY_CLIENTS)
    if clients:
        command += ["-s", script.name]
    try:
        out = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(script.name)
    found = {"rps_all": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for q in ("50", "99"):
        match = re.search(rf"^\s+{q}%\s+(\S+)", out, re.M)
        found[f"p{q}_ms"] = _ms(match.group(1)) if match else None
    found["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    found["non_2xx"] = int(bad.group(1)) if bad else 0
    found["rps"] = found["rps_all"] * (1 - found["non_2xx"] / max(1, found["requests"]))  # answered 2xx/3xx
    errors = re.search(r"Socket errors: (.*)", out)
    if errors:
        found["socket_errors"] = errors.group(1)
    return found


def _client(url: str, headers: dict, seconds: float, queue, agent: str | None = None) -> None:
    """One keep-alive connection asking `url` in a loop until the time is up (a child process)."""
    import http.client

    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    latencies, bad, deadline = [], 0, time.perf_counter() + seconds
    if agent:
        headers = {**headers, "User-Agent": agent}
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - start)
        bad += not 200 <= response.status < 400
    connection.close()
    queue.put((latencies, bad))


def python_load(url: str, headers: dict, connections: int, seconds: float, clients: bool = False) -> dict:
    """The fallback generator: `connections` processes, one keep-alive connection each (each its own
    client, by User-Agent, when `clients`)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [
        context.Process(
            target=_client, args=(url, headers, seconds, queue, f"duikou-bench/{i}" if clients else None)
        )
        for i in range(connections)
    ]
    for worker in workers:
        worker.start()
    gathered = [queue.get(timeout=seconds + 60) for _ in workers]
    for worker in workers:
        worker.join()
    latencies = [x for part, _ in gathered for x in part]
    bad = sum(n for _, n in gathered)
    return {
        "rps_all": len(latencies) / seconds,
        "rps": (len(latencies) - bad) / seconds,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "requests": len(latencies),
        "non_2xx": bad,
    }


# -- asking a target (web.py's Target: its url, headers and clients) ------------------------------------


def probe(target) -> None:
    """Ask once: the status, and the size of the body as sent (compressed if it was)."""
    import urllib.request

    request = urllib.request.Request(target.url, headers=target.headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            target.status, target.size = response.status, len(response.read())
    except urllib.error.HTTPError as error:
        target.status, target.size = error.code, None
    except OSError as error:
        target.status = None
        target.results["error"] = str(error)


def measure(load, target, connections: int, seconds: float, warmup: float) -> dict:
    if warmup > 0:
        load(target.url, target.headers, connections, warmup, target.clients)
    try:
        return load(target.url, target.headers, connections, seconds, target.clients)
    except Exception as error:  # a crashed or stuck measure is reported in its row; the run goes on
        return {"error": f"{type(error).__name__}: {error}"[:80]}
