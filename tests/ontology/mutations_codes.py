"""Mutations of the built graph that the shapes must catch: concepts and quotes, division codes, links."""

from rdflib import SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, VOID
from shape_examples import (
    BUSINESS,
    GANZHOU,
    LONGNAN,
    LONGNAN_COUNTY,
    LONGNAN_ENTRY,
    MOST,
    NBS,
    NOTICE,
    SLUG,
    ZHANGGONG,
    ZONE,
    add,
    drop,
    rename,
    replace,
    row,
)

from graph import iris
from graph.namespaces import DK

MUTATIONS = [
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
