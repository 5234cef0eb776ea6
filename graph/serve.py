"""Serve the web app with gunicorn: the graph loaded once, then the query pool, then the web workers.

Flask is imported only inside `serve`, so `graph` stays importable without the web layer. gunicorn
logs "Listening at: http://HOST:PORT" when it is ready to answer.

Order matters: the app (and the store) is built in the master, the query pool (graph.pool) is forked
from it next, and only then does gunicorn bind its socket and fork the web workers, so neither the
pool nor the workers reload anything and the pool never holds the listening socket. Web workers are
gthread workers: a thread waiting for an ad-hoc query's answer leaves the others free for pages, and
each worker has more threads than the pool can run and queue at once, so pages always find one.

There are two web workers per core by default. A kept-alive connection stays with the worker that
accepted it, and one process runs Python on one core at a time: with one worker per core, a burst of
connections that lands on one worker leaves the other core idle (on 2 cores, 8 connections to an entity
page gave 4,250–6,750 req/s from run to run; with 4 workers 5,300–6,800). Closing every connection
instead (keepalive 0) balanced them but cost more than it saved (3,300 req/s).
"""
import os

from gunicorn.app.base import BaseApplication

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
    }


def default_workers() -> int:
    """Two web workers per core (see the module docstring)."""
    return WORKERS_PER_CORE * (os.cpu_count() or 1)


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int | None = None, dev: bool = False,
          settings: dict | None = None) -> None:
    """Build the app once (StoreError if there is no graph to serve) and run it until stopped."""
    from webui import create_app
    from webui.sparql import start_pool

    app = create_app(settings or {})
    pool = start_pool(app)
    try:
        if dev:
            app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True, load_dotenv=False)
            return
        timeout = app.extensions["duikou"].settings["QUERY_TIMEOUT"]
        options = gunicorn_options(host, port, workers or default_workers(), timeout,
                                   threads=pool.capacity + SPARE_THREADS)
        options["on_exit"] = lambda arbiter: pool.stop()
        _Gunicorn(app, options).run()
    finally:
        pool.stop()
