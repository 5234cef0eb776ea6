"""How bound values enter query text: in a VALUES block at the start of the outer WHERE group, and as
escaped constants where that group uses their variable (and subqueries that share it); never in a comment,
IRI, string or a subquery whose variable is its own, never where only a variable may stand; and with the
answers the VALUES block alone gives, for the named queries that do not need the constant."""

import pytest
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from graph.errors import StoreError
from graph.store.named import catalogue
from graph.store.sparql_text import WHERE, blank, inject_values, values_block
from helpers.algebra import nodes_of
from helpers.examples import required_values

NAMED = {**catalogue().all(), **catalogue().ui()}
PARAMETERISED = sorted(name for name, query in NAMED.items() if query.parameters)
IRI = URIRef("https://w3id.org/duikou/id/unit/mof")
ZH = Literal("zh")


def values_only(text: str, bindings: dict) -> str:
    """The query with only a VALUES block at the start of its outer group (how values were bound before)."""
    where = WHERE.search(blank(text))
    return text[: where.end()] + " " + values_block(bindings) + " " + text[where.end() :]


BLOCK = values_block({"iri": IRI})


def body(text: str) -> str:
    """What follows the VALUES block (each constant is written with a space either side)."""
    return text.split(") } ", 1)[1]


# -- where constants go ---------------------------------------------------------------------------------


def test_uses_in_the_outer_group_become_constants_and_the_projection_stays_a_variable():
    text = inject_values(
        "SELECT ?iri ?o WHERE { ?iri ?p ?o . FILTER(?o != $iri) } ORDER BY ?iri", {"iri": IRI}
    )
    assert text == (
        f"SELECT ?iri ?o WHERE {{ VALUES (?iri) {{ ({IRI.n3()}) }}   {IRI.n3()}  ?p ?o . "
        f"FILTER(?o !=  {IRI.n3()} ) }} ORDER BY ?iri"
    )


def test_a_construct_template_keeps_its_variable():
    text = inject_values("CONSTRUCT { ?iri ?p ?o } WHERE { ?iri ?p ?o }", {"iri": IRI})
    assert text.startswith("CONSTRUCT { ?iri ?p ?o } WHERE") and body(text) == f"  {IRI.n3()}  ?p ?o }}"


@pytest.mark.parametrize(
    "kept",
    [
        "# about ?iri\n",
        '"?iri" ',
        "'?iri' ",
        '"""two\nlines ?iri""" ',
        "'''two\nlines ?iri''' ",
        "<http://example.org/?iri> ",
        "?iriX ",
        "?iri_2 ",
    ],
)
def test_comments_strings_iris_and_longer_names_are_not_uses(kept):
    text = inject_values(f"SELECT * WHERE {{ {kept}?s ?p ?o }}", {"iri": IRI})
    assert body(text) == f" {kept}?s ?p ?o }}"


SUBQUERIES = [  # (the subquery, whether it shares ?iri with the outer group so a constant can go in)
    ("SELECT ?o WHERE { ?iri ?p ?o }", False),  # its ?iri is its own
    ("SELECT (?iri AS ?x) WHERE { ?iri ?p ?o }", False),
    ("SELECT ?iri WHERE { ?iri ?p ?o }", True),
    ("SELECT DISTINCT * WHERE { ?iri ?p ?o }", True),
    ("SELECT ?iri ?o WHERE { ?iri ?p ?o } ORDER BY ?o", True),
    ("SELECT ?iri ?o WHERE { ?iri ?p ?o } LIMIT 1", False),  # the first of all, not the first of ?iri
    ("SELECT ?iri ?o WHERE { ?iri ?p ?o } ORDER BY ?o OFFSET 2", False),
    ("SELECT ?iri (COUNT(*) AS ?n) WHERE { ?iri ?p ?o } GROUP BY ?iri", True),
    ("SELECT ?iri (COUNT(*) AS ?n) WHERE { ?iri ?p ?o } GROUP BY ?p ?iri HAVING(COUNT(*) > 1)", True),
    ("SELECT ?iri (COUNT(*) AS ?n) WHERE { ?iri ?p ?o } GROUP BY ?p ORDER BY ?iri", False),
    ("SELECT (SAMPLE(?iri) AS ?one) WHERE { ?iri ?p ?o }", False),
]


@pytest.mark.parametrize("subquery, shared", SUBQUERIES)
def test_a_subquery_takes_the_constant_only_where_it_gives_the_same_rows(subquery, shared):
    text = inject_values(f"SELECT * WHERE {{ ?iri a ?c . {{ {subquery} }} }}", {"iri": IRI})
    inner = subquery.replace("{ ?iri", f"{{ {BLOCK}   {IRI.n3()} ") if shared else subquery
    assert body(text) == f"  {IRI.n3()}  a ?c . {{ {inner} }} }}"


def test_a_subquery_that_shares_a_variable_binds_it_too():
    """Its group no longer binds it (the constant stands there): a VALUES block does, so that the subquery
    projects it bound (an unbound one joins on Oxigraph, not on Virtuoso)."""
    text = inject_values(
        "SELECT * WHERE { { SELECT ?iri (COUNT(*) AS ?n) WHERE { ?iri ?p ?o } GROUP BY ?iri } }", {"iri": IRI}
    )
    assert text.count(BLOCK) == 2 and f"WHERE {{ {BLOCK}   {IRI.n3()}  ?p ?o }} GROUP BY ?iri" in text


def test_a_subquery_in_a_subquery_shares_only_what_each_projects():
    iri = f" {IRI.n3()} "
    query = (
        "SELECT * WHERE { { SELECT ?iri WHERE { { SELECT ?iri WHERE { ?iri ?p ?o } } ?iri ?q ?r } } "
        "{ SELECT ?n WHERE { { SELECT ?iri ?n WHERE { ?iri ?p ?n } } } } }"
    )
    assert body(inject_values(query, {"iri": IRI})) == (
        f" {{ SELECT ?iri WHERE {{ {BLOCK}  {{ SELECT ?iri WHERE {{ {BLOCK}  {iri} ?p ?o }} }} "
        f"{iri} ?q ?r }} }} "
        "{ SELECT ?n WHERE { { SELECT ?iri ?n WHERE { ?iri ?p ?n } } } } }"
    )


@pytest.mark.parametrize(
    "query, term",
    [
        ("SELECT * WHERE { ?s ?p ?o BIND(?o AS ?iri) FILTER(?iri) }", IRI),
        ("SELECT * WHERE { ?iri ?p ?o FILTER(BOUND(?iri)) }", IRI),
        ("SELECT * WHERE { ?iri ?p ?o FILTER(bound( ?iri )) }", IRI),
        ("SELECT * WHERE { VALUES ?iri { <http://example.org/a> } ?iri ?p ?o }", IRI),
        ("SELECT * WHERE { VALUES (?x ?iri) { (1 2) } ?iri ?p ?o }", IRI),
        ("SELECT * WHERE { GRAPH ?iri { ?s ?p ?iri } }", ZH),
        ("SELECT * WHERE { SERVICE SILENT ?iri { ?s ?p ?iri } }", ZH),
    ],
)
def test_where_only_a_variable_may_stand_the_values_block_alone_binds_it(query, term):
    assert inject_values(query, {"iri": term}) == values_only(query, {"iri": term})


def test_an_iri_may_name_a_graph():
    text = inject_values("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": IRI})
    assert body(text) == f" GRAPH  {IRI.n3()}  {{ ?s ?p ?o }} }}"


def test_one_variable_left_to_the_values_block_does_not_hold_back_the_others():
    text = inject_values(
        "SELECT * WHERE { ?iri ?p ?o FILTER(BOUND(?iri) && LANG(?o) = ?lang) }", {"iri": IRI, "lang": ZH}
    )
    assert body(text) == ' ?iri ?p ?o FILTER(BOUND(?iri) && LANG(?o) =  "zh" ) }'


def test_a_query_without_a_group_is_refused():
    with pytest.raises(StoreError, match="no group pattern"):
        inject_values("DESCRIBE <http://example.org/a>", {"iri": IRI})


# -- escaping -------------------------------------------------------------------------------------------

ATTACKS = [
    Literal('"} } UNION { ?s ?p ?o } #'),
    Literal("line\n# not a comment\n} } ?value"),
    Literal("x\"\"\"y'''z"),
    Literal("ends with a backslash\\"),
    Literal('zh "tagged" }', lang="zh"),
    Literal("?value $value"),
    Literal("42", datatype=XSD.integer),
    URIRef("http://example.org/a#b?value=%7D"),
]


@pytest.mark.parametrize("term", ATTACKS, ids=repr)
def test_hostile_values_are_one_constant_each_and_come_back_unchanged(term, embedded_store):
    query = "SELECT ?value ?same ?echo WHERE { BIND(?value AS ?echo) BIND(?value = ?echo AS ?same) }"
    text = inject_values(query, {"value": term})
    assert text.count(term.n3()) == 3  # the VALUES row and the two uses, each written once
    assert embedded_store.query(text).rows == [(term, Literal(True), term)]
    assert embedded_store.query(query, {"value": term}).rows == [(term, Literal(True), term)]


@pytest.mark.parametrize("iri", ["http://example.org/a> } DROP ALL ; <x", "http://example.org/a b"])
def test_an_iri_that_could_close_its_brackets_is_refused(iri):
    with pytest.raises(StoreError, match="can be written safely"):
        inject_values("SELECT * WHERE { ?iri ?p ?o }", {"iri": URIRef(iri)})


def test_a_variable_name_that_is_not_one_is_refused():
    with pytest.raises(StoreError, match="not a variable name"):
        inject_values("SELECT * WHERE { ?s ?p ?o }", {"o) } #": IRI})


# -- the named queries mean what they meant --------------------------------------------------------------

ENTITIES = sorted(
    {p.default for q in NAMED.values() for p in q.parameters if p.type == "iri" and p.default}
    | {v for q in NAMED.values() for v in required_values(q).values()}
)


def cases(query) -> list[dict]:
    """Defaults, English, and every IRI some query takes by default in each IRI parameter."""
    given = required_values(query)
    found = [given]
    names = {p.name: p for p in query.parameters}
    if "lang" in names:
        found.append({**given, "lang": "en"})
    for parameter in names.values():
        if parameter.type == "iri":
            found += [{**given, parameter.name: iri} for iri in ENTITIES if iri != parameter.default]
    return found


@pytest.mark.parametrize("name", PARAMETERISED)
def test_constants_give_the_answer_the_values_block_gives(name, embedded_store):
    query = NAMED[name]
    for values in cases(query):
        bindings = query.bindings(values)
        ours = embedded_store.query(inject_values(query.text, bindings))
        before = embedded_store.query(values_only(query.text, bindings))
        assert ours.comparable() == before.comparable(), values


def pattern_variables(text: str) -> set:
    """The variables of the query's triple patterns, FILTER, BIND and OPTIONAL conditions (not of its
    projections, groupings or VALUES blocks)."""
    found = set()

    def walk(node):
        if isinstance(node, CompValue):
            if node.name == "BGP":
                found.update(nodes_of(node.triples, (Variable,)))
            elif node.name != "Group" and node.get("expr") is not None:
                found.update(nodes_of(node.expr, (Variable,)))
            for key, child in node.items():
                if key != "expr":
                    walk(child)
        elif isinstance(node, (list, tuple)):
            for child in node:
                walk(child)

    walk(translateQuery(parseQuery(text)).algebra)
    return found


@pytest.mark.parametrize("name", PARAMETERISED)
def test_every_parameter_of_a_named_query_becomes_a_constant(name):
    query = NAMED[name]
    parameters = {Variable(p.name) for p in query.parameters}
    bindings = query.bindings(required_values(query))
    assert pattern_variables(values_only(query.text, bindings)) >= parameters
    assert not pattern_variables(inject_values(query.text, bindings)) & parameters
