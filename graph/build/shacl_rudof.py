"""The fast SHACL engine: rudof (in Rust) checks the shapes, but for their range constraints, checked here.

rudof validates the build's graph in a few per cent of pySHACL's time and gives the same results (the
engine-agreement tests, tests/ontology/test_engines.py); its report graph leaves out some results' shape and
path, so the report is made from its entries, with each result's focus node and value read from its report.
"""

import re
from functools import lru_cache

import pyoxigraph as ox
import pyrudof
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.build.shacl_data import NTriplesData
from graph.build.shacl_ranges import check_ranges, without_ranges
from graph.build.shacl_results import Result
from graph.store.result import to_rdflib

LANGUAGE_TAGGED = re.compile(r'(?:^|, )"(.*?)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)(?=, "|$)')
SH_RESULT = ox.NamedNode(str(SH.result))
SH_FOCUS, SH_VALUE = ox.NamedNode(str(SH.focusNode)), ox.NamedNode(str(SH.value))


@lru_cache(maxsize=8)
def rudof_shapes(shapes: Graph) -> str:
    """The shapes rudof reads (Turtle, without the range constraints), made once per shapes graph."""
    return without_ranges(shapes).serialize(format="turtle")


def rudof_results(data: Graph | NTriplesData, shapes: Graph, ntriples: bytes | None = None) -> list[Result]:
    """Every result of `shapes` on `data` (whose N-Triples, if already written, is `ntriples`)."""
    if ntriples is not None:
        text = ntriples
    else:
        text = (
            data.ntriples if isinstance(data, NTriplesData) else data.serialize(format="nt", encoding="utf-8")
        )
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(
        text.decode("utf-8"), format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict
    )
    rudof.read_shacl(rudof_shapes(shapes), reader_mode=pyrudof.ReaderMode.Strict)
    report = rudof.validate_shacl()
    found = check_ranges(data, shapes)
    if report.conforms:
        return found
    terms = _report_terms(rudof)
    for index, entry in enumerate(report):
        focus, value = terms[index] if index < len(terms) else (None, None)
        if focus is None or str(focus) != entry.focus_node:  # not the same result: keep what the entry says
            focus, value = URIRef(entry.focus_node), None
        shape = _node(entry.source_shape or "")
        found.append(
            Result(
                focus,
                shape,
                URIRef(entry.constraint_component),
                _severity(entry.severity),
                shapes.value(shape, SH.path) or _iri_path(entry.path),
                value,
                _sparql_constraint(shapes, shape, entry.constraint_component),
                _filled(entry.message),
            )
        )
    return found


def _report_terms(rudof: "pyrudof.Rudof") -> list[tuple[Node | None, Node | None]]:
    """(focus node, value) of each result of rudof's report graph, in the order of its entries."""
    text = rudof.serialize_shacl_validation_results(format=pyrudof.ResultShaclValidationFormat.NTriples)
    order: list[object] = []
    focus: dict[object, object] = {}
    value: dict[object, object] = {}
    for triple in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        if triple.predicate == SH_RESULT:
            order.append(triple.object)
        elif triple.predicate == SH_FOCUS:
            focus[triple.subject] = triple.object
        elif triple.predicate == SH_VALUE:
            value[triple.subject] = triple.object
    return [(to_rdflib(focus.get(node)), to_rdflib(value.get(node))) for node in order]


def _filled(text: str) -> dict[str, str]:
    """The messages rudof filled in from a SPARQL constraint's variables (`{?value}`), by language: its
    message text lists them as Turtle literals."""
    return {lang: message for message, lang in LANGUAGE_TAGGED.findall(text or "")}


def _node(text: str) -> Node:
    return BNode(text[2:]) if text.startswith("_:") else URIRef(text)


def _severity(text: str) -> URIRef:
    return URIRef(text) if ":" in text else SH[text]


def _iri_path(text: str | None) -> URIRef | None:
    """A result path rudof gives as text: kept when it is one IRI (a SPARQL constraint's ?path)."""
    if not text or any(c in text for c in " ^()|*+?<>"):
        return None
    return URIRef(text)


def _sparql_constraint(shapes: Graph, shape: Node, component: str) -> Node | None:
    """The SPARQL constraint a result of `shape` comes from, when the shape has one only."""
    if URIRef(component) != SH.SPARQLConstraintComponent:
        return None
    constraints = list(shapes.objects(shape, SH.sparql))
    return constraints[0] if len(constraints) == 1 else None
