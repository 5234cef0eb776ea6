"""The schematic tile map: its reviewed table against the graph, and the SVG the home, city and province
pages draw from it (parsed, not matched as text)."""

import pytest

from helpers.examples import NOTICE, ui_rows
from helpers.html_tree import parse_html
from webui import create_app
from webui.pages.tilemap import SIDES, city_cells, placements, short_name

DIVISION = "https://w3id.org/duikou/id/division/"


@pytest.fixture(scope="module")
def pairings(embedded_store):
    return ui_rows(embedded_store, "home-programme", lang="zh", notice=NOTICE)


@pytest.fixture(scope="module")
def counties(pairings) -> dict[str, dict]:
    """Each recipient county of the notice by its code: its label and its city's code."""
    return {str(r["code"]): {"label": str(r["countyLabel"]), "city": str(r["cityCode"])} for r in pairings}


@pytest.fixture(scope="module")
def client(built_dist):
    return create_app({"DIST": built_dist}).test_client()


def tilemap(client, path: str, lang: str = "zh"):
    response = client.get(path, query_string={"lang": lang})
    assert response.status_code == 200
    return parse_html(response.get_data(as_text=True)).find("figure", class_="tilemap")


def tiles(figure) -> dict[str, object]:
    """The map's county tiles by the path they link to."""
    return {a.get("href"): a for a in figure.find("svg").find_all("a", class_="tile")}


# -- the reviewed table ---------------------------------------------------------------------------------


def test_every_recipient_county_has_exactly_one_tile(counties):
    places = placements()
    assert set(places) == set(counties) and len(counties) == 43
    for code, place in places.items():
        assert place.city == counties[code]["city"], f"{code}: the table's city is not the graph's"


def test_the_table_names_each_county_as_the_graph_does(counties):
    import csv

    from webui.pages.tilemap import TILES

    with TILES.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert {row["code"]: row["name_zh"] for row in rows} == {c: v["label"] for c, v in counties.items()}
    assert all(row["note"].startswith("schematic") for row in rows), "every placement says it is schematic"


def test_no_two_tiles_share_a_cell_and_no_city_name_sits_on_a_tile():
    cells = [(p.col, p.row) for p in placements().values()]
    assert len(cells) == len(set(cells))
    assert not set(city_cells().values()) & set(cells)
    assert len(set(city_cells().values())) == len(city_cells())


def test_each_citys_tiles_are_contiguous(counties):
    by_city: dict[str, set] = {}
    for place in placements().values():
        by_city.setdefault(place.city, set()).add((place.col, place.row))
    assert set(by_city) == {v["city"] for v in counties.values()} == set(city_cells())
    for city, cells in by_city.items():
        reached, todo = set(), [min(cells)]
        while todo:
            col, row = todo.pop()
            if (col, row) in reached:
                continue
            reached.add((col, row))
            todo += [(col + dx, row + dy) for dx, dy in SIDES if (col + dx, row + dy) in cells]
        assert reached == cells, f"city {city}: {sorted(cells - reached)} are cut off from its other tiles"


def test_short_names():
    assert short_name("瑞金市", "zh") == "瑞金" and short_name("赣县区", "zh") == "赣县"
    assert short_name("吉安县", "zh", keep="吉安") == "吉安县", "吉安 alone would read as the city"
    assert short_name("Ruijin City", "en") == "Ruijin" and short_name("Ganxian District", "en") == "Ganxian"


# -- the SVG --------------------------------------------------------------------------------------------


def test_home_map_links_the_43_county_pages_with_titles(client, pairings, counties):
    figure = tilemap(client, "/")
    svg = figure.find("svg")
    assert svg.get("viewbox") and not svg.get("width"), "it scales to its box (viewBox, width 100% in CSS)"
    found = tiles(figure)
    assert set(found) == {f"/page/division/{code}" for code in counties}
    for code, county in counties.items():
        title = found[f"/page/division/{code}"].find("title").text()
        units = {str(r["nameInNotice"]) for r in pairings if str(r["code"]) == code}
        assert title.startswith(county["label"]) and all(unit in title for unit in units), title
    ruijin = found["/page/division/360781"]
    assert "赣州市" in ruijin.find("title").text() and ruijin.find("text", class_="name").text() == "瑞金"
    assert not figure.find_all("script") and not svg.find_all(style=True)


def test_tiles_are_coloured_and_the_legend_lists_the_categories_shown(client, pairings):
    figure = tilemap(client, "/")
    legend = [li.words() for li in figure.find("ul", class_="tilemap-legend").find_all("li")]
    shown = {str(r["categoryLabel"]) for r in pairings}
    assert {entry.split(": ", 1)[1] for entry in legend} == shown and len(legend) == len(shown)
    ruijin = tiles(figure)["/page/division/360781"]  # 财政部 and 新华社: two categories, two bands
    assert len(ruijin.find_all("rect", class_="band")) == 2
    for band in figure.find("svg").find_all("rect", class_="band"):
        assert {f"cat-{n}" for n in range(1, 13)} & set(band.get("class").split()), band


def test_each_city_is_outlined_and_named(client):
    svg = tilemap(client, "/").find("svg")
    assert len(svg.find_all("path", class_="city-outline")) == 5
    names = {a.get("href"): a.words() for a in svg.find_all("a", class_="city")}
    assert names[f"/page/division/{360700}"] == "赣州市" and len(names) == 5


def test_a_city_page_shows_only_its_counties(client, counties):
    figure = tilemap(client, "/page/division/360800")  # 吉安市
    assert set(tiles(figure)) == {f"/page/division/{c}" for c, v in counties.items() if v["city"] == "360800"}
    assert len(tiles(figure)) == 8 and len(figure.find_all("path", class_="city-outline")) == 1


def test_a_province_page_shows_its_cities(client, counties):
    figure = tilemap(client, "/page/division/350000", "en")  # 福建省: 三明市 and 龙岩市
    expected = {f"/page/division/{c}" for c, v in counties.items() if v["city"] in ("350400", "350800")}
    assert set(tiles(figure)) == expected and len(expected) == 12
    assert len(figure.find_all("path", class_="city-outline")) == 2
    assert tiles(figure)["/page/division/350821"].find("text", class_="name").text() == "Changting"
