"""The dataset: /dataset describes it (from `DIST/void.ttl`), /download/<file> serves the dumps.

The description is the build's VoID/DCAT file, read once per file version, with what this server adds
(webui.pages.dataset_catalog: the catalogue, publisher, contact point and SPARQL service): title,
description, licence, counts per class, and each distribution with its size and SHA-256. It is also RDF
by Accept or suffix (`/dataset.ttl` …), and the page embeds it as a schema.org Dataset. Only the files the
build writes for download (the dumps, void.ttl, the spreadsheets and their CSVW metadata) can be downloaded,
by exact name: nothing else in DIST, and no path ever reaches the disk. /.well-known/void (VoID §7.2) leads
to it.
"""

from functools import lru_cache
from pathlib import Path

from flask import Blueprint, redirect, render_template, send_file
from rdflib import Graph
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from graph.build.sheet_files import file_names, metadata_name
from graph.formats import DATASET_FORMATS, FORMATS, SHEET_FORMATS, serialize
from webui import urls
from webui.http import conneg
from webui.http.i18n import pick
from webui.pages.cite import cite_dataset
from webui.pages.dataset_catalog import with_catalog
from webui.pages.dataset_description import describe, schema_dataset
from webui.pages.dataset_sheets import sheet_href, sheet_names, sheets, sheets_anchor
from webui.pages.ontology import term_labels
from webui.state import current

bp = Blueprint("dataset", __name__)
DUMPS = ("duikou.ttl", "duikou.nt", "duikou.jsonld", "duikou.rdf", "duikou.nq", "duikou.trig", "void.ttl")
SHEETS = file_names()  # the spreadsheets and the CSVW metadata of each CSV
DOWNLOADS = DUMPS + SHEETS


def _built(name: str) -> Path | None:
    """The file `name` of the build in DIST, or None without a build."""
    build = current().build
    return build.path(name) if build else None


@lru_cache(maxsize=4)
def _void(path: str, mtime: float) -> Graph:
    return Graph().parse(path, format="turtle")


@lru_cache(maxsize=8)
def _served(path: str, mtime: float, publisher: str, contact: str, endpoint: str) -> Graph:
    return with_catalog(_void(path, mtime), publisher, contact, endpoint)


def void() -> Graph | None:
    """The build's VoID graph with what this server adds, or None when DIST has none (a remote store served
    without a build)."""
    path = _built("void.ttl")
    if path is None or not path.is_file():
        return None
    settings = current().settings
    return _served(
        str(path),
        path.stat().st_mtime,
        settings["PUBLISHER"],
        settings["CONTACT_URL"],
        urls.public_url(urls.SPARQL),
    )


@bp.get(urls.DATASET)
@bp.get(urls.DATASET + ".<any(ttl, nt, jsonld, rdf):suffix>")
def dataset(suffix: str | None = None):
    """The dataset page, or its VoID/DCAT description in an RDF format."""
    fmt = conneg.page_or_rdf(suffix)
    graph = void()
    links = conneg.alternates(urls.DATASET, urls.DATASET)
    if fmt != "html":
        if graph is None:
            raise NotFound("this server has no dataset description: it serves no build of its own")
        body = serialize(graph, fmt)
        return conneg.rdf_response(body, fmt, f"{urls.DATASET}.{fmt}", links, negotiated=suffix is None)
    described = describe(graph, current().settings["BASE_IRI"], DOWNLOADS) if graph is not None else None
    html = render_template(
        "pages/dataset.html",
        dataset=described,
        alternates=links,
        labels=term_labels() if described else {},
        jsonld=schema_dataset(described) if described else None,
        sheets=sheets(described),
        cite=cite_dataset(pick(described["title"]), described["iri"]) if described else None,
        sheet_names=sheet_names(),
    )
    response = conneg.html_response(html, links)
    if described is None:
        response.status_code = 404
    return response


@bp.app_context_processor
def sheet_links() -> dict:
    """The templates' links to the spreadsheets (the home page offers the pairings)."""
    return {"sheet_href": sheet_href, "sheets_anchor": sheets_anchor}


@bp.get(urls.VOID_WELL_KNOWN)
def well_known_void() -> Response:
    """VoID §7.2: the site's VoID description is found here; /dataset answers by Accept."""
    return redirect(urls.DATASET, code=303)


@bp.get(urls.DOWNLOAD + "<name>")
def download(name: str):
    """One of the dumps the build writes, by exact name, with its media type."""
    if name not in DOWNLOADS:
        raise NotFound(f"no download named {name!r}; there are: {', '.join(DOWNLOADS)}")
    path = _built(name)
    if path is None or not path.is_file():
        raise NotFound(f"{name} is not available: this server has no build of its own")
    # the bare type: werkzeug adds `; charset=utf-8` to a text type itself (once)
    formats = SHEET_FORMATS if name in SHEETS else {**FORMATS, **DATASET_FORMATS}
    kind = formats[path.suffix.removeprefix(".")].media_type
    response = send_file(path, mimetype=kind, conditional=True, etag=True, max_age=3600)
    if name.endswith(".csv"):  # CSVW §5.3: the metadata that describes a CSV, linked from its answer
        target, kind = urls.DOWNLOAD + metadata_name(name), SHEET_FORMATS["json"].media_type
        response.headers.add("Link", f'<{target}>; rel="describedby"; type="{kind}"')
    return response
