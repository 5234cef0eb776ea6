"""The rows that break what happened to the units after the notice (test_shape_fires.py runs them): each
change event has its date, its kind of date, the note that says where the date comes from, an original
organisation, its sources and its words; each category period its organisation, category, start and change."""

from rdflib import XSD, Literal
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS
from shape_mutations import NOTICE, STATE_COUNCIL, ZHANGGONG, add, drop, rename, replace, row

from graph import iris
from graph.namespaces import DK, ID

CBIRC, CSRC, NFRA = iris.unit("cbirc"), iris.unit("csrc"), iris.organization("nfra")
TO_NFRA, CSRC_AGENCY = iris.change("2023-cbirc-nfra"), iris.change("2023-csrc-agency")
CSRC_PERIOD = iris.category_period("2023-csrc-agency", "csrc")
DECISION = iris.concept("date-kind", "decision")
EVENT, PERIOD = "ChangeEventShape", "CategoryPeriodShape"


def day(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


CHANGE_ROWS = [
    row("change-bad-iri", rename(TO_NFRA, ID["change/cbirc-to-nfra"]), EVENT),
    row("change-without-date", drop(TO_NFRA, DCTERMS.date), f"{EVENT}-date"),
    row("change-with-two-dates", add((TO_NFRA, DCTERMS.date, day("2023-03-16"))), f"{EVENT}-date"),
    row("change-date-as-text", replace(CSRC_AGENCY, DCTERMS.date, Literal("2023-03-10")), f"{EVENT}-date"),
    row("change-without-date-kind", drop(TO_NFRA, DK.dateKind), f"{EVENT}-dateKind"),
    row("change-date-kind-not-a-concept", replace(TO_NFRA, DK.dateKind, NOTICE), f"{EVENT}-dateKind"),
    row(
        "change-without-chinese-date-note", drop(TO_NFRA, SKOS.editorialNote, lang="zh"), f"{EVENT}-dateNote"
    ),
    row(
        "change-without-original",
        drop(TO_NFRA, ORG.originalOrganization),
        f"{EVENT}-original",
        (f"{EVENT}-originalInverse", TO_NFRA, None),
    ),
    row("change-of-a-county", replace(TO_NFRA, ORG.originalOrganization, ZHANGGONG), f"{EVENT}-original"),
    row("original-not-changed-by", drop(CBIRC, ORG.changedBy), (f"{EVENT}-originalInverse", TO_NFRA, None)),
    row("change-into-a-county", replace(TO_NFRA, ORG.resultingOrganization, ZHANGGONG), f"{EVENT}-resulting"),
    row(
        "resulting-not-resulted-from",
        drop(NFRA, ORG.resultedFrom),
        (f"{EVENT}-resultingInverse", TO_NFRA, None),
    ),
    row("change-without-source", drop(CSRC_AGENCY, DCTERMS.source), f"{EVENT}-source"),
    row("change-source-not-a-source", replace(TO_NFRA, DCTERMS.source, STATE_COUNCIL), f"{EVENT}-source"),
    row(
        "change-without-english-words", drop(TO_NFRA, DCTERMS.description, lang="en"), f"{EVENT}-description"
    ),
    # the category a change began
    row("period-bad-iri", rename(CSRC_PERIOD, ID["change/2023-csrc-agency/period"]), PERIOD),
    row("period-of-nobody", drop(CSRC_PERIOD, DK.periodOf), f"{PERIOD}-periodOf"),
    row("period-of-two", add((CSRC_PERIOD, DK.periodOf, CBIRC)), f"{PERIOD}-periodOf"),
    row("period-without-category", drop(CSRC_PERIOD, DK.periodCategory), f"{PERIOD}-periodCategory"),
    row(
        "period-category-outside-scheme",
        replace(CSRC_PERIOD, DK.periodCategory, DECISION),
        f"{PERIOD}-periodCategory",
    ),
    row(
        "period-without-start",
        drop(CSRC_PERIOD, DK.startDate),
        f"{PERIOD}-startDate",
        (f"{PERIOD}-startsWithChange", CSRC_PERIOD, None),
    ),
    row(
        "period-start-as-year",
        replace(CSRC_PERIOD, DK.startDate, Literal("2023", datatype=XSD.gYear)),
        f"{PERIOD}-startDate",
    ),
    row(
        "period-starting-before-its-change",
        replace(CSRC_PERIOD, DK.startDate, day("2021-04-21")),
        (f"{PERIOD}-startsWithChange", CSRC_PERIOD, None),
    ),
    row("period-without-change", drop(CSRC_PERIOD, PROV.wasGeneratedBy), f"{PERIOD}-wasGeneratedBy"),
    row(
        "period-from-a-document",
        replace(CSRC_PERIOD, PROV.wasGeneratedBy, NOTICE),
        f"{PERIOD}-wasGeneratedBy",
    ),
    row("period-without-source", drop(CSRC_PERIOD, DCTERMS.source), f"{PERIOD}-source"),
]
