"""The pages of the 2023 reform (issue 14, item 2): a changed unit's page says what changed and when, with
its sources, and links to the change and the successor; 证监会's shows its 2023 category next to its 2021 one;
国家金融监督管理总局's links back and names no county; the home page has one line about the changes."""

import pytest

from helpers.html_tree import parse_html

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
DINGNAN, SHICHENG = "/page/division/360728", "/page/division/360735"
TO_NFRA, CSRC_AGENCY, TO_MARA = (
    f"/page/change/2023-{slug}" for slug in ("cbirc-nfra", "csrc-agency", "nrra-mara")
)
PLANS = {"/page/source/party-state-reform-2023", "/page/source/state-council-reform-2023"}
NFRA_RULES = "/page/source/nfra-regulations-2023"


def page(client, path: str, lang: str = "zh"):
    response = client.get(f"/page/{path}?lang={lang}", headers={"Accept": HTML})
    assert response.status_code == 200, path
    return parse_html(response.get_data(as_text=True))


def links(element) -> set[str]:
    return {a.get("href") for a in element.find_all("a")}


def the_change(client, path: str, lang: str = "zh"):
    """The one change listed on an organisation's page."""
    [change] = page(client, path, lang).find("section", class_="changes").find_all("li", class_="change")
    return change


@pytest.mark.parametrize(
    "lang, words, date_note",
    [
        (
            "zh",
            "不再保留中国银行保险监督管理委员会；在中国银行保险监督管理委员会的基础上组建国家金融监督管理总局。",
            "来源未载明生效日期",
        ),
        (
            "en",
            "the National Administration of Financial Regulation (国家金融监督管理总局) is formed",
            "do not give the date of effect",
        ),
    ],
)
def test_cbirc_says_what_changed_and_when_with_its_sources(client, lang, words, date_note):
    change = the_change(client, "unit/cbirc", lang)
    assert change.find("time").get("datetime") == "2023-03-10"
    assert words in change.words()
    assert change.find("p", class_="other").find("a").get("href") == "/page/organization/nfra"
    assert links(change.find("p", class_="sources")) == PLANS | {NFRA_RULES}
    assert "2023-03-10" in change.find("p", class_="sources").words()  # the NPC's approval of the plan
    assert date_note in change.find("p", class_="date-note").words()
    assert change.find("p", class_="more").find("a").get("href") == TO_NFRA


@pytest.mark.parametrize("unit, county", [("cbirc", DINGNAN), ("nrra", SHICHENG)])
def test_a_replaced_unit_says_no_source_names_who_supports_its_county(client, unit, county):
    change = the_change(client, f"unit/{unit}")
    assert links(change.find("p", class_="not-said")) == {county}
    assert "没有来源说明" in change.find("p", class_="not-said").words()


def test_csrc_shows_its_2023_category_next_to_its_2021_one(client):
    tree = page(client, "unit/csrc", "en")
    periods = tree.find("dl", class_="category-periods")
    notice, later = periods.find("dd", class_="category-notice"), periods.find("dd", class_="category-period")
    assert links(notice) == {"/page/concept/unit-category/state-council-affiliated-institution"}
    assert "/page/concept/unit-category/state-council-affiliated-agency" in links(later)
    assert CSRC_AGENCY in links(later) and links(later) >= PLANS
    assert periods.find("time").get("datetime") == "2023-03-10"
    change = tree.find("li", class_="change")  # a change of status: no other organisation, no county claim
    assert not change.find_all("p", class_="other") and not change.find_all("p", class_="not-said")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nfra_links_back_and_names_no_county(client, lang):
    tree = page(client, "organization/nfra", lang)
    change = tree.find("li", class_="change")
    assert change.find("p", class_="other").find("a").get("href") == "/page/unit/cbirc"
    assert change.find("p", class_="more").find("a").get("href") == TO_NFRA
    later = tree.find("dd", class_="category-period")
    assert "/page/concept/unit-category/state-council-affiliated-agency" in links(later)
    assert NFRA_RULES in links(later)
    main = tree.find("main")
    assert not [href for href in links(main) if href.startswith("/page/division/")]
    assert not any(name in main.text() for name in ("定南", "Dingnan", "石城", "Shicheng"))


def test_mara_resulted_from_nrra_and_is_not_said_to_support_shicheng(client):
    tree = page(client, "unit/mara")
    change = tree.find("li", class_="change")
    assert change.find("p", class_="other").find("a").get("href") == "/page/unit/nrra"
    assert "在农业农村部加挂国家乡村振兴局牌子" in change.words()
    assert not change.find_all("p", class_="not-said") and SHICHENG not in links(tree.find("main"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_change_page_gives_its_date_organisations_and_sources(client, lang):
    summary = page(client, "change/2023-nrra-mara", lang).find("section", class_="summary")
    assert summary.find("time").get("datetime") == "2023-03-10"
    assert {"/page/unit/nrra", "/page/unit/mara"} | PLANS <= links(summary)
    assert summary.find("dd", class_="description").words()


def test_a_unit_that_did_not_change_has_no_changes_section(client):
    assert not page(client, "unit/mof").find_all("section", class_="changes")


@pytest.mark.parametrize(
    "lang, words",
    [("zh", "其中3个单位的机构有了变化（2023年）"), ("en", "3 of its units have changed (2023)")],
)
def test_the_home_page_mentions_the_changes_in_one_line(client, lang, words):
    tree = parse_html(client.get(f"/?lang={lang}").get_data(as_text=True))
    [line] = tree.find_all("p", class_="home-changes")
    assert words in line.words()
    assert links(line) == {"/page/unit/csrc", "/page/unit/cbirc", "/page/unit/nrra", "/queries/units-changed"}
