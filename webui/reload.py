"""Serve one build at a time, and another only when told (SIGHUP), so that no answer mixes two builds.

`Served` is the WSGI app gunicorn runs (preloaded in its master). It holds the app made from the build that
`dist` pointed to when it was loaded (its folder resolved once: webui.state), checked file by file against its
`build.json` (a damaged build is refused), warmed, with the query pool forked from it. On SIGHUP gunicorn
calls `on_reload` in the master: the build `dist` points to now is loaded the same way and swapped in, or, if
it cannot be (damaged, missing, unloadable), the old one stays and the log says why in one line. gunicorn
then forks new web workers from the master (the new app) and stops the old ones; each old query pool is
stopped once the last worker that used it has exited (`child_exit`).
"""

import gc
from typing import IO, Any

from graph.errors import DuikouError
from graph.service.pool import QueryPool
from webui import create_app, state
from webui.sparql.endpoint import start_pool
from webui.warm import warm


class Served:
    """The app of the build loaded last, and its query pool; `reload` swaps in the build `dist` names now."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.app, self.pool, self.held = load(settings)
        self.retired: list[tuple[QueryPool, IO | None, set[int]]] = []  # pool, build held, workers using it

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)

    @property
    def build(self) -> str:
        """The served build's name (its folder's), or "none" (a remote store served without one)."""
        build = state.of(self.app).build
        return build.id if build else "none"

    def reload(self, log, workers: set[int]) -> bool:
        """Load the build `dist` names now and swap it in (True); else keep this one and log why. `workers`:
        the web workers serving this one, which gunicorn stops next."""
        try:
            app, pool, held = load(self.settings)
        except (DuikouError, OSError, SyntaxError) as error:  # the old build stays: say why, in one line
            log.error("reload refused, still serving build %s: %s", self.build, error)
            return False
        self.retired.append((self.pool, self.held, set(workers)))
        before = self.build
        self.app, self.pool, self.held = app, pool, held
        gc.unfreeze()  # let the old app go, then freeze the new one as webui.warm did
        gc.collect()
        gc.freeze()
        log.info("reloaded: serving build %s (was %s)", self.build, before)
        return True

    def worker_exited(self, pid: int) -> None:
        """Stop each old pool (and let go of its build) once no worker that used it is left."""
        for entry in list(self.retired):
            pool, held, workers = entry
            workers.discard(pid)
            if not workers:
                self.retired.remove(entry)
                pool.stop()
                if held:
                    held.close()

    def stop(self) -> None:
        """Stop every pool and let go of every build (in the master, as the server ends)."""
        for pool, held, _ in [*self.retired, (self.pool, self.held, set())]:
            pool.stop()
            if held:
                held.close()

    def hooks(self) -> dict[str, Any]:
        """The gunicorn options that reload on SIGHUP and stop the pools."""
        return {
            "on_reload": lambda arbiter: self.reload(arbiter.log, set(arbiter.WORKERS)),
            "child_exit": lambda arbiter, worker: self.worker_exited(worker.pid),
            "on_exit": lambda arbiter: self.stop(),
        }


def load(settings: dict):
    """The app over the build DIST names now, checked (DamagedBuild names the bad file) and warmed; the query
    pool forked from it; and the build held, so that no later build prunes it while it is served."""
    app = create_app(settings, verify=True)
    build = state.of(app).build
    held = build.hold() if build else None
    try:
        warm(app)
        pool = start_pool(app)
    except BaseException:
        if held:
            held.close()
        raise
    return app, pool, held
