"""HTTP caching: strong ETags from the build and the representation, Cache-Control, Vary, 304 without work."""

import http.client
import json
import shutil
from urllib.parse import urlencode, urlsplit

import pytest

from webui import create_app

ASK = {"query": "ASK { ?s ?p ?o }"}


@pytest.fixture(scope="module")
def app(served_dist):
    return create_app({"DIST": served_dist, "ERROR_BUDGET": 1})


def get(app, path="/sparql", query=None, headers=None, agent="tests"):
    return app.test_client().get(path, query_string=query, headers={"User-Agent": agent, **(headers or {})})


def test_a_get_answer_is_cacheable_with_a_strong_etag(app):
    response = get(app, query=ASK)
    assert response.status_code == 200
    etag, weak = response.get_etag()
    assert etag.startswith("dk-") and not weak and response.headers["ETag"] == f'"{etag}"'
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert "Accept" in response.headers["Vary"]
    assert get(app, query=ASK).headers["ETag"] == response.headers["ETag"]  # the same answer, the same tag
    head = app.test_client().head("/sparql", query_string=ASK, headers={"User-Agent": "tests"})
    assert head.headers["ETag"] == response.headers["ETag"] and head.get_data() == b""


def test_if_none_match_gets_304_without_running_anything(app):
    etag = get(app, query=ASK, agent="first").headers["ETag"]
    assert get(app, query={"query": "SELECT ?x FROM <urn:g> WHERE { ?x }"}, agent="over").status_code == 400
    assert get(app, query=ASK, agent="over").status_code == 429  # over its error budget: no query runs
    cached = get(app, query=ASK, agent="over", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.get_data() == b""
    assert cached.headers["ETag"] == etag and cached.headers["Cache-Control"] == "public, max-age=3600"
    assert get(app, query=ASK, headers={"If-None-Match": '"dk-other"'}).status_code == 200
    assert get(app, query=ASK, headers={"If-None-Match": f"W/{etag}"}).status_code == 304  # weak comparison


def test_the_etag_names_the_representation(app):
    tags = {
        get(app, query=ASK).headers["ETag"],
        get(app, query=ASK, headers={"Accept": "application/sparql-results+xml"}).headers["ETag"],
        get(app, query={**ASK, "format": "csv"}).headers["ETag"],
        get(app, query={"query": "ASK {}"}).headers["ETag"],
        get(app, "/", headers={"Accept-Language": "zh"}).headers["ETag"],
        get(app, "/", headers={"Accept-Language": "en"}).headers["ETag"],
    }
    assert len(tags) == 6


def test_the_etag_changes_with_the_build_and_not_with_the_process(app, served_dist, tmp_path):
    again = create_app({"DIST": served_dist})
    assert get(again, query=ASK).headers["ETag"] == get(app, query=ASK).headers["ETag"]
    other = tmp_path / "dist"
    shutil.copytree(served_dist, other)
    record = json.loads((other / "build.json").read_text(encoding="utf-8"))
    record["hash"] = "0" * 64
    (other / "build.json").write_text(json.dumps(record), encoding="utf-8")
    assert get(create_app({"DIST": other}), query=ASK).headers["ETag"] != get(app, query=ASK).headers["ETag"]


def test_pages_vary_on_language_and_a_cookie_makes_them_private(app):
    page = get(app, "/")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "public, max-age=3600"
    assert {"Accept", "Accept-Language", "Cookie"} <= {v.strip() for v in page.headers["Vary"].split(",")}
    chosen = get(app, "/", query={"lang": "en"})
    assert "Set-Cookie" in chosen.headers and chosen.headers["Cache-Control"] == "private, max-age=3600"


def test_errors_and_posts_are_not_cached(app):
    for response in (
        get(app, "/no/such/page"),
        get(app, query={"query": "SELECT ?x WHERE { ?x }"}),
        get(app, query=ASK, headers={"Accept": "image/png"}),
    ):
        assert response.status_code >= 400
        assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers
    posted = app.test_client().post("/sparql", data=ASK, headers={"User-Agent": "poster"})
    assert posted.status_code == 200
    assert "ETag" not in posted.headers and "Cache-Control" not in posted.headers


def test_without_a_build_there_is_no_etag(closed_port):
    remote = create_app({"ENDPOINT": f"http://127.0.0.1:{closed_port}/query"})
    page = get(remote, "/queries")
    assert page.status_code == 200 and "ETag" not in page.headers
    assert page.headers["Cache-Control"] == "public, max-age=3600"


def test_the_live_server_answers_304(live_server):
    host = urlsplit(live_server)

    def fetch(headers):
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        connection.request("GET", "/sparql?" + urlencode(ASK), headers={"User-Agent": "cache", **headers})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, response.headers, body

    tags = {fetch({})[1]["ETag"] for _ in range(6)}  # whichever web worker answers
    assert len(tags) == 1
    status, headers, body = fetch({"If-None-Match": tags.pop()})
    assert (status, body) == (304, b"") and headers["Cache-Control"] == "public, max-age=3600"
