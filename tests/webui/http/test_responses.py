"""Answers as sent: gzip, answers kept per worker and sent again before Flask runs, versioned static
assets."""

import gzip
import http.client
import re
from urllib.parse import urlsplit

import pytest

from helpers.hash_seeds import under_two_hash_seeds
from webui import create_app
from webui.http.static_files import YEAR
from webui.state import of

PAGE = "/page/unit/mof"
HTML = {"Accept": "text/html", "Accept-Language": "zh"}
GZIP = {**HTML, "Accept-Encoding": "gzip"}


@pytest.fixture
def app(served_dist):
    """A fresh app per test, so that its answer cache starts empty."""
    return create_app({"DIST": served_dist})


def hits(app) -> int:
    return of(app).responses.hits


def vary(response) -> set[str]:
    return {v.strip() for v in response.headers.get("Vary", "").split(",")}


# -- gzip -------------------------------------------------------------------------------------------


def test_pages_are_gzipped_for_clients_that_accept_it(app):
    client = app.test_client()
    plain, packed = client.get(PAGE, headers=HTML), client.get(PAGE, headers=GZIP)
    assert "Content-Encoding" not in plain.headers and packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) * 2 < len(plain.get_data())
    assert "Accept-Encoding" in vary(plain) and "Accept-Encoding" in vary(packed)
    assert packed.headers["ETag"] != plain.headers["ETag"]  # two representations, two strong tags
    refused = client.get(PAGE, headers={**HTML, "Accept-Encoding": "gzip;q=0, br"})
    assert "Content-Encoding" not in refused.headers


def test_data_answers_are_gzipped_and_small_or_failed_ones_are_not(app):
    client = app.test_client()
    turtle = client.get("/data/unit/mof.ttl", headers={"Accept-Encoding": "gzip"})
    assert turtle.headers["Content-Encoding"] == "gzip" and b"@prefix" in gzip.decompress(turtle.get_data())
    missing = client.get("/page/unit/no-such-unit", headers=GZIP)
    assert missing.status_code == 404 and "Content-Encoding" not in missing.headers
    ask = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept-Encoding": "gzip"})
    assert ask.status_code == 200 and "Content-Encoding" not in ask.headers  # a few bytes: not worth it


def test_the_same_answer_compresses_to_the_same_bytes(app, served_dist):
    again = create_app({"DIST": served_dist})
    assert (
        app.test_client().get(PAGE, headers=GZIP).get_data()
        == again.test_client().get(PAGE, headers=GZIP).get_data()
    )


# -- answers kept per worker ------------------------------------------------------------------------


def test_a_repeated_request_gets_the_kept_answer_byte_for_byte(app):
    client = app.test_client()
    first = client.get(PAGE, headers=GZIP)
    assert hits(app) == 0
    again = client.get(PAGE, headers=GZIP)
    assert hits(app) == 1
    assert again.get_data() == first.get_data() and again.headers == first.headers
    head = client.head(PAGE, headers=GZIP)
    assert hits(app) == 2 and head.get_data() == b"" and head.headers["ETag"] == first.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(first.get_data()))


def test_a_kept_answer_honours_if_none_match(app):
    client = app.test_client()
    tag = client.get(PAGE, headers=GZIP).headers["ETag"]
    cached = client.get(PAGE, headers={**GZIP, "If-None-Match": tag})
    assert hits(app) == 1 and cached.status_code == 304 and cached.get_data() == b""
    assert cached.headers["ETag"] == tag and cached.headers["Cache-Control"].startswith("public")
    assert client.get(PAGE, headers={**GZIP, "If-None-Match": '"dk-other"'}).status_code == 200


def test_what_the_answer_depends_on_is_part_of_the_key(app):
    client = app.test_client()
    zh = client.get(PAGE, headers=GZIP)
    en = client.get(PAGE, headers={**GZIP, "Accept-Language": "en"})
    turtle = client.get("/data/unit/mof", headers={"Accept": "text/turtle"})
    jsonld = client.get("/data/unit/mof", headers={"Accept": "application/ld+json"})
    client.set_cookie("lang", "en")  # the test client sends its own cookies, not a Cookie header
    by_cookie = client.get(PAGE, headers=GZIP)
    assert hits(app) == 0
    assert (
        'lang="zh"' in gzip.decompress(zh.get_data()).decode()
        and 'lang="en"' in gzip.decompress(en.get_data()).decode()
    )
    assert 'lang="en"' in gzip.decompress(by_cookie.get_data()).decode()
    assert (turtle.status_code, turtle.mimetype, jsonld.status_code, jsonld.mimetype) == (
        200,
        "text/turtle",
        200,
        "application/ld+json",
    )


def test_errors_cookies_and_queries_are_not_kept(app):
    client = app.test_client()
    for _ in range(2):
        assert client.get("/page/unit/no-such-unit", headers=GZIP).status_code == 404
        chosen = client.get(PAGE, query_string={"lang": "en"}, headers=GZIP)
        assert "Set-Cookie" in chosen.headers
        assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
        assert client.post("/sparql", data={"query": "ASK {}"}).status_code == 200
    assert hits(app) == 0 and not of(app).responses.entries


def test_a_remote_store_gets_no_kept_answers(remote_store):
    app = create_app({"ENDPOINT": remote_store.endpoint})
    client = app.test_client()
    first, again = client.get(PAGE, headers=GZIP), client.get(PAGE, headers=GZIP)
    assert first.status_code == again.status_code == 200 and "ETag" not in first.headers
    assert hits(app) == 0 and not of(app).responses.entries


def test_kept_answers_over_real_http(live_server):
    """gunicorn and a real client: the second answer is the same bytes, gzip and all."""
    parts = urlsplit(live_server)
    answers = []
    for _ in range(2):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.request("GET", PAGE, headers=GZIP)
        response = connection.getresponse()
        answers.append(
            (
                response.status,
                response.getheader("Content-Encoding"),
                response.getheader("ETag"),
                response.read(),
            )
        )
        connection.close()
    assert answers[0] == answers[1] and answers[0][:2] == (200, "gzip")
    assert "财政部" in gzip.decompress(answers[0][3]).decode("utf-8")


# -- static assets ----------------------------------------------------------------------------------


def test_pages_link_static_assets_by_version_and_those_are_immutable(app):
    client = app.test_client()
    page = client.get("/", headers=HTML).get_data(as_text=True)
    links = re.findall(r'"(/static/site\.(?:css|js)\?v=[0-9a-f]{12})"', page)
    assert len(links) == 2
    for link in links:
        asset = client.get(link, headers={"Accept-Encoding": "gzip"})
        assert (
            asset.status_code == 200
            and asset.headers["Cache-Control"] == f"public, max-age={YEAR}, immutable"
        )
        assert asset.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in vary(asset)
        plain = client.get(link)
        assert (
            gzip.decompress(asset.get_data()) == plain.get_data() and "Content-Encoding" not in plain.headers
        )
        assert client.get(link, headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304
    unversioned = client.get("/static/site.css")
    assert unversioned.status_code == 200 and unversioned.headers["Cache-Control"] == "public, max-age=3600"
    assert unversioned.mimetype == "text/css"
    old = client.get("/static/site.css?v=000000000000")
    assert "immutable" not in old.headers["Cache-Control"]


def test_unknown_static_files_are_404(app):
    client = app.test_client()
    for path in ("/static/nothing.css", "/static/../__init__.py", "/static/%2e%2e/__init__.py"):
        assert client.get(path).status_code == 404


def test_the_same_url_gives_the_same_bytes_in_any_process(served_dist, tmp_path):
    """A strong ETag promises the bytes: they must not follow the process's string hashing."""
    import sys

    script = tmp_path / "bodies.py"
    script.write_text(
        "import hashlib, sys\nfrom webui import create_app\n"
        f"client = create_app({{'DIST': {str(served_dist)!r}}}).test_client()\n"
        "for path in ('/data/unit/mof.jsonld', '/data/division/360781.jsonld', '/dataset.jsonld',\n"
        "             '/def.jsonld', '/page/unit/mof', '/'):\n"
        "    page = client.get(path, headers={'Accept': 'text/html'})\n"
        "    print(path, hashlib.sha256(page.data).hexdigest())\n",
        encoding="utf-8",
    )
    runs = under_two_hash_seeds([sys.executable, str(script)], text=True)
    assert runs[0] == runs[1] and runs[0].count("\n") == 6
