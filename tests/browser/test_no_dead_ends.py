"""No dead ends and phones, in Debian's headless Chromium against `duikou serve`: error pages in the site's
layout with a way on, no page wider than a 375 px phone, and axe-core on the new pages, also in the dark."""

import re

import pytest
from playwright.sync_api import expect

from browser.axe import audit, blocking, describe
from browser.dom import main, t
from browser.guard import shot

pytestmark = pytest.mark.browser
expect.set_options(timeout=15_000)
SLOW_PAGE = 120_000  # /validation may run pySHACL first

# one page of every kind
PAGES = {
    "home": "/",
    "notice": "/notice",
    "browse": "/browse",
    "search": "/search?q=瑞金",
    "county": "/page/division/360781",
    "city": "/page/division/360700",
    "province": "/page/division/360000",
    "unit": "/page/unit/mof",
    "organization": "/page/organization/nfra",
    "assignment": "/page/assignment/guobanfa-2021-15/mof",
    "line": "/page/document/guobanfa-2021-15/line/26",
    "section": "/page/document/guobanfa-2021-15/section/2-1",
    "notice-entity": "/page/document/guobanfa-2021-15",
    "concept": "/page/concept/unit-category/central-enterprise",
    "change": "/page/change/2023-cbirc-nfra",
    "graph": "/graph/guobanfa-2021-15",
    "dataset": "/dataset",
    "def": "/def",
    "validation": "/validation",
    "links": "/links",
    "query": "/query",
    "query-results": "/query?query=SELECT+*+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D+LIMIT+20",
    "queries": "/queries",
    "named-query": "/queries/units-of-county",
    "named-query-wide": "/queries/pairings",
    "sparql": "/sparql",
    "not-found": "/no/such/page",
    "entity-not-found": "/page/unit/no-such-unit",
}
ERRORS = {  # a path and the status a browser gets there
    "404": ("/no/such/page", 404),
    "405": ("/notice", 405),
    "406": ("/queries/units-of-county.ttl", 406),
}


def forgive_the_status(visit) -> None:
    """Chromium logs an error page's own status as a console error; that is what was asked for here."""
    visit.guard.console[:] = [c for c in visit.guard.console if "responded with a status of 40" not in c]


WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > 376).slice(0, 6)
    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


@pytest.mark.parametrize("visit", [{"viewport": {"width": 375, "height": 812}}], indirect=True)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_is_wider_than_a_phone(visit, name):
    page = visit.page
    page.goto(PAGES[name], timeout=SLOW_PAGE)
    expect(main(page)).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate(WIDEST)
    shot(page, f"phone-{name}")
    forgive_the_status(visit)
    assert width <= 375, f"{PAGES[name]} is {width} px wide at a 375 px viewport; widest elements: {wide}"


@pytest.mark.parametrize("visit", [{"viewport": {"width": 375, "height": 812}}], indirect=True)
def test_browse_shows_the_table_before_the_facets_on_a_phone(visit):
    page = visit.page
    page.goto("/browse")
    table = main(page).get_by_role("table").first
    expect(table).to_be_visible()
    assert table.bounding_box()["y"] < 812 * 2, "the table is more than a screen below the top"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("status", list(ERRORS))
def test_error_pages_have_the_layout_and_a_way_on(visit, status, lang):
    page = visit.page
    path, code = ERRORS[status]
    if code == 405:  # a form posted where only reading is possible
        page.goto(f"/?lang={lang}")
        page.evaluate(
            """path => { const f = document.createElement('form'); f.method = 'post'; f.action = path;
                         document.body.append(f); f.submit(); }""",
            path,
        )
        page.wait_for_load_state()
    else:
        response = page.goto(f"{path}?lang={lang}")
        assert response.status == code
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans" if lang == "zh" else "en")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(t(f"error.{code}", lang))
    expect(page.get_by_role("navigation", name=t("nav.main", lang))).to_be_visible()
    expect(main(page).get_by_role("link", name=t("error.home", lang))).to_be_visible()
    expect(main(page).get_by_role("search", name=t("error.search", lang))).to_be_visible()
    shot(page, f"error-{status}-{lang}")
    forgive_the_status(visit)
    bad = blocking(audit(page, f"error {status} ({lang})"))
    assert not bad, f"axe-core on {page.url}:\n{describe(bad)}"
    main(page).get_by_role("searchbox", name=t("error.search", lang)).fill("瑞金")
    main(page).get_by_role("button", name=t("search.submit", lang)).click()
    expect(page).to_have_url(re.compile(r"/search\?q="))


NEW_PAGES = {"sparql": "/sparql", "not-found": "/no/such/page", "named-query": "/queries/supports"}
DARK_PAGES = {
    "home": "/",
    "county": "/page/division/360781",
    "browse": "/browse",
    "notice": "/notice",
    "named-query": "/queries/units-of-county",
    "sparql": "/sparql",
    "not-found": "/no/such/page",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(NEW_PAGES))
def test_axe_on_the_new_pages(visit, name, lang):
    page = visit.page
    page.goto(f"{NEW_PAGES[name]}?lang={lang}")
    expect(main(page)).to_be_visible()
    forgive_the_status(visit)
    bad = blocking(audit(page, f"{name} ({lang})"))
    assert not bad, f"axe-core on {page.url}:\n{describe(bad)}"


@pytest.mark.parametrize("name", list(DARK_PAGES))
def test_the_dark_scheme_is_readable(visit, name):
    """prefers-color-scheme: dark (emulated) changes the colours, and axe finds no contrast problem."""
    page = visit.page
    page.emulate_media(color_scheme="dark")
    page.goto(DARK_PAGES[name])
    expect(main(page)).to_be_visible()
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
    shot(page, f"dark-{name}")
    forgive_the_status(visit)
    bad = blocking(audit(page, f"dark {name}"))
    assert not bad, f"axe-core on {page.url} in the dark:\n{describe(bad)}"


def test_the_print_stylesheet_hides_the_chrome_and_shows_link_addresses(visit):
    page = visit.page
    page.emulate_media(media="print")
    page.goto("/page/division/360781")
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.locator("footer.site")).to_be_hidden()
    link = main(page).locator("a[href^='/page/unit/']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "/page/unit/" in after or "attr" in after or "http" in after, after
    color = page.evaluate("() => getComputedStyle(document.body).color")
    assert color == "rgb(0, 0, 0)", color
