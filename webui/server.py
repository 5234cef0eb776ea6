"""Serve the web app with gunicorn: the graph loaded once, then the query pool, then the web workers.

Flask is imported only inside `serve`, so `graph` stays importable without the web layer. The master
logs "Serving http://HOST:PORT" when its workers are starting.

Order matters: the app (and the store) is built in the master and warmed (webui.warm), the query pool
(graph.service.pool) is forked from it next, and only then does gunicorn fork the web workers, so neither the
pool nor the workers reload anything and the pool never holds a listening socket. Web workers are
gthread workers: a thread waiting for an ad-hoc query's answer leaves the others free for pages, and
each worker has more threads than the pool can run and queue at once, so pages always find one.

Each web worker listens on its own socket (SO_REUSEPORT, gunicorn's `reuse_port`), and the kernel
spreads new connections evenly over them. With one shared socket, whichever worker woke first took
the next connection, and a kept-alive connection stays with the worker that accepted it: now and then
a burst of connections landed on one worker, and one process runs Python on one core at a time, so
the other core idled (the throughput varied widely from run to run). The master holds the address
with a bound socket that never listens (`reserve`), so a port already in use is a clear error at once,
not workers failing to bind and being restarted forever.
There are two web workers per core, so that an uneven spread still keeps both cores busy.

In front of them, when Debian's nginx is installed, runs nginx (webui.front): it reads every request whole,
with time limits, before a worker thread is spent on it, and gunicorn then listens on a Unix socket only
nginx can reach. Without nginx, `duikou serve` serves loopback addresses as before, with a warning; any
other address needs the front and PUBLIC_URL (else the request's Host would name the site). Signals go to
this process, gunicorn's arbiter, in both cases (SIGHUP to gunicorn; nginx stops when it stops).

The app gunicorn serves is webui.reload's: the build loaded at start (checked, refused if damaged) until
SIGHUP, when the master loads the build `dist` names then and gunicorn replaces its workers.
"""

import ipaddress
import logging
import os
import shutil
import socket
import tempfile
from pathlib import Path

import click
from gunicorn.app.base import BaseApplication

from graph.errors import AddressInUse, SettingError
from webui.front import Front, nginx

LOG = logging.getLogger("duikou.serve")
SPARE_THREADS = 4  # threads per web worker beyond what the pool can hold, for pages and named queries
WORKERS_PER_CORE = 2


class _Gunicorn(BaseApplication):
    """gunicorn's programmatic entry: our options, and the app we already built (preloaded)."""

    def __init__(self, app, options: dict):
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def gunicorn_options(host: str, port: int, workers: int, query_timeout: float, threads: int = 1) -> dict:
    """gunicorn settings: gthread workers, preload, a worker timeout well past the query time limit."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "preload_app": True,
        "timeout": max(30, int(query_timeout * 3) + 5),
        "limit_request_line": 8190,  # gunicorn's maximum; a longer URL gets 414
        "accesslog": "-",
        "control_socket_disable": True,  # no per-user control socket shared between servers
        "reuse_port": True,  # a listening socket per worker (see the module docstring)
    }


def reserve(host: str, port: int) -> socket.socket:
    """Hold HOST:PORT for the workers' SO_REUSEPORT sockets; AddressInUse if another program has it.

    A plain bind finds a listener that uses the port (with or without SO_REUSEPORT); the socket kept is
    bound with SO_REUSEPORT, so the workers can bind beside it, and never listens, so it takes no
    connections. Keep it open as long as the server runs."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds: TIME_WAIT is fine
        try:
            probe.bind((host, port))
        except OSError as error:
            raise AddressInUse(f"cannot listen on {host}:{port}: {error.strerror}") from None
    holder = socket.socket(family, socket.SOCK_STREAM)
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    holder.bind((host, port))
    return holder


def run_gunicorn(app, options: dict) -> None:
    """Run gunicorn with `options` until stopped, the address held by the master (see `reserve`)."""
    host, port = options["bind"].rsplit(":", 1)
    host = host.strip("[]")
    with reserve(host, int(port)):
        shown = f"[{host}]" if ":" in host else host
        options["when_ready"] = lambda arbiter: arbiter.log.info(
            "Serving http://%s:%s with %d workers", shown, port, options["workers"]
        )
        _Gunicorn(app, options).run()


def run_behind_front(app, options: dict, front: Front, program: str) -> None:
    """Start nginx on the public address, then gunicorn on its Unix socket, until stopped."""
    # nginx's idle connections to gunicorn close after 20 s: gunicorn never closes one under a request
    options.update(bind=f"unix:{front.socket}", reuse_port=False, keepalive=30, **front.hooks())
    front.workers = options["workers"]
    shown = f"[{front.host}]" if ":" in front.host else front.host
    options["when_ready"] = lambda arbiter: arbiter.log.info(
        "Serving http://%s:%s with %d workers behind nginx", shown, front.port, options["workers"]
    )
    front.start(program)
    _Gunicorn(app, options).run()


def loopback(host: str) -> bool:
    """True for an address only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def choose_front(host: str, front: bool | None, dev: bool, public_url: str) -> str | None:
    """The nginx program to put in front, or None; SettingError when `host` may not be served so."""
    program = nginx() if front is not False and not dev else None
    if loopback(host):
        if front and program is None:
            raise SettingError("--front needs nginx (Debian's package nginx), which is not installed")
        if program is None and front is None and not dev:
            LOG.warning("nginx is not installed: serving without the front, so slow clients can hold threads")
        return program
    if program is None:
        why = "is not installed" if front is not False and not dev else "is turned off"
        raise SettingError(f"serving {host} needs the front (nginx), which {why}; install nginx")
    if not public_url:
        raise SettingError(f"serving {host} needs PUBLIC_URL (env DUIKOU_PUBLIC_URL), the site's address")
    return program


def own_url(host: str, port: int) -> str:
    """The site's address when PUBLIC_URL is empty: the loopback address served, never a request's Host."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def stop_all(*parts) -> None:
    """Stop the front and the pool (gunicorn's on_exit: its workers have stopped)."""
    for part in parts:
        part.stop()


def default_workers() -> int:
    """Two web workers per core (see the module docstring)."""
    return WORKERS_PER_CORE * (os.cpu_count() or 1)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    dev: bool = False,
    settings: dict | None = None,
    front: bool | None = None,
) -> None:
    """Build the app once (StoreError if there is no graph to serve, DamagedBuild if it is damaged) and run it
    until stopped; SIGHUP serves the build `dist` names then (webui.reload). `front`: nginx in front (None:
    when installed). SettingError for an address that may not be served so."""
    from webui import configured
    from webui.reload import Served

    master, config = os.getpid(), dict(settings or {})
    values = configured(config)
    program = choose_front(host, front, dev, values["PUBLIC_URL"])
    config["PUBLIC_URL"] = values["PUBLIC_URL"] or own_url(host, port)  # for every build loaded, reloads too
    served = Served(config)
    folder = Path(tempfile.mkdtemp(prefix="duikou-web-") if program else ".")  # 0700: ours alone
    proxy = Front(host, port, folder, values["MAX_BODY"], read_timeout=0)
    try:
        if dev:
            served.app.run(
                host=host, port=port, debug=False, use_reloader=False, threaded=True, load_dotenv=False
            )
            return
        options = gunicorn_options(
            host,
            port,
            workers or default_workers(),
            values["QUERY_TIMEOUT"],
            threads=served.pool.capacity + SPARE_THREADS,
        )
        options.update(served.hooks())
        options["on_exit"] = lambda arbiter: stop_all(proxy, served)
        if program is None:
            run_gunicorn(served, options)
        else:
            proxy.read_timeout = options["timeout"]
            run_behind_front(served, options, proxy, program)
    finally:
        if (
            os.getpid() == master
        ):  # a gunicorn worker that exits unwinds this frame too: only the master cleans up
            stop_all(proxy, served)
            if program:
                shutil.rmtree(folder, ignore_errors=True)


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--endpoint", metavar="URL", help="Serve a remote SPARQL endpoint instead of the embedded store."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    show_default="two per core",
    help="gunicorn web workers (gthread).",
)
@click.option("--dev", is_flag=True, help="Run Flask's development server instead (debug stays off).")
@click.option(
    "--front/--no-front",
    default=None,
    show_default="when nginx is installed",
    help="Put nginx in front of gunicorn (needed on any address but loopback).",
)
@click.option(
    "--dist",
    type=click.Path(path_type=Path),
    default=None,
    show_default="dist/",
    help="Folder of the built graph.",
)
def serve_command(
    host: str,
    port: int,
    endpoint: str | None,
    workers: int | None,
    dev: bool,
    front: bool | None,
    dist: Path | None,
) -> None:
    """Serve the web app and the SPARQL endpoint (nginx, then gunicorn; the graph is loaded once, before
    forking)."""
    settings = {key: value for key, value in (("ENDPOINT", endpoint), ("DIST", dist)) if value}
    serve(host=host, port=port, workers=workers, dev=dev, settings=settings, front=front)
