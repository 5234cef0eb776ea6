"""Pick the response format from a `format` parameter or the `Accept` header (with q-values).

Three families: solutions (SELECT, ASK), graphs (CONSTRUCT, DESCRIBE) and the service description
(RDF or an HTML page). The first media type of each family is its default, for `*/*` or no Accept.
Aliases cover what common clients send (SPARQLWrapper's `format=json`, `application/json`, …).
"""

from functools import lru_cache

from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import NotAcceptable
from werkzeug.http import parse_accept_header

from graph.formats import GRAPH_FORMATS, RESULT_FORMATS

RESULT_MEDIA_TYPES = {key: spec.media_type for key, spec in RESULT_FORMATS.items()}
GRAPH_MEDIA_TYPES = {key: spec.media_type for key, spec in GRAPH_FORMATS.items()}

SOLUTIONS = {
    **{t: f for f, t in RESULT_MEDIA_TYPES.items()},
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPHS = {
    **{t: f for f, t in GRAPH_MEDIA_TYPES.items()},
    "application/turtle": "ttl",
    "application/x-turtle": "ttl",
    "text/n3": "ttl",
    "text/rdf+n3": "ttl",
    "application/x-json+ld": "jsonld",
    "application/json": "jsonld",
    "application/xml": "rdf",
    "text/xml": "rdf",
}
DESCRIPTION = {"text/turtle": "ttl", "text/html": "html", **GRAPHS}
FAMILIES = {"solutions": SOLUTIONS, "graph": GRAPHS, "description": DESCRIPTION}

# `format` names, per family: (solutions, graph)
NAMES = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdf"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "ttl": (None, "ttl"),
    "turtle": (None, "ttl"),
    "n3": (None, "ttl"),
    "nt": (None, "nt"),
    "ntriples": (None, "nt"),
    "n-triples": (None, "nt"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdf": (None, "rdf"),
    "rdf+xml": (None, "rdf"),
    "rdfxml": (None, "rdf"),
    "html": (None, None),
}
MEDIA_TYPES = {**RESULT_MEDIA_TYPES, **GRAPH_MEDIA_TYPES, "html": "text/html"}


def media_type(fmt: str) -> str:
    """The Content-Type for a format, with charset=utf-8 for text types."""
    kind = MEDIA_TYPES[fmt]
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


def _by_name(family: str, value: str) -> str | None:
    value = value.split(";")[0].strip().lower()
    if value in FAMILIES[family]:
        return FAMILIES[family][value]
    solutions, graph = NAMES.get(value, (None, None))
    if family == "description" and value == "html":
        return "html"
    return solutions if family == "solutions" else graph


def available(family: str) -> str:
    """The formats of a family, for 406 messages."""
    names = dict.fromkeys(FAMILIES[family].values())
    return ", ".join(f"{name} ({MEDIA_TYPES[name]})" for name in names)


def choose(family: str, accept: MIMEAccept, names: list[str]) -> str:
    """The format for `family`: the first known `format` value, else the best Accept match, else 406."""
    if names:
        for name in names:
            if chosen := _by_name(family, name):
                return chosen
        raise NotAcceptable(
            f"format {', '.join(names)} is not available for this answer; use one of: {available(family)}"
        )
    if not accept.provided:
        return next(iter(FAMILIES[family].values()))
    best = accept.best_match(list(FAMILIES[family]))
    if best is None:
        raise NotAcceptable(
            f"none of the types in Accept ({accept}) is available for this answer; "
            f"use one of: {available(family)}"
        )
    return FAMILIES[family][best]


def wanted(header: str, names: list[str]) -> tuple[str | None, str | None]:
    """The formats for (solutions, a graph) given an Accept header and `format` values, None where none
    fits; 406 before running a query if neither. Kept by value: clients send the same few again and again."""
    return _wanted(header, tuple(names))


@lru_cache(maxsize=256)
def _wanted(header: str, names: tuple[str, ...]) -> tuple[str | None, str | None]:
    accept = parse_accept_header(header, MIMEAccept)
    picks: list[str | None] = []
    refusal: NotAcceptable | None = None
    for family in ("solutions", "graph"):
        try:
            picks.append(choose(family, accept, list(names)))
        except NotAcceptable as error:
            picks.append(None)
            refusal = error
    if refusal is not None and picks == [None, None]:
        raise refusal
    return picks[0], picks[1]
