"""The SPARQL 1.1 Service Description of the endpoint, and the example queries its HTML page links to
(each with the key of its title in the string table)."""

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID, XSD, DefinedNamespace

from graph.store.dataset import GRAPHS

FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


class SD(DefinedNamespace):
    """The terms of the SPARQL Service Description vocabulary that we use."""

    _NS = Namespace("http://www.w3.org/ns/sparql-service-description#")
    _fail = True
    Service: URIRef
    Dataset: URIRef
    Graph: URIRef
    NamedGraph: URIRef
    endpoint: URIRef
    supportedLanguage: URIRef
    SPARQL11Query: URIRef
    resultFormat: URIRef
    feature: URIRef
    UnionDefaultGraph: URIRef
    BasicFederatedQuery: URIRef
    defaultDataset: URIRef
    defaultGraph: URIRef
    namedGraph: URIRef
    name: URIRef
    graph: URIRef


EXAMPLES = (
    (
        "sparql.example.pairings",
        "json",
        """\
PREFIX dk: <https://w3id.org/duikou/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?unit ?county WHERE {
  ?u dk:supports ?c ; skos:prefLabel ?unit .
  ?c skos:prefLabel ?county .
  FILTER(lang(?unit) = "zh" && lang(?county) = "zh")
} ORDER BY ?county ?unit""",
    ),
    (
        "sparql.example.graphs",
        "csv",
        """\
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph""",
    ),
    (
        "sparql.example.ruijin",
        "ttl",
        """\
DESCRIBE <https://w3id.org/duikou/id/division/360781>""",
    ),
)


def description(endpoint: str, sizes: dict[str, int], federated: bool) -> Graph:
    """The sd:Service at `endpoint`: language, result formats, features, and the dataset with its sizes."""
    graph = Graph(bind_namespaces="core")
    graph.bind("sd", SD._NS)
    graph.bind("formats", FORMATS)
    graph.bind("void", VOID)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if federated:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    dataset, default = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(sum(sizes.values()), datatype=XSD.integer)))
    for name in GRAPHS:
        if not sizes.get(str(name)):  # a source graph the build left empty (no link verified yet) is not here
            continue
        named, inner = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, name))
        graph.add((named, SD.graph, inner))
        graph.add((inner, RDF.type, SD.Graph))
        graph.add((inner, VOID.triples, Literal(sizes.get(str(name), 0), datatype=XSD.integer)))
    return graph
