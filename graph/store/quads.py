"""Read the build's named graphs (`dist/duikou.nq`) with Oxigraph's parser: graph by graph, or as one union.

rdflib reads N-Quads too, but more slowly and with warnings of its own deprecations; the graphs' contents
go on as N-Triples, which every part of the project reads.
"""

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph


def read_graphs(quads: Path) -> dict[str | None, bytes]:
    """Each graph of an N-Quads file as N-Triples, by graph IRI (None: the default graph), in IRI order."""
    triples: dict[str | None, list[ox.Triple]] = {}
    for quad in ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS, lenient=True):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
        triples.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return {
        name: ox.serialize(triples[name], format=ox.RdfFormat.N_TRIPLES) or b""
        for name in sorted(triples, key=lambda name: name or "")
    }


def read_union(quads: Path) -> Graph:
    """The union of the graphs of an N-Quads file (any default-graph triples too), as one rdflib graph."""
    union = Graph()
    for body in read_graphs(quads).values():
        union.parse(data=body, format="nt")
    return union
