"""/about in both languages: the sources from the tables, the link statuses, the licence, the dataset's
citation, the limits, and how to report an error (the setting, or an honest note); the footer links it."""

import csv

import pytest

from graph.paths import TABLES
from helpers.html_tree import parse_html
from helpers.linked import HTML
from webui import create_app


def page(client, lang: str):
    response = client.get(f"/about?lang={lang}", headers={"Accept": HTML})
    assert response.status_code == 200
    return parse_html(response.get_data(as_text=True))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_about_page_has_each_part(client, lang):
    tree = page(client, lang)
    ids = {s.attrs.get("id") for s in tree.find_all("section")}
    assert {"sources", "curation", "licences", "cite", "limits", "report"} <= ids
    assert tree.find("html").attrs["lang"].startswith("zh" if lang == "zh" else "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_source_of_the_table_is_listed(client, lang):
    tree = page(client, lang)
    with (TABLES / "sources.csv").open(encoding="utf-8", newline="") as handle:
        sources = list(csv.DictReader(handle))
    rows = tree.find("section", id="sources").find("tbody").find_all("tr")
    assert [row.attrs["id"] for row in rows] == [f"source-{s['slug']}" for s in sources]
    first = rows[0].find_all("td")[0].text()
    assert first == sources[0][f"title_{lang}"]


def test_each_link_status_is_explained(client):
    tree = page(client, "en")
    statuses = [th.text() for th in tree.find("section", id="curation").find_all("th", scope="row")]
    assert "verified" in statuses and "unverified-seed" in statuses and "matched" in statuses
    rows = tree.find("section", id="curation").find_all("tr")
    cells = [tr.find_all("td")[0].text() for tr in rows if tr.find_all("td")]
    assert all(cells) and not any(cell.startswith("about.") for cell in cells)


def test_the_dataset_citation_and_licence(client):
    tree = page(client, "zh")
    pres = {pre.attrs["data-format"]: pre.text() for pre in tree.find("section", id="cite").find_all("pre")}
    assert set(pres) == {"gbt7714", "bibtex", "ris", "csl"}
    assert "[EB/OL]" in pres["gbt7714"] and "https://w3id.org/duikou/id/dataset/duikou" in pres["gbt7714"]
    assert "(2023-06-30)" in pres["gbt7714"]
    links = [a.attrs["href"] for a in tree.find("section", id="licences").find_all("a")]
    assert "https://creativecommons.org/licenses/by/4.0/" in links


def test_the_reform_is_a_known_limit(client):
    items = page(client, "en").find("section", id="limits").find_all("time")
    assert [t.attrs["datetime"] for t in items] == ["2023-03-10"] * 3


def test_without_a_feedback_address_the_page_says_so(client):
    report = page(client, "en").find("section", id="report")
    assert report.find("p", class_="banner") and not report.find_all("a")
    assert "graph/tables/" in report.text()


def test_a_feedback_address_is_linked(built_dist):
    client = create_app({"DIST": built_dist, "FEEDBACK_URL": "mailto:errors@example.org"}).test_client()
    report = page(client, "zh").find("section", id="report")
    assert report.find("a").attrs["href"] == "mailto:errors@example.org"
    assert not report.find_all("p", class_="banner")


def test_a_feedback_address_must_be_an_address(built_dist):
    with pytest.raises(Exception, match="FEEDBACK_URL"):
        create_app({"DIST": built_dist, "FEEDBACK_URL": "javascript:alert(1)"})


@pytest.mark.parametrize("path", ["/", "/dataset", "/page/unit/mof"])
def test_the_footer_links_the_report_part(client, path):
    tree = parse_html(client.get(path, headers={"Accept": HTML}).get_data(as_text=True))
    assert tree.find("footer").find("a", href="/about#report")
