"""One test per threat, each sending the hostile request to a real `duikou serve` on 127.0.0.1.

Each asserts the status, the message, and that nothing else happened: the canary (an HTTP server on
127.0.0.1) got no request, the store's size and digest are unchanged, no process leaked. The server
under attack has tight limits (2 s per query, one general query process, a queue of one, 128 MB per
query, small budgets); every test speaks as its own client (User-Agent), so budgets do not mix.
"""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.paths import ROOT
from webui import create_app
from webui.http.headers import CSP

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?d LIMIT 1"
FINGERPRINT = """SELECT (COUNT(*) AS ?n) (SUM(STRLEN(CONCAT(STR(?g), STR(?s), STR(?p), STR(?o)))) AS ?chars)
  (MIN(MD5(CONCAT(STR(?g), STR(?s), STR(?p), STR(?o)))) AS ?low)
  (MAX(MD5(CONCAT(STR(?g), STR(?s), STR(?p), STR(?o)))) AS ?high) WHERE { GRAPH ?g { ?s ?p ?o } }"""
TAG = uuid.uuid4().hex
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


@pytest.fixture(scope="module")
def server(start_duikou):
    """`duikou serve` with tight limits, its processes findable by an environment tag."""
    return start_duikou(TAG=TAG, **LIMITS)


def exchange(base, method="GET", params=None, body=None, headers=None, path="/sparql", agent="tests"):
    """One raw HTTP exchange as client `agent`: (status, headers, body text, seconds)."""
    host = urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
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
    """The pool's workers: the children of the one server child that has children (the broker)."""
    tree = processes(tag)
    brokers = {parent for parent in tree.values() if parent in tree and tree[parent] in tree}
    return {pid for pid, parent in tree.items() if parent in brokers}


def settled(expected: int, tag: str = TAG, seconds: float = 5) -> dict[int, int]:
    deadline = time.monotonic() + seconds
    while len(found := processes(tag)) != expected or len(query_processes(tag)) != 2:
        assert time.monotonic() < deadline, f"expected {expected} processes, found {found}"
        time.sleep(0.05)
    return found


# -- time, queue, memory: the pool -----------------------------------------------------------------

PAGES = ("/", "/queries", "/page/unit/ndrc", "/sparql")


def test_a_query_past_the_time_limit_is_stopped_while_pages_keep_answering(server):
    before, workers = settled(6), query_processes()  # master, 2 web workers, broker, 2 query workers
    for _ in range(4):  # warm both web workers' caches: cold-start time is not what is measured here
        for path in PAGES:
            assert exchange(server, path=path, agent="visitor")[0] == 200
    attack = later(server, params={"query": FOREVER}, agent="attacker")
    time.sleep(0.3)
    while attack["thread"].is_alive():
        for path in PAGES:
            status, _, _, seconds = exchange(server, path=path, agent="visitor")
            assert status == 200 and seconds < 1.5, (path, status, seconds)
        status, _, body, seconds = exchange(server, params={"query": "ASK { ?s ?p ?o }"}, agent="visitor")
        assert (status, seconds < 1.5) == (200, True), body
    status, headers, body, seconds = attack["result"]
    assert (status, headers["Retry-After"], headers["Cache-Control"]) == (503, "2", "no-store")
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body.startswith("the query ran longer than 2 s and was stopped") and 2 <= seconds < 3.5
    after = settled(len(before))
    replaced = workers - query_processes()
    assert len(replaced) == 1 and not replaced & set(after)  # killed, reaped, and replaced by a fresh one


def test_a_full_pool_answers_503_at_once(server):
    settled(6)
    time.sleep(0.5)  # a query process replaced by the test before is ready by now
    busy = []
    for n in range(3):  # the general process, the short lane, the queue of one
        busy.append(later(server, params={"query": FOREVER}, agent=f"filler-{n}"))
        time.sleep(0.1)
    status, headers, body, seconds = exchange(server, params={"query": "ASK {}"}, agent="late")
    for outcome in busy:
        outcome["thread"].join()
    assert (status, headers["Retry-After"]) == (503, "2") and seconds < 0.5
    assert body.startswith("the server is busy")
    assert {outcome["result"][0] for outcome in busy} == {503}
    assert exchange(server, params={"query": "ASK {}"}, agent="late")[0] == 200


def test_a_query_that_needs_too_much_memory_is_stopped(server):
    workers = query_processes()
    status, headers, body, _ = exchange(server, params={"query": HUNGRY}, agent="hungry")
    assert (status, headers["Retry-After"]) == (503, "2")
    assert "needed more memory than a query may use (128 MB)" in body
    settled(6)
    assert workers - query_processes()  # killed (on the short lane first, perhaps), reaped and replaced
    assert exchange(server, params={"query": "ASK {}"}, agent="hungry")[0] == 200


# -- the client's budget ---------------------------------------------------------------------------


def test_one_client_runs_one_query_at_a_time_whatever_x_forwarded_for_says(server):
    running = later(server, params={"query": FOREVER}, agent="greedy")
    time.sleep(0.3)
    for spoofed in ({}, {"X-Forwarded-For": "198.51.100.7"}, {"X-Forwarded-For": "198.51.100.8, 10.0.0.1"}):
        status, headers, body, _ = exchange(
            server, params={"query": "ASK {}"}, agent="greedy", headers=spoofed
        )
        assert (status, headers["Retry-After"], headers["Cache-Control"]) == (429, "1", "no-store")
        assert body.startswith("one query at a time")
    patient = exchange(server, params={"query": "ASK {}"}, agent="patient")
    assert patient[0] == 200, patient
    running["thread"].join()
    assert running["result"][0] == 503


def test_the_query_time_budget_ends_in_429(server):
    for _ in range(3):  # short queries: their time counts too
        assert exchange(server, params={"query": "ASK { ?s ?p ?o }"}, agent="spender")[0] == 200
    assert exchange(server, params={"query": FOREVER}, agent="spender")[0] == 503  # stopped at 2 s
    status, headers, body, _ = exchange(server, params={"query": "ASK {}"}, agent="spender")
    assert status == 429 and 55 <= int(headers["Retry-After"]) <= 60
    used = float(
        re.match(
            r"query-time budget used up: your queries ran ([0-9.]+) s in the last minute "
            r"\(the limit is 1.5 s\)",
            body,
        ).group(1)
    )
    assert 2.0 < used < 3.0  # the stopped query's 2 s and the short ones' few milliseconds


def test_the_error_budget_ends_in_429(server):
    for _ in range(5):
        assert exchange(server, params={"query": "SELECT ?x WHERE { ?x }"}, agent="sloppy")[0] == 400
    status, headers, body, _ = exchange(server, params={"query": "ASK {}"}, agent="sloppy")
    assert status == 429 and 55 <= int(headers["Retry-After"]) <= 60
    assert "5 of your queries failed in the last minute (the limit is 5)" in body


# -- no writes, no egress ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, params, body, headers",
    [
        ("POST", None, {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, None),
        ("POST", None, "DROP ALL", {"Content-Type": "application/sparql-update"}),
        ("POST", None, "CLEAR DEFAULT", {"Content-Type": "application/sparql-query"}),
        ("GET", {"query": "LOAD <file:///etc/passwd>"}, None, None),
        ("GET", {"update": "DELETE WHERE { ?s ?p ?o }"}, None, None),
        ("GET", {"query": "DELETE WHERE { ?s ?p ?o }"}, None, None),
    ],
)
def test_updates_are_refused_and_the_store_is_unchanged(server, method, params, body, headers):
    before = fingerprint(server)
    status, response_headers, text, _ = exchange(
        server, method, params=params, body=body, headers=headers, agent="writer"
    )
    assert status == 403 and text.startswith("this endpoint is read-only")
    assert response_headers["Content-Type"] == "text/plain; charset=utf-8"
    assert fingerprint(server) == before and int(before["n"]) > 5000


def test_service_is_refused_on_the_parsed_query_and_never_called(server, canary):
    target = f"<{canary.url}>"
    for n, query in enumerate(
        (
            f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ \\u0053ERVICE {target} {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent {target} {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ VALUES ?e {{ {target} }} SERVICE ?e {{ ?s ?p ?o }} }}",
            f"ASK {{ ?s ?p ?o FILTER EXISTS {{ OPTIONAL {{ SERVICE {target} {{ ?s ?p ?o }} }} }} }}",
        )
    ):
        status, _, body, _ = exchange(server, params={"query": query}, agent=f"egress-{n}")
        assert status == 403 and "SERVICE" in body and "is not allowed here" in body, body
    status, _, body, _ = exchange(
        server, params={"query": f'SELECT ?x WHERE {{ BIND("SERVICE {target}" AS ?x) }}'}, agent="egress"
    )
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["x"]["value"] == f"SERVICE {target}"
    time.sleep(0.2)
    assert canary.requests == []


def test_from_and_dataset_iris_never_fetch_or_read_anything(server, canary, tmp_path):
    secret = f"SECRET-{uuid.uuid4().hex}"
    data = tmp_path / "secret.nt"
    data.write_text(f'<urn:x:s> <urn:x:p> "{secret}" .\n', encoding="utf-8")
    for iri in (data.as_uri(), canary.url):
        asks = [
            {"query": f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}"},
            {"query": f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
            {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": iri},
            {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": iri},
            {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"},
        ]
        for params in asks:
            status, _, body, _ = exchange(server, params=params, agent="reader")
            assert status == 200 and secret not in body, body
            assert "urn:x:s" not in body and (
                "bindings" not in body or json.loads(body)["results"]["bindings"] == []
            )
    time.sleep(0.2)
    assert canary.requests == []


# -- one error contract ------------------------------------------------------------------------------

LONG = "ASK {} #" + "x" * 70 * 1024
CONTRACT = [
    ("syntax", 400, {"params": {"query": "SELECT ?x WHERE {\n ?x ?p }"}}, r"\b2:\d+\b"),
    (
        "nesting",
        400,
        {"method": "POST", "body": {"query": "ASK { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }"}},
        "nests too deeply",
    ),
    ("update", 403, {"method": "POST", "body": {"update": "CLEAR ALL"}}, "read-only"),
    (
        "service",
        403,
        {"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}},
        "is not allowed here",
    ),
    (
        "method",
        405,
        {"method": "PUT", "body": "x", "headers": {"Content-Type": "text/turtle"}},
        "not allowed",
    ),
    ("accept", 406, {"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, "use one of:"),
    (
        "body",
        413,
        {"method": "POST", "body": LONG, "headers": {"Content-Type": "application/sparql-query"}},
        "",
    ),
    ("url", 414, {"params": {"query": "ASK {} #" + "x" * 9000}}, ""),
    (
        "content type",
        415,
        {"method": "POST", "body": "ASK {}", "headers": {"Content-Type": "text/plain"}},
        "application/sparql-query",
    ),
    (
        "charset",
        415,
        {
            "method": "POST",
            "body": "ASK {}",
            "headers": {"Content-Type": "application/sparql-query; charset=latin-1"},
        },
        "UTF-8",
    ),
]


@pytest.mark.parametrize("name, status, request_, message", CONTRACT, ids=[c[0] for c in CONTRACT])
def test_each_refusal_has_its_status_a_plain_message_and_is_not_cached(
    server, name, status, request_, message
):
    got, headers, body, _ = exchange(server, agent=f"contract-{name}", **request_)
    assert got == status, body
    if status != 414:  # gunicorn itself answers a request line it will not read
        assert headers["Content-Type"] == "text/plain; charset=utf-8"
        assert headers["Cache-Control"] == "no-store"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert re.search(message, body) and "Traceback" not in body and "/work" not in body


def test_a_capped_answer_says_so(server):
    status, headers, body, _ = exchange(server, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, agent="big")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50
    assert (headers["X-Duikou-Truncated"], headers["X-Duikou-Row-Limit"]) == ("true", "50")
    status, headers, body, _ = exchange(
        server, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"}, agent="big"
    )
    assert status == 200 and len(body.strip().splitlines()) == 50 and headers["X-Duikou-Truncated"] == "true"


def test_a_bug_is_a_500_that_shows_nothing_internal(app):
    response = app.test_client().get("/boom")
    assert response.status_code == 500 and response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert text == "internal error: the server could not answer this request\n"


# -- pages -------------------------------------------------------------------------------------------

HOSTILE = '国家发展改革委</script><script>alert("x")</script><!--'
NDRC = "<https://w3id.org/duikou/id/unit/ndrc> <http://www.w3.org/2004/02/skos/core#prefLabel> "


@pytest.fixture(scope="module")
def app(served_dist, tmp_path_factory):
    """An app over a copy of the build where NDRC's Chinese name is hostile markup, with its SHACL report
    given (validation.ttl) so that no page spends seconds validating."""
    dist = tmp_path_factory.mktemp("hostile") / "dist"
    dist.mkdir()
    for item in served_dist.iterdir():
        if item.is_file():
            (dist / item.name).write_bytes(item.read_bytes())
    escaped = HOSTILE.replace('"', '\\"')
    lines = [
        f'{NDRC}"{escaped}"@zh .' if line.startswith(NDRC) and line.endswith("@zh .") else line
        for line in (dist / "duikou.nt").read_text(encoding="utf-8").splitlines()
    ]
    (dist / "duikou.nt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (dist / "validation.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n[] a sh:ValidationReport ; sh:conforms true .\n",
        encoding="utf-8",
    )
    app = create_app({"DIST": dist})

    @app.get("/boom")
    def boom():  # a bug, for the 500 test
        raise RuntimeError(f"secret detail in {ROOT}")

    return app


def sample_url(rule) -> str:
    """A URL for a route, its variables filled with plausible values (one of an `any(…)`'s choices)."""
    values = {name: "unit/ndrc" if name == "path" else "x" for name in rule.arguments}
    for name, converter in rule._converters.items():
        if hasattr(converter, "items"):
            values[name] = sorted(converter.items)[0]
    return rule.build(values, append_unknown=False)[1]


def test_every_route_sends_the_security_headers(app):
    web = app.test_client()
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods]
    assert len(rules) > 10
    for rule in rules:
        url = sample_url(rule)
        for response in (web.get(url), web.head(url), web.post(url)):
            assert response.headers["Content-Security-Policy"] == CSP, url
            assert response.headers["X-Content-Type-Options"] == "nosniff", url
            assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert web.get("/no/such/page").headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example",
        "/%2F%2Fevil.example",
        "/%2F/evil.example",
        "/\\\\evil.example",
        "/%5C%5Cevil.example",
        "/unit/ndrc/..%2F..%2F..%2F%2Fevil.example",
        "/https://evil.example/",
        "/unit/ndrc%0D%0ALocation:%20https://evil.example/",
    ],
)
def test_id_never_redirects_off_site(server, path):
    status, headers, _, _ = exchange(
        server, path="/id" + path, agent="redirects", headers={"Accept": "text/html"}
    )
    location = headers.get("Location", "")
    if 300 <= status < 400:
        target = urlsplit(location)
        assert target.netloc in ("", urlsplit(server).netloc) and target.scheme in ("", "http")
        assert target.path.startswith(("/page/", "/data/", "/dataset")) and "\\" not in location
    assert "evil.example" not in location


def test_id_redirects_to_our_own_page(server):
    status, headers, _, _ = exchange(
        server, path="/id/unit/ndrc", agent="redirects", headers={"Accept": "text/html"}
    )
    assert status == 303 and headers["Location"].endswith("/page/unit/ndrc")


class Scripts(HTMLParser):
    """The <script> elements of a page: their attributes and text."""

    def __init__(self, text):
        super().__init__()
        self.scripts, self.inside = [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append({"attrs": dict(attrs), "text": ""})
            self.inside = self.scripts[-1]

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = None

    def handle_data(self, data):
        if self.inside is not None:
            self.inside["text"] += data


def test_a_label_cannot_break_out_of_the_embedded_json_ld(app):
    response = app.test_client().get("/page/unit/ndrc?lang=zh")
    assert response.status_code == 200
    scripts = Scripts(response.get_data(as_text=True)).scripts
    inline = [s for s in scripts if "src" not in s["attrs"]]
    assert inline and all(s["attrs"].get("type") == "application/ld+json" for s in inline)
    names = [name["@value"] for name in json.loads(inline[0]["text"])["name"]]
    assert HOSTILE in names
    assert not any("alert" in s["text"] for s in scripts if s["attrs"].get("type") != "application/ld+json")


# -- debug, and what is left when the server stops ---------------------------------------------------


def test_debug_stays_off_whatever_the_environment_says(served_dist, monkeypatch):
    """`create_app` forces DEBUG off; `serve --dev` runs Flask's server with debug off and no .env files."""
    from flask import Flask

    from webui.server import serve

    for name in ("DUIKOU_DEBUG", "FLASK_DEBUG", "DUIKOU_TESTING"):
        monkeypatch.setenv(name, "1")
    app = create_app({"DIST": served_dist, "DEBUG": True})
    assert app.debug is False and app.config["DEBUG"] is False
    ran = {}
    monkeypatch.setattr(Flask, "run", lambda self, **options: ran.update(options, debug_now=self.debug))
    serve(port=1, dev=True, settings={"DIST": served_dist})
    assert (ran["debug"], ran["use_reloader"], ran["load_dotenv"], ran["debug_now"]) == (
        False,
        False,
        False,
        False,
    )


def test_a_stopped_server_leaves_no_process_and_debug_was_never_on(served_dist, tmp_path):
    """A server started with every debug switch on: no debugger; SIGTERM: every process it made is gone."""
    from helpers.ports import free_port

    tag, port = uuid.uuid4().hex, free_port()
    env = {
        **os.environ,
        "DUIKOU_TAG": tag,
        "DUIKOU_DEBUG": "1",
        "FLASK_DEBUG": "1",
        "DUIKOU_QUERY_TIMEOUT": "1",
        "PYTHONPATH": str(ROOT),
    }
    command = [
        sys.executable,
        "-c",
        "from graph.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--workers",
        "2",
        "--dist",
        str(served_dist),
    ]
    with open(tmp_path / "server.log", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                exchange(base, params={"query": "ASK {}"})
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, (
                    tmp_path / "server.log"
                ).read_text()
                time.sleep(0.1)
        _, headers, body, _ = exchange(
            base, path="/", params={"__debugger__": "yes", "cmd": "resource", "f": "debugger.js"}
        )
        assert "javascript" not in headers.get("Content-Type", "") and "Werkzeug" not in body
        attack = later(base, params={"query": FOREVER})
        time.sleep(0.3)
        assert len(settled(6, tag)) == 6
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        attack["thread"].join()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    deadline = time.monotonic() + 5
    while processes(tag):
        assert time.monotonic() < deadline, f"left behind: {processes(tag)}"
        time.sleep(0.05)


# -- build input -------------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&xxe;</ex:p></rdf:Description></rdf:RDF>
"""


def validate(path: Path):
    started = time.monotonic()
    result = CliRunner().invoke(main, ["validate", str(path)])
    return result, time.monotonic() - started


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("laughs.rdf", BILLION_LAUGHS.encode(), "DOCTYPE or ENTITY declaration is refused"),
        ("xxe.rdf", XXE.encode(), "DOCTYPE or ENTITY declaration is refused"),
        ("xxe16.rdf", XXE.encode("utf-16"), "only UTF-8"),
        (
            "ebcdic.rdf",
            b'<?xml version="1.0" encoding="cp037"?>' + XXE.split("?>", 1)[1].encode("cp037"),
            "the XML encoding 'cp037' is not accepted",
        ),
        ("trix.trix", XXE.replace("rdf:RDF", "TriX").encode(), "DOCTYPE or ENTITY declaration is refused"),
    ],
)
def test_rdf_xml_with_entities_is_refused_before_parsing(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result, seconds = validate(path)
    assert result.exit_code == 2 and seconds < 5
    assert result.output.startswith(f"error: {path}: ") and reason in result.output
    assert "root:" not in result.output


@pytest.mark.parametrize(
    "context", ["{url}", ["{url}"], {"@import": "{url}"}, [{"ex": "http://example.org/"}, "{url}"]]
)
def test_json_ld_with_a_remote_context_is_refused_and_never_fetched(tmp_path, canary, context):
    url = canary.url.replace("/sparql", "/context.jsonld")
    text = json.dumps({"@context": context, "@id": "http://example.org/a", "name": "x"}).replace("{url}", url)
    for document in (text, json.dumps({"@graph": [json.loads(text)]})):
        path = tmp_path / "remote.jsonld"
        path.write_text(document, encoding="utf-8")
        result, _ = validate(path)
        assert result.exit_code == 2 and "remote JSON-LD contexts are not fetched" in result.output
    time.sleep(0.1)
    assert canary.requests == []


def test_even_unchecked_the_parser_cannot_fetch_a_context(canary):
    """Defence in depth: the parse runs in a child that can open no socket or file."""
    from graph.service.safeparse import _confined_parse
    from graph.service.sandbox import run_with_time_limit

    document = json.dumps({"@context": canary.url, "@id": "http://example.org/a"}).encode()
    with pytest.raises(Exception) as refused:
        run_with_time_limit(_confined_parse, (document, "json-ld", None), 10)
    assert "Too many open files" in str(refused.value) or "Errno 24" in str(refused.value)
    assert canary.requests == []


def test_an_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.nt"
    with path.open("wb") as stream:
        stream.truncate(64 * 2**20 + 1)
    result, seconds = validate(path)
    assert result.exit_code == 2 and seconds < 5
    assert (
        result.output.strip()
        == f"error: {path} is {64 * 2**20 + 1} bytes, more than the {64 * 2**20} bytes accepted"
    )


def test_owl_imports_is_never_followed(tmp_path, canary):
    path = tmp_path / "imports.ttl"
    path.write_text(
        f"<http://example.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
        f"  <http://www.w3.org/2002/07/owl#imports> <{canary.url}> .\n",
        encoding="utf-8",
    )
    result, _ = validate(path)
    assert result.exit_code in (0, 1), result.output
    time.sleep(0.1)
    assert canary.requests == []
