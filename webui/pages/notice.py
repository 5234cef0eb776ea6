"""The notice rendered as a document at /notice: every line anchored, each name it mentions a link.

Three named queries (`notice-document`, `notice-lines`, `notice-mentions`), each bound to the notice,
feed webui.pages.noticetext, which builds the tree the `_notice_text.html` partial renders; `load_notice()` is
what any other page calls to include that partial. /notice shows the graph's notice, the one the home
page names (the manifest's first document); the notice's own entity page shows itself.
"""

from collections import defaultdict
from operator import itemgetter
from typing import Any

from flask import Blueprint, g, render_template
from rdflib.term import Identifier

from webui import data, urls
from webui.pages.noticetext import build, outline, segments

bp = Blueprint("notice", __name__)


def strings(row: dict) -> dict[str, str]:
    return {key: str(value) for key, value in row.items()}


def mentions(notice: str) -> defaultdict[int, list[tuple[str, str | None, str, str]]]:
    """The names each line mentions, by line number (none: an empty list): (name, href, label, property),
    as `segments` takes them.

    The answer's rows are read as tuples, not through `data.rows`' dict per row, and each entity's href is
    made once, not once per row (the rows name far fewer entities than there are rows).
    """
    answer = data.run("notice-mentions", notice=notice)
    columns = itemgetter(
        *(answer.variables.index(name) for name in ("lineNumber", "entity", "name", "label", "property"))
    )
    hrefs: dict[Identifier | None, str | None] = {}
    names: defaultdict[int, list[tuple[str, str | None, str, str]]] = defaultdict(list)
    for number, entity, name, label, prop in map(columns, answer.rows):
        if entity not in hrefs:
            hrefs[entity] = urls.href(entity)
        names[int(number)].append((str(name), hrefs[entity], "" if label is None else str(label), str(prop)))
    return names


def load_notice(notice: str | None = None) -> dict:
    """Everything `_notice_text.html` needs about `notice` (default: the site's): {"meta", "document"
    (the tree), "toc", "line_count", "iri", "href"}."""
    lang = g.get("lang", "zh")
    notice = notice or data.primary_document()
    found = data.rows("notice-document", notice=notice)
    meta = strings(found[0]) if found else {}
    names = mentions(notice)
    lines = []
    for row in data.rows("notice-lines", notice=notice):
        line: dict[str, Any] = strings(row)
        line["number"] = int(row["lineNumber"])
        line["segments"] = segments(line["text"], names[line["number"]])
        lines.append(line)
    document = build(meta, lines, lang)
    return {
        "meta": meta,
        "document": document,
        "toc": outline(document),
        "line_count": len(lines),
        "iri": meta.get("notice", ""),
        "href": urls.href(meta["notice"]) if meta.get("notice") else None,
    }


@bp.get("/notice")
def notice_page():
    """The full source text of 国办发〔2021〕15号 as a document with a table of contents."""
    return render_template("pages/notice.html", notice=load_notice())
