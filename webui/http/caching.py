"""HTTP caching for every GET: strong ETags from the build's hash, Cache-Control, Vary, and 304s.

The data of a running app never changes (one immutable build) and neither does its code, so an answer
is fixed by the build, the code, and what the request asked: its host, path and arguments (the query,
the `format`, `?lang=`), its `Accept`, the page language chosen for it and the content coding (gzip or
not). The ETag is a digest of exactly those, computed before the view runs: a client sending it back
in If-None-Match gets 304 at once, and no query runs. Each web worker also keeps the answers it has
sent and sends them again without running Flask at all (webui.http.response_cache). Successful GET/HEAD
answers may be kept CACHE_MAX_AGE seconds (`public`, or `private` when they set a cookie); errors are
`no-store`. Without a known build (a remote store, whose data may
change) there are no ETags, only the max-age.
"""

import hashlib
from pathlib import Path

from flask import Flask, Response, g, request

from graph.paths import ROOT
from webui.http import compression, response_cache
from webui.http.i18n import choose_language
from webui.state import current, of

CODE = ("webui", "graph", "queries")
SUFFIXES = {".py", ".html", ".css", ".js", ".rq", ".json", ".ttl", ".toml"}


def code_digest(root: Path = ROOT) -> str:
    """A digest of the code and named queries that shape answers (so a new release changes the ETags)."""
    digest = hashlib.sha256()
    for folder in CODE:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def etag() -> str | None:
    """This request's ETag (without quotes), or None when caching by ETag is off."""
    version = current().version
    if not version or request.method not in ("GET", "HEAD"):
        return None
    parts = (
        version,
        request.host,
        request.path,
        request.query_string.decode("latin-1"),
        request.headers.get("Accept", ""),
        g.get("lang") or choose_language(),
        compression.coding(),
    )
    return "dk-" + hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:40]


# views whose ETag is weak for some answers (/sparql: one with blank nodes, whose labels another run
# writes otherwise): a 304 gives the ETag back as the client holds it, weak or strong, without running
WEAK_FOR_SOME = {"sparql.endpoint"}


def not_modified() -> Response | None:
    """Answer 304 before the view runs when the client already holds this very representation."""
    g.etag = tag = etag()
    if tag and request.if_none_match and request.if_none_match.contains_weak(tag):
        response = Response(status=304)
        if request.endpoint in WEAK_FOR_SOME and request.if_none_match.is_weak(tag):
            response.set_etag(tag, weak=True)
        return response
    return None


def cache_headers(response: Response) -> Response:
    """ETag, Cache-Control and Vary on successful GETs; no-store on errors."""
    if response.status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("ETag", None)
        return response
    if request.method not in ("GET", "HEAD") or response.status_code not in (200, 304):
        return response
    tag = g.get("etag")
    if tag and "ETag" not in response.headers:
        response.set_etag(tag)
    if "Cache-Control" not in response.headers:
        scope = "private" if "Set-Cookie" in response.headers else "public"
        max_age = current().settings["CACHE_MAX_AGE"]
        response.headers["Cache-Control"] = f"{scope}, max-age={max_age}"
    response.vary.add("Accept")
    if response.mimetype == "text/html" or response.status_code == 304:
        response.vary.update(("Accept-Language", "Cookie"))
    return response


def init_app(app: Flask) -> None:
    """Fix the app's version (build hash + code digest) and add the hooks."""
    duikou = of(app)
    # the build's hash and its record's: a rebuild that changes any file (not only the graph) changes the tags
    built = f"{duikou.build.hash}-{duikou.build.record_digest}" if duikou.embedded and duikou.build else None
    duikou.version = f"{built}:{code_digest()}" if built else None
    response_cache.init_app(app)
    app.before_request(not_modified)
    # first in the list, so it runs last (Flask runs these in reverse) and sees every other hook's
    # headers: the language cookie, CORS, Vary
    app.after_request_funcs.setdefault(None, []).insert(0, finish)


def finish(response: Response) -> Response:
    """The last steps of every answer, in order: compress it, add the caching headers, keep it."""
    return response_cache.keep(cache_headers(compression.compress(response)))
