"""One citation written in the formats reference managers read (BibTeX, RIS, CSL-JSON) and in GB/T 7714-2015,
the Chinese standard, which wants the type [EB/OL], (更新日期)[引用日期] and the address.

Plain functions of a Work, with no request or app: the entity pages and the dataset's pages fill one in
(webui.pages.cite), and the tests check each format's exact text.
"""

import json
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Work:
    key: str  # a citation key: `duikou-unit-mof`
    title: str  # what is cited, with the document and line where it is part of one
    url: str  # its IRI
    dataset: str  # the dataset it is part of ('' when it is the dataset)
    publisher: str  # who publishes the dataset (the PUBLISHER setting)
    version: str  # the build's content hash, shortened ('' when unknown)
    updated: str  # the data's version (ISO date; '' when unknown)
    accessed: str  # the day the reader cites it (ISO date)


FORMATS = ("gbt7714", "bibtex", "ris", "csl")


def _bibtex_text(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def bibtex(w: Work) -> str:
    fields = [
        ("author", "{" + _bibtex_text(w.publisher) + "}"),
        ("title", _bibtex_text(w.title)),
        ("howpublished", _bibtex_text(w.dataset) if w.dataset else ""),
        ("year", w.updated[:4]),
        ("date", w.updated),
        ("version", w.version),
        ("url", w.url),
        ("urldate", w.accessed),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{w.key},\n{body}\n}}"


def ris(w: Work) -> str:
    lines = [
        ("TY", "DATA"),
        ("AU", w.publisher),
        ("TI", w.title),
        ("T2", w.dataset),
        ("PB", w.publisher),
        ("PY", w.updated[:4]),
        ("DA", w.updated.replace("-", "/")),
        ("ET", w.version),
        ("UR", w.url),
        ("Y2", w.accessed.replace("-", "/")),
    ]
    return "\n".join([f"{tag}  - {value}" for tag, value in lines if value] + ["ER  - "])


def _date(iso: str) -> dict:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def csl(w: Work) -> str:
    item: dict = {"id": w.key, "type": "dataset", "title": w.title, "URL": w.url, "publisher": w.publisher}
    item["author"] = [{"literal": w.publisher}]
    if w.dataset:
        item["container-title"] = w.dataset
    if w.version:
        item["version"] = w.version
    if w.updated:
        item["issued"] = _date(w.updated)
    item["accessed"] = _date(w.accessed)
    return json.dumps([item], ensure_ascii=False, indent=2)


def gbt7714(w: Work) -> str:
    """主要责任者. 题名[EB/OL]//数据集. (更新日期)[引用日期]. 获取和访问路径."""
    within = f"//{w.dataset}" if w.dataset else ""
    updated = f"({w.updated})" if w.updated else ""
    return f"{w.publisher}. {w.title}[EB/OL]{within}. {updated}[{w.accessed}]. {w.url}."


def gbt7714_en(w: Work) -> str:
    """The same in English words, as an English-language list of references writes GB/T 7714."""
    within = f"//{w.dataset}" if w.dataset else ""
    updated = f"(updated {w.updated})" if w.updated else ""
    return f"{w.publisher}. {w.title}[EB/OL]{within}. {updated}[cited {w.accessed}]. {w.url}."


def written(w: Work, lang: str) -> dict[str, str]:
    """The work in every format, GB/T 7714 first (in English words on English pages)."""
    return {
        "gbt7714": gbt7714(w) if lang == "zh" else gbt7714_en(w),
        "bibtex": bibtex(w),
        "ris": ris(w),
        "csl": csl(w),
    }
