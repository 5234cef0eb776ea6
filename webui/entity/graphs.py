"""The named graphs as linked data: `https://w3id.org/duikou/graph/{slug}` answers at /graph/{slug}.

A graph's IRI names a document (the statements of one source), so it answers itself, as /def does, rather
than with a 303: its page for browsers, its description as RDF by Accept or suffix (`/graph/def.ttl`): the
titles, sources, publishers and licence the data states (graph/tables/graphs.csv), its size and dump from
the build. /download/graph/{slug}.nt is its statements alone, as N-Triples, cut from the build's N-Quads
(the ontology's graph holds ontology/duikou.ttl, which /def.ttl serves).
"""

import re
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, render_template
from rdflib import Graph, URIRef
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from graph.formats import serialize
from graph.paths import ONTOLOGY
from graph.store.dataset import GRAPHS, ONTOLOGY_GRAPH
from graph.store.quads import read_graphs
from webui import data, urls
from webui.entity.index import EntityNotFound, lookup
from webui.entity.jsonld import jsonld
from webui.entity.kinds import order_types, templates
from webui.entity.page import assemble
from webui.entity.routes import licensed
from webui.http import conneg
from webui.pages import dataset_nodes, validation
from webui.pages.cite import cite
from webui.state import current

bp = Blueprint("graphs", __name__)
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def graph_iri(slug: str) -> str:
    return urls.base_iri() + urls.GRAPH[1:] + slug


def size(iri: str) -> int | None:
    """The graph's triples, as the build recorded them (0 for a graph of graphs.csv it left empty), or
    None without a build or for a graph that is not ours. The ontology's graph is its file's."""
    build = current().build
    if iri == str(ONTOLOGY_GRAPH):
        return _ontology_size(str(ONTOLOGY), ONTOLOGY.stat().st_mtime)
    if build is None or URIRef(iri) not in GRAPHS:
        return None
    return int(build.record.get("graphs", {}).get(iri, 0))


@lru_cache(maxsize=2)
def _ontology_size(path: str, mtime: float) -> int:
    return len(Graph().parse(path, format="turtle"))


def dump_link(slug: str, iri: str) -> tuple[str, str] | None:
    """Where the graph's statements are, and their media type: the ontology's file, or the build's cut."""
    if iri == str(ONTOLOGY_GRAPH):
        return urls.DEF + ".ttl", "text/turtle"
    return (urls.graph_dump_path(slug), "application/n-triples") if size(iri) is not None else None


@bp.get(urls.GRAPH + "<name>")
def named_graph(name: str) -> Response:
    """The graph's page, or its description in an RDF format."""
    slug, suffix = conneg.split_suffix(name)
    iri = graph_iri(slug)
    entry = lookup(urls.GRAPH[1:] + slug, iri) if SLUG.fullmatch(slug) else None
    if entry is None:
        raise EntityNotFound(urls.GRAPH[1:] + slug, checked=False)
    fmt = conneg.page_or_rdf(suffix)
    links = conneg.alternates(urls.graph_path(slug), urls.graph_path(slug))
    if fmt != "html":
        graph = data.run("entity-graph", iri=iri).as_graph() + (dataset_nodes.about(iri) or Graph())
        served = urls.graph_path(slug, fmt)
        return licensed(conneg.rdf_response(serialize(graph, fmt), fmt, served, links, suffix is None))
    found = assemble(entry)
    found.types = order_types(found.types)
    found.extras = {"size": size(iri), "dump": dump_link(slug, iri)}
    html = render_template(
        templates(found),
        page=found,
        jsonld=jsonld(found),
        alternates=links,
        cite=cite(found.label, iri),
        conformance=validation.mark(
            iri, {str(t.term) for t in found.types}, found.predicates["out"], found.predicates["in"]
        ),
    )
    return conneg.html_response(html, links)


@lru_cache(maxsize=2)
def _graphs(path: str, mtime: float) -> dict[str | None, bytes]:
    """Every graph of the build's N-Quads as N-Triples, read once per file version for all of them."""
    return read_graphs(Path(path))


@bp.get(urls.DOWNLOAD + "graph/<name>")
def dump(name: str) -> Response:
    """The graph's statements as N-Triples, in the build's order."""
    slug = name.removesuffix(".nt")
    build, iri = current().build, graph_iri(slug)
    if build is None or not name.endswith(".nt") or not SLUG.fullmatch(slug) or URIRef(iri) not in GRAPHS:
        raise NotFound(f"no named graph {name!r} in this server's build")
    body = _graphs(str(build.data_file), build.data_file.stat().st_mtime).get(iri, b"")
    return Response(body, mimetype="application/n-triples")
