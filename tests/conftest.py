"""Fixtures built once per session: the parsed notice, the tables, and the built graph."""

import pytest

from graph.build.assemble import build_graph
from graph.inputs.notice import parse
from graph.inputs.tables import load_all
from helpers.ports import free_port


@pytest.fixture(scope="session")
def notice():
    return parse()


@pytest.fixture(scope="session")
def tables():
    return load_all()


@pytest.fixture(scope="session")
def built_graph(notice, tables):
    """The graph as `duikou build` makes it; tests that mutate it work on a copy."""
    return build_graph(notice, tables)


# -- a real build, a real Oxigraph server, and the build pushed into it (the remote-store tests) -------


@pytest.fixture(scope="session")
def built_dist(tmp_path_factory):
    """One real `duikou build` into a private folder, shared by the whole session."""
    from click.testing import CliRunner

    from graph.cli import main

    out = tmp_path_factory.mktemp("built") / "dist"
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def wait_until_answers(process, url: str, log, seconds: float, timeout: float, name: str, base: str) -> str:
    """Poll `url` until the server answers (return `base`), or fail with its log if it exits or never does."""
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                response.read()
            return base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log_text = log.read_text(errors="replace")
                pytest.fail(f"{name} did not answer at {base} (exit {process.poll()}): {log_text}")
            time.sleep(0.05)


def stop_all(processes) -> None:
    """Terminate every server a fixture started, killing any that will not stop."""
    import subprocess

    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def start_oxigraph(tmp_path_factory):
    """A factory: start an Oxigraph server on a free loopback port and return its base URL; all stop at the
    end."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    binary = Path(shutil.which("oxigraph") or Path(sys.executable).parent / "oxigraph")
    if not binary.is_file():
        pytest.fail(
            f"the Oxigraph server binary is missing (looked on PATH and at {binary}): "
            "install the test extra, `pip install -e '.[test]'`, which brings the `oxigraph` package"
        )
    started = []

    def start(persistent: bool = True) -> str:
        folder = tmp_path_factory.mktemp("oxigraph")
        port = free_port()
        command = [str(binary), "serve", "--bind", f"127.0.0.1:{port}"]
        if persistent:
            command += ["--location", str(folder / "store")]
        with open(folder / "server.log", "wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        return wait_until_answers(
            process, f"{base}/query?query=ASK%7B%7D", folder / "server.log", 20, 1, "oxigraph serve", base
        )

    yield start
    stop_all(started)


@pytest.fixture(scope="session")
def oxigraph_server(start_oxigraph):
    """The base URL of a real Oxigraph server (persistent store in a temporary folder), for the session."""
    return start_oxigraph()


@pytest.fixture(scope="session")
def remote_store(oxigraph_server, built_dist):
    """`built_dist` pushed (Graph Store Protocol) into `oxigraph_server`, as a RemoteStore on its /query."""
    from graph.store.push import push_graph_store
    from graph.store.remote import RemoteStore

    push_graph_store(oxigraph_server + "/store", built_dist)
    return RemoteStore(oxigraph_server + "/query")


@pytest.fixture
def closed_port():
    """A loopback port with nothing listening: connecting to it is refused."""
    return free_port()


@pytest.fixture(scope="session")
def embedded_store(built_graph):
    """The built graph and the ontology in the embedded Oxigraph store, as the named queries see them."""
    from graph.store.embedded import EmbeddedStore

    return EmbeddedStore.from_graph(built_graph)


# -- the web app served for real: `duikou serve` (gunicorn) on a free loopback port ----------------


@pytest.fixture(scope="session")
def served_dist(built_dist):
    """The built graph the served app loads (the session's one real build)."""
    return built_dist


@pytest.fixture(scope="module")
def app(built_dist):
    """The web app over the session's build, one per test module (a module may define its own)."""
    from webui import create_app

    return create_app({"DIST": built_dist})


@pytest.fixture(scope="module")
def client(app):
    """A Flask test client of `app`."""
    return app.test_client()


@pytest.fixture(scope="session")
def start_duikou(tmp_path_factory, served_dist):
    """A factory: `duikou serve` on a free loopback port with DUIKOU_* settings; returns its base URL."""
    import os
    import subprocess
    import sys

    from graph.paths import ROOT

    started = []

    def start(workers: int = 2, **settings) -> str:
        folder = tmp_path_factory.mktemp("serve")
        port = free_port()
        env = {**os.environ, **{f"DUIKOU_{key}": str(value) for key, value in settings.items()}}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        command = [
            sys.executable,
            "-c",
            "from graph.cli import main; main()",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--dist",
            str(served_dist),
        ]
        with open(folder / "server.log", "wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        return wait_until_answers(
            process, f"{base}/sparql?query=ASK%7B%7D", folder / "server.log", 30, 2, "duikou serve", base
        )

    yield start
    stop_all(started)


@pytest.fixture(scope="session")
def live_server(start_duikou):
    """Base URL of `duikou serve` over the session's build, default settings."""
    return start_duikou()


@pytest.fixture(scope="session")
def live_server_short_timeout(start_duikou):
    """Base URL of `duikou serve` whose queries are stopped after 2 s (for time-limit tests)."""
    return start_duikou(QUERY_TIMEOUT=2)


@pytest.fixture
def canary():
    """A loopback HTTP server that records every request it gets (and answers with empty SPARQL results)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from types import SimpleNamespace

    requests = []

    class Record(BaseHTTPRequestHandler):
        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            requests.append((self.command, self.path, self.rfile.read(length)))
            body = b'{"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}/sparql", requests=requests)
    server.shutdown()
    server.server_close()
    thread.join()


# -- the browser tests: Debian's headless Chromium, driven by Playwright, against live_server -------------
# (tests/browser/)


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session; FAILS (never skips) when it is missing, since CI must install
    it."""
    from browser import chromium as debian

    reason = debian.missing()
    if reason:
        pytest.fail(reason, pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = debian.launch(playwright)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def visit(request, chromium, live_server):
    """A fresh browser context on live_server (no cookies, Chinese Accept-Language), loopback only; checked
    after.

    Parametrize it indirectly with a dict to change the context's options (`{"java_script_enabled": False}`).
    """
    from types import SimpleNamespace

    from browser.guard import Guard

    options = {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}, **getattr(request, "param", {})}
    context = chromium.new_context(base_url=live_server, **options)
    context.set_default_timeout(15_000)
    context.set_default_navigation_timeout(30_000)
    guard = Guard(context)
    page = context.new_page()
    yield SimpleNamespace(page=page, guard=guard, context=context, base=live_server)
    problems = guard.problems()
    context.close()
    if problems:
        pytest.fail("the visit was not clean:\n" + "\n".join(problems), pytrace=False)


def pytest_terminal_summary(terminalreporter):
    """Print the axe-core results of the browser tests, and keep them in
    tests/screenshots/axe-summary.json."""
    import sys
    from pathlib import Path

    axe = sys.modules.get("browser.axe")
    if axe is None or not axe.SUMMARY:
        return
    terminalreporter.section("axe-core: violation nodes per page and impact")
    for line in axe.summary_lines():
        terminalreporter.write_line(line)
    axe.save(Path(__file__).parent / "screenshots" / "axe-summary.json")


# -- links: a Wikidata-shaped SPARQL server, and a proxy in front of it that can fail on purpose ---------


@pytest.fixture(scope="session")
def wikidata_endpoint(start_oxigraph):
    """The query URL of a real Oxigraph server loaded with tests/fixtures/wikidata.ttl (shaped like
    Wikidata)."""
    import urllib.request
    from pathlib import Path

    base = start_oxigraph(persistent=False)
    data = (Path(__file__).parent / "fixtures" / "wikidata.ttl").read_bytes()
    request = urllib.request.Request(
        f"{base}/store?default", data=data, method="POST", headers={"Content-Type": "text/turtle"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
    return f"{base}/query"


@pytest.fixture
def sparql_proxy():
    """A factory: a loopback HTTP server in front of `target` that answers the first `failures` requests (or
    all, with `always`) with `status` (and Retry-After, if given) and forwards the rest; it records every
    request (method, path, headers). `stop()` closes it, so that a later request is refused."""
    import threading
    import urllib.error
    import urllib.request
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from types import SimpleNamespace

    running = []

    def start(
        target: str,
        failures: int = 0,
        status: int = 500,
        retry_after: str | None = None,
        always: bool = False,
    ) -> SimpleNamespace:
        proxy = SimpleNamespace(requests=[])

        class Forward(BaseHTTPRequestHandler):
            def answer(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.requests.append((self.command, self.path, dict(self.headers)))
                if always or len(proxy.requests) <= failures:
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

            def reply(self, code, payload, content_type, wait=None):
                self.send_response(code)
                self.send_header("Content-Type", content_type or "application/octet-stream")
                self.send_header("Content-Length", str(len(payload)))
                if wait is not None:
                    self.send_header("Retry-After", wait)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = answer

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()

        def stop():
            if server in running:
                running.remove(server)
                server.shutdown()
                server.server_close()
                thread.join()

        running.append(server)
        proxy.url, proxy.stop = f"http://127.0.0.1:{server.server_port}/sparql", stop
        proxy.thread = thread
        return proxy

    yield start
    for server in list(running):
        server.shutdown()
        server.server_close()
