"""The "cite this" box: the entity's name, the dataset, the IRI, and the build it comes from.

The build is named by the content hash in `DIST/build.json` and dated by that file's time (read once per
process); on a remote store without a build, the citation gives the date it was retrieved instead.
"""

import json
from datetime import UTC, date, datetime
from pathlib import Path

from flask import current_app, g

from webui.http.i18n import translate


def build_info() -> dict | None:
    """{"hash", "date"} of the served build, or None when DIST has no build.json."""
    ext = current_app.extensions
    if "duikou.build_info" not in ext:
        path = Path(ext["duikou"].settings["DIST"]) / "build.json"
        info = None
        if path.is_file():
            built = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
            info = {
                "hash": str(json.loads(path.read_text(encoding="utf-8")).get("hash", ""))[:12],
                "date": built,
            }
        ext["duikou.build_info"] = info
    return ext["duikou.build_info"]


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
