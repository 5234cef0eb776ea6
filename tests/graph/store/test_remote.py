"""The remote store: a real Oxigraph server gives every named query the embedded store's answer, and bound
values never change a query's text (pushing: test_push; failures: test_store_errors)."""

import re

import pytest
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from graph.errors import StoreError
from graph.store.embedded import EmbeddedStore
from graph.store.named import catalogue
from graph.store.sparql_text import inject_values, values_block
from helpers.algebra import nodes_of
from helpers.examples import required_values

QUERIES = catalogue().all()
UI = catalogue().ui()
CHECKS = catalogue().checks()
ECHO = "SELECT ?value ?echo WHERE { BIND(?value AS ?echo) }"
HOSTILE = [
    'say "hi"',
    "a\\u0022b",  # the six characters of a SPARQL escape for "
    "\u0022) } ; DROP ALL ; { (",  # a real " then an attempt to close the VALUES block
    "} } UNION { ?s ?p ?o } #",
    "first line\nsecond line",
    "line\n# not a comment\n} }",
    'x"""y',
    'ends with a quote"\n',
    "ends with a backslash\\",
    "x\r\ny",
    "瑞金",
]
HOSTILE_TERMS = [Literal(v) for v in HOSTILE] + [
    Literal('zh "tagged" }', lang="zh"),
    Literal("42", datatype=XSD.integer),
    URIRef("https://w3id.org/duikou/id/unit/most"),
    URIRef("http://example.org/a#b?c=d&e=%7D"),
]


@pytest.fixture(scope="module")
def embedded(built_dist):
    return EmbeddedStore.from_dist(built_dist)


# -- helpers -----------------------------------------------------------------------------------------


def variants(query, embedded) -> list[dict[str, str]]:
    """Defaults (and the values a page gives the required ones), then each parameter at another value,
    then all of them at once."""
    given = required_values(query)
    other = {p.name: other_value(p, embedded, given.get(p.name)) for p in query.parameters}
    changed = {name: value for name, value in other.items() if value is not None}
    return (
        [given]
        + [{**given, name: value} for name, value in changed.items()]
        + ([changed] if len(changed) > 1 else [])
    )


def other_value(parameter, embedded, given: str | None = None) -> str | None:
    """A value of the parameter's type other than its default (or than the one given), from the data where
    that matters (None for a thing that has none like it: the notice is the only notice)."""
    if parameter.type == "language":
        return "en" if parameter.default != "en" else "zh"
    if parameter.type == "integer":
        return str(int(parameter.default or 0) + 1)
    if parameter.type == "code":
        return "360800" if parameter.default != "360800" else "350800"
    if parameter.type == "date":
        return "2022-01-01" if parameter.default != "2022-01-01" else "2024-01-01"
    if parameter.type == "string":
        return "县"
    # an IRI: another thing with the same types and schemes as the default
    alike = embedded.query(
        """
        SELECT DISTINCT ?other WHERE {
          ?default a ?type . ?other a ?type .
          FILTER(?other != ?default)
          FILTER NOT EXISTS {
            ?default ?key ?value .
            FILTER(?key IN (<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>,
                            <http://www.w3.org/2004/02/skos/core#inScheme>))
            FILTER NOT EXISTS { ?other ?key ?value }
          }
        } ORDER BY ?other""",
        {"default": URIRef(given or parameter.default)},
    )
    assert alike.rows or given, f"nothing in the data is like {parameter.default}"
    return str(alike.rows[len(alike.rows) // 2][0]) if alike.rows else None


def values_nodes(text: str) -> list[tuple[CompValue, int]]:
    """Every VALUES block in the query's algebra, with how many projections (SELECTs) enclose it."""
    found = []

    def walk(node, projections):
        if isinstance(node, CompValue):
            if node.name == "values":
                found.append((node, projections))
            for child in node.values():
                walk(child, projections + (node.name == "Project"))
        elif isinstance(node, (list, tuple)):
            for child in node:
                walk(child, projections)

    walk(translateQuery(parseQuery(text)).algebra, 0)
    return found


GROUP_CONCAT = re.compile(r"\bGROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*\)\s+AS\s+\?(\w+)", re.IGNORECASE)


def constants(text: str) -> list:
    """Every term in the query's algebra (VALUES rows included), in no particular order."""
    return nodes_of(translateQuery(parseQuery(text)).algebra, (URIRef, Literal))


# -- the same answers on both stores -------------------------------------------------------------------


def test_there_are_named_queries():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_same_on_both_stores(name, embedded, remote_store):
    same_answers(QUERIES[name], embedded, remote_store)


@pytest.mark.parametrize("name", sorted(UI))
def test_ui_query_same_on_both_stores(name, embedded, remote_store):
    same_answers(UI[name], embedded, remote_store)


def same_answers(query, embedded, remote_store):
    """The same rows (terms, datatypes and all) on both stores, for every variant of the parameters."""
    for values in variants(query, embedded):
        here, there = query.run(embedded, values), query.run(remote_store, values)
        assert (here.kind, here.variables) == (there.kind, there.variables), values
        assert here.comparable() == there.comparable(), values


@pytest.mark.parametrize("name", sorted(QUERIES) + sorted(UI))
def test_a_group_concat_column_is_declared_a_list(name):
    """Its items come in an order SPARQL leaves to the engine: declared, the named-query layer sorts them."""
    query = QUERIES.get(name) or UI[name]
    assert set(GROUP_CONCAT.findall(query.text)) == set(query.lists)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_finds_no_violation_on_either_store(name, embedded, remote_store):
    for store in (embedded, remote_store):
        result = CHECKS[name].run(store)
        assert result.rows == [], f"{name} on the {store.name} store: {result.dicts()[:5]}"


# -- bound values never change a query -----------------------------------------------------------------


@pytest.mark.parametrize("term", HOSTILE_TERMS, ids=repr)
def test_bound_value_comes_back_unchanged_from_both_stores(term, embedded, remote_store):
    for store in (embedded, remote_store):
        assert store.query(ECHO, {"value": term}).rows == [(term, term)], store.name


SEARCHES = sorted(name for name, q in QUERIES.items() if any(p.type == "string" for p in q.parameters))


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
@pytest.mark.parametrize("name", SEARCHES)
def test_hostile_text_gives_the_same_answer_on_both_stores(name, value, embedded, remote_store):
    query = QUERIES[name]
    values = {p.name: value for p in query.parameters if p.type == "string"}
    here, there = query.run(embedded, values), query.run(remote_store, values)
    assert here.comparable() == there.comparable()


@pytest.mark.parametrize("term", HOSTILE_TERMS, ids=repr)
@pytest.mark.parametrize("name", [*SEARCHES, "units-of-county"])
def test_injected_values_add_one_row_and_constants_and_nothing_else(name, term, embedded):
    """The text is the query's own with one VALUES block added and each use of a bound variable written
    as its escaped term; the parser reads every such constant back as the very term."""
    query = QUERIES[name]
    bindings = {**query.bindings(), query.parameters[0].name: term}
    block = values_block(bindings)
    text = inject_values(query.text, bindings)
    assert text.count(block) == 1
    restored = text.replace(" " + block + " ", "", 1)
    for key, value in bindings.items():
        restored = restored.replace(f" {value.n3()} ", f"?{key}")
    assert restored == query.text
    embedded.store.query(text)  # Oxigraph parses it (a syntax error would raise)
    ours = [
        (node, depth)
        for node, depth in values_nodes(text)
        if node.res and set(node.res[0]) == {Variable(k) for k in bindings}
    ]
    assert len(ours) == 1
    node, projections = ours[0]
    assert len(node.res) == 1
    assert projections <= 1, "the VALUES block went into a subquery"
    # each use reads as the VALUES row does (rdflib undoes \u escapes first; Oxigraph, as the echo test
    # shows, reads both as the very term)
    first = query.parameters[0].name
    uses = len(re.findall(rf"\?{first}\b", query.text.split("WHERE", 1)[1]))
    assert constants(text).count(node.res[0][Variable(first)]) == uses + 1


@pytest.mark.parametrize(
    "iri", ["http://example.org/a> } DROP ALL ; <x", 'http://example.org/a"b', "http://x/a b"]
)
def test_an_iri_that_cannot_be_written_is_refused_with_a_store_error(iri, embedded, remote_store):
    for store in (embedded, remote_store):
        with pytest.raises(StoreError, match="value"):
            store.query(ECHO, {"value": URIRef(iri)})


def test_a_variable_name_that_is_not_one_is_refused(remote_store):
    with pytest.raises(StoreError, match="not a variable name"):
        remote_store.query(ECHO, {"value) {} } #": Literal("x")})


HEADERS = [
    "#+ title: Units\n#+ description: the units we address\n",
    "#+ title: Pairings\n#+ description: as constructed from the notice\n",
    "#+ title: Lines\n#+ description: lines that describe a task\n",
    "# Select the lines\n# with what they say, and drop the rest\n",
]


@pytest.mark.parametrize("header", HEADERS, ids=["address", "constructed", "describe", "drop"])
@pytest.mark.parametrize(
    "form",
    [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s a dk:Province ; ?p ?o }",
        "ASK { ?s ?p ?o }",
    ],
    ids=["select", "construct", "ask"],
)
def test_comment_lines_never_change_what_the_remote_store_is_asked(header, form, embedded, remote_store):
    text = header + "PREFIX dk: <https://w3id.org/duikou/def#>\n" + form
    assert remote_store.query(text).comparable() == embedded.query(text).comparable()
