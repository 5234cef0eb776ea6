"""HTTP servers on 127.0.0.1 in a thread of the test process: the canary, which records what it gets and
answers with empty SPARQL results, and a proxy in front of a SPARQL server that can fail on purpose."""

import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

EMPTY_RESULTS = b'{"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": []}}'


class Handler(BaseHTTPRequestHandler):
    """Answers GET and POST alike with `answer`; logs nothing."""

    def answer(self):
        raise NotImplementedError

    def do_GET(self):
        self.answer()

    def do_POST(self):
        self.answer()

    def reply(self, code: int, payload: bytes, content_type: str | None, retry_after: str | None = None):
        self.send_response(code)
        self.send_header("Content-Type", content_type or "application/octet-stream")
        self.send_header("Content-Length", str(len(payload)))
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.end_headers()
        self.wfile.write(payload)

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def log_message(self, *args):
        pass


def in_thread(handler: type[Handler]) -> tuple[str, threading.Thread, Callable[[], None]]:
    """Serve `handler` on a free loopback port: (its /sparql URL, the serving thread, stop)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    running = [server]

    def stop():  # once, however often it is called
        if not running:
            return
        running.clear()
        server.shutdown()
        server.server_close()
        thread.join()

    return f"http://127.0.0.1:{server.server_port}/sparql", thread, stop


def canary() -> SimpleNamespace:
    """A server that records every request (method, path, body) and answers with empty SPARQL results;
    `stop()` closes it."""
    requests = []

    class Record(Handler):
        def answer(self):
            requests.append((self.command, self.path, self.body()))
            self.reply(200, EMPTY_RESULTS, "application/sparql-results+json")

    url, _, stop = in_thread(Record)
    return SimpleNamespace(url=url, requests=requests, stop=stop)


def proxy(
    target: str, failures: int = 0, status: int = 500, retry_after: str | None = None, always: bool = False
) -> SimpleNamespace:
    """A server in front of `target` that answers the first `failures` requests (or all, with `always`)
    with `status` (and Retry-After, if given) and forwards the rest; it records every request (method, path,
    headers). `stop()` closes it, so that a later request is refused."""
    record = SimpleNamespace(requests=[])

    class Forward(Handler):
        def answer(self):
            body = self.body()
            record.requests.append((self.command, self.path, dict(self.headers)))
            if always or len(record.requests) <= failures:
                self.reply(status, b"failing on purpose", "text/plain", retry_after)
                return
            query = self.path.partition("?")[2]
            request = urllib.request.Request(
                target + (f"?{query}" if query else ""), data=body or None, method=self.command
            )
            for header in ("Content-Type", "Accept"):
                if self.headers.get(header):
                    request.add_header(header, self.headers[header])
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    self.reply(response.status, response.read(), response.headers.get("Content-Type"))
            except urllib.error.HTTPError as error:
                self.reply(error.code, error.read(), "text/plain")

    record.url, record.thread, record.stop = in_thread(Forward)
    return record
