"""One object per app holds everything the app keeps: `app.extensions["duikou"]`, reached by `current()`.

The store and the settings are fixed when the app is made; the caches and indexes are filled by the module
that owns each (webui.http.*, webui.data, webui.pages.*), on first use or when the app is made. The types
named only for the checker come from the layers above (see pyproject's import-linter contract), which fill
these attributes in; this module imports none of them at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from flask import Flask, current_app

from graph.dist import Build
from graph.errors import DamagedBuild, NoBuild
from graph.service.check import run_checked
from graph.service.job import WARM_UP
from graph.store.dataset import GRAPHS
from graph.store.embedded import EmbeddedStore
from graph.store.remote import RemoteStore

if TYPE_CHECKING:  # filled in by the modules that own them, above this one
    from graph.service.budget import LocalGate
    from graph.service.pool import QueryPool
    from webui.entity.nearby import Kind
    from webui.http.lru import SizedLRU
    from webui.http.static_files import Asset
    from webui.pages.searchindex import Index

EXTENSION = "duikou"


@dataclass(eq=False)
class Duikou:
    """What every view shares: the store (opened once), the normalised settings, and what is kept per app."""

    store: EmbeddedStore | RemoteStore
    settings: dict = field(default_factory=dict)
    build: Build | None = None  # the build in DIST, when there is one
    version: str | None = None  # build hash and code digest: keys ETags and cached answers (None: no ETags)
    assets: dict[str, Asset] = field(default_factory=dict)  # webui.http.static_files
    responses: SizedLRU | None = None  # finished pages (webui.http.response_cache)
    queries: SizedLRU | None = None  # named-query answers (webui.data)
    answers: SizedLRU | None = None  # /sparql answers, made by each web process on first use
    pool: QueryPool | None = None  # the shared query pool of `duikou serve`
    gate: LocalGate | None = None  # the budget of an app without a pool
    search: Index | None = None  # webui.pages.search
    search_seconds: float | None = None  # how long building it took
    names: dict | None = None  # the build's name indexes (names.json), read once ({}: none; webui.data)
    nearby: dict[str, Kind] | None = None  # the 404 suggestions' index by kind (webui.entity.index)
    nearby_complete: bool = False  # every kind is in it (made from the build, not kind by kind)
    property_labels: dict[str, dict] = field(default_factory=dict)  # by language (webui.entity.page)
    graph_labels: dict[str, dict] = field(default_factory=dict)  # by language (webui.entity.page)
    data_identity: tuple | None = None  # the build's data file as first seen: (path, mtime, size)

    @classmethod
    def open(cls, values: dict, verify: bool = False) -> Duikou:
        """The state of an app with these normalised settings: the build in DIST read (its symlink resolved
        once: every file is read from that build's folder), its store opened (StoreError if there is none)
        and, when embedded, warmed up. `verify`: refuse a damaged build (DamagedBuild naming the file)."""
        build = open_build(values["DIST"], verify)
        store = open_store(values, build)
        found = cls(store, values, build=build, data_identity=identity(build))
        if found.embedded:
            run_checked(found.store, WARM_UP)
        return found

    @property
    def embedded(self) -> bool:
        return isinstance(self.store, EmbeddedStore)

    @cached_property
    def graph_sizes(self) -> dict[str, int]:
        """Triples per named graph, counted once (for the service description)."""
        result = self.store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            named_graphs=[str(g) for g in GRAPHS],
        )
        return {str(g): int(str(n)) for g, n in result.rows}


def open_store(values: dict, build: Build | None) -> EmbeddedStore | RemoteStore:
    """The remote endpoint if ENDPOINT is set, else the embedded store over the build (StoreError if none)."""
    if values["ENDPOINT"]:
        return RemoteStore(values["ENDPOINT"], timeout=values["QUERY_TIMEOUT"])
    return EmbeddedStore.from_dist(build.folder if build else values["DIST"])


def open_build(dist, verify: bool = False) -> Build | None:
    """The build in `dist`, or None when there is none (a remote store may be served without one); with
    `verify`, a damaged one is refused (DamagedBuild), else it is served as it is."""
    try:
        build = Build.open(dist)
    except DamagedBuild:
        if verify:
            raise
        return None
    except NoBuild:
        return None
    return build.verify() if verify else build


def identity(build: Build | None) -> tuple | None:
    """(path, mtime, size) of the build's data file: what the SHACL report of it is kept by."""
    if build is None or not build.data_file.is_file():
        return None
    stat = build.data_file.stat()
    return (str(build.data_file.resolve()), stat.st_mtime_ns, stat.st_size)


def install(app: Flask, state: Duikou) -> Duikou:
    """Make `state` the app's one state object."""
    app.extensions[EXTENSION] = state
    return state


def of(app: Flask) -> Duikou:
    """The state object of `app` (outside a request: the server, warm-up, tests)."""
    return app.extensions[EXTENSION]


def current() -> Duikou:
    """The state object of the app handling this request."""
    return current_app.extensions[EXTENSION]
