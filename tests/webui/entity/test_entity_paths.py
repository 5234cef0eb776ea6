"""An entity's path as people and clients write it: a trailing slash is redirected to the IRI without it,
an encoded slash (`%2F`) names another IRI and is a 404, through Flask, the kept answers and gunicorn."""

import http.client
from urllib.parse import urlsplit

import pytest

from webui import create_app


@pytest.mark.parametrize(
    "path, target",
    [
        ("/id/unit/mof/", "/id/unit/mof"),
        ("/page/unit/mof/", "/page/unit/mof"),
        ("/data/unit/mof/", "/data/unit/mof"),
        ("/data/unit/mof.ttl/", "/data/unit/mof.ttl"),
        ("/id/division/360781//", "/id/division/360781"),
        ("/page/unit/mof/?lang=en", "/page/unit/mof?lang=en"),
        ("/id/dataset/duikou/", "/id/dataset/duikou"),
    ],
)
def test_a_trailing_slash_redirects_to_the_iri_without_it(client, path, target):
    for host in ("localhost", "evil.example"):  # always our own local path
        response = client.get(path, headers={"Host": host})
        assert (response.status_code, response.headers["Location"]) == (308, target)


@pytest.mark.parametrize("path", ["/id/unit/no-such-unit/", "/page/nothing/", "/data/unit/mof.png/"])
def test_a_trailing_slash_on_nothing_is_a_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/id/unit%2Fmof", "/id/unit%2fmof", "/page/unit%2Fmof", "/data/unit%2Fmof.ttl", "/id/division%2F360781"],
)
def test_an_encoded_slash_is_another_iri(built_dist, path):
    client = create_app({"DIST": built_dist}).test_client()
    decoded = path.replace("%2F", "/").replace("%2f", "/")
    assert client.get(decoded).status_code in (200, 303)  # the real one, now kept
    assert client.get(path).status_code == 404
    assert client.get(decoded).status_code in (200, 303)


def test_other_escapes_still_decode(client):
    assert client.get("/id/%75nit/mof").headers["Location"] == "/page/unit/mof"


def raw_get(base: str, target: str) -> tuple[int, str | None]:
    """GET with the request target exactly as given (no client re-encodes it)."""
    host = urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.request("GET", target)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("Location")


def test_served_for_real(live_server):
    assert raw_get(live_server, "/id/unit/mof") == (303, "/page/unit/mof")
    assert raw_get(live_server, "/id/unit%2Fmof")[0] == 404
    assert raw_get(live_server, "/id/unit/mof/") == (308, "/id/unit/mof")
