"""CORS on every answer: any web page may read this site's pages, data, query answers and downloads.

Everything served is public and read-only, and no answer depends on who asks (the one cookie only
remembers the page language), so every answer, errors and 304s included, says
`Access-Control-Allow-Origin: *` and exposes the headers a linked-data client reads (ETag, Link,
Content-Location, the row-cap flags, Retry-After). A preflight (OPTIONS) is answered on every path with
its methods and the request headers clients send (Accept, a POSTed query's Content-Type, If-None-Match).
Added in an after_request hook, so Flask's own 304s and every error have it, and the answers kept by
webui.http.response_cache (which also sends it with the 304s it answers itself).
"""

from flask import Flask, Response, request

ALLOW_ORIGIN = "Access-Control-Allow-Origin"
EXPOSED = "ETag, Link, Content-Location, Retry-After, X-Duikou-Truncated, X-Duikou-Row-Limit"
REQUEST_HEADERS = "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since, Range"
HEADERS = (ALLOW_ORIGIN.lower(), "access-control-expose-headers")  # what a kept answer's 304 repeats
MAX_AGE = 86400  # seconds a browser may keep a preflight's answer


def allow(response: Response) -> Response:
    """Let any origin read this answer; on a preflight, say which methods and headers it may use."""
    response.headers[ALLOW_ORIGIN] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, HEAD, OPTIONS")
        response.headers["Access-Control-Allow-Headers"] = REQUEST_HEADERS
        response.headers["Access-Control-Max-Age"] = str(MAX_AGE)
    return response


def init_app(app: Flask) -> None:
    app.after_request(allow)
