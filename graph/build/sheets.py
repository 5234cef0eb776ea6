"""The spreadsheets for people: the pairings, the units and the counties as plain tables, filled from the
graph.

Each table is a named query of `queries/ui/` (`sheet-pairings`, …) run on the built graph, so a sheet says
what the graph says and nothing else. Here are only its columns: a name for scripts, a header in Chinese and
in English, and a CSVW datatype. graph/build/sheet_files.py writes them as CSV, XLSX and CSVW metadata.
"""

from dataclasses import dataclass

from rdflib import Literal, URIRef

from graph.store.named import catalogue

Value = str | int | bool | None
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Column:
    name: str  # the CSVW name, for scripts (`county_code`)
    variable: str  # the query's variable that fills it
    zh: str
    en: str
    datatype: str = "string"  # a CSVW datatype: string, integer, boolean, anyURI
    separator: str | None = None  # a list of values in one cell, joined by this
    required: bool = False


@dataclass(frozen=True)
class Sheet:
    slug: str  # its files are duikou-{slug}-{lang}…
    query: str  # the named query of queries/ui/ that fills it
    zh: str
    en: str
    columns: tuple[Column, ...]
    key: str  # the column (an IRI) that names what each row is about

    def titles(self, lang: str) -> list[str]:
        return [getattr(column, lang) for column in self.columns]


def _iri(name: str, variable: str, zh: str, en: str, separator: str | None = None) -> Column:
    return Column(name, variable, zh, en, "anyURI", separator, required=separator is None)


CODE = "code"  # a division code: six digits, kept as text (a spreadsheet would drop a leading zero)
SHEETS = (
    Sheet(
        "pairings",
        "sheet-pairings",
        "结对关系",
        "Pairings",
        (
            Column("province", "province", "省", "Province (Chinese)", required=True),
            Column("city", "city", "地级市", "Prefecture city (Chinese)", required=True),
            Column("county", "county", "受援县（市、区）", "Recipient county (Chinese)", required=True),
            Column("county_code", "code", "区划代码", "Division code", CODE, required=True),
            Column(
                "unit", "unit", "对口支援单位（全称）", "Supporting unit (Chinese full name)", required=True
            ),
            Column("name_in_notice", "nameInNotice", "通知用名", "Name in the notice", required=True),
            Column("county_en", "countyEn", "受援县（英文）", "Recipient county"),
            Column("unit_en", "unitEn", "对口支援单位（英文）", "Supporting unit"),
            Column("category", "category", "单位类别", "Unit category (Chinese)"),
            Column("category_en", "categoryEn", "单位类别（英文）", "Unit category"),
            Column("line_number", "lineNumber", "原文行号", "Line of the notice", "integer", required=True),
            Column("line_text", "lineText", "原文", "Text of the line", required=True),
            _iri("assignment_iri", "assignment", "结对关系IRI", "Pairing IRI"),
            _iri("unit_iri", "unitIri", "单位IRI", "Unit IRI"),
            _iri("county_iri", "countyIri", "县IRI", "County IRI"),
            _iri("line_iri", "line", "原文行IRI", "Line IRI"),
        ),
        "assignment_iri",
    ),
    Sheet(
        "units",
        "sheet-units",
        "对口支援单位",
        "Supporting units",
        (
            Column("unit", "unit", "单位全称", "Full name (Chinese)", required=True),
            Column("unit_en", "unitEn", "英文名称", "Full name (English)"),
            Column("name_in_notice", "nameInNotice", "通知用名", "Name in the notice", required=True),
            Column("acronym", "acronym", "英文缩写", "Acronym"),
            Column("category", "category", "类别", "Category (Chinese)"),
            Column("category_en", "categoryEn", "类别（英文）", "Category"),
            Column("lead", "isLead", "牵头部门", "Lead department", "boolean", required=True),
            Column("administered_by", "administeredBy", "管理机关", "Administered by (Chinese)"),
            Column("county", "county", "支援的受援县", "County supported (Chinese)"),
            Column("county_code", "countyCode", "受援县代码", "Code of the county", CODE),
            Column("county_iri", "countyIri", "受援县IRI", "County IRI", "anyURI"),
            _iri("unit_iri", "unitIri", "单位IRI", "Unit IRI"),
        ),
        "unit_iri",
    ),
    Sheet(
        "counties",
        "sheet-counties",
        "受援县（市、区）",
        "Recipient counties",
        (
            Column("province", "province", "省", "Province (Chinese)", required=True),
            Column("city", "city", "地级市", "Prefecture city (Chinese)", required=True),
            Column("county", "county", "县（市、区）", "County (Chinese)", required=True),
            Column("county_code", "code", "区划代码", "Division code", CODE, required=True),
            Column("county_en", "countyEn", "英文名称", "County (English)"),
            Column("pinyin", "pinyin", "拼音", "Pinyin"),
            Column("units", "units", "对口支援单位", "Supporting units (Chinese)", separator="; "),
            Column("unit_count", "unitCount", "单位数", "Number of units", "integer", required=True),
            _iri("unit_iris", "unitIris", "单位IRI", "Unit IRIs", " "),
            _iri("county_iri", "countyIri", "县IRI", "County IRI"),
        ),
        "county_iri",
    ),
)


def _value(term) -> Value:
    """A cell: an integer or boolean as itself, anything else as its text, nothing as None."""
    if term is None:
        return None
    if isinstance(term, Literal) and isinstance(term.toPython(), (bool, int)):
        return term.toPython()
    return str(term)


def fill(sheet: Sheet, store, notice: URIRef) -> list[list[Value]]:
    """The sheet's rows: its named query's answer on `store`, the notice's pairings where it asks for one."""
    query = catalogue().get(sheet.query, ui=True)
    values = {"notice": str(notice)} if any(p.name == "notice" for p in query.parameters) else {}
    rows = query.run(store, values).dicts()
    return [[_value(row.get(column.variable)) for column in sheet.columns] for row in rows]
