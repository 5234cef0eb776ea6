"""Keep `%2F` encoded in the path the app routes: `/id/unit%2Fmof` is not `/id/unit/mof`.

A WSGI server decodes the path before the app sees it (PATH_INFO), turning `%2F`, a slash that is data
(RFC 3986 §2.2), into a separator: another IRI reached the same entity and shared its kept answer. The
request target as sent (REQUEST_URI, or gunicorn's RAW_URI) still has it; when it holds a `%2F`, PATH_INFO
is decoded again from it with each `%2F` left as it is, so no entity path matches and the answer is 404.
This wraps the whole WSGI app, before the kept answers (webui.http.response_cache) are looked up.

The redirects routing makes itself (`//queries` merged to `/queries`, a missing slash) are relative, as
all of ours are: werkzeug writes them absolute, from the request's Host, which any client may set.
"""

import re
from urllib.parse import unquote, urlsplit

from flask import Flask, Response, request
from werkzeug.routing import RequestRedirect

ENCODED_SLASH = re.compile("%2F", re.IGNORECASE)


def path_info(environ: dict) -> str | None:
    """The path to route when the raw target has an encoded slash (WSGI's latin-1 string), else None."""
    target = (environ.get("REQUEST_URI") or environ.get("RAW_URI") or "").split("?", 1)[0]
    path = urlsplit(target).path if "://" in target else target  # absolute-form: http://host/path
    if not ENCODED_SLASH.search(path):
        return None
    decoded = "%2F".join(unquote(part, encoding="latin-1") for part in ENCODED_SLASH.split(path))
    script = environ.get("SCRIPT_NAME", "")
    return decoded[len(script) :] if script and decoded.startswith(script) else decoded


class KeepEncodedSlashes:
    """WSGI middleware: route by the path as sent where it has a `%2F`."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        path = path_info(environ)
        if path is not None:
            environ["PATH_INFO"] = path
        return self.wsgi_app(environ, start_response)


def relative_redirect(response: Response) -> Response:
    """A routing redirect's Location without the scheme and Host werkzeug put in it."""
    if isinstance(request.routing_exception, RequestRedirect) and response.location:
        target = urlsplit(response.location)
        response.location = (target.path or "/") + (f"?{target.query}" if target.query else "")
    return response


def init_app(app: Flask) -> None:
    """Wrap the app (after webui.http.response_cache, so this runs first); routing redirects relative."""
    app.wsgi_app = KeepEncodedSlashes(app.wsgi_app)  # type: ignore[method-assign]
    app.after_request(relative_redirect)
