"""The rows that break the notice's order (test_shape_fires.py runs them): each assignment has one position on
its line, each lead one place among the leads."""

from rdflib import XSD, Literal
from shape_mutations import MOST_PAIRING, NDRC, SLUG, add, drop, replace, row

from graph import iris
from graph.namespaces import DK

YUDU_FIRST = iris.assignment(SLUG, "nhc")  # 国家卫生健康委、国家粮食和储备局——于都县: first on line 36
ORGANIZATION_DEPARTMENT = iris.unit("cpc-organization")  # 国家发展改革委、中央组织部作为牵头部门: second
ON_LINE, AMONG_LEADS = "AssignmentShape-positionOnLine", "LeadDepartmentShape-leadPosition"


def place(n: int, datatype=XSD.positiveInteger) -> Literal:
    return Literal(n, datatype=datatype)


ORDER_ROWS = [
    row("assignment-without-position", drop(MOST_PAIRING, DK.positionOnLine), ON_LINE),
    row("assignment-with-two-positions", add((YUDU_FIRST, DK.positionOnLine, place(2))), ON_LINE),
    row("assignment-position-zero", replace(YUDU_FIRST, DK.positionOnLine, place(0, XSD.integer)), ON_LINE),
    row("assignment-position-as-text", replace(MOST_PAIRING, DK.positionOnLine, Literal("1")), ON_LINE),
    row("lead-without-position", drop(NDRC, DK.leadPosition), AMONG_LEADS),
    row("lead-with-two-positions", add((ORGANIZATION_DEPARTMENT, DK.leadPosition, place(1))), AMONG_LEADS),
]
