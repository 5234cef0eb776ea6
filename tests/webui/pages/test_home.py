"""The home page: its four named queries, the counts, the line on the units changed since the notice, and
the diagram of the whole programme."""

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery

from graph.paths import QUERIES
from graph.store.embedded import EmbeddedStore
from graph.store.named import catalogue, load_query, parse_header
from graph.store.sparql_text import inject_values
from helpers.examples import NOTICE, required_values, ui_rows
from helpers.html_tree import parse_html
from webui import create_app
from webui.pages.home import counts_of
from webui.state import of

UNIT, DIVISION = "https://w3id.org/duikou/id/unit/", "https://w3id.org/duikou/id/division/"


def with_class(element, tag: str, name: str) -> list:
    """Elements `tag` under `element` whose class list includes `name`."""
    return [e for e in element.find_all(tag) if name in e.get("class", "").split()]


@pytest.fixture(scope="module")
def client(built_dist):
    return create_app({"DIST": built_dist}).test_client()


@pytest.fixture(scope="module")
def page(client):
    response = client.get("/?lang=zh")
    assert response.status_code == 200 and response.mimetype == "text/html"
    return parse_html(response.get_data(as_text=True))


@pytest.fixture(scope="module")
def programme_rows(embedded_store):
    """The pairings and then the lead departments of the notice, in Chinese."""
    return [
        *ui_rows(embedded_store, "home-programme", lang="zh", notice=NOTICE),
        *ui_rows(embedded_store, "home-leads", lang="zh", notice=NOTICE),
    ]


# -- the named queries' real answers -----------------------------------------------------------------


def test_summary_query_gives_the_notice(embedded_store):
    [row] = catalogue().get("home-summary", ui=True).run(embedded_store, {"lang": "en"}).dicts()
    assert str(row["identifier"]) == "国办发〔2021〕15号" and row["title"].language == "en"
    assert str(row["notice"]).endswith("/id/document/guobanfa-2021-15")
    assert str(row["issued"]) == "2021-04-21"


def test_counts_are_what_the_notice_states(programme_rows):
    pairings = [row for row in programme_rows if "county" in row]
    leads = [row for row in programme_rows if "county" not in row]
    assert counts_of(pairings, leads) == {
        "units": 63,
        "counties": 43,
        "pairings": 61,
        "leads": 2,
        "provinces": 2,
        "cities": 5,
    }


def test_programme_queries_give_every_unit_with_its_county_or_none(programme_rows):
    assert len(programme_rows) == 63
    leads = {str(row["unit"]) for row in programme_rows if "county" not in row}
    assert leads == {UNIT + "ndrc", UNIT + "cpc-organization"}
    paired = [row for row in programme_rows if "county" in row]
    assert len(paired) == 61 and len({str(row["assignment"]) for row in paired}) == 61
    assert not leads & {str(row["unit"]) for row in paired}
    assert len({str(row["county"]) for row in paired}) == 43
    assert len({str(row["city"]) for row in paired}) == 5
    assert len({str(row["province"]) for row in paired}) == 2
    ruijin = {str(row["unit"]) for row in paired if str(row["code"]) == "360781"}
    assert ruijin == {UNIT + "mof", UNIT + "xinhua"}
    assert all("category" in row and row["categoryLabel"].language == "zh" for row in programme_rows)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_changes_query_gives_the_notices_units_changed_after_it_in_its_order(embedded_store, lang):
    rows = ui_rows(embedded_store, "home-changes", lang=lang, notice=NOTICE)
    assert [str(row["unit"]) for row in rows] == [UNIT + "csrc", UNIT + "cbirc", UNIT + "nrra"]
    assert {str(row["date"]) for row in rows} == {"2023-03-10"}
    assert all(row["unitLabel"].language == lang for row in rows)


def test_programme_query_labels_are_in_the_chosen_language(embedded_store):
    rows = ui_rows(embedded_store, "home-programme", lang="en", notice=NOTICE)
    ruijin = next(row for row in rows if str(row.get("code")) == "360781")
    assert (str(ruijin["countyLabel"]), str(ruijin["cityLabel"]), str(ruijin["provinceLabel"])) == (
        "Ruijin City",
        "Ganzhou City",
        "Jiangxi Province",
    )
    assert int(ruijin["lineNumber"]) == 26


# -- the page ------------------------------------------------------------------------------------------


def test_counts_come_from_the_graph(page):
    counts = {
        li.get("data-count"): li.find(class_="count-number").text()
        for li in page.find_all("li", data_count=True)
    }
    assert counts == {
        "units": "63",
        "counties": "43",
        "pairings": "61",
        "leads": "2",
        "provinces": "2",
        "cities": "5",
    }


def test_source_links_to_the_notice_and_its_data_page(page):
    source = page.find("section", class_="home-source")
    hrefs = {a.get("href") for a in source.find_all("a")}
    assert {"/notice", "/page/document/guobanfa-2021-15"} <= hrefs
    assert "国办发〔2021〕15号" in source.words()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_provenance_claim_is_exact(client, lang):
    """Notice facts point at their line; curated facts come from the tables, each row naming its source."""
    html = parse_html(client.get(f"/?lang={lang}").get_data(as_text=True))
    intro = html.find("section", class_="home-about").find("p", class_="lead").words()
    expected = {
        "zh": (
            "取自通知的事实指向其原文行",
            "整理的事实（全称、英文名称、类别、代码）来自数据表，每行写明其来源",
        ),
        "en": ("Facts taken from the notice point at their line", "each row naming its source"),
    }[lang]
    assert all(words in intro for words in expected)
    assert "每一事实" not in html.words() and "every fact traces" not in html.words()


def test_search_box_submits_to_search(page):
    form = page.find("section", class_="home-search").find("form")
    assert (form.get("action"), form.get("method")) == ("/search", "get")
    field = form.find("input", name="q")
    assert page.find("label", for_=field.get("id")) and field.get("data-autocomplete") == "/search/suggest"


def test_diagram_groups_61_pairings_by_province_city_county(page):
    diagram = page.find("section", class_="programme")
    provinces = diagram.find_all("section", class_="province")
    assert [p.get("data-code") for p in provinces] == ["360000", "350000"]  # the notice's order
    cities = diagram.find_all("section", class_="city")
    assert [c.get("data-code") for c in cities] == ["360700", "360800", "361000", "350800", "350400"]
    counties = diagram.find_all("li", class_="county")
    assert len(counties) == 43
    county_links = [c.find("a", class_="county-name").get("href") for c in counties]
    assert len(set(county_links)) == 43 and all(h.startswith("/page/division/") for h in county_links)
    unit_links = [a.get("href") for c in counties for a in c.find("ul", class_="units").find_all("a")]
    assert len(unit_links) == 61 and len(set(unit_links)) == 61
    assert all(h.startswith("/page/unit/") for h in unit_links)
    for city in cities:
        codes = [c.get("data-code") for c in city.find_all("li", class_="county")]
        assert codes == sorted(codes) and all(code[:4] == city.get("data-code")[:4] for code in codes)


def test_a_county_with_two_units_shows_both(page):
    ruijin = page.find("li", class_="county", data_code="360781")
    assert ruijin.find("a", class_="county-name").words() == "瑞金市"
    units = {a.get("href"): a.words() for a in ruijin.find("ul", class_="units").find_all("a")}
    assert units == {"/page/unit/mof": "财政部", "/page/unit/xinhua": "新华社"}


def test_lead_departments_are_listed_apart(page):
    leads = page.find("section", class_="leads")
    assert {a.get("href") for a in leads.find_all("a")} == {"/page/unit/ndrc", "/page/unit/cpc-organization"}
    in_counties = {
        a.get("href") for county in page.find_all("li", class_="county") for a in county.find_all("a")
    }
    assert not in_counties & {"/page/unit/ndrc", "/page/unit/cpc-organization"}


def test_legend_marks_each_category_with_colour_and_letter(page, programme_rows):
    legend = page.find("section", class_="legend").find_all("li")
    categories = {str(row["category"]) for row in programme_rows}
    assert {li.get("data-category") for li in legend} == categories
    marks = {}
    for li in legend:
        [mark] = with_class(li, "span", "mark")
        assert mark.text() and any(c.startswith("cat-") for c in mark.get("class").split())
        marks[mark.get("class")] = mark.text()
    assert len(set(marks.values())) == len(legend)  # a distinct letter per category
    for unit in page.find("section", class_="programme").find_all("li", class_="unit"):
        [mark] = with_class(unit, "span", "mark")
        assert marks[mark.get("class")] == mark.text()  # same colour, same letter
        assert unit.find("span", class_="visually-hidden").words()  # the category in words too


def test_english_home_shows_english_names_with_lang_marked(client):
    page = parse_html(client.get("/?lang=en").get_data(as_text=True))
    assert page.find("html").get("lang") == "en"
    ruijin = page.find("li", class_="county", data_code="360781")
    assert ruijin.find("a", class_="county-name").words() == "Ruijin City"
    assert "Ministry of Finance" in [a.words() for a in ruijin.find_all("a")]
    other = page.find("p", class_="lead other")
    assert other.get("lang") == "zh-Hans" and "国办发" in other.words()


def test_no_inline_styles_scripts_or_handlers(page):
    for element in page.iter():
        assert "style" not in element.attrs and not any(name.startswith("on") for name in element.attrs)
        if element.tag == "script":
            assert element.get("src") or element.get("type") == "application/ld+json"


def test_home_is_the_same_on_a_remote_store(remote_store, page):
    remote = parse_html(
        create_app({"ENDPOINT": remote_store.endpoint}).test_client().get("/?lang=zh").get_data(as_text=True)
    )
    for selector in ({"class_": "counts"}, {"class_": "programme"}):
        tag = "ul" if selector["class_"] == "counts" else "section"
        assert remote.find(tag, **selector).words() == page.find(tag, **selector).words()


# -- the page queries of home, notice, browse and search: complete headers, plain SPARQL -------------

UI_QUERIES = sorted(
    p for prefix in ("home", "notice", "browse", "search") for p in (QUERIES / "ui").glob(f"{prefix}-*.rq")
)


@pytest.mark.parametrize("path", UI_QUERIES, ids=lambda p: p.stem)
def test_ui_query_header_is_complete_and_text_parses(path):
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, path)
    for key in ("title", "description"):
        assert {"zh", "en"} <= set(header[key]) and all(v.strip() for v in header[key].values())
    assert header["tags"] and "ui" in header["tags"]
    query = load_query(path)
    for parameter in query.parameters:
        assert (parameter.required or parameter.default) and {"zh", "en"} <= set(parameter.description)
    bindings = query.bindings(required_values(query))
    prepareQuery(inject_values(query.text, bindings) if query.parameters else query.text)


# -- the page does not grow with the graph ------------------------------------------------------------

ID = "https://w3id.org/duikou/id/"


def second_copy(term):
    """`term` in a renamed copy of the graph, as bench/synth.py makes them: `unit/mof` → `unit/mof-x1`."""
    if isinstance(term, URIRef) and str(term).startswith(ID):
        kind, _, rest = str(term)[len(ID) :].partition("/")
        segment, slash, tail = rest.partition("/")
        return URIRef(f"{ID}{kind}/{segment}-x1{slash}{tail}")
    return BNode(f"{term}_x1") if isinstance(term, BNode) else term


def test_a_second_notice_in_the_graph_changes_nothing_on_the_home_page(built_dist, built_graph, page):
    doubled = Graph()
    doubled += built_graph
    for triple in built_graph:
        doubled.add(tuple(map(second_copy, triple)))
    app = create_app({"DIST": built_dist})
    of(app).store = EmbeddedStore.from_graph(doubled)
    doubled_page = parse_html(app.test_client().get("/?lang=zh").get_data(as_text=True))
    for selector in ({"class_": "counts"}, {"class_": "programme"}, {"class_": "home-source"}):
        tag = "ul" if selector["class_"] == "counts" else "section"
        assert doubled_page.find(tag, **selector).words() == page.find(tag, **selector).words()
