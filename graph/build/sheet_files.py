"""Write the sheets of graph/build/sheets.py as files people open: CSV for Excel and for scripts, XLSX, and
the W3C CSVW metadata that describes each CSV.

The same data gives the same bytes: rows in the queries' order, JSON keys in one order, and the XLSX's
document dates set to the data's version (the newest date its sources state), never to the clock.
"""

import csv
import io
import json
import unicodedata
from datetime import date, datetime

import xlsxwriter
from rdflib import URIRef

from graph.build.sheets import LANGUAGES, SHEETS, Sheet, Value
from graph.iris import DATA_LICENSE

BOM = "\ufeff"  # Excel opens a CSV as UTF-8 when it starts with one; scripts get the plain file
MAX_WIDTH = 60  # the widest column (in Latin characters) before its text wraps


def names(sheet: Sheet, lang: str) -> dict[str, str]:
    """The files of one sheet with headers in `lang`: CSV with a BOM, plain CSV, XLSX."""
    stem = f"duikou-{sheet.slug}-{lang}"
    return {"csv": f"{stem}.csv", "plain": f"{stem}-nobom.csv", "xlsx": f"{stem}.xlsx"}


def metadata_name(csv_name: str) -> str:
    """Where CSVW's locating rules (§5.2 of the Model for Tabular Data) look for a CSV's metadata."""
    return f"{csv_name}-metadata.json"


def file_names() -> tuple[str, ...]:
    """Every file the sheets are written as, metadata included."""
    found = []
    for sheet in SHEETS:
        for lang in LANGUAGES:
            files = names(sheet, lang)
            found += [files["csv"], files["plain"], files["xlsx"]]
            found += [metadata_name(files["csv"]), metadata_name(files["plain"])]
    return tuple(found)


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(sheet: Sheet, lang: str, rows: list[list[Value]], bom: bool) -> bytes:
    """The CSV: a header in `lang`, then the rows (CRLF line ends, as RFC 4180 has them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.titles(lang))
    writer.writerows([_text(value) for value in row] for row in rows)
    return ((BOM if bom else "") + out.getvalue()).encode("utf-8")


def _width(text: str) -> int:
    """How wide `text` shows: a Chinese character takes two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_xlsx(sheet: Sheet, lang: str, rows: list[list[Value]], version: date) -> bytes:
    """The XLSX: a bold, frozen header row with a filter, columns as wide as their text (up to MAX_WIDTH,
    then wrapped), numbers as numbers, codes and IRIs as text, dated with the data's version."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_urls": False}
    )
    when = datetime(version.year, version.month, version.day)
    book.set_properties({"title": getattr(sheet, lang), "created": when, "author": "duikou"})
    bold, wrap = book.add_format({"bold": True}), book.add_format({"text_wrap": True, "valign": "top"})
    page = book.add_worksheet(getattr(sheet, lang)[:31])
    titles = sheet.titles(lang)
    for col, title in enumerate(titles):
        widest = max([_width(title)] + [_width(_text(row[col])) for row in rows])
        page.set_column(col, col, min(widest + 2, MAX_WIDTH), wrap if widest > MAX_WIDTH else None)
        page.write_string(0, col, title, bold)
        for line, row in enumerate(rows, start=1):
            value = row[col]
            if isinstance(value, bool):
                page.write_boolean(line, col, value)
            elif isinstance(value, int):
                page.write_number(line, col, value)
            elif value is not None:
                page.write_string(line, col, value)
    page.freeze_panes(1, 0)
    page.autofilter(0, 0, len(rows), len(titles) - 1)
    book.close()
    return out.getvalue()


def _datatype(column) -> object:
    if column.datatype == "code":
        return {"base": "string", "format": "^[0-9]{6}$"}
    return column.datatype


def write_metadata(sheet: Sheet, csv_name: str, header: str, notice: URIRef) -> bytes:
    """The CSVW metadata of one CSV (with headers in `header`): the table's title, licence and source, and
    each column's name, titles in Chinese and English, datatype, and (for an IRI column) that its value is
    that IRI; each row is about the IRI in the key column."""
    columns = []
    for column in sheet.columns:
        described: dict = {
            "name": column.name,
            # both titles, the header's first: a validator may match a header cell against the first only
            "titles": [getattr(column, lang) for lang in sorted(LANGUAGES, key=lambda k: k != header)],
            "datatype": _datatype(column),
            "required": column.required,
        }
        if column.separator:
            described["separator"] = column.separator
        if column.datatype == "anyURI":
            described["valueUrl"] = "{+" + column.name + "}"
        columns.append(described)
    metadata = {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_name,
        "dc:title": [{"@value": sheet.zh, "@language": "zh"}, {"@value": sheet.en, "@language": "en"}],
        "dc:license": {"@id": str(DATA_LICENSE)},
        "dc:source": {"@id": str(notice)},
        "dialect": {"encoding": "utf-8", "header": True},
        "tableSchema": {"columns": columns, "primaryKey": sheet.key, "aboutUrl": "{+" + sheet.key + "}"},
    }
    return (json.dumps(metadata, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_sheets(filled: dict[str, list[list[Value]]], notice: URIRef, version: date) -> dict[str, bytes]:
    """Every file of the sheets by name, from each sheet's rows (by slug)."""
    files = {}
    for sheet in SHEETS:
        rows = filled[sheet.slug]
        for lang in LANGUAGES:
            named = names(sheet, lang)
            files[named["csv"]] = write_csv(sheet, lang, rows, bom=True)
            files[named["plain"]] = write_csv(sheet, lang, rows, bom=False)
            files[named["xlsx"]] = write_xlsx(sheet, lang, rows, version)
            for key in ("csv", "plain"):
                files[metadata_name(named[key])] = write_metadata(sheet, named[key], lang, notice)
    return files
