"""What kind of page an entity gets: its template list (most specific first) and one class-specific query.

`kinds` orders an entity's classes from most to least specific (a lead department is a `lead`, then a
`unit`, then an `organization`); `templates` turns them into `entity-lead.html`, `entity-unit.html`, …,
`entity.html`, of which Flask renders the first that exists. `extras` runs at most one more query, except
for the notice, whose page includes the whole text as webui.pages.notice renders it (its three queries).
"""

from flask import g
from jinja2 import Template
from rdflib import Literal
from rdflib.namespace import ORG, SKOS
from rdflib.term import Identifier

from graph.namespaces import DK
from webui import data
from webui.entity.changes import changes
from webui.entity.page import EntityPage, Value, line_anchor
from webui.pages import tilemap

KINDS = [
    (DK.LeadDepartment, "lead"),
    (DK.SupportingUnit, "unit"),
    (ORG.Organization, "organization"),
    (DK.RecipientCounty, "county"),
    (DK.County, "county"),
    (DK.PrefectureCity, "city"),
    (DK.Province, "province"),
    (DK.AdministrativeDivision, "division"),
    (DK.DevelopmentZone, "zone"),
    (DK.Notice, "notice"),
    (DK.WorkPlan, "plan"),
    (DK.Opinion, "opinion"),
    (DK.PolicyDocument, "document"),
    (DK.Section, "section"),
    (DK.Line, "line"),
    (DK.Assignment, "assignment"),
    (SKOS.ConceptScheme, "scheme"),
    (SKOS.Concept, "concept"),
    (DK.ProgrammePhase, "phase"),
    (DK.Programme, "programme"),
    (DK.Source, "source"),
    (DK.CodeListEntry, "code"),
    (DK.FormerDivisionCode, "former-code"),
    (ORG.ChangeEvent, "change"),
    (DK.SourceGraph, "graph"),
]
RANK = {str(cls): i for i, (cls, _) in enumerate(KINDS)}
# the key relation each kind shows right under its title, so the lists below do not repeat it
PAIRED_UNIT = frozenset({("out", "dk:supports"), ("in", "dk:supportedBy"), ("in", "dk:supportingUnit")})
FIRST = {
    "county": frozenset({("out", "dk:supportedBy"), ("in", "dk:supports"), ("in", "dk:recipient")}),
    "lead": PAIRED_UNIT,
    "unit": PAIRED_UNIT,
    "assignment": frozenset({("out", "dk:supportingUnit"), ("out", "dk:recipient")}),
    "line": frozenset({("out", "dk:text")}),
}


def kinds(page: EntityPage) -> list[str]:
    """The page kinds of the entity's classes, most specific first, without repeats."""
    classes = {str(t.term) for t in page.types}
    return list(dict.fromkeys(key for cls, key in KINDS if str(cls) in classes))


def order_types(types: list[Value]) -> list[Value]:
    """Classes most specific first (ours in KINDS order, then any other class by label)."""
    return sorted(types, key=lambda t: (RANK.get(str(t.term), len(RANK)), t.label))


def shown_first(page: EntityPage) -> frozenset:
    """The statements the page's kind shows at the top (its most specific kind that has any)."""
    return next((FIRST[key] for key in kinds(page) if key in FIRST), frozenset())


def templates(page: EntityPage) -> list[str | Template]:
    """`entity-county.html`, …, `entity.html`: render_template renders the first that exists."""
    return [*(f"entity/entity-{key}.html" for key in kinds(page)), "entity/entity.html"]


def county(page: EntityPage) -> dict:
    """A county's supporting units with their categories and the line that pairs them; every unit said to
    support it is there, since the lists below the top leave them out."""
    anchors = {line["number"]: line["href"] for line in page.provenance}
    units: list[dict] = [
        {
            "unit": Value(r["unit"], str(r.get("unitLabel", r["nameInNotice"]))),
            "category": Value(r["category"], str(r.get("categoryLabel", ""))),
            "name_in_notice": str(r["nameInNotice"]),
            "line_number": int(r["lineNumber"]),
            "line_text": str(r["lineText"]),
            "line_href": anchors.get(int(r["lineNumber"])),
        }
        for r in data.rows("units-of-county", county=page.entry.iri)
    ]
    paired = {str(row["unit"].term) for row in units}
    for unit in page.out("dk:supportedBy") + page.incoming("dk:supports"):  # one with no pairing still shows
        if str(unit.term) not in paired:
            paired.add(str(unit.term))
            units.append({"unit": unit, "category": None, "name_in_notice": "", "line_number": None})
    return {"units": units}


def truth(term: Identifier) -> bool:
    """An xsd:boolean the query computed (BIND(EXISTS …)), as Python's."""
    return isinstance(term, Literal) and bool(term.toPython())


def divisions(page: EntityPage) -> dict:
    """A city's or province's divisions: cities, and counties with the units that support them; and its
    slice of the tile map (two more queries, shared with the home page and kept for the process)."""
    parts: dict[str, dict] = {}
    for r in data.rows("entity-division-parts", iri=page.entry.iri):
        part = parts.get(str(r["part"]))
        if part is None:  # its first row (one per supporting unit)
            part = parts[str(r["part"])] = {
                "part": Value(r["part"], str(r.get("partLabel", r["code"]))),
                "code": str(r["code"]),
                "is_city": truth(r["isCity"]),
                "is_recipient": truth(r["isRecipient"]),
                "city": Value(r["city"], str(r.get("cityLabel", ""))) if "city" in r else None,
                "units": [],
            }
        if "unit" in r and all(str(u.term) != str(r["unit"]) for u in part["units"]):
            part["units"].append(Value(r["unit"], str(r.get("unitLabel", r["unit"]))))
    counties = [p for p in parts.values() if not p["is_city"]]
    cities = [p for p in parts.values() if p["is_city"]]
    by_city: dict[str, list] = {}
    for county in counties:
        if county["city"]:
            by_city.setdefault(str(county["city"].term), []).append(county)
    for city in cities:
        city["counties"] = by_city.get(str(city["part"].term), [])
    stated = page.one("dk:statedRecipientCount")
    return {
        "tilemap": tilemap.of_notice(within=page.entry.iri, lang=g.get("lang", "zh")),
        "cities": cities,
        "counties": counties,
        "stated": int(stated.term) if stated else None,
        "recipients": sum(1 for c in counties if c["is_recipient"]),
    }


def neighbours(page: EntityPage) -> dict:
    """The lines before and after a line, with their text."""
    found = {}
    for r in data.rows("entity-line-neighbours", iri=page.entry.iri):
        found[str(r["position"])] = {
            "line": r["neighbour"],
            "number": int(r["number"]),
            "text": str(r["text"]),
        }
    return {
        "previous": found.get("previous"),
        "next": found.get("next"),
        "anchor": line_anchor(page.entry.iri),
    }


def section_lines(page: EntityPage) -> dict:
    """A section's own lines with their text."""
    lines = [
        {"line": r["line"], "number": int(r["lineNumber"]), "text": str(r["text"])}
        for r in data.rows("section-lines", iri=page.entry.iri)
    ]
    return {"lines": lines}


def notice_text(page: EntityPage) -> dict:
    """The notice's whole text as webui.pages.notice renders it (3 queries), with `#line-N` anchors."""
    from webui.pages.notice import load_notice

    return {"notice": load_notice(page.entry.iri)}


def extras(page: EntityPage) -> dict:
    """The one class-specific query of the page, if its kind has one."""
    found = kinds(page)
    if "county" in found:
        return county(page)
    if "city" in found or "province" in found:
        return divisions(page)
    if "line" in found:
        return neighbours(page)
    if "notice" in found:
        return notice_text(page)
    if "section" in found:
        return section_lines(page)
    if "unit" in found or "organization" in found:
        return changes(page)
    return {}
