"""Every shape fires on bad data: each row of shape_rows_pairing.py and shape_rows_documents.py breaks a
copy of the built graph and must get the results it names.

For speed a mutated graph is validated against the shapes graph cut down to the node shapes of those
results and all they reference (`shapes_for`): a shape's results do not depend on the other shapes, and the
full run is test_built_graph_conforms. pySHACL's own options are no shortcut: in 0.40 `focus_nodes` also
filters the value nodes that sh:node checks (the nested shape passes unchecked), and `use_shapes` skips the
property shapes and sh:node shapes that have IRIs.
"""

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from shape_mutations import DKS, results, shapes
from shape_rows import MUTATIONS

__all__ = ["shapes"]  # the session fixture, imported for pytest


def owner(shapes: Graph, shape: URIRef) -> URIRef:
    """The node shape that `shape` is a property shape of, or `shape` itself."""
    return shapes.value(None, SH.property, shape) or shape


def shapes_for(shapes: Graph, roots: set[URIRef]) -> Graph:
    """The part of `shapes` that describes `roots`: their triples and those of every node they lead to."""
    part, todo, seen = Graph(), list(roots), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            part.add((node, p, o))
            todo.append(o)
    return part


@pytest.mark.parametrize("mutate, expected", MUTATIONS)
def test_shape_fires(built_graph, shapes, mutate, expected):
    g = Graph()
    g += built_graph
    mutate(g)
    part = shapes_for(shapes, {owner(shapes, DKS[name]) for name, _, _ in expected})
    conforms, report, _ = pyshacl.validate(g, shacl_graph=part, inference="none")
    found = results(report)
    assert not conforms
    for name, node, path in expected:
        hit = any(shape == DKS[name] and f == node and path in (None, p) for shape, f, p in found)
        assert hit, f"no result from {name} on {node} {path or ''}; found: {sorted(found)}"
