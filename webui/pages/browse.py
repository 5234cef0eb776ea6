"""Browse: a list per class with facets (/browse?class=unit&category=national-bureau&province=360000).

One named query per page (the class's `browse-*` query, answered once and cached); facets are counted
in Python (webui.pages.facets). Parameters are checked against the classes listed here and the values the
data has: anything unknown is a FacetError, answered with a 400 page that says what is accepted; a
request's value never reaches a query.
"""

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, render_template, request, url_for

from graph import namespaces
from graph.errors import ParameterError
from webui import data
from webui.http.i18n import translate
from webui.pages.facets import FACETS, facet_counts, items_of, known_values, select

bp = Blueprint("browse", __name__)
DK = str(namespaces.DK)


@dataclass(frozen=True)
class Listing:
    """How one class is listed: its named query and parameters, its facets, its table's columns.

    A column is (heading key, kind, source): kind "name" (the item's labels, linked), "link" (source is
    (IRI column, label column)), "zh" (Chinese text) or "text".
    """

    query: str
    params: dict
    facets: tuple[str, ...]
    columns: tuple[tuple, ...]


NAME = ("browse.col.name", "name", None)
CODE = ("browse.col.code", "text", "code")
NUMBER = ("browse.col.number", "zh", "code")
LINE = ("browse.col.line", "text", "code")
PROVINCE = ("browse.facet.province", "link", ("province", "provinceLabel"))
CITY = ("browse.facet.city", "link", ("city", "cityLabel"))
CATEGORY = ("browse.facet.category", "link", ("category", "categoryLabel"))
COUNTY_TYPE = ("browse.facet.county-type", "link", ("countyType", "countyTypeLabel"))
SCHEME = ("browse.facet.scheme", "link", ("scheme", "schemeLabel"))
COUNTY = ("browse.col.county", "link", ("county", "countyLabel"))
UNIT = ("browse.col.unit", "link", ("unit", "unitLabel"))
PART = ("browse.col.part", "link", ("part", "partLabel"))
NOTICE_NAME = ("browse.col.notice-name", "zh", "nameInNotice")
ACRONYM = ("browse.col.acronym", "text", "code")
TEXT = ("browse.col.text", "zh", "text")
CLASSES = {
    "unit": Listing(
        "browse-units", {}, ("province", "city", "category"), (NAME, NOTICE_NAME, ACRONYM, CATEGORY, COUNTY)
    ),
    "county": Listing(
        "browse-divisions",
        {"class": DK + "County"},
        ("province", "city", "county-type"),
        (NAME, CODE, COUNTY_TYPE, CITY, PROVINCE),
    ),
    "city": Listing(
        "browse-divisions", {"class": DK + "PrefectureCity"}, ("province",), (NAME, CODE, PROVINCE)
    ),
    "province": Listing("browse-divisions", {"class": DK + "Province"}, (), (NAME, CODE)),
    "assignment": Listing(
        "browse-assignments", {}, ("province", "city", "category"), (NAME, UNIT, COUNTY, CATEGORY, LINE)
    ),
    "concept": Listing("browse-concepts", {}, ("scheme",), (NAME, SCHEME)),
    "line": Listing("browse-text", {"class": DK + "Line"}, (), (LINE, TEXT, PART)),
    "section": Listing("browse-text", {"class": DK + "Section"}, (), (NUMBER, NAME, PART)),
    "document": Listing("browse-text", {"class": DK + "PolicyDocument"}, (), (NUMBER, NAME)),
}
DEFAULT = "unit"


class FacetError(ParameterError):
    """A browse parameter names no class or facet, or a value the data does not have."""

    html_template = "pages/browse_error.html"

    def __init__(self, message: str, accepted: list[str]):
        super().__init__(f"{message}; accepted: {', '.join(accepted)}")
        self.problem, self.accepted = message, accepted


def chosen_class() -> str:
    """The `class` parameter, checked; the default when absent."""
    name = request.args.get("class", DEFAULT)
    if name not in CLASSES:
        raise FacetError(f"class {name!r} is not one this site lists", sorted(CLASSES))
    return name


def chosen_facets(name: str, rows: list[dict]) -> dict[str, str]:
    """The facet parameters, each a single value the data has for this class (else FacetError)."""
    facets = CLASSES[name].facets
    chosen = {}
    for key in request.args:
        if key in ("class", "lang"):
            continue
        if key not in facets:
            raise FacetError(f"{key!r} is not a facet of class {name!r}", ["class", "lang", *facets])
        values = request.args.getlist(key)
        known = known_values(rows, FACETS[key])
        if len(values) != 1 or values[0] not in known:
            raise FacetError(f"{key}={', '.join(values)!s} is not a value of this facet", sorted(known))
        chosen[key] = values[0]
    return chosen


def link(name: str, chosen: dict[str, str], **change: str | None) -> str:
    """This page with the facet values of `chosen` changed by `change` (None removes a value)."""
    params = {**chosen, **change}
    values: dict[str, Any] = {"class": name} | {k: v for k, v in params.items() if v is not None}
    return url_for("browse.browse", **values)


@bp.get("/browse")
def browse():
    """The items of one class, filtered by the chosen facet values, with the counts of every value."""
    name = chosen_class()
    listing = CLASSES[name]
    rows = data.rows(listing.query, **listing.params)
    chosen = chosen_facets(name, rows)
    items = items_of(rows)
    facets = facet_counts(items, rows, listing.facets, chosen)
    for facet in facets:
        for value in facet["options"]:
            value["href"] = link(name, chosen, **{facet["name"]: None if value["chosen"] else value["key"]})
    classes = [
        {
            "name": c,
            "label": translate(f"browse.class.{c}"),
            "current": c == name,
            "href": link(c, {}),
        }
        for c in CLASSES
    ]
    return render_template(
        "pages/browse.html",
        name=name,
        classes=classes,
        facets=facets,
        chosen=chosen,
        results=select(items, chosen),
        total=len(items),
        columns=listing.columns,
        clear=link(name, {}),
    )
