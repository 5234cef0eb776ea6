"""Terms another engine answers are written as the embedded store writes them: integers of every XSD integer
type as xsd:integer (Oxigraph loads them so), booleans as true and false (Virtuoso writes 1 and 0)."""

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.store.portable import INTEGERS, canonical


@pytest.mark.parametrize("datatype", sorted(INTEGERS), ids=lambda d: d.fragment)
def test_an_integer_of_any_type_is_written_as_oxigraph_loads_it(datatype):
    value = "-1" if "egative" in datatype or "nonPositive" in datatype else "26"
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(value, datatype=ox.NamedNode(datatype))
        )
    )
    [quad] = store
    loaded = Literal(quad.object.value, datatype=URIRef(quad.object.datatype.value))
    assert canonical(Literal(value, datatype=datatype)) == loaded == Literal(value, datatype=XSD.integer)


@pytest.mark.parametrize(
    "written, meant", [("1", "true"), ("0", "false"), ("true", "true"), ("false", "false")]
)
def test_a_boolean_is_written_true_or_false(written, meant):
    assert canonical(Literal(written, datatype=XSD.boolean)) == Literal(meant, datatype=XSD.boolean)


@pytest.mark.parametrize(
    "term",
    [
        Literal("1"),
        Literal("1", lang="zh"),
        Literal("1.50", datatype=XSD.decimal),
        Literal("2021", datatype=XSD.gYear),
        URIRef("https://w3id.org/duikou/id/unit/mof"),
        BNode("b1"),
    ],
    ids=repr,
)
def test_other_terms_are_left_as_they_are(term):
    assert canonical(term) is term
