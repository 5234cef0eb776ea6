"""The tile map, the grouped menu and the key relation first, in Debian's headless Chromium: the map on `/`
reached and followed by keyboard, a city's slice, both in the first screen of a 375 px phone; the
developers' menu opening without JavaScript; axe on the pages this changed."""

import re

import pytest
from playwright.sync_api import expect

from browser.axe import audit, blocking, describe
from browser.dom import assert_focus_visible, main, t, tab_to
from browser.guard import shot

pytestmark = pytest.mark.browser
expect.set_options(timeout=15_000)

RUIJIN, JIAN, FUJIAN = "/page/division/360781", "/page/division/360800", "/page/division/350000"
PHONE = {"width": 375, "height": 812}


def tiles(page):
    return main(page).locator("figure.tilemap svg a.tile")


def test_the_map_renders_on_home_and_a_tile_is_reached_by_tab(visit):
    page = visit.page
    page.goto("/")
    figure = main(page).locator("figure.tilemap")
    expect(figure).to_be_visible()
    expect(tiles(page)).to_have_count(43)
    hrefs = tiles(page).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(set(hrefs)) == 43 and all(h.startswith("/page/division/") for h in hrefs)
    first = tiles(page).first
    tab_to(page, first, limit=40)
    assert_focus_visible(page)
    target = first.get_attribute("href")
    name = first.locator("text.name").text_content()
    shot(page, "30-tilemap-focus", full_page=False)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def test_a_tile_names_its_county_city_and_units(visit):
    page = visit.page
    page.goto("/")
    ruijin = tiles(page).filter(has=page.locator(f"xpath=self::*[@href='{RUIJIN}']"))
    expect(ruijin).to_have_count(1)
    title = ruijin.locator("title").text_content()
    assert title.startswith("瑞金市") and "赣州市" in title and "财政部" in title and "新华社" in title, title


def test_a_city_page_shows_only_its_counties(visit):
    page = visit.page
    page.goto(JIAN)
    expect(tiles(page)).to_have_count(8)
    codes = tiles(page).evaluate_all("links => links.map(a => a.dataset.code)")
    assert all(code.startswith("3608") for code in codes), codes
    page.goto(FUJIAN)
    expect(tiles(page)).to_have_count(12)
    shot(page, "31-tilemap-province")


@pytest.mark.parametrize("path", ["/", JIAN])
def test_the_map_fits_a_phone_and_is_in_its_first_screen(visit, path):
    page = visit.page
    page.set_viewport_size(PHONE)
    page.goto(path)
    box = main(page).locator("figure.tilemap svg").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{path} is {width} px wide"
    if path == "/":
        assert box["y"] < PHONE["height"] * 0.6, f"the map starts at {box['y']:.0f} px"
    shot(page, f"32-tilemap-phone{path.replace('/', '-')}", full_page=False)


@pytest.mark.parametrize("visit", [{"java_script_enabled": False}], indirect=True)
def test_the_developers_menu_opens_without_javascript(visit):
    page = visit.page
    page.set_viewport_size(PHONE)
    page.goto("/")
    nav = page.get_by_role("navigation", name=t("nav.main"))
    for key in ("nav.home", "nav.browse", "nav.notice", "nav.map", "nav.about"):
        expect(nav.get_by_role("link", name=t(key), exact=True)).to_be_visible()
    query = nav.get_by_role("link", name=t("nav.query"), exact=True)
    expect(query).to_be_hidden()
    nav.get_by_text(t("nav.developers"), exact=True).click()
    for key in ("nav.query", "nav.queries", "nav.sparql", "nav.ontology", "nav.validation", "nav.links"):
        expect(nav.get_by_role("link", name=t(key), exact=True)).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shot(page, "33-menu-developers-phone", full_page=False)
    query.click()
    expect(page).to_have_url(re.compile(r"/query$"))


def test_a_county_page_leads_with_its_units_on_a_phone(visit):
    """瑞金市's units and their line are in the first screen; the validation mark comes after them."""
    page = visit.page
    page.set_viewport_size(PHONE)
    page.goto(RUIJIN)
    table = main(page).get_by_role("table", name=t("county.units"))
    expect(table.get_by_role("link", name="财政部", exact=True)).to_be_in_viewport()
    mark = main(page).locator("p.conformance")
    assert table.bounding_box()["y"] < mark.bounding_box()["y"]
    mark.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/validation\?entity=.*#entity-rules$"))
    expect(page.locator("#entity-rules")).to_be_in_viewport()


AXE_PAGES = {
    "city": JIAN,
    "province": FUJIAN,
    "assignment": "/page/assignment/guobanfa-2021-15/mof",
    "line": "/page/document/guobanfa-2021-15/line/26",
    "validation-entity": "/validation?entity=https://w3id.org/duikou/id/unit/mof",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_on_the_changed_pages(visit, name, lang):
    page = visit.page
    path = AXE_PAGES[name]
    response = page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}", timeout=120_000)
    assert response.status == 200
    bad = blocking(audit(page, f"{name} ({lang})"))
    assert not bad, f"axe-core on {page.url}:\n{describe(bad)}"
