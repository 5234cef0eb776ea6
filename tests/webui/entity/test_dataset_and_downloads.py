"""Linked data: /dataset describes the build (VoID, DCAT), and /download serves the dumps and only them."""

import hashlib

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, RDF, VOID

from helpers.html_tree import parse_html
from helpers.linked import FORMATS, HTML, ID, json_ld, parse_rdf
from webui import create_app
from webui.pages.dataset_catalog import with_catalog

# -- /dataset and /download ------------------------------------------------------------------------------


def test_dataset_page(client, built_dist):
    response = client.get("/dataset?lang=en", headers={"Accept": HTML})
    assert response.status_code == 200
    tree = parse_html(response.get_data(as_text=True))
    void = Graph().parse(built_dist / "void.ttl", format="turtle")
    rows = tree.find("section", **{"aria-labelledby": "h-downloads"}).find("tbody").find_all("tr")
    sheets = tree.find("section", id="spreadsheets").find("details").find("tbody").find_all("tr")
    assert len(rows) == 6, "the RDF dumps; the spreadsheets have their own section"
    rows += sheets
    assert len(rows) == len(set(void.objects(None, DCAT.distribution)))
    for row in rows:
        link = row.find("a")
        name = link.attrs["href"].removeprefix("/download/")
        assert (built_dist / name).is_file() and row.find("code", class_="hash").text()
        digest = hashlib.sha256((built_dist / name).read_bytes()).hexdigest()
        assert row.find("code", class_="hash").text() == digest
        assert row.find_all("td")[2].text().replace(",", "") == str((built_dist / name).stat().st_size)
    classes = tree.find("section", **{"aria-labelledby": "h-classes"}).find("tbody").find_all("tr")
    counts = {tr.find("code").text(): int(tr.find_all("td")[1].text()) for tr in classes}
    assert counts["dk:SupportingUnit"] == 63 and counts["dk:RecipientCounty"] == 43
    (data,) = json_ld(tree)
    assert data["@type"] == "Dataset" and data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {d["name"] for d in data["distribution"]} >= {
        "duikou.ttl",
        "duikou.nt",
        "duikou.jsonld",
        "duikou.rdf",
        "duikou.nq",
        "duikou.trig",
        "duikou-pairings-zh.xlsx",
        "duikou-pairings-en.csv",
    }
    assert len(data["distribution"]) == len(rows)
    assert {n["@language"] for n in data["name"]} == {"zh", "en"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_dataset_as_rdf(client, built_dist, fmt):
    """The build's void.ttl, and what the server adds to it (its catalogue, under the default settings)."""
    void = Graph().parse(built_dist / "void.ttl", format="turtle")
    void = with_catalog(void, "duikou project", "", "http://localhost/sparql")
    for response in (client.get(f"/dataset.{fmt}"), client.get("/dataset", headers={"Accept": FORMATS[fmt]})):
        assert response.status_code == 200 and response.mimetype == FORMATS[fmt]
        assert response.headers["Content-Location"] == f"/dataset.{fmt}"
        graph = parse_rdf(response)
        assert isomorphic(graph, void)
        assert (URIRef(ID + "dataset/duikou"), RDF.type, VOID.Dataset) in graph


@pytest.mark.parametrize(
    "name, kind",
    [
        ("duikou.ttl", "text/turtle; charset=utf-8"),
        ("duikou.nt", "application/n-triples"),
        ("duikou.jsonld", "application/ld+json"),
        ("duikou.rdf", "application/rdf+xml; charset=utf-8"),
        ("duikou.nq", "application/n-quads"),
        ("duikou.trig", "application/trig"),
        ("void.ttl", "text/turtle; charset=utf-8"),
    ],
)
def test_downloads(client, built_dist, name, kind):
    response = client.get(f"/download/{name}")
    try:
        assert response.status_code == 200 and response.headers["Content-Type"] == kind  # one charset
        assert response.get_data() == (built_dist / name).read_bytes()
        assert response.headers.get("ETag")
    finally:
        response.close()


@pytest.mark.parametrize(
    "name",
    [
        "build.json",
        "links.json",
        "..%2Fbuild.json",
        "../build.json",
        "%2e%2e/pyproject.toml",
        "duikou.ttl%00",
        "DUIKOU.TTL",
        "/etc/passwd",
        "..",
    ],
)
def test_only_the_dumps_can_be_downloaded(client, name):
    assert client.get(f"/download/{name}").status_code == 404


def test_without_a_build_there_is_no_dataset(tmp_path, closed_port):
    """A remote store with no build of its own: the dataset page says so, downloads are 404."""
    client = create_app({"DIST": tmp_path, "ENDPOINT": f"http://127.0.0.1:{closed_port}/query"}).test_client()
    page = client.get("/dataset", headers={"Accept": HTML})
    assert page.status_code == 404 and parse_html(page.get_data(as_text=True)).find("p", class_="banner")
    assert client.get("/dataset.ttl").status_code == 404
    assert client.get("/download/duikou.nt").status_code == 404


def test_the_well_known_void_leads_to_the_description(client):
    """VoID §7.2 (RFC 5785): /.well-known/void is where a client looks for the site's VoID description."""
    response = client.get("/.well-known/void")
    assert response.status_code == 303 and response.headers["Location"] == "/dataset"
    answer = client.get("/.well-known/void", headers={"Accept": "text/turtle"}, follow_redirects=True)
    graph = Graph().parse(data=answer.get_data(), format="turtle")
    assert (URIRef(ID + "dataset/duikou"), RDF.type, VOID.Dataset) in graph
    page = client.get("/.well-known/void", headers={"Accept": HTML}, follow_redirects=True)
    assert page.status_code == 200 and page.mimetype == "text/html"
