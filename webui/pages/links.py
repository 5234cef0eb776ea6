"""/links: the links report of the build — coverage per target dataset and every item not linked, and why.

The build writes it as `DIST/links.json` (graph.links.report); this page and `duikou links report` show the
same figures. Without a build of our own (a remote store only), the page says the report is unavailable.
"""

import json

from flask import Blueprint, render_template

from webui.http.i18n import STRINGS, translate
from webui.state import current

bp = Blueprint("linkreport", __name__)


def load_report() -> dict | None:
    """The links report of the build in DIST, or None when there is none."""
    build = current().build
    if build is None or not build.links_file.is_file():
        return None
    return json.loads(build.links_file.read_text(encoding="utf-8"))


def title_of(target: dict) -> str:
    """The target's title in the page's language (the report's own English title if none is translated)."""
    key = f"links.target.{target['target']}.{target['title'].split()[0]}"
    return translate(key) if key in STRINGS else target["title"]


@bp.route("/links")
def links_page() -> str:
    report = load_report()
    titles = [title_of(target) for target in report["targets"]] if report else []
    return render_template("pages/links.html", report=report, titles=titles)
