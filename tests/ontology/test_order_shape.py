"""The shapes of the notice's order: each assignment has one position on its line, each lead one place among
the leads; every row breaks exactly that and names the result it expects (as the rows of test_shapes)."""

import pytest
from rdflib import XSD, Literal
from test_shapes import MOST_PAIRING, NDRC, SLUG, add, drop, replace, row, shapes
from test_shapes import test_shape_fires as shape_fires  # renamed: pytest would collect it here again

from graph import iris
from graph.namespaces import DK

YUDU_FIRST = iris.assignment(SLUG, "nhc")  # 国家卫生健康委、国家粮食和储备局——于都县: first on line 36
ORGANIZATION_DEPARTMENT = iris.unit("cpc-organization")  # 国家发展改革委、中央组织部作为牵头部门: second

MUTATIONS = [
    row(
        "assignment-without-position",
        drop(MOST_PAIRING, DK.positionOnLine),
        ("AssignmentShape-positionOnLine", MOST_PAIRING, DK.positionOnLine),
    ),
    row(
        "assignment-with-two-positions",
        add((YUDU_FIRST, DK.positionOnLine, Literal(2, datatype=XSD.positiveInteger))),
        ("AssignmentShape-positionOnLine", YUDU_FIRST, DK.positionOnLine),
    ),
    row(
        "assignment-position-zero",
        replace(YUDU_FIRST, DK.positionOnLine, Literal(0, datatype=XSD.integer)),
        ("AssignmentShape-positionOnLine", YUDU_FIRST, DK.positionOnLine),
    ),
    row(
        "assignment-position-as-text",
        replace(MOST_PAIRING, DK.positionOnLine, Literal("1")),
        ("AssignmentShape-positionOnLine", MOST_PAIRING, DK.positionOnLine),
    ),
    row(
        "lead-without-position",
        drop(NDRC, DK.leadPosition),
        ("LeadDepartmentShape-leadPosition", NDRC, DK.leadPosition),
    ),
    row(
        "lead-with-two-positions",
        add((ORGANIZATION_DEPARTMENT, DK.leadPosition, Literal(1, datatype=XSD.positiveInteger))),
        ("LeadDepartmentShape-leadPosition", ORGANIZATION_DEPARTMENT, DK.leadPosition),
    ),
]

__all__ = ["shapes"]  # the session fixture of test_shapes, which the rows are validated against


@pytest.mark.parametrize("mutate, expected", MUTATIONS)
def test_order_shape_fires(built_graph, shapes, mutate, expected):
    shape_fires(built_graph, shapes, mutate, expected)
