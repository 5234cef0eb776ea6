"""Each statement of an entity page shows its source beside it: the notice with its line, a curated source,
the national codes, in both languages; and the answer behind the marker says which graph holds what."""

import pytest

from helpers.html_tree import parse_html

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
LINE_26 = "/page/document/guobanfa-2021-15#line-26"


def page(client, path: str, lang: str):
    response = client.get(f"/page/{path}?lang={lang}", headers={"Accept": HTML})
    assert response.status_code == 200
    return parse_html(response.get_data(as_text=True))


def fact_links(client, path: str, lang: str = "en") -> set[str]:
    """Where the links of the key relation at the top of the page lead (its source line among them)."""
    return {a.attrs["href"] for a in page(client, path, lang).find("section", class_="fact").find_all("a")}


def statements(client, path: str, lang: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each property of the page's statements section → (value text, marker text, marker link) per value."""
    response = client.get(f"/page/{path}?lang={lang}", headers={"Accept": HTML})
    assert response.status_code == 200
    tree = parse_html(response.get_data(as_text=True))
    section = tree.find("section", **{"aria-labelledby": "h-properties"})
    found: dict[str, list[tuple[str, str, str]]] = {}
    names = [dt.text().strip() for dt in section.find_all("dt")]
    for name, dd in zip(names, section.find_all("dd"), strict=True):
        for item in dd.find_all("li"):
            marker = item.find("a", class_="source")
            assert marker is not None, f"{path} {name}: a statement without its source"
            value = item.text().replace(marker.text(), "").strip()
            found.setdefault(name, []).append((value, marker.text().strip(), marker.attrs["href"]))
    return found


@pytest.mark.parametrize(
    "lang, supports, category, curated",
    [
        ("zh", "对口支援", "类别", "整理：国务院组织机构"),
        ("en", "supports", "category", "curated: State Council structure"),
    ],
)
def test_a_units_page_marks_the_notice_line_and_the_curated_source(client, lang, supports, category, curated):
    found = statements(client, "unit/mof", lang)
    assert not [name for name in found if name.lower().startswith(supports)], "shown at the top instead"
    assert {"/page/division/360781", LINE_26} <= fact_links(client, "unit/mof", lang)
    (kind,) = next(values for name, values in found.items() if category in name.lower())
    assert kind[1] == curated and kind[2].startswith("/queries/statement-sources?entity=")


def test_a_countys_codes_and_english_name_come_from_their_own_sources(client):
    found = statements(client, "division/360781", "en")
    markers = {marker for values in found.values() for _, marker, _ in values}
    assert {"national division codes", "curated: Hanyu Pinyin"} <= markers
    assert {"/page/unit/mof", "/page/unit/xinhua", LINE_26} <= fact_links(client, "division/360781")
    notation = found["code"]
    assert notation == [("360781", "national division codes", notation[0][2])]


def test_an_entity_of_many_lines_links_its_notice_marker_to_every_statements_source(client):
    found = statements(client, "unit/ndrc", "zh")
    notice = {href for values in found.values() for _, marker, href in values if marker == "通知原文"}
    assert len(notice) == 1
    (href,) = notice
    response = client.get(href, headers={"Accept": HTML})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "https://w3id.org/duikou/graph/guobanfa-2021-15" in text
    assert "https://w3id.org/duikou/graph/gov-cn-structure" in text


def test_each_statement_of_the_notice_names_its_own_line_or_none(client):
    """A duty is stated on its line (72), the pairing on the pairing's (33): never the entity's other line."""
    found = statements(client, "unit/cbirc", "en")
    (duty,) = found["has duty"]
    assert duty[1] == "the notice, line 72" and duty[2].endswith("#line-72")
    assert "supports" not in found
    assert "/page/document/guobanfa-2021-15#line-33" in fact_links(client, "unit/cbirc")
    lead = statements(client, "unit/ndrc", "en")
    (name,) = lead["name in notice"]
    assert name[1] == "the notice", "a name used on several lines gets no one line"
