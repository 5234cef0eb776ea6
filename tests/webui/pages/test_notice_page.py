"""The notice rendered as a document at /notice: anchors, sections, links on each line, both languages."""

import pytest
from flask import render_template_string

from graph.paths import ROOT
from graph.store.named import catalogue
from helpers.examples import NOTICE, ui_rows
from helpers.html_tree import parse_html
from webui import create_app
from webui.pages.notice import load_notice
from webui.pages.noticetext import build, segments

SOURCE = ROOT / "graph" / "source" / "guobanfa-2021-15.txt"
SECTIONS = ["1", "2", "2-1", "2-2", "2-3", "2-4", "2-5", "3", "3-1", "3-2", "3-3"]


@pytest.fixture(scope="module")
def app(built_dist):
    return create_app({"DIST": built_dist})


@pytest.fixture(scope="module")
def page(app):
    response = app.test_client().get("/notice?lang=zh")
    assert response.status_code == 200 and response.mimetype == "text/html"
    return parse_html(response.get_data(as_text=True))


@pytest.fixture(scope="module")
def source_lines():
    """{line number: text} of every non-blank line of the source text."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    return {number: text for number, text in enumerate(lines, 1) if text.strip()}


def words_of(line) -> str:
    """A rendered line's text without its line number."""
    return "".join(
        child if isinstance(child, str) else child.text()
        for child in line.children
        if isinstance(child, str) or "ln" not in child.get("class", "").split()
    ).strip()


# -- the named queries' real answers -----------------------------------------------------------------


def test_document_query(embedded_store):
    [row] = ui_rows(embedded_store, "notice-document", lang="en", notice=NOTICE)
    assert str(row["identifier"]) == "国办发〔2021〕15号" and str(row["issued"]) == "2021-04-21"
    assert str(row["titleZh"]).endswith("工作方案的通知") and row["title"].language == "en"
    assert (str(row["issuerZh"]), str(row["status"])) == ("国务院办公厅", "此件公开发布")
    assert str(row["planTitleZh"]) == "新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案"


def test_lines_query_is_the_source_text(embedded_store, source_lines):
    rows = (
        catalogue().get("notice-lines", ui=True).run(embedded_store, {"lang": "en", "notice": NOTICE}).dicts()
    )
    assert {int(r["lineNumber"]): str(r["text"]) for r in rows} == source_lines
    headings = {
        str(r["section"]).rsplit("/section/", 1)[1]: int(r["lineNumber"]) for r in rows if "section" in r
    }
    assert sorted(headings) == sorted(SECTIONS) and headings["2-1"] == 22
    assert sum(int(r["pairings"]) for r in rows) == 61
    assert {str(r["part"]) for r in rows} == {"notice", "plan", "section"}


def test_mentions_query_names_the_entities_of_line_26(embedded_store):
    rows = ui_rows(embedded_store, "notice-mentions", lang="zh", notice=NOTICE)
    line26 = {
        (str(r["entity"]).rsplit("/id/", 1)[1], str(r["name"])) for r in rows if int(r["lineNumber"]) == 26
    }
    assert {("unit/mof", "财政部"), ("unit/xinhua", "新华社"), ("division/360781", "瑞金市")} <= line26


# -- the page ------------------------------------------------------------------------------------------


def test_every_line_has_an_anchor_and_a_linkable_number(page, source_lines):
    article = page.find("article", class_="notice")
    anchored = {int(e.get("id")[5:]): e for e in article.iter() if e.get("id", "").startswith("line-")}
    assert sorted(anchored) == sorted(source_lines) and len(anchored) == 71
    for number, element in anchored.items():
        link = element.find("a", class_="ln")
        assert (link.get("href"), link.text()) == (f"#line-{number}", str(number))
        assert words_of(element) == source_lines[number]


def test_every_section_is_a_section_with_its_heading(page):
    article = page.find("article", class_="notice")
    sections = [e for e in article.find_all("section") if e.get("id", "").startswith("section-")]
    assert [s.get("id") for s in sections] == [f"section-{path}" for path in SECTIONS]
    for section in sections:
        heading = next(e for e in section.children if not isinstance(e, str))
        assert heading.tag == ("h3" if "-" not in section.get("id")[8:] else "h4")
    section21 = article.by_id("section-2-1")
    assert {f"line-{n}" for n in range(22, 41)} <= {e.get("id") for e in section21.iter() if e.get("id")}


def test_document_parts_title_number_signature_and_date(page):
    notice = page.by_id("doc-notice")
    title = notice.find("h2")
    assert [e.get("id") for e in title.find_all("span", class_="line")] == ["line-1", "line-2", "line-3"]
    assert notice.find("p", class_="line number").get("id") == "line-4"
    assert notice.find("p", class_="line addressees").get("id") == "line-6"
    assert notice.find("p", class_="line signature").get("id") == "line-8"
    assert notice.find("p", class_="line date").get("id") == "line-10"
    assert [e.get("id") for e in page.by_id("doc-plan").find("h2").find_all("span", class_="line")] == [
        "line-14",
        "line-15",
    ]


def test_line_26_links_its_units_and_county(page):
    line = page.by_id("line-26")
    links = {a.get("href"): a.text() for a in line.find_all("a") if a.get("class") != "ln"}
    assert links == {
        "/page/unit/mof": "财政部",
        "/page/unit/xinhua": "新华社",
        "/page/division/360781": "瑞金市",
    }


def test_each_pairing_line_links_its_units_and_county(page, embedded_store):
    for row in catalogue().get("pairings", ui=True).run(embedded_store).dicts():
        line = page.by_id(f"line-{int(row['lineNumber'])}")
        assert line.tag == "li"
        hrefs = {a.get("href") for a in line.find_all("a")}
        unit, county = (str(row[k]).rsplit("/id/", 1)[1] for k in ("unit", "county"))
        assert {f"/page/{unit}", f"/page/{county}"} <= hrefs


def test_table_of_contents_links_every_section(page):
    toc = page.find("nav", class_="toc")
    hrefs = [a.get("href") for a in toc.find_all("a")]
    assert hrefs == ["#doc-notice", "#doc-plan"] + [f"#section-{path}" for path in SECTIONS]
    assert toc.find("a", href="#section-1").words() == "一、总体要求"


def test_english_page_keeps_the_chinese_text_with_english_titles(app):
    page = parse_html(app.test_client().get("/notice?lang=en").get_data(as_text=True))
    assert page.find("html").get("lang") == "en"
    article = page.find("article", class_="notice")
    assert article.get("lang") == "zh-Hans"
    assert words_of(page.by_id("line-26")) == "财政部、新华社——瑞金市"
    translation = page.by_id("section-2-1").find("span", class_="translation")
    assert translation.get("lang") == "en" and "Ganzhou" in translation.words()
    assert page.find("p", class_="banner").get("lang") == "en"
    assert page.find("nav", class_="toc").find("a", href="#section-1").words() == "1. General requirements"
    assert page.by_id("line-26").find("a", class_="ln").get("lang") == "en"


# -- the partial's contract, and text that is data, not markup --------------------------------------


def test_partial_can_be_included_at_another_heading_level(app):
    with app.test_request_context("/page/document/guobanfa-2021-15?lang=zh"):
        app.preprocess_request()
        html = render_template_string(
            '{% include "pages/_notice_text.html" %}', notice=load_notice(), notice_level=3
        )
    fragment = parse_html(html)
    assert fragment.by_id("doc-notice").find_all("h3") and not fragment.find_all("h2")
    assert fragment.by_id("section-2-1").find("h5") and fragment.by_id("line-76")


def test_segments_prefer_the_longest_official_name():
    names = [
        ("国务院", "/page/organization/state-council", "", "skos:prefLabel"),
        ("国务院关于新时代支持革命老区振兴发展的意见", "/page/document/guofa-2021-3", "", "skos:prefLabel"),
        ("（含赣州经济技术开发区）", "/page/zone/x", "", "https://w3id.org/duikou/def#quote"),
        ("赣州经济技术开发区", "/page/zone/x", "", "skos:prefLabel"),
    ]
    text = "《国务院关于新时代支持革命老区振兴发展的意见》经国务院同意（含赣州经济技术开发区）"
    pieces = segments(text, names)
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["href"]) for p in pieces if p["href"]] == [
        ("国务院关于新时代支持革命老区振兴发展的意见", "/page/document/guofa-2021-3"),
        ("国务院", "/page/organization/state-council"),
        ("赣州经济技术开发区", "/page/zone/x"),
    ]


def test_markup_in_the_text_is_rendered_as_text(app):
    hostile = '<script>alert("x")</script><b onclick="x">瑞金市</b>'
    line = {
        "number": 5,
        "text": hostile,
        "part": "plan",
        "container": "p",
        "pairings": "0",
        "segments": segments(hostile, [("瑞金市", "/page/division/360781", '"><i>x</i>', "")]),
    }
    document = build({"plan": "p"}, [line], "en")
    with app.test_request_context("/notice?lang=en"):
        app.preprocess_request()
        html = render_template_string(
            '{% include "pages/_notice_text.html" %}',
            notice={"document": document, "meta": {"identifier": "x"}},
        )
    fragment = parse_html(html)
    assert not fragment.find_all("script") and not fragment.find_all("b") and not fragment.find_all("i")
    assert words_of(fragment.by_id("line-5")) == hostile
    link = fragment.by_id("line-5").find("a", href="/page/division/360781")
    assert (link.text(), link.get("title")) == ("瑞金市", '"><i>x</i>')


def test_notice_is_the_same_on_a_remote_store(remote_store, page):
    response = create_app({"ENDPOINT": remote_store.endpoint}).test_client().get("/notice?lang=zh")
    remote = parse_html(response.get_data(as_text=True))
    assert remote.find("article").words() == page.find("article").words()
    assert [a.get("href") for a in remote.find("article").find_all("a")] == [
        a.get("href") for a in page.find("article").find_all("a")
    ]
