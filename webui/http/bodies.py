"""Refuse a request body before any view reads it: 415 if coded, 413 past MAX_BODY, 400 for bad chunks.

A chunked body has no Content-Length, and werkzeug read it only up to MAX_BODY, silently: a query cut at
64 KiB ran. So a chunked body is read here, whole, at most MAX_BODY + 1 bytes, before the app sees the
request, and the view gets it as a body of known length; a longer one is 413, and a malformed one (a bad
chunk size, a missing terminator) is 400, logged in one line rather than a traceback. Behind the front
(webui.front) nginx has done all of this already; served without it, this is what keeps the promise.
A request body in any Content-Encoding but identity (`gzip`, say) is 415: nothing here decodes one, and
reading gzip as a form gave an empty query. Answers pass through the one error handler (webui.http.errors),
never the kept answers (webui.http.response_cache).
"""

import io

from flask import Flask, current_app, request
from gunicorn.http.errors import ParseException
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge, UnsupportedMediaType

REFUSAL = "duikou.body_refusal"  # the refusal decided here, in the request's WSGI environ
READ = 65536


def refusal(environ: dict, max_body: int) -> HTTPException | None:
    """The HTTP error this request's body deserves, or None (a chunked body then becomes a sized one)."""
    coding = environ.get("HTTP_CONTENT_ENCODING", "").strip().lower()
    if coding not in ("", "identity"):
        return UnsupportedMediaType(f"send the request body without Content-Encoding, not {coding}")
    length = environ.get("CONTENT_LENGTH", "")
    if length.isdigit() and int(length) > max_body:
        return RequestEntityTooLarge(f"the request body is longer than {max_body} bytes")
    if not chunked(environ):
        return None
    try:
        body = read_at_most(environ["wsgi.input"], max_body + 1)
    except (OSError, ValueError, ParseException) as error:
        environ[REFUSAL + ".log"] = f"malformed chunked body: {type(error).__name__} {error}".strip()
        return BadRequest("the chunked request body is malformed")
    if len(body) > max_body:
        return RequestEntityTooLarge(f"the request body is longer than {max_body} bytes")
    environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ["wsgi.input_terminated"] = False
    return None


def chunked(environ: dict) -> bool:
    """True if the body's end is known only by reading it (chunked, or a server that says it ends)."""
    coding = environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    return "chunked" in coding or (
        not environ.get("CONTENT_LENGTH") and bool(environ.get("wsgi.input_terminated"))
    )


def read_at_most(stream, limit: int) -> bytes:
    """Up to `limit` bytes of `stream`, in pieces (a chunk may claim to be any size)."""
    parts, size = [], 0
    while size < limit:
        part = stream.read(min(READ, limit - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


class GuardBodies:
    """WSGI middleware: decide `refusal` first; a refused request goes to Flask's own dispatch (so the error
    handler answers it), past the kept answers."""

    def __init__(self, app: Flask):
        self.app, self.wsgi_app = app, app.wsgi_app

    def __call__(self, environ, start_response):
        refused = refusal(environ, self.app.config["MAX_CONTENT_LENGTH"])
        if refused is None:
            return self.wsgi_app(environ, start_response)
        environ[REFUSAL] = refused
        return Flask.wsgi_app(self.app, environ, start_response)


def raise_refusal() -> None:
    """The first before_request hook: raise the refusal decided for this request, if any."""
    refused = request.environ.get(REFUSAL)
    if refused is not None:
        if REFUSAL + ".log" in request.environ:
            current_app.logger.warning(
                "400 %s %s from %s: %s",
                request.method,
                request.path,
                request.remote_addr,
                request.environ[REFUSAL + ".log"],
            )
        raise refused


def init_app(app: Flask) -> None:
    """Wrap the whole WSGI app (call it last, so this runs first), and raise refusals before other hooks."""
    app.before_request_funcs.setdefault(None, []).insert(0, raise_refusal)
    app.wsgi_app = GuardBodies(app)  # type: ignore[method-assign]
