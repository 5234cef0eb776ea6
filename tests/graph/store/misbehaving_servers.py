"""Servers that misbehave, for the store error tests: HTTP errors and non-results, silence, babble."""

import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Answering(http.server.BaseHTTPRequestHandler):
    """Answers by path: /broken/… 500, /missing/… 404, /html/… a web page, /json/… no SPARQL result."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.answer()

    def do_PUT(self):
        self.do_POST()

    def do_GET(self):
        self.answer()

    def answer(self):
        kind = self.path.strip("/").split("/")[0]
        status, media_type, body = {
            "broken": (500, "text/plain", "internal trouble at the store"),
            "missing": (404, "text/plain", "no such endpoint here"),
            "html": (200, "text/html", "<!DOCTYPE html><html><body>a web page</body></html>"),
            "json": (200, "application/sparql-results+json", '{"unexpected": true}'),
        }.get(kind, (418, "text/plain", "unexpected path"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", media_type)
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
