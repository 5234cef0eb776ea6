"""The linked-data routes' representations: an HTML page or one of four RDF formats, and their headers.

A format suffix (`.ttl`, `.nt`, `.jsonld`, `.rdf`) always wins; otherwise `Accept` decides
(webui.http.formats, the one negotiation of every route), HTML first on a tie, so `*/*` and no Accept
get the page. Every representation names the others in a `Link: <…>; rel="alternate"; type="…"` header,
and the page in `<link rel="alternate">`.
"""

from flask import Response, make_response, request

from graph.formats import GRAPH_FORMATS
from webui.http.formats import choose, media_type

SUFFIXES = tuple(GRAPH_FORMATS)  # ttl, nt, jsonld, rdf
TITLES = {"html": "HTML", **{key: spec.title for key, spec in GRAPH_FORMATS.items()}}


def page_or_rdf(suffix: str | None) -> str:
    """The format of a thing that is a page and RDF (/id, /def, /dataset): its suffix's, else the best of
    Accept (`html` or an RDF format); 406 naming them when none is acceptable."""
    return suffix or choose("graph+html", request.accept_mimetypes, [])


def rdf_only(suffix: str | None) -> str:
    """The RDF format of /data: its suffix's, else the best of Accept; 406 naming them when none fits."""
    return suffix or choose("graph", request.accept_mimetypes, [])


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
