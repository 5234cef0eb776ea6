"""The parts of the dataset's description (class partitions, distributions and their checksums, linksets,
the datasets we link to, the catalogue and the service) as linked data: each IRI that /dataset's VoID/DCAT
graph describes dereferences to its anchor on /dataset and to its own statements as RDF.

They are not in the store (the build writes them to `void.ttl`, the server adds the catalogue), so
webui.entity.routes asks here before it looks an /id/ path up in the graph.
"""

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from webui import urls
from webui.pages.dataset import void

LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
OWN = ("dataset/", "catalog", "service/")  # the entity paths of the IRIs the description mints (graph.iris)


def _described(path: str) -> tuple[Graph, URIRef] | None:
    """The description and the node at `path`, when the description mints it (the places and licences it
    also types are the graph's or others' things, described elsewhere)."""
    graph = void()
    if graph is None or not path.startswith(OWN) or not urls.SAFE_PATH.match(path):
        return None
    iri = URIRef(urls.entity_iri(path))
    return (graph, iri) if (iri, None, None) in graph else None


def place(path: str) -> str | None:
    """Where /dataset describes the node at `path` (`/dataset#duikou-class-dk-County`), or None when the
    description has no such node."""
    return urls.dataset_anchor(path) if _described(path) else None


def statements(path: str) -> Graph | None:
    """The statements of the node at `path`; None when the description has no such node."""
    return about(urls.entity_iri(path)) if _described(path) else None


def about(node: str) -> Graph | None:
    """What the description says of `node`, out and in, with the blank nodes it points at (a period, a
    publisher) and the labels of what it links to; None without a description."""
    graph, iri = void(), URIRef(node)
    if graph is None:
        return None
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    todo: list[URIRef | BNode] = [iri]
    seen: set = set()
    while todo:  # the node and the blank nodes below it
        node = todo.pop()
        seen.add(node)
        for _, p, o in graph.triples((node, None, None)):
            out.add((node, p, o))
            if isinstance(o, BNode) and o not in seen:
                todo.append(o)
    for s, p, _ in graph.triples((None, None, iri)):
        out.add((s, p, iri))
    for other in set(out.subjects()) | set(out.objects()):
        for label in LABELS:
            for value in graph.objects(other, label):
                out.add((other, label, value))
    return out
