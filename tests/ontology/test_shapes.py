"""The SHACL shapes themselves: the built graph conforms, the shapes are valid SHACL in the two languages,
and every shape that can report has a row in one of the shape_rows_*.py modules (which test_shape_fires.py
breaks the graph with)."""

from pyshacl.entrypoints import meta_validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH
from shape_mutations import DKS, shapes
from shape_rows import MUTATIONS

from graph.build.validate import validate

__all__ = ["shapes"]  # the session fixture, imported for pytest


def shape_iris(shapes: Graph) -> set[URIRef]:
    """Every node shape, property shape and SPARQL constraint of the shapes graph."""
    kinds = (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
    return {s for kind in kinds for s in shapes.subjects(RDF.type, kind)}


def checked_shapes(shapes: Graph) -> set[URIRef]:
    """The shapes that can be the sh:sourceShape of a result: the node shapes with a target that constrain
    their focus node themselves, and the property shapes of node shapes with a target."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    not_constraints = {*targets, RDF.type, SH.property, SH.message, SH.severity}
    targeted = {s for t in targets for s in shapes.subjects(t, None)}
    own = {s for s in targeted if set(shapes.predicates(s, None)) - not_constraints}
    return own | {p for s in targeted for p in shapes.objects(s, SH.property)}


def test_built_graph_conforms(built_graph, shapes):
    report = validate(built_graph, shapes)
    assert report.conforms, report.text


def test_shapes_pass_meta_validation(shapes):
    conforms, _, text = meta_validate(shapes)
    assert conforms, text


def test_every_shape_has_zh_and_en_message_and_violation_severity(shapes):
    for shape in shape_iris(shapes):
        assert isinstance(shape, URIRef) and shape in DKS, f"{shape} has no dks: IRI"
        languages = sorted(m.language or "" for m in shapes.objects(shape, SH.message))
        assert languages == ["en", "zh"], shape
        assert list(shapes.objects(shape, SH.severity)) == [SH.Violation], shape


def test_only_shacl_core_and_sparql(shapes):
    advanced = {SH[name] for name in ("rule", "target", "js", "jsFunctionName", "condition", "entailment")}
    assert not {p for _, p, _ in shapes} & advanced


def test_every_class_of_the_graph_has_a_node_shape_of_its_own(built_graph, shapes):
    own = {
        next(iter(targets))
        for shape in shapes.subjects(RDF.type, SH.NodeShape)
        if len(targets := set(shapes.objects(shape, SH.targetClass))) == 1
    }
    assert set(built_graph.objects(None, RDF.type)) - own == set()


def test_every_shape_has_a_mutation(shapes):
    tested = {DKS[name] for param in MUTATIONS for name, _, _ in param.values[1]}
    assert checked_shapes(shapes) - tested == set()
    assert tested - checked_shapes(shapes) == set(), "a row names a shape that cannot report"
