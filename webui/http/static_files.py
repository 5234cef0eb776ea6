"""Static assets from memory, gzip-ready, under versioned URLs that may be cached for a year.

The few files in webui/static/ are read once when the app starts. `url_for("static", filename=…)` adds
`?v=` with a digest of the file's content, so a page always links to the very version it was made
with; an answer to a URL whose `v` matches is `immutable` and kept a year, and a new release (a new
digest) is a new URL. Without `v` (or with an old one) the file is still served, with the usual max-age.
"""

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, abort, request

from webui.http.compression import LEVEL, MIN_SIZE, coding, compressible
from webui.state import current, of
from webui.urls import FAVICON

FOLDER = Path(__file__).resolve().parents[1] / "static"  # webui/static/
ICON = "favicon.svg"  # what /favicon.ico answers: browsers and crawlers ask for it without a link
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes | None  # None when gzip would not pay
    mimetype: str
    version: str  # a digest of the content


def load(folder: Path = FOLDER) -> dict[str, Asset]:
    """Every file of `folder` by its name, with its gzip form and version."""
    assets = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        body = path.read_bytes()
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        gzipped = (
            gzip.compress(body, compresslevel=LEVEL, mtime=0)
            if compressible(mimetype) and len(body) >= MIN_SIZE
            else None
        )
        assets[path.name] = Asset(body, gzipped, mimetype, hashlib.sha256(body).hexdigest()[:12])
    return assets


def serve(filename: str) -> Response:
    """One asset: gzip when accepted, its own ETag, and a year's immutable caching under its version."""
    asset = current().assets.get(filename)
    if asset is None:
        abort(404)
    encoding = coding() if asset.gzipped is not None else "identity"
    tag = f"{asset.version}-{encoding}"
    if request.if_none_match.contains_weak(tag):
        response = Response(status=304)
    else:
        response = Response(asset.gzipped if encoding == "gzip" else asset.body, mimetype=asset.mimetype)
        if encoding == "gzip":
            response.headers["Content-Encoding"] = "gzip"
    response.set_etag(tag)
    if asset.gzipped is not None:
        response.vary.add("Accept-Encoding")
    if request.args.get("v") == asset.version:
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


def add_version(endpoint: str, values: dict) -> None:
    """url_for("static", filename=…) → /static/…?v=<digest of the file>."""
    if endpoint == "static" and "v" not in values:
        asset = current().assets.get(values.get("filename", ""))
        if asset is not None:
            values["v"] = asset.version


def init_app(app: Flask) -> None:
    """Serve /static/<file> from memory (the app is created with static_folder=None)."""
    of(app).assets = load()
    app.add_url_rule("/static/<path:filename>", endpoint="static", view_func=serve)
    app.add_url_rule(FAVICON, endpoint="favicon", view_func=lambda: serve(ICON))
    app.url_defaults(add_version)
