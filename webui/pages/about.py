"""/about: where the data comes from and how far to trust it, for a reader who is not a linked-data engineer.

The sources and the named graphs are read from the curated tables (graph/tables/sources.csv, graphs.csv),
the link statuses from the linksets' own lists and files, the 2023 reform from changes.csv: the page
retypes no fact. How to report an error is the FEEDBACK_URL setting, or an honest note that none is set.
"""

from collections import Counter
from functools import lru_cache

from flask import Blueprint, render_template
from rdflib.namespace import DCTERMS

from graph import iris
from graph.inputs.tables import read_table
from graph.links.linksets import (
    DIVISION_COLUMNS,
    DIVISION_STATUSES,
    WIKIDATA_COLUMNS,
    WIKIDATA_STATUSES,
    read_linkset,
)
from graph.paths import LINKSETS
from webui import urls
from webui.http.i18n import pick, translate
from webui.pages.cite import cite_dataset
from webui.pages.dataset import void
from webui.state import current

bp = Blueprint("about", __name__)


@lru_cache(maxsize=1)
def tables() -> dict:
    """The sources, the graphs, the reform's changes, and how many links have each status."""
    statuses = {}
    for name, columns, known in (
        ("divisions", DIVISION_COLUMNS, DIVISION_STATUSES),
        ("wikidata", WIKIDATA_COLUMNS, WIKIDATA_STATUSES),
    ):
        counts = Counter(row["status"] for row in read_linkset(LINKSETS / f"{name}.csv", columns, known))
        statuses[name] = [(status, counts.get(status, 0)) for status in known]
    return {
        "sources": [row.values for row in read_table("sources")],
        "graphs": [row.values for row in read_table("graphs")],
        "changes": [row.values for row in read_table("changes")],
        "statuses": statuses,
    }


def dataset_title() -> str:
    """The dataset's title in the reader's language, as the build describes it; else the site's name."""
    graph = void()
    found = graph.objects(iris.DATASET, DCTERMS.title) if graph is not None else ()
    titles = {getattr(title, "language", ""): str(title) for title in found}
    return pick(titles) if titles else translate("site.name")


@bp.get(urls.ABOUT)
def about():
    """The about page, in the reader's language."""
    return render_template(
        "pages/about.html",
        **tables(),
        cite=cite_dataset(dataset_title(), str(iris.DATASET)),
        feedback=current().settings.get("FEEDBACK_URL", ""),
        license=str(iris.DATA_LICENSE),
    )
