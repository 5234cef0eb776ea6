"""Add what the linksets and the code history say about the entities: the former codes of the divisions, as
the code history records them, and the Wikidata items reviewers verified."""

from rdflib import RDF, SKOS, XSD, Literal
from rdflib.namespace import DCTERMS

from graph import iris
from graph.build.context import Builder, zh
from graph.build.documents import LINKSETS
from graph.inputs.reference import HistoryRow
from graph.inputs.tables import Row
from graph.namespaces import DK, WD
from graph.paths import relative


def emit_former_codes(b: Builder) -> None:
    """Each former code and other predecessor the divisions linkset names, as the code history records it."""
    current = {d.code: d for d in b.divisions.values()}
    listed: dict[str, Row] = {}
    for division in b.divisions.values():
        if division.link is not None:
            for code in division.link["former_codes"].split() + division.link["predecessors"].split():
                listed.setdefault(code, division.link)
    for code, link in sorted(listed.items()):
        if code in current:
            raise link.error(f"{code} is a former code and also the code of {current[code].row['name_zh']}")
        row = former_row(b, code, set(current) | set(listed), link)
        s = iris.division_code(code)
        with b.stating("areacodes"):
            b.add(s, RDF.type, DK.FormerDivisionCode)
            b.label(
                s,
                f"{row.name}（区划代码{code}，{row.first_year}—{row.changed_year}年）",
                f"Division code {code} ({row.first_year}–{row.changed_year})",
            )
            b.add(s, SKOS.notation, Literal(code))
            b.add(s, DK.recordedName, zh(row.name))
            b.add(s, DK.introducedIn, Literal(str(row.first_year), datatype=XSD.gYear))
            b.add(s, DK.withdrawnIn, Literal(str(row.changed_year), datatype=XSD.gYear))
            for successor in row.successors:
                if successor in current:
                    b.add(s, DK.replacedBy, current[successor].iri)
                elif successor in listed:
                    b.add(s, DK.replacedBy, iris.division_code(successor))
            b.add(s, DCTERMS.source, b.sources["areacodes"])


def former_row(b: Builder, code: str, in_graph: set[str], link: Row) -> HistoryRow:
    """The one withdrawn row of `code` in the code history that was replaced by a code of the graph."""
    rows = {
        r
        for rows in b.reference.predecessors.values()
        for r in rows
        if r.code == code and set(r.successors) & in_graph
    }
    if len(rows) != 1:
        raise link.error(
            f"{len(rows)} rows of {relative(b.reference.history_path)} replace {code} by a code of the graph"
        )
    return rows.pop()


def emit_wikidata_links(b: Builder) -> None:
    """skos:exactMatch to the Wikidata items of the `verified` rows of the Wikidata linkset, and no others."""
    ours = {
        str(s): s
        for klass in (DK.AdministrativeDivision, DK.SupportingUnit)
        for s in b.g.subjects(RDF.type, klass)
    }
    seen: dict[str, int] = {}
    for row in b.linksets.wikidata:
        subject = ours.get(row["subject"])
        if subject is None:
            raise row.error(f"{row['subject']} is not a division or unit of the graph")
        if zh(row["name_zh"]) not in set(b.g.objects(subject, SKOS.prefLabel)):
            raise row.error(f"{row['subject']} is not named {row['name_zh']!r}")
        if row["subject"] in seen:
            raise row.error(f"{row['subject']} is also on line {seen[row['subject']]}")
        seen[row["subject"]] = row.line
        if row["status"] == "verified":
            if not row["qid"] or not row["retrieved"]:
                raise row.error("a verified link has its item and the date it was retrieved")
            with b.stating(LINKSETS):
                b.add(subject, SKOS.exactMatch, WD[row["qid"]])
