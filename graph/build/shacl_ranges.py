"""SHACL's range constraints (sh:minInclusive …), run here because rudof gets them wrong for our numbers.

rudof compares a value with a range bound only when both have the same datatype, so "3"^^xsd:positiveInteger
fails `sh:minInclusive 1` (an xsd:integer), though every xsd:positiveInteger is an xsd:integer (XML Schema 2,
§3.3.25) and SHACL compares them as SPARQL's `<=` does, by value. The fast engine takes these constraints out
of the shapes it gives rudof and checks them here, on the focus nodes of their shapes' targets.
"""

import operator
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.build.shacl_data import NTriplesData
from graph.build.shacl_results import Result
from graph.errors import ShapesError

# each range parameter: its constraint component, and when a value satisfies it (value, bound)
RANGES: dict[Node, tuple[URIRef, Callable[[Any, Any], bool]]] = {
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, operator.ge),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, operator.le),
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, operator.gt),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, operator.lt),
}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def without_ranges(shapes: Graph) -> Graph:
    """`shapes` without its range parameters: what rudof gets."""
    rest = Graph()
    for prefix, namespace in shapes.namespaces():
        rest.bind(prefix, namespace, override=True)
    for triple in shapes:
        if triple[1] not in RANGES:
            rest.add(triple)
    return rest


def check_ranges(data: Graph | NTriplesData, shapes: Graph) -> list[Result]:
    """The results of every range constraint of `shapes` on `data`."""
    found = []
    for shape, parameter, bound in sorted(shapes.triples((None, None, None)), key=str):
        if parameter not in RANGES or (shape, SH.deactivated, Literal(True)) in shapes:
            continue
        component, holds = RANGES[parameter]
        severity = shapes.value(shape, SH.severity) or SH.Violation
        path = shapes.value(shape, SH.path)
        for focus in _focus_nodes(data, shapes, shape):
            for value in _values(data, focus, path):
                if not _satisfies(value, bound, holds):
                    found.append(Result(focus, shape, component, URIRef(str(severity)), path, value))
    return found


def _focus_nodes(data: Graph | NTriplesData, shapes: Graph, shape: Node) -> set[Node]:
    """The focus nodes of a node shape, or of the node shapes a property shape belongs to."""
    if (shape, SH.path, None) not in shapes:
        return set(_targets(data, shapes, shape))
    owners = list(shapes.subjects(SH.property, shape))
    if not owners or any(shapes.value(owner, SH.path) is not None for owner in owners):
        raise ShapesError(f"{shape}: a range constraint is checked only on a property shape of a node shape")
    return {node for owner in owners for node in _targets(data, shapes, owner)}


def _targets(data: Graph | NTriplesData, shapes: Graph, shape: Node) -> Iterator[Node]:
    for kind in TARGETS:
        for target in shapes.objects(shape, kind):
            if kind == SH.targetNode:
                yield target
            elif kind == SH.targetSubjectsOf:
                yield from data.subjects(target, None, unique=True)
            elif kind == SH.targetObjectsOf:
                yield from data.objects(None, target, unique=True)
            else:  # SHACL instances: of the class or of a subclass of it in the data graph
                for klass in data.transitive_subjects(RDFS.subClassOf, target):
                    yield from data.subjects(RDF.type, klass)


def _values(data: Graph | NTriplesData, focus: Node, path: Node | None) -> Iterator[Node]:
    if path is None:
        yield focus
    elif isinstance(path, URIRef):
        yield from data.objects(focus, path)
    else:
        raise ShapesError(f"range constraints are checked only on a predicate path, not {path!r}")


def _satisfies(value: Node, bound: Node, holds: Callable[[Any, Any], bool]) -> bool:
    """True when `value` compares with `bound` as SPARQL compares them and satisfies the bound; a value that
    does not compare (an IRI, a string against a number, an ill-typed literal) fails it."""
    if not isinstance(value, Literal) or not isinstance(bound, Literal):
        return False
    a, b = _comparable(value), _comparable(bound)
    if a is None or b is None or isinstance(a, str) != isinstance(b, str):
        return False
    try:
        return bool(holds(a, b))
    except TypeError:
        return False


def _comparable(literal: Literal) -> object | None:
    """A literal's value as Python compares it (every numeric type alike), None if it has none."""
    if not literal.ill_typed and isinstance(literal.value, (int, float, Decimal)):
        return None if isinstance(literal.value, bool) else literal.value
    if literal.datatype is None or literal.datatype == URIRef("http://www.w3.org/2001/XMLSchema#string"):
        return str(literal)
    return literal.value if literal.value is not None and not literal.ill_typed else None
