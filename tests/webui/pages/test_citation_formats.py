"""Each citation format's exact text for a unit, a county, a pairing, a line and the dataset, and each read
back as a reference manager reads it (BibTeX fields, RIS tags, CSL-JSON's keys)."""

import json
import re

import pytest

from webui.pages.citation_formats import Work, bibtex, csl, gbt7714, gbt7714_en, ris

NOTICE = (
    "国务院办公厅关于印发新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案的通知"
    "（国办发〔2021〕15号）"
)
ID = "https://w3id.org/duikou/id/"


def work(key: str, title: str, path: str, dataset: str = "对口支援知识图谱") -> Work:
    return Work(key, title, ID + path, dataset, "duikou project", "6971241f7886", "2023-06-30", "2025-01-02")


UNIT = work("duikou-unit-mof", "财政部 / Ministry of Finance", "unit/mof")
COUNTY = work("duikou-division-360781", "瑞金市 / Ruijin City", "division/360781")
PAIRING = work(
    "duikou-assignment-guobanfa-2021-15-mof",
    f"财政部对口支援瑞金市 / Ministry of Finance supports Ruijin City，{NOTICE}第26行",
    "assignment/guobanfa-2021-15/mof",
)
LINE = work(
    "duikou-document-guobanfa-2021-15-line-26", f"{NOTICE}第26行", "document/guobanfa-2021-15/line/26"
)
DATASET = work("duikou", "对口支援知识图谱：国办发〔2021〕15号", "dataset/duikou", dataset="")
WORKS = {"unit": UNIT, "county": COUNTY, "pairing": PAIRING, "line": LINE, "dataset": DATASET}


def test_gbt7714_of_a_unit():
    assert gbt7714(UNIT) == (
        "duikou project. 财政部 / Ministry of Finance[EB/OL]//对口支援知识图谱. (2023-06-30)[2025-01-02]. "
        "https://w3id.org/duikou/id/unit/mof."
    )


def test_gbt7714_of_a_county_in_english_words():
    assert gbt7714_en(COUNTY) == (
        "duikou project. 瑞金市 / Ruijin City[EB/OL]//对口支援知识图谱. "
        "(updated 2023-06-30)[cited 2025-01-02]. "
        "https://w3id.org/duikou/id/division/360781."
    )


def test_gbt7714_of_a_pairing_names_the_document_and_line():
    assert gbt7714(PAIRING) == (
        "duikou project. 财政部对口支援瑞金市 / Ministry of Finance supports Ruijin City，"
        f"{NOTICE}第26行[EB/OL]//对口支援知识图谱. (2023-06-30)[2025-01-02]. "
        "https://w3id.org/duikou/id/assignment/guobanfa-2021-15/mof."
    )


def test_gbt7714_of_a_line_and_of_the_dataset():
    assert gbt7714(LINE) == (
        f"duikou project. {NOTICE}第26行[EB/OL]//对口支援知识图谱. (2023-06-30)[2025-01-02]. "
        "https://w3id.org/duikou/id/document/guobanfa-2021-15/line/26."
    )
    assert gbt7714(DATASET) == (
        "duikou project. 对口支援知识图谱：国办发〔2021〕15号[EB/OL]. (2023-06-30)[2025-01-02]. "
        "https://w3id.org/duikou/id/dataset/duikou."
    )


def test_bibtex_of_a_unit():
    assert bibtex(UNIT) == (
        "@misc{duikou-unit-mof,\n"
        "  author = {{duikou project}},\n"
        "  title = {财政部 / Ministry of Finance},\n"
        "  howpublished = {对口支援知识图谱},\n"
        "  year = {2023},\n"
        "  date = {2023-06-30},\n"
        "  version = {6971241f7886},\n"
        "  url = {https://w3id.org/duikou/id/unit/mof},\n"
        "  urldate = {2025-01-02}\n"
        "}"
    )


def test_ris_of_a_line():
    assert ris(LINE) == "\n".join(
        [
            "TY  - DATA",
            "AU  - duikou project",
            f"TI  - {NOTICE}第26行",
            "T2  - 对口支援知识图谱",
            "PB  - duikou project",
            "PY  - 2023",
            "DA  - 2023/06/30",
            "ET  - 6971241f7886",
            "UR  - https://w3id.org/duikou/id/document/guobanfa-2021-15/line/26",
            "Y2  - 2025/01/02",
            "ER  - ",
        ]
    )


def test_csl_json_of_the_dataset():
    assert json.loads(csl(DATASET)) == [
        {
            "id": "duikou",
            "type": "dataset",
            "title": "对口支援知识图谱：国办发〔2021〕15号",
            "URL": "https://w3id.org/duikou/id/dataset/duikou",
            "publisher": "duikou project",
            "author": [{"literal": "duikou project"}],
            "version": "6971241f7886",
            "issued": {"date-parts": [[2023, 6, 30]]},
            "accessed": {"date-parts": [[2025, 1, 2]]},
        }
    ]


BIBTEX_ENTRY = re.compile(r"^@misc\{(?P<key>[^,]+),\n(?P<fields>(?:  \w+ = \{.*\},?\n)+)\}$")


@pytest.mark.parametrize("kind", sorted(WORKS))
def test_each_format_reads_back(kind):
    w = WORKS[kind]
    entry = BIBTEX_ENTRY.match(bibtex(w))
    assert entry and entry["key"] == w.key
    fields = dict(re.findall(r"  (\w+) = \{(.*)\},?\n", entry["fields"]))
    assert fields["url"] == w.url and fields["urldate"] == w.accessed and fields["year"] == "2023"
    lines = ris(w).split("\n")
    assert lines[0] == "TY  - DATA" and lines[-1] == "ER  - "
    tags = dict(line.split("  - ", 1) for line in lines[:-1])
    assert tags["UR"] == w.url and tags["TI"] == w.title
    (item,) = json.loads(csl(w))
    assert {"id", "type", "title", "URL", "issued", "accessed"} <= set(item)
    assert item["title"] == w.title and item.get("container-title", "") == w.dataset
    assert "[EB/OL]" in gbt7714(w) and "(2023-06-30)[2025-01-02]" in gbt7714(w)
