"""The namespaces of the graph, in one place.

Our vocabulary `DK` is a closed namespace (`DefinedNamespace` with `_fail = True`) listing every term that
`ontology/duikou.ttl` declares, so a misspelt term (`DK.Countyy`) raises `AttributeError` instead of quietly
minting an IRI nobody defined; a test keeps the list and the ontology equal.
"""

from functools import lru_cache

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    VANN,
    VOID,
    XSD,
    DefinedNamespace,
)

BASE = "https://w3id.org/duikou/"
ID = Namespace(BASE + "id/")
ONTOLOGY = URIRef(BASE + "def")

ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
LOCN = Namespace("http://www.w3.org/ns/locn#")
WD = Namespace("http://www.wikidata.org/entity/")


class DK(DefinedNamespace):
    """The duikou ontology, `https://w3id.org/duikou/def#`."""

    _NS = Namespace(BASE + "def#")
    _fail = True

    # Classes
    PolicyDocument: URIRef
    Notice: URIRef
    WorkPlan: URIRef
    Opinion: URIRef
    Section: URIRef
    Line: URIRef
    Programme: URIRef
    ProgrammePhase: URIRef
    SupportingUnit: URIRef
    LeadDepartment: URIRef
    AdministrativeDivision: URIRef
    Province: URIRef
    PrefectureCity: URIRef
    County: URIRef
    RecipientCounty: URIRef
    SourceGraph: URIRef
    DevelopmentZone: URIRef
    Assignment: URIRef
    Source: URIRef
    FormerDivisionCode: URIRef
    CodeListEntry: URIRef
    CategoryPeriod: URIRef

    # Object properties
    supports: URIRef
    supportedBy: URIRef
    supportingUnit: URIRef
    recipient: URIRef
    includesArea: URIRef
    establishedBy: URIRef
    phase: URIRef
    phaseOf: URIRef
    followsPhase: URIRef
    category: URIRef
    administeredBy: URIRef
    hasDuty: URIRef
    countyType: URIRef
    inCity: URIRef
    inProvince: URIRef
    withinDivision: URIRef
    issuer: URIRef
    approvedBy: URIRef
    addressee: URIRef
    issuesPlan: URIRef
    implements: URIRef
    hasSection: URIRef
    hasLine: URIRef
    headingLine: URIRef
    mentions: URIRef
    formerCode: URIRef
    replacedBy: URIRef
    codeListEntry: URIRef
    periodOf: URIRef
    periodCategory: URIRef
    dateKind: URIRef

    # Datatype properties
    nameInNotice: URIRef
    acronym: URIRef
    statisticalCode: URIRef
    statedRecipientCount: URIRef
    statedUnitCount: URIRef
    statedLeadCount: URIRef
    statedPairedUnitCount: URIRef
    publicationStatus: URIRef
    sectionNumber: URIRef
    lineNumber: URIRef
    text: URIRef
    order: URIRef
    positionOnLine: URIRef
    leadPosition: URIRef
    quote: URIRef
    startYear: URIRef
    endYear: URIRef
    recordedName: URIRef
    introducedIn: URIRef
    withdrawnIn: URIRef
    publishedIn: URIRef
    startDate: URIRef


PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "dk": DK,
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "eli": ELI,
    "schema": SCHEMA,
    "locn": LOCN,
    "time": TIME,
    "dcat": DCAT,
    "void": VOID,
    "vann": VANN,
    "foaf": FOAF,
    "sh": SH,
    "wd": WD,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on `graph` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, str(namespace), override=True, replace=True)
    return graph


def used_prefixes(graph: Graph) -> dict[str, str]:
    """The project's prefixes that some IRI of `graph` (a term, or a literal's datatype) starts with: a
    JSON-LD context naming only what the document uses."""
    terms = {term for triple in graph for term in triple}
    iris = {str(t) for t in terms if isinstance(t, URIRef)}
    iris |= {str(t.datatype) for t in terms if isinstance(t, Literal) and t.datatype}
    return {
        prefix: str(namespace)
        for prefix, namespace in PREFIXES.items()
        if any(iri.startswith(str(namespace)) for iri in iris)
    }


@lru_cache(maxsize=4096)
def compact(iri: str) -> str:
    """`skos:notation` for an IRI under one of `PREFIXES` (the longest namespace that fits), else the IRI
    unchanged. Kept: a page asks for the same few dozen properties and classes many times."""
    best, name = "", iri
    for prefix, namespace in PREFIXES.items():
        base = str(namespace)
        if iri.startswith(base) and len(base) > len(best) and len(iri) > len(base):
            best, name = base, f"{prefix}:{iri[len(base) :]}"
    return name


def expand(curie: str) -> str:
    """`dk:County` → the full IRI, for a prefix of `PREFIXES`; anything else unchanged."""
    prefix, colon, local = curie.partition(":")
    namespace = PREFIXES.get(prefix) if colon else None
    return str(namespace) + local if namespace is not None else curie
