"""The one negotiation every route uses: a format from `format=` (or a suffix), else from `Accept`.

Each route offers one family: solutions (SELECT, ASK), graphs (CONSTRUCT, DESCRIBE, entity data), either
of those with the HTML page first (`/id`, `/def`, `/dataset`, `/queries/NAME`), or the service
description (Turtle first, then the page). The first offer is the default (no Accept) and wins ties,
so browsers and `*/*` get the page where there is one. Accept is weighed by webui.http.accept (q-values,
parameters ignored for matching). Aliases cover what common clients send (`application/json`, …), and
`format` names what SPARQLWrapper and people type (`json`, `turtle`, …).
"""

from functools import lru_cache

from flask import g
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import NotAcceptable

from graph.formats import GRAPH_FORMATS, RESULT_FORMATS
from graph.store.sparql_text import query_form
from webui.http.accept import Offer, best
from webui.http.i18n import other, translate

HTML = (Offer("text/html", "html"), Offer("application/xhtml+xml", "html", alias=True))
SOLUTIONS = (
    *(Offer(spec.media_type, key) for key, spec in RESULT_FORMATS.items()),
    Offer("application/json", "json", alias=True),
    Offer("application/xml", "xml", alias=True),
    Offer("text/xml", "xml", alias=True),
)
GRAPHS = (
    *(Offer(spec.media_type, key) for key, spec in GRAPH_FORMATS.items()),
    *(Offer(t, "ttl", alias=True) for t in ("application/turtle", "application/x-turtle", "text/n3")),
    Offer("text/rdf+n3", "ttl", alias=True),
    Offer("text/plain", "nt", alias=True),  # N-Triples' type before 2014, still rdflib's for it
    Offer("application/x-json+ld", "jsonld", alias=True),
    Offer("application/json", "jsonld", alias=True),
    Offer("application/xml", "rdf", alias=True),
    Offer("text/xml", "rdf", alias=True),
)
FAMILIES = {
    "solutions": SOLUTIONS,
    "graph": GRAPHS,
    "solutions+html": HTML + SOLUTIONS,
    "graph+html": HTML + GRAPHS,
    "description": GRAPHS[:1] + HTML + GRAPHS[1:],
}

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
}
MEDIA_TYPES = {
    **{key: spec.media_type for key, spec in RESULT_FORMATS.items()},
    **{key: spec.media_type for key, spec in GRAPH_FORMATS.items()},
    "html": "text/html",
}


def family_of(text: str) -> str:
    """The family of a query's answer: `graph` for CONSTRUCT and DESCRIBE, else `solutions`."""
    return "graph" if query_form(text) in ("CONSTRUCT", "DESCRIBE") else "solutions"


def media_type(fmt: str) -> str:
    """The Content-Type for a format, with charset=utf-8 for text types."""
    kind = MEDIA_TYPES[fmt]
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


def by_name(family: str, value: str) -> str | None:
    """The format a `format=` value (a name or a media type) stands for in `family`, None if none."""
    value = value.split(";")[0].strip().lower()
    for offer in FAMILIES[family]:
        if value in (offer.media_type, offer.key) or offer.key in NAMES.get(value, ()):
            return offer.key
    return None


def available(family: str) -> str:
    """The formats of a family, for 406 messages: `json (application/sparql-results+json), …`."""
    keys = dict.fromkeys(offer.key for offer in FAMILIES[family])
    return ", ".join(f"{key} ({MEDIA_TYPES[key]})" for key in keys)


def refusal(family: str, accept: MIMEAccept | str, names: list[str]) -> NotAcceptable:
    """The 406 for an answer of `family` that nothing asked for fits, naming the formats that do: one line
    in each language, the request's first (clients of an API seldom say which they read)."""
    key, asked = ("format", ", ".join(names)) if names else ("accept", str(accept))
    first = g.get("lang", "zh")
    lines = [
        f"{translate('notacceptable.' + key, lang).format(asked=asked)}"
        f"{translate('notacceptable.use', lang)} {available(family)}"
        for lang in (first, other(first))
    ]
    return NotAcceptable("\n".join(lines))


def pick(family: str, accept: MIMEAccept | str, names: list[str]) -> str | None:
    """The format for `family`: the first known `format` value, else the best Accept match; None if none
    fits."""
    if names:
        return next((found for name in names if (found := by_name(family, name))), None)
    chosen = best(accept, FAMILIES[family])
    return chosen.key if chosen else None


def choose(family: str, accept: MIMEAccept | str, names: list[str]) -> str:
    """`pick`, or the 406 naming the formats of `family`."""
    fmt = pick(family, accept, names)
    if fmt is None:
        raise refusal(family, accept, names)
    return fmt


@lru_cache(maxsize=256)
def wanted(header: str, names: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The formats for (solutions, a graph) given an Accept header and `format` values, None where none
    fits. Kept by value: clients send the same few again and again."""
    return pick("solutions", header, list(names)), pick("graph", header, list(names))
