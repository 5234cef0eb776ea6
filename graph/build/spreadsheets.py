"""The spreadsheets in the build: fill each sheet from the built graph, write its files, and describe each
spreadsheet as a download of the dataset (void.ttl), beside the RDF dumps."""

from datetime import date

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from graph.build.assemble import Built
from graph.build.distribution import describe_download
from graph.build.sheet_files import names, render_sheets
from graph.build.sheets import LANGUAGES, SHEETS, fill
from graph.formats import SHEET_FORMATS
from graph.iris import DATASET
from graph.namespaces import BASE
from graph.store.embedded import EmbeddedStore

# how each kind of file is described: its format, its EU file type, and a few words for people
KINDS = {
    "xlsx": ("xlsx", "XLSX", ("Excel 表格", "Excel workbook")),
    "csv": ("csv", "CSV", ("CSV（UTF-8，带BOM，Excel可直接打开）", "CSV (UTF-8 with BOM, opens in Excel)")),
    "plain": ("csv", "CSV", ("CSV（UTF-8，不带BOM，供程序读取）", "CSV (UTF-8 without BOM, for scripts)")),
}
HEADERS = {"zh": ("中文表头", "Chinese headers"), "en": ("英文表头", "English headers")}


def spreadsheets(built: Built, notice: URIRef, version: date) -> dict[str, bytes]:
    """Every spreadsheet file by name, filled by the sheets' named queries on the built named graphs."""
    store = EmbeddedStore.from_graphs(built.graphs)
    return render_sheets({sheet.slug: fill(sheet, store, notice) for sheet in SHEETS}, notice, version)


def describe_sheets(d: Graph, files: dict[str, bytes]) -> None:
    """Each spreadsheet (not the CSVW metadata, which its CSV's answer links) as a distribution of the
    dataset, with its size and checksum."""
    for sheet in SHEETS:
        for lang in LANGUAGES:
            for kind, name in names(sheet, lang).items():
                fmt, file_type, (kind_zh, kind_en) = KINDS[kind]
                download = URIRef(f"{BASE}download/{name}")
                headers_zh, headers_en = HEADERS[lang]
                describe_download(
                    d,
                    URIRef(f"{DATASET}/distribution/{sheet.slug}-{lang}-{kind}"),
                    download,
                    {
                        "zh": f"{sheet.zh}（{kind_zh}，{headers_zh}）",
                        "en": f"{sheet.en} ({kind_en}, {headers_en})",
                    },
                    {
                        "zh": f"{sheet.zh}表，由数据集的命名查询 {sheet.query} 生成。",
                        "en": f"The {sheet.en.lower()} as a table, made by the named query {sheet.query}.",
                    },
                    SHEET_FORMATS[fmt].media_type,
                    file_type,
                    files[name],
                )
                d.add(
                    (
                        URIRef(f"{DATASET}/distribution/{sheet.slug}-{lang}-{kind}"),
                        DCTERMS.language,
                        _lang(lang),
                    )
                )


def _lang(lang: str) -> URIRef:
    code = {"zh": "ZHO", "en": "ENG"}[lang]
    return URIRef(f"http://publications.europa.eu/resource/authority/language/{code}")
