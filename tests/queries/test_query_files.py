"""Every query file is plain SPARQL with a full `#+` header; every named query answers with its defaults."""

import re

import pytest
from query_cases import CHECK_FILES, CHECKS, NAMED, QUERY_FILES, run
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery

from graph.paths import ONTOLOGY, QUERIES
from graph.store.dataset import ONTOLOGY_GRAPH
from graph.store.named import TYPES, load_query, parse_header
from graph.store.result import Result
from graph.store.sparql_text import WHERE, inject_values


@pytest.fixture(scope="module")
def with_ontology(built_sources) -> Dataset:
    """The built named graphs and the ontology's in one rdflib dataset whose default graph is their union:
    the embedded store, in rdflib."""
    dataset = Dataset(default_union=True)
    for name, graph in built_sources.graphs.items():
        dataset.graph(name).__iadd__(graph)
    dataset.graph(ONTOLOGY_GRAPH).parse(ONTOLOGY, format="turtle")
    return dataset


# -- the files -------------------------------------------------------------------------------------


def test_there_are_enough_queries_and_checks():
    assert len(NAMED) >= 22
    assert len(CHECKS) >= 6
    assert {p.stem for p in CHECK_FILES} == set(CHECKS), "every file in queries/checks/ ends in -violation.rq"


@pytest.mark.parametrize("path", QUERY_FILES + CHECK_FILES, ids=lambda p: p.relative_to(QUERIES).as_posix())
def test_header_is_complete(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#+ "), "the file starts with its #+ header"
    header = parse_header(text, path)
    for key in ("title", "description"):
        assert isinstance(header.get(key), dict), f"{key} is a mapping of language to text"
        assert {"zh", "en"} <= set(header[key]), f"{key} has zh and en"
        assert all(isinstance(v, str) and v.strip() for v in header[key].values())
    assert isinstance(header.get("tags"), list) and header["tags"]
    assert all(isinstance(tag, str) for tag in header["tags"])
    for name, spec in (header.get("parameters") or {}).items():
        assert spec.get("type") in TYPES, f"parameter {name}"
        assert spec.get("required") or spec.get("default") not in (None, ""), f"{name} has a default"
        assert {"zh", "en"} <= set(spec.get("description") or {}), f"{name} is described in zh and en"
    load_query(path)


@pytest.mark.parametrize("path", QUERY_FILES + CHECK_FILES, ids=lambda p: p.relative_to(QUERIES).as_posix())
def test_is_plain_sparql(path):
    """Parses as it stands (every prefix declared) and with its default values bound."""
    query = load_query(path)
    prepareQuery(query.text)
    if query.parameters:
        prepareQuery(inject_values(query.text, query.bindings()))


def outside_subqueries(text: str) -> str:
    """The text with every `{ SELECT ... }` block cut out (braces balanced)."""
    while match := re.search(r"\{\s*SELECT\b", text, re.IGNORECASE):
        depth, end = 0, match.start()
        for end in range(match.start(), len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        text = text[: match.start()] + text[end + 1 :]
    return text


@pytest.mark.parametrize("name", sorted(n for n, q in NAMED.items() if q.parameters))
def test_parameters_are_variables_of_the_outer_group(name):
    """The runner binds values at the first `WHERE {`: it must open the outer group, which uses every
    parameter (a VALUES block does not reach into a subquery)."""
    query = NAMED[name]
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    where = WHERE.search(body)
    assert where, "a parameterised query needs an explicit WHERE { for its outer group"
    before = body[: where.start()]
    assert before.count("{") == before.count("}"), "the first WHERE { is the outer query's"
    for parameter in query.parameters:
        assert re.search(rf"\?{parameter.name}\b", outside_subqueries(body[where.end() :])), (
            f"?{parameter.name} is used in the outer group"
        )


def test_checks_take_no_parameters_and_select_rows():
    for name, check in CHECKS.items():
        assert not check.parameters, name
        assert re.search(r"^\s*SELECT\b", check.text, re.MULTILINE), name


# -- every named query answers ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NAMED))
def test_runs_with_its_defaults(embedded_store, name):
    result = run(embedded_store, name)
    if result.kind == "boolean":
        assert result.boolean is True
    elif result.kind == "graph":
        assert len(result.graph) > 0
    else:
        assert result.rows, f"{name} gives no row with its defaults"


def has_label(graph: Graph, term: URIRef, lang: str) -> bool:
    labels = (o for p in (SKOS.prefLabel, RDFS.label, DCTERMS.title) for o in graph.objects(term, p))
    return any(label.language == lang for label in labels)


LANG_QUERIES = sorted(n for n, q in NAMED.items() if "lang" in {p.name for p in q.parameters})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", LANG_QUERIES)
def test_label_columns_are_in_the_chosen_language(embedded_store, with_ontology, name, lang):
    """Wherever a column `x` has a label column `xLabel` and `x` has a label in `lang`, the label is there
    (a label OPTIONAL nested in another cannot see ?lang, and quietly gives nothing)."""
    result = run(embedded_store, name, {"lang": lang})
    if result.kind != "bindings":
        return
    pairs = [(v[:-5], v) for v in result.variables if v.endswith("Label") and v[:-5] in result.variables]
    for row in result.dicts():
        for thing, label in pairs:
            if isinstance(row.get(thing), URIRef) and has_label(with_ontology, row[thing], lang):
                assert label in row and row[label].language == lang, f"{label} of {row[thing]}"


INTEGER_TYPES = {XSD.integer, XSD.positiveInteger, XSD.nonNegativeInteger, XSD.int, XSD.long}


def portable(result) -> object:
    """A result with what engines may legitimately differ on made equal: derived integer datatypes
    (Oxigraph answers xsd:integer for xsd:positiveInteger data), the case of language tags, the order inside
    a GROUP_CONCAT, row order. Lexical forms only: rdflib's Python values depend on global converters."""

    def norm(term):
        if term is None:
            return None
        if isinstance(term, Literal):
            if term.datatype in INTEGER_TYPES:
                return ("integer", str(int(str(term))))
            text = "; ".join(sorted(str(term).split("; ")))
            return (str(term.datatype or ""), text, (term.language or "").lower())
        return term.n3()

    if result.kind == "boolean":
        return result.boolean
    if result.kind == "graph":
        return sorted(tuple(map(str, map(norm, t))) for t in result.graph)
    return sorted(tuple(str(norm(t)) for t in row) for row in result.rows)


@pytest.mark.parametrize("name", sorted(NAMED))
def test_rdflib_gives_the_same_answer(embedded_store, with_ontology, name):
    """The query means the same on a second SPARQL engine (rdflib's), so it is not tied to Oxigraph."""
    query = NAMED[name]
    text = inject_values(query.text, query.bindings()) if query.parameters else query.text
    theirs = with_ontology.query(text)
    if theirs.type == "ASK":
        other = Result("boolean", boolean=theirs.askAnswer)
    elif theirs.type == "CONSTRUCT":
        other = Result("graph", graph=theirs.graph)
    else:
        rows = [tuple(row) for row in theirs]
        other = Result("bindings", variables=[str(v) for v in theirs.vars], rows=rows)
    assert portable(run(embedded_store, name)) == portable(other)
