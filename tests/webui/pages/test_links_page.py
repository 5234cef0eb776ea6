"""/links shows the build's links report: coverage per target and every item not linked, in both languages."""

import json

import pytest

from helpers.html_tree import parse_html
from webui import create_app
from webui.state import of


@pytest.fixture(scope="module")
def client(built_dist):
    return create_app({"DIST": built_dist}).test_client()


@pytest.mark.parametrize(
    "lang, first_title",
    [
        ("zh", "区划 → 国家统计局统计用区划代码（2023年）"),
        ("en", "Divisions → NBS statistical division codes (2023)"),
    ],
)
def test_coverage_per_target(client, built_dist, lang, first_title):
    report = json.loads((built_dist / "links.json").read_text(encoding="utf-8"))
    response = client.get(f"/links?lang={lang}")
    assert response.status_code == 200
    page = parse_html(response.get_data(as_text=True))
    rows = page.find("table").find_all("tr")[1:]
    assert len(rows) == len(report["targets"])
    cells = [cell.words() for cell in rows[0].find_all("td")]
    assert cells[0] == first_title
    assert cells[2] == f"{report['targets'][0]['linked']} / {report['targets'][0]['total']}"


def test_every_unlinked_item_is_listed_and_linked_to_its_page(client, built_dist):
    report = json.loads((built_dist / "links.json").read_text(encoding="utf-8"))
    page = parse_html(client.get("/links?lang=en").get_data(as_text=True))
    hrefs = {a.attrs.get("href") for a in page.find_all("a")}
    for target in report["targets"]:
        for item in target["unlinked"]:
            assert item["subject"].replace("https://w3id.org/duikou/id/", "/page/") in hrefs


def test_without_a_build_the_page_says_so(client, built_dist):
    app = create_app({"DIST": built_dist})
    of(app).build = None
    page = parse_html(app.test_client().get("/links?lang=en").get_data(as_text=True))
    assert "no links report" in page.find("p", class_="banner").words()
