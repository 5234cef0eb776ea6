"""Linked data: /id/… dereferences with a 303, /page/… is the entity's HTML page, /data/… its RDF.

`GET /id/<path>` answers 303 to `/page/<path>` for browsers and `/data/<path>` for RDF clients, by
Accept (webui.http.formats: `*/*` and no Accept get the page, a type that is neither gets 406). The
target is always built from a path that passed the strict pattern and exists, so it is our own path:
never an open redirect. `/data/<path>.ttl` (`.nt`, `.jsonld`, `.rdf`) chooses by suffix, `/data/<path>`
by Accept (406 if nothing fits), with `Content-Location` naming the suffixed URL served and the data's
licence in a `Link` header. The parts of the dataset's description (webui.pages.dataset_nodes) answer with
their anchor on /dataset and their own statements. Unknown IRIs raise EntityNotFound
(webui.entity.index): a 404 that suggests near matches, as a page for browsers and plain text for others.
"""

from flask import Blueprint, redirect, render_template, request
from rdflib import Graph
from werkzeug.wrappers import Response  # what redirect gives; flask's Response is one

from graph.formats import serialize
from graph.iris import DATA_LICENSE
from webui import data, urls
from webui.entity.index import Entry, lookup, require, valid_path
from webui.entity.jsonld import jsonld
from webui.entity.kinds import extras, order_types, shown_first, templates
from webui.entity.page import assemble, term
from webui.http import conneg
from webui.http.i18n import LANGUAGES
from webui.pages import dataset_nodes, validation
from webui.pages.cite import cite

bp = Blueprint("linked", __name__)
bp.add_app_template_global(term)  # every page writes RDF terms with it
DATASET = "dataset/duikou"  # the dataset's IRI: described by the build's VoID, not by the graph


def _with_language(target: str) -> str:
    lang = request.args.get("lang", "")
    return f"{target}?lang={lang}" if lang in LANGUAGES else target


def find(path: str) -> Entry | None:
    """The entity at `path` in the graph; None for a node that only the dataset's description has (a class
    partition, a distribution …: webui.pages.dataset_nodes); EntityNotFound when neither has it."""
    entry = lookup(path) if valid_path(path) else None
    if entry is None and dataset_nodes.place(path) is None:
        return require(path)  # the 404, with suggestions
    return entry


def _without_slash(prefix: str, path: str) -> Response:
    """`/id/unit/mof/` → 308 to `/id/unit/mof` when that names one of ours (else 404): a trailing slash
    makes another IRI, but one people type; the target is built from a checked path, never an open
    redirect."""
    stem = path.rstrip("/")
    entity = conneg.split_suffix(stem)[0]
    if entity != DATASET:
        find(entity)
    query = request.query_string.decode("latin-1")
    return redirect(prefix + stem + (f"?{query}" if query else ""), code=308)


@bp.get(urls.ID + "<path:path>", merge_slashes=False)
def dereference(path: str) -> Response:
    """303 See Other to the page or the data, by Accept."""
    if path.endswith("/"):
        return _without_slash(urls.ID, path)
    entry = None if path == DATASET else find(path)  # an unknown IRI is a 404 whatever it asks for
    fmt = conneg.page_or_rdf(None)
    if path == DATASET:
        target = urls.DATASET
    elif entry is None:
        target = urls.dataset_anchor(path) if fmt == "html" else urls.data_path(path)
    else:
        target = urls.page_path(entry.path) if fmt == "html" else urls.data_path(entry.path)
    response = redirect(_with_language(target), code=303)
    response.vary.add("Accept")
    return response


@bp.get(urls.PAGE + "<path:path>", merge_slashes=False)
def page(path: str) -> Response:
    """The entity's page: 3 named queries at most (see webui.entity.page), by its most specific template."""
    if path.endswith("/"):
        return _without_slash(urls.PAGE, path)
    entry = find(path) if path != DATASET else None
    if entry is None:
        return redirect(urls.dataset_anchor(path), code=303)
    found = assemble(entry)
    found.types = order_types(found.types)
    found.extras = extras(found)
    found.first = shown_first(found)
    links = conneg.alternates(None, urls.data_path(entry.path))
    html = render_template(
        templates(found),
        page=found,
        jsonld=jsonld(found),
        alternates=links,
        cite=cite(found.label, entry.iri, found.provenance),
        conformance=validation.mark(
            entry.iri, {str(t.term) for t in found.types}, found.predicates["out"], found.predicates["in"]
        ),
    )
    return conneg.html_response(html, links, negotiated=False)


@bp.get(urls.DATA + "<path:path>", merge_slashes=False)
def rdf(path: str) -> Response:
    """The entity's RDF (outgoing and incoming statements with labels, and what the dataset's description
    says of it) by suffix or Accept."""
    if path.endswith("/"):
        return _without_slash(urls.DATA, path)
    stem, suffix = conneg.split_suffix(path)
    if stem == DATASET:
        response = redirect(f"/dataset.{suffix}" if suffix else "/dataset", code=303)
        response.vary.add("Accept")
        return response
    entry = find(stem)
    fmt = conneg.rdf_only(suffix)
    found = data.run("entity-graph", iri=entry.iri).as_graph() if entry else Graph()
    described = dataset_nodes.statements(stem)
    graph = found + described if described is not None else found  # a new graph: `found` is kept
    links = conneg.alternates(urls.page_path(stem), urls.data_path(stem))
    response = conneg.rdf_response(
        serialize(graph, fmt), fmt, urls.data_path(stem, fmt), links, negotiated=suffix is None
    )
    return licensed(response)


def licensed(response: Response) -> Response:
    """Name the data's licence in a `Link: <…>; rel="license"` header (RFC 4946), whatever the format."""
    response.headers["Link"] = f'{response.headers["Link"]}, <{DATA_LICENSE}>; rel="license"'
    return response
