"""The rows of test_shape_fires.py that break the record: documents, sections and lines, the programme,
sources and concepts, division codes, links. How a row reads: shape_mutations.row."""

from rdflib import RDF, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, VOID
from shape_mutations import (
    BUSINESS,
    CURRENT_PHASE,
    GANZHOU,
    LINE,
    LONGNAN,
    LONGNAN_COUNTY,
    LONGNAN_ENTRY,
    MOST,
    NBS,
    NDRC,
    NOTICE,
    OPINION,
    PLAN,
    SECTION,
    SLUG,
    ZHANGGONG,
    ZONE,
    add,
    count,
    drop,
    rename,
    replace,
    row,
)

from graph import iris
from graph.namespaces import DK

DOCUMENT_ROWS = [
    # documents, sections, lines
    row("opinion-without-en-title", drop(OPINION, DCTERMS.title, lang="en"), "PolicyDocumentShape-title"),
    row(
        "opinion-with-two-identifiers",
        add((OPINION, DCTERMS.identifier, Literal("国发〔2021〕4号"))),
        "PolicyDocumentShape-identifier",
    ),
    row("plan-without-source", drop(PLAN, DCTERMS.source), "PolicyDocumentShape-source"),
    row("notice-without-identifier", drop(NOTICE, DCTERMS.identifier), "NoticeShape-identifier"),
    row(
        "notice-date-as-string", replace(NOTICE, DCTERMS.issued, Literal("2021-04-21")), "NoticeShape-issued"
    ),
    row("notice-without-issuer", drop(NOTICE, DK.issuer), "NoticeShape-issuer"),
    row("notice-without-plan", drop(NOTICE, DK.issuesPlan), "NoticeShape-issuesPlan"),
    row("notice-without-lines", drop(NOTICE, DK.hasLine), "NoticeShape-hasLine"),
    row(
        "notice-states-64-units",
        replace(NOTICE, DK.statedUnitCount, count(64)),
        "NoticeShape-statedUnitCount",
        "NoticeTotalsShape",
    ),
    row(
        "notice-states-44-counties",
        replace(NOTICE, DK.statedRecipientCount, count(44)),
        "NoticeShape-statedRecipientCount",
        "NoticeTotalsShape",
    ),
    row(
        "notice-states-3-leads",
        replace(NOTICE, DK.statedLeadCount, count(3)),
        "NoticeShape-statedLeadCount",
        "NoticeTotalsShape",
    ),
    row(
        "notice-states-60-paired",
        replace(NOTICE, DK.statedPairedUnitCount, count(60)),
        "NoticeShape-statedPairedUnitCount",
        "NoticeTotalsShape",
    ),
    row(
        "unit-no-longer-lead",
        drop(NDRC, RDF.type, DK.LeadDepartment),
        ("NoticeTotalsShape", NOTICE, DK.statedLeadCount),
        ("PairedUnitShape", NDRC, None),
    ),
    row("plan-outside-notice", drop(PLAN, DCTERMS.isPartOf), "WorkPlanShape-isPartOf"),
    row("plan-implements-nothing", drop(PLAN, DK.implements), "WorkPlanShape-implements"),
    row("plan-without-sections", drop(PLAN, DK.hasSection), "WorkPlanShape-hasSection"),
    row("opinion-without-identifier", drop(OPINION, DCTERMS.identifier), "OpinionShape-identifier"),
    row("opinion-without-issuer", drop(OPINION, DK.issuer), "OpinionShape-issuer"),
    row("section-without-heading-line", drop(SECTION, DK.headingLine), "SectionShape-headingLine"),
    row("section-without-number", drop(SECTION, DK.sectionNumber), "SectionShape-sectionNumber"),
    row("section-order-as-integer", replace(SECTION, DK.order, Literal(1)), "SectionShape-order"),
    row("section-without-en-title", drop(SECTION, DCTERMS.title, lang="en"), "SectionShape-title"),
    row("section-without-parent", drop(SECTION, DCTERMS.isPartOf), "SectionShape-isPartOf"),
    row("line-numbered-0", rename(LINE, iris.line(SLUG, 0)), "LineShape"),
    row("line-number-as-integer", replace(LINE, DK.lineNumber, Literal(23)), "LineShape-lineNumber"),
    row(
        "line-text-in-english",
        replace(LINE, DK.text, Literal("SASAC, NMPA: Zhanggong", lang="en")),
        "LineShape-text",
    ),
    row("line-outside-document", drop(LINE, DCTERMS.isPartOf), "LineShape-isPartOf"),
    # programme
    row(
        "programme-without-provenance",
        drop(iris.programme(), PROV.wasDerivedFrom),
        "ProgrammeShape-wasDerivedFrom",
    ),
    row("phase-outside-programme", drop(CURRENT_PHASE, DK.phaseOf), "ProgrammePhaseShape-phaseOf"),
    row(
        "phase-start-as-integer",
        replace(CURRENT_PHASE, DK.startYear, Literal(2021)),
        "ProgrammePhaseShape-startYear",
    ),
    row(
        "phase-with-two-ends",
        add((CURRENT_PHASE, DK.endYear, Literal("2035", datatype=XSD.gYear))),
        "ProgrammePhaseShape-endYear",
    ),
    # sources, concepts, quotes
    row("source-bad-iri", rename(NBS, iris.source("NBS_2023")), "SourceShape"),
    row("source-without-publisher", drop(NBS, DCTERMS.publisher), "SourceShape-publisher"),
    row("concept-without-scheme", drop(BUSINESS, SKOS.inScheme), "ConceptShape-inScheme"),
    row(
        "concept-without-en-definition", drop(BUSINESS, SKOS.definition, lang="en"), "ConceptShape-definition"
    ),
    row("concept-broader-than-county", add((BUSINESS, SKOS.broader, ZHANGGONG)), "ConceptShape-broader"),
    row("concept-without-source", drop(BUSINESS, DCTERMS.source), "ConceptShape-source"),
    row(
        "scheme-without-top-concept",
        drop(iris.scheme("task-type"), SKOS.hasTopConcept),
        "ConceptSchemeShape-hasTopConcept",
    ),
    row(
        "quote-in-english",
        replace(BUSINESS, DK.quote, Literal("营商环境营造", lang="en")),
        "QuotedEntityShape-quote",
    ),
    row(
        "quoted-concept-without-provenance",
        drop(BUSINESS, PROV.wasDerivedFrom),
        "QuotedEntityShape-wasDerivedFrom",
        ("QuoteOnLineShape", BUSINESS, DK.quote),
    ),
    row(
        "quote-not-on-its-line",
        replace(BUSINESS, DK.quote, Literal("营商环境优化", lang="zh")),
        "QuoteOnLineShape",
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
        "AdministrativeDivisionShape-statisticalCode",
    ),
    row(
        "division-statistical-code-of-another-division",
        replace(LONGNAN, DK.statisticalCode, Literal("360727000000")),
        "DivisionCodesAgreeShape",
    ),
    row(
        "division-without-code-list-entry",
        drop(LONGNAN, DK.codeListEntry),
        "AdministrativeDivisionShape-codeListEntry",
    ),
    row(
        "division-entry-of-another-code",
        replace(LONGNAN, DK.codeListEntry, iris.nbs_entry("360702")),
        "DivisionCodesAgreeShape",
    ),
    row(
        "division-former-code-is-a-division",
        add((LONGNAN, DK.formerCode, GANZHOU)),
        "AdministrativeDivisionShape-formerCode",
    ),
    row(
        "division-former-code-of-another-division",
        add((LONGNAN, DK.formerCode, iris.division_code("360721"))),
        "DivisionCodesAgreeShape",
    ),
    row("former-code-bad-iri", rename(LONGNAN_COUNTY, iris.division_code("0727")), "FormerDivisionCodeShape"),
    row(
        "former-code-notation-as-integer",
        replace(LONGNAN_COUNTY, SKOS.notation, Literal(360727)),
        "FormerDivisionCodeShape-notation",
    ),
    row(
        "former-code-name-in-english",
        replace(LONGNAN_COUNTY, DK.recordedName, Literal("Longnan", lang="en")),
        "FormerDivisionCodeShape-recordedName",
    ),
    row(
        "former-code-without-year-of-introduction",
        drop(LONGNAN_COUNTY, DK.introducedIn),
        "FormerDivisionCodeShape-introducedIn",
    ),
    row(
        "former-code-withdrawn-as-integer",
        replace(LONGNAN_COUNTY, DK.withdrawnIn, Literal(2020)),
        "FormerDivisionCodeShape-withdrawnIn",
    ),
    row(
        "former-code-replaced-by-a-unit",
        replace(LONGNAN_COUNTY, DK.replacedBy, MOST),
        "FormerDivisionCodeShape-replacedBy",
        ("DivisionCodesAgreeShape", LONGNAN, DK.formerCode),
    ),
    row(
        "former-code-withdrawn-before-introduced",
        replace(LONGNAN_COUNTY, DK.withdrawnIn, Literal("1990", datatype=XSD.gYear)),
        "FormerCodeYearsShape",
    ),
    row("code-entry-bad-iri", rename(LONGNAN_ENTRY, iris.nbs_entry("360783000000")), "CodeListEntryShape"),
    row(
        "code-entry-without-notation",
        drop(LONGNAN_ENTRY, SKOS.notation),
        "CodeListEntryShape-notation",
        ("DivisionCodesAgreeShape", LONGNAN, DK.codeListEntry),
    ),
    row(
        "code-entry-statistical-code-of-six-digits",
        replace(LONGNAN_ENTRY, DK.statisticalCode, Literal("360783")),
        "CodeListEntryShape-statisticalCode",
    ),
    row(
        "code-entry-name-without-language",
        replace(LONGNAN_ENTRY, DK.recordedName, Literal("龙南市")),
        "CodeListEntryShape-recordedName",
    ),
    row(
        "code-entry-in-two-datasets",
        add((LONGNAN_ENTRY, VOID.inDataset, iris.dataset("wikidata"))),
        "CodeListEntryShape-inDataset",
    ),
    # links
    row(
        "exact-match-outside-wikidata",
        add((LONGNAN, SKOS.exactMatch, URIRef("https://example.org/longnan"))),
        "ExactMatchShape-exactMatch",
    ),
    row(
        "document-published-in-two-zh-places",
        add(
            (NOTICE, DK.publishedIn, Literal("一个平台", lang="zh")),
            (NOTICE, DK.publishedIn, Literal("另一平台", lang="zh")),
        ),
        "PolicyDocumentShape-publishedIn",
    ),
]
