"""Linked data: /id 303s by Accept, /data by suffix or Accept, 404 with near matches, /def, /dataset,
/download."""

import hashlib
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, OWL, RDF, RDFS, SKOS, VOID
from rdflib.plugins.sparql import prepareQuery

from graph.namespaces import DK
from graph.paths import ONTOLOGY, QUERIES
from graph.store.named import TYPES, load_query, parse_header
from graph.store.sparql_text import WHERE, inject_values
from helpers.examples import required_values
from helpers.html_tree import parse_html
from helpers.linked import ID, json_ld, parse_rdf
from webui import create_app
from webui.entity.index import distance, lookup, valid_path

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what a browser sends
FORMATS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}
UI_QUERIES = sorted((QUERIES / "ui").glob("entity-*.rq")) + [
    QUERIES / "ui" / f"{name}.rq" for name in ("ontology-terms", "property-labels")
]


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
        ("image/png", "/page/unit/ndrc"),
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
        "/id/unit/ndrc/",
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


def check_alternates(link: str, data: str, page: str | None):
    found = dict(re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', link))
    expected = {f"{data}.{fmt}": kind for fmt, kind in FORMATS.items()}
    if page:
        expected[page] = "text/html"
    assert found == expected


def check_mof(graph: Graph):
    """Outgoing and incoming statements and the labels of what they link to: a self-describing graph."""
    mof, ruijin = URIRef(ID + "unit/mof"), URIRef(ID + "division/360781")
    assignment = URIRef(ID + "assignment/guobanfa-2021-15/mof")
    assert (mof, RDF.type, DK.SupportingUnit) in graph
    assert (mof, DK.supports, ruijin) in graph
    assert (ruijin, DK.supportedBy, mof) in graph  # incoming
    assert (assignment, DK.supportingUnit, mof) in graph  # incoming
    assert (ruijin, SKOS.prefLabel, Literal("瑞金市", lang="zh")) in graph
    assert (ruijin, SKOS.prefLabel, Literal("Ruijin City", lang="en")) in graph
    assert (DK.supports, RDFS.label, Literal("supports", lang="en")) in graph
    assert not any(graph.triples((ruijin, DK.inCity, None))), "only the entity's own statements"


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


# -- /dataset and /download ------------------------------------------------------------------------------


def test_dataset_page(client, built_dist):
    response = client.get("/dataset?lang=en", headers={"Accept": HTML})
    assert response.status_code == 200
    tree = parse_html(response.get_data(as_text=True))
    void = Graph().parse(built_dist / "void.ttl", format="turtle")
    rows = tree.find("section", **{"aria-labelledby": "h-downloads"}).find("tbody").find_all("tr")
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
    assert {d["name"] for d in data["distribution"]} == {
        "duikou.ttl",
        "duikou.nt",
        "duikou.jsonld",
        "duikou.rdf",
    }
    assert {n["@language"] for n in data["name"]} == {"zh", "en"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_dataset_as_rdf(client, built_dist, fmt):
    void = Graph().parse(built_dist / "void.ttl", format="turtle")
    for response in (client.get(f"/dataset.{fmt}"), client.get("/dataset", headers={"Accept": FORMATS[fmt]})):
        assert response.status_code == 200 and response.mimetype == FORMATS[fmt]
        assert response.headers["Content-Location"] == f"/dataset.{fmt}"
        graph = parse_rdf(response)
        assert isomorphic(graph, void)
        assert (URIRef(ID + "dataset/duikou"), RDF.type, VOID.Dataset) in graph


@pytest.mark.parametrize(
    "name, kind",
    [
        ("duikou.ttl", "text/turtle"),
        ("duikou.nt", "application/n-triples"),
        ("duikou.jsonld", "application/ld+json"),
        ("duikou.rdf", "application/rdf+xml"),
        ("void.ttl", "text/turtle"),
    ],
)
def test_downloads(client, built_dist, name, kind):
    response = client.get(f"/download/{name}")
    try:
        assert response.status_code == 200 and response.mimetype == kind
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


# -- the UI's named queries: complete headers, plain SPARQL, real answers ----------------------------------


@pytest.mark.parametrize("path", UI_QUERIES, ids=lambda p: p.stem)
def test_ui_query_header_is_complete(path):
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, path)
    for key in ("title", "description"):
        assert {"zh", "en"} <= set(header[key]) and all(v.strip() for v in header[key].values())
    assert header["tags"]
    for spec in (header.get("parameters") or {}).values():
        assert spec["type"] in TYPES and (spec.get("required") or spec.get("default") not in (None, ""))
        assert {"zh", "en"} <= set(spec["description"])
    query = load_query(path)
    prepareQuery(inject_values(query.text, query.bindings(required_values(query))))
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    where = WHERE.search(body)
    assert body[: where.start()].count("{") == body[: where.start()].count("}")
    for parameter in query.parameters:
        assert re.search(rf"\?{parameter.name}\b", body[where.end() :])


def run(embedded_store, name, **params):
    return load_query(QUERIES / "ui" / f"{name}.rq").run(embedded_store, params)


def test_entity_statements_answer(embedded_store):
    rows = run(embedded_store, "entity-statements", iri=ID + "division/360781", lang="en").dicts()
    found = {
        (str(r["direction"]), str(r["property"]).rsplit("#", 1)[-1], str(r.get("valueLabel", r["value"])))
        for r in rows
    }
    assert ("out", "inCity", "Ganzhou City") in found and ("in", "supports", "Ministry of Finance") in found
    assert ("out", "type", "recipient county") in found


@pytest.mark.parametrize(
    "lang, supports, inverse", [("en", "supports", "supported by"), ("zh", "对口支援", "受对口支援")]
)
def test_property_labels_answer(embedded_store, lang, supports, inverse):
    rows = {str(r["property"]): r for r in run(embedded_store, "property-labels", lang=lang).dicts()}
    ontology = Graph().parse(ONTOLOGY)
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
    declared = {str(p) for kind in kinds for p in ontology.subjects(RDF.type, kind)}
    assert set(rows) == declared, "every property of the ontology, once"
    supports_row = rows[str(DK.supports)]
    assert (str(supports_row["label"]), str(supports_row["inverseLabel"])) == (supports, inverse)
    assert str(rows[str(DK.supportedBy)]["inverseLabel"]) == supports, "the inverse is found from either side"
    assert all(r["label"].language == lang for r in rows.values() if "label" in r)


def test_entity_provenance_answer(embedded_store):
    rows = run(embedded_store, "entity-provenance", iri=ID + "unit/ndrc", lang="zh").dicts()
    assert {int(r["number"]) for r in rows} == {21, 72, 76}
    quotes = {str(r["quote"]) for r in rows if "quote" in r}
    assert "定期组织工作成效评估" in quotes
    county = run(embedded_store, "entity-provenance", iri=ID + "division/360781", lang="zh").dicts()
    pairing = [r for r in county if str(r["via"]).startswith(ID + "assignment/")]
    assert {str(r["text"]) for r in pairing} == {"财政部、新华社——瑞金市"}


def test_entity_graph_answer(embedded_store):
    graph = run(embedded_store, "entity-graph", iri=ID + "unit/mof").graph
    check_mof(graph)


def test_entity_index_answer(embedded_store):
    rows = run(embedded_store, "entity-index", prefix=ID).dicts()
    names = {}
    for row in rows:
        names.setdefault(str(row["entity"]), []).append(str(row.get("name", "")))
    assert "NDRC" in names[ID + "unit/ndrc"] and "国家发展和改革委员会" in names[ID + "unit/ndrc"]
    assert ID + "dataset/nbs-2023" in names  # only ever an object
    assert all(iri.startswith(ID) for iri in names)
    units = {str(row["entity"]) for row in run(embedded_store, "entity-index", prefix=ID + "unit/").dicts()}
    assert len(units) == 63 and all(iri.startswith(ID + "unit/") for iri in units)


@pytest.mark.parametrize(
    "path, exists, names",
    [
        (
            "unit/ndrc",
            True,
            ["National Development and Reform Commission", "国家发展和改革委员会", "NDRC", "国家发展改革委"],
        ),
        ("dataset/nbs-2023", True, []),  # only ever an object, and nameless
        ("unit/nosuchunit", False, []),
    ],
)
def test_an_entity_exists_when_a_statement_names_it(built_dist, path, exists, names):
    app = create_app({"DIST": built_dist})
    with app.test_request_context("/"):
        entry = lookup(path)
    assert (entry is not None) == exists
    assert [str(name) for name in entry.names] == names if entry else not names  # preferred names first


def test_entity_division_parts_answer(embedded_store):
    rows = run(embedded_store, "entity-division-parts", iri=ID + "division/360700", lang="zh").dicts()
    counties = {str(r["partLabel"]) for r in rows if not r["isCity"].toPython()}
    assert len(counties) == 18 and "瑞金市" in counties
    units = {str(r["unitLabel"]) for r in rows if str(r["part"]) == ID + "division/360781"}
    assert units == {"财政部", "新华通讯社"}
    province = run(embedded_store, "entity-division-parts", iri=ID + "division/350000", lang="en").dicts()
    assert {str(r["partLabel"]) for r in province if r["isCity"].toPython()} == {
        "Longyan City",
        "Sanming City",
    }


def test_entity_line_neighbours_answer(embedded_store):
    rows = run(embedded_store, "entity-line-neighbours", iri=ID + "document/guobanfa-2021-15/line/26").dicts()
    assert {(str(r["position"]), int(r["number"])) for r in rows} == {("previous", 25), ("next", 27)}


def test_ontology_terms_answer(embedded_store):
    rows = run(embedded_store, "ontology-terms", lang="en").dicts()
    facts = {
        (str(r["term"]).rsplit("#", 1)[-1], str(r["key"]), str(r.get("valueLabel", r["value"]))) for r in rows
    }
    assert ("County", "subClassOf", "administrative division") in facts
    assert ("supports", "range", "recipient county") in facts
    assert ("https://w3id.org/duikou/def", "versionInfo", "0.1.0") in facts


def test_ui_queries_are_all_tried():
    tried = {
        "entity-statements",
        "entity-provenance",
        "entity-graph",
        "entity-index",
        "property-labels",
        "entity-division-parts",
        "entity-line-neighbours",
        "ontology-terms",
    }
    assert {p.stem for p in UI_QUERIES} == tried
