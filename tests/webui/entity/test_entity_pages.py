"""Entity pages: one of every class, in both languages, checked as HTML trees; class touches; query budget;
XSS."""

from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.store.embedded import EmbeddedStore
from helpers.html_tree import parse_html
from helpers.linked import ID, json_ld, parse_rdf, tampered_dist
from webui import create_app
from webui.entity.kinds import KINDS
from webui.state import of

GOV, ASSIGNMENT = "GovernmentOrganization", "assignment/guobanfa-2021-15/"
# path: (schema.org type, zh name, en name)
ENTITIES = {
    "unit/mof": (GOV, "财政部", "Ministry of Finance"),
    "unit/ndrc": (GOV, "国家发展和改革委员会", "National Development and Reform Commission"),
    "unit/nea": (GOV, "国家能源局", "National Energy Administration"),
    "unit/state-grid": ("Organization", "国家电网有限公司", "State Grid Corporation of China"),
    "organization/state-council": (GOV, "国务院", "State Council"),
    "organization/nfra": (GOV, "国家金融监督管理总局", "National Administration of Financial Regulation"),
    "change/2023-csrc-agency": (
        "Event",
        "证监会调整为国务院直属机构（2023年）",
        "China Securities Regulatory Commission becomes an agency directly under the State Council (2023)",
    ),
    "change/2023-csrc-agency/category/csrc": (
        "Thing",
        "中国证券监督管理委员会：2023-03-10起为国务院直属机构",
        None,
    ),
    "division/360781": ("AdministrativeArea", "瑞金市", "Ruijin City"),
    "division/360700": ("AdministrativeArea", "赣州市", "Ganzhou City"),
    "division/360000": ("AdministrativeArea", "江西省", "Jiangxi Province"),
    "zone/360702400": ("Place", "赣州经济技术开发区", "Ganzhou Economic and Technological Development Zone"),
    "document/guobanfa-2021-15": (
        "Legislation",
        "国务院办公厅关于印发新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案的通知",
        None,
    ),
    "document/guobanfa-2021-15-plan": ("Legislation", None, None),
    "document/guofa-2021-3": ("Legislation", "国务院关于新时代支持革命老区振兴发展的意见", None),
    "document/guobanfa-2021-15/section/2-1": ("Legislation", "（一）赣州市18个县（市、区）", None),
    "document/guobanfa-2021-15/line/26": ("CreativeWork", "第26行", "Line 26"),
    ASSIGNMENT + "mof": ("Thing", "财政部对口支援瑞金市", "Ministry of Finance supports Ruijin City"),
    "concept/duty/evaluate": ("DefinedTerm", "定期评估工作成效", "Evaluating results regularly"),
    "concept/duty": ("DefinedTermSet", None, None),
    "concept/unit-category/national-bureau": ("DefinedTerm", "部委管理的国家局", None),
    "source/nbs-2023": ("CreativeWork", "统计用区划代码（2023年）", None),
    "programme/gannan": ("Project", "对口支援赣南等原中央苏区工作", None),
    "programme/gannan/phase/2021-2030": ("Event", None, None),
    "dataset/nbs-2023/code/360781": ("DefinedTerm", None, None),
    "division-code/362102": ("DefinedTerm", None, None),
}
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def page(client, path, lang="zh"):
    response = client.get(f"/page/{path}?lang={lang}", headers={"Accept": HTML})
    assert response.status_code == 200, path
    assert response.mimetype == "text/html"
    return parse_html(response.get_data(as_text=True))


def test_every_class_has_an_entity_above(app):
    """The list above reaches every kind of page (every class the templates know that the graph has)."""
    kinds = {key for _, key in KINDS} - {"division", "document"}  # abstract: always with a subclass
    kinds -= {"graph"}  # a named graph's page is at /graph/… (tests/webui/test_every_iri_dereferences.py)
    from webui.entity.index import require
    from webui.entity.kinds import kinds as kinds_of
    from webui.entity.page import assemble

    seen = set()
    with app.test_request_context("/"):
        for path in ENTITIES:
            seen.update(kinds_of(assemble(require(path))))
    assert kinds <= seen, kinds - seen


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", sorted(ENTITIES))
def test_entity_page(app, client, path, lang):
    tree = page(client, path, lang)
    schema, zh, en = ENTITIES[path]
    html = tree.find("html")
    assert html.attrs["lang"] == ("zh-Hans" if lang == "zh" else "en")
    h1 = tree.find("h1")
    chosen = h1.find("span", lang="zh-Hans" if lang == "zh" else "en")
    assert chosen is not None and chosen.text().strip()
    name = zh if lang == "zh" else en
    if name:
        assert chosen.text() == name
        assert name in tree.find("title").text()
    other = h1.find("span", class_="other")
    assert other is not None and other.attrs["lang"] == ("en" if lang == "zh" else "zh-Hans")
    main = tree.find("main")
    classes = tree.find("p", class_="entity-classes").find_all("a")
    assert classes and all(not a.text().startswith("http") for a in classes)
    check_links(app, main)
    (data,) = json_ld(tree)
    assert data["@type"] == schema and data["@id"] == data["url"] == ID + path
    assert {n["@language"] for n in data["name"]} == {"zh", "en"}
    formats = tree.find("section", class_="formats")
    assert {a.attrs["href"] for a in formats.find_all("a")} == {
        f"/data/{path}.{f}" for f in ("ttl", "nt", "jsonld", "rdf")
    }
    cite = tree.find("section", class_="cite")
    assert ID + path in cite.find("pre").text() and cite.find("dl")
    mark = tree.find("p", class_="conformance")
    assert "ok" in mark.attrs["class"].split()
    [link] = mark.find_all("a")
    target = urlsplit(link.attrs["href"])
    assert (target.path, parse_qs(target.query), target.fragment) == (
        "/validation",
        {"entity": [ID + path]},
        "entity-rules",
    )
    assert "SHACL" not in mark.text() and "Shape" not in mark.text(), "one plain line, no shape names"
    fact = tree.find("section", class_="fact") if tree.find_all("section", class_="fact") else None
    if fact is not None:  # the key relation comes before the IRI and the mark
        order = [e for e in main.iter() if e is fact or e is mark]
        assert order[0] is fact


def check_links(app, main):
    """Links go to existing pages or http(s) IRIs, and never show a raw IRI of ours where a label exists."""
    from webui.entity.index import lookup, valid_path

    for a in main.find_all("a"):
        href = a.attrs.get("href", "")
        assert href.startswith(
            (
                "/page/",
                "/def",
                "/data/",
                "/validation",
                "/dataset",
                "/graph/",
                "#",
                "http://",
                "https://",
                "/search",
                "/browse",
                "/queries/statement-sources?",
            )
        ), href
        if href.startswith("/graph/"):  # a named graph (its statements say where they come from)
            assert app.test_client().get(href).status_code == 200, href
        if href.startswith("/page/"):
            target = href[len("/page/") :].split("#")[0]
            with app.test_request_context("/"):
                entry = lookup(target) if valid_path(target) else None
            assert entry is not None, href
            if entry.names:  # it has a label: the link shows it, never the IRI
                assert not a.text().strip().startswith(("https://w3id.org/duikou/", "id:")), (href, a.text())


def test_literals_keep_their_language(client):
    tree = page(client, "unit/nea", "en")
    names = tree.find("section", class_="properties").find_all("span", class_="literal")
    assert {s.attrs.get("lang") for s in names} >= {"zh", None}
    pinyin = page(client, "division/360781").find("span", lang="zh-latn-pinyin")
    assert pinyin is not None and pinyin.text() == "Ruijin Shi"


def test_properties_have_labels_and_are_grouped(client):
    tree = page(client, "division/360781", "en")
    rows = tree.find("section", class_="properties").find("dl")
    labels = [dt.text().strip() for dt in rows.find_all("dt")]
    assert len(labels) == len(set(labels)), "one group per property"
    assert {"in city", "in province", "county type"} <= set(labels)
    assert not any(label.startswith("http") for label in labels)
    incoming = tree.find("section", class_="incoming")
    assert [dt.text().split("(")[0].strip() for dt in incoming.find_all("dt")], "other links stay listed"


def test_the_key_relation_is_shown_once(client):
    """A county's units, a unit's county, a pairing's unit and county: at the top, not again below."""
    for path, shown in (
        ("division/360781", {"/page/unit/mof", "/page/unit/xinhua"}),
        ("unit/mof", {"/page/division/360781"}),
        ("assignment/guobanfa-2021-15/mof", {"/page/unit/mof", "/page/division/360781"}),
    ):
        tree = page(client, path, "en")
        top = {a.attrs["href"] for a in tree.find("section", class_="fact").find_all("a")}
        assert shown <= top, path
        for name in ("properties", "incoming", "summary"):
            below = tree.find_all("section", class_=name)
            links = {a.attrs["href"] for section in below for a in section.find_all("a")}
            assert not shown & links, f"{path}: {name} repeats {shown & links}"


def test_county_page(client):
    tree = page(client, "division/360781")
    summary = tree.find("section", class_="summary")
    assert summary.find("code").text() == "360781"
    hrefs = {a.attrs["href"]: a.text() for a in summary.find_all("a")}
    assert hrefs["/page/division/360700"] == "赣州市" and hrefs["/page/division/360000"] == "江西省"
    rows = tree.find("section", class_="fact").find("tbody").find_all("tr")
    units = {tr.find("a").text(): tr.find_all("td")[1].text() for tr in rows}
    assert units == {"财政部": "国务院组成部门", "新华通讯社": "国务院直属事业单位"}
    assert all(tr.find_all("a")[-1].attrs["href"] == "/page/document/guobanfa-2021-15#line-26" for tr in rows)
    assert all(tr.find("q").text() == "财政部、新华社——瑞金市" for tr in rows), "each with its line"
    quote = tree.find("section", class_="provenance").find("blockquote")
    assert quote.text() == "财政部、新华社——瑞金市" and quote.attrs["cite"].endswith("#line-26")


def summary_links(tree) -> set[str]:
    """Where the links of a page's summary section lead."""
    return {a.attrs["href"] for a in tree.find("section", class_="summary").find_all("a")}


def test_unit_pages(client):
    nea = page(client, "unit/nea")
    wanted = {"/page/concept/unit-category/national-bureau", "/page/unit/ndrc", "/page/division/360722"}
    assert wanted <= summary_links(nea) | {
        a.attrs["href"] for a in nea.find("section", class_="fact").find_all("a")
    }
    quote = nea.find("section", class_="fact").find("blockquote")
    assert quote.text() == "农业农村部、国家能源局——信丰县"
    ndrc = page(client, "unit/ndrc", "en")
    summary = ndrc.find("section", class_="summary")
    administers = {a.attrs["href"] for dd in summary.find_all("dd") for a in dd.find_all("a")}
    assert {"/page/unit/nea", "/page/unit/nfsra"} <= administers
    duties = summary.find("ul", class_="duties").find_all("li")
    assert len(duties) == 9
    quoted = {li.find("q").text(): li.find_all("a")[-1].attrs["href"] for li in duties}
    assert quoted["定期组织工作成效评估"] == "/page/document/guobanfa-2021-15#line-76"


def test_city_and_province_pages(client):
    city = page(client, "division/360700", "en")
    rows = city.find("section", class_="summary").find("tbody").find_all("tr")
    assert len(rows) == 18
    ruijin = next(tr for tr in rows if tr.find("code").text() == "360781")
    assert {a.text() for a in ruijin.find_all("td")[2].find_all("a")} == {
        "Ministry of Finance",
        "Xinhua News Agency",
    }
    assert city.find_all("span", class_="ok"), "the stated 18 agrees with the graph"
    province = page(client, "division/350000")
    cities = province.find("ul", class_="cities").find_all("li")
    assert {li.find("a").text() for li in cities} == {"龙岩市", "三明市"}


def test_line_page(client):
    tree = page(client, "document/guobanfa-2021-15/line/26")
    assert tree.find("blockquote", class_="line-text").text() == "财政部、新华社——瑞金市"
    pager = {a.attrs["rel"]: a.attrs["href"] for a in tree.find("nav", class_="pager").find_all("a")}
    assert pager == {
        "prev": "/page/document/guobanfa-2021-15/line/25",
        "next": "/page/document/guobanfa-2021-15/line/27",
    }
    assert {
        "/page/unit/mof",
        "/page/unit/xinhua",
        "/page/division/360781",
        "/page/document/guobanfa-2021-15/section/2-1",
        "/page/document/guobanfa-2021-15#line-26",
    } <= summary_links(tree)
    texts = [
        e for e in tree.find("main").iter() if e.text().strip() == "财政部、新华社——瑞金市" and e.tag == "p"
    ]
    assert len(texts) == 1, "the line's text is shown once, at the top"


def test_assignment_and_concept_pages(client):
    assignment = page(client, "assignment/guobanfa-2021-15/mof")
    fact = assignment.find("section", class_="fact")
    assert {"/page/unit/mof", "/page/division/360781"} <= {a.attrs["href"] for a in fact.find_all("a")}
    assert {"/page/programme/gannan/phase/2021-2030", "/page/document/guobanfa-2021-15"} <= summary_links(
        assignment
    )
    assert fact.find("blockquote").text() == "财政部、新华社——瑞金市"
    concept = page(client, "concept/duty/evaluate")
    assert "/page/concept/duty" in summary_links(concept)
    assert concept.find("mark").text() == "定期组织工作成效评估"


def test_zone_quote_is_marked_in_its_line(client):
    tree = page(client, "zone/360702400")
    assert tree.find("mark").text() == "（含赣州经济技术开发区）"


def test_notice_page_anchors_every_line(client):
    tree = page(client, "document/guobanfa-2021-15")
    anchors = {e.attrs["id"] for e in tree.iter() if e.attrs.get("id", "").startswith("line-")}
    assert {"line-1", "line-26", "line-76"} <= anchors and len(anchors) == 71


def test_section_page_lists_its_lines(client):
    tree = page(client, "document/guobanfa-2021-15/section/2-1")
    lines = tree.find("section", class_="summary").find("ol").find_all("li")
    assert "26" in {li.attrs["value"] for li in lines}


def test_template_is_the_most_specific_that_exists(app):
    from webui.entity.index import require
    from webui.entity.kinds import templates
    from webui.entity.page import assemble

    with app.test_request_context("/"):
        assert templates(assemble(require("unit/ndrc")))[:3] == [
            "entity/entity-lead.html",
            "entity/entity-unit.html",
            "entity/entity-organization.html",
        ]
        assert templates(assemble(require("division/360781")))[-1] == "entity/entity.html"


class NamingStore(EmbeddedStore):
    """The embedded store, keeping the text (and bound values) of each query it answers."""

    def __init__(self, store: EmbeddedStore):
        super().__init__(store.store)
        self.texts = []

    def query(self, text, *args, **kwargs):
        self.texts.append(f"{text} {args} {kwargs}")
        return super().query(text, *args, **kwargs)


@pytest.mark.parametrize(
    "path, budget",
    [
        ("division/360781", 3),
        ("unit/ndrc", 3),  # its changes after the notice (none)
        ("organization/nfra", 3),
        ("change/2023-cbirc-nfra", 2),
        ("division/360700", 5),  # and its slice of the tile map: the home page's two queries
        # and, for its citation, the document it is a line of: once per process and language (kept after)
        ("document/guobanfa-2021-15/line/26", 4),
        ("concept/duty/evaluate", 2),
        ("document/guobanfa-2021-15", 5),
    ],
)
def test_each_page_costs_a_small_fixed_number_of_queries(built_dist, path, budget):
    """Its own queries (the first of which says whether it exists), from the first page of the process on:
    no index of everything. The first page also asks for the properties' labels (the ontology's) and the
    source graphs' short names: two small lists per process and language, which `duikou serve` reads before
    its workers start."""
    app = create_app({"DIST": built_dist})
    ext = of(app)
    ext.store = counting = NamingStore(ext.store)
    client = app.test_client()
    assert client.get(f"/page/{path}").status_code == 200
    assert len(counting.texts) == budget + 2
    assert sum("owl:AnnotationProperty" in text for text in counting.texts) == 1  # property-labels
    assert sum("a dk:SourceGraph" in text for text in counting.texts) == 1  # graph-labels
    assert client.get(f"/page/{path}").status_code == 200
    assert len(counting.texts) == budget + 2, "a page seen before costs nothing"


def test_no_page_lists_entities_and_a_404_suggests_from_the_build(built_dist):
    app = create_app({"DIST": built_dist})
    ext = of(app)
    ext.store = naming = NamingStore(ext.store)
    client = app.test_client()
    for path in ("/id/unit/mof", "/page/unit/mof", "/data/unit/mof.ttl", "/page/dataset/nbs-2023"):
        assert client.get(path).status_code in (200, 303), path
    assert not any("STRSTARTS" in text for text in naming.texts), "existence is asked per IRI"
    missing = client.get("/id/unit/ndcr", headers={"Accept": "text/plain"})
    assert missing.status_code == 404 and "/page/unit/ndrc" in missing.get_data(as_text=True)
    # the candidates come from the build's names.json (webui.entity.nearby); without it, tests/webui/entity/
    # test_nearby.py shows a kind listed by one query on its first 404
    assert not any("STRSTARTS" in text for text in naming.texts), "a 404 suggests without listing the store"


# -- markup in the data renders as text; javascript: IRIs are never links ---------------------------------


@pytest.fixture(scope="module")
def tampered(tmp_path_factory, built_dist):
    return create_app({"DIST": tampered_dist(tmp_path_factory.getbasetemp(), built_dist)}).test_client()


def test_markup_in_labels_is_text(tampered):
    response = tampered.get("/page/unit/xss-test?lang=en", headers={"Accept": HTML})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    tree = parse_html(text)
    assert tree.find("h1").find("span", lang="en").text() == "<script>alert(1)</script>"
    assert tree.find("h1").find("span", lang="zh-Hans").text() == "<b>粗体</b>"
    scripts = tree.find_all("script")
    assert all(s.attrs.get("type") == "application/ld+json" or s.attrs.get("src") for s in scripts)
    assert not tree.find_all("b") and not tree.find_all("img")
    assert "<script>alert(1)" not in text and "<img src=x" not in text
    (data,) = json_ld(tree)
    assert {"@value": "<script>alert(1)</script>", "@language": "en"} in data["name"]
    assert data["sameAs"] == ["http://www.wikidata.org/entity/Q42"]


def test_javascript_iris_are_never_links(tampered):
    tree = parse_html(tampered.get("/page/unit/xss-test", headers={"Accept": HTML}).get_data(as_text=True))
    hrefs = [e.attrs["href"] for e in tree.iter() if "href" in e.attrs]
    assert not any(h.strip().lower().startswith(("javascript:", "data:")) for h in hrefs)
    out = tree.find("section", class_="links-out")
    assert "http://www.wikidata.org/entity/Q42" in {a.attrs["href"] for a in out.find_all("a")}
    assert "javascript:alert(2)" in out.text(), "shown, as text"


def test_markup_in_a_linked_label_is_text(tampered):
    tree = parse_html(
        tampered.get("/page/division/360781?lang=en", headers={"Accept": HTML}).get_data(as_text=True)
    )
    links = {a.attrs["href"]: a.text() for a in tree.find("main").find_all("a")}
    assert links["/page/unit/xss-test"] == "<script>alert(1)</script>"


# -- the same pages on a remote store ----------------------------------------------------------------------


REMOTE_PAGES = (
    "division/360781",  # 瑞金市
    "unit/mof",  # 财政部
    "unit/ndrc",
    "division/360000",
    "assignment/guobanfa-2021-15/mof",
    "document/guobanfa-2021-15/line/26",
    "document/guobanfa-2021-15/section/2-1",
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_and_data_work_on_a_remote_store(remote_store, built_dist, client, lang):
    remote = create_app({"ENDPOINT": remote_store.endpoint, "DIST": built_dist}).test_client()
    for path in REMOTE_PAGES:
        here, there = page(client, path, lang).find("main"), page(remote, path, lang).find("main")
        assert there.words() == here.words(), path
        assert [a.attrs["href"] for a in there.find_all("a")] == [a.attrs["href"] for a in here.find_all("a")]
    for path in ("unit/mof", "assignment/guobanfa-2021-15/mof"):
        local = parse_rdf(client.get(f"/data/{path}.ttl"))
        assert isomorphic(parse_rdf(remote.get(f"/data/{path}.ttl")), local) and isinstance(local, Graph)
