"""Named-query forms for people: a county or unit by code, name or IRI, a picker, refusals in the page's
language, the query's own label language, and result tables with column titles and plain values."""

import csv
import io
from urllib.parse import urlencode

import pytest

from graph.store.named import catalogue
from helpers.html_tree import parse_html
from webui.http.i18n import STRINGS

ID = "https://w3id.org/duikou/id/"
YUDU, MOF, NDRC = f"{ID}division/360731", f"{ID}unit/mof", f"{ID}unit/ndrc"
BROWSER = {"Accept": "text/html"}


def page(client, path, lang="zh", status=200, **params):
    response = client.get(
        path + ("?" + urlencode(params) if params else ""), headers={**BROWSER, "Accept-Language": lang}
    )
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    return response, parse_html(response.get_data(as_text=True))


def linked(tree, column=0) -> list[str]:
    rows = tree.find("table", class_="results-table").find("tbody").find_all("tr")
    return [row.find_all("td")[column].find("a").get("href") for row in rows]


@pytest.mark.parametrize(
    "given", ["360731", "于都县", "于都", "Yudu County", "yudu", "id:division/360731", YUDU]
)
def test_a_county_by_code_name_or_iri(client, given):
    _, by_iri = page(client, "/queries/units-of-county", county=YUDU)
    _, tree = page(client, "/queries/units-of-county", county=given)
    assert linked(tree) == linked(by_iri) and linked(tree)


@pytest.mark.parametrize("given, iri", [("财政部", MOF), ("NDRC", NDRC), ("ndrc", NDRC), ("发改委", NDRC)])
def test_a_unit_by_name_short_name_or_acronym(client, embedded_store, given, iri):
    _, tree = page(client, "/queries/supports", unit=given, county="瑞金市")
    bound = {"unit": iri, "county": f"{ID}division/360781"}
    expected = catalogue().get("supports").run(embedded_store, bound)
    shown = tree.find("strong", data_boolean=True).get("data-boolean")
    assert shown == str(expected.boolean).lower()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_matching_is_a_400_page_in_the_site_and_its_language(client, lang):
    response, tree = page(client, "/queries/units-of-county", lang=lang, status=400, county="没有这个县")
    assert tree.find("html").get("lang") == ("zh-Hans" if lang == "zh" else "en")
    assert tree.find("header", class_="site") and tree.find("footer", class_="site")
    message = tree.find("pre", class_="problem-message")
    assert message.get("lang") == lang
    expected = STRINGS["picker.none"][lang].format(parameter="county", value="没有这个县")
    assert message.words() == " ".join(expected.split())
    assert "Set-Cookie" not in response.headers


def test_several_matches_are_offered_as_choices_that_each_answer(client):
    _, tree = page(client, "/queries/county-of-unit", lang="en", status=400, unit="国家")
    assert tree.find("pre", class_="problem-message").get("lang") == "en"
    choices = tree.find("ul", class_="choices").find_all("a")
    assert len(choices) > 1
    for choice in choices[:3]:
        assert client.get(choice.get("href"), headers=BROWSER).status_code == 200


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_picker_lists_the_counties_and_units_in_the_page_language(client, lang):
    _, tree = page(client, "/queries/supports", lang=lang)
    form = tree.find("form", class_="parameters-form")
    for name, count in (("county", 43), ("unit", 63)):
        field = form.find("input", name=name)
        options = tree.find("datalist", id=field.get("list")).find_all("option")
        assert len(options) == count
        values = [o.get("value") for o in options]
        assert len(set(values)) == count, "every option names one thing"
    county = tree.find("datalist", id="l-county")
    labels = {o.get("value"): o.words() for o in county.find_all("option")}
    assert labels["瑞金市" if lang == "zh" else "Ruijin City"] == "360781"


def test_every_picker_option_answers_as_the_thing_it_names(client):
    _, tree = page(client, "/queries/units-of-county", lang="en")
    options = [o.get("value") for o in tree.find("datalist", id="l-county").find_all("option")]
    pages = set()
    for value in options:
        _, answer = page(client, "/queries/units-of-county", lang="en", county=value)
        pages.add(tuple(linked(answer)))
    assert len(pages) == 43


def test_the_query_label_language_does_not_switch_the_site(client):
    response, tree = page(client, "/queries/units-of-county", lang="zh", **{"label-lang": "en"})
    assert tree.find("html").get("lang") == "zh-Hans"
    assert "Set-Cookie" not in response.headers
    assert tree.find("select", name="label-lang").find("option", selected=True).get("value") == "en"
    header = [th.words() for th in tree.find("thead").find_all("th")]
    labels = tree.find("tbody").find("tr").find_all("td")[header.index("类别名称")]
    assert labels.find("span", class_="literal").get("lang") == "en"
    downloads = [a.get("href") for a in tree.find("p", class_="downloads").find_all("a")]
    assert all("lang=en" in href for href in downloads)
    download = client.get(downloads[0])
    assert download.status_code == 200 and "Set-Cookie" not in download.headers


def test_the_site_switch_still_switches_and_is_remembered(client):
    response = client.get("/queries/units-of-county?lang=en", headers={**BROWSER, "Accept-Language": "zh"})
    tree = parse_html(response.get_data(as_text=True))
    assert tree.find("html").get("lang") == "en" and "lang=en" in response.headers["Set-Cookie"]


def test_columns_have_titles_and_values_are_plain(client):
    query = catalogue().get("units-of-county")
    _, tree = page(client, "/queries/units-of-county", lang="en")
    header = tree.find("thead").find_all("th")
    assert [th.words() for th in header] == [query.columns[c]["en"] for c in query.columns]
    assert [th.find("span").get("title") for th in header] == [f"?{c}" for c in query.columns]
    assert not tree.find("tbody").find_all("span", class_="tag"), "no @zh tags or ^^xsd: types"


def test_a_query_without_titles_gets_humanised_column_names(client):
    assert not catalogue().get("counts-by-city").columns
    _, tree = page(client, "/queries/counts-by-city", lang="en")
    header = [th.words() for th in tree.find("thead").find_all("th")]
    assert header and not any(title.startswith("?") or title[0].islower() for title in header), header


def test_the_downloads_keep_the_raw_form(client):
    body = client.get("/queries/units-of-county.csv?" + urlencode({"county": "于都县", "lang": "zh"}))
    rows = list(csv.reader(io.StringIO(body.get_data(as_text=True))))
    assert rows[0][:3] == ["unit", "unitLabel", "nameInNotice"]
    assert all(row[0].startswith(ID + "unit/") for row in rows[1:])


@pytest.mark.parametrize("name", [n for n, q in catalogue().all().items() if q.columns])
def test_every_titled_column_is_a_column_of_the_query(embedded_store, name):
    query = catalogue().get(name)
    variables = query.run(embedded_store, {}).variables
    assert set(query.columns) <= set(variables)
    assert all({"zh", "en"} <= set(title) for title in query.columns.values())
