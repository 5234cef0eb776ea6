"""The ontology at /def: an HTML page documenting every class and property, and its RDF.

The page comes through the named query `ontology-terms` (so it also works on a remote store). The RDF
(`/def.ttl`, `.nt`, `.jsonld`, `.rdf`, or /def by Accept) is served from `ontology/duikou.ttl` itself:
that file is the published artefact (the Turtle is sent byte for byte, comments and all), it needs no
query that would have to tell ontology triples from data triples in the store's union graph (a GRAPH
clause does not reach named graphs on a remote store queried with default-graph-uri), and it is there
whatever store is used. Term IRIs such as `https://w3id.org/duikou/def#County` land on `/def#County`; the
version IRI (`/def/0.1.0`) on /def while it is the current version. The SHACL shapes answer at /shapes the
same way (their page is the validation report, with an anchor per shape).
"""

from functools import lru_cache
from pathlib import Path

from flask import Blueprint, g, redirect, render_template
from rdflib import Graph, Literal
from rdflib.namespace import OWL
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from graph import namespaces
from graph.formats import serialize
from graph.namespaces import compact
from graph.paths import ONTOLOGY, SHAPES
from webui import data, urls
from webui.http import conneg

bp = Blueprint("ontology", __name__)
ONTOLOGY_IRI_REF = namespaces.ONTOLOGY
ONTOLOGY_IRI = str(ONTOLOGY_IRI_REF)
KINDS = {
    str(OWL.Class): "class",
    str(OWL.ObjectProperty): "object",
    str(OWL.DatatypeProperty): "datatype",
    str(OWL.AnnotationProperty): "annotation",
}


@lru_cache(maxsize=16)
def _rdf(path: str, mtime: float, fmt: str) -> bytes:
    if fmt == "ttl":
        with open(path, "rb") as file:
            return file.read()
    return serialize(Graph().parse(path, format="turtle"), fmt)


@lru_cache(maxsize=2)
def _version(path: str, mtime: float) -> str:
    return str(Graph().parse(path, format="turtle").value(ONTOLOGY_IRI_REF, OWL.versionInfo))


def ontology_rdf(fmt: str, path: Path = ONTOLOGY) -> bytes:
    """The ontology file (or the shapes file) in `fmt` (parsed and serialised once per format and file
    version)."""
    return _rdf(str(path), path.stat().st_mtime, fmt)


def terms() -> tuple[dict, list[dict]]:
    """The ontology's own description and its terms, each a dict of key → values, sorted by kind and name."""
    found: dict[str, dict] = {}
    for row in data.rows("ontology-terms"):
        term = found.setdefault(str(row["term"]), {"iri": str(row["term"]), "values": {}})
        label = str(row["valueLabel"]) if "valueLabel" in row else None
        term["values"].setdefault(str(row["key"]), []).append((row["value"], label))
    header = found.pop(ONTOLOGY_IRI, {"iri": ONTOLOGY_IRI, "values": {}})
    for term in found.values():
        types = [str(v) for v, _ in term["values"].get("type", [])]
        term["kind"] = next((KINDS[t] for t in types if t in KINDS), "other")
        term["name"] = term["iri"].rsplit("#", 1)[-1]
    order = [*KINDS.values(), "other"]
    return header, sorted(found.values(), key=lambda t: (order.index(t["kind"]), t["name"].lower()))


def term_labels() -> dict[str, str]:
    """Each term's label in the request's language, for other pages (validation targets)."""
    lang = g.get("lang", "zh")
    labels = {}
    for term in terms()[1]:
        for value, _ in term["values"].get("label", []):
            if isinstance(value, Literal) and value.language == lang:
                labels[term["iri"]] = str(value)
    return labels


def localised(values: list) -> dict[str, str]:
    """{language: text} from a list of (literal, label) pairs."""
    return {v.language or "": str(v) for v, _ in values if isinstance(v, Literal)}


@bp.get(urls.DEF)
@bp.get(urls.DEF + ".<any(ttl, nt, jsonld, rdf):suffix>")
def ontology(suffix: str | None = None):
    """The ontology: HTML documentation by default, RDF by suffix or Accept."""
    fmt = conneg.page_or_rdf(suffix)
    links = conneg.alternates(urls.DEF, urls.DEF)
    if fmt != "html":
        return conneg.rdf_response(
            ontology_rdf(fmt), fmt, f"{urls.DEF}.{fmt}", links, negotiated=suffix is None
        )
    header, found = terms()
    html = render_template(
        "pages/def.html", header=header, terms=found, compact=compact, localised=localised, alternates=links
    )
    return conneg.html_response(html, links)


@bp.get(urls.DEF + "/<version>")
def version(version: str) -> Response:
    """The ontology's owl:versionIRI (`/def/0.1.0`) leads to /def while it names the current version; no
    other version is kept, so any other is a 404 that says so."""
    current = _version(str(ONTOLOGY), ONTOLOGY.stat().st_mtime)
    if version != current:
        raise NotFound(f"only the current version of the ontology, {current}, is served, at {urls.DEF}")
    return redirect(urls.DEF, code=303)


@bp.get(urls.SHAPES)
@bp.get(urls.SHAPES + ".<any(ttl, nt, jsonld, rdf):suffix>")
def shapes(suffix: str | None = None) -> Response:
    """The SHACL shapes: ontology/shapes.ttl as RDF by suffix or Accept; for people, the validation page,
    which has an anchor per shape (`/shapes#CountyShape` → `/validation#CountyShape`)."""
    fmt = conneg.page_or_rdf(suffix)
    links = conneg.alternates(urls.VALIDATION, urls.SHAPES)
    if fmt == "html":
        response = redirect(urls.VALIDATION, code=303)
        response.vary.add("Accept")
        return response
    body = ontology_rdf(fmt, SHAPES)
    return conneg.rdf_response(body, fmt, f"{urls.SHAPES}.{fmt}", links, negotiated=suffix is None)
