"""Ways to break the built graph, for the SHACL tests (test_shape_fires.py): each mutation is a change to a
copy of the graph that knows the focus node and the result path a shape reports it at (its subject and
predicate; for a rename, the new IRI and no path)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SH

from graph import iris
from graph.namespaces import DK
from graph.paths import SHAPES

DKS = Namespace("https://w3id.org/duikou/shapes#")
Expected = tuple[str, URIRef, URIRef | None]

SLUG = "guobanfa-2021-15"  # the notice of the real build, whose graph the examples change
NOTICE, PLAN = iris.document(SLUG), iris.document(f"{SLUG}-plan")
OPINION = iris.document("guofa-2021-3")
JIANGXI, GANZHOU, LONGYAN = iris.division("360000"), iris.division("360700"), iris.division("350800")
NANCHANG = iris.division("360100")  # not in the graph
ZHANGGONG, GANXIAN, JIZHOU = iris.division("360702"), iris.division("360704"), iris.division("360802")
NDRC, MOST, STA = iris.unit("ndrc"), iris.unit("most"), iris.unit("sta")
NMPA, NATCM = iris.unit("nmpa"), iris.unit("natcm")
MOST_PAIRING, STA_PAIRING = iris.assignment(SLUG, "most"), iris.assignment(SLUG, "sta")
BUSINESS = iris.concept("task-type", "business-environment")
ZONE, SECTION, LINE = iris.zone("360702400"), iris.section(SLUG, "2-1"), iris.line(SLUG, 23)
CURRENT_PHASE, NBS = iris.phase("2021-2030"), iris.source("nbs-2023")
STATE_COUNCIL = iris.organization("state-council")
DISTRICT = iris.concept("county-type", "district")
LONGNAN, LONGNAN_COUNTY = (
    iris.division("360783"),
    iris.division_code("360727"),
)  # 龙南县 360727 → 龙南市 360783
LONGNAN_ENTRY = iris.nbs_entry("360783")


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@dataclass(frozen=True)
class Mutation:
    """A change to a graph, and where a shape reports it: the focus node and the result path."""

    change: Callable[[Graph], None]
    focus: URIRef | None = None
    path: URIRef | None = None

    def __call__(self, g: Graph) -> None:
        self.change(g)


def drop(s, p, o=None, lang: str | None = None) -> Mutation:
    """Remove the matching triples (only the values in `lang`, if given); fail if there were none."""

    def mutate(g: Graph) -> None:
        matches = [t for t in g.triples((s, p, o)) if lang is None or getattr(t[2], "language", "") == lang]
        assert matches, f"nothing to drop: {s} {p} {o}"
        for triple in matches:
            g.remove(triple)

    return Mutation(mutate, s, p)


def add(*triples) -> Mutation:
    """Add the triples; a shape reports them at the subject and predicate of the first."""

    def mutate(g: Graph) -> None:
        for triple in triples:
            g.add(triple)

    return Mutation(mutate, *triples[0][:2])


def replace(s, p, o) -> Mutation:
    """Give `s` the single value `o` for `p` instead of the values it has."""
    return Mutation(both(drop(s, p), add((s, p, o))), s, p)


def rename(old: URIRef, new: URIRef) -> Mutation:
    """Mint `new` for `old` wherever it occurs."""

    def mutate(g: Graph) -> None:
        triples = [t for t in g if old in t]
        assert triples, f"{old} is not in the graph"
        for t in triples:
            g.remove(t)
            g.add(tuple(new if term == old else term for term in t))

    return Mutation(mutate, new)


def both(*mutations: Mutation) -> Mutation:
    def mutate(g: Graph) -> None:
        for m in mutations:
            m(g)

    return Mutation(mutate)


def drop_pairing(assignment: URIRef, unit: URIRef, county: URIRef) -> Mutation:
    """Remove an assignment and its dk:supports / dk:supportedBy shortcuts."""
    return both(drop(assignment, None), drop(unit, DK.supports, county), drop(county, DK.supportedBy, unit))


def pairing(assignment: URIRef, unit: URIRef, county: URIRef, line: URIRef) -> Mutation:
    """Add a complete assignment of `unit` to `county`, with its labels and shortcuts."""
    labels = [
        (assignment, p, Literal(text, lang=lang))
        for p in (SKOS.prefLabel, RDFS.label)
        for text, lang in (("另一结对", "zh"), ("another pairing", "en"))
    ]
    return add(
        (assignment, RDF.type, DK.Assignment),
        (assignment, DK.supportingUnit, unit),
        (assignment, DK.recipient, county),
        (assignment, DK.establishedBy, NOTICE),
        (assignment, DK.phase, CURRENT_PHASE),
        (assignment, PROV.wasDerivedFrom, line),
        (unit, DK.supports, county),
        (county, DK.supportedBy, unit),
        *labels,
    )


def count(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def row(name: str, mutation: Mutation, *expected: Expected | str):
    """A test case: `mutation` copies the built graph and breaks one thing, and the report graph must have
    each `expected` result, (shape, focus node, result path), or a shape's name alone for a result at the
    focus and path of the change itself; a path of None means any path (inverse and sequence paths are
    blank nodes)."""
    results = [(e, mutation.focus, mutation.path) if isinstance(e, str) else e for e in expected]
    return pytest.param(mutation, tuple(results), id=name)


def results(report: Graph) -> set[tuple]:
    """The (sh:sourceShape, sh:focusNode, sh:resultPath) of each sh:result of a report (not its sh:detail)."""
    return {
        (report.value(r, SH.sourceShape), report.value(r, SH.focusNode), report.value(r, SH.resultPath))
        for r in report.objects(None, SH.result)
        if (r, RDF.type, SH.ValidationResult) in report
    }


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


def broken(built_graph: Graph, shapes: Graph, mutate: Mutation, expected) -> tuple[Graph, Graph]:
    """A copy of the built graph broken by `mutate`, and the part of the shapes its expected results need."""
    g = Graph()
    g += built_graph
    mutate(g)
    return g, shapes_for(shapes, {owner(shapes, DKS[name]) for name, _, _ in expected})


def assert_reported(found: set[tuple], expected) -> None:
    """Each expected (shape, focus node, path) is among the results found (a path of None: any path)."""
    for name, node, path in expected:
        hit = any(shape == DKS[name] and f == node and path in (None, p) for shape, f, p in found)
        assert hit, f"no result from {name} on {node} {path or ''}; found: {sorted(found)}"
