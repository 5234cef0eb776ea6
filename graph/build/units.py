"""Add the supporting units of graph/tables/units.csv, which the documents name by their short names, and the
pairings each document establishes between its units and the recipient counties."""

from rdflib import RDF, SKOS, XSD, Literal
from rdflib.namespace import ORG

from graph import iris
from graph.build.context import Builder, notice_error, zh
from graph.build.documents import document_iri
from graph.inputs.notice import Notice
from graph.namespaces import DK


def emit_units(b: Builder) -> None:
    rows = b.tables["units"]
    slugs = {row["slug"] for row in rows}
    categories = {r["slug"] for r in b.concepts_in("unit-category")}
    for row in rows:
        if row["name_in_notice"] in b.units:
            raise row.error(
                f"name {row['name_in_notice']!r} is also on line {b.units[row['name_in_notice']].line}"
            )
        b.units[row["name_in_notice"]] = row
    named: dict[str, tuple[Notice, int]] = {}  # each name the documents use, where it is first used
    for n in b.notices:
        for p in n.pairings:
            for name in p.units:
                named.setdefault(name, (n, p.line))
    leads: dict[str, int] = {}  # each lead's place on the line that names the leads
    for n in b.notices:
        named.update(dict.fromkeys(n.leads.value, (n, n.leads.line)))
        for name, place in n.lead_positions.items():
            if leads.setdefault(name, place) != place:
                raise notice_error(
                    n,
                    n.leads.line,
                    f"{name!r} is lead {place} here but lead {leads[name]} in another document",
                )
    for name, (n, line) in named.items():
        if name not in b.units:
            raise notice_error(n, line, f"unit {name!r} has no row in graph/tables/units.csv")
    for row in rows:
        if row["name_in_notice"] not in named:
            raise row.error(f"unit {row['name_in_notice']!r} is not named in the notice")
        if row["category"] not in categories:
            raise row.error(f"category {row['category']!r} is not a unit-category concept")
        if row["administered_by"] and row["administered_by"] not in slugs:
            raise row.error(f"administered_by {row['administered_by']!r} is not a unit slug")
        s = iris.unit(row["slug"])
        with b.stating(named[row["name_in_notice"]][0]):  # what the document says: its name, its role
            b.add(s, RDF.type, DK.SupportingUnit)
            if row["name_in_notice"] in leads:
                b.add(s, RDF.type, DK.LeadDepartment)
                b.add(s, DK.leadPosition, position(leads[row["name_in_notice"]]))
            b.add(s, DK.nameInNotice, zh(row["name_in_notice"]))
            b.add(s, SKOS.altLabel, zh(row["name_in_notice"]))
        with b.stating(row):  # what the row's source says: who the unit is
            b.add(s, RDF.type, ORG.Organization)
            b.label(s, row["name_zh"], row["name_en"])
            if row["acronym"]:
                b.add(s, DK.acronym, Literal(row["acronym"]))
                b.add(s, SKOS.altLabel, Literal(row["acronym"]))
            b.add(s, DK.category, iris.concept("unit-category", row["category"]))
            if row["administered_by"]:
                b.add(s, DK.administeredBy, iris.unit(row["administered_by"]))
            b.source_of(s, row)
        b.mention_forms[row["name_in_notice"]] = s
        b.mention_forms.setdefault(row["name_zh"], s)


def position(place: int) -> Literal:
    """A 1-based place in the notice's order, as the ontology types it."""
    return Literal(place, datatype=XSD.positiveInteger)


def emit_assignments(b: Builder, n: Notice) -> None:
    """One dk:Assignment per unit of each pairing line, under the document's slug, derived from that line."""
    with b.stating(n):
        emit_pairings(b, n)


def emit_pairings(b: Builder, n: Notice) -> None:
    notice = document_iri(b, n)
    start, end = n.period.value
    zones = {row["name_zh"]: iris.zone(row["statistical_code"]) for row in b.tables["zones"]}
    for pairing in n.pairings:
        county = b.divisions[(pairing.county, pairing.city)]
        for name in pairing.units:
            row = b.units[name]
            unit, a = iris.unit(row["slug"]), iris.assignment(n.slug, row["slug"])
            b.add(a, RDF.type, DK.Assignment)
            b.add(a, DK.supportingUnit, unit)
            b.add(a, DK.recipient, county.iri)
            b.add(a, DK.establishedBy, notice)
            b.add(a, DK.phase, iris.phase(f"{start}-{end}"))
            b.add(a, DK.positionOnLine, position(pairing.positions[name]))
            b.label(
                a, f"{name}对口支援{pairing.county}", f"{row['name_en']} supports {county.row['name_en']}"
            )
            b.derived_from(a, n, pairing.line)
            if pairing.zone:
                if pairing.zone not in zones:
                    raise notice_error(
                        n, pairing.line, f"{pairing.zone!r} has no row in graph/tables/zones.csv"
                    )
                b.add(a, DK.includesArea, zones[pairing.zone])
            b.add(unit, DK.supports, county.iri)
            b.add(county.iri, DK.supportedBy, unit)
