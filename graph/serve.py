"""Serve the web app with gunicorn: sync workers, one per core, the graph loaded once before forking.

Flask is imported only inside `serve`, so `graph` stays importable without the web layer. gunicorn
logs "Listening at: http://HOST:PORT" when it is ready to answer.
"""
import os

from gunicorn.app.base import BaseApplication


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


def gunicorn_options(host: str, port: int, workers: int, query_timeout: float) -> dict:
    """gunicorn settings: sync workers, preload, a worker timeout well past the query time limit."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "preload_app": True,
        "timeout": max(30, int(query_timeout * 3) + 5),
        "limit_request_line": 8190,  # gunicorn's maximum; a longer URL gets 414
        "accesslog": "-",
        "control_socket_disable": True,  # no per-user control socket shared between servers
    }


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int | None = None, dev: bool = False,
          settings: dict | None = None) -> None:
    """Build the app once (StoreError if there is no graph to serve) and run it until stopped."""
    from webui import create_app

    app = create_app(settings or {})
    if dev:
        app.run(host=host, port=port, debug=False, use_reloader=False, threaded=False)
        return
    timeout = app.extensions["duikou"].settings["QUERY_TIMEOUT"]
    _Gunicorn(app, gunicorn_options(host, port, workers or os.cpu_count() or 1, timeout)).run()
