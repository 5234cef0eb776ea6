"""The "cite this" box: the entity's name, the dataset, the IRI, and the build it comes from.

The build is named by its content hash and dated by its record's time (graph.dist.Build, read once per
app); on a remote store without a build, the citation gives the date it was retrieved instead.
"""

from datetime import date

from flask import g

from webui.http.i18n import translate
from webui.state import current


def build_info() -> dict | None:
    """{"hash", "date"} of the served build, or None when DIST has none."""
    build = current().build
    return {"hash": build.hash[:12], "date": build.date} if build else None


def cite(label: dict[str, str], iri: str) -> dict:
    """The citation's parts and one copyable line, in the request's language."""
    lang = g.get("lang", "zh")
    names = [label.get(lang), label.get("en" if lang == "zh" else "zh")]
    name = " / ".join(n for n in names if n) or iri
    dataset = translate("site.name")
    info = build_info()
    if info:
        when = translate("cite.version").format(version=info["hash"], date=info["date"])
    else:
        when = translate("cite.retrieved").format(date=date.today().isoformat())
    return {
        "name": name,
        "dataset": dataset,
        "iri": iri,
        "build": info,
        "when": when,
        "text": f"{name}. {dataset}. {iri}. {when}.",
    }
