"""One SHACL result, and the standard sh:ValidationReport graph and text made from results, for any engine."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.namespaces import bind_prefixes


@dataclass(frozen=True)
class Result:
    """What a constraint found: a node of the data, where, which shape and component, and how bad."""

    focus: Node
    shape: Node
    component: URIRef
    severity: URIRef = SH.Violation
    path: Node | None = None  # an IRI, or a path's node in the shapes graph (copied into the report)
    value: Node | None = None
    constraint: Node | None = None  # a SPARQL constraint's own node (sh:sourceConstraint)
    filled: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)  # by language


def _filled(template: Literal, filled: Mapping[str, str]) -> Literal:
    """A message template with its `{?var}` placeholders filled by the engine, in the template's language."""
    if "{" in template and template.language and template.language in filled:
        return Literal(filled[template.language], lang=template.language)
    return template


def messages(shapes: Graph, result: Result) -> list[Literal]:
    """The result's messages as the shapes say them (each language kept), placeholders filled: the SPARQL
    constraint's own, else its shape's."""
    for node in (result.constraint, result.shape):
        found = [m for m in shapes.objects(node, SH.message) if isinstance(m, Literal)] if node else []
        if found:
            found = [_filled(m, result.filled) for m in found]
            return sorted(found, key=lambda m: (m.language or "", str(m)))
    return []


def copy_node(source: Graph, node: Node, target: Graph) -> Node:
    """Copy the blank-node structure below `node` (a path, a list) from `source` into `target`."""
    if isinstance(node, BNode):
        for p, o in source.predicate_objects(node):
            target.add((node, p, copy_node(source, o, target)))
    return node


def report_graph(results: Iterable[Result], shapes: Graph) -> Graph:
    """The standard sh:ValidationReport of `results`, with each result's path and messages from `shapes`."""
    report = Graph()
    bind_prefixes(report)
    for prefix, namespace in shapes.namespaces():  # the shapes' own (dks:), as pySHACL's report has them
        report.bind(prefix, namespace, override=False)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    conforms = True
    for result in results:
        conforms = False
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, result.focus))
        report.add((node, SH.sourceShape, result.shape))
        report.add((node, SH.sourceConstraintComponent, result.component))
        report.add((node, SH.resultSeverity, result.severity))
        if result.path is not None:
            report.add((node, SH.resultPath, copy_node(shapes, result.path, report)))
        if result.value is not None:
            report.add((node, SH.value, result.value))
        if result.constraint is not None:
            report.add((node, SH.sourceConstraint, result.constraint))
        for message in messages(shapes, result):
            report.add((node, SH.resultMessage, message))
    report.add((root, SH.conforms, Literal(conforms)))
    return report


def report_text(report: Graph) -> str:
    """The report as a person reads it, one block per result in a stable order (as pySHACL writes it)."""
    root = report.value(None, RDF.type, SH.ValidationReport, any=True)
    results = sorted(report.objects(root, SH.result), key=lambda r: _key(report, r))
    lines = ["Validation Report", f"Conforms: {not results}"]
    if results:
        lines.append(f"Results ({len(results)}):")
    for r in results:
        component = report.value(r, SH.sourceConstraintComponent)
        lines.append(f"Constraint Violation in {_name(report, component)} ({component}):")
        lines.append(f"\tSeverity: {_name(report, report.value(r, SH.resultSeverity))}")
        lines.append(f"\tSource Shape: {_name(report, report.value(r, SH.sourceShape))}")
        lines.append(f"\tFocus Node: {_path_text(report, report.value(r, SH.focusNode))}")
        for label, predicate in (("Value Node", SH.value), ("Result Path", SH.resultPath)):
            term = report.value(r, predicate)
            if term is not None:
                lines.append(f"\t{label}: {_path_text(report, term)}")
        lines.extend(f"\tMessage: {m}" for m in sorted(map(str, report.objects(r, SH.resultMessage))))
    return "\n".join(lines) + "\n"


def _key(report: Graph, result: Node) -> tuple[str, ...]:
    return tuple(
        str(report.value(result, p))
        for p in (SH.sourceShape, SH.focusNode, SH.sourceConstraintComponent, SH.value)
    )


def _name(report: Graph, term) -> str:
    return report.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)


def _path_text(report: Graph, term: Node | None) -> str:
    """A path as SHACL's Turtle writes it: `dk:p`, `[ sh:inversePath dk:p ]`, `( a b )`."""
    if isinstance(term, URIRef):
        return _name(report, term)
    if not isinstance(term, BNode):
        return term.n3() if term is not None else ""
    if (term, RDF.first, None) in report:
        items = []
        while term is not None and term != RDF.nil:
            items.append(_path_text(report, report.value(term, RDF.first)))
            term = report.value(term, RDF.rest)
        return f"( {' '.join(items)} )"
    inner = " ; ".join(
        f"{_name(report, p)} {_path_text(report, o)}" for p, o in sorted(report.predicate_objects(term))
    )
    return f"[ {inner} ]"
