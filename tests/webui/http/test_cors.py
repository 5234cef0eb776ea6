"""CORS on every read-only answer: data, pages, answers, downloads and errors, however they are sent (kept
answers, 304s, gzip), and preflights on every path."""

import urllib.request

import pytest

from webui import create_app
from webui.state import of

EXPOSED = {"ETag", "Link", "Content-Location", "Retry-After", "X-Duikou-Truncated", "X-Duikou-Row-Limit"}
GETS = [
    ("/id/unit/mof", {"Accept": "text/turtle"}, 303),
    ("/page/unit/mof", {}, 200),
    ("/data/unit/mof", {"Accept": "application/ld+json"}, 200),
    ("/data/unit/mof.nt", {}, 200),
    ("/def", {"Accept": "text/turtle"}, 200),
    ("/def.rdf", {}, 200),
    ("/dataset", {}, 200),
    ("/dataset.jsonld", {}, 200),
    ("/queries/units-of-county.csv", {}, 200),
    ("/queries/units-of-county", {"Accept": "application/sparql-results+json"}, 200),
    ("/download/duikou.ttl", {}, 200),
    ("/download/void.ttl", {}, 200),
    ("/sparql?query=ASK%7B%7D", {}, 200),
    ("/static/site.css", {}, 200),
    ("/data/unit/no-such-unit", {}, 404),
    ("/data/unit/mof", {"Accept": "image/png"}, 406),
]


@pytest.fixture
def app(served_dist):
    """A fresh app per test, so that its kept answers start empty."""
    return create_app({"DIST": served_dist})


def get(client, path, **headers):
    """The answer, read and closed (a download is an open file until then)."""
    with client.get(path, headers=headers) as response:
        response.get_data()
    return response


def readable(response) -> bool:
    exposed = {h.strip() for h in response.headers.get("Access-Control-Expose-Headers", "").split(",")}
    return response.headers.get("Access-Control-Allow-Origin") == "*" and exposed == EXPOSED


@pytest.mark.parametrize("path, headers, status", GETS, ids=[g[0] for g in GETS])
def test_every_get_is_readable_from_any_origin(app, path, headers, status):
    client = app.test_client()
    for encoding in ("identity", "gzip"):
        response = get(client, path, **headers, Origin="https://example.org", **{"Accept-Encoding": encoding})
        assert response.status_code == status and readable(response), (path, encoding)


@pytest.mark.parametrize("path", ["/data/unit/mof.ttl", "/page/unit/mof", "/download/duikou.nt", "/def"])
def test_kept_answers_and_304s_keep_it(app, served_dist, path):
    client = app.test_client()
    first = get(client, path)
    tag = first.headers["ETag"]
    kept_before = of(app).responses.hits
    again = get(client, path)
    assert readable(again) and again.get_data() == first.get_data()
    unchanged = get(client, path, **{"If-None-Match": tag})
    assert unchanged.status_code == 304 and readable(unchanged)
    if not path.startswith("/download/"):  # the dumps are files, not kept answers
        assert of(app).responses.hits == kept_before + 2, "both came from the kept answers"
    # and a 304 from Flask itself, in another app that has kept nothing yet
    fresh = get(create_app({"DIST": served_dist}).test_client(), path, **{"If-None-Match": tag})
    assert fresh.status_code == 304 and readable(fresh)


@pytest.mark.parametrize(
    "path", ["/data/unit/mof", "/id/unit/mof", "/queries/units-of-county.json", "/sparql"]
)
def test_preflight_on_every_path(app, path):
    response = app.test_client().options(
        path,
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "accept, if-none-match",
        },
    )
    assert response.status_code in (200, 204) and readable(response)
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    allowed = {h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"accept", "if-none-match"} <= allowed


@pytest.mark.parametrize("path", ["/data/unit/mof.ttl", "/download/duikou.jsonld", "/queries/pairings.tsv"])
def test_served_for_real(live_server, path):
    request = urllib.request.Request(live_server + path, headers={"Origin": "https://example.org"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response.headers["Access-Control-Expose-Headers"]
