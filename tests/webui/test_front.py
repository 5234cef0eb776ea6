"""`duikou serve` with nginx in front: slow and idle clients, request bodies, fairness by address, a broker
that comes back, and a Host that shapes nothing, each tried against the real server on loopback.

Clients come from addresses of their own in 127.0.0.0/8 (all loopback on Linux): the attackers from
127.0.0.1, the visitor whose answers must keep coming from 127.0.0.2.
"""

import http.client
import re
import socket
import statistics
import threading
import time
from urllib.parse import urlencode, urlsplit

import pytest

from helpers.servers import DUIKOU, checkout_env, tagged_processes
from webui.front import nginx

VISITOR = "127.0.0.2"
PAGES = ("/", "/page/unit/mof", "/page/division/360781", "/queries/counties.json", "/notice")
CHUNKED = {"Transfer-Encoding": "chunked", "Content-Type": "application/sparql-query"}
LIMITS = {"QUERY_TIMEOUT": 2, "QUERY_WORKERS": 1, "QUEUE_SIZE": 4, "TIME_BUDGET": 3, "CLIENTS_PER_ADDRESS": 2}
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def front(start_duikou):
    assert nginx() is not None, "these tests need Debian's nginx: run `make test-deps`"
    return start_duikou(TAG="front-tests", **LIMITS)


@pytest.fixture(scope="module")
def bare(start_duikou):
    return start_duikou(front=False)


def request(base, path, method="GET", body=None, headers=None, source="127.0.0.1", agent="tests"):
    """(status, headers, body, seconds) of one request from `source`."""
    parts = urlsplit(base)
    started = time.monotonic()
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers={"User-Agent": agent, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read(), time.monotonic() - started
    finally:
        connection.close()


def raw(base, data: bytes, source="127.0.0.1") -> bytes:
    """Send `data` as it is; what came back until the server closed or went quiet."""
    parts = urlsplit(base)
    with socket.create_connection(
        (parts.hostname, parts.port), timeout=15, source_address=(source, 0)
    ) as sock:
        sock.sendall(data)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
                head, _, body = answer.partition(b"\r\n\r\n")
                length = re.search(rb"(?i)content-length: *(\d+)", head)
                if length and len(body) >= int(length.group(1)):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
    return answer


def chunked(body: bytes, size: bytes | None = None) -> bytes:
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\n" + b"".join(
        f"{k}: {v}\r\n".encode() for k, v in CHUNKED.items()
    )
    return head + b"\r\n" + (size or f"{len(body):x}".encode()) + b"\r\n" + body + b"\r\n0\r\n\r\n"


# -- bodies (behind the front and without it) -------------------------------------------------------


@pytest.fixture(params=["front", "bare"])
def server(request):
    return request.getfixturevalue(request.param)


def test_a_chunked_body_over_max_body_is_413_and_never_runs(server):
    query = b"SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + b"x" * 70_000
    assert raw(server, chunked(query)).startswith(b"HTTP/1.1 413")
    sized = query.replace(b"#", b"")[:100] + b" #" + b"x" * 70_000
    assert request(server, "/sparql", "POST", sized, {"Content-Type": "application/sparql-query"})[0] == 413


def test_a_chunked_body_within_max_body_is_read_whole(server):
    query = b"ASK { }  #" + b"x" * 60_000
    answer = raw(server, chunked(query))
    assert answer.startswith(b"HTTP/1.1 200") and b"true" in answer


def test_a_malformed_chunked_body_is_400_without_a_traceback(server):
    answer = raw(server, chunked(b"ASK {}", size=b"zz"))
    assert answer.startswith(b"HTTP/1.1 400")
    assert b"Traceback" not in answer and len(answer.split(b"\r\n\r\n", 1)[1]) < 200


def test_a_coded_request_body_is_415(server):
    import gzip

    body = gzip.compress(urlencode({"query": "ASK {}"}).encode())
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": "gzip"}
    status, _, text, _ = request(server, "/sparql", "POST", body, headers)
    assert status == 415 and b"Content-Encoding" in text


# -- Host ----------------------------------------------------------------------------------------------


def test_the_host_header_shapes_neither_the_description_nor_a_redirect(front):
    evil = {"Host": "evil.example", "Accept": "text/turtle"}
    status, _, body, _ = request(front, "/sparql", headers=evil)
    assert status == 200 and b"evil.example" not in body and f"<{front}/sparql>".encode() in body
    status, headers, _, _ = request(front, "/queries//pairings?x=1", headers=evil)
    assert status == 308 and headers["Location"] == "/queries/pairings?x=1"


@pytest.mark.parametrize(
    "options, said",
    [((), "needs PUBLIC_URL"), (("--no-front",), "needs the front (nginx), which is turned off")],
)
def test_another_address_needs_the_front_and_public_url(options, said, served_dist):
    import subprocess

    command = [*DUIKOU, "serve", "--host", "0.0.0.0", "--port", "9", *options, "--dist", str(served_dist)]
    done = subprocess.run(command, env=checkout_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and said in done.stderr and len(done.stderr.strip().splitlines()) == 1


# -- fairness by address ---------------------------------------------------------------------------------


def test_one_address_rotating_user_agents_is_throttled_while_another_gets_answers(front):
    stop, statuses = threading.Event(), []

    def attacker(number: int) -> None:
        turn = 0
        while not stop.is_set():
            turn += 1
            agent = f"rotating-{number}-{turn}"
            statuses.append(request(front, "/sparql?" + urlencode({"query": SLOW}), agent=agent)[0])

    threads = [threading.Thread(target=attacker, args=(n,)) for n in range(24)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(3)  # the address is heavy by now: its queries ran past the short lane's time
        visitor = []
        for n in range(10):
            query = f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {n + 1}"
            visitor.append(
                request(front, "/sparql?" + urlencode({"query": query}), source=VISITOR, agent="v")
            )
            time.sleep(0.2)
        update = request(front, "/sparql", "POST", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", QUERY_TYPE)
        service = request(
            front, "/sparql?" + urlencode({"query": "SELECT * { SERVICE <urn:x> { ?s ?p ?o } }"})
        )
        malformed = request(front, "/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o  LIMIT 1"}))
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert [status for status, *_ in visitor] == [200] * 10
    assert statuses.count(429) > 0.8 * len(statuses)  # one address gets what two clients get
    assert update[0] == 403 and update[3] < 1  # the heavy address's update: refused at once, not queued
    assert service[0] == 403 and service[3] < 1
    assert malformed[0] == 400 and malformed[3] < 1 and b"error at 1:" in malformed[2]  # Oxigraph's words


def test_an_ask_over_a_long_cross_join_is_not_run_in_the_web_process(front):
    values = " ".join(str(n) for n in range(3000))
    ask = (
        f"ASK {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} FILTER(false) }}"
    )
    answers = []
    asking = threading.Thread(
        target=lambda: answers.append(
            request(front, "/sparql", "POST", ask.encode(), QUERY_TYPE, "127.0.0.3")
        )
    )
    asking.start()
    time.sleep(0.3)
    pages = [request(front, path, source=VISITOR, agent="reader") for path in PAGES]
    asking.join()
    assert all(status == 200 and seconds < 1 for status, _, _, seconds in pages)
    status, _, _, seconds = answers[0]
    assert status in (200, 503) and seconds < LIMITS["QUERY_TIMEOUT"] + 3  # run (or stopped) in the pool


QUERY_TYPE = {"Content-Type": "application/sparql-query"}


# -- the broker comes back -------------------------------------------------------------------------------


def test_a_killed_broker_is_restarted_and_sparql_recovers(front):
    import os
    import signal

    tree = tagged_processes("front-tests")
    broker = next(pid for pid, parent in tree.items() if tree.get(parent) in tree and pid in tree.values())
    os.kill(broker, signal.SIGKILL)
    started, ask = time.monotonic(), "/sparql?query=ASK%7B%7D"
    while (status := request(front, ask, agent=f"after-{time.monotonic()}", source="127.0.0.9")[0]) != 200:
        assert status == 503 and time.monotonic() - started < 5
        time.sleep(0.1)
    assert broker not in tagged_processes("front-tests")


# -- slow and idle clients -----------------------------------------------------------------------------


def test_slow_and_idle_clients_cannot_starve_the_site(front):
    """200 connections trickling a header byte a second and 100 idle partial requests, all from one address,
    for 60 s: a visitor's cheap pages keep p95 under 500 ms, with no failure."""
    parts = urlsplit(front)
    stop, opened = threading.Event(), [0]

    def connect() -> socket.socket:
        opened[0] += 1
        return socket.create_connection((parts.hostname, parts.port), timeout=5)

    def attack() -> None:
        trickling = [(connect(), b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200) for _ in range(200)]
        idle = [connect() for _ in range(100)]
        for sock in idle:
            sock.sendall(b"GET / HTTP/1.1\r\nHo")
        position = 0
        while not stop.wait(1.0):
            for n, (sock, data) in enumerate(trickling):
                try:
                    sock.send(data[position % len(data) : position % len(data) + 1])
                except OSError:  # the front closed it (its header took too long): open another
                    sock.close()
                    trickling[n] = (connect(), data)
            for n, sock in enumerate(idle):
                sock.setblocking(False)
                try:
                    closed = sock.recv(4096) == b""
                except BlockingIOError:
                    closed = False
                except OSError:
                    closed = True
                if closed:
                    sock.close()
                    idle[n] = connect()
                    idle[n].sendall(b"GET / HTTP/1.1\r\nHo")
            position += 1
        for sock, _ in trickling:
            sock.close()
        for sock in idle:
            sock.close()

    attacker = threading.Thread(target=attack)
    attacker.start()
    times, failures = [], []
    try:
        time.sleep(2)
        ends, turn = time.monotonic() + 60, 0
        while time.monotonic() < ends:
            path = PAGES[turn % len(PAGES)]
            try:
                status, _, _, seconds = request(front, path, source=VISITOR, agent="visitor")
                times.append(seconds)
                if status != 200:
                    failures.append((path, status))
            except OSError as error:
                failures.append((path, str(error)))
            turn += 1
            time.sleep(0.1)
    finally:
        stop.set()
        attacker.join()
    p95 = statistics.quantiles(times, n=20)[-1]
    assert not failures and p95 < 0.5, f"p95 {p95:.3f} s, failures {failures[:5]}"
    assert opened[0] >= 300 and len(times) > 200
