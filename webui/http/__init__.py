"""What every answer passes through: errors, languages, caching, compression, headers and CORS, static
files, negotiation, the raw path, request bodies and the client's address behind the front."""

from flask import Flask

from webui.http import bodies, caching, client_address, cors, errors, headers, i18n, raw_path, static_files


def init_app(app: Flask) -> None:
    """Install what every answer passes through, in this order (it decides the order of Flask's hooks)."""
    # the one error handler, for every exception raised below
    errors.init_app(app)
    # /static/ from memory, and url_for("static") with the file's version
    static_files.init_app(app)
    # the security headers: the first after_request hook, so it runs after the views' own (Flask runs them
    # in reverse) and sees every answer
    headers.init_app(app)
    # CORS on every answer, errors and preflights included
    cors.init_app(app)
    # the page language: chosen before each request (the ETag below names it), remembered in a cookie
    i18n.init_app(app)
    # ETags and 304 before the view runs; then, last of every answer: gzip (webui.http.compression), the
    # caching headers, and the finished answer kept (webui.http.response_cache, which wraps the WSGI app)
    caching.init_app(app)
    # `%2F` in a path stays encoded (wraps the WSGI app outside the kept answers, so it runs first)
    raw_path.init_app(app)
    # a request body refused (413, 415, 400) or a chunked one read whole, before anything else reads it
    bodies.init_app(app)
    # REMOTE_ADDR from the front's header, on its Unix socket only: outermost, before anyone reads it
    client_address.init_app(app)
