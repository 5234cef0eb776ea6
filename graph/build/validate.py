"""Validate a graph against the SHACL shapes (SHACL Core and SHACL-SPARQL only, so any engine agrees)."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import Graph

from graph.paths import SHAPES


@dataclass(frozen=True)
class Report:
    conforms: bool
    graph: Graph  # the standard sh:ValidationReport
    text: str


@lru_cache(maxsize=4)
def load_shapes(path: Path = SHAPES) -> Graph:
    return Graph().parse(path, format="turtle")


def validate(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate `data` as it is: the builder materialises every type, so no inference is needed."""
    conforms, report_graph, report_text = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        meta_shacl=False,
        allow_warnings=False,
    )
    return Report(bool(conforms), report_graph, report_text)
