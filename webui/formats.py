"""Pick the response format from a `format` parameter or the `Accept` header (with q-values).

Three families: solutions (SELECT, ASK), graphs (CONSTRUCT, DESCRIBE) and the service description
(RDF or an HTML page). The first media type of each family is its default, for `*/*` or no Accept.
Aliases cover what common clients send (SPARQLWrapper's `format=json`, `application/json`, …).
"""
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import NotAcceptable

from graph.results import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES

SOLUTIONS = {**{t: f for f, t in RESULT_MEDIA_TYPES.items()},
             "application/json": "json", "application/xml": "xml", "text/xml": "xml"}
GRAPHS = {**{t: f for f, t in GRAPH_MEDIA_TYPES.items()},
          "application/turtle": "ttl", "application/x-turtle": "ttl", "text/n3": "ttl", "text/rdf+n3": "ttl",
          "application/x-json+ld": "jsonld", "application/json": "jsonld", "application/xml": "rdf",
          "text/xml": "rdf"}
DESCRIPTION = {"text/turtle": "ttl", "text/html": "html", **GRAPHS}
FAMILIES = {"solutions": SOLUTIONS, "graph": GRAPHS, "description": DESCRIPTION}

# `format` names, per family: (solutions, graph)
NAMES = {"json": ("json", "jsonld"), "xml": ("xml", "rdf"), "csv": ("csv", None), "tsv": ("tsv", None),
         "ttl": (None, "ttl"), "turtle": (None, "ttl"), "n3": (None, "ttl"), "nt": (None, "nt"),
         "ntriples": (None, "nt"), "n-triples": (None, "nt"), "jsonld": (None, "jsonld"),
         "json-ld": (None, "jsonld"), "rdf": (None, "rdf"), "rdf+xml": (None, "rdf"), "rdfxml": (None, "rdf"),
         "html": (None, None)}
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
        raise NotAcceptable(f"format {', '.join(names)} is not available for this answer; "
                            f"use one of: {available(family)}")
    if not accept.provided:
        return next(iter(FAMILIES[family].values()))
    best = accept.best_match(list(FAMILIES[family]))
    if best is None:
        raise NotAcceptable(f"none of the types in Accept ({accept}) is available for this answer; "
                            f"use one of: {available(family)}")
    return FAMILIES[family][best]


def check_any(accept: MIMEAccept, names: list[str]) -> None:
    """Raise 406 before running a query if neither solutions nor a graph could be sent."""
    try:
        choose("solutions", accept, names)
    except NotAcceptable:
        choose("graph", accept, names)
