"""The site in a real browser (Debian's headless Chromium, driven by Playwright) against `duikou serve`.

The user journey (home → search 瑞金 → county → unit → query → English), keyboard use, the pages without
JavaScript, their links, axe-core in both languages and a phone-sized screen. Steps assert on the rendered DOM
by role and name and save screenshots in tests/screenshots/ (gitignored). The `visit` fixture (conftest.py)
aborts every request not to 127.0.0.1 and fails the test if one was attempted or a page logged an error.
"""

import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from browser.axe import audit, blocking, describe
from browser.chromium import HOW_TO_INSTALL, chinese_fonts
from browser.dom import (
    assert_focus_visible,
    assert_labelled_results,
    choose_suggestion,
    fetch_ids,
    main,
    page_links,
    search_box,
    t,
    tab_to,
)
from browser.guard import shot
from graph.store.named import catalogue

pytestmark = pytest.mark.browser
expect.set_options(timeout=15_000)

RUIJIN, GANZHOU, JIANGXI = "/page/division/360781", "/page/division/360700", "/page/division/360000"
MOF, XINHUA = "/page/unit/mof", "/page/unit/xinhua"
NOTICE = "/page/document/guobanfa-2021-15"
PAIRING_LINE = "财政部、新华社——瑞金市"
NAMED_QUERY = "units-of-county"
SELECT = """PREFIX dk: <https://w3id.org/duikou/def#>
SELECT ?unit ?county WHERE { ?unit dk:supports ?county } ORDER BY ?unit LIMIT 5"""
# /validation reads the build's validation.ttl; without one a worker runs pySHACL first (20-30 s on 2 cores).
SLOW_PAGE = 120_000


def at(path: str) -> re.Pattern:
    return re.compile(re.escape(path) + r"$")


def test_journey(visit):
    """Home → search 瑞金 → 瑞金市 → 财政部 → a named query in the editor → English, remembered."""
    page = visit.page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    diagram = main(page).get_by_role("region", name=t("home.diagram"), exact=True)
    expect(diagram.get_by_role("link", name="瑞金市", exact=True)).to_be_visible()
    drawn = {href: text for text, href in page_links(diagram)}
    assert (drawn.get(RUIJIN), drawn.get(MOF)) == ("瑞金市", "财政部")
    divisions = [href for href in drawn if href.startswith("/page/division/")]
    units = [href for href in drawn if href.startswith("/page/unit/")]
    assert (len(divisions), len(units)) == (2 + 5 + 43, 63), (
        f"the diagram should link 2 + 5 + 43 divisions and 63 units, not {len(divisions)} and {len(units)}"
    )
    counts = main(page).get_by_role("region", name=t("home.counts"), exact=True).locator("[data-count]")
    expect(counts.first).to_be_visible()
    shown = {c.get_attribute("data-count"): re.sub(r"\D", "", c.inner_text()) for c in counts.all()}
    assert (shown.get("units"), shown.get("counties"), shown.get("pairings")) == ("63", "43", "61"), shown
    shot(page, "01-home")

    box = search_box(page)
    box.click()
    box.press_sequentially("瑞金", delay=60)
    expect(page.get_by_role("listbox")).to_be_visible()
    shot(page, "02-autocomplete", full_page=False)
    choose_suggestion(page, box, "瑞金市")
    expect(page).to_have_url(at(RUIJIN))

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("瑞金市")
    expect(heading.locator("[lang=en]")).to_have_text("Ruijin City")
    content = main(page)
    supporters = content.get_by_role("table", name=t("county.units"))
    for name, href in (("财政部", MOF), ("新华社", XINHUA)):  # the notice's names, beside the full names
        row = supporters.get_by_role("row").filter(has=page.locator(f"a[href='{href}']"))
        expect(row).to_contain_text(name)
        expect(row.locator(f"a[href='{NOTICE}#line-26']")).to_be_visible()
    assert set(page_links(content)) >= {("赣州市", GANZHOU), ("江西省", JIANGXI)}
    provenance = content.get_by_role("region", name=t("entity.provenance"))
    quote = provenance.get_by_role("figure").filter(has=page.locator("blockquote", has_text=PAIRING_LINE))
    expect(quote.locator(f"a[href='{NOTICE}#line-26']")).to_be_visible()
    shot(page, "03-county-ruijin")

    supporters.get_by_role("link", name="财政部", exact=True).click()
    expect(page).to_have_url(at(MOF))
    expect(heading).to_contain_text("财政部")
    expect(heading.locator("[lang=en]")).to_contain_text("Ministry of Finance")
    assert ("瑞金市", RUIJIN) in page_links(main(page)), "the unit page does not link its county 瑞金市"
    shot(page, "04-unit-mof")

    page.get_by_role("navigation").get_by_text(t("nav.developers"), exact=True).click()
    page.get_by_role("navigation").get_by_role("link", name=t("nav.query"), exact=True).click()
    expect(page).to_have_url(at("/query"))
    examples = main(page).get_by_role("region", name=t("editor.examples"))
    examples.get_by_role("link", name=catalogue().get(NAMED_QUERY).title["zh"], exact=True).click()
    editor = main(page).get_by_role("textbox", name=t("editor.label"))
    expect(editor).to_have_value(re.compile(r"SELECT"))
    shot(page, "05-query-example")
    main(page).get_by_role("button", name=t("editor.run")).click()
    assert_labelled_results(page)
    shot(page, "06-query-results")

    page.get_by_role("banner").get_by_role("link", name=t("lang.switch"), exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nav = page.get_by_role("navigation", name=t("nav.main", "en"))
    expect(nav.get_by_role("link", name=t("nav.browse", "en"), exact=True)).to_be_visible()
    assert_labelled_results(page)
    shot(page, "07-english")
    page.goto("/browse")  # no ?lang= now: the choice is remembered
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(nav.get_by_role("link", name=t("nav.home", "en"), exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).not_to_contain_text(re.compile(r"[\u4e00-\u9fff]"))
    shot(page, "08-english-remembered")
    assert visit.guard.blocked == []


def test_notice_lines_are_targets(visit):
    """/notice#line-26 lands on the pairing line of 瑞金市, which links its units and its county."""
    page = visit.page
    page.goto("/notice#line-26")
    line = page.locator("#line-26")
    expect(line).to_contain_text(PAIRING_LINE)
    expect(line).to_be_in_viewport()
    assert page.evaluate("() => document.querySelector(':target').id") == "line-26"
    hrefs = {href for _, href in page_links(line)}
    assert {MOF, XINHUA, RUIJIN} <= hrefs, f"line 26 links {hrefs}"
    shot(page, "09-notice-line-26", full_page=False)


@pytest.mark.parametrize("visit", [{"java_script_enabled": False}], indirect=True)
def test_without_javascript_search_and_query_still_work(visit):
    """With scripts off, the search form finds 瑞金市 and the query form runs on the server."""
    page = visit.page
    page.goto("/")
    form = page.get_by_role("banner").get_by_role("search")
    form.get_by_role("searchbox", name=t("search.label")).fill("瑞金")
    form.get_by_role("button", name=t("search.submit")).click()
    expect(page).to_have_url(re.compile(r"/search\?q="))
    main(page).get_by_role("link", name="瑞金市", exact=True).first.click()
    expect(page).to_have_url(at(RUIJIN))
    page.goto("/query")
    main(page).get_by_role("textbox", name=t("editor.label")).fill(SELECT)
    main(page).get_by_role("button", name=t("editor.run")).click()
    assert_labelled_results(page)
    shot(page, "14-no-javascript-query")


def test_links_on_the_main_pages_resolve(visit):
    """Every link on the main pages answers 200, and every #fragment it names exists where it points."""
    page = visit.page
    targets: dict[str, set] = {}
    for path in (
        "/",
        RUIJIN,
        MOF,
        "/notice",
        "/browse",
        "/def",
        "/validation",
        f"/queries/{NAMED_QUERY}",
        "/search?q=ruijin",
        "/dataset",
        f"/query?example={NAMED_QUERY}",
    ):
        page.goto(path, timeout=SLOW_PAGE)
        # the attribute resolved, as an SVG <a>'s `href` is an object, not a string
        resolve = "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"
        for href in page.locator("a[href]").evaluate_all(resolve):
            parts = urlsplit(href)
            if parts.hostname == "127.0.0.1":
                key = parts.path + (f"?{parts.query}" if parts.query else "")
                targets.setdefault(key, set()).update({(parts.fragment, path)} if parts.fragment else ())
    with ThreadPoolExecutor(4) as pool:
        answers = dict(zip(targets, pool.map(lambda key: fetch_ids(visit.base + key), targets), strict=True))
    broken = [f"{status} {key}" for key, (status, _) in answers.items() if status != 200]
    missing = [
        f"{key}#{fragment} (linked from {source})"
        for key, (_, ids) in answers.items()
        if ids is not None
        for fragment, source in targets[key]
        if fragment not in ids
    ]
    assert not broken and not missing, f"broken links: {broken}; missing anchors: {missing}"
    assert len(targets) > 100


def test_the_guard_catches_what_it_should(visit):
    """The check can fail: an external image is blocked and reported, and so is a CSP refusal."""
    page, guard = visit.page, visit.guard
    body = (
        '<html lang="en"><title>t</title><p style="color: red">x</p>'
        '<img src="https://tiles.example.org/1.png" alt="">'
    )
    page.route(
        "http://127.0.0.1:9/fake",
        lambda route: route.fulfill(
            content_type="text/html",
            body=body,
            headers={"Content-Security-Policy": "default-src 'self'; img-src *"},
        ),
    )
    page.goto("http://127.0.0.1:9/fake")
    expect(page.locator("p")).to_have_text("x")
    page.wait_for_load_state("load")
    problems = guard.problems()
    assert guard.blocked == ["https://tiles.example.org/1.png"], problems
    assert any("inline style" in text for text in guard.console), problems
    guard.blocked.clear()  # what this test provoked must not fail it
    guard.console.clear()


# -- keyboard only --------------------------------------------------------------------------------------


def test_keyboard_search_combobox(visit):
    """Tab reaches the search box; typing, ArrowDown and Enter open a county; Escape closes the list."""
    page = visit.page
    page.goto("/")
    box = search_box(page)
    stops = tab_to(page, box)
    assert stops and stops[0].startswith("A") and t("skip") in stops[0], f"first Tab stop: {stops[:1]}"
    assert_focus_visible(page)
    page.keyboard.type("ruiji", delay=40)
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.type("n", delay=40)
    shot(page, "10-keyboard-autocomplete", full_page=False)
    choose_suggestion(page, box, "瑞金市")
    expect(page).to_have_url(at(RUIJIN))


def test_keyboard_query_editor(visit):
    """Tab reaches the editor; Ctrl+Enter in it runs the query and shows labelled results."""
    page = visit.page
    page.goto("/query")
    editor = main(page).get_by_role("textbox", name=t("editor.label"))
    tab_to(page, editor, limit=60)
    assert_focus_visible(page)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(SELECT)
    page.keyboard.press("Control+Enter")
    assert_labelled_results(page)
    shot(page, "11-keyboard-query")


# -- axe-core, both languages ---------------------------------------------------------------------------

AXE_PAGES = {
    "home": "/",
    "search": "/search?q=瑞金",
    "county": RUIJIN,
    "unit": MOF,
    "notice": "/notice",
    "browse": "/browse",
    "query-results": "/query?" + urlencode({"query": SELECT}),
    "named-query": f"/queries/{NAMED_QUERY}",
    "def": "/def",
    "validation": "/validation",
    "about": "/about",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe(visit, name, lang):
    """No serious or critical axe-core violation on the page in that language (all are counted)."""
    page = visit.page
    path = AXE_PAGES[name]
    response = page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}", timeout=SLOW_PAGE)
    assert response.status == 200, f"{path} answered {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans" if lang == "zh" else "en")
    expect(main(page)).to_be_visible()
    if name == "query-results":
        assert_labelled_results(page)
    bad = blocking(audit(page, f"{name} ({lang})"))
    assert not bad, f"axe-core on {page.url}:\n{describe(bad)}"


def test_axe_reports_what_it_should(chromium):
    """The check can fail: an unlabelled field, an image without alt, a name that hides the visible words."""
    page = chromium.new_page()
    try:
        page.set_content(
            '<html lang="en"><title>t</title><main><h1>t</h1><input>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            '<a href="#x" aria-label="Switch">English</a></main></html>'
        )
        found = {violation["id"]: violation["impact"] for violation in audit(page)}
    finally:
        page.close()
    assert {"label", "image-alt", "label-content-name-mismatch"} <= set(found), found
    assert {found["label"], found["image-alt"]} <= {"critical", "serious"}, found


# -- small screens and fonts ----------------------------------------------------------------------------


@pytest.mark.parametrize("name, path", [("home", "/"), ("county", RUIJIN)])
def test_phone_width_has_no_horizontal_scroll(visit, name, path):
    """At 375 px wide nothing sticks out sideways, and the header stays compact."""
    page = visit.page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(path)
    expect(main(page)).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 376).slice(0, 5)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    shot(page, f"{12 if name == 'home' else 13}-phone-{name}")
    assert width <= 375 + 1, f"{path} is {width} px wide at a 375 px viewport; widest elements: {wide}"
    height = search_box(page).bounding_box()["height"]
    assert height < 60, f"the header's search box is {height:.0f} px tall at 375 px wide"


def test_a_chinese_font_is_installed():
    """Without a CJK font the screenshots show empty boxes for 瑞金."""
    assert chinese_fonts(), f"no font covers Chinese (fc-list :lang=zh is empty): {HOW_TO_INSTALL}"
