"""/validation: the SHACL report of the served graph, per node shape; the conformance mark on entity pages."""

import shutil

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from graph.build.validate import load_shapes, validate
from graph.paths import SHAPES
from graph.store.quads import read_union
from helpers.html_tree import parse_html
from helpers.linked import ID, tampered_dist
from webui import create_app
from webui.pages import validation
from webui.pages.validation_summary import summarise

HTML = "text/html,application/xhtml+xml,*/*;q=0.8"
SHAPES_NS = "https://w3id.org/duikou/shapes#"


def get(client, path, lang="zh"):
    response = client.get(f"{path}?lang={lang}", headers={"Accept": HTML})
    assert response.status_code == 200, path
    return parse_html(response.get_data(as_text=True))


def rows(tree) -> dict:
    return {tr.attrs["id"]: tr for tr in tree.find("table", class_="shapes").find("tbody").find_all("tr")}


@pytest.fixture(scope="module")
def client(built_dist):
    return create_app({"DIST": built_dist}).test_client()


def test_entity_marks_do_not_wait_for_the_report(built_dist, monkeypatch):
    """Before this process has validated, a mark trusts the build (it validated exactly this duikou.nt)."""
    monkeypatch.setattr(validation, "_REPORTS", {})
    monkeypatch.setattr(validation, "validate", lambda data: pytest.fail("an entity page ran the validator"))
    client = create_app({"DIST": built_dist}).test_client()
    tree = get(client, "/page/unit/mof", "en")
    mark = tree.find("p", class_="conformance")
    assert "ok" in mark.attrs["class"].split() and "validated by the build" in mark.text()
    assert validation._REPORTS == {}


def test_the_served_graph_conforms(client):
    tree = get(client, "/validation", "en")
    banner = tree.find("p", class_="banner")
    assert "ok" in banner.attrs["class"].split() and "conforms" in banner.text()
    shapes = load_shapes()
    node_shapes = {str(s)[len(SHAPES_NS) :] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    found = rows(tree)
    assert set(found) == node_shapes
    for tr in found.values():
        assert tr.find_all("td")[2].text().strip() == "0", "no results anywhere"


def test_each_shape_shows_targets_focus_nodes_and_message(client, built_dist):
    data = read_union(built_dist / "duikou.nq")
    zh, en = rows(get(client, "/validation", "zh")), rows(get(client, "/validation", "en"))
    unit = en["SupportingUnitShape"]
    cells = unit.find_all("td")
    assert [a.attrs["href"] for a in cells[0].find_all("a")] == ["/def#SupportingUnit"]
    assert cells[0].find("a").text() == "supporting unit"
    assert int(cells[1].text()) == len(
        set(data.subjects(RDF.type, URIRef("https://w3id.org/duikou/def#SupportingUnit")))
    )
    assert cells[1].text().strip() == "63"
    shape = URIRef(SHAPES_NS + "SupportingUnitShape")
    messages = {m.language: str(m) for m in load_shapes().objects(shape, SH.message)}
    assert cells[3].text().strip() == messages["en"]
    assert zh["SupportingUnitShape"].find_all("td")[3].text().strip() == messages["zh"]
    assert zh["SupportingUnitShape"].find_all("td")[0].find("a").text() == "对口支援单位"
    sourced = en["SourcedEntityShape"].find_all("td")
    assert sourced[0].find("a").attrs["href"] == "http://purl.org/dc/terms/source"
    assert int(sourced[1].text()) == len(set(data.subjects(URIRef("http://purl.org/dc/terms/source"), None)))
    used = en["UnitCategoryConceptShape"].find_all("td")[0]
    assert "#SupportingUnitShape" in [a.attrs["href"] for a in used.find_all("a")]


def rules_of(client, href: str, lang: str = "en") -> dict:
    """The rules /validation?entity=… lists for the entity, by shape name; and the page's shape anchors."""
    response = client.get(href + f"&lang={lang}", headers={"Accept": HTML})
    assert response.status_code == 200
    tree = parse_html(response.get_data(as_text=True))
    section = tree.by_id("entity-rules")
    return {li.attrs["data-shape"]: li for li in section.find("ul", class_="rules").find_all("li")}, set(
        rows(tree)
    )


def test_every_mark_links_to_the_rules_that_check_the_entity(client):
    for path in ("unit/mof", "unit/ndrc", "division/360781", "document/guobanfa-2021-15/line/26"):
        mark = get(client, f"/page/{path}").find("p", class_="conformance")
        (link,) = mark.find_all("a")
        assert link.attrs["href"].endswith("#entity-rules")
        rules, anchors = rules_of(client, link.attrs["href"].split("#")[0])
        assert rules and set(rules) <= anchors
        assert all(li.find("a").attrs["href"] == f"#{name}" for name, li in rules.items())
    mark = get(client, "/page/division/360781").find("p", class_="conformance")
    rules, _ = rules_of(client, mark.find("a").attrs["href"].split("#")[0])
    assert {"CountyShape", "RecipientCountyShape", "LabelledEntityShape"} <= set(rules)
    assert "SupportingUnitShape" not in rules, "only the shapes whose targets select it"


def test_the_rules_are_worded_by_what_they_check_not_as_a_class(client):
    """财政部 is checked by the rule on national bureaus because it is a supporting unit: the page says so,
    and never that it conforms to a "national bureau" shape."""
    rules, _ = rules_of(client, "/validation?entity=https://w3id.org/duikou/id/unit/mof")
    bureau = rules["NationalBureauShape"]
    assert "ok" in bureau.attrs["class"].split()
    assert "checked on every supporting unit" in bureau.words()
    assert "national bureau has an administering unit" in bureau.words()
    zh, _ = rules_of(client, "/validation?entity=https://w3id.org/duikou/id/unit/mof", "zh")
    assert "检查每个“对口支援单位”" in zh["NationalBureauShape"].words()


def test_a_graph_that_does_not_conform(tmp_path_factory, built_dist):
    """A build with a hand-added unit: the report names its results, and so does the unit's mark."""
    client = create_app({"DIST": tampered_dist(tmp_path_factory.getbasetemp(), built_dist)}).test_client()
    tree = get(client, "/validation", "en")
    assert "bad" in tree.find("p", class_="banner").attrs["class"].split()
    failing = {name: tr for name, tr in rows(tree).items() if tr.find_all("td")[2].text().strip() != "0"}
    assert "SupportingUnitShape" in failing
    focus = [
        a.attrs["href"] for tr in failing.values() for a in tr.find("ul", class_="results").find_all("a")
    ]
    assert "/page/unit/xss-test" in focus
    assert "/page/division/360781" in focus, "its county now has a third unit, which no assignment explains"
    total = focus.count("/page/unit/xss-test")
    mark = get(client, "/page/unit/xss-test", "en").find("p", class_="conformance")
    assert "bad" in mark.attrs["class"].split() and f"{total} SHACL validation results" in mark.text()
    ok = get(client, "/page/unit/mof", "en").find("p", class_="conformance")
    assert "ok" in ok.attrs["class"].split()


def test_a_report_written_by_the_build_is_read(tmp_path, built_dist):
    """If DIST/validation.ttl exists (a build may write it one day), it is the report: nothing is
    validated."""
    dist = tmp_path / "dist"
    shutil.copytree(built_dist, dist)
    report, result = Graph(), BNode()
    report.add((BNode(), RDF.type, SH.ValidationReport))
    report.add((next(report.subjects(RDF.type, SH.ValidationReport)), SH.conforms, Literal(False)))
    report.add((next(report.subjects(RDF.type, SH.ValidationReport)), SH.result, result))
    report.add((result, SH.focusNode, URIRef(ID + "unit/mof")))
    report.add((result, SH.sourceShape, URIRef(SHAPES_NS + "SupportingUnitShape-category")))
    report.add((result, SH.resultMessage, Literal("类别不对", lang="zh")))
    report.add((result, SH.resultMessage, Literal("wrong category", lang="en")))
    report.serialize(dist / "validation.ttl", format="turtle")
    client = create_app({"DIST": dist}).test_client()
    tree = get(client, "/validation", "en")
    assert "DIST/validation.ttl" in tree.find("p", class_="hint").text()
    failing = rows(tree)["SupportingUnitShape"]
    assert failing.find("ul", class_="results").text().count("wrong category") == 1
    mark = get(client, "/page/unit/mof", "en").find("p", class_="conformance")
    assert "1 SHACL validation results" in mark.text()


def test_without_a_build_the_report_is_unavailable(tmp_path, closed_port):
    client = create_app({"DIST": tmp_path, "ENDPOINT": f"http://127.0.0.1:{closed_port}/query"}).test_client()
    tree = get(client, "/validation", "en")
    assert "unavailable" in tree.find("p", class_="banner").text()
    assert not tree.find_all("table")


def test_summary_counts_results_under_their_node_shape():
    """Pure summary: a unit with no labels fails the label shapes; results are filed under the node shape."""
    unit = URIRef(ID + "unit/nolabel")
    data = Graph()
    data.add((unit, RDF.type, URIRef("https://w3id.org/duikou/def#Province")))
    shapes = Graph().parse(SHAPES, format="turtle")
    summary = summarise(data, shapes, validate(data, shapes).graph, "computed")
    assert not summary.conforms and summary.by_focus[str(unit)] == summary.results > 0
    labelled = next(s for s in summary.shapes if s.name == "LabelledEntityShape")
    assert {r.focus for r in labelled.results} == {str(unit)} and str(unit) in labelled.focus
    assert all(set(r.messages) >= {"zh", "en"} for r in labelled.results)


def test_the_mark_does_not_depend_on_what_the_process_served_before(built_dist):
    """Each web worker keeps the pages it rendered: one that has shown /validation must render the same."""
    client = create_app({"DIST": built_dist}).test_client()
    headers = {"Accept": HTML, "Accept-Language": "en"}
    before = client.get("/page/unit/mof", headers=headers).get_data(as_text=True)
    assert client.get("/validation", headers=headers).status_code == 200
    after = client.get("/page/unit/mof", query_string={"again": "1"}, headers=headers).get_data(as_text=True)
    mark = parse_html(after).find("p", class_="conformance").text()
    assert (
        after.replace("again=1&amp;", "").replace("?again=1", "") == before
        and "validated by the build" in mark
    )
