"""Mutations of the built graph that the shapes must catch: assignments, documents, lines, the programme."""

from rdflib import RDF, XSD, Literal
from rdflib.namespace import DCTERMS, PROV
from shape_examples import (
    CURRENT_PHASE,
    GANZHOU,
    LINE,
    MOST_PAIRING,
    NDRC,
    NOTICE,
    OPINION,
    PLAN,
    SECTION,
    SLUG,
    ZHANGGONG,
    add,
    count,
    drop,
    rename,
    replace,
    row,
)

from graph import iris
from graph.namespaces import DK

MUTATIONS = [
    # assignments
    row(
        "assignment-bad-iri",
        rename(MOST_PAIRING, iris.assignment(SLUG, "MOST")),
        ("AssignmentShape", iris.assignment(SLUG, "MOST"), None),
    ),
    row(
        "assignment-without-unit",
        drop(MOST_PAIRING, DK.supportingUnit),
        ("AssignmentShape-supportingUnit", MOST_PAIRING, DK.supportingUnit),
    ),
    row(
        "assignment-to-a-city",
        replace(MOST_PAIRING, DK.recipient, GANZHOU),
        ("AssignmentShape-recipient", MOST_PAIRING, DK.recipient),
    ),
    row(
        "assignment-without-document",
        drop(MOST_PAIRING, DK.establishedBy),
        ("AssignmentShape-establishedBy", MOST_PAIRING, DK.establishedBy),
    ),
    row(
        "assignment-without-phase",
        drop(MOST_PAIRING, DK.phase),
        ("AssignmentShape-phase", MOST_PAIRING, DK.phase),
    ),
    row(
        "assignment-includes-a-county",
        add((MOST_PAIRING, DK.includesArea, ZHANGGONG)),
        ("AssignmentShape-includesArea", MOST_PAIRING, DK.includesArea),
    ),
    row(
        "assignment-without-provenance",
        drop(MOST_PAIRING, PROV.wasDerivedFrom),
        ("AssignmentShape-wasDerivedFrom", MOST_PAIRING, PROV.wasDerivedFrom),
    ),
    row(
        "assignment-from-wrong-line",
        replace(MOST_PAIRING, PROV.wasDerivedFrom, LINE),
        ("AssignmentMentionsShape", MOST_PAIRING, DK.supportingUnit),
        ("AssignmentMentionsShape", MOST_PAIRING, DK.recipient),
    ),
    # documents, sections, lines
    row(
        "opinion-without-en-title",
        drop(OPINION, DCTERMS.title, lang="en"),
        ("PolicyDocumentShape-title", OPINION, DCTERMS.title),
    ),
    row(
        "opinion-with-two-identifiers",
        add((OPINION, DCTERMS.identifier, Literal("国发〔2021〕4号"))),
        ("PolicyDocumentShape-identifier", OPINION, DCTERMS.identifier),
    ),
    row(
        "plan-without-source",
        drop(PLAN, DCTERMS.source),
        ("PolicyDocumentShape-source", PLAN, DCTERMS.source),
    ),
    row(
        "notice-without-identifier",
        drop(NOTICE, DCTERMS.identifier),
        ("NoticeShape-identifier", NOTICE, DCTERMS.identifier),
    ),
    row(
        "notice-date-as-string",
        replace(NOTICE, DCTERMS.issued, Literal("2021-04-21")),
        ("NoticeShape-issued", NOTICE, DCTERMS.issued),
    ),
    row("notice-without-issuer", drop(NOTICE, DK.issuer), ("NoticeShape-issuer", NOTICE, DK.issuer)),
    row(
        "notice-without-plan", drop(NOTICE, DK.issuesPlan), ("NoticeShape-issuesPlan", NOTICE, DK.issuesPlan)
    ),
    row("notice-without-lines", drop(NOTICE, DK.hasLine), ("NoticeShape-hasLine", NOTICE, DK.hasLine)),
    row(
        "notice-states-64-units",
        replace(NOTICE, DK.statedUnitCount, count(64)),
        ("NoticeShape-statedUnitCount", NOTICE, DK.statedUnitCount),
        ("NoticeTotalsShape", NOTICE, DK.statedUnitCount),
    ),
    row(
        "notice-states-44-counties",
        replace(NOTICE, DK.statedRecipientCount, count(44)),
        ("NoticeShape-statedRecipientCount", NOTICE, DK.statedRecipientCount),
        ("NoticeTotalsShape", NOTICE, DK.statedRecipientCount),
    ),
    row(
        "notice-states-3-leads",
        replace(NOTICE, DK.statedLeadCount, count(3)),
        ("NoticeShape-statedLeadCount", NOTICE, DK.statedLeadCount),
        ("NoticeTotalsShape", NOTICE, DK.statedLeadCount),
    ),
    row(
        "notice-states-60-paired",
        replace(NOTICE, DK.statedPairedUnitCount, count(60)),
        ("NoticeShape-statedPairedUnitCount", NOTICE, DK.statedPairedUnitCount),
        ("NoticeTotalsShape", NOTICE, DK.statedPairedUnitCount),
    ),
    row(
        "unit-no-longer-lead",
        drop(NDRC, RDF.type, DK.LeadDepartment),
        ("NoticeTotalsShape", NOTICE, DK.statedLeadCount),
        ("PairedUnitShape", NDRC, None),
    ),
    row(
        "plan-outside-notice",
        drop(PLAN, DCTERMS.isPartOf),
        ("WorkPlanShape-isPartOf", PLAN, DCTERMS.isPartOf),
    ),
    row(
        "plan-implements-nothing",
        drop(PLAN, DK.implements),
        ("WorkPlanShape-implements", PLAN, DK.implements),
    ),
    row(
        "plan-without-sections", drop(PLAN, DK.hasSection), ("WorkPlanShape-hasSection", PLAN, DK.hasSection)
    ),
    row(
        "opinion-without-identifier",
        drop(OPINION, DCTERMS.identifier),
        ("OpinionShape-identifier", OPINION, DCTERMS.identifier),
    ),
    row("opinion-without-issuer", drop(OPINION, DK.issuer), ("OpinionShape-issuer", OPINION, DK.issuer)),
    row(
        "section-without-heading-line",
        drop(SECTION, DK.headingLine),
        ("SectionShape-headingLine", SECTION, DK.headingLine),
    ),
    row(
        "section-without-number",
        drop(SECTION, DK.sectionNumber),
        ("SectionShape-sectionNumber", SECTION, DK.sectionNumber),
    ),
    row(
        "section-order-as-integer",
        replace(SECTION, DK.order, Literal(1)),
        ("SectionShape-order", SECTION, DK.order),
    ),
    row(
        "section-without-en-title",
        drop(SECTION, DCTERMS.title, lang="en"),
        ("SectionShape-title", SECTION, DCTERMS.title),
    ),
    row(
        "section-without-parent",
        drop(SECTION, DCTERMS.isPartOf),
        ("SectionShape-isPartOf", SECTION, DCTERMS.isPartOf),
    ),
    row("line-numbered-0", rename(LINE, iris.line(SLUG, 0)), ("LineShape", iris.line(SLUG, 0), None)),
    row(
        "line-number-as-integer",
        replace(LINE, DK.lineNumber, Literal(23)),
        ("LineShape-lineNumber", LINE, DK.lineNumber),
    ),
    row(
        "line-text-in-english",
        replace(LINE, DK.text, Literal("SASAC, NMPA: Zhanggong", lang="en")),
        ("LineShape-text", LINE, DK.text),
    ),
    row(
        "line-outside-document", drop(LINE, DCTERMS.isPartOf), ("LineShape-isPartOf", LINE, DCTERMS.isPartOf)
    ),
    # programme
    row(
        "programme-without-provenance",
        drop(iris.programme(), PROV.wasDerivedFrom),
        ("ProgrammeShape-wasDerivedFrom", iris.programme(), PROV.wasDerivedFrom),
    ),
    row(
        "phase-outside-programme",
        drop(CURRENT_PHASE, DK.phaseOf),
        ("ProgrammePhaseShape-phaseOf", CURRENT_PHASE, DK.phaseOf),
    ),
    row(
        "phase-start-as-integer",
        replace(CURRENT_PHASE, DK.startYear, Literal(2021)),
        ("ProgrammePhaseShape-startYear", CURRENT_PHASE, DK.startYear),
    ),
    row(
        "phase-with-two-ends",
        add((CURRENT_PHASE, DK.endYear, Literal("2035", datatype=XSD.gYear))),
        ("ProgrammePhaseShape-endYear", CURRENT_PHASE, DK.endYear),
    ),
]
