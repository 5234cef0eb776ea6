"""The home page: where the recipient counties are (the tile map), the counts with links to their lists,
what the dataset is, its source, the units changed since, and a diagram of the whole programme.

Four named queries: `home-summary` (the notice), then for the site's notice (the manifest's first
document) `home-programme` (each pairing: unit, county, city, province, category), `home-leads` (its lead
departments) and `home-changes` (its units that changed after it: one line, linking to the public
`units-changed`). The pairings are grouped here into province → city → county for the diagram, and the
counts and the tile map (webui.pages.tilemap) come from the same rows, so they always agree with it.
Every query starts from the notice, so the page costs the same however large the graph is (each answer is
kept for the life of the process by webui.data).
"""

from flask import Blueprint, g, render_template, url_for

from webui import data
from webui.pages import tilemap
from webui.pages.categories import legend_of, text

bp = Blueprint("home", __name__)


def unit_of(row: dict, marks: dict) -> dict:
    category = marks.get(text(row, "category"))
    return {
        "iri": row["unit"],
        "label": text(row, "unitLabel"),
        "short": text(row, "nameInNotice"),
        "category": category,
    }


def programme(pairings: list[dict], leads: list[dict]) -> dict:
    """Group the pairings by province → city → county (notice order for places, code order for counties)."""
    legend = legend_of(pairings + leads)
    marks = {str(entry["iri"]): entry for entry in legend}
    provinces: dict[str, dict] = {}
    for row in pairings:
        province = provinces.setdefault(
            text(row, "province"),
            {
                "iri": row["province"],
                "label": text(row, "provinceLabel"),
                "code": text(row, "provinceCode"),
                "cities": {},
                "first": 10**6,
            },
        )
        city = province["cities"].setdefault(
            text(row, "city"),
            {
                "iri": row["city"],
                "label": text(row, "cityLabel"),
                "code": text(row, "cityCode"),
                "counties": {},
                "first": 10**6,
            },
        )
        county = city["counties"].setdefault(
            text(row, "county"),
            {"iri": row["county"], "label": text(row, "countyLabel"), "code": text(row, "code"), "units": []},
        )
        county["units"].append(unit_of(row, marks))
        line = int(row["lineNumber"]) if "lineNumber" in row else 10**6
        province["first"], city["first"] = min(province["first"], line), min(city["first"], line)
    for province in provinces.values():
        for city in province["cities"].values():
            city["counties"] = sorted(city["counties"].values(), key=lambda c: c["code"])
        province["cities"] = sorted(province["cities"].values(), key=lambda c: (c["first"], c["code"]))
    ordered = sorted(provinces.values(), key=lambda p: (p["first"], p["code"]))
    return {"provinces": ordered, "leads": [unit_of(row, marks) for row in leads], "legend": legend}


def counts_of(pairings: list[dict], leads: list[dict]) -> dict[str, int]:
    """How many units, counties, pairings, lead departments, provinces and cities the diagram shows."""

    def distinct(rows: list[dict], key: str) -> int:
        return len({str(row[key]) for row in rows if key in row})

    return {
        "units": distinct(pairings + leads, "unit"),
        "counties": distinct(pairings, "county"),
        "pairings": distinct(pairings, "assignment"),
        "leads": distinct(leads, "unit"),
        "provinces": distinct(pairings, "province"),
        "cities": distinct(pairings, "city"),
    }


def changes_of(rows: list[dict]) -> dict:
    """The notice's units that changed after it, in its order, and the years of their first changes."""
    units = [{"iri": row["unit"], "label": text(row, "unitLabel")} for row in rows]
    return {"units": units, "years": sorted({text(row, "date")[:4] for row in rows})}


def count_links() -> dict[str, str]:
    """Where each count's list is: the browse page of its class, or the lead departments' named query."""
    listed = {"units": "unit", "counties": "county", "pairings": "assignment"}
    listed |= {"provinces": "province", "cities": "city"}
    found = {key: url_for("browse.browse", **{"class": name}) for key, name in listed.items()}  # type: ignore[arg-type]
    found["leads"] = url_for("named.page", name="lead-departments")
    return found


@bp.get("/")
def home():
    """The dataset, its source, its counts, a search box and the programme diagram."""
    found = data.rows("home-summary")
    summary = found[0] if found else {}
    notice = data.primary_document() if summary else None
    pairings = data.rows("home-programme", notice=notice) if notice else []
    leads = data.rows("home-leads", notice=notice) if notice else []
    changed = data.rows("home-changes", notice=notice) if notice else []
    return render_template(
        "pages/home.html",
        summary=summary,
        counts=counts_of(pairings, leads),
        diagram=programme(pairings, leads),
        tilemap=tilemap.build(pairings, leads, g.get("lang", "zh")),
        count_links=count_links(),
        changes=changes_of(changed),
    )
