"""Linked data: /id 303s to the page or the data by Accept, stays on this site, and an unknown IRI is a 404
with near matches."""

import re

import pytest
from rdflib import Graph, URIRef

from helpers.html_tree import parse_html
from helpers.linked import HTML, ID
from webui import create_app
from webui.entity.index import distance, valid_path

# -- /id: 303 to the page or the data ----------------------------------------------------------------


@pytest.mark.parametrize(
    "accept, target",
    [
        (None, "/page/unit/ndrc"),
        ("*/*", "/page/unit/ndrc"),
        (HTML, "/page/unit/ndrc"),
        ("text/html", "/page/unit/ndrc"),
        ("application/xhtml+xml", "/page/unit/ndrc"),
        ("text/turtle", "/data/unit/ndrc"),
        ("application/n-triples", "/data/unit/ndrc"),
        ("application/ld+json", "/data/unit/ndrc"),
        ("application/rdf+xml", "/data/unit/ndrc"),
        ("text/html;q=0.5, text/turtle", "/data/unit/ndrc"),
        ("text/turtle;q=0.4, text/html;q=0.9", "/page/unit/ndrc"),
        ("application/ld+json;q=0.9, */*;q=0.1", "/data/unit/ndrc"),
        ("text/turtle;q=0.8, text/html;q=0.8", "/page/unit/ndrc"),  # a tie goes to the page
    ],
)
def test_id_answers_303_by_accept(client, accept, target):
    response = client.get("/id/unit/ndrc", headers={"Accept": accept} if accept else {})
    assert response.status_code == 303
    assert response.headers["Location"] == target
    assert "Accept" in response.vary


@pytest.mark.parametrize(
    "path",
    [
        "division/360781",
        "document/guobanfa-2021-15/line/26",
        "assignment/guobanfa-2021-15/mof",
        "concept/unit-category/national-bureau",
        "zone/360702400",
        "dataset/nbs-2023",
        "division-code/362102",
    ],
)
def test_every_kind_of_iri_dereferences(client, path):
    page = client.get(f"/id/{path}", headers={"Accept": "text/html"})
    data = client.get(f"/id/{path}", headers={"Accept": "text/turtle"})
    assert (page.status_code, page.headers["Location"]) == (303, f"/page/{path}")
    assert (data.status_code, data.headers["Location"]) == (303, f"/data/{path}")


def test_every_iri_of_the_graph_dereferences(app, client, built_dist):
    """Every IRI under id/ that is a subject or object of the built graph has a page (a 303 to it)."""
    graph = Graph().parse(built_dist / "duikou.nt", format="nt")
    ours = {
        str(t)
        for triple in graph
        for t in (triple[0], triple[2])
        if isinstance(t, URIRef) and str(t).startswith(ID)
    }
    assert len(ours) > 400
    for iri in sorted(ours):
        path = iri[len(ID) :]
        assert valid_path(path), path
        response = client.get(f"/id/{path}")
        assert (response.status_code, response.headers["Location"]) == (303, f"/page/{path}"), path


def test_the_language_survives_the_redirect_and_nothing_else_does(client):
    response = client.get("/id/unit/ndrc?lang=en&next=https://evil.example/")
    assert response.headers["Location"] == "/page/unit/ndrc?lang=en"


def test_the_dataset_iri_leads_to_the_dataset_page(client):
    """The dataset is described by the build's VoID, not the graph: its IRI leads to /dataset."""
    for accept in ("text/html", "text/turtle"):
        for path in ("/id/dataset/duikou", "/page/dataset/duikou", "/data/dataset/duikou"):
            response = client.get(path, headers={"Accept": accept})
            assert (response.status_code, response.headers["Location"]) == (303, "/dataset")
    assert client.get("/data/dataset/duikou.nt").headers["Location"] == "/dataset.nt"


@pytest.mark.parametrize(
    "config",
    [{}, {"PUBLIC_URL": "https://mirror.example.org/duikou/"}, {"BASE_IRI": "https://w3id.org/duikou"}],
)
def test_redirects_stay_on_this_site_whatever_the_host(built_dist, config):
    """The host and PUBLIC_URL never reach a 303 target: it is always our own local path."""
    client = create_app({"DIST": built_dist, **config}).test_client()
    for host in ("localhost", "duikou.example.net:8443", "evil.example"):
        response = client.get("/id/unit/mof", headers={"Host": host, "Accept": "text/turtle"})
        assert response.headers["Location"] == "/data/unit/mof"


@pytest.mark.parametrize(
    "path",
    [
        "/id/javascript:alert(1)",
        "/id/../../etc/passwd",
        "/id/unit/ndrc%0d%0aSet-Cookie:%20x=1",
        "/id/unit/ndrc%0aSet-Cookie",
        "/id//evil.example/unit",
        "/id/https://evil.example/",
        "/id/unit/../def",
        "/id/unit/.hidden",
        "/id/units/ndrc",
        "/id/unit/nd%20rc",
        "/id/unit/" + "a" * 300,
        "/id/%2F%2Fevil.example",
        "/id/unit/ndrc%3Cscript%3E",
        "/page/javascript:alert(1)",
        "/data/../etc/passwd",
    ],
)
def test_hostile_paths_are_404_never_a_redirect(client, path):
    for accept in (HTML, "text/turtle", "*/*"):
        response = client.get(path, headers={"Accept": accept, "Host": "evil.example"})
        assert response.status_code == 404, path
        assert "Location" not in response.headers
        assert "x=1" not in response.headers.get("Set-Cookie", "")


def test_path_pattern():
    assert valid_path("unit/ndrc") and valid_path("document/guobanfa-2021-15/line/26")
    for bad in (
        "unit",
        "unit/",
        "unit/-x",
        "unit/.x",
        "unit/a b",
        "other/x",
        "unit/ndrc\n",
        "unit//x",
        "/unit/x",
    ):
        assert not valid_path(bad), bad


def test_edit_distance_counts_a_transposition_as_one():
    assert distance("ndcr", "ndrc") == 1
    assert distance("36078", "360781") == 1
    assert distance("", "abc") == 3 and distance("kitten", "sitting") == 3


def test_edit_distance_with_a_limit_is_exact_up_to_it():
    words = [
        "ndrc",
        "ndcr",
        "most-china",
        "most",
        "mof-x37",
        "360781",
        "36078",
        "evalute",
        "evaluate",
        "",
        "abc",
        "kitten",
        "sitting",
        "sasac",
        "cpc-organization",
        "xinhua",
    ]
    for a in words:
        for b in words:
            for limit in range(6):
                assert distance(a, b, limit) == min(distance(a, b), limit + 1), (a, b, limit)


# -- 404 with near matches ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, first",
    [
        ("unit/ndcr", "unit/ndrc"),
        ("division/36078", "division/360781"),
        ("unit/sasc", "unit/sasac"),
        ("concept/duty/evalute", "concept/duty/evaluate"),
        ("unit/most-china", "unit/most"),
    ],
)
def test_unknown_iris_get_a_404_with_near_matches(client, path, first):
    text = client.get(f"/id/{path}", headers={"Accept": "text/plain"})
    assert text.status_code == 404 and text.mimetype == "text/plain"
    suggested = re.findall(r"^\s+/page/(\S+)", text.get_data(as_text=True), re.MULTILINE)
    assert suggested[0] == first
    page = client.get(f"/id/{path}", headers={"Accept": HTML})
    assert page.status_code == 404 and page.mimetype == "text/html"
    tree = parse_html(page.get_data(as_text=True))
    links = [
        a.attrs["href"] for a in tree.find("section", **{"aria-labelledby": "h-suggestions"}).find_all("a")
    ]
    assert links[0] == f"/page/{first}"
    assert tree.find("h1").text()


def test_near_matches_of_36078_are_the_codes_it_begins(client):
    text = client.get("/id/division/36078", headers={"Accept": "text/plain"}).get_data(as_text=True)
    assert re.findall(r"/page/division/(\d+)", text)[:2] == ["360781", "360783"]


def test_unknown_data_and_pages_are_404_too(client):
    for path in ("/page/unit/nosuchunit", "/data/unit/nosuchunit", "/data/unit/nosuchunit.ttl"):
        assert client.get(path).status_code == 404
