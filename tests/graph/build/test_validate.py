"""The fast engine's own parts: range constraints compared by value, messages filled in, the readable text."""

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH, XSD

from graph import iris
from graph.build.shacl_ranges import check_ranges, without_ranges
from graph.build.validate import validate
from graph.errors import ParameterError
from graph.namespaces import DK

EX = Namespace("http://example.org/")
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:S-n .
ex:S-n a sh:PropertyShape ; sh:path ex:n ; sh:minInclusive 1 ; sh:maxExclusive 10 .
"""


@pytest.mark.parametrize(
    "value, fails",
    [
        (Literal("3", datatype=XSD.positiveInteger), False),  # rudof's error: a derived integer is an integer
        (Literal("1", datatype=XSD.nonNegativeInteger), False),
        (Literal("1.5", datatype=XSD.decimal), False),
        (Literal("0", datatype=XSD.integer), True),
        (Literal("10", datatype=XSD.positiveInteger), True),
        (Literal("five"), True),  # a string does not compare with a number
        (Literal("x", datatype=XSD.integer), True),  # ill-typed
        (EX.five, True),
    ],
)
def test_a_range_is_compared_by_value(value, fails):
    shapes = Graph().parse(data=SHAPES, format="turtle")
    data = Graph()
    data.add((EX.a, RDF.type, EX.C))
    data.add((EX.a, EX.n, value))
    found = check_ranges(data, shapes)
    assert bool(found) == fails
    assert all(
        r.focus == EX.a and r.shape == EX["S-n"] and r.path == EX.n and r.value == value for r in found
    )


def test_rudof_gets_the_shapes_without_their_ranges():
    shapes = Graph().parse(data=SHAPES, format="turtle")
    rest = without_ranges(shapes)
    assert len(rest) == len(shapes) - 2
    assert (None, SH.minInclusive, None) not in rest and (None, SH.path, EX.n) in rest


def test_a_sparql_constraint_message_has_its_values_filled_in(built_graph):
    g = Graph()
    g += built_graph
    notice = iris.document("guobanfa-2021-15")
    g.set((notice, DK.statedPairedUnitCount, Literal(99, datatype=XSD.nonNegativeInteger)))
    report = validate(g)
    assert not report.conforms
    shape = URIRef("https://w3id.org/duikou/shapes#NoticeTotalsShape")
    result = report.graph.value(None, SH.sourceShape, shape)
    messages = {m.language: str(m) for m in report.graph.objects(result, SH.resultMessage)}
    assert "99" in messages["en"] and "61" in messages["en"] and "{?" not in messages["zh"]
    assert report.graph.value(result, SH.resultPath) == DK.statedPairedUnitCount
    assert "Conforms: False" in report.text and "NoticeTotalsShape" in report.text


def test_an_unknown_engine_is_a_parameter_error(built_graph):
    with pytest.raises(ParameterError):
        validate(built_graph, engine="jena")
