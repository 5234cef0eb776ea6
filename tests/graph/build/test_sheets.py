"""The spreadsheets the build writes: the rows the graph holds, read back as Excel and scripts read them, each
CSV valid against its CSVW metadata, listed in void.ttl and build.json, and the same bytes on every build."""

import csv
import hashlib
import io
import json
import sys
import warnings

import openpyxl
import pytest
from csvw import CSVW
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT

from graph import iris
from graph.build.export import render
from graph.build.sheet_files import BOM, file_names, metadata_name, names
from graph.build.sheets import LANGUAGES, SHEETS
from graph.inputs.manifest import primary
from graph.paths import ROOT
from helpers.hash_seeds import under_two_hash_seeds

ROWS = {"pairings": 61, "units": 63, "counties": 43}
CASES = [(sheet, lang) for sheet in SHEETS for lang in LANGUAGES]
IDS = [f"{sheet.slug}-{lang}" for sheet, lang in CASES]


@pytest.fixture(scope="module")
def files(built_sources):
    return render(built_sources, iris.document(primary().slug))


@pytest.fixture(scope="module")
def folder(files, tmp_path_factory):
    """The files on disk, where a CSVW processor finds each CSV's metadata beside it."""
    where = tmp_path_factory.mktemp("sheets")
    for name in file_names():
        (where / name).write_bytes(files[name])
    return where


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("sheet, lang", CASES, ids=IDS)
def test_the_bom_csv_reads_back_with_every_row(files, sheet, lang):
    data = files[names(sheet, lang)["csv"]]
    assert data.startswith(BOM.encode("utf-8")), "Excel reads it as UTF-8 only with a BOM"
    rows = read_csv(data)
    assert len(rows) == ROWS[sheet.slug]
    assert list(rows[0]) == sheet.titles(lang)


@pytest.mark.parametrize("sheet, lang", CASES, ids=IDS)
def test_the_plain_csv_is_the_same_table_without_a_bom(files, sheet, lang):
    named = names(sheet, lang)
    assert files[named["plain"]] == files[named["csv"]].removeprefix(BOM.encode("utf-8"))


def test_a_pairing_row_says_what_the_notice_says(files):
    rows = read_csv(files[names(SHEETS[0], "en")["csv"]])
    ruijin = [row for row in rows if row["Division code"] == "360781"]
    assert [row["Name in the notice"] for row in ruijin] == ["财政部", "新华社"], "in the notice's order"
    mof = next(row for row in ruijin if row["Name in the notice"] == "财政部")
    assert mof["Supporting unit (Chinese full name)"] == "财政部"
    assert mof["Supporting unit"] == "Ministry of Finance"
    assert mof["Line of the notice"] == "26"
    assert mof["Text of the line"] == "财政部、新华社——瑞金市"
    assert mof["Pairing IRI"] == "https://w3id.org/duikou/id/assignment/guobanfa-2021-15/mof"
    assert mof["Line IRI"] == "https://w3id.org/duikou/id/document/guobanfa-2021-15/line/26"
    assert list(mof)[-4:] == ["Pairing IRI", "Unit IRI", "County IRI", "Line IRI"], "the IRIs come last"


def test_units_and_counties_rows_join_up(files):
    units = read_csv(files[names(SHEETS[1], "zh")["plain"]])
    counties = read_csv(files[names(SHEETS[2], "zh")["plain"]])
    leads = [row["通知用名"] for row in units if row["牵头部门"] == "true"]
    assert leads == ["国家发展改革委", "中央组织部"]
    mof = next(row for row in units if row["单位IRI"] == "https://w3id.org/duikou/id/unit/mof")
    assert (mof["支援的受援县"], mof["受援县代码"], mof["英文缩写"]) == ("瑞金市", "360781", "MOF")
    ruijin = next(row for row in counties if row["区划代码"] == "360781")
    assert (ruijin["拼音"], ruijin["单位数"]) == ("Ruijin Shi", "2")
    assert sorted(ruijin["对口支援单位"].split("; ")) == sorted(["财政部", "新华通讯社"])
    assert sum(int(row["单位数"]) for row in counties) == 61


@pytest.mark.parametrize("sheet, lang", CASES, ids=IDS)
def test_the_xlsx_reads_back_with_a_frozen_header_and_widths(files, sheet, lang):
    book = openpyxl.load_workbook(io.BytesIO(files[names(sheet, lang)["xlsx"]]))
    page = book.active
    rows = list(page.iter_rows(values_only=True))
    assert list(rows[0]) == sheet.titles(lang)
    assert len(rows) - 1 == ROWS[sheet.slug]
    assert page.freeze_panes == "A2"
    assert all(page.column_dimensions[letter].width > 8 for letter in ("A", "B", "C"))
    assert page["A1"].font.b
    assert book.properties.created.date().isoformat() == "2023-06-30", "the data's version, not the clock"


def test_numbers_are_numbers_and_codes_stay_text_in_the_xlsx(files):
    page = openpyxl.load_workbook(io.BytesIO(files[names(SHEETS[0], "zh")["xlsx"]])).active
    header = [cell.value for cell in page[1]]
    first = [cell.value for cell in page[2]]
    assert isinstance(first[header.index("原文行号")], int)
    assert first[header.index("区划代码")] == "360702"


@pytest.mark.parametrize("kind", ["csv", "plain"])
@pytest.mark.parametrize("sheet, lang", CASES, ids=IDS)
def test_each_csv_is_valid_against_its_csvw_metadata(folder, sheet, lang, kind):
    name = names(sheet, lang)[kind]
    found = CSVW(str(folder / name), validate=True)  # found by CSVW's locating rules: {+url}-metadata.json
    assert not found.no_metadata
    assert found.is_valid, [str(w.message) for w in found.warnings]
    assert len(list(found.tables[0].iterdicts())) == ROWS[sheet.slug]


def test_the_csvw_metadata_describes_columns_keys_and_licence(files):
    metadata = json.loads(files[metadata_name(names(SHEETS[0], "zh")["csv"])])
    assert metadata["url"] == "duikou-pairings-zh.csv"
    assert metadata["dc:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert metadata["dc:source"] == {"@id": "https://w3id.org/duikou/id/document/guobanfa-2021-15"}
    schema = metadata["tableSchema"]
    assert (schema["primaryKey"], schema["aboutUrl"]) == ("assignment_iri", "{+assignment_iri}")
    columns = {column["name"]: column for column in schema["columns"]}
    assert columns["province"]["titles"] == ["省", "Province (Chinese)"]
    assert columns["line_number"]["datatype"] == "integer"
    assert columns["unit_iri"]["valueUrl"] == "{+unit_iri}"


def test_a_csv_that_breaks_its_metadata_is_invalid(folder, files, tmp_path):
    """The validator can fail: a line number that is not a number, a pairing twice."""
    name = names(SHEETS[0], "en")["plain"]
    header, first, *rest = files[name].decode("utf-8").split("\r\n")
    assert ",23," in first  # 章贡区's first pairing, on line 23
    for broken in ([header, first.replace(",23,", ",twenty-three,"), *rest], [header, first, first, *rest]):
        (tmp_path / name).write_text("\r\n".join(broken), encoding="utf-8")
        (tmp_path / metadata_name(name)).write_bytes(files[metadata_name(name)])
        assert not is_valid(tmp_path / name)


def is_valid(path) -> bool:
    """What the CSVW validator says of a CSV: a bad cell is a warning it records, a repeated key an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        try:
            return CSVW(str(path), validate=True).is_valid
        except ValueError:
            return False


def test_build_json_and_void_list_every_sheet_with_its_digest(files):
    record = json.loads(files["build.json"])
    void = Graph().parse(data=files["void.ttl"], format="turtle")
    downloads = {
        str(void.value(d, DCAT.downloadURL)).rsplit("/", 1)[1]: d
        for d in void.objects(iris.DATASET, DCAT.distribution)
    }
    for name in file_names():
        assert record["files"][name] == hashlib.sha256(files[name]).hexdigest(), name
        if not name.endswith("-metadata.json"):
            assert int(void.value(downloads[name], DCAT.byteSize)) == len(files[name]), name
    xlsx = void.value(downloads["duikou-pairings-zh.xlsx"], DCAT.mediaType)
    assert str(xlsx).endswith("spreadsheetml.sheet")
    checksum = void.value(downloads["duikou-pairings-zh.csv"], URIRef("http://spdx.org/rdf/terms#checksum"))
    assert checksum is not None
    assert record["modified"] == "2023-06-30"


SHEET_DIGESTS = (
    "import hashlib; from graph import iris; from graph.build.assemble import build_sources; "
    "from graph.build.spreadsheets import spreadsheets; from graph.inputs.manifest import primary; "
    "import datetime; files = spreadsheets(build_sources(), iris.document(primary().slug), "
    "datetime.date(2023, 6, 30)); "
    "print('\\n'.join(f'{n} {hashlib.sha256(d).hexdigest()}' for n, d in sorted(files.items())))"
)


def test_the_sheets_are_byte_identical_across_builds():
    """Two builds in fresh processes with different hash seeds, a second or more apart, give the same bytes
    (the XLSX included: its dates come from the data)."""
    outputs = under_two_hash_seeds([sys.executable, "-c", SHEET_DIGESTS], cwd=ROOT)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(file_names())
