"""Summarise a SHACL report for people: per node shape its targets, focus nodes, results and messages.

Pure rdflib (no Flask): the data graph, the shapes graph and the sh:ValidationReport graph in, plain
dataclasses out. Results of a property shape count for the node shape that declares it.
"""

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
REFERENCES = (SH.node, SH.qualifiedValueShape, SH["not"])
LISTS = (SH["or"], SH["and"], SH.xone)


@dataclass
class Result:
    focus: str
    path: str | None
    value: str | None
    messages: dict[str, str]


@dataclass
class Shape:
    iri: str
    name: str  # the anchor on /validation, `SupportingUnitShape`
    targets: list[tuple[str, str]]  # (target kind, term): ("targetClass", "https://…#County")
    messages: dict[str, str]
    focus: frozenset[str]
    used_by: list[str] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    by_target: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # target → its nodes

    def targets_of(self, iri: str) -> list[tuple[str, str]]:
        """The targets of this shape that select `iri` (none: the shape does not check it)."""
        return [target for target, nodes in self.by_target.items() if iri in nodes]


@dataclass
class Summary:
    conforms: bool
    source: str  # "computed" or "validation.ttl"
    shapes: list[Shape]
    by_focus: dict[str, int]
    results: int


def messages(graph: Graph, node, predicate) -> dict[str, str]:
    """The values of `predicate` by language tag (an untagged one under ""); SHACL messages are literals."""
    return {
        (o.language or "").lower()[:2]: str(o)
        for o in graph.objects(node, predicate)
        if isinstance(o, Literal)
    }


def focus_nodes(data: Graph, kind: URIRef, term) -> set[str]:
    """The nodes one target of a shape selects in `data` (types as stated: the build materialises them)."""
    if kind == SH.targetClass:
        return {str(s) for s in data.subjects(RDF.type, term)}
    if kind == SH.targetSubjectsOf:
        return {str(s) for s in data.subjects(term, None)}
    if kind == SH.targetObjectsOf:
        return {str(o) for o in data.objects(None, term)}
    return {str(term)}


def owners(shapes: Graph) -> dict:
    """Each property shape's node shape (a node shape owns itself)."""
    found = {s: s for s in shapes.subjects(RDF.type, SH.NodeShape)}
    for node in list(found):
        for prop in shapes.objects(node, SH.property):
            found[prop] = node
    return found


def referrers(shapes: Graph, owner: dict) -> dict:
    """For each node shape used through sh:node, sh:or … the node shapes that use it."""
    found: dict = {}
    for predicate in REFERENCES + LISTS:
        for user, target in shapes.subject_objects(predicate):
            used = Collection(shapes, target) if predicate in LISTS else [target]
            for item in used:
                if user in owner and item in owner and owner[item] == item:
                    found.setdefault(item, []).append(str(owner[user]).rsplit("#", 1)[-1])
    return found


def summarise(data: Graph, shapes: Graph, report: Graph, source: str) -> Summary:
    """The report as one row per node shape, in the order of the shapes file's names."""
    owner, summary = owners(shapes), {}
    used = referrers(shapes, owner)
    for node in sorted(set(owner.values()), key=str):
        by_target = {
            (kind.rsplit("#", 1)[-1], str(term)): frozenset(focus_nodes(data, kind, term))
            for kind in TARGETS
            for term in shapes.objects(node, kind)
        }
        targets = list(by_target)
        focus = set().union(*by_target.values())
        summary[node] = Shape(
            str(node),
            str(node).rsplit("#", 1)[-1],
            sorted(targets),
            messages(shapes, node, SH.message),
            frozenset(focus),
            sorted(set(used.get(node, []))),
            by_target=by_target,
        )
    by_focus: dict[str, int] = {}
    count = 0
    for result in report.objects(None, SH.result):
        source_shape = report.value(result, SH.sourceShape)
        shape = summary.get(owner.get(source_shape, source_shape))
        focus_node = str(report.value(result, SH.focusNode))
        found = Result(
            focus_node,
            _text(report.value(result, SH.resultPath)),
            _text(report.value(result, SH.value)),
            messages(report, result, SH.resultMessage) or (shape.messages if shape else {}),
        )
        if shape is not None:
            shape.results.append(found)
        by_focus[focus_node] = by_focus.get(focus_node, 0) + 1
        count += 1
    stated = report.value(None, SH.conforms)
    conforms = bool(stated.toPython()) if stated is not None else count == 0
    return Summary(conforms, source, list(summary.values()), by_focus, count)


def _text(term) -> str | None:
    return None if term is None else str(term)
