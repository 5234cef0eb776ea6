"""In Debian's headless Chromium: /dataset's spreadsheet links give files that read back with every pairing,
and a citation's copy button copies the citation and says so to screen readers."""

import csv
import io

import openpyxl
import pytest
from playwright.sync_api import expect

from browser.dom import main

pytestmark = pytest.mark.browser
MOF = "/page/unit/mof"


def test_the_spreadsheet_links_on_the_dataset_page_work(visit):
    """The hrefs the page shows for the pairings, fetched in the page's context, read back with 61 rows."""
    page = visit.page
    page.goto("/dataset?lang=zh")
    section = main(page).locator("section#spreadsheets")
    expect(section).to_be_visible()
    xlsx = section.locator('a[data-sheet="pairings-zh-xlsx"]')
    bom = section.locator('a[data-sheet="pairings-zh-csv"]')
    expect(xlsx).to_have_text("Excel（XLSX）")
    with page.expect_download() as download:
        xlsx.click()
    assert download.value.suggested_filename == "duikou-pairings-zh.xlsx"
    with open(download.value.path(), "rb") as saved:  # saved without its suffix, which openpyxl goes by
        book = openpyxl.load_workbook(io.BytesIO(saved.read()))
    assert book.active.max_row == 1 + 61
    answer = page.request.get(bom.get_attribute("href"))
    assert answer.ok and "describedby" in answer.headers["link"]
    body = answer.body()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 1 + 61 and rows[0][0] == "省"


def test_the_copy_button_copies_the_citation(visit):
    page = visit.page
    visit.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=visit.base.rstrip("/"))
    page.goto(MOF + "?lang=zh")
    block = main(page).locator(".citations")
    pre = block.locator('pre[data-format="bibtex"]')
    expect(pre).to_contain_text("@misc{duikou-unit-mof")
    button = block.get_by_role("button", name="复制 BibTeX")
    button.click()
    status = block.get_by_role("status")
    expect(status).to_have_text("已复制 BibTeX")
    assert page.evaluate("navigator.clipboard.readText()") == pre.text_content()


@pytest.mark.parametrize("visit", [{"java_script_enabled": False}], indirect=True)
def test_without_javascript_the_citations_are_there_to_select(visit):
    page = visit.page
    page.goto(MOF + "?lang=en")
    block = main(page).locator(".citations")
    expect(block.locator('pre[data-format="gbt7714"]')).to_contain_text("[EB/OL]")
    expect(block.get_by_role("button")).to_have_count(0)
