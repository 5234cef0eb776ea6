"""Finished answers kept in memory and sent again before Flask runs: a page is rendered once per worker.

The data of a running app never changes (one immutable build) and neither does its code, so a GET
answer is fixed by what the request sends that views read: the path and arguments, Host, Accept,
Accept-Language, Cookie (the page language) and Accept-Encoding. `CachedAnswers` wraps the WSGI app:
a request whose values match a kept answer gets its exact bytes and headers (or 304 for its ETag)
without routing, hooks, queries or templates; any other request goes to Flask, and `keep` (the last
after_request step) stores what Flask answered under the request's values.

Only complete successful answers are kept, and only with a known build (webui.http.caching sets g.etag):
no errors, no streamed files, nothing that sets a cookie; /sparql and the query editor are left to the
endpoint's own answer cache (webui.sparql.endpoint), and /static/ files are in memory already
(webui.http.static_files). The store is an LRU bounded in bytes per web worker; an answer larger than a
sixteenth of it is not kept.
"""

from dataclasses import dataclass

from flask import Flask, Response, g, request
from werkzeug.http import parse_etags

from webui.http import cors
from webui.http.lru import SizedLRU
from webui.state import current, of

MAX_BYTES = 64 * 1024 * 1024  # per web worker
SKIPPED_PATHS = ("/sparql", "/query", "/static/")
KEY = "duikou.cache_key"  # the request's values, in its WSGI environ
REQUEST_VALUES = (
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
    "wsgi.url_scheme",
    "HTTP_HOST",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_COOKIE",
    "HTTP_ACCEPT_ENCODING",
)
NOT_MODIFIED_HEADERS = ("etag", "cache-control", "vary", "content-location", "expires", *cors.HEADERS)


@dataclass(frozen=True)
class Stored:
    status: str  # "200 OK"
    headers: list[tuple[str, str]]  # with Content-Length
    body: bytes
    etag: str | None


class CachedAnswers:
    """WSGI middleware: answer GET/HEAD from the cache when it holds this request's answer."""

    def __init__(self, wsgi_app, cache: SizedLRU):
        self.wsgi_app, self.cache = wsgi_app, cache

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or environ.get("PATH_INFO", "").startswith(SKIPPED_PATHS):
            return self.wsgi_app(environ, start_response)
        key = tuple(environ.get(name, "") for name in REQUEST_VALUES)
        stored = self.cache.get(key)
        if stored is None:
            environ[KEY] = key
            return self.wsgi_app(environ, start_response)
        asked = environ.get("HTTP_IF_NONE_MATCH")
        if asked and stored.etag and parse_etags(asked).contains_weak(stored.etag):
            start_response(
                "304 Not Modified", [h for h in stored.headers if h[0].lower() in NOT_MODIFIED_HEADERS]
            )
            return []
        start_response(stored.status, stored.headers)
        return [] if method == "HEAD" else [stored.body]


def keep(response: Response) -> Response:
    """Store a finished, complete, successful answer under the request's values (after every other hook)."""
    key, cache = request.environ.get(KEY), current().responses
    if (
        key is None
        or cache is None
        or g.get("etag") is None
        or response.status_code != 200
        or response.direct_passthrough
        or response.is_streamed
        or "Set-Cookie" in response.headers
    ):
        return response
    body = response.get_data()
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
    headers.append(("Content-Length", str(len(body))))
    cache.put(key, Stored(response.status, headers, body, response.get_etag()[0]), len(body))
    return response


def init_app(app: Flask) -> None:
    of(app).responses = cache = SizedLRU(MAX_BYTES, MAX_BYTES // 16)
    # Flask's documented way to add WSGI middleware (mypy sees a method being replaced)
    app.wsgi_app = CachedAnswers(app.wsgi_app, cache)  # type: ignore[method-assign]
