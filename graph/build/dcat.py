"""What data portals that harvest DCAT-AP 3 expect of the dataset's description, beyond VoID's counts.

The values come from the graph (the period, the places, the dates the sources state) or are fixed here
(keywords, themes): nothing is invented, and the same data gives the same description (no clock, no file
times). The classes of the values (dcterms:LicenseDocument, dcterms:Location, …) are stated because the
profile's range shapes check them.
"""

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from graph.namespaces import BASE, DK

EU = "http://publications.europa.eu/resource/authority/"
LANGUAGES = (URIRef(EU + "language/ZHO"), URIRef(EU + "language/ENG"))
# the EU data themes that fit, with their labels in that vocabulary (which has no Chinese ones)
THEMES = {
    URIRef(EU + "data-theme/GOVE"): "Government and public sector",
    URIRef(EU + "data-theme/REGI"): "Regions and cities",
}
THEME_SCHEME = URIRef(EU + "data-theme")
KEYWORDS = {
    "zh": ("对口支援", "赣南等原中央苏区", "革命老区", "中央国家机关", "江西", "福建", "国办发〔2021〕15号"),
    "en": (
        "counterpart support",
        "former Central Soviet Area",
        "old revolutionary base areas",
        "central state organs",
        "Jiangxi",
        "Fujian",
    ),
}
LANDING_PAGE = URIRef(BASE + "dataset")


def agent(d: Graph, name: str) -> BNode:
    """A publisher as DCAT-AP wants it: a foaf:Agent with a name, not a bare literal."""
    node = BNode()
    d.add((node, RDF.type, FOAF.Agent))
    d.add((node, FOAF.name, Literal(name)))
    return node


def describe_for_portals(d: Graph, graph: Graph, ds: URIRef, notice: URIRef) -> None:
    """Keywords, themes, places, period, dates and landing page of the dataset `ds`."""
    for lang, words in KEYWORDS.items():
        for word in words:
            d.add((ds, DCAT.keyword, Literal(word, lang=lang)))
    for theme, label in THEMES.items():
        d.add((ds, DCAT.theme, theme))
        d.add((theme, RDF.type, SKOS.Concept))
        d.add((theme, SKOS.prefLabel, Literal(label, lang="en")))
        d.add((theme, SKOS.inScheme, THEME_SCHEME))
    for language in LANGUAGES:
        d.add((ds, DCTERMS.language, language))
        d.add((language, RDF.type, DCTERMS.LinguisticSystem))
    # the places it covers: the recipient counties and their provinces
    for klass in (DK.Province, DK.RecipientCounty):
        for place in sorted(graph.subjects(RDF.type, klass), key=str):
            d.add((ds, DCTERMS.spatial, place))
            d.add((place, RDF.type, DCTERMS.Location))
    describe_period(d, graph, ds, notice)
    describe_dates(d, graph, ds, notice)
    d.add((ds, DCAT.landingPage, LANDING_PAGE))
    d.add((LANDING_PAGE, RDF.type, FOAF.Document))


def describe_period(d: Graph, graph: Graph, ds: URIRef, notice: URIRef) -> None:
    """The period the pairings are for, as the notice states it: the years of the phase it establishes
    (2021–2030). The notice gives years, not days, so the bounds are xsd:gYear, not invented dates."""
    for phase in sorted(graph.subjects(DK.establishedBy, notice), key=str):
        start, end = graph.value(phase, DK.startYear), graph.value(phase, DK.endYear)
        if (phase, RDF.type, DK.ProgrammePhase) not in graph or start is None or end is None:
            continue
        period = BNode()
        d.add((ds, DCTERMS.temporal, period))
        d.add((period, RDF.type, DCTERMS.PeriodOfTime))
        d.add((period, DCAT.startDate, Literal(str(start), datatype=XSD.gYear)))
        d.add((period, DCAT.endDate, Literal(str(end), datatype=XSD.gYear)))


def describe_dates(d: Graph, graph: Graph, ds: URIRef, notice: URIRef) -> None:
    """Dates from the data, so that a rebuild of the same data gives the same ones: issued is the date of
    the notice whose content the dataset publishes; modified the newest date a source or document of the
    graph states (the dataset holds nothing newer). Neither is when a build ran."""
    issued = graph.value(notice, DCTERMS.issued)
    if issued is not None:
        d.add((ds, DCTERMS.issued, issued))
    modified = data_version(graph)
    if modified is not None:
        d.add((ds, DCTERMS.modified, modified))


def data_version(graph: Graph) -> Literal | None:
    """The data's version: the newest date a source or document of the graph states (an xsd:date), which
    the dataset's dcterms:modified, the build record and the citations give; None if none states one."""
    dates = [
        o
        for p in (DCTERMS.date, DCTERMS.issued)
        for o in graph.objects(None, p)
        if isinstance(o, Literal) and o.datatype == XSD.date
    ]
    return max(dates, key=str) if dates else None
