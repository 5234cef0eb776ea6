"""What the security tests share: the tight limits of the server under attack, raw HTTP exchanges as a
named client (from a loopback address of its own), the store's fingerprint, and the processes a server
started (found by an environment tag)."""

import hashlib
import http.client
import json
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?d LIMIT 1"
FINGERPRINT = """SELECT (COUNT(*) AS ?n) (SUM(STRLEN(CONCAT(STR(?g), STR(?s), STR(?p), STR(?o)))) AS ?chars)
  (MIN(MD5(CONCAT(STR(?g), STR(?s), STR(?p), STR(?o)))) AS ?low)
  (MAX(MD5(CONCAT(STR(?g), STR(?s), STR(?p), STR(?o)))) AS ?high) WHERE { GRAPH ?g { ?s ?p ?o } }"""
TAG = uuid.uuid4().hex
SERVER_PROCESSES = 8  # master, nginx, 2 web workers, the pool's keeper, its broker, 2 query processes
LIMITS = {
    "QUERY_TIMEOUT": 2,
    "QUERY_WORKERS": 1,
    "QUEUE_SIZE": 1,
    "SHORT_QUERY_TIME": 0.5,
    "WORKER_MEMORY_MB": 128,
    "TIME_BUDGET": 1.5,
    "ERROR_BUDGET": 5,
    "ROW_LIMIT": 50,
}


def exchange(base, method="GET", params=None, body=None, headers=None, path="/sparql", agent="tests"):
    """One raw HTTP exchange as client `agent`: (status, headers, body text, seconds)."""
    host = urlsplit(base)
    connection = http.client.HTTPConnection(
        host.hostname, host.port, timeout=30, source_address=(address(agent), 0)
    )
    target = path + ("?" + urlencode(params, doseq=True) if params else "")
    headers = {"User-Agent": agent, **(headers or {})}
    if isinstance(body, dict):
        body = urlencode(body, doseq=True)
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    started = time.monotonic()
    connection.request(
        method, target, body=body.encode("utf-8") if isinstance(body, str) else body, headers=headers
    )
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, response.headers, text, time.monotonic() - started


def address(agent: str) -> str:
    """A loopback address of the agent's own (all of 127.0.0.0/8 is loopback): budgets are the address's."""
    digest = hashlib.sha256(agent.encode()).digest()
    return f"127.{digest[0]}.{digest[1]}.{max(2, digest[2])}"


def later(*args, **kwargs) -> dict:
    """`exchange` in a thread; the dict gets "result" (or "error", e.g. the server went away) and "thread"."""
    outcome = {}

    def run():
        try:
            outcome["result"] = exchange(*args, **kwargs)
        except OSError as error:
            outcome["error"] = error

    outcome["thread"] = threading.Thread(target=run)
    outcome["thread"].start()
    return outcome


def fingerprint(base) -> dict:
    """The store's size and an order-free digest of its quads (asked as a new client each time)."""
    status, _, body, _ = exchange(base, params={"query": FINGERPRINT}, agent=f"fingerprint-{uuid.uuid4()}")
    assert status == 200, body
    return {k: v["value"] for k, v in json.loads(body)["results"]["bindings"][0].items()}


# -- processes -------------------------------------------------------------------------------------


def processes(tag: str = TAG) -> dict[int, int]:
    """{pid: parent pid} of the live processes started with DUIKOU_TAG=tag (the server and its children)."""
    found = {}
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"DUIKOU_TAG={tag}".encode() not in environ.read_bytes().split(b"\0"):
                continue
            fields = (environ.parent / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] not in ("Z", "X"):
            found[int(environ.parent.name)] = int(fields[1])
    return found


def query_processes(tag: str = TAG) -> set[int]:
    """The pool's workers: the children of the broker (the server's grandchild, under the pool's keeper)."""
    tree = processes(tag)
    brokers = {parent for parent in tree.values() if parent in tree and tree.get(tree[parent]) in tree}
    return {pid for pid, parent in tree.items() if parent in brokers}


def settled(expected: int, tag: str = TAG, seconds: float = 5) -> dict[int, int]:
    deadline = time.monotonic() + seconds
    while len(found := processes(tag)) != expected or len(query_processes(tag)) != 2:
        assert time.monotonic() < deadline, f"expected {expected} processes, found {found}"
        time.sleep(0.05)
    return found
