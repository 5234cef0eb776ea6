"""Content negotiation for the linked-data routes: an HTML page or one of four RDF formats.

A format suffix (`.ttl`, `.nt`, `.jsonld`, `.rdf`) always wins; otherwise `Accept` decides, with
q-values, HTML first on a tie (so `*/*` and no Accept get the page). Every representation names the
others in a `Link: <…>; rel="alternate"; type="…"` header, and the page in `<link rel="alternate">`.
"""

from flask import Response, make_response, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import NotAcceptable

from graph.formats import GRAPH_FORMATS
from webui.http.formats import media_type

SUFFIXES = tuple(GRAPH_FORMATS)  # ttl, nt, jsonld, rdf
HTML = {"text/html": "html", "application/xhtml+xml": "html"}
# the four RDF types first (their order breaks ties), then what common clients send for them
RDF = {
    **{spec.media_type: key for key, spec in GRAPH_FORMATS.items()},
    "application/x-turtle": "ttl",
    "text/n3": "ttl",
    "application/json": "jsonld",
    "application/xml": "rdf",
    "text/xml": "rdf",
}
TITLES = {"html": "HTML", **{key: spec.title for key, spec in GRAPH_FORMATS.items()}}


def negotiate(accept: MIMEAccept, html: bool = True) -> str | None:
    """`html`, an RDF format name, or None when nothing offered is acceptable."""
    offers = {**HTML, **RDF} if html else RDF
    if not accept.provided:
        return next(iter(offers.values()))
    best = accept.best_match(list(offers))
    return offers[best] if best else None


def page_or_rdf(suffix: str | None) -> str:
    """The format of a page that is also RDF (/def, /dataset): its suffix's, else the best of Accept
    (`html` or an RDF format); 406 when nothing offered is acceptable."""
    fmt = suffix or negotiate(request.accept_mimetypes)
    if fmt is None:
        raise NotAcceptable("ask for text/html or an RDF type: " + ", ".join(RDF))
    return fmt


def split_suffix(path: str) -> tuple[str, str | None]:
    """`unit/ndrc.ttl` → (`unit/ndrc`, `ttl`); a path without a known suffix is returned whole."""
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in SUFFIXES and stem:
        return stem, suffix
    return path, None


def alternates(page: str | None, data: str) -> list[tuple[str, str, str]]:
    """(href, media type, title) of every representation: the page, then `data` + each suffix."""
    found = [(page, "text/html", TITLES["html"])] if page else []
    return found + [(f"{data}.{fmt}", GRAPH_FORMATS[fmt].media_type, TITLES[fmt]) for fmt in SUFFIXES]


def link_header(links: list[tuple[str, str, str]]) -> str:
    """The `Link` header value naming each alternate representation."""
    return ", ".join(f'<{href}>; rel="alternate"; type="{kind}"' for href, kind, _ in links)


def rdf_response(body: bytes, fmt: str, served: str, links: list, negotiated: bool) -> Response:
    """A 200 with the RDF body, its type, `Content-Location` (the suffixed URL served) and alternates."""
    response = Response(body, content_type=media_type(fmt))
    response.headers["Content-Location"] = served
    response.headers["Link"] = link_header(links)
    if negotiated:
        response.vary.add("Accept")
    return response


def html_response(html: str, links: list, negotiated: bool = True) -> Response:
    """A 200 HTML page naming its RDF alternates in `Link` (and varying with Accept when negotiated)."""
    response = make_response(html)
    response.headers["Link"] = link_header(links)
    if negotiated:
        response.vary.add("Accept")
    return response
