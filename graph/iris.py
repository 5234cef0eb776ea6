"""Mint every IRI of the graph in one place: published IRIs are forever, so their patterns live here only."""

from rdflib import URIRef

from graph.namespaces import BASE, ID


def unit(slug: str) -> URIRef:
    return ID[f"unit/{slug}"]


def division(code: str) -> URIRef:
    return ID[f"division/{code}"]


def zone(code: str) -> URIRef:
    return ID[f"zone/{code}"]


def document(slug: str) -> URIRef:
    return ID[f"document/{slug}"]


def line(document_slug: str, number: int) -> URIRef:
    """A line of a document's text, by its number in the source file."""
    return ID[f"document/{document_slug}/line/{number}"]


def section(document_slug: str, path: str) -> URIRef:
    """A section of a document's plan, by its path (`2-1`: the first sub-item of item two)."""
    return ID[f"document/{document_slug}/section/{path}"]


def assignment(document_slug: str, unit_slug: str) -> URIRef:
    """A pairing a document establishes for one unit."""
    return ID[f"assignment/{document_slug}/{unit_slug}"]


def scheme(slug: str) -> URIRef:
    return ID[f"concept/{slug}"]


def concept(scheme_slug: str, slug: str) -> URIRef:
    return ID[f"concept/{scheme_slug}/{slug}"]


def source(slug: str) -> URIRef:
    return ID[f"source/{slug}"]


def graph(slug: str) -> URIRef:
    """A named graph holding one source's statements (`graph/def`: the ontology)."""
    return URIRef(f"{BASE}graph/{slug}")


def organization(slug: str) -> URIRef:
    return ID[f"organization/{slug}"]


def change(slug: str) -> URIRef:
    """An organisational change (org:ChangeEvent), by `{year}-{slug}`: `2023-cbirc-nfra`."""
    return ID[f"change/{slug}"]


def category_period(change_slug: str, organization_slug: str) -> URIRef:
    """The category an organisation has from a change on (dk:CategoryPeriod)."""
    return ID[f"change/{change_slug}/category/{organization_slug}"]


def programme(slug: str = "gannan") -> URIRef:
    return ID[f"programme/{slug}"]


def phase(key: str, programme_slug: str = "gannan") -> URIRef:
    return ID[f"programme/{programme_slug}/phase/{key}"]


DATASET = ID["dataset/duikou"]
CATALOG = ID["catalog"]  # the catalogue a server lists the dataset in (webui: from its settings)
SERVICE = ID["service/sparql"]  # the SPARQL endpoint, as a DCAT data service
DATA_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")  # the licence of our data


def division_code(code: str) -> URIRef:
    """A former GB/T 2260 code, (a code no longer in use on the notice date)."""
    return ID[f"division-code/{code}"]


def dataset(slug: str) -> URIRef:
    """A dataset: ours (`duikou`) or one we link to (`nbs-2023`, `wikidata`)."""
    return ID[f"dataset/{slug}"]


def nbs_entry(code: str, edition: str = "nbs-2023") -> URIRef:
    """The entry for a 6-digit code in the NBS statistical division codes: there is no official IRI scheme."""
    return ID[f"dataset/{edition}/code/{code}"]


def linkset(target: str) -> URIRef:
    """The links from our dataset to one target dataset, as a void:Linkset."""
    return ID[f"dataset/duikou/linkset/{target}"]
