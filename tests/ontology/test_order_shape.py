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


def place(n: int) -> Literal:
    return Literal(n, datatype=XSD.positiveInteger)


def fires_on(focus, prop, shape: str):
    """A row whose mutation `breaks` the `prop` of `focus`, and the one result `shape` must give for it."""
    return lambda name, breaks: row(name, breaks, (shape, focus, prop))


MOST_PLACE = fires_on(MOST_PAIRING, DK.positionOnLine, "AssignmentShape-positionOnLine")
YUDU_PLACE = fires_on(YUDU_FIRST, DK.positionOnLine, "AssignmentShape-positionOnLine")
NDRC_PLACE = fires_on(NDRC, DK.leadPosition, "LeadDepartmentShape-leadPosition")
SECOND_LEAD_PLACE = fires_on(ORGANIZATION_DEPARTMENT, DK.leadPosition, "LeadDepartmentShape-leadPosition")

MUTATIONS = [
    MOST_PLACE("assignment-without-position", drop(MOST_PAIRING, DK.positionOnLine)),
    YUDU_PLACE("assignment-with-two-positions", add((YUDU_FIRST, DK.positionOnLine, place(2)))),
    YUDU_PLACE(
        "assignment-position-zero", replace(YUDU_FIRST, DK.positionOnLine, Literal(0, datatype=XSD.integer))
    ),
    MOST_PLACE("assignment-position-as-text", replace(MOST_PAIRING, DK.positionOnLine, Literal("1"))),
    NDRC_PLACE("lead-without-position", drop(NDRC, DK.leadPosition)),
    SECOND_LEAD_PLACE("lead-with-two-positions", add((ORGANIZATION_DEPARTMENT, DK.leadPosition, place(1)))),
]

__all__ = ["shapes"]  # the session fixture of test_shapes, which the rows are validated against


@pytest.mark.parametrize("mutate, expected", MUTATIONS)
def test_order_shape_fires(built_graph, shapes, mutate, expected):
    shape_fires(built_graph, shapes, mutate, expected)
