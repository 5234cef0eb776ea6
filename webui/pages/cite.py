"""The "cite this" box of every entity page and of the dataset: the parts, and the citation in each format.

The build is named by its content hash and dated by the data's version (graph.dist.Build, read once per
app), so two builds of the same data cite the same date; on a remote store without a build, the citation
gives no version. A pairing or a line of a document is cited as part of that document: its title, its
number (国办发〔2021〕15号) and the line, from the graph. The formats are webui.pages.citation_formats.
"""

import re
from datetime import date

from flask import g

from webui import data, urls
from webui.http.i18n import translate
from webui.pages.citation_formats import Work, written
from webui.state import current

# a line of a document (`…/document/guobanfa-2021-15/line/26`): its document and number
LINE = re.compile(r"^(?P<document>.+/document/[^/]+)/line/(?P<number>\d+)$")


def build_info() -> dict | None:
    """{"hash", "date"} of the served build, or None when DIST has none."""
    build = current().build
    return {"hash": build.hash[:12], "date": build.date} if build else None


def document_of(iri: str, lines: list[dict] | None) -> tuple[str, int] | None:
    """(the document's IRI, the line) of a line of a document, or of a pairing stated on one line, or None."""
    found = LINE.match(iri)
    if found:
        return found["document"], int(found["number"])
    if iri.startswith(urls.entity_prefix() + "assignment/"):
        own = [line for line in lines or [] if line.get("own")]
        if len(own) == 1 and (of := LINE.match(str(own[0]["line"]))):
            return of["document"], own[0]["number"]
    return None


def part_of(iri: str, lines: list[dict] | None, lang: str) -> str:
    """', line 26 of … (国办发〔2021〕15号)' (or its Chinese) for a pairing; 'Line 26 of …' for a line itself;
    '' for anything else."""
    found = document_of(iri, lines)
    if found is None:
        return ""
    rows = data.rows("notice-document", notice=found[0], lang=lang)
    if not rows:
        return ""
    row = rows[0]
    title = str(row.get("titleZh") or row.get("title") or "")
    identifier = str(row.get("identifier", ""))
    named = title if identifier and identifier in title else f"{title}（{identifier}）"
    key = "cite.line" if LINE.match(iri) else "cite.line_of"
    return translate(key).format(line=found[1], document=named)


def work(name: str, iri: str, key: str, part: str = "", dataset: bool = False) -> Work:
    info = build_info()
    return Work(
        key=key,
        title=name + part,
        url=iri,
        dataset="" if dataset else translate("site.name"),
        publisher=current().settings["PUBLISHER"],
        version=info["hash"] if info else "",
        updated=info["date"] if info else "",
        accessed=date.today().isoformat(),
    )


def cite(label: dict[str, str], iri: str, lines: list[dict] | None = None) -> dict:
    """The citation's parts and its text in every format, in the request's language."""
    lang = g.get("lang", "zh")
    names = [label.get(lang), label.get("en" if lang == "zh" else "zh")]
    name = " / ".join(n for n in names if n) or iri
    key = "duikou-" + re.sub(r"[^A-Za-z0-9]+", "-", iri.removeprefix(urls.entity_prefix())).strip("-")
    part = part_of(iri, lines, lang)
    found = work("" if LINE.match(iri) and part else name, iri, key, part)
    return parts(found, lang)


def cite_dataset(title: str, iri: str) -> dict:
    """The dataset's own citation (on /dataset and /about)."""
    lang = g.get("lang", "zh")
    return parts(work(title, iri, "duikou", dataset=True), lang)


def parts(found: Work, lang: str) -> dict:
    if found.version:
        when = translate("cite.version").format(version=found.version, date=found.updated)
    else:
        when = translate("cite.retrieved").format(date=found.accessed)
    return {
        "name": found.title,
        "dataset": found.dataset,
        "iri": found.url,
        "when": when,
        "accessed": found.accessed,
        "formats": written(found, lang),
        "text": written(found, lang)["gbt7714"],
    }
