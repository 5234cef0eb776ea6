"""/dataset offers the spreadsheets first, /download serves them (each CSV linking its CSVW metadata), and the
home page links the pairings as Excel and CSV."""

import csv
import io
import json

import openpyxl
import pytest

from graph.build.sheet_files import file_names
from helpers.html_tree import parse_html
from helpers.linked import HTML

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fetch(client, path: str):
    """The answer and its body, its file closed (a download is sent from the open file)."""
    response = client.get(path)
    try:
        return response, response.get_data()
    finally:
        response.close()


@pytest.fixture(scope="module")
def page(client):
    response = client.get("/dataset?lang=zh", headers={"Accept": HTML})
    assert response.status_code == 200
    return parse_html(response.get_data(as_text=True))


def test_the_spreadsheets_come_before_the_rdf(page):
    sections = [s.attrs.get("id") or s.attrs.get("aria-labelledby") for s in page.find_all("section")]
    assert sections.index("spreadsheets") < sections.index("h-downloads")


def test_each_table_is_offered_in_each_header_language_and_kind(page, client):
    section = page.find("section", id="spreadsheets")
    offered = {
        a.attrs["data-sheet"]: a.attrs["href"] for a in section.find_all("a") if "data-sheet" in a.attrs
    }
    assert len(offered) == 3 * 2 * 3  # pairings, units, counties × zh, en × XLSX, CSV with BOM, plain CSV
    assert offered["pairings-zh-xlsx"] == "/download/duikou-pairings-zh.xlsx"
    assert offered["pairings-en-csv"] == "/download/duikou-pairings-en.csv"
    for href in offered.values():
        assert fetch(client, href)[0].status_code == 200, href
    row_heads = [th.text() for th in section.find("tbody").find_all("th")]
    assert row_heads == ["结对关系", "对口支援单位", "受援县（市、区）"]


def test_a_csv_answer_links_its_csvw_metadata(client, built_dist):
    response, body = fetch(client, "/download/duikou-pairings-zh.csv")
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        '</download/duikou-pairings-zh.csv-metadata.json>; rel="describedby"; type="application/csvm+json"'
        in response.headers.getlist("Link")
    )
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 1 + 61
    metadata, body = fetch(client, "/download/duikou-pairings-zh.csv-metadata.json")
    assert metadata.headers["Content-Type"] == "application/csvm+json"
    assert json.loads(body)["url"] == "duikou-pairings-zh.csv"


def test_the_xlsx_is_served_as_excel(client):
    response, body = fetch(client, "/download/duikou-counties-en.xlsx")
    assert response.status_code == 200 and response.headers["Content-Type"] == XLSX
    assert not any("describedby" in link for link in response.headers.getlist("Link"))
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.active.max_row == 1 + 43


def test_every_sheet_file_can_be_downloaded_and_nothing_else_new(client, built_dist):
    for name in file_names():
        assert fetch(client, f"/download/{name}")[1] == (built_dist / name).read_bytes(), name
    assert client.get("/download/duikou-pairings-fr.csv").status_code == 404


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_page_links_the_pairings_as_excel_and_csv(client, lang):
    tree = parse_html(client.get(f"/?lang={lang}", headers={"Accept": HTML}).get_data(as_text=True))
    block = tree.find("p", class_="home-sheets")
    hrefs = [a.attrs["href"] for a in block.find_all("a")]
    assert hrefs == [
        f"/download/duikou-pairings-{lang}.xlsx",
        f"/download/duikou-pairings-{lang}.csv",
        "/dataset#spreadsheets",
    ]
