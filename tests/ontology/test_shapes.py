"""The SHACL shapes: the built graph conforms, the shapes are valid SHACL, and every shape fires on bad data.

Each row of MUTATIONS copies the built graph, breaks one thing and names the results it expects in the report
graph as (shape, focus node, result path); a path of None means any path (inverse and sequence paths are blank
nodes). For speed a mutated graph is validated against the shapes graph cut down to the node shapes of those
results and all they reference (`shapes_for`): a shape's results do not depend on the other shapes, and the
full run is test_built_graph_conforms. pySHACL's own options are no shortcut: in 0.40 `focus_nodes` also
filters the value nodes that sh:node checks (the nested shape passes unchecked), and `use_shapes` skips the
property shapes and sh:node shapes that have IRIs.
"""

from collections.abc import Callable

import pyshacl
import pytest
from pyshacl.entrypoints import meta_validate
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SH, VOID

from graph import iris
from graph.build.validate import validate
from graph.namespaces import DK
from graph.paths import SHAPES

DKS = Namespace("https://w3id.org/duikou/shapes#")
Mutation = Callable[[Graph], None]
Expected = tuple[str, URIRef, URIRef | None]

SLUG = "guobanfa-2021-15"  # the notice of the real build, whose graph the examples change
NOTICE, PLAN = iris.document(SLUG), iris.document(f"{SLUG}-plan")
OPINION = iris.document("guofa-2021-3")
JIANGXI, GANZHOU, LONGYAN = iris.division("360000"), iris.division("360700"), iris.division("350800")
NANCHANG = iris.division("360100")  # not in the graph
ZHANGGONG, GANXIAN, JIZHOU = iris.division("360702"), iris.division("360704"), iris.division("360802")
NDRC, MOST, STA = iris.unit("ndrc"), iris.unit("most"), iris.unit("sta")
NMPA, NATCM = iris.unit("nmpa"), iris.unit("natcm")
MOST_PAIRING, STA_PAIRING = iris.assignment(SLUG, "most"), iris.assignment(SLUG, "sta")
BUSINESS = iris.concept("task-type", "business-environment")
ZONE, SECTION, LINE = iris.zone("360702400"), iris.section(SLUG, "2-1"), iris.line(SLUG, 23)
CURRENT_PHASE, NBS = iris.phase("2021-2030"), iris.source("nbs-2023")
STATE_COUNCIL = iris.organization("state-council")
DISTRICT = iris.concept("county-type", "district")
LONGNAN, LONGNAN_COUNTY = (
    iris.division("360783"),
    iris.division_code("360727"),
)  # 龙南县 360727 → 龙南市 360783
LONGNAN_ENTRY = iris.nbs_entry("360783")


# -- helpers ---------------------------------------------------------------------------------------------


def results(report: Graph) -> set[tuple]:
    """The (sh:sourceShape, sh:focusNode, sh:resultPath) of each sh:result of a report (not its sh:detail)."""
    return {
        (report.value(r, SH.sourceShape), report.value(r, SH.focusNode), report.value(r, SH.resultPath))
        for r in report.objects(None, SH.result)
        if (r, RDF.type, SH.ValidationResult) in report
    }


def count(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def drop(s, p, o=None, lang: str | None = None) -> Mutation:
    """Remove the matching triples (only the values in `lang`, if given); fail if there were none."""

    def mutate(g: Graph) -> None:
        matches = [t for t in g.triples((s, p, o)) if lang is None or getattr(t[2], "language", "") == lang]
        assert matches, f"nothing to drop: {s} {p} {o}"
        for triple in matches:
            g.remove(triple)

    return mutate


def add(*triples) -> Mutation:
    def mutate(g: Graph) -> None:
        for triple in triples:
            g.add(triple)

    return mutate


def replace(s, p, o) -> Mutation:
    """Give `s` the single value `o` for `p` instead of the values it has."""
    return both(drop(s, p), add((s, p, o)))


def rename(old: URIRef, new: URIRef) -> Mutation:
    """Mint `new` for `old` wherever it occurs."""

    def mutate(g: Graph) -> None:
        triples = [t for t in g if old in t]
        assert triples, f"{old} is not in the graph"
        for t in triples:
            g.remove(t)
            g.add(tuple(new if term == old else term for term in t))

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(g: Graph) -> None:
        for m in mutations:
            m(g)

    return mutate


def drop_pairing(assignment: URIRef, unit: URIRef, county: URIRef) -> Mutation:
    """Remove an assignment and its dk:supports / dk:supportedBy shortcuts."""
    return both(drop(assignment, None), drop(unit, DK.supports, county), drop(county, DK.supportedBy, unit))


def pairing(assignment: URIRef, unit: URIRef, county: URIRef, line: URIRef) -> Mutation:
    """Add a complete assignment of `unit` to `county`, with its labels and shortcuts."""
    labels = [
        (assignment, p, Literal(text, lang=lang))
        for p in (SKOS.prefLabel, RDFS.label)
        for text, lang in (("另一结对", "zh"), ("another pairing", "en"))
    ]
    return add(
        (assignment, RDF.type, DK.Assignment),
        (assignment, DK.supportingUnit, unit),
        (assignment, DK.recipient, county),
        (assignment, DK.establishedBy, NOTICE),
        (assignment, DK.phase, CURRENT_PHASE),
        (assignment, PROV.wasDerivedFrom, line),
        (unit, DK.supports, county),
        (county, DK.supportedBy, unit),
        *labels,
    )


# -- the mutations ---------------------------------------------------------------------------------------


def row(name: str, mutation: Mutation, *expected: Expected):
    return pytest.param(mutation, expected, id=name)


MUTATIONS = [
    # labels and sources
    row(
        "county-without-en-preflabel",
        drop(ZHANGGONG, SKOS.prefLabel, lang="en"),
        ("LabelledEntityShape-prefLabel", ZHANGGONG, SKOS.prefLabel),
    ),
    row(
        "unit-with-second-en-label",
        add((MOST, RDFS.label, Literal("MOST", lang="en"))),
        ("LabelledEntityShape-label", MOST, RDFS.label),
    ),
    row(
        "source-not-a-source",
        replace(ZHANGGONG, DCTERMS.source, NOTICE),
        ("SourcedEntityShape-source", ZHANGGONG, DCTERMS.source),
    ),
    # organisations and units
    row(
        "organization-bad-iri",
        rename(STATE_COUNCIL, iris.organization("State_Council")),
        ("OrganizationShape", iris.organization("State_Council"), None),
    ),
    row(
        "organization-without-source",
        drop(STATE_COUNCIL, DCTERMS.source),
        ("OrganizationShape-source", STATE_COUNCIL, DCTERMS.source),
    ),
    row(
        "unit-bad-slug", rename(MOST, iris.unit("MoST_2")), ("SupportingUnitShape", iris.unit("MoST_2"), None)
    ),
    row(
        "unit-name-in-notice-in-english",
        replace(MOST, DK.nameInNotice, Literal("MOST", lang="en")),
        ("SupportingUnitShape-nameInNotice", MOST, DK.nameInNotice),
    ),
    row(
        "unit-acronym-with-language",
        replace(MOST, DK.acronym, Literal("MOST", lang="en")),
        ("SupportingUnitShape-acronym", MOST, DK.acronym),
    ),
    row(
        "unit-category-from-other-scheme",
        replace(MOST, DK.category, DISTRICT),
        ("SupportingUnitShape-category", MOST, DK.category),
    ),
    row(
        "unit-administered-by-non-unit",
        replace(NMPA, DK.administeredBy, STATE_COUNCIL),
        ("SupportingUnitShape-administeredBy", NMPA, DK.administeredBy),
    ),
    row(
        "unit-supports-a-city",
        add((MOST, DK.supports, GANZHOU), (GANZHOU, DK.supportedBy, MOST)),
        ("SupportingUnitShape-supports", MOST, DK.supports),
    ),
    row(
        "unit-with-second-county",
        pairing(iris.assignment(SLUG, "most-2"), MOST, ZHANGGONG, LINE),
        ("PairedUnitShape", MOST, None),
    ),
    row(
        "supports-without-inverse",
        drop(ZHANGGONG, DK.supportedBy, NMPA),
        ("SupportingUnitShape-supportsInverse", NMPA, None),
        ("CountyShape-supportedByInverse", ZHANGGONG, None),
    ),
    row(
        "supported-by-without-inverse",
        drop(NMPA, DK.supports, ZHANGGONG),
        ("CountyShape-supportedByInverse", ZHANGGONG, None),
        ("PairedUnitShape", NMPA, None),
    ),
    row(
        "assignment-disagrees-with-supports",
        replace(MOST_PAIRING, DK.recipient, ZHANGGONG),
        ("SupportingUnitShape-supportsAssignments", MOST, None),
        ("RecipientCountyShape-supportedByAssignments", ZHANGGONG, None),
        ("RecipientCountyShape-supportedByAssignments", GANXIAN, None),
    ),
    row(
        "unit-without-provenance",
        drop(MOST, PROV.wasDerivedFrom),
        ("SupportingUnitShape-wasDerivedFrom", MOST, PROV.wasDerivedFrom),
    ),
    row(
        "lead-given-county",
        add((NDRC, DK.supports, ZHANGGONG), (ZHANGGONG, DK.supportedBy, NDRC)),
        ("LeadDepartmentShape-supports", NDRC, DK.supports),
    ),
    row(
        "lead-given-assignment",
        pairing(iris.assignment(SLUG, "ndrc"), NDRC, ZHANGGONG, LINE),
        ("LeadDepartmentShape-assignment", NDRC, None),
    ),
    row("lead-without-duty", drop(NDRC, DK.hasDuty), ("LeadDepartmentShape-hasDuty", NDRC, DK.hasDuty)),
    row(
        "drop-pairing",
        drop_pairing(STA_PAIRING, STA, JIZHOU),
        ("PairedUnitShape", STA, None),
        ("RecipientCountyShape-supportedBy", JIZHOU, DK.supportedBy),
        ("RecipientCountyShape-assignment", JIZHOU, None),
        ("NoticeTotalsShape", NOTICE, DK.statedPairedUnitCount),
    ),
    row(
        "administered-by-administered-bureau",
        replace(NMPA, DK.administeredBy, NATCM),
        ("AdministeredUnitShape-administeredBy", NMPA, DK.administeredBy),
    ),
    row(
        "ministry-administered",
        add((MOST, DK.administeredBy, NDRC)),
        ("AdministeredUnitShape-category", MOST, DK.category),
    ),
    row(
        "national-bureau-without-administrator",
        drop(NMPA, DK.administeredBy),
        ("NationalBureauShape", NMPA, DK.administeredBy),
    ),
    # divisions
    row(
        "division-bad-iri",
        rename(ZHANGGONG, iris.division("zhanggong")),
        ("AdministrativeDivisionShape", iris.division("zhanggong"), None),
    ),
    row(
        "county-without-code",
        drop(ZHANGGONG, SKOS.notation),
        ("AdministrativeDivisionShape-notation", ZHANGGONG, SKOS.notation),
    ),
    row(
        "county-seven-digit-code",
        replace(ZHANGGONG, SKOS.notation, Literal("3607020")),
        ("AdministrativeDivisionShape-notation", ZHANGGONG, SKOS.notation),
    ),
    row(
        "county-code-as-integer",
        replace(ZHANGGONG, SKOS.notation, Literal(360702)),
        ("AdministrativeDivisionShape-notation", ZHANGGONG, SKOS.notation),
    ),
    row(
        "division-without-source",
        drop(ZHANGGONG, DCTERMS.source),
        ("AdministrativeDivisionShape-source", ZHANGGONG, DCTERMS.source),
    ),
    row(
        "province-code-not-0000",
        replace(JIANGXI, SKOS.notation, Literal("360100")),
        ("ProvinceShape-notation", JIANGXI, SKOS.notation),
    ),
    row(
        "city-code-0000",
        replace(GANZHOU, SKOS.notation, Literal("360000")),
        ("PrefectureCityShape-notation", GANZHOU, SKOS.notation),
    ),
    row(
        "city-without-province",
        drop(GANZHOU, DK.inProvince),
        ("PrefectureCityShape-inProvince", GANZHOU, DK.inProvince),
    ),
    row(
        "city-count-as-integer",
        replace(GANZHOU, DK.statedRecipientCount, Literal(18)),
        ("PrefectureCityShape-statedRecipientCount", GANZHOU, DK.statedRecipientCount),
    ),
    row(
        "county-code-ends-00",
        replace(ZHANGGONG, SKOS.notation, Literal("360700")),
        ("CountyShape-notation", ZHANGGONG, SKOS.notation),
    ),
    row("county-without-city", drop(ZHANGGONG, DK.inCity), ("CountyShape-inCity", ZHANGGONG, DK.inCity)),
    row(
        "county-in-two-provinces",
        add((ZHANGGONG, DK.inProvince, iris.division("350000"))),
        ("CountyShape-inProvince", ZHANGGONG, DK.inProvince),
    ),
    row(
        "county-city-in-other-province",
        replace(ZHANGGONG, DK.inCity, LONGYAN),
        ("CountyShape-cityProvince", ZHANGGONG, None),
        ("CountyCodePrefixShape", ZHANGGONG, DK.inCity),
    ),
    row(
        "county-without-type",
        drop(ZHANGGONG, DK.countyType),
        ("CountyShape-countyType", ZHANGGONG, DK.countyType),
    ),
    row(
        "county-without-provenance",
        drop(ZHANGGONG, PROV.wasDerivedFrom),
        ("RecipientCountyShape-wasDerivedFrom", ZHANGGONG, PROV.wasDerivedFrom),
    ),
    row(
        "county-wrong-code-prefix",
        replace(ZHANGGONG, SKOS.notation, Literal("361002")),
        ("CountyCodePrefixShape", ZHANGGONG, DK.inCity),
    ),
    row(
        "city-wrong-code-prefix",
        replace(GANZHOU, SKOS.notation, Literal("350700")),
        ("CityCodePrefixShape", GANZHOU, DK.inProvince),
    ),
    row(
        "ganzhou-stated-17",
        replace(GANZHOU, DK.statedRecipientCount, count(17)),
        ("CityRecipientCountShape", GANZHOU, DK.statedRecipientCount),
    ),
    row(
        "city-stated-count-without-counties",
        add((NANCHANG, RDF.type, DK.PrefectureCity), (NANCHANG, DK.statedRecipientCount, count(1))),
        ("CityRecipientCountShape", NANCHANG, DK.statedRecipientCount),
    ),
    row(
        "zone-eight-digit-code",
        replace(ZONE, DK.statisticalCode, Literal("36070240")),
        ("DevelopmentZoneShape-statisticalCode", ZONE, DK.statisticalCode),
    ),
    row(
        "zone-outside-divisions",
        drop(ZONE, DK.withinDivision),
        ("DevelopmentZoneShape-withinDivision", ZONE, DK.withinDivision),
    ),
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
    # sources, concepts, quotes
    row(
        "source-bad-iri", rename(NBS, iris.source("NBS_2023")), ("SourceShape", iris.source("NBS_2023"), None)
    ),
    row(
        "source-without-publisher",
        drop(NBS, DCTERMS.publisher),
        ("SourceShape-publisher", NBS, DCTERMS.publisher),
    ),
    row(
        "concept-without-scheme",
        drop(BUSINESS, SKOS.inScheme),
        ("ConceptShape-inScheme", BUSINESS, SKOS.inScheme),
    ),
    row(
        "concept-without-en-definition",
        drop(BUSINESS, SKOS.definition, lang="en"),
        ("ConceptShape-definition", BUSINESS, SKOS.definition),
    ),
    row(
        "concept-broader-than-county",
        add((BUSINESS, SKOS.broader, ZHANGGONG)),
        ("ConceptShape-broader", BUSINESS, SKOS.broader),
    ),
    row(
        "concept-without-source",
        drop(BUSINESS, DCTERMS.source),
        ("ConceptShape-source", BUSINESS, DCTERMS.source),
    ),
    row(
        "scheme-without-top-concept",
        drop(iris.scheme("task-type"), SKOS.hasTopConcept),
        ("ConceptSchemeShape-hasTopConcept", iris.scheme("task-type"), SKOS.hasTopConcept),
    ),
    row(
        "quote-in-english",
        replace(BUSINESS, DK.quote, Literal("营商环境营造", lang="en")),
        ("QuotedEntityShape-quote", BUSINESS, DK.quote),
    ),
    row(
        "quoted-concept-without-provenance",
        drop(BUSINESS, PROV.wasDerivedFrom),
        ("QuotedEntityShape-wasDerivedFrom", BUSINESS, PROV.wasDerivedFrom),
        ("QuoteOnLineShape", BUSINESS, DK.quote),
    ),
    row(
        "quote-not-on-its-line",
        replace(BUSINESS, DK.quote, Literal("营商环境优化", lang="zh")),
        ("QuoteOnLineShape", BUSINESS, DK.quote),
    ),
    row(
        "zone-quote-not-on-its-line",
        replace(ZONE, PROV.wasDerivedFrom, iris.line(SLUG, 24)),
        ("QuoteOnLineShape", ZONE, DK.quote),
    ),
    # division codes: the statistical code, the code list entry, former codes
    row(
        "division-statistical-code-of-six-digits",
        replace(LONGNAN, DK.statisticalCode, Literal("360783")),
        ("AdministrativeDivisionShape-statisticalCode", LONGNAN, DK.statisticalCode),
    ),
    row(
        "division-statistical-code-of-another-division",
        replace(LONGNAN, DK.statisticalCode, Literal("360727000000")),
        ("DivisionCodesAgreeShape", LONGNAN, DK.statisticalCode),
    ),
    row(
        "division-without-code-list-entry",
        drop(LONGNAN, DK.codeListEntry),
        ("AdministrativeDivisionShape-codeListEntry", LONGNAN, DK.codeListEntry),
    ),
    row(
        "division-entry-of-another-code",
        replace(LONGNAN, DK.codeListEntry, iris.nbs_entry("360702")),
        ("DivisionCodesAgreeShape", LONGNAN, DK.codeListEntry),
    ),
    row(
        "division-former-code-is-a-division",
        add((LONGNAN, DK.formerCode, GANZHOU)),
        ("AdministrativeDivisionShape-formerCode", LONGNAN, DK.formerCode),
    ),
    row(
        "division-former-code-of-another-division",
        add((LONGNAN, DK.formerCode, iris.division_code("360721"))),
        ("DivisionCodesAgreeShape", LONGNAN, DK.formerCode),
    ),
    row(
        "former-code-bad-iri",
        rename(LONGNAN_COUNTY, iris.division_code("0727")),
        ("FormerDivisionCodeShape", iris.division_code("0727"), None),
    ),
    row(
        "former-code-notation-as-integer",
        replace(LONGNAN_COUNTY, SKOS.notation, Literal(360727)),
        ("FormerDivisionCodeShape-notation", LONGNAN_COUNTY, SKOS.notation),
    ),
    row(
        "former-code-name-in-english",
        replace(LONGNAN_COUNTY, DK.recordedName, Literal("Longnan", lang="en")),
        ("FormerDivisionCodeShape-recordedName", LONGNAN_COUNTY, DK.recordedName),
    ),
    row(
        "former-code-without-year-of-introduction",
        drop(LONGNAN_COUNTY, DK.introducedIn),
        ("FormerDivisionCodeShape-introducedIn", LONGNAN_COUNTY, DK.introducedIn),
    ),
    row(
        "former-code-withdrawn-as-integer",
        replace(LONGNAN_COUNTY, DK.withdrawnIn, Literal(2020)),
        ("FormerDivisionCodeShape-withdrawnIn", LONGNAN_COUNTY, DK.withdrawnIn),
    ),
    row(
        "former-code-replaced-by-a-unit",
        replace(LONGNAN_COUNTY, DK.replacedBy, MOST),
        ("FormerDivisionCodeShape-replacedBy", LONGNAN_COUNTY, DK.replacedBy),
        ("DivisionCodesAgreeShape", LONGNAN, DK.formerCode),
    ),
    row(
        "former-code-withdrawn-before-introduced",
        replace(LONGNAN_COUNTY, DK.withdrawnIn, Literal("1990", datatype=XSD.gYear)),
        ("FormerCodeYearsShape", LONGNAN_COUNTY, DK.withdrawnIn),
    ),
    row(
        "code-entry-bad-iri",
        rename(LONGNAN_ENTRY, iris.nbs_entry("360783000000")),
        ("CodeListEntryShape", iris.nbs_entry("360783000000"), None),
    ),
    row(
        "code-entry-without-notation",
        drop(LONGNAN_ENTRY, SKOS.notation),
        ("CodeListEntryShape-notation", LONGNAN_ENTRY, SKOS.notation),
        ("DivisionCodesAgreeShape", LONGNAN, DK.codeListEntry),
    ),
    row(
        "code-entry-statistical-code-of-six-digits",
        replace(LONGNAN_ENTRY, DK.statisticalCode, Literal("360783")),
        ("CodeListEntryShape-statisticalCode", LONGNAN_ENTRY, DK.statisticalCode),
    ),
    row(
        "code-entry-name-without-language",
        replace(LONGNAN_ENTRY, DK.recordedName, Literal("龙南市")),
        ("CodeListEntryShape-recordedName", LONGNAN_ENTRY, DK.recordedName),
    ),
    row(
        "code-entry-in-two-datasets",
        add((LONGNAN_ENTRY, VOID.inDataset, iris.dataset("wikidata"))),
        ("CodeListEntryShape-inDataset", LONGNAN_ENTRY, VOID.inDataset),
    ),
    # links
    row(
        "exact-match-outside-wikidata",
        add((LONGNAN, SKOS.exactMatch, URIRef("https://example.org/longnan"))),
        ("ExactMatchShape-exactMatch", LONGNAN, SKOS.exactMatch),
    ),
    row(
        "document-published-in-two-zh-places",
        add((NOTICE, DK.publishedIn, Literal("另一平台", lang="zh"))),
        ("PolicyDocumentShape-publishedIn", NOTICE, DK.publishedIn),
    ),
]


# -- fixtures --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def shape_iris(shapes: Graph) -> set[URIRef]:
    """Every node shape, property shape and SPARQL constraint of the shapes graph."""
    kinds = (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
    return {s for kind in kinds for s in shapes.subjects(RDF.type, kind)}


def checked_shapes(shapes: Graph) -> set[URIRef]:
    """The shapes that can be the sh:sourceShape of a result: the node shapes with a target that constrain
    their focus node themselves, and the property shapes of node shapes with a target."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    not_constraints = {*targets, RDF.type, SH.property, SH.message, SH.severity}
    targeted = {s for t in targets for s in shapes.subjects(t, None)}
    own = {s for s in targeted if set(shapes.predicates(s, None)) - not_constraints}
    return own | {p for s in targeted for p in shapes.objects(s, SH.property)}


def owner(shapes: Graph, shape: URIRef) -> URIRef:
    """The node shape that `shape` is a property shape of, or `shape` itself."""
    return shapes.value(None, SH.property, shape) or shape


def shapes_for(shapes: Graph, roots: set[URIRef]) -> Graph:
    """The part of `shapes` that describes `roots`: their triples and those of every node they lead to."""
    part, todo, seen = Graph(), list(roots), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            part.add((node, p, o))
            todo.append(o)
    return part


# -- tests -----------------------------------------------------------------------------------------------


def test_built_graph_conforms(built_graph, shapes):
    report = validate(built_graph, shapes)
    assert report.conforms, report.text


def test_shapes_pass_meta_validation(shapes):
    conforms, _, text = meta_validate(shapes)
    assert conforms, text


def test_every_shape_has_zh_and_en_message_and_violation_severity(shapes):
    for shape in shape_iris(shapes):
        assert isinstance(shape, URIRef) and shape in DKS, f"{shape} has no dks: IRI"
        languages = sorted(m.language or "" for m in shapes.objects(shape, SH.message))
        assert languages == ["en", "zh"], shape
        assert list(shapes.objects(shape, SH.severity)) == [SH.Violation], shape


def test_only_shacl_core_and_sparql(shapes):
    advanced = {SH[name] for name in ("rule", "target", "js", "jsFunctionName", "condition", "entailment")}
    assert not {p for _, p, _ in shapes} & advanced


def test_every_class_of_the_graph_has_a_node_shape_of_its_own(built_graph, shapes):
    own = {
        next(iter(targets))
        for shape in shapes.subjects(RDF.type, SH.NodeShape)
        if len(targets := set(shapes.objects(shape, SH.targetClass))) == 1
    }
    assert set(built_graph.objects(None, RDF.type)) - own == set()


def test_every_shape_has_a_mutation(shapes):
    from test_order_shape import MUTATIONS as ORDER  # the order shapes' rows, in a module of their own

    tested = {DKS[name] for param in [*MUTATIONS, *ORDER] for name, _, _ in param.values[1]}
    assert checked_shapes(shapes) - tested == set()
    assert tested - checked_shapes(shapes) == set(), "a row names a shape that cannot report"


@pytest.mark.parametrize("mutate, expected", MUTATIONS)
def test_shape_fires(built_graph, shapes, mutate, expected):
    g = Graph()
    g += built_graph
    mutate(g)
    part = shapes_for(shapes, {owner(shapes, DKS[name]) for name, _, _ in expected})
    conforms, report, _ = pyshacl.validate(g, shacl_graph=part, inference="none")
    found = results(report)
    assert not conforms
    for name, node, path in expected:
        hit = any(shape == DKS[name] and f == node and path in (None, p) for shape, f, p in found)
        assert hit, f"no result from {name} on {node} {path or ''}; found: {sorted(found)}"
