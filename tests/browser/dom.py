"""What the browser tests look for, by role and accessible name (the names come from webui/i18n.py)."""

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser

from playwright.sync_api import expect

from webui.http.i18n import STRINGS

RAW_IRI = re.compile(r"^(https?:|urn:|_:)")


def t(key: str, lang: str = "zh") -> str:
    """A UI string as the pages show it."""
    return STRINGS[key][lang]


def main(page):
    return page.get_by_role("main")


def search_box(page):
    """The site-wide search combobox in the page header."""
    return page.get_by_role("banner").get_by_role("combobox", name=t("search.label"))


def page_links(scope) -> list[tuple[str, str]]:
    """(visible text, href) of every link to one of our entity pages inside `scope`."""
    found = scope.locator("a[href^='/page/']").evaluate_all(
        "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])"
    )
    return [(text, href) for text, href in found]


def assert_labelled_results(page) -> None:
    """A results table whose IRI cells are links to our pages showing labels, never the raw IRI."""
    table = main(page).get_by_role("table").first
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader").first).to_be_visible()
    links = page_links(table)
    assert links, "the results table has no links to entity pages"
    raw = [(text, href) for text, href in links if not text or RAW_IRI.match(text)]
    assert not raw, f"result cells show raw IRIs instead of labels: {raw[:5]}"


def choose_suggestion(page, box, label: str) -> None:
    """With the suggestions open, ArrowDown until the option `label` is the active one, then Enter."""
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    wanted = listbox.get_by_role("option", name=re.compile(label)).first
    expect(wanted).to_be_visible()
    for _ in range(listbox.get_by_role("option").count()):
        page.keyboard.press("ArrowDown")
        if wanted.get_attribute("aria-selected") == "true":
            assert box.get_attribute("aria-activedescendant") == wanted.get_attribute("id")
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"ArrowDown never made the option {label!r} active")


FOCUSED = """() => { const e = document.activeElement;
  return e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 20); }"""
HAS_FOCUS = "element => element === document.activeElement || element.contains(document.activeElement)"


def tab_to(page, locator, limit: int = 40) -> list[str]:
    """Press Tab until `locator` has the focus; return the focus stops on the way (fails after `limit`)."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate(HAS_FOCUS):
            return stops
        stops.append(page.evaluate(FOCUSED))
    raise AssertionError(f"Tab never reached {locator} in {limit} presses; the focus went: {stops}")


def assert_focus_visible(page) -> None:
    outline, shadow = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow]; }"
    )
    assert outline != "none" or shadow != "none", "the focused element shows no focus ring"


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name in ("id", "name") and value)


def fetch_ids(url: str) -> tuple[int, set | None]:
    """The status of GET `url` (loopback) and, when it is HTML, the ids and names a #fragment may target."""
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            body = response.read()
            if "html" not in response.headers.get("Content-Type", ""):
                return response.status, None
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, None
    parser = _Ids()
    parser.feed(body.decode("utf-8"))
    return response.status, parser.ids
