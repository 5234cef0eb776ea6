"""What pages show, fetched through the named queries, so that the UI runs the same on a remote store.

Page queries are the public ones of `queries/` or the UI's own in `queries/ui/` (same header format).

The data of a running app never changes (the store is loaded once from an immutable build), so each
answer is kept by (query, parameters) for the life of the process: a page costs a few queries the first
time and none after.
"""

from collections import OrderedDict
from threading import Lock

from flask import current_app, g
from rdflib.term import Identifier

from graph.store.named import NamedQuery, catalogue
from graph.store.result import Result

CACHE_SIZE = 4096


class QueryCache:
    """A bounded LRU of named-query answers for one app."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size, self.entries, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)


def _cache() -> QueryCache:
    return current_app.extensions.setdefault("duikou.cache", QueryCache())


def run(name: str, **params) -> Result:
    """Run the named query `name` with string parameters (language defaults to the request's)."""
    query: NamedQuery = catalogue().get(name, ui=True)
    if "lang" in {p.name for p in query.parameters} and "lang" not in params:
        params["lang"] = g.get("lang", "zh")
    values = {k: str(v) for k, v in params.items() if v is not None}
    key = (name, tuple(sorted(values.items())))
    cached = _cache().get(key)
    if cached is None:
        cached = query.run(current_app.extensions["duikou"].store, values)
        _cache().put(key, cached)
    return cached


def rows(name: str, **params) -> list[dict[str, Identifier]]:
    """The answer of a named query as a list of {variable: term} dicts."""
    return run(name, **params).dicts()
