"""The one error handler: each exception type maps to an HTTP status and a plain message.

Bodies are `text/plain; charset=utf-8`, or `{"error": {"status", "message"}}` JSON for clients that
prefer JSON to text (weighed as every route weighs Accept, webui.http.accept). A browser (a client that
prefers HTML to plain text) gets a page in the site's layout and language instead: the error's own
`html_template` where it has one, else http/error.html (the status in words and a way on), so no
unknown path or refused method ever shows Werkzeug's plain page. A 500 says nothing about internals;
the traceback goes to the log.
"""

import json
import math

from flask import Flask, Response, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException

from graph.errors import (
    BudgetExceeded,
    ParameterError,
    PoolBusy,
    QueryNotFound,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    StoreError,
    WorkerCrashed,
)
from webui.http.accept import Offer, best
from webui.http.i18n import choose_language
from webui.state import current

STATUS = {
    QuerySyntaxError: 400,
    ParameterError: 400,
    QueryNotFound: 404,  # /queries/<name> and /query?example= (webui/editor.py)
    QueryRefused: 403,
    QueryTimeout: 503,
    StoreError: 502,
    # the limits of the public service (graph/pool.py, webui/budget.py)
    BudgetExceeded: 429,
    PoolBusy: 503,
    WorkerCrashed: 503,
}
MESSAGES = {
    502: "the SPARQL store could not answer: {error}",
    503: "{error}; simplify the query (fewer joins, a LIMIT) and try again",
}
WHOLE_MESSAGE = (BudgetExceeded, PoolBusy, WorkerCrashed)  # their own words say all (and what to do)
# an error's body: plain text unless the client prefers JSON (or, where there is one, the page)
TEXT = Offer("text/plain", "text")
JSON = (Offer("application/json", "json"), Offer("application/sparql-results+json", "json"))


def status_of(error: Exception) -> int:
    """The HTTP status for an exception: its own for HTTP errors, the most specific mapping, else 500."""
    if isinstance(error, HTTPException):
        return error.code or 500
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 500


def handle_error(error: Exception) -> Response:
    """Answer any exception with its status and a plain (or JSON) message."""
    status = status_of(error)
    if status == 500:
        current_app.logger.error("unexpected error on %s %s", request.method, request.path, exc_info=error)
        message = "internal error: the server could not answer this request"
    elif isinstance(error, HTTPException):
        message = error.description or error.name
    elif isinstance(error, WHOLE_MESSAGE):
        message = str(error)
    else:
        message = MESSAGES.get(status, "{error}").format(error=error)
    response = _html_page(error, status, message) or _body(status, message)
    if isinstance(error, HTTPException):
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
    if status in (429, 503):
        response.headers["Retry-After"] = retry_after_header(retry_after(error))
    return response


def retry_after(error: Exception) -> float:
    """Seconds a client should wait before asking again (429, 503): the error's own, else the time limit."""
    return getattr(error, "retry_after", None) or current().settings["QUERY_TIMEOUT"]


def retry_after_header(seconds: float) -> str:
    """The Retry-After value for `seconds`: whole seconds, rounded up, at least 1."""
    return str(max(1, math.ceil(seconds)))


# -- HTML error pages: for clients that prefer text/html to text/plain, the error's own `html_template`
# (webui/browse.py, …) or the generic page, with error, status and message.
GENERIC = "http/error.html"
EXPLAINED_STATUSES = (400, 403, 404, 405, 406, 409, 413, 414, 415, 429, 500, 502, 503)


def _html_page(error: Exception, status: int, message: str) -> Response | None:
    chosen = best(request.accept_mimetypes, (TEXT, Offer("text/html", "html")))
    if chosen is None or chosen.key != "html":
        return None
    if not g.get("lang"):  # an error raised before the language was chosen
        g.lang = choose_language()
    template = getattr(error, "html_template", None) or GENERIC
    try:
        body = render_template(template, **page_values(error, status, message))
    except Exception:  # the page itself failed (a broken store…): the plain answer still says what happened
        current_app.logger.exception("the error page for %s could not be rendered", status)
        return None
    return Response(body, status=status, content_type="text/html; charset=utf-8")


def page_values(error: Exception, status: int, message: str) -> dict:
    """What an error page shows: the status in words (a key of the string table), the message when it says
    more than the status does (Werkzeug's stock sentences do not), and a same-site page to go back to."""
    stock = isinstance(error, HTTPException) and error.description == type(error).description
    referrer = request.referrer or ""
    back = referrer if referrer.startswith(request.host_url) and referrer != request.url else None
    return {
        "error": error,
        "status": status,
        "message": message,
        "key": f"error.{status}" if status in EXPLAINED_STATUSES else "error.other",
        "detail": None if stock or status == 500 else message,
        "detail_lang": None if status == 406 else "en",  # a 406 says it in both languages; others in English
        "back": back,
    }


# -- end of HTML error pages


def _body(status: int, message: str) -> Response:
    chosen = best(request.accept_mimetypes, (TEXT, *JSON))
    if chosen is not None and chosen.key == "json":
        body = json.dumps({"error": {"status": status, "message": message}}, ensure_ascii=False)
        return Response(body, status=status, content_type="application/json")
    return Response(message + "\n", status=status, content_type="text/plain; charset=utf-8")


def init_app(app: Flask) -> None:
    """Register the handler for every exception."""
    app.register_error_handler(Exception, handle_error)
