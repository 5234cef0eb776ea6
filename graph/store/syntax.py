"""Oxigraph's query parser alone, so that a syntax error is found without queueing or running the query.

pyoxigraph (0.5) has no parse-only call, and `Store.query` evaluates at once whatever it cannot stream:
an ASK, an ORDER BY, an aggregate, which on an empty store may still be long (a VALUES cross join). But
it parses the text before it reads its dataset arguments, so a dataset that is no graph (NOT_A_GRAPH)
stops it right after the parse: a syntax error is its SyntaxError, with the message the store gives
when the query runs ("error at LINE:COL: expected …"); a query that parses is stopped by a ValueError
about the dataset, and nothing of it runs. It runs on an empty store, never on the data, all the same.

The parser recurses on nesting (brackets, `<<`, `!`) and deep input overflows the thread's stack:
only a text graph.service.check's `plain` clears (shallow) may be given to it.
"""

from functools import cache

import pyoxigraph as ox

from graph.errors import QuerySyntaxError

NOT_A_GRAPH = 0  # any value pyoxigraph refuses as a dataset, after it has parsed the query


@cache
def _empty() -> ox.Store:
    return ox.Store()


def parse_query(text: str, base: str | None = None) -> bool:
    """Parse `text` with Oxigraph (relative IRIs against `base`, as the store will): raise
    QuerySyntaxError with its message, or return True (parsed) or False (not judged here)."""
    try:
        _empty().query(text, base_iri=base, default_graph=NOT_A_GRAPH)  # type: ignore[arg-type]
    except SyntaxError as error:
        raise QuerySyntaxError(str(error)) from None
    except ValueError as error:
        return "default_graph" in str(error)  # else the base, which the store refuses alike when it runs
    return False  # a pyoxigraph that took NOT_A_GRAPH ran the query on nothing: no verdict (its tests fail)
