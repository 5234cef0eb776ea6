"""One test per threat, each sending the hostile request to a real `duikou serve` on 127.0.0.1.

Each asserts the status, the message, and that nothing else happened: the canary (an HTTP server on
127.0.0.1) got no request, the store's size and digest are unchanged, no process leaked. The server
under attack has tight limits (2 s per query, one general query process, a queue of one, 128 MB per
query, small budgets); every test speaks as its own client (User-Agent), so budgets do not mix.
"""

import json
import re
import time
import uuid
from urllib.parse import urlsplit

import pytest
from attack_server import (
    FOREVER,
    HUNGRY,
    LIMITS,
    SERVER_PROCESSES,
    TAG,
    exchange,
    fingerprint,
    later,
    query_processes,
    settled,
)


@pytest.fixture(scope="module")
def server(start_duikou):
    """`duikou serve` with tight limits, its processes findable by an environment tag."""
    return start_duikou(TAG=TAG, **LIMITS)


# -- time, queue, memory: the pool -----------------------------------------------------------------

PAGES = ("/", "/queries", "/page/unit/ndrc", "/sparql")


def test_a_query_past_the_time_limit_is_stopped_while_pages_keep_answering(server):
    before, workers = settled(SERVER_PROCESSES), query_processes()
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
    settled(SERVER_PROCESSES)
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
    settled(SERVER_PROCESSES)
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
    failing = "SELECT ?x FROM <urn:g> WHERE { ?x }"  # not plain: its error is found (and charged) in the pool
    for _ in range(5):
        assert exchange(server, params={"query": failing}, agent="sloppy")[0] == 400
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


# -- /id redirects ----------------------------------------------------------------------------------


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
