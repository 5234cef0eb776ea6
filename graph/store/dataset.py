"""The named graphs every store holds: the built data and the ontology; queries see their union."""

from pathlib import Path

from rdflib import URIRef

from graph import dist
from graph.errors import StoreError

DATA_GRAPH = URIRef("https://w3id.org/duikou/graph/guobanfa-2021-15")
ONTOLOGY_GRAPH = URIRef("https://w3id.org/duikou/graph/def")
GRAPHS = (DATA_GRAPH, ONTOLOGY_GRAPH)


def built_data(folder: Path) -> Path:
    """The built graph's N-Triples file in `folder`, or a StoreError saying to build first."""
    data = Path(folder) / dist.DATA
    if not data.is_file():
        raise StoreError(f"no built graph at {data}: run `duikou build` first")
    return data
