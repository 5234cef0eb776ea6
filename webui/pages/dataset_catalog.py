"""What the server adds to the build's VoID/DCAT description: the catalogue, the publisher, the contact point
and the SPARQL endpoint as a DCAT data service.

These depend on who serves the data and where (the settings PUBLISHER, CONTACT_URL and PUBLIC_URL), not on
the data, so the build's `void.ttl` leaves them out and /dataset adds them. Together they are what DCAT-AP
3 asks a harvested catalogue to say (tests/fixtures/dcat-ap-3.0.1/).
"""

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID

from graph import iris
from graph.build.dcat import LANDING_PAGE, LANGUAGES, THEME_SCHEME, agent

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
TITLES = {
    iris.CATALOG: ("duikou 数据目录", "duikou data catalogue"),
    iris.SERVICE: ("duikou SPARQL 查询服务", "duikou SPARQL endpoint"),
}
DESCRIPTIONS = {
    iris.CATALOG: (
        "本站发布的关联数据集：国办发〔2021〕15号对口支援知识图谱。",
        "The linked dataset this site publishes: the counterpart-support knowledge graph of Guobanfa "
        "[2021] No. 15.",
    ),
    iris.SERVICE: (
        "只读的 SPARQL 1.1 查询端点，查询整个数据集（默认图为各来源命名图的并集）。",
        "A read-only SPARQL 1.1 Protocol endpoint over the whole dataset (the default graph is the union "
        "of the sources' named graphs).",
    ),
}


def with_catalog(void: Graph, publisher: str, contact_url: str, endpoint: str) -> Graph:
    """A copy of `void` with the catalogue that lists the dataset, its publisher and contact point, and the
    endpoint at `endpoint` that serves it."""
    d = Graph()
    for prefix, namespace in void.namespaces():
        d.bind(prefix, namespace)
    d.bind("vcard", VCARD)
    for triple in void:
        d.add(triple)
    ds, catalog, service = iris.DATASET, iris.CATALOG, iris.SERVICE
    who = agent(d, publisher)
    contact = contact_point(d, publisher, contact_url)
    for node, kind in ((catalog, DCAT.Catalog), (service, DCAT.DataService)):
        d.add((node, RDF.type, kind))
        for lang, title, description in zip(("zh", "en"), TITLES[node], DESCRIPTIONS[node], strict=True):
            d.add((node, DCTERMS.title, Literal(title, lang=lang)))
            d.add((node, DCTERMS.description, Literal(description, lang=lang)))
        d.add((node, DCTERMS.publisher, who))
        d.add((node, DCTERMS.license, iris.DATA_LICENSE))
    d.add((catalog, DCAT.dataset, ds))
    d.add((catalog, DCAT.service, service))
    d.add((catalog, FOAF.homepage, LANDING_PAGE))
    d.add((catalog, DCAT.themeTaxonomy, THEME_SCHEME))
    d.add((THEME_SCHEME, RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#ConceptScheme")))
    d.add((THEME_SCHEME, DCTERMS.title, Literal("Data theme", lang="en")))
    for language in LANGUAGES:
        d.add((catalog, DCTERMS.language, language))
    url = URIRef(endpoint)
    d.add((service, DCAT.endpointURL, url))
    d.add((service, DCAT.endpointDescription, url))  # the endpoint answers a query-less GET with its SD
    d.add((service, DCAT.servesDataset, ds))
    d.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    d.add((SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard))
    d.add((service, DCAT.contactPoint, contact))
    for predicate in (DCTERMS.issued, DCTERMS.modified):  # the catalogue lists one dataset, as of its dates
        for value in void.objects(ds, predicate):
            d.add((catalog, predicate, value))
    for predicate in (DCAT.keyword, DCAT.theme):
        for value in void.objects(ds, predicate):
            d.add((service, predicate, value))
    d.add((ds, DCTERMS.publisher, who))
    d.add((ds, DCAT.contactPoint, contact))
    d.add((ds, VOID.sparqlEndpoint, url))
    return d


def contact_point(d: Graph, name: str, url: str) -> BNode:
    """Whom to ask (a vcard:Kind named after the publisher) and, only when the setting gives one, where."""
    node = BNode()
    d.add((node, RDF.type, VCARD.Kind))
    d.add((node, VCARD.fn, Literal(name)))
    if url:
        d.add((node, VCARD.hasURL, URIRef(url)))
    return node
