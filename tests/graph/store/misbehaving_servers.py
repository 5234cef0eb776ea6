"""Servers that misbehave, for the store error tests: HTTP errors and non-results, silence, babble."""

import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rdflib.namespace import XSD


# what Virtuoso 7.2.5 sends: SPARQL 1.0's "typed-literal", and an ASK answered as one solution of one variable
def virtuoso_results(variable: str, value: str) -> str:
    term = {"type": "typed-literal", "datatype": str(XSD.integer), "value": value}
    return json.dumps({"head": {"link": [], "vars": [variable]}, "results": {"bindings": [{variable: term}]}})


VIRTUOSO_REFUSAL = """<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html>
  <head>
    <title>SPARQL Graph Protocol request failed</title>
  </head>
  <body>
    <h1>HTTP/1.1 403 Forbidden</h1>
    <h3>Error 42000</h3>
<xmp>SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD (user ID = 107)</xmp></body></html>"""


class Answering(http.server.BaseHTTPRequestHandler):
    """Answers by path: /broken/… 500, /missing/… 404, /html/… a web page, /json/… no SPARQL result,
    /forbidden/… Virtuoso's 403 page; /virtuoso/…, /virtuoso-ask/… and /virtuoso-capped/… (one row, the most
    it sends) Virtuoso's JSON results, by GET only:
    a POST gets no answer for 5 s on /stalling/…, and 405 on /get-only/…"""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if "/stalling/" in self.path:
            time.sleep(5)
            return
        if "/get-only/" in self.path:
            self.reply(405, "text/plain", "use GET")
            return
        self.answer()

    def do_PUT(self):
        self.do_POST()

    def do_GET(self):
        self.answer()

    def answer(self):
        results = "application/sparql-results+json"
        kind = self.path.partition("?")[0].strip("/").split("/")[-2]
        status, media_type, body = {
            "broken": (500, "text/plain", "internal trouble at the store"),
            "missing": (404, "text/plain", "no such endpoint here"),
            "html": (200, "text/html", "<!DOCTYPE html><html><body>a web page</body></html>"),
            "json": (200, results, '{"unexpected": true}'),
            "forbidden": (403, "text/html; charset=UTF-8", VIRTUOSO_REFUSAL),
            "virtuoso": (200, results, virtuoso_results("n", "61")),
            "virtuoso-ask": (200, results, virtuoso_results("__ASK_RETVAL", "1")),
            "virtuoso-capped": (200, results, virtuoso_results("n", "61")),
        }.get(kind, (418, "text/plain", "unexpected path"))
        self.reply(status, media_type, body, {"X-SPARQL-MaxRows": "1"} if kind == "virtuoso-capped" else {})

    def reply(self, status: int, media_type: str, body: str, headers: dict | None = None):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextmanager
def answering_server() -> Iterator[str]:
    """A tiny HTTP server on loopback that answers with errors and with things that are not SPARQL results."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answering)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def tcp_server(behaviour):
    """A loopback TCP server whose thread runs `behaviour(connection)` on each connection it accepts."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop, held = threading.Event(), []

    def serve():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            held.append(connection)
            behaviour(connection)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def close():
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()

    return f"http://127.0.0.1:{listener.getsockname()[1]}", close


@contextmanager
def silent_server_at() -> Iterator[str]:
    """Accepts connections and never says a word."""
    url, close = tcp_server(lambda connection: None)
    try:
        yield url
    finally:
        close()


def _babble(connection):
    connection.recv(65536)
    connection.sendall(b"hello, this is not HTTP\r\n\r\n")
    connection.close()


@contextmanager
def babbling_server_at() -> Iterator[str]:
    """Accepts connections and answers with something that is not HTTP."""
    url, close = tcp_server(_babble)
    try:
        yield url
    finally:
        close()
