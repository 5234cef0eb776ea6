"""The named graphs every store holds: the built data and the ontology; queries see their union."""

from rdflib import URIRef

DATA_GRAPH = URIRef("https://w3id.org/duikou/graph/guobanfa-2021-15")
ONTOLOGY_GRAPH = URIRef("https://w3id.org/duikou/graph/def")
GRAPHS = (DATA_GRAPH, ONTOLOGY_GRAPH)
