"""Fixtures built once per session: the parsed notice, the tables, and the built graph."""

from types import SimpleNamespace

import pytest

from graph.build.assemble import build_sources
from graph.inputs.notice import parse
from graph.inputs.tables import load_all
from helpers import loopback
from helpers.ports import free_port
from helpers.servers import Launcher, checkout_env, serve_command
from helpers.tables import copy_tables


@pytest.fixture(scope="session")
def notice():
    return parse()


@pytest.fixture(scope="session")
def tables():
    return load_all()


@pytest.fixture
def table_dir(tmp_path):
    """A private copy of the curated tables, to break (helpers.tables.edit)."""
    return copy_tables(tmp_path)


@pytest.fixture(scope="session")
def built_sources(notice, tables):
    """The build's named graphs and their union, as `duikou build` makes them."""
    return build_sources(notice, tables)


@pytest.fixture(scope="session")
def built_graph(built_sources):
    """The graph as `duikou build` makes it (the union); tests that mutate it work on a copy."""
    return built_sources.union


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


@pytest.fixture(scope="session")
def oxigraph_server(start_oxigraph):
    """The base URL of a real Oxigraph server (persistent store in a temporary folder), for the session."""
    return start_oxigraph()


@pytest.fixture(scope="session")
def start_oxigraph(tmp_path_factory):
    """A factory: start an Oxigraph server on a free loopback port and return its base URL; all stop at the
    end."""
    import shutil
    import sys
    from pathlib import Path

    binary = Path(shutil.which("oxigraph") or Path(sys.executable).parent / "oxigraph")
    if not binary.is_file():
        pytest.fail(
            f"the Oxigraph server binary is missing (looked on PATH and at {binary}): "
            "install the test extra, `pip install -e '.[test]'`, which brings the `oxigraph` package"
        )
    servers = Launcher(tmp_path_factory, "oxigraph serve", "/query?query=ASK%7B%7D", 20, 1)

    def start(persistent: bool = True) -> str:
        def command(port: int, folder: Path) -> list[str]:
            store = ["--location", str(folder / "store")] if persistent else []
            return [str(binary), "serve", "--bind", f"127.0.0.1:{port}", *store]

        return servers.start(command)

    yield start
    servers.stop_all()


@pytest.fixture(scope="session")
def virtuoso_server(start_virtuoso):
    """The base URL of a real OpenLink Virtuoso server, for the session."""
    return start_virtuoso()


@pytest.fixture(scope="session")
def start_virtuoso(tmp_path_factory):
    """A factory: start a Virtuoso server (Debian's package; a fresh database in a temporary folder, both
    ports on loopback) and return its base URL; all stop at the end. FAILS (never skips) when Virtuoso is
    missing: CI installs it."""
    from helpers import virtuoso

    reason = virtuoso.missing()
    if reason:
        pytest.fail(reason, pytrace=False)
    servers = Launcher(tmp_path_factory, "virtuoso", "/sparql?query=ASK%7B%7D", 120, 2)
    yield lambda: servers.start(virtuoso.command)
    servers.stop_all()


@pytest.fixture(scope="session", params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def remote_store(request, built_dist):
    """`built_dist` pushed (Graph Store Protocol) into a real server, as a RemoteStore on its query endpoint:
    every test that uses it runs on an Oxigraph server and on a Virtuoso server."""
    from graph.store.push import push_graph_store, store_url_for
    from graph.store.remote import RemoteStore
    from helpers import virtuoso

    if request.param == "oxigraph":
        endpoint, credentials = request.getfixturevalue("oxigraph_server") + "/query", None
    else:
        endpoint, credentials = request.getfixturevalue("virtuoso_server") + "/sparql", virtuoso.DBA
    push_graph_store(store_url_for(endpoint, credentials is not None), built_dist, credentials=credentials)
    return RemoteStore(endpoint)


@pytest.fixture
def closed_port():
    """A loopback port with nothing listening: connecting to it is refused."""
    return free_port()


@pytest.fixture(scope="session")
def embedded_store(built_sources):
    """The built named graphs and the ontology in the embedded Oxigraph store, as named queries see them."""
    from graph.store.embedded import EmbeddedStore

    return EmbeddedStore.from_graphs(built_sources.graphs)


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
    """A factory: `duikou serve` on a free loopback port with DUIKOU_* settings, nginx in front (if installed)
    unless `front` says; returns its base URL."""
    from graph.paths import ROOT

    servers = Launcher(tmp_path_factory, "duikou serve", "/sparql?query=ASK%7B%7D", 30, 2)

    def start(workers: int = 2, front: bool | None = None, **settings) -> str:
        # the tests' many clients all come from loopback: they count apart unless a test says otherwise
        settings = {"CLIENTS_PER_ADDRESS": 1000, **settings}
        env = checkout_env(**{f"DUIKOU_{key}": str(value) for key, value in settings.items()})
        options = ("--host", "127.0.0.1", "--workers", str(workers))
        options += () if front is None else ("--front" if front else "--no-front",)
        return servers.start(lambda port, _: serve_command(port, served_dist, *options), env=env, cwd=ROOT)

    yield start
    servers.stop_all()


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
    server = loopback.canary()
    yield server
    server.stop()


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
    running = []

    def start(target: str, **failing) -> SimpleNamespace:
        running.append(loopback.proxy(target, **failing))
        return running[-1]

    yield start
    for proxy in running:
        proxy.stop()
