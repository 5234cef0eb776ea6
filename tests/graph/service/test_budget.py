"""The per-client budget: the ledger's rules on a fake clock, who the client is, an app without a pool."""

import threading
import time

import pytest

from graph.errors import BudgetExceeded
from graph.service import settings
from graph.service.budget import Ledger, client_address, client_key, ledger_for
from webui import create_app

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_one_query_at_a_time_per_client():
    ledger = Ledger(seconds=30, errors=30)
    assert ledger.admit("a", 0.0) is None
    refusal = ledger.admit("a", 0.5)
    assert isinstance(refusal, BudgetExceeded) and "one query at a time" in str(refusal)
    assert refusal.retry_after == 1
    assert ledger.admit("b", 0.5) is None  # another client is not affected
    ledger.settle("a", 1.0, False, 1.0)
    assert ledger.admit("a", 1.0) is None


def test_the_total_time_of_fast_queries_counts_too():
    ledger = Ledger(seconds=3, errors=30)
    now = 0.0
    for _ in range(30):  # thirty queries of 0.1 s each: no single one is slow
        assert ledger.admit("a", now) is None
        now += 0.1
        ledger.settle("a", 0.1, False, now)
    refusal = ledger.admit("a", now)
    assert "your queries ran 3.0 s in the last minute (the limit is 3 s)" in str(refusal)
    # the budget comes back once enough of that time is older than a minute: the first query ended at 0.1
    assert refusal.retry_after == pytest.approx(0.1 + 60 - now)
    assert ledger.admit("a", 60.2) is None


def test_the_error_budget():
    ledger = Ledger(seconds=30, errors=3)
    for t in (1.0, 2.0, 3.0):
        assert ledger.admit("a", t) is None
        ledger.settle("a", 0.01, True, t)
    refusal = ledger.admit("a", 10.0)
    assert "3 of your queries failed in the last minute (the limit is 3)" in str(refusal)
    assert refusal.retry_after == pytest.approx(51.0)
    assert ledger.admit("a", 61.0) is None  # the first error is more than a minute old


def test_the_clients_of_one_address_share_its_limits():
    ledger = Ledger(seconds=3, errors=2, per_address=2)
    assert ledger.admit("10.0.0.1 agent-1", 0.0) is None
    assert ledger.admit("10.0.0.1 agent-2", 0.0) is None
    refusal = ledger.admit("10.0.0.1 agent-3", 0.0)  # a new User-Agent is not a new client
    assert "2 queries at a time from one address" in str(refusal) and refusal.retry_after == 1
    assert ledger.admit("10.0.0.2 agent-1", 0.0) is None  # another address keeps its own
    for agent in ("agent-1", "agent-2"):
        ledger.settle(f"10.0.0.1 {agent}", 3.0, False, 3.0)
    refusal = ledger.admit("10.0.0.1 agent-9", 3.0)
    assert "your address's (10.0.0.1) queries ran 6.0 s in the last minute (the limit is 6 s)" in str(refusal)
    for n, when in enumerate((70.0, 71.0, 72.0, 73.0)):
        assert ledger.admit(f"10.0.0.1 agent-{n}", when) is None
        ledger.settle(f"10.0.0.1 agent-{n}", 0.01, True, when)
    assert "4 of your address's (10.0.0.1) queries failed" in str(ledger.admit("10.0.0.1 new", 74.0))


def test_the_ledgers_address_limit_comes_from_the_settings(served_dist):
    app = create_app({"DIST": served_dist, "CLIENTS_PER_ADDRESS": 3})
    ledger = ledger_for(app.extensions["duikou"].settings)
    assert ledger.address_limits.running == 3 and ledger.address_limits.seconds == 90


def test_refusals_survive_pickling_with_their_message_and_delay():
    import pickle

    refusal = pickle.loads(pickle.dumps(BudgetExceeded("wait", 12.5)))
    assert str(refusal) == "wait" and refusal.retry_after == 12.5


def test_the_ledger_forgets_idle_clients_but_not_running_ones():
    ledger = Ledger(seconds=30, errors=30, clients=3)
    assert ledger.admit("running", 0.0) is None
    for n in range(10):
        ledger.admit(f"c{n}", 1.0)
        ledger.settle(f"c{n}", 0.0, False, 1.0)
    assert len(ledger.usage) <= 4 and "running" in ledger.usage
    assert "one query at a time" in str(ledger.admit("running", 2.0))


def test_check_refuses_as_admit_would_but_changes_nothing():
    ledger = Ledger(seconds=3, errors=2)
    assert ledger.check("new", 0.0) is None and "new" not in ledger.usage  # nobody is added by a check
    assert ledger.admit("a", 0.0) is None
    assert "one query at a time" in str(ledger.check("a", 0.5))
    ledger.settle("a", 3.0, False, 3.0)
    assert "query-time budget used up" in str(ledger.check("a", 3.0))
    for t in (1.0, 2.0):
        ledger.admit("b", t)
        ledger.settle("b", 0.0, True, t)
    assert "2 of your queries failed" in str(ledger.check("b", 2.0))
    for _ in range(5):  # checks cost no time and no running slot
        assert ledger.check("c", 1.0) is None
    assert ledger.admit("c", 1.0) is None and ledger.check("c", 1.0) is not None


@pytest.mark.parametrize(
    "remote, forwarded, trusted, expected",
    [
        ("203.0.113.9", "198.51.100.1", (), "203.0.113.9"),  # not from a trusted proxy: the header is ignored
        ("10.0.0.2", "198.51.100.1", ("10.0.0.0/8",), "198.51.100.1"),
        # the client may prepend anything: the last hop not a trusted proxy counts
        ("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.7", ("10.0.0.0/8",), "198.51.100.1"),
        ("10.0.0.2", "", ("10.0.0.2",), "10.0.0.2"),
        ("10.0.0.2", "not-an-ip, 10.0.0.3", ("10.0.0.0/8",), "not-an-ip"),
    ],
)
def test_the_client_address(remote, forwarded, trusted, expected):
    assert client_address(remote, forwarded, trusted) == expected


def test_the_client_is_its_address_and_user_agent():
    one = client_key("203.0.113.9", "", "curl/8", ())
    assert one == client_key("203.0.113.9", "1.2.3.4", "curl/8", ())
    assert one != client_key("203.0.113.9", "", "curl/9", ())
    assert one != client_key("203.0.113.8", "", "curl/8", ())


def test_a_wrong_proxy_setting_is_named(served_dist):
    with pytest.raises(settings.SettingError, match="TRUSTED_PROXIES"):
        create_app({"DIST": served_dist, "TRUSTED_PROXIES": "10.0.0.0/8 proxy.example"})


# -- an app without a pool keeps the same rules in-process ---------------------------------------------


@pytest.fixture(scope="module")
def strict_app(served_dist):
    return create_app({"DIST": served_dist, "QUERY_TIMEOUT": 1.5, "TIME_BUDGET": 2, "ERROR_BUDGET": 3})


def ask(app, query, agent, address="127.0.0.1"):
    return app.test_client().get(
        "/sparql",
        query_string={"query": query},
        headers={"User-Agent": agent},
        environ_base={"REMOTE_ADDR": address},
    )


def test_without_a_pool_a_second_concurrent_query_gets_429(strict_app):
    slow = {}
    thread = threading.Thread(target=lambda: slow.update(response=ask(strict_app, SLOW, "concurrent")))
    thread.start()
    time.sleep(0.5)
    second = ask(strict_app, "ASK {}", "concurrent")
    thread.join()
    assert slow["response"].status_code == 503
    assert second.status_code == 429 and second.headers["Retry-After"] == "1"
    assert second.headers["Cache-Control"] == "no-store"
    assert "one query at a time" in second.get_data(as_text=True)
    assert ask(strict_app, "ASK {}", "someone else").status_code == 200


def test_without_a_pool_the_time_and_error_budgets_hold(strict_app):
    assert ask(strict_app, SLOW, "slow").status_code == 503
    assert ask(strict_app, "ASK {}", "slow").status_code == 200  # 1.5 s used: under 2 s
    assert ask(strict_app, SLOW, "slow").status_code == 503
    refused = ask(strict_app, "ASK {}", "slow")
    assert refused.status_code == 429 and 55 <= int(refused.headers["Retry-After"]) <= 60
    assert "query-time budget used up" in refused.get_data(as_text=True)
    # with FROM (not plain): the query process finds the error and charges it; a plain one is refused at
    # once in the web process, uncharged (graph.service.triage)
    for _ in range(3):
        assert (
            ask(strict_app, "SELECT ?x FROM <urn:g> WHERE { ?x }", "sloppy", "127.0.0.3").status_code == 400
        )
    refused = ask(strict_app, "ASK {}", "sloppy", "127.0.0.3")
    assert refused.status_code == 429 and "3 of your queries failed" in refused.get_data(as_text=True)
