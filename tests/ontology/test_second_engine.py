"""A second SHACL engine, rudof (pyrudof, written in Rust), agrees with pySHACL: the built graph conforms, and
each row of shape_rows.py gets the same results (shape, focus node, path) that test_shape_fires.py asks of
pySHACL.

rudof 0.3 supports every feature the shapes use (SHACL Core and SHACL-SPARQL's sh:sparql), so no row is
skipped. One error of rudof's is left out of the comparison, and only where it is that error (known_error):
it compares a range bound (`sh:minInclusive 1`, an xsd:integer) only with values of the bound's own
datatype, so "3"^^xsd:positiveInteger fails it, though every xsd:positiveInteger is an xsd:integer (XML
Schema 2, §3.3.25); our positions (dk:positionOnLine, dk:leadPosition) are xsd:positiveInteger.
"""

import pyrudof
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from shape_mutations import assert_reported, broken, shapes
from shape_rows import MUTATIONS

__all__ = ["shapes"]  # the session fixture, imported for pytest

BOUNDS = {  # each range constraint component: its parameter, and when a value satisfies it
    SH.MinInclusiveConstraintComponent: (SH.minInclusive, lambda value, bound: value >= bound),
    SH.MaxInclusiveConstraintComponent: (SH.maxInclusive, lambda value, bound: value <= bound),
    SH.MinExclusiveConstraintComponent: (SH.minExclusive, lambda value, bound: value > bound),
    SH.MaxExclusiveConstraintComponent: (SH.maxExclusive, lambda value, bound: value < bound),
}
DERIVED_INTEGERS = {XSD.positiveInteger, XSD.nonNegativeInteger, XSD.int, XSD.long, XSD.short, XSD.byte}


def rudof_results(data: Graph, shapes: Graph) -> set[tuple]:
    """(source shape, focus node, path) of each result rudof reports, without its known errors."""
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(data.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes.serialize(format="turtle"))
    return {
        (URIRef(e.source_shape), URIRef(e.focus_node), URIRef(e.path) if e.path else None)
        for e in rudof.validate_shacl()
        if not known_error(data, shapes, e)
    }


def known_error(data: Graph, shapes: Graph, entry) -> bool:
    """A range bound that rudof got wrong: every value is of a type derived from xsd:integer and, compared
    as numbers, within the shape's bound."""
    component = URIRef(entry.constraint_component)
    if component not in BOUNDS or not entry.path:
        return False
    parameter, holds = BOUNDS[component]
    bound = shapes.value(URIRef(entry.source_shape), parameter)
    values = list(data.objects(URIRef(entry.focus_node), URIRef(entry.path)))
    return all(
        isinstance(v, Literal) and v.datatype in DERIVED_INTEGERS and holds(int(v), int(bound))
        for v in values
    )


def test_rudof_finds_the_built_graph_conforms(built_graph, shapes):
    assert rudof_results(built_graph, shapes) == set()


@pytest.mark.parametrize("mutate, expected", MUTATIONS)
def test_rudof_reports_what_pyshacl_reports(built_graph, shapes, mutate, expected):
    g, part = broken(built_graph, shapes, mutate, expected)
    assert_reported(rudof_results(g, part), expected)
