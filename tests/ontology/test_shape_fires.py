"""Every shape fires on bad data: each row of shape_rows_pairing.py and shape_rows_documents.py breaks a
copy of the built graph and must get the results it names.

For speed a mutated graph is validated against the shapes graph cut down to the node shapes of those
results and all they reference (`shape_mutations.shapes_for`): a shape's results do not depend on the other
shapes, and the full run is test_built_graph_conforms. pySHACL's own options are no shortcut: in 0.40
`focus_nodes` also filters the value nodes that sh:node checks (the nested shape passes unchecked), and
`use_shapes` skips the property shapes and sh:node shapes that have IRIs.
"""

import pyshacl
import pytest
from shape_mutations import assert_reported, broken, results, shapes
from shape_rows import MUTATIONS

__all__ = ["shapes"]  # the session fixture, imported for pytest


@pytest.mark.parametrize("mutate, expected", MUTATIONS)
def test_shape_fires(built_graph, shapes, mutate, expected):
    g, part = broken(built_graph, shapes, mutate, expected)
    conforms, report, _ = pyshacl.validate(g, shacl_graph=part, inference="none")
    assert not conforms
    assert_reported(results(report), expected)
