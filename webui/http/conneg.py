"""Content negotiation for the linked-data routes: an HTML page or one of four RDF formats.

A format suffix (`.ttl`, `.nt`, `.jsonld`, `.rdf`) always wins; otherwise `Accept` decides, with
q-values, HTML first on a tie (so `*/*` and no Accept get the page). Every representation names the
others in a `Link: <…>; rel="alternate"; type="…"` header, and the page in `<link rel="alternate">`.
"""

import json

from flask import Response, make_response, request
from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import NotAcceptable

from graph.namespaces import PREFIXES, bind_prefixes
from graph.store.writers import GRAPH_MEDIA_TYPES, RDFLIB_FORMATS
from webui.http.formats import media_type

SUFFIXES = tuple(GRAPH_MEDIA_TYPES)  # ttl, nt, jsonld, rdf
HTML = {"text/html": "html", "application/xhtml+xml": "html"}
# the four RDF types first (their order breaks ties), then what common clients send for them
RDF = {
    **{kind: fmt for fmt, kind in GRAPH_MEDIA_TYPES.items()},
    "application/x-turtle": "ttl",
    "text/n3": "ttl",
    "application/json": "jsonld",
    "application/xml": "rdf",
    "text/xml": "rdf",
}
TITLES = {"html": "HTML", "ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "rdf": "RDF/XML"}


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


def wants_html() -> bool:
    """True when the client names text/html itself (a browser), not merely through */*."""
    accept = request.accept_mimetypes
    named = any(kind in HTML and quality > 0 for kind, quality in accept)
    return named and accept.best_match(["text/html", "text/plain"]) == "text/html"


def alternates(page: str | None, data: str) -> list[tuple[str, str, str]]:
    """(href, media type, title) of every representation: the page, then `data` + each suffix."""
    found = [(page, "text/html", TITLES["html"])] if page else []
    return found + [(f"{data}.{fmt}", GRAPH_MEDIA_TYPES[fmt], TITLES[fmt]) for fmt in SUFFIXES]


def link_header(links: list[tuple[str, str, str]]) -> str:
    """The `Link` header value naming each alternate representation."""
    return ", ".join(f'<{href}>; rel="alternate"; type="{kind}"' for href, kind, _ in links)


def serialize(graph: Graph, fmt: str) -> bytes:
    """The graph in `fmt`, with the project's prefixes (readable Turtle, a compact JSON-LD context)."""
    graph = stable_blank_nodes(graph)
    bind_prefixes(graph)
    if fmt == "jsonld":
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        return stable_json(graph.serialize(format="json-ld", context=context, encoding="utf-8"))
    return graph.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")


def stable_blank_nodes(graph: Graph) -> Graph:
    """The graph with its blank nodes named from their content (`_:cb0`…): a parser names them at random,
    so each web worker would write other labels for the same answer (and one strong ETag)."""
    if not any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph
    named = Graph()
    for triple in to_canonical_graph(graph):
        named.add(triple)
    return named


def stable_json(body: bytes) -> bytes:
    """JSON-LD in one order: rdflib's follows Python's string hashing, which changes with each process,
    while a strong ETag promises the same bytes. Keys and the members of unordered arrays are sorted
    (not those of an `@list`, whose order is data)."""

    def ordered(node, key=None):
        if isinstance(node, dict):
            return {k: ordered(v, k) for k, v in node.items()}
        if isinstance(node, list):
            items = [ordered(item) for item in node]
            return items if key == "@list" else sorted(items, key=lambda i: json.dumps(i, sort_keys=True))
        return node

    return json.dumps(ordered(json.loads(body)), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


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
