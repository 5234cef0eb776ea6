"""The ontology at /def: an HTML page documenting every class and property, and its RDF.

The page comes through the named query `ontology-terms` (so it also works on a remote store). The RDF
(`/def.ttl`, `.nt`, `.jsonld`, `.rdf`, or /def by Accept) is served from `ontology/duikou.ttl` itself:
that file is the published artefact (the Turtle is sent byte for byte, comments and all), it needs no
query that would have to tell ontology triples from data triples in the store's union graph (a GRAPH
clause does not reach named graphs on a remote store queried with default-graph-uri), and it is there
whatever store is used. Term IRIs such as `https://w3id.org/duikou/def#County` land on `/def#County`.
"""

from functools import lru_cache

from flask import Blueprint, g, render_template
from rdflib import Graph, Literal
from rdflib.namespace import OWL

from graph import namespaces
from graph.formats import serialize
from graph.namespaces import compact
from graph.paths import ONTOLOGY
from webui import data, urls
from webui.http import conneg

bp = Blueprint("ontology", __name__)
ONTOLOGY_IRI = str(namespaces.ONTOLOGY)
KINDS = {
    str(OWL.Class): "class",
    str(OWL.ObjectProperty): "object",
    str(OWL.DatatypeProperty): "datatype",
    str(OWL.AnnotationProperty): "annotation",
}


@lru_cache(maxsize=8)
def _rdf(path: str, mtime: float, fmt: str) -> bytes:
    if fmt == "ttl":
        with open(path, "rb") as file:
            return file.read()
    return serialize(Graph().parse(path, format="turtle"), fmt)


def ontology_rdf(fmt: str) -> bytes:
    """The ontology file in `fmt` (parsed and serialised once per format and file version)."""
    return _rdf(str(ONTOLOGY), ONTOLOGY.stat().st_mtime, fmt)


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
