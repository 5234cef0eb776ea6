"""/dataset.ttl is what DCAT-AP 3.0.1 harvesters expect: no violation of the profile's shapes (copied into
tests/fixtures/dcat-ap-3.0.1/), and the recommended properties that apply to a dataset like ours."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SH, VOID

from graph import iris
from graph.namespaces import DK
from webui import create_app
from webui.pages.dataset_catalog import VCARD

PROFILE = Path(__file__).parents[2] / "fixtures" / "dcat-ap-3.0.1"


@pytest.fixture(scope="module")
def served(client) -> Graph:
    response = client.get("/dataset.ttl")
    assert response.status_code == 200
    return Graph().parse(data=response.get_data(), format="turtle")


def violations(data: Graph, shapes: str) -> list[str]:
    """Each violation of one shapes file, as `focus path message` (empty: it conforms)."""
    _, report, _ = validate(data, shacl_graph=Graph().parse(PROFILE / shapes), inference="none")
    return [
        " ".join(str(report.value(r, p)) for p in (SH.focusNode, SH.resultPath, SH.resultMessage))
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    ]


@pytest.mark.parametrize("shapes", ["shapes.ttl", "range.ttl"])
def test_the_description_has_no_dcat_ap_violation(served, shapes):
    assert violations(served, shapes) == []


def test_a_publisher_given_as_text_is_a_violation(served):
    """The shapes do catch what was wrong before: a publisher that is a literal, not an agent."""
    broken = Graph() + served
    broken.add((iris.dataset("wikidata"), DCTERMS.publisher, Literal("Wikimedia Foundation")))
    assert any("wikidata" in v and "publisher" in v for v in violations(broken, "shapes.ttl"))


def test_the_recommended_properties_that_apply(served, built_graph):
    ds = iris.DATASET
    assert {k.language for k in served.objects(ds, DCAT.keyword)} == {"zh", "en"}
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE") in set(
        served.objects(ds, DCAT.theme)
    )
    spatial = set(served.objects(ds, DCTERMS.spatial))
    assert set(built_graph.subjects(RDF.type, DK.RecipientCounty)) <= spatial and len(spatial) == 45
    (period,) = served.objects(ds, DCTERMS.temporal)
    assert served.value(period, DCAT.startDate) == Literal("2021", datatype=XSD.gYear)
    assert served.value(period, DCAT.endDate) == Literal("2030", datatype=XSD.gYear)
    assert served.value(ds, DCTERMS.issued) == Literal("2021-04-21", datatype=XSD.date)
    assert served.value(ds, DCTERMS.modified) is not None
    assert served.value(ds, DCAT.landingPage) == URIRef("https://w3id.org/duikou/dataset")
    publisher = served.value(ds, DCTERMS.publisher)
    assert served.value(publisher, FOAF.name) == Literal("duikou project")
    contact = served.value(ds, DCAT.contactPoint)
    assert served.value(contact, VCARD.fn) == Literal("duikou project")
    assert served.value(contact, VCARD.hasURL) is None, "no address is known, so none is given"
    assert (iris.CATALOG, DCAT.dataset, ds) in served
    assert (iris.CATALOG, DCAT.service, iris.SERVICE) in served
    assert (iris.SERVICE, DCAT.servesDataset, ds) in served
    assert served.value(ds, VOID.sparqlEndpoint) == URIRef("http://localhost/sparql")
    assert served.value(iris.SERVICE, DCAT.endpointURL) == URIRef("http://localhost/sparql")


def test_publisher_contact_and_public_url_come_from_the_settings(built_dist):
    settings = {
        "DIST": built_dist,
        "PUBLISHER": "Example Archive",
        "CONTACT_URL": "https://example.org/contact",
        "PUBLIC_URL": "https://data.example.org/duikou/",
    }
    body = create_app(settings).test_client().get("/dataset.ttl").get_data()
    served = Graph().parse(data=body, format="turtle")
    ds = iris.DATASET
    assert served.value(served.value(ds, DCTERMS.publisher), FOAF.name) == Literal("Example Archive")
    contact = served.value(ds, DCAT.contactPoint)
    assert served.value(contact, VCARD.hasURL) == URIRef("https://example.org/contact")
    endpoint = URIRef("https://data.example.org/duikou/sparql")
    assert served.value(ds, VOID.sparqlEndpoint) == endpoint
    assert served.value(iris.SERVICE, DCAT.endpointURL) == endpoint
    assert violations(served, "shapes.ttl") == []


def test_the_description_does_not_change_when_the_same_data_is_rebuilt(built_dist, tmp_path):
    """Its dates come from the data, not from the build's clock or its files' times."""
    import os
    import shutil

    copy = shutil.copytree(built_dist, tmp_path / "dist")
    os.utime(copy / "void.ttl", (0, 0))
    os.utime(copy / "build.json", (0, 0))
    first = create_app({"DIST": built_dist}).test_client().get("/dataset.ttl").get_data()
    second = create_app({"DIST": copy}).test_client().get("/dataset.ttl").get_data()
    a, b = Graph().parse(data=first, format="turtle"), Graph().parse(data=second, format="turtle")
    for predicate in (DCTERMS.issued, DCTERMS.modified):
        assert a.value(iris.DATASET, predicate) == b.value(iris.DATASET, predicate)
