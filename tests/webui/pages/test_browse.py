"""Browse: the list of each class, facet counts under the current selection, and refused parameters."""

from urllib.parse import parse_qs, urlsplit

import pytest

from graph.store.named import catalogue
from helpers.html_tree import parse_html
from webui import create_app
from webui.state import of

DK = "https://w3id.org/duikou/def#"
HTML = {"Accept": "text/html"}


def browse(client, query: str):
    response = client.get("/browse?" + query + "&lang=zh", headers=HTML)
    assert response.status_code == 200, response.get_data(as_text=True)
    return parse_html(response.get_data(as_text=True))


def facet(page, name: str) -> dict[str, int]:
    """{value: count} of one facet as the page shows it."""
    section = page.find("section", data_facet=name)
    return {li.get("data-value"): int(li.get("data-count")) for li in section.find_all("li")}


def result_items(page) -> list[str]:
    results = page.find("section", class_="results")
    return [tr.get("data-item") for tr in results.find_all("tr", data_item=True)]


@pytest.fixture(scope="module")
def pairings(embedded_store):
    """The public `pairings` query, to check the browse page against an independent answer."""
    rows = catalogue().get("pairings", ui=True).run(embedded_store).dicts()
    categories = catalogue().get("browse-units", ui=True).run(embedded_store, {"lang": "zh"}).dicts()
    category = {str(r["item"]): str(r["category"]).rsplit("/", 1)[1] for r in categories}
    return [
        {
            "unit": str(r["unit"]),
            "province": str(r["province"])[-6:],
            "city": str(r["city"])[-6:],
            "category": category[str(r["unit"])],
        }
        for r in rows
    ]


# -- the named queries' real answers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, params, count",
    [
        ("browse-units", {}, 63),
        ("browse-divisions", {}, 43),
        ("browse-divisions", {"class": DK + "PrefectureCity"}, 5),
        ("browse-divisions", {"class": DK + "Province"}, 2),
        ("browse-assignments", {}, 61),
        ("browse-text", {"class": DK + "PolicyDocument"}, 3),
        ("browse-text", {}, 11),
        ("browse-text", {"class": DK + "Line"}, 71),
    ],
)
def test_browse_query_lists_every_item_once(embedded_store, name, params, count):
    rows = catalogue().get(name, ui=True).run(embedded_store, {"lang": "en", **params}).dicts()
    assert len(rows) == len({str(r["item"]) for r in rows}) == count
    assert all(r["labelZh"].language == "zh" and r["labelEn"].language == "en" for r in rows)


def test_browse_units_query_has_facet_values(embedded_store):
    rows = {
        str(r["item"]).rsplit("/", 1)[1]: r
        for r in catalogue().get("browse-units", ui=True).run(embedded_store, {"lang": "en"}).dicts()
    }
    mof = rows["mof"]
    assert (str(mof["provinceCode"]), str(mof["cityCode"]), str(mof["countyLabel"])) == (
        "360000",
        "360700",
        "Ruijin City",
    )
    assert str(mof["category"]).endswith("/state-council-constituent-department")
    assert str(mof["code"]) == "MOF"
    assert "province" not in rows["ndrc"] and str(rows["ndrc"]["nameInNotice"]) == "国家发展改革委"


def test_browse_divisions_and_concepts_queries(embedded_store):
    counties = catalogue().get("browse-divisions", ui=True).run(embedded_store, {"lang": "zh"}).dicts()
    types = {str(r["countyType"]).rsplit("/", 1)[1] for r in counties}
    assert types == {"district", "county", "county-level-city"}
    assert all(str(r["code"]).startswith(str(r["cityCode"])[:4]) for r in counties)
    concepts = catalogue().get("browse-concepts", ui=True).run(embedded_store, {"lang": "zh"}).dicts()
    stated = embedded_store.query(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <http://www.w3.org/2004/02/skos/core#Concept> }"
    ).rows[0][0]
    assert len(concepts) == int(stated) and all("scheme" in r and "schemeLabel" in r for r in concepts)


# -- the page: facets and their counts ---------------------------------------------------------------


def test_units_facets_count_every_value(client, pairings):
    page = browse(client, "class=unit")
    assert len(result_items(page)) == 63
    assert facet(page, "province") == {"360000": 49, "350000": 12}
    assert facet(page, "city") == {"360700": 36, "360800": 8, "361000": 5, "350800": 7, "350400": 5}
    categories = facet(page, "category")
    assert sum(categories.values()) == 63  # the lead departments too: they have a category, not a province
    assert categories["national-bureau"] == sum(1 for p in pairings if p["category"] == "national-bureau")


def test_combined_filters_narrow_results_and_update_counts(client, pairings):
    page = browse(client, "class=unit&category=national-bureau&province=360000")
    expected = {
        p["unit"] for p in pairings if p["category"] == "national-bureau" and p["province"] == "360000"
    }
    assert set(result_items(page)) == expected
    # each facet's counts apply the other choices: provinces under the category, categories under the province
    assert facet(page, "province") == {
        code: sum(1 for p in pairings if p["category"] == "national-bureau" and p["province"] == code)
        for code in ("360000", "350000")
    }
    assert facet(page, "category")["national-bureau"] == len(expected)
    assert sum(facet(page, "category").values()) == sum(1 for p in pairings if p["province"] == "360000")
    assert sum(facet(page, "city").values()) == len(expected)


def test_facet_links_are_plain_links_that_lead_to_their_count(client):
    page = browse(client, "class=county&province=360000")
    assert facet(page, "province") == {"360000": 31, "350000": 12}
    chosen = page.find("section", data_facet="province").find("a", class_="chosen")
    assert "province" not in parse_qs(urlsplit(chosen.get("href")).query)  # a chosen value's link removes it
    for li in page.find("section", data_facet="county-type").find_all("li"):
        target = parse_qs(urlsplit(li.find("a").get("href")).query)
        assert target == {"class": ["county"], "province": ["360000"], "county-type": [li.get("data-value")]}
        followed = browse(client, urlsplit(li.find("a").get("href")).query)
        assert len(result_items(followed)) == int(li.get("data-count"))


def test_zero_counts_are_not_links(client):
    page = browse(client, "class=unit&city=360700")
    fujian = page.find("section", data_facet="province").find("li", data_value="350000")
    assert fujian.get("data-count") == "0" and not fujian.find_all("a")


@pytest.mark.parametrize(
    "name, count, facets",
    [
        ("county", 43, ["province", "city", "county-type"]),
        ("city", 5, ["province"]),
        ("province", 2, []),
        ("assignment", 61, ["province", "city", "category"]),
        ("concept", None, ["scheme"]),
        ("line", 71, []),
        ("section", 11, []),
        ("document", 3, []),
    ],
)
def test_each_class_lists_its_items_with_both_labels(client, name, count, facets):
    page = browse(client, f"class={name}")
    rows = page.find("section", class_="results").find("tbody").find_all("tr")
    assert count is None or len(rows) == count
    assert [s.get("data-facet") for s in page.find_all("section", data_facet=True)] == facets
    first = rows[0].find("td")
    if name not in ("line", "section", "document"):
        assert {s.get("lang") for s in first.find_all("span")} == {"zh-Hans", "en"}
        assert first.find("a").get("href").startswith("/page/")
    current = page.find("nav", class_="classes").find("a", aria_current="page")
    assert current.get("href") == f"/browse?class={name}"


def test_concepts_by_scheme(client):
    page = browse(client, "class=concept&scheme=unit-category")
    assert facet(page, "scheme")["unit-category"] == len(result_items(page)) == 12


# -- refused parameters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, words",
    [
        ("class=person", "class"),
        ("class=unit&category=ministry", "category"),
        ("class=unit&province=999999", "province"),
        ("class=province&city=360700", "city"),
        ("class=unit&province=360000&province=350000", "province"),
        ("class=unit&colour=red", "colour"),
        ("class=unit&category=%3Cscript%3E", "category"),
    ],
)
def test_unknown_parameters_get_a_400_page(client, query, words):
    response = client.get("/browse?" + query, headers=HTML)
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = parse_html(response.get_data(as_text=True))
    assert words in page.find("p", class_="banner bad").words()
    assert page.find("ul", class_="accepted").find_all("li") and not page.find("main").find_all("script")


def test_400_is_plain_text_for_other_clients(client):
    response = client.get("/browse?class=person")
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert "person" in response.get_data(as_text=True)


def test_an_unknown_class_runs_no_query(app, monkeypatch):
    store = of(app).store
    asked = []
    monkeypatch.setattr(store, "query", lambda *args, **kwargs: asked.append(args))
    assert app.test_client().get("/browse?class=person", headers=HTML).status_code == 400
    assert asked == []


def test_browse_is_the_same_on_a_remote_store(remote_store, client):
    remote = create_app({"ENDPOINT": remote_store.endpoint}).test_client()
    for query in ("class=unit&category=national-bureau", "class=county&province=350000", "class=concept"):
        here, there = browse(client, query), browse(remote, query)
        assert result_items(there) == result_items(here)
        assert [s.words() for s in there.find_all("section", class_="facet")] == [
            s.words() for s in here.find_all("section", class_="facet")
        ]
