"""The notice rendered as a document at /notice: every line anchored, each name it mentions a link.

Three named queries (`notice-document`, `notice-lines`, `notice-mentions`) feed webui.noticetext,
which builds the tree the `_notice_text.html` partial renders; `load_notice()` is what any other page
calls to include that partial.
"""
from collections import defaultdict

from flask import Blueprint, g, render_template

from webui import data, links
from webui.noticetext import build, outline, segments

bp = Blueprint("notice", __name__)


def strings(row: dict) -> dict[str, str]:
    return {key: str(value) for key, value in row.items()}


def load_notice() -> dict:
    """Everything `_notice_text.html` needs: {"meta", "document" (the tree), "toc", "line_count"}."""
    lang = g.get("lang", "zh")
    meta = data.rows("notice-document")
    meta = strings(meta[0]) if meta else {}
    names = defaultdict(list)
    for row in data.rows("notice-mentions"):
        names[int(row["lineNumber"])].append((str(row["name"]), links.href(row["entity"]),
                                              str(row.get("label", "")), str(row.get("property", ""))))
    lines = []
    for row in data.rows("notice-lines"):
        line = strings(row)
        line["number"] = int(row["lineNumber"])
        line["segments"] = segments(line["text"], names[line["number"]])
        lines.append(line)
    document = build(meta, lines, lang)
    return {"meta": meta, "document": document, "toc": outline(document), "line_count": len(lines),
            "iri": meta.get("notice", ""), "href": links.href(meta["notice"]) if meta.get("notice") else None}


@bp.get("/notice")
def notice_page():
    """The full source text of 国办发〔2021〕15号 as a document with a table of contents."""
    return render_template("notice.html", notice=load_notice())
