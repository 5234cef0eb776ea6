"""Which offered media type a client prefers: RFC 9110 §12.5.1 over werkzeug's parse of `Accept`.

werkzeug parses the header (each media range with its q), but its `best_match` matches a range that has
parameters only with an offer that has the same ones, so `text/turtle;charset=utf-8` or a JSON-LD
`profile` matched nothing and RDF clients were sent HTML or a 406. Here an offer takes the q of the most
specific range that matches it, and parameters other than q never stop a match: a range naming the
offer's own parameters is the most specific, then one without parameters, then one with parameters
the offer lacks, then `type/*`, then `*/*`. q=0 means "not this one". Aliases (`application/json` for
JSON-LD …) are matched by their exact name only, so `*/*` or `application/*` never picks one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header, parse_options_header

Params = frozenset[tuple[str, str]]


def parse(value: str) -> tuple[str, str, Params]:
    """`Text/Plain; Format=flowed` → (`text`, `plain`, {(`format`, `flowed`)}); q is not a parameter."""
    mimetype, params = parse_options_header(value)
    kind, _, subtype = ("*/*" if mimetype == "*" else mimetype).lower().partition("/")
    return kind, subtype, frozenset((k.lower(), v) for k, v in params.items() if k.lower() != "q")


@dataclass(frozen=True)
class Offer:
    """A media type a route can answer with (parameters allowed), and the format it stands for."""

    media_type: str  # `text/turtle`
    key: str  # `ttl`
    alias: bool = False  # matched only by a range naming it exactly, never by a wildcard

    @cached_property
    def parsed(self) -> tuple[str, str, Params]:
        return parse(self.media_type)


@dataclass(frozen=True)
class Range:
    """One media range of an Accept header, parsed, with its q."""

    kind: str
    subtype: str
    params: Params
    q: float


def ranges(accept: MIMEAccept | str) -> list[Range] | None:
    """The media ranges of an Accept header (werkzeug's parse); None when the request sent none."""
    if isinstance(accept, str):
        accept = parse_accept_header(accept, MIMEAccept)
    if not accept.provided:
        return None
    return [Range(*parse(value), float(q)) for value, q in accept if "/" in value or value == "*"]


def specificity(offer: Offer, wanted: Range) -> int:
    """How closely `wanted` names `offer`: 0 not at all, 1 `*/*`, 2 `type/*`, then `type/subtype` with
    parameters the offer lacks (3), with none (4), with only the offer's own (5)."""
    kind, subtype, params = offer.parsed
    if wanted.kind == "*" or (wanted.kind == kind and wanted.subtype == "*"):
        return 0 if offer.alias else 1 if wanted.kind == "*" else 2
    if (wanted.kind, wanted.subtype) != (kind, subtype):
        return 0
    if not wanted.params:
        return 4
    return 5 if wanted.params <= params else 3


def quality(offer: Offer, accepted: list[Range]) -> float:
    """The q the client gives `offer`: that of the most specific range naming it (the highest among
    equally specific ones), 0 if none does."""
    level, q = 0, 0.0
    for wanted in accepted:
        found = specificity(offer, wanted)
        if found > level or (found == level and found and wanted.q > q):
            level, q = found, wanted.q
    return q


def best(accept: MIMEAccept | str, offers: Sequence[Offer]) -> Offer | None:
    """The offer the client prefers (the earliest of equals); the first one when it sent no Accept; None
    when it accepts none of them."""
    accepted = ranges(accept)
    if accepted is None:
        return offers[0] if offers else None
    chosen, top = None, 0.0
    for offer in offers:
        q = quality(offer, accepted)
        if q > top:
            chosen, top = offer, q
    return chosen
