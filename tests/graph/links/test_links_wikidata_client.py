"""The Wikidata client against a real SPARQL server: its user agent, retries, backoff, errors, the cache."""

import json

import pytest
from wikidata_run import CLASSES, run_cli, subjects_of

from graph.errors import ServiceError
from graph.links.wikidata import reconcile
from graph.links.wikidata_client import USER_AGENT, CachedClient, retry_after


@pytest.fixture(scope="module")
def subjects(tables):
    return subjects_of(tables)


def few(subjects):
    """A handful of subjects (2 divisions, 1 unit): three queries with batch 50."""
    return [s for s in subjects if s.name_zh in ("瑞金市", "章贡区", "国家发展和改革委员会")]


def test_queries_carry_a_user_agent_naming_the_project(wikidata_endpoint, sparql_proxy, subjects, tmp_path):
    proxy = sparql_proxy(wikidata_endpoint)
    reconcile(few(subjects), CachedClient(proxy.url, tmp_path), CLASSES, {})
    agents = {headers.get("User-Agent") for _, _, headers in proxy.requests}
    assert agents == {USER_AGENT} and "duikou" in USER_AGENT and "https://" in USER_AGENT


def test_server_errors_are_retried_with_exponential_backoff(
    wikidata_endpoint, sparql_proxy, subjects, tmp_path
):
    proxy, waits = sparql_proxy(wikidata_endpoint, failures=2, status=500), []
    client = CachedClient(proxy.url, tmp_path, backoff=0.5, sleep=waits.append)
    rows = reconcile(few(subjects), client, CLASSES, {})
    assert waits == [0.5, 1.0]
    assert len(proxy.requests) == 3 + 2
    assert {r["name_zh"]: r["status"] for r in rows}["瑞金市"] == "verified"


def test_a_429_waits_as_long_as_retry_after_says(wikidata_endpoint, sparql_proxy, subjects, tmp_path):
    proxy, waits = sparql_proxy(wikidata_endpoint, failures=1, status=429, retry_after="7"), []
    reconcile(few(subjects), CachedClient(proxy.url, tmp_path, sleep=waits.append), CLASSES, {})
    assert waits == [7.0]


def test_retry_after_as_a_date_or_absent():
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after(None) is None and retry_after("soon") is None


def test_a_service_that_always_fails_is_one_clear_error(wikidata_endpoint, sparql_proxy, subjects, tmp_path):
    proxy, waits = sparql_proxy(wikidata_endpoint, always=True, status=503), []
    with pytest.raises(ServiceError, match=r"did not answer after 3 attempts \(last: HTTP 503\)"):
        CachedClient(proxy.url, tmp_path, retries=2, sleep=waits.append).select("SELECT * WHERE { ?s ?p ?o }")
    assert len(proxy.requests) == 3 and waits == [1.0, 2.0]


def test_a_query_the_service_rejects_is_not_retried(wikidata_endpoint, tmp_path):
    client = CachedClient(wikidata_endpoint, tmp_path, sleep=lambda s: None)
    with pytest.raises(ServiceError, match="rejected the query"):
        client.select("SELECT WHERE {")
    assert client.fetched == 1


def test_the_cli_exits_1_without_a_traceback_when_the_service_fails(
    wikidata_endpoint, sparql_proxy, tmp_path
):
    proxy = sparql_proxy(wikidata_endpoint, always=True, status=500)
    out = tmp_path / "wikidata.csv"
    result = run_cli(
        "--endpoint", proxy.url, "--cache", tmp_path / "cache", "--out", out, "--retries", 1, "--backoff", 0
    )
    assert result.exit_code == 1, result.output
    assert "error: " in result.output and "did not answer after 2 attempts" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_a_rerun_is_answered_from_the_cache_even_with_the_service_gone(
    wikidata_endpoint, sparql_proxy, tmp_path
):
    proxy = sparql_proxy(wikidata_endpoint)
    cache, first, second = tmp_path / "cache", tmp_path / "first.csv", tmp_path / "second.csv"
    result = run_cli("--endpoint", proxy.url, "--cache", cache, "--out", first, "--batch", 25)
    assert result.exit_code == 0, result.output
    asked = len(proxy.requests)
    assert asked == len(list(cache.glob("*.json"))) > 0
    proxy.stop()
    result = run_cli("--endpoint", proxy.url, "--cache", cache, "--out", second, "--batch", 25)
    assert result.exit_code == 0, result.output
    assert len(proxy.requests) == asked
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    entry = json.loads(next(cache.glob("*.json")).read_text(encoding="utf-8"))
    assert set(entry) == {"endpoint", "query", "retrieved", "results"} and entry["endpoint"] == proxy.url
