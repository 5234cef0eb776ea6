"""Oxigraph's parser alone: the store's own syntax errors, and nothing of a good query evaluated."""

import time

import pyoxigraph as ox
import pytest

from graph.errors import QuerySyntaxError
from graph.store.embedded import EmbeddedStore
from graph.store.syntax import parse_query

VALUES = " ".join(str(n) for n in range(3000))
CROSS = f"{{ VALUES ?a {{ {VALUES} }} VALUES ?b {{ {VALUES} }} VALUES ?c {{ {VALUES} }} FILTER(false) }}"
BASE = "http://127.0.0.1:8000/sparql"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s WHERE { ?s ?p ?o  LIMIT 1",
        "SELECT ?x WHERE {\n ?x ?p }",
        "ASK { FILTER(?x = ) }",
        "SELECT * { <s> ?p ?o }",  # a relative IRI and no base
    ],
)
def test_a_syntax_error_is_the_one_the_store_gives(text):
    with pytest.raises(QuerySyntaxError) as run:
        EmbeddedStore(ox.Store()).query(text)
    with pytest.raises(QuerySyntaxError) as parsed:
        parse_query(text)
    assert str(parsed.value) == str(run.value) and str(run.value).startswith("error at ")


@pytest.mark.parametrize(
    "text",
    [
        "ASK " + CROSS,  # an ASK is evaluated at once when it runs
        "SELECT * WHERE " + CROSS + " ORDER BY ?a",  # and so is an ORDER BY
        "SELECT (COUNT(*) AS ?n) WHERE " + CROSS,  # and an aggregate
        "ASK { BIND('ab' AS ?a0) "
        + " ".join(f"BIND(CONCAT(?a{n}, ?a{n}) AS ?a{n + 1})" for n in range(40))
        + " }",  # a string of 2^41 bytes
    ],
)
def test_a_good_query_is_parsed_and_not_run(text):
    started = time.monotonic()
    assert parse_query(text, BASE) is True
    assert time.monotonic() - started < 0.5  # evaluating any of them takes minutes, or all the memory


def test_relative_iris_resolve_against_the_base():
    assert parse_query("SELECT * { <s> ?p ?o }", BASE) is True
    assert parse_query("SELECT * { ?s ?p ?o }", "not an iri") is False  # the query process says why
