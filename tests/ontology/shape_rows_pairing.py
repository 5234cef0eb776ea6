"""The rows of test_shape_fires.py that break who is who and who supports whom: labels, units,
divisions, assignments. How a row reads: shape_mutations.row."""

from rdflib import RDF, RDFS, SKOS, Literal
from rdflib.namespace import DCTERMS, PROV
from shape_mutations import (
    DISTRICT,
    GANXIAN,
    GANZHOU,
    JIANGXI,
    JIZHOU,
    LINE,
    LONGYAN,
    MOST,
    MOST_PAIRING,
    NANCHANG,
    NATCM,
    NDRC,
    NMPA,
    NOTICE,
    SLUG,
    STA,
    STA_PAIRING,
    STATE_COUNCIL,
    ZHANGGONG,
    ZONE,
    add,
    count,
    drop,
    drop_pairing,
    pairing,
    rename,
    replace,
    row,
)

from graph import iris
from graph.namespaces import DK

PAIRING_ROWS = [
    # labels and sources
    row(
        "county-without-en-preflabel",
        drop(ZHANGGONG, SKOS.prefLabel, lang="en"),
        "LabelledEntityShape-prefLabel",
    ),
    row(
        "unit-with-second-en-label",
        add((MOST, RDFS.label, Literal("MOST", lang="en"))),
        "LabelledEntityShape-label",
    ),
    row("source-not-a-source", replace(ZHANGGONG, DCTERMS.source, NOTICE), "SourcedEntityShape-source"),
    # organisations and units
    row(
        "organization-bad-iri", rename(STATE_COUNCIL, iris.organization("State_Council")), "OrganizationShape"
    ),
    row("organization-without-source", drop(STATE_COUNCIL, DCTERMS.source), "OrganizationShape-source"),
    row("unit-bad-slug", rename(MOST, iris.unit("MoST_2")), "SupportingUnitShape"),
    row(
        "unit-name-in-notice-in-english",
        replace(MOST, DK.nameInNotice, Literal("MOST", lang="en")),
        "SupportingUnitShape-nameInNotice",
    ),
    row(
        "unit-acronym-with-language",
        replace(MOST, DK.acronym, Literal("MOST", lang="en")),
        "SupportingUnitShape-acronym",
    ),
    row(
        "unit-category-from-other-scheme",
        replace(MOST, DK.category, DISTRICT),
        "SupportingUnitShape-category",
    ),
    row(
        "unit-administered-by-non-unit",
        replace(NMPA, DK.administeredBy, STATE_COUNCIL),
        "SupportingUnitShape-administeredBy",
    ),
    row(
        "unit-supports-a-city",
        add((MOST, DK.supports, GANZHOU), (GANZHOU, DK.supportedBy, MOST)),
        "SupportingUnitShape-supports",
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
    row("unit-without-provenance", drop(MOST, PROV.wasDerivedFrom), "SupportingUnitShape-wasDerivedFrom"),
    row(
        "lead-given-county",
        add((NDRC, DK.supports, ZHANGGONG), (ZHANGGONG, DK.supportedBy, NDRC)),
        "LeadDepartmentShape-supports",
    ),
    row(
        "lead-given-assignment",
        pairing(iris.assignment(SLUG, "ndrc"), NDRC, ZHANGGONG, LINE),
        ("LeadDepartmentShape-assignment", NDRC, None),
    ),
    row("lead-without-duty", drop(NDRC, DK.hasDuty), "LeadDepartmentShape-hasDuty"),
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
        "AdministeredUnitShape-administeredBy",
    ),
    row(
        "ministry-administered",
        add((MOST, DK.administeredBy, NDRC)),
        ("AdministeredUnitShape-category", MOST, DK.category),
    ),
    row("national-bureau-without-administrator", drop(NMPA, DK.administeredBy), "NationalBureauShape"),
    # divisions
    row("division-bad-iri", rename(ZHANGGONG, iris.division("zhanggong")), "AdministrativeDivisionShape"),
    row("county-without-code", drop(ZHANGGONG, SKOS.notation), "AdministrativeDivisionShape-notation"),
    row(
        "county-seven-digit-code",
        replace(ZHANGGONG, SKOS.notation, Literal("3607020")),
        "AdministrativeDivisionShape-notation",
    ),
    row(
        "county-code-as-integer",
        replace(ZHANGGONG, SKOS.notation, Literal(360702)),
        "AdministrativeDivisionShape-notation",
    ),
    row("division-without-source", drop(ZHANGGONG, DCTERMS.source), "AdministrativeDivisionShape-source"),
    row(
        "province-code-not-0000", replace(JIANGXI, SKOS.notation, Literal("360100")), "ProvinceShape-notation"
    ),
    row("city-code-0000", replace(GANZHOU, SKOS.notation, Literal("360000")), "PrefectureCityShape-notation"),
    row("city-without-province", drop(GANZHOU, DK.inProvince), "PrefectureCityShape-inProvince"),
    row(
        "city-count-as-integer",
        replace(GANZHOU, DK.statedRecipientCount, Literal(18)),
        "PrefectureCityShape-statedRecipientCount",
    ),
    row("county-code-ends-00", replace(ZHANGGONG, SKOS.notation, Literal("360700")), "CountyShape-notation"),
    row("county-without-city", drop(ZHANGGONG, DK.inCity), "CountyShape-inCity"),
    row(
        "county-in-two-provinces",
        add((ZHANGGONG, DK.inProvince, iris.division("350000"))),
        "CountyShape-inProvince",
    ),
    row(
        "county-city-in-other-province",
        replace(ZHANGGONG, DK.inCity, LONGYAN),
        ("CountyShape-cityProvince", ZHANGGONG, None),
        "CountyCodePrefixShape",
    ),
    row("county-without-type", drop(ZHANGGONG, DK.countyType), "CountyShape-countyType"),
    row(
        "county-without-provenance",
        drop(ZHANGGONG, PROV.wasDerivedFrom),
        "RecipientCountyShape-wasDerivedFrom",
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
    row("ganzhou-stated-17", replace(GANZHOU, DK.statedRecipientCount, count(17)), "CityRecipientCountShape"),
    row(
        "city-stated-count-without-counties",
        add((NANCHANG, RDF.type, DK.PrefectureCity), (NANCHANG, DK.statedRecipientCount, count(1))),
        ("CityRecipientCountShape", NANCHANG, DK.statedRecipientCount),
    ),
    row(
        "zone-eight-digit-code",
        replace(ZONE, DK.statisticalCode, Literal("36070240")),
        "DevelopmentZoneShape-statisticalCode",
    ),
    row("zone-outside-divisions", drop(ZONE, DK.withinDivision), "DevelopmentZoneShape-withinDivision"),
    # assignments
    row("assignment-bad-iri", rename(MOST_PAIRING, iris.assignment(SLUG, "MOST")), "AssignmentShape"),
    row("assignment-without-unit", drop(MOST_PAIRING, DK.supportingUnit), "AssignmentShape-supportingUnit"),
    row("assignment-to-a-city", replace(MOST_PAIRING, DK.recipient, GANZHOU), "AssignmentShape-recipient"),
    row("assignment-without-document", drop(MOST_PAIRING, DK.establishedBy), "AssignmentShape-establishedBy"),
    row("assignment-without-phase", drop(MOST_PAIRING, DK.phase), "AssignmentShape-phase"),
    row(
        "assignment-includes-a-county",
        add((MOST_PAIRING, DK.includesArea, ZHANGGONG)),
        "AssignmentShape-includesArea",
    ),
    row(
        "assignment-without-provenance",
        drop(MOST_PAIRING, PROV.wasDerivedFrom),
        "AssignmentShape-wasDerivedFrom",
    ),
    row(
        "assignment-from-wrong-line",
        replace(MOST_PAIRING, PROV.wasDerivedFrom, LINE),
        ("AssignmentMentionsShape", MOST_PAIRING, DK.supportingUnit),
        ("AssignmentMentionsShape", MOST_PAIRING, DK.recipient),
    ),
]
