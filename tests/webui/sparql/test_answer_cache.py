"""/sparql's answer cache: a repeated query is answered from it, keys never collide, errors are not kept,
a remote store has none, the budget still holds on hits, and the cache stays within its bytes."""

import threading
import time

import pytest

from graph.service.budget import client_key
from graph.store.dataset import DATA_GRAPH, ONTOLOGY_GRAPH
from graph.store.writers import Written
from webui import create_app
from webui.http.lru import SizedLRU
from webui.sparql.endpoint import start_pool
from webui.state import of

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
UNITS = "PREFIX dk: <https://w3id.org/duikou/def#>\nSELECT ?unit WHERE { ?unit a dk:SupportingUnit }"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def ask(app, query=None, agent="tests", method="get", headers=None, **params):
    """One request to /sparql as client `agent`."""
    params = {"query": query, **params} if query is not None else params
    send = getattr(app.test_client(), method)
    return send("/sparql", query_string=params, headers={"User-Agent": agent, **(headers or {})})


def stats(app) -> tuple[int, int, int]:
    """(hits, misses, entries) of the app's answer cache."""
    cache = of(app).answers
    return (cache.hits, cache.misses, len(cache.entries)) if cache else (0, 0, 0)


@pytest.fixture
def app(served_dist):
    """A fresh app (its own cache and budget) without a pool: each query runs in a forked child."""
    return create_app(
        {"DIST": served_dist, "QUERY_TIMEOUT": 1.5, "TIME_BUDGET": 2, "ERROR_BUDGET": 3, "ROW_LIMIT": 5}
    )


def test_a_repeated_query_is_answered_from_the_cache(app):
    first = ask(app, UNITS, format="csv")
    assert first.status_code == 200 and stats(app) == (0, 1, 1)
    again = ask(app, UNITS, format="csv", agent="someone else")
    assert stats(app) == (1, 1, 1)
    assert again.get_data() == first.get_data()
    for name in ("Content-Type", "ETag", "X-Duikou-Truncated", "X-Duikou-Row-Limit", "Cache-Control"):
        assert again.headers.get(name) == first.headers.get(name), name
    assert again.headers["Access-Control-Allow-Origin"] == "*" and "Accept" in again.headers["Vary"]
    head = ask(app, UNITS, method="head", format="csv")
    assert head.status_code == 200 and head.get_data() == b""
    assert head.headers["ETag"] == first.headers["ETag"]
    not_modified = ask(app, UNITS, format="csv", headers={"If-None-Match": first.headers["ETag"]})
    assert not_modified.status_code == 304
    # a POST of the same text (form or body) is the same answer
    posted = app.test_client().post(
        "/sparql",
        data=UNITS,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv", "User-Agent": "t"},
    )
    assert posted.get_data() == first.get_data() and stats(app)[0] == 3


def test_the_budget_ledger_is_not_charged_for_a_hit(app):
    ask(app, COUNT, agent="warm")
    ask(app, COUNT, agent="reader")
    assert stats(app)[0] == 1
    ledger = of(app).gate.ledger
    assert client_key("127.0.0.1", "", "warm", ()) in ledger.usage
    assert client_key("127.0.0.1", "", "reader", ()) not in ledger.usage  # it ran no query: nothing recorded


def test_formats_datasets_and_texts_do_not_collide(app):
    answers = {
        "json": ask(app, COUNT),
        "csv": ask(app, COUNT, format="csv"),
        "xml": ask(app, COUNT, headers={"Accept": "application/sparql-results+xml"}),
        "data": ask(app, COUNT, **{"default-graph-uri": str(DATA_GRAPH)}),
        "ontology": ask(app, COUNT, **{"default-graph-uri": str(ONTOLOGY_GRAPH)}),
        "named": ask(app, COUNT, **{"named-graph-uri": str(DATA_GRAPH)}),
        "other text": ask(app, COUNT + " "),
        "graph": ask(app, "CONSTRUCT WHERE { ?s a ?t } LIMIT 2", format="nt"),
    }
    assert stats(app) == (0, len(answers), len(answers))
    bodies = {name: response.get_data() for name, response in answers.items()}
    assert len(set(bodies.values())) == len(bodies) - 1  # only the two texts of one query say the same
    assert bodies["other text"] == bodies["json"]
    assert bodies["data"] != bodies["ontology"]
    for response in answers.values():  # asked again: each gets its own answer back
        assert response.status_code == 200
    again = {
        "json": ask(app, COUNT),
        "csv": ask(app, COUNT, format="csv"),
        "ontology": ask(app, COUNT, **{"default-graph-uri": str(ONTOLOGY_GRAPH)}),
    }
    assert stats(app)[0] == 3
    for name, response in again.items():
        assert response.get_data() == bodies[name]
        assert response.headers["Content-Type"] == answers[name].headers["Content-Type"]


def test_a_graph_answer_in_a_solutions_format_is_a_406_and_not_kept(app):
    for _ in range(2):
        response = ask(app, "CONSTRUCT WHERE { ?s a ?t } LIMIT 2", format="csv")
        assert response.status_code == 406 and "use one of" in response.get_data(as_text=True)
    assert stats(app) == (0, 2, 0)


@pytest.mark.parametrize(
    "query, status",
    [
        ("SELECT ?x WHERE { ?x }", 400),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 403),
        ("DELETE WHERE { ?s ?p ?o }", 403),
        (FOREVER, 503),
    ],
)
def test_errors_are_never_kept(app, query, status):
    assert ask(app, query, agent="first").status_code == status
    assert ask(app, query, agent="second").status_code == status
    assert stats(app) == (0, 2, 0)


def test_a_remote_store_gets_no_cache(remote_store):
    app = create_app({"ENDPOINT": remote_store.endpoint})
    assert of(app).version is None
    for _ in range(2):
        assert ask(app, COUNT).status_code == 200
    assert of(app).answers is None


# -- the budget holds on hits ------------------------------------------------------------------------


def test_a_client_over_its_error_budget_is_refused_a_cached_answer(app):
    assert ask(app, "ASK {}", agent="someone").status_code == 200
    for _ in range(3):
        assert ask(app, "SELECT ?x FROM <urn:g> WHERE { ?x }", agent="sloppy").status_code == 400
    refused = ask(app, "ASK {}", agent="sloppy")
    assert refused.status_code == 429 and "3 of your queries failed" in refused.get_data(as_text=True)
    assert refused.headers["Cache-Control"] == "no-store"
    assert stats(app)[0] == 1  # it was a hit, and still refused


def test_a_client_over_its_time_budget_is_refused_a_cached_answer(app):
    assert ask(app, "ASK {}", agent="someone").status_code == 200
    assert ask(app, FOREVER, agent="spender").status_code == 503  # 1.5 s of its 2 s
    assert ask(app, FOREVER, agent="spender").status_code == 503
    refused = ask(app, "ASK {}", agent="spender")
    assert refused.status_code == 429 and "query-time budget used up" in refused.get_data(as_text=True)


def test_a_client_with_a_query_running_is_refused_a_cached_answer(app):
    assert ask(app, "ASK {}", agent="someone").status_code == 200
    slow = threading.Thread(target=ask, args=(app, FOREVER), kwargs={"agent": "busy"})
    slow.start()
    time.sleep(0.4)
    refused = ask(app, "ASK {}", agent="busy")
    other = ask(app, "ASK {}", agent="patient")
    slow.join()
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    assert "one query at a time" in refused.get_data(as_text=True)
    assert other.status_code == 200 and stats(app)[0] == 2


def test_with_the_pool_hits_skip_it_and_the_broker_still_keeps_the_budget(served_dist):
    app = create_app({"DIST": served_dist, "QUERY_TIMEOUT": 1.5, "QUERY_WORKERS": 1, "ERROR_BUDGET": 2})
    pool = start_pool(app)
    try:
        first = ask(app, UNITS, agent="first")
        assert first.status_code == 200 and first.headers["Content-Type"] == "application/sparql-results+json"
        assert ask(app, UNITS, agent="second").get_data() == first.get_data()
        assert stats(app) == (1, 1, 1)
        slow = threading.Thread(target=ask, args=(app, FOREVER), kwargs={"agent": "busy"})
        slow.start()
        time.sleep(0.4)
        refused = ask(app, UNITS, agent="busy")
        slow.join()
        assert refused.status_code == 429 and "one query at a time" in refused.get_data(as_text=True)
        for _ in range(2):
            assert ask(app, "SELECT ?x FROM <urn:g> WHERE { ?x }", agent="sloppy").status_code == 400
        assert ask(app, UNITS, agent="sloppy").status_code == 429
        assert stats(app)[0] == 3
    finally:
        pool.stop()


# -- the memory bound --------------------------------------------------------------------------------


def written(size: int) -> Written:
    return Written("bindings", b"x" * size, "json")


def test_the_cache_keeps_within_its_bytes_least_recently_used_first_out():
    cache = SizedLRU(capacity=1000, largest=400)
    for n in range(5):
        cache.put(("v", f"q{n}", None, ("json", None)), written(290), 292)  # 292 bytes each
    assert cache.size <= 1000 and len(cache.entries) == 3
    assert cache.get(("v", "q0", None, ("json", None))) is None  # the oldest went first
    assert cache.get(("v", "q2", None, ("json", None))) is not None  # used: now the most recent
    cache.put(("v", "q5", None, ("json", None)), written(290), 292)
    assert [key[1] for key in cache.entries] == ["q4", "q2", "q5"]
    cache.put(("v", "big", None, ("json", None)), written(399), 402)  # 402 bytes with its text: too big
    assert ("v", "big", None, ("json", None)) not in cache.entries and cache.size == 3 * 292
    cache.put(("v", "q5", None, ("json", None)), written(100), 102)  # the same key again: counted once
    assert cache.size == 2 * 292 + 102
