"""The fast validation engine (rudof, with the range constraints checked by graph.build.shacl_ranges) and
pySHACL, the reference, give the same results: on the built graph, which conforms, and on every row of
shape_rows.py, the same set of (focus node, path, source shape, severity), each result with its messages
in Chinese and English.
"""

import pytest
from rdflib import RDF, BNode, Graph
from rdflib.collection import Collection
from rdflib.namespace import SH
from shape_mutations import assert_reported, broken, results, shapes
from shape_rows import MUTATIONS

from graph.build.validate import validate

__all__ = ["shapes"]  # the session fixture, imported for pytest


def path_key(report: Graph, node):
    """A result path compared by its structure: an IRI, an inverse path, a sequence (blank nodes differ)."""
    if not isinstance(node, BNode):
        return node
    if (node, RDF.first, None) in report:
        return ("sequence", *(path_key(report, item) for item in Collection(report, node)))
    return tuple(sorted((str(p), path_key(report, o)) for p, o in report.predicate_objects(node)))


def agreed(report: Graph) -> set[tuple]:
    """(focus node, path, source shape, severity) of each result of a report."""
    return {
        (
            report.value(r, SH.focusNode),
            path_key(report, report.value(r, SH.resultPath)),
            report.value(r, SH.sourceShape),
            report.value(r, SH.resultSeverity),
        )
        for r in report.objects(None, SH.result)
    }


def test_both_engines_find_the_built_graph_conforms(built_graph, shapes):
    for engine in ("rudof", "pyshacl"):
        report = validate(built_graph, shapes, engine=engine)
        assert report.conforms and agreed(report.graph) == set(), engine
        assert (None, SH.conforms, None) in report.graph


@pytest.mark.parametrize("mutate, expected", MUTATIONS)
def test_engines_agree(built_graph, shapes, mutate, expected):
    g, part = broken(built_graph, shapes, mutate, expected)
    fast, reference = validate(g, part, engine="rudof"), validate(g, part, engine="pyshacl")
    assert not fast.conforms and not reference.conforms
    assert agreed(fast.graph) == agreed(reference.graph)
    assert_reported(results(fast.graph), expected)
    for result in fast.graph.objects(None, SH.result):
        languages = {m.language for m in fast.graph.objects(result, SH.resultMessage)}
        assert {"zh", "en"} <= languages, f"{result}: messages in {languages}"
