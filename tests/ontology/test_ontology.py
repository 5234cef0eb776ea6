"""The ontology: metadata, labels, definitions, the closed namespace, reused terms, OWL 2 RL consistency."""

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

from graph import paths
from graph.namespaces import DK, ELI, ID, ONTOLOGY

ONTOLOGY_FILE = paths.ONTOLOGY
DK_NS = str(DK)

# Vocabularies the ontology may build on. Those rdflib ships as closed namespaces are checked term by term;
# ELI is not shipped, so its terms are listed here from the ELI ontology (http://data.europa.eu/eli/ontology).
CLOSED_VOCABULARIES: tuple[type[DefinedNamespace], ...] = (RDF, RDFS, OWL, XSD, SKOS, DCTERMS, PROV, ORG, SDO)
ELI_TERMS = {
    ELI[name]
    for name in (
        "LegalResource",
        "LegalResourceSubdivision",
        "LegalExpression",
        "Format",
        "Agent",
        "has_part",
        "is_part_of",
        "has_member",
        "is_member_of",
        "applies",
        "applied_by",
        "based_on",
        "basis_for",
        "cites",
        "cited_by",
        "passed_by",
        "related_to",
        "is_about",
    )
}
AXIOM_PREDICATES = (
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    OWL.inverseOf,
    OWL.disjointWith,
    OWL.onProperty,
    OWL.equivalentClass,
    OWL.equivalentProperty,
)
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def dk_terms(graph: Graph) -> set[URIRef]:
    """Every dk: IRI the graph uses, in any position."""
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(DK_NS)
    }


def closure(graph: Graph) -> Graph:
    """Return a copy of `graph` expanded with the OWL 2 RL rules."""
    expanded = Graph()
    expanded += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(expanded)
    return expanded


def inconsistencies(expanded: Graph) -> list[str]:
    """List owlrl's recorded errors (`[] a err:ErrorMessage; err:error "..."`) and any owl:Nothing member."""
    messages = [
        str(m)
        for node in expanded.subjects(RDF.type, ERRNS.ErrorMessage)
        for m in expanded.objects(node, ERRNS.error)
    ]
    messages += [f"{x} is an owl:Nothing" for x in expanded.subjects(RDF.type, OWL.Nothing)]
    return messages


# Header


def test_ontology_header(ontology):
    assert set(ontology.subjects(RDF.type, OWL.Ontology)) == {ONTOLOGY}
    assert ontology.value(ONTOLOGY, OWL.versionIRI) == URIRef("https://w3id.org/duikou/def/0.1.0")
    assert ontology.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(ONTOLOGY, DCTERMS.creator) == Literal("duikou project")
    assert ontology.value(ONTOLOGY, DCTERMS.created) == Literal("2026-11-26", datatype=XSD.date)
    assert ontology.value(ONTOLOGY, DCTERMS.modified) == Literal("2026-11-26", datatype=XSD.date)
    for prop in (DCTERMS.title, DCTERMS.description):
        assert sorted(o.language for o in ontology.objects(ONTOLOGY, prop)) == ["en", "zh"]


def test_ontology_imports_nothing(ontology):
    assert not list(ontology.triples((None, OWL.imports, None)))


# Terms


def test_declared_terms_equal_closed_namespace(ontology):
    declared = {s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t) if str(s).startswith(DK_NS)}
    namespace = set(dir(DK))  # DefinedNamespace's dir() lists its terms as URIRefs
    assert declared == namespace
    assert dk_terms(ontology) == namespace, "a dk: IRI is used but not declared"


@pytest.mark.parametrize("term", sorted(dir(DK)))
def test_term_is_documented(ontology, term):
    assert len(set(ontology.objects(term, RDF.type)) & TERM_TYPES) == 1
    assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY
    for prop in (RDFS.label, SKOS.definition):
        values = list(ontology.objects(term, prop))
        assert sorted(v.language for v in values) == ["en", "zh"], (term, prop)


def test_closed_namespace_rejects_misspelt_term():
    assert DK.County == URIRef(DK_NS + "County")
    with pytest.raises(AttributeError):
        DK.Countyy  # noqa: B018


def test_reused_terms_exist(ontology):
    referenced = {
        o
        for p in AXIOM_PREDICATES
        for o in ontology.objects(None, p)
        if isinstance(o, URIRef) and not str(o).startswith(DK_NS)
    }
    unknown = {
        term
        for term in referenced
        if term not in ELI_TERMS and not any(term in vocabulary for vocabulary in CLOSED_VOCABULARIES)
    }
    assert referenced and not unknown


def test_functional_properties(ontology):
    assert set(ontology.subjects(RDF.type, OWL.FunctionalProperty)) == {
        DK.lineNumber,
        DK.recipient,
        DK.supportingUnit,
        DK.inCity,
        DK.inProvince,
        DK.periodOf,
        DK.periodCategory,
        DK.startDate,
    }
    restriction = next(r for r in ontology.objects(DK.Assignment, RDFS.subClassOf) if isinstance(r, BNode))
    assert ontology.value(restriction, OWL.onProperty) == DK.establishedBy
    assert ontology.value(restriction, OWL.maxCardinality).toPython() == 1


# Consistency under OWL 2 RL


def test_ontology_is_consistent(ontology):
    assert inconsistencies(closure(ontology)) == []


def test_sample_data_is_consistent(ontology):
    data = Graph()
    data += ontology
    unit, county = ID["unit/most"], ID["division/360721"]
    pairing, line = ID["assignment/test/most"], ID["document/test/line/1"]
    data.add((unit, DK.supports, county))
    data.add((unit, DK.nameInNotice, Literal("科技部", lang="zh")))
    data.add((unit, DK.acronym, Literal("MOST")))
    data.add((pairing, DK.supportingUnit, unit))
    data.add((pairing, DK.recipient, county))
    data.add((line, DK.lineNumber, Literal(1, datatype=XSD.positiveInteger)))
    data.add((line, DK.text, Literal("科技部、自然资源部——赣县区", lang="zh")))
    data.add((line, DK.mentions, unit))
    expanded = closure(data)
    assert inconsistencies(expanded) == []
    assert (county, DK.supportedBy, unit) in expanded
    assert (county, RDF.type, DK.RecipientCounty) in expanded
    assert (unit, RDF.type, ORG.Organization) in expanded


@pytest.mark.parametrize(
    "first, second",
    [
        (DK.Province, DK.County),
        (DK.Province, DK.PrefectureCity),
        (DK.PrefectureCity, DK.RecipientCounty),
        (DK.LeadDepartment, DK.County),
        (DK.Line, DK.Section),
    ],
)
def test_disjoint_classes_are_detected(ontology, first, second):
    data = Graph()
    data += ontology
    thing = ID["test/both"]
    data.add((thing, RDF.type, first))
    data.add((thing, RDF.type, second))
    errors = inconsistencies(closure(data))
    assert any("Disjoint classes" in e and str(thing) in e for e in errors), errors
