"""The named graphs every store holds: one per source (graph/tables/graphs.csv, the ontology's among them);
queries see their union.

The primary document's graph (graph/source/manifest.csv) holds what the notice states: documents are data.
"""

from pathlib import Path

from graph import dist, iris
from graph.errors import StoreError
from graph.inputs.manifest import primary
from graph.inputs.tables import read_table

DATA_GRAPH = primary().graph
ONTOLOGY_GRAPH = iris.graph("def")
GRAPHS = tuple(iris.graph(row["slug"]) for row in read_table("graphs"))


def built_data(folder: Path) -> Path:
    """The built named graphs' N-Quads file in `folder`, or a StoreError saying to build first."""
    data = Path(folder) / dist.DATA
    if not data.is_file():
        raise StoreError(f"no built graph at {data}: run `duikou build` first")
    return data
