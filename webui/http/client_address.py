"""The client's address behind the front: X-Duikou-Client, believed only from gunicorn's Unix socket.

Behind nginx (webui.front) every request reaches gunicorn from nginx, on a Unix socket in a private folder,
and nginx sets X-Duikou-Client to the address it was connected from, replacing whatever a client sent.
Such a request's REMOTE_ADDR becomes that address, so the budget (graph.service.budget), nginx's limit per
address and the logs all see the same client. Over TCP the header means nothing: it is dropped, and so is
any sent to a server without the front.
"""

import socket

from flask import Flask

HEADER = "HTTP_X_DUIKOU_CLIENT"


def from_front(environ: dict) -> bool:
    """True if the request came over a Unix socket (only the front can reach gunicorn's)."""
    sock = environ.get("gunicorn.socket")
    return getattr(sock, "family", None) == socket.AF_UNIX


class ClientAddress:
    """WSGI middleware: REMOTE_ADDR from the front's header, the header dropped either way."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        address = environ.pop(HEADER, "")
        if address and from_front(environ):
            environ["REMOTE_ADDR"] = address.strip()
        return self.wsgi_app(environ, start_response)


def init_app(app: Flask) -> None:
    """Wrap the app (last of all: the address is set before anything reads it)."""
    app.wsgi_app = ClientAddress(app.wsgi_app)  # type: ignore[method-assign]
