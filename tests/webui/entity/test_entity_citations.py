"""Every entity page cites in four formats, plain text without script; a pairing and a line name the document
and the line; the date is the data's version."""

import pytest

from helpers.html_tree import parse_html
from helpers.linked import HTML

NOTICE_NUMBER = "国办发〔2021〕15号"


def formats(client, path: str, lang: str = "zh") -> dict[str, str]:
    tree = parse_html(client.get(f"{path}?lang={lang}", headers={"Accept": HTML}).get_data(as_text=True))
    block = tree.find("section", class_="cite").find("div", class_="citations")
    return {pre.attrs["data-format"]: pre.text() for pre in block.find_all("pre")}


@pytest.mark.parametrize(
    "path", ["/page/unit/mof", "/page/division/360781", "/page/concept/unit-category/central-enterprise"]
)
def test_an_entity_page_cites_in_four_formats(client, path):
    found = formats(client, path)
    assert list(found) == ["gbt7714", "bibtex", "ris", "csl"]
    assert "[EB/OL]" in found["gbt7714"] and "(2023-06-30)[" in found["gbt7714"]
    assert found["bibtex"].startswith("@misc{duikou-") and found["ris"].endswith("ER  - ")


@pytest.mark.parametrize(
    "path, lang, words",
    [
        ("/page/assignment/guobanfa-2021-15/mof", "zh", "第26行"),
        ("/page/assignment/guobanfa-2021-15/mof", "en", "line 26 of"),
        ("/page/document/guobanfa-2021-15/line/26", "en", "Line 26 of"),
    ],
)
def test_a_pairing_or_a_line_names_the_document_and_line(client, path, lang, words):
    text = formats(client, path, lang)["gbt7714"]
    assert words in text and NOTICE_NUMBER in text and "国务院办公厅" in text


def test_the_dataset_page_cites_the_dataset(client):
    tree = parse_html(client.get("/dataset?lang=en", headers={"Accept": HTML}).get_data(as_text=True))
    pres = tree.find("section", id="cite").find_all("pre")
    assert "https://w3id.org/duikou/id/dataset/duikou" in pres[0].text()
