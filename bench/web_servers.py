"""The servers bench/web.py measures, started on 127.0.0.1 (ours, Flask hello, rdflib-endpoint, Oxigraph),
and the cold start of ours."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from benchlib import (
    Server,
    executable,
    free_port,
)
from graph.paths import ONTOLOGY
from graph.store.dataset import DATA_GRAPH, ONTOLOGY_GRAPH
from webui.server import default_workers

# All the load comes from one address, and /sparql allows a client (address and User-Agent) one query at a
# time and a time budget (webui/budget.py): SPARQL requests each get their own User-Agent (as if each came
# from another client, on every server alike), and the budget is lifted, so that the endpoint is measured
# rather than its limiter; the budget's bookkeeping still runs.
ONE_CLIENT = {
    "DUIKOU_TIME_BUDGET": "1000000000",
    "DUIKOU_ERROR_BUDGET": "1000000000",
    "DUIKOU_CLIENTS_PER_ADDRESS": "1000000",  # the address's share of the budget, lifted too
}


# -- the servers -------------------------------------------------------------------------------------------


def start_all(dist: Path, work: Path, started: list) -> dict[str, str]:
    """Start ours first (its time to first answer is a cold start), then the peers; their base URLs."""
    base = {}
    port = free_port()
    ours = Server(
        "duikou serve",
        [executable("duikou"), "serve", "--host", "127.0.0.1", "--port", str(port), "--dist", str(dist)],
        f"http://127.0.0.1:{port}/",
        work / "ours.log",
        env=ONE_CLIENT,
    )
    started.append(ours)
    base["ours"], base["cold_start_s"] = f"http://127.0.0.1:{port}", ours.ready_s
    peers = str(Path(__file__).with_name("peers.py"))
    port = free_port()
    started.append(
        Server(
            "hello",
            [sys.executable, peers, "hello", "--port", str(port)],
            f"http://127.0.0.1:{port}/",
            work / "hello.log",
        )
    )
    base["hello"] = f"http://127.0.0.1:{port}"
    worker_class, threads = our_workers(work / "ours.log")
    base["our_workers"] = f"{worker_class}, {threads} thread(s)"
    base["our_worker_count"] = count = default_workers()  # ours is started without --workers
    if worker_class != "sync":  # hello again on exactly our worker class and threads
        port = free_port()
        started.append(
            Server(
                "hello (ours)",
                [
                    sys.executable,
                    peers,
                    "hello",
                    "--port",
                    str(port),
                    "--worker-class",
                    worker_class,
                    "--threads",
                    str(threads),
                    "--workers",
                    str(count),
                ],
                f"http://127.0.0.1:{port}/",
                work / "hello-ours.log",
            )
        )
        base["hello-ours"] = f"http://127.0.0.1:{port}"
    port = free_port()
    probe = f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D"
    started.append(
        Server(
            "rdflib-endpoint",
            [
                sys.executable,
                str(Path(__file__).with_name("peers.py")),
                "rdflib-endpoint",
                "--port",
                str(port),
                "--dist",
                str(dist),
            ],
            probe,
            work / "rdflib-endpoint.log",
            wait=120,
        )
    )
    base["rdflib-endpoint"] = f"http://127.0.0.1:{port}"
    base["oxigraph"] = start_oxigraph(dist, work, started)
    return base


def our_workers(log: Path) -> tuple[str, int]:
    """The gunicorn worker class `duikou serve` runs (from its log) and its threads per worker, computed as
    webui.server does (the query pool's capacity + SPARE_THREADS); sync and 1 when that cannot be told."""
    match = re.search(r"Using worker: (\w+)", log.read_text(errors="replace"))
    worker_class = match.group(1) if match else "sync"
    if worker_class == "sync":
        return worker_class, 1
    try:
        from graph.service import settings
        from graph.service.pool import default_size
        from webui.server import SPARE_THREADS

        values = settings.normalised({**settings.defaults(), **_env_settings()})
        pool = (values.get("QUERY_WORKERS") or default_size()) + 1 + values.get("QUEUE_SIZE", 16)
        return worker_class, pool + SPARE_THREADS
    except (ImportError, AttributeError, KeyError, TypeError, ValueError):
        return worker_class, 4


def _env_settings() -> dict:
    found = {}
    for key, value in os.environ.items():
        if key.startswith("DUIKOU_"):
            try:
                found[key[7:]] = json.loads(value)
            except ValueError:
                found[key[7:]] = value
    return found


def start_oxigraph(dist: Path, work: Path, started: list) -> str:
    """Load both graphs into an on-disk store with `oxigraph load`, then `serve-read-only` it."""
    oxigraph, location = executable("oxigraph"), work / "oxigraph-store"
    for path, graph in ((dist / "duikou.nt", DATA_GRAPH), (ONTOLOGY, ONTOLOGY_GRAPH)):
        subprocess.run(
            [oxigraph, "load", "--location", str(location), "--file", str(path), "--graph", str(graph)],
            check=True,
            capture_output=True,
            timeout=300,
        )
    port = free_port()
    started.append(
        Server(
            "oxigraph serve-read-only",
            [
                oxigraph,
                "serve-read-only",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            f"http://127.0.0.1:{port}/query?query=ASK%7B%7D",
            work / "oxigraph.log",
        )
    )
    return f"http://127.0.0.1:{port}"


def cold_starts(dist: Path, work: Path, count: int) -> list[float]:
    """Seconds from spawning `duikou serve` to its first answer (any HTTP status) on /, `count` times."""
    found = []
    for i in range(count):
        port = free_port()
        server = Server(
            "duikou serve",
            [executable("duikou"), "serve", "--host", "127.0.0.1", "--port", str(port), "--dist", str(dist)],
            f"http://127.0.0.1:{port}/",
            work / f"cold-{i}.log",
        )
        found.append(server.ready_s)
        server.stop()
    return found


def start_breakdown(dist: Path) -> dict:
    """Where a cold start goes, in a fresh interpreter: imports, create_app, the first request in-process."""
    code = f"""
import json, time
t0 = time.perf_counter()
import webui
t1 = time.perf_counter()
app = webui.create_app({{"DIST": {str(dist)!r}}})
t2 = time.perf_counter()
status = app.test_client().get("/", headers={{"Accept": "text/html"}}).status_code
t3 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "create_app_s": t2 - t1, "first_request_s": t3 - t2,
                  "status": status}}))
"""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    total = time.perf_counter() - start
    try:
        found = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": done.stderr.strip()[-300:]}
    found["interpreter_total_s"] = total
    return found
