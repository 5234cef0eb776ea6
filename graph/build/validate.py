"""Validate a graph against the SHACL shapes (SHACL Core and SHACL-SPARQL only, so any engine agrees).

Two engines give the same results (focus node, path, shape, severity) in the standard sh:ValidationReport:
`rudof` (the default: rudof in Rust, with the range constraints checked in Python) and `pyshacl`, the
reference, kept to check the fast one against (`duikou validate --engine pyshacl`).
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from graph.build.shacl_data import NTriplesData
from graph.build.shacl_results import report_graph, report_text
from graph.errors import ParameterError
from graph.paths import SHAPES

ENGINES = ("rudof", "pyshacl")
DEFAULT_ENGINE = "rudof"


@dataclass(frozen=True)
class Report:
    conforms: bool
    graph: Graph  # the standard sh:ValidationReport
    text: str


@lru_cache(maxsize=4)
def load_shapes(path: Path = SHAPES) -> Graph:
    return Graph().parse(path, format="turtle")


def validate(
    data: Graph | NTriplesData,
    shapes: Graph | None = None,
    *,
    engine: str = DEFAULT_ENGINE,
    ntriples: bytes | None = None,
) -> Report:
    """Validate `data` as it is: the builder materialises every type, so no inference is needed.
    `ntriples`, if given, is `data` already written as N-Triples (the build's dump), which rudof reads;
    NTriplesData is such bytes with no rdflib graph made of them (rudof only)."""
    shapes = shapes if shapes is not None else load_shapes()
    if engine == "pyshacl":
        if isinstance(data, NTriplesData):
            data = Graph().parse(data=data.ntriples, format="nt")
        return _pyshacl(data, shapes)
    if engine != "rudof":
        raise ParameterError(f"no validation engine {engine!r}: one of {', '.join(ENGINES)}")
    from graph.build.shacl_rudof import rudof_results

    results = rudof_results(data, shapes, ntriples)
    graph = report_graph(results, shapes)
    return Report(not results, graph, report_text(graph))


def _pyshacl(data: Graph, shapes: Graph) -> Report:
    import pyshacl

    conforms, report_graph, report_text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", meta_shacl=False, allow_warnings=False
    )
    return Report(bool(conforms), report_graph, report_text)
