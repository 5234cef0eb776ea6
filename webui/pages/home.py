"""The home page: what the dataset is, its source and counts, the units changed since, and a diagram of the
whole programme.

Four named queries: `home-summary` (the notice), then for the site's notice (the manifest's first
document) `home-programme` (each pairing: unit, county, city, province, category), `home-leads` (its lead
departments) and `home-changes` (its units that changed after it: one line, linking to the public
`units-changed`). The pairings are grouped here into province → city → county for the diagram, and the
counts are counted from the same rows, so they always agree with it. Every query starts from the notice,
so the page costs the same however large the graph is (each answer is kept for the life of the process by
webui.data).
"""

from flask import Blueprint, render_template

from webui import data

bp = Blueprint("home", __name__)
LETTERS, COLOURS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 12  # colours: .cat-1 … .cat-12 in site.css


def text(row: dict, key: str) -> str:
    return str(row.get(key, ""))


def legend_of(rows: list[dict]) -> list[dict]:
    """The unit categories, largest first, each with a letter as its text mark and a colour number."""
    legend: dict[str, dict] = {}
    for row in rows:
        if "category" in row:
            entry = legend.setdefault(
                str(row["category"]),
                {"iri": row["category"], "count": 0, "label": text(row, "categoryLabel")},
            )
            entry["count"] += 1
    ordered = sorted(legend.values(), key=lambda entry: (-entry["count"], str(entry["iri"])))
    for number, entry in enumerate(ordered):
        entry["mark"], entry["colour"] = LETTERS[number % len(LETTERS)], number % COLOURS + 1
    return ordered


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
        changes=changes_of(changed),
    )
