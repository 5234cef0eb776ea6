"""Linked data: /id/… dereferences with a 303, /page/… is the entity's HTML page, /data/… its RDF.

`GET /id/<path>` answers 303 to `/page/<path>` for browsers and `/data/<path>` for RDF clients, by
Accept (webui.http.formats: `*/*` and no Accept get the page, a type that is neither gets 406). The
target is always built from a path that passed the strict pattern and exists, so it is our own path:
never an open redirect. `/data/<path>.ttl` (`.nt`, `.jsonld`, `.rdf`) chooses by suffix, `/data/<path>`
by Accept (406 if nothing fits), with `Content-Location` naming the suffixed URL served. Unknown IRIs
raise EntityNotFound (webui.entity.index): a 404 that suggests near matches, as a page for browsers and
plain text for others.
"""

from flask import Blueprint, redirect, render_template, request
from werkzeug.wrappers import Response  # what redirect gives; flask's Response is one

from graph.formats import serialize
from webui import data, urls
from webui.entity.cite import cite
from webui.entity.index import require
from webui.entity.jsonld import jsonld
from webui.entity.kinds import extras, order_types, templates
from webui.entity.page import assemble, term
from webui.http import conneg
from webui.http.i18n import LANGUAGES
from webui.pages import validation

bp = Blueprint("linked", __name__)
bp.add_app_template_global(term)  # every page writes RDF terms with it
DATASET = "dataset/duikou"  # the dataset's IRI: described by the build's VoID, not by the graph


def _with_language(target: str) -> str:
    lang = request.args.get("lang", "")
    return f"{target}?lang={lang}" if lang in LANGUAGES else target


def _without_slash(prefix: str, path: str) -> Response:
    """`/id/unit/mof/` → 308 to `/id/unit/mof` when that names one of ours (else 404): a trailing slash
    makes another IRI, but one people type; the target is built from a checked path, never an open
    redirect."""
    stem = path.rstrip("/")
    entity = conneg.split_suffix(stem)[0]
    if entity != DATASET:
        require(entity)
    query = request.query_string.decode("latin-1")
    return redirect(prefix + stem + (f"?{query}" if query else ""), code=308)


@bp.get(urls.ID + "<path:path>", merge_slashes=False)
def dereference(path: str) -> Response:
    """303 See Other to the page or the data, by Accept."""
    if path.endswith("/"):
        return _without_slash(urls.ID, path)
    entry = None if path == DATASET else require(path)  # an unknown IRI is a 404 whatever it asks for
    fmt = conneg.page_or_rdf(None)
    if entry is None:
        target = "/dataset"
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
    if path == DATASET:
        return redirect("/dataset", code=303)
    entry = require(path)
    found = assemble(entry)
    found.types = order_types(found.types)
    found.extras = extras(found)
    links = conneg.alternates(None, urls.data_path(entry.path))
    html = render_template(
        templates(found),
        page=found,
        jsonld=jsonld(found),
        alternates=links,
        cite=cite(found.label, entry.iri),
        conformance=validation.mark(
            entry.iri, {str(t.term) for t in found.types}, found.predicates["out"], found.predicates["in"]
        ),
    )
    return conneg.html_response(html, links, negotiated=False)


@bp.get(urls.DATA + "<path:path>", merge_slashes=False)
def rdf(path: str) -> Response:
    """The entity's RDF (outgoing and incoming statements with labels) by suffix or Accept."""
    if path.endswith("/"):
        return _without_slash(urls.DATA, path)
    stem, suffix = conneg.split_suffix(path)
    if stem == DATASET:
        response = redirect(f"/dataset.{suffix}" if suffix else "/dataset", code=303)
        response.vary.add("Accept")
        return response
    entry = require(stem)
    fmt = conneg.rdf_only(suffix)
    graph = data.run("entity-graph", iri=entry.iri).as_graph()
    links = conneg.alternates(urls.page_path(entry.path), urls.data_path(entry.path))
    return conneg.rdf_response(
        serialize(graph, fmt), fmt, urls.data_path(entry.path, fmt), links, negotiated=suffix is None
    )
