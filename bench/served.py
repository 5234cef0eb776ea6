"""A `duikou serve` under test for bench/attack.py: started on a free loopback port (or a running one on
loopback), asked one request at a time, and its processes' memory read from /proc by a tag.
"""

import http.client
import ipaddress
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from benchlib import free_port

ROOT = Path(__file__).resolve().parent.parent


def loopback(url: str) -> str:
    """The URL without a trailing slash, if it names a loopback host; else stop."""
    host = urlsplit(url).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"refusing {url}: this bench only talks to loopback addresses")
    return url.rstrip("/")


def start_server(dist: Path | None, tag: str, front: bool = True) -> tuple[subprocess.Popen, str]:
    """`duikou serve` on a free loopback port (nginx in front, or not); its processes carry DUIKOU_TAG=tag."""
    port = free_port()
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "DUIKOU_TAG": tag, "PYTHONPATH": path}
    command = [sys.executable, "-c", "from graph.cli import main; main()", "serve", "--port", str(port)]
    command += ["--dist", str(dist)] if dist else []
    command += ["--front" if front else "--no-front"]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
    while request(base, "/sparql?query=ASK%7B%7D", "bench")[0] != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"duikou serve did not start (exit {process.poll()})")
        time.sleep(0.1)
    return process, base


def request(
    base: str,
    target: str,
    agent: str,
    method: str = "GET",
    body: str | None = None,
    problems: list | None = None,
    source: str = "127.0.0.1",
) -> tuple[int, float]:
    """One request from `source` (any loopback address): (status, seconds), status 0 if the connection
    failed; error bodies go to `problems`."""
    parts = urlsplit(base)
    headers = {"User-Agent": agent}
    if body is not None:
        headers["Content-Type"] = "application/sparql-query"
    started = time.monotonic()
    try:
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=30, source_address=(source, 0)
        )
        connection.request(method, target, body=body.encode("utf-8") if body else None, headers=headers)
        response = connection.getresponse()
        text = response.read()
        connection.close()
        if problems is not None and response.status != 200 and len(problems) < 10:
            words = text[:200].decode("utf-8", "replace").strip()
            problems.append(f"{response.status} {target[:60]}: {words}")
        return response.status, time.monotonic() - started
    except OSError:
        return 0, time.monotonic() - started


def server_processes(tag: str) -> dict[int, int]:
    """{pid: resident bytes} of the live processes that carry DUIKOU_TAG=tag."""
    found = {}
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"DUIKOU_TAG={tag}".encode() not in environ.read_bytes().split(b"\0"):
                continue
            status = (environ.parent / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("State", "").split()[:1] not in (["Z"], ["X"]):
            found[int(environ.parent.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    return found
