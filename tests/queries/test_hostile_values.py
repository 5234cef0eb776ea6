"""Hostile parameter values are refused or bound as data, never spliced into the query text."""

import pytest
from query_cases import NAMED, answer, broken_copy, run
from rdflib import Literal
from rdflib.namespace import SKOS

from graph.errors import ParameterError
from graph.namespaces import ID
from graph.store.embedded import EmbeddedStore

HOSTILE_TEXT = 'x") } ; DROP ALL ; #'
HOSTILE = {
    "iri": [
        "https://w3id.org/duikou/id/unit/x> } ; <",
        'https://w3id.org/duikou/id/unit/x"',
        "https://w3id.org/duikou/id/unit/x {",
        "<https://w3id.org/duikou/id/unit/mof>",
        "javascript:alert(1)",
    ],
    "integer": ["26 } ; DROP ALL", "26.5", "1e3", "0x1A"],
    "language": ['zh") } #', "zh en", "中文"],
    "code": ['360781") } #', "36078", "3607811"],
    "date": ['2024-01-01") } #', "2023-02-30", "2024-1-1", "20240101", "2024-01-01T00:00", "２０２４-01-01"],
}
HOSTILE.update(
    county=HOSTILE["iri"], unit=HOSTILE["iri"], entity=HOSTILE["iri"]
)  # IRIs here, names on the web
TYPED_PARAMETERS = [(n, p.name, p.type) for n, q in sorted(NAMED.items()) for p in q.parameters]


@pytest.mark.parametrize(
    "name, parameter, kind",
    [t for t in TYPED_PARAMETERS if t[2] != "string"],
    ids=[f"{n}:{p}" for n, p, k in TYPED_PARAMETERS if k != "string"],
)
def test_hostile_values_are_refused(name, parameter, kind):
    for value in HOSTILE[kind]:
        with pytest.raises(ParameterError):
            NAMED[name].bindings({parameter: value})


HOSTILE_STRINGS = [HOSTILE_TEXT, 'a"""b', "a\nb # c } ", "back\\slash", "it's'''", "\\u0022) }"]


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
@pytest.mark.parametrize("name, parameter", [(n, p) for n, p, k in TYPED_PARAMETERS if k == "string"])
def test_hostile_text_is_bound_as_data(embedded_store, name, parameter, text):
    before = len(embedded_store)
    assert run(embedded_store, name, {parameter: text}).rows == []
    assert len(embedded_store) == before


def test_hostile_text_is_found_where_it_is_data(built_graph):
    """Bound as one string value: it finds the one label that contains it, and nothing else."""
    graph = broken_copy(built_graph, add=[(ID["unit/mof"], SKOS.altLabel, Literal(f"a {HOSTILE_TEXT} b"))])
    store = EmbeddedStore.from_graph(graph)
    assert set(answer(store, "search-labels", "entity", {"text": HOSTILE_TEXT})) == {"unit/mof"}


def test_unknown_parameters_are_refused():
    with pytest.raises(ParameterError):
        NAMED["units-of-county"].bindings({"countyy": "id:division/360781"})
