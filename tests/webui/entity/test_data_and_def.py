"""Linked data: /data by suffix or Accept, the same graph in every format, the alternates a page names;
/def documents every term."""

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from graph.namespaces import DK, PREFIXES
from graph.paths import ONTOLOGY
from helpers.html_tree import parse_html
from helpers.linked import FORMATS, HTML, ID, check_alternates, check_mof, parse_rdf

# -- /data: RDF by suffix or Accept ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_data_by_suffix(client, fmt):
    response = client.get(f"/data/unit/mof.{fmt}")
    assert response.status_code == 200
    assert response.mimetype == FORMATS[fmt]
    assert response.headers["Content-Location"] == f"/data/unit/mof.{fmt}"
    check_alternates(response.headers["Link"], "/data/unit/mof", page="/page/unit/mof")
    check_mof(parse_rdf(response))


@pytest.mark.parametrize(
    "accept, fmt",
    [
        ("text/turtle", "ttl"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "jsonld"),
        ("application/rdf+xml", "rdf"),
        ("*/*", "ttl"),
        (None, "ttl"),
        ("text/html;q=0.9, application/ld+json;q=0.5", "jsonld"),
        ("application/n-triples;q=0.2, text/turtle;q=0.1", "nt"),
    ],
)
def test_data_by_accept(client, accept, fmt):
    response = client.get("/data/unit/mof", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == FORMATS[fmt]
    assert response.headers["Content-Location"] == f"/data/unit/mof.{fmt}"
    assert "Accept" in response.vary
    check_mof(parse_rdf(response))


def test_data_is_406_when_nothing_acceptable(client):
    for accept in ("text/html", "image/png", "application/sparql-results+json"):
        response = client.get("/data/unit/mof", headers={"Accept": accept})
        assert response.status_code == 406


def test_all_formats_carry_the_same_graph(client):
    graphs = [parse_rdf(client.get(f"/data/division/360781.{fmt}")) for fmt in sorted(FORMATS)]
    assert all(isomorphic(graphs[0], other) for other in graphs[1:])


def test_a_line_brings_what_it_states(client):
    graph = parse_rdf(client.get("/data/document/guobanfa-2021-15/line/26.ttl"))
    line = URIRef(ID + "document/guobanfa-2021-15/line/26")
    assert (line, DK.text, Literal("财政部、新华社——瑞金市", lang="zh")) in graph
    assert (
        URIRef(ID + "assignment/guobanfa-2021-15/xinhua"),
        URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
        line,
    ) in graph


def test_page_names_its_data(client):
    response = client.get("/page/unit/mof")
    check_alternates(response.headers["Link"], "/data/unit/mof", page=None)
    tree = parse_html(response.get_data(as_text=True))
    head = tree.find("head")
    alternates = {link.attrs["href"]: link.attrs["type"] for link in head.find_all("link", rel="alternate")}
    assert alternates == {f"/data/unit/mof.{fmt}": kind for fmt, kind in FORMATS.items()}


# -- /def ----------------------------------------------------------------------------------------------


def test_def_documents_every_term(client):
    response = client.get("/def?lang=en", headers={"Accept": HTML})
    assert response.status_code == 200 and "Accept" in response.vary
    tree = parse_html(response.get_data(as_text=True))
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    terms = {
        str(s).rsplit("#", 1)[1]
        for s in ontology.subjects(RDFS.isDefinedBy, URIRef("https://w3id.org/duikou/def"))
    }
    anchors = {a.attrs["id"] for a in tree.find_all("article", class_="term")}
    assert terms == anchors and {"County", "supports", "lineNumber"} <= anchors
    county = tree.find("article", id="County")
    assert "county-level division" in county.find("h3").text() and "县级行政区" in county.find("h3").text()
    assert county.find("p", lang="en") and county.find("p", lang="zh-Hans")
    assert "/def#AdministrativeDivision" in [a.attrs["href"] for a in county.find_all("a")]
    supports = tree.find("article", id="supports")
    hrefs = [a.attrs["href"] for a in supports.find_all("a")]
    assert "/def#SupportingUnit" in hrefs and "/def#RecipientCounty" in hrefs  # domain, range
    assert "/def#supports" in [a.attrs["href"] for a in tree.find("article", id="supportedBy").find_all("a")]


def test_term_iris_land_on_def_anchors(client):
    tree = parse_html(client.get("/page/division/360781").get_data(as_text=True))
    classes = [a.attrs["href"] for a in tree.find("p", class_="entity-classes").find_all("a")]
    assert "/def#County" in classes
    anchors = {
        a.attrs["id"] for a in parse_html(client.get("/def").get_data(as_text=True)).find_all("article")
    }
    assert {href.split("#")[1] for href in classes if href.startswith("/def#")} <= anchors


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_def_as_rdf(client, fmt):
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    by_suffix = client.get(f"/def.{fmt}")
    by_accept = client.get("/def", headers={"Accept": FORMATS[fmt]})
    for response in (by_suffix, by_accept):
        assert response.status_code == 200 and response.mimetype == FORMATS[fmt]
        assert response.headers["Content-Location"] == f"/def.{fmt}"
        assert isomorphic(parse_rdf(response), ontology)
        check_alternates(response.headers["Link"], "/def", page="/def")
    assert "Accept" in by_accept.vary
    if fmt == "ttl":
        assert by_suffix.get_data() == ONTOLOGY.read_bytes(), "the published file, byte for byte"


def test_def_and_dataset_are_406_for_nothing_they_have(client):
    for path in ("/def", "/dataset"):
        assert client.get(path, headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    "path", ["/data/unit/mof.jsonld", "/data/division/360781.jsonld", "/def.jsonld", "/dataset.jsonld"]
)
def test_json_ld_context_names_only_the_prefixes_it_uses(client, path):
    body = client.get(path).get_data()
    context = json.loads(body)["@context"]
    terms = {term for triple in Graph().parse(data=body, format="json-ld") for term in triple}
    iris = {str(t) for t in terms if isinstance(t, URIRef)}
    iris |= {str(t.datatype) for t in terms if isinstance(t, Literal) and t.datatype}
    for prefix, namespace in context.items():
        assert namespace == str(PREFIXES[prefix]), prefix
        assert any(iri.startswith(namespace) for iri in iris), f"{prefix} is not used"
    assert {"dk", "rdfs"} <= set(context) and "sh" not in context
