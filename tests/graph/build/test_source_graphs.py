"""Every statement knows its source: each triple is in the one named graph of the source that states it, each
graph is described in the data, and the checks that see the named graphs speak up when that breaks."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from graph import iris
from graph.build.assemble import Built
from graph.build.checks import describe, failed_checks
from graph.namespaces import DK

NOTICE = iris.graph("guobanfa-2021-15")
STRUCTURE = iris.graph("gov-cn-structure")
CODES = iris.graph("division-codes")
TRANSLATION = iris.graph("duikou-translation")
PINYIN = iris.graph("hanyu-pinyin")
ABOUT = iris.graph("duikou")
MOF, RUIJIN = iris.unit("mof"), iris.division("360781")
DOCUMENT = iris.document("guobanfa-2021-15")


def graph_of(built: Built, triple) -> list[URIRef]:
    return sorted(name for name, graph in built.graphs.items() if triple in graph)


def test_each_triple_is_in_exactly_one_graph(built_sources):
    sizes = {name: len(graph) for name, graph in built_sources.graphs.items()}
    assert sum(sizes.values()) == len(built_sources.union)
    assert all(str(name).startswith("https://w3id.org/duikou/graph/") for name in sizes)


@pytest.mark.parametrize(
    "triple, graph",
    [
        # what the notice says: the pairing, the support, the name it uses, the count it states
        ((iris.assignment("guobanfa-2021-15", "mof"), DK.recipient, RUIJIN), NOTICE),
        ((MOF, DK.supports, RUIJIN), NOTICE),
        ((MOF, DK.nameInNotice, Literal("财政部", lang="zh")), NOTICE),
        ((MOF, RDF.type, DK.SupportingUnit), NOTICE),
        ((RUIJIN, RDF.type, DK.RecipientCounty), NOTICE),
        # what the curated source says: who the unit is
        ((MOF, SKOS.prefLabel, Literal("Ministry of Finance", lang="en")), STRUCTURE),
        (
            (MOF, DK.category, iris.concept("unit-category", "state-council-constituent-department")),
            STRUCTURE,
        ),
        # the national codes, the romanisation, the translations
        ((RUIJIN, SKOS.notation, Literal("360781")), CODES),
        ((RUIJIN, DK.inCity, iris.division("360700")), CODES),
        ((RUIJIN, SKOS.prefLabel, Literal("瑞金市", lang="zh")), CODES),
        ((RUIJIN, SKOS.prefLabel, Literal("Ruijin City", lang="en")), PINYIN),
        (
            (
                iris.section("guobanfa-2021-15", "1"),
                DCTERMS.title,
                Literal("General requirements", lang="en"),
            ),
            TRANSLATION,
        ),
        # the dataset's description of itself
        ((NOTICE, RDF.type, DK.SourceGraph), ABOUT),
        ((NOTICE, PROV.wasDerivedFrom, DOCUMENT), ABOUT),
    ],
)
def test_a_statement_is_in_its_sources_graph(built_sources, triple, graph):
    assert graph_of(built_sources, triple) == [graph]


def test_a_documents_title_is_the_notices_and_its_english_the_translations(built_sources):
    titles = {title.language: title for title in built_sources.union.objects(DOCUMENT, DCTERMS.title)}
    assert graph_of(built_sources, (DOCUMENT, DCTERMS.title, titles["zh"])) == [NOTICE]
    assert graph_of(built_sources, (DOCUMENT, DCTERMS.title, titles["en"])) == [TRANSLATION]


def test_every_graph_is_described_with_its_sources(built_sources):
    union = built_sources.union
    for name in built_sources.graphs:
        assert (name, RDF.type, DK.SourceGraph) in union, name
        sources = set(union.objects(name, DCTERMS.source))
        assert sources and all((s, RDF.type, DK.Source) in union for s in sources), name
    assert set(union.objects(CODES, DCTERMS.source)) == {iris.source("nbs-2023"), iris.source("areacodes")}
    assert set(union.objects(NOTICE, DCTERMS.source)) == {iris.source("notice")}


def test_only_graphs_that_hold_statements_are_described(built_sources):
    """A described graph is there to be found with GRAPH ?g: the ontology's (loaded beside the data) or one
    the build filled; a source whose graph is still empty (no verified link yet) describes none."""
    described = set(built_sources.union.subjects(RDF.type, DK.SourceGraph))
    assert described == set(built_sources.graphs) | {iris.graph("def")}


def broken(built: Built, graph: URIRef, *triples) -> Built:
    """A copy of the build with `triples` added to `graph` (a new graph if need be)."""
    graphs = {name: Graph() + g for name, g in built.graphs.items()}
    target = graphs.setdefault(graph, Graph())
    for triple in triples:
        target.add(triple)
    union = Graph() + built.union
    for triple in triples:
        union.add(triple)
    return Built(union, graphs)


def test_the_checks_are_silent_on_the_build(built_sources):
    assert failed_checks(built_sources) == []


@pytest.mark.parametrize(
    "check, graph, triples",
    [
        ("triple-in-two-graphs-violation", STRUCTURE, [(MOF, DK.supports, RUIJIN)]),
        ("graph-not-described-violation", iris.graph("undescribed"), [(MOF, SKOS.note, Literal("x"))]),
        ("support-outside-notice-graph-violation", STRUCTURE, [(MOF, DK.supports, iris.division("360702"))]),
        ("support-outside-notice-graph-violation", ABOUT, [(iris.unit("ndrc"), DK.supports, RUIJIN)]),
    ],
    ids=["two-graphs", "undescribed", "support-in-curated-graph", "support-without-assignment"],
)
def test_each_graph_check_fires(built_sources, check, graph, triples):
    failed = failed_checks(broken(built_sources, graph, *triples))
    assert check in [c.name for c, _ in failed]
    message = describe(failed)
    assert check in message and "row(s)" in message
