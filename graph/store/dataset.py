"""The named graphs every store holds: the built data and the ontology; queries see their union.

The data's graph is the manifest's primary document's (graph/source/manifest.csv): documents are data.
"""

from pathlib import Path

from rdflib import URIRef

from graph import dist
from graph.errors import StoreError
from graph.inputs.manifest import primary
from graph.namespaces import BASE

DATA_GRAPH = primary().graph
ONTOLOGY_GRAPH = URIRef(BASE + "graph/def")
GRAPHS = (DATA_GRAPH, ONTOLOGY_GRAPH)


def built_data(folder: Path) -> Path:
    """The built graph's N-Triples file in `folder`, or a StoreError saying to build first."""
    data = Path(folder) / dist.DATA
    if not data.is_file():
        raise StoreError(f"no built graph at {data}: run `duikou build` first")
    return data
