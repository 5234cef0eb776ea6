"""The SHACL shapes: the built graph conforms, the shapes are valid SHACL, and every shape fires on bad data.

Each row of MUTATIONS copies the built graph, breaks one thing and names the results it expects in the report
graph as (shape, focus node, result path); a path of None means any path (inverse and sequence paths are blank
nodes). For speed a mutated graph is validated against the shapes graph cut down to the node shapes of those
results and all they reference (`shapes_for`): a shape's results do not depend on the other shapes, and the
full run is test_built_graph_conforms. pySHACL's own options are no shortcut: in 0.40 `focus_nodes` also
filters the value nodes that sh:node checks (the nested shape passes unchecked), and `use_shapes` skips the
property shapes and sh:node shapes that have IRIs.
"""

import pyshacl
import pytest
from mutations_codes import MUTATIONS as CODES
from mutations_documents import MUTATIONS as DOCUMENTS
from mutations_entities import MUTATIONS as ENTITIES
from pyshacl.entrypoints import meta_validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH
from shape_examples import DKS, results

from graph.build.validate import validate
from graph.paths import SHAPES

MUTATIONS = ENTITIES + DOCUMENTS + CODES


# -- fixtures --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


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


# -- tests -----------------------------------------------------------------------------------------------


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
