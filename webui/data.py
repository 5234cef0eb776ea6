"""What pages show, fetched through the named queries, so that the UI runs the same on a remote store.

Page queries are the public ones of `queries/` or the UI's own in `queries/ui/` (same header format).

The data of a running app never changes (the store is loaded once from an immutable build), so each
answer is kept by (query, parameters) for the life of the process: a page costs a few queries the first
time and none after.
"""

from flask import Flask, g
from rdflib.term import Identifier

from graph.inputs.manifest import primary
from graph.iris import document
from graph.store.named import NamedQuery, catalogue
from graph.store.result import Result
from webui.http.lru import SizedLRU
from webui.state import current, of

CACHE_SIZE = 4096  # answers kept per app (each counts as one)


def init_app(app: Flask) -> None:
    """Give the app its LRU of named-query answers."""
    of(app).queries = SizedLRU(CACHE_SIZE, 1)


def run(name: str, **params) -> Result:
    """Run the named query `name` with string parameters (language defaults to the request's)."""
    query: NamedQuery = catalogue().get(name, ui=True)
    if "lang" in {p.name for p in query.parameters} and "lang" not in params:
        params["lang"] = g.get("lang", "zh")
    values = {k: str(v) for k, v in params.items() if v is not None}
    key = (name, tuple(sorted(values.items())))
    state = current()
    cached = state.queries.get(key) if state.queries is not None else None
    if cached is None:
        cached = query.run(state.store, values)
        if state.queries is not None:
            state.queries.put(key, cached, 1)
    return cached


def primary_document() -> str:
    """The IRI of the document the site is about (the manifest's first): the page queries are bound to it."""
    return str(document(primary().slug))


def rows(name: str, **params) -> list[dict[str, Identifier]]:
    """The answer of a named query as a list of {variable: term} dicts."""
    return run(name, **params).dicts()


def built_names(section: str):
    """A part of the build's name indexes (names.json: `search` or `entities`, graph.build.names), or None
    on a remote store (whose data need not be the build's) or for a build without them."""
    state = current()
    if not state.embedded or state.build is None:
        return None
    if state.names is None:
        state.names = state.build.names() or {}
    return state.names.get(section)
