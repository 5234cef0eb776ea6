"""The pages list units in the notice's order: 于都县 and 章贡区 (their own pages, their city's and the home
page) as their pairing lines write them, and the leads as line 21 does (国家发展改革委、中央组织部)."""

import pytest

from helpers.html_tree import parse_html
from webui import create_app

HTML = "text/html,application/xhtml+xml"
UNIT = "/page/unit/"
# county code → its units' slugs as the line writes them (line 36: 国家卫生健康委、国家粮食和储备局——于都县;
# line 23: 国务院国资委、国家药监局——章贡区（含赣州经济技术开发区）)
WRITTEN = {"360731": ["nhc", "nfsra"], "360702": ["sasac", "nmpa"]}
NAMES = {"360731": ["国家卫生健康委", "国家粮食和储备局"], "360702": ["国务院国资委", "国家药监局"]}


@pytest.fixture(scope="module")
def client(built_dist):
    return create_app({"DIST": built_dist}).test_client()


def tree(client, path: str):
    response = client.get(path, headers={"Accept": HTML})
    assert response.status_code == 200, path
    return parse_html(response.get_data(as_text=True))


def units_linked(element) -> list[str]:
    """The slugs of the units `element` links to, in the order it shows them."""
    return [a.get("href")[len(UNIT) :] for a in element.find_all("a") if a.get("href", "").startswith(UNIT)]


@pytest.mark.parametrize("code", WRITTEN)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_county_page_lists_its_units_as_the_line_writes_them(client, code, lang):
    page = tree(client, f"/page/division/{code}?lang={lang}")
    rows = page.find("section", class_="fact").find("tbody").find_all("tr")
    assert [units_linked(tr)[0] for tr in rows] == WRITTEN[code]
    assert [tr.find("span", class_="name-in-notice").text().strip("（）") for tr in rows] == NAMES[code]
    for section in ("properties", "incoming"):  # shown once, at the top
        assert units_linked(page.find("section", class_=section)) == [], section


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_city_page_lists_each_countys_units_as_the_line_writes_them(client, lang):
    page = tree(client, f"/page/division/360700?lang={lang}")
    rows = page.find("section", class_="summary").find("tbody").find_all("tr")
    shown = {tr.find("code").text(): units_linked(tr.find_all("td")[2]) for tr in rows}
    assert {code: shown[code] for code in WRITTEN} == WRITTEN


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_lists_leads_and_units_in_the_notices_order(client, lang):
    page = tree(client, f"/?lang={lang}")
    assert units_linked(page.find("ul", class_="lead-units")) == ["ndrc", "cpc-organization"]
    counties = {li.get("data-code"): li for li in page.find_all("li", class_="county")}
    assert {code: units_linked(counties[code].find("ul", class_="units")) for code in WRITTEN} == WRITTEN
    if lang == "zh":
        leads = [a.text() for a in page.find("ul", class_="lead-units").find_all("a")]
        assert leads == ["国家发展改革委", "中央组织部"]
        yudu = counties["360731"].find("ul", class_="units").find_all("a")
        assert [a.text() for a in yudu] == NAMES["360731"]
