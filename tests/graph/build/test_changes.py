"""Organisations through time (issue 14, item 2): the 2023 reform's three changes as W3C ORG change events
in the reform's own graph, dated and sourced; 国家金融监督管理总局 an organisation that supports no county;
the categories that changed beside those of 2021; and a bad row of the tables fails the build at its line."""

import pytest
from rdflib.namespace import ORG

from graph import iris
from graph.build.assemble import build_graph
from graph.errors import SourceError
from graph.inputs.notice import parse
from graph.inputs.tables import load_all
from graph.store.embedded import EmbeddedStore
from helpers.tables import edit

REFORM, STRUCTURE = iris.graph("reform-2023"), iris.graph("gov-cn-structure")
NOTICE, TRANSLATION = iris.graph("guobanfa-2021-15"), iris.graph("duikou-translation")
CBIRC, CSRC, NRRA, MARA = (iris.unit(slug) for slug in ("cbirc", "csrc", "nrra", "mara"))
NFRA = iris.organization("nfra")
TO_MARA = iris.change("2023-nrra-mara")
DINGNAN, SHICHENG = iris.division("360728"), iris.division("360735")
PLANS = {iris.source("party-state-reform-2023"), iris.source("state-council-reform-2023")}
NFRA_RULES = iris.source("nfra-regulations-2023")
AFFILIATED_AGENCY = iris.concept("unit-category", "state-council-affiliated-agency")
AFFILIATED_INSTITUTION = iris.concept("unit-category", "state-council-affiliated-institution")
PREFIXES = """
PREFIX dk: <https://w3id.org/duikou/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def store(built_dist):
    """The embedded store as `duikou serve` loads it, from the session's dist/."""
    return EmbeddedStore.from_dist(built_dist)


def select(store, query: str) -> list[tuple]:
    return [tuple(row) for row in store.query(PREFIXES + query).rows]


def test_the_three_changes_are_dated_and_sourced_in_the_reform_graph(store):
    rows = select(
        store,
        f"""SELECT ?change ?original ?resulting ?date ?source WHERE {{
          GRAPH <{REFORM}> {{
            ?change a org:ChangeEvent ; org:originalOrganization ?original ;
                    org:resultingOrganization ?resulting ; dcterms:date ?date ; dcterms:source ?source .
          }} }}""",
    )
    changes = {(r[0], r[1], r[2], str(r[3])) for r in rows}
    assert changes == {
        (iris.change("2023-cbirc-nfra"), CBIRC, NFRA, "2023-03-10"),
        (iris.change("2023-csrc-agency"), CSRC, CSRC, "2023-03-10"),
        (iris.change("2023-nrra-mara"), NRRA, MARA, "2023-03-10"),
    }
    sources = {change: {r[4] for r in rows if r[0] == change} for change, *_ in changes}
    assert sources[iris.change("2023-cbirc-nfra")] == PLANS | {NFRA_RULES}
    assert sources[iris.change("2023-csrc-agency")] == PLANS
    assert sources[iris.change("2023-nrra-mara")] == PLANS


def test_each_change_says_its_date_is_the_decisions(store):
    rows = select(
        store,
        f"""SELECT ?change ?kind ?note WHERE {{
          GRAPH <{REFORM}> {{ ?change a org:ChangeEvent ; dk:dateKind ?kind ;
                              skos:editorialNote ?note }} }}""",
    )
    assert {r[1] for r in rows} == {iris.concept("date-kind", "decision")}
    assert len(rows) == 3 and all("来源未载明生效日期" in str(r[2]) for r in rows)


def test_the_inverses_and_the_words_in_both_languages(store):
    inverses = select(
        store,
        f"""SELECT ?org ?p ?change WHERE {{
          GRAPH <{REFORM}> {{ ?org ?p ?change FILTER(?p IN (org:changedBy, org:resultedFrom)) }} }}""",
    )
    assert {(r[0], str(r[1]).rpartition("#")[2]) for r in inverses} == {
        (CBIRC, "changedBy"),
        (NFRA, "resultedFrom"),
        (CSRC, "changedBy"),
        (CSRC, "resultedFrom"),
        (NRRA, "changedBy"),
        (MARA, "resultedFrom"),
    }
    words = select(
        store,
        f"SELECT ?g ?text WHERE {{ GRAPH ?g {{ <{TO_MARA}> dcterms:description ?text }} }}",
    )
    assert {(g, text.language) for g, text in words} == {(REFORM, "zh"), (TRANSLATION, "en")}
    assert any("在农业农村部加挂国家乡村振兴局牌子" in str(text) for _, text in words)


def test_nfra_is_an_organisation_that_supports_no_county(store):
    classes = select(store, f"SELECT ?c WHERE {{ <{NFRA}> a ?c }}")
    assert classes == [(ORG.Organization,)]
    names = select(
        store,
        f"SELECT ?g ?name WHERE {{ GRAPH ?g {{ <{NFRA}> skos:prefLabel ?name }} }}",
    )
    assert {(g, str(name), name.language) for g, name in names} == {
        (REFORM, "国家金融监督管理总局", "zh"),
        (TRANSLATION, "National Administration of Financial Regulation", "en"),
    }
    sources = {r[0] for r in select(store, f"SELECT ?s WHERE {{ <{NFRA}> dcterms:source ?s }}")}
    assert sources == {NFRA_RULES, iris.source("duikou-translation")}


@pytest.mark.parametrize(
    "unit, county",
    [(NFRA, DINGNAN), (MARA, SHICHENG), (NFRA, SHICHENG), (MARA, DINGNAN)],
    ids=["nfra-dingnan", "mara-shicheng", "nfra-shicheng", "mara-dingnan"],
)
def test_no_successor_is_said_to_support_the_county_of_the_unit_it_replaced(store, unit, county):
    said = select(
        store,
        f"""SELECT ?p WHERE {{ {{ <{unit}> ?p <{county}> }} UNION {{ <{county}> ?p <{unit}> }}
          UNION {{ ?a dk:supportingUnit <{unit}> ; dk:recipient <{county}> ; ?p ?o }} }}""",
    )
    assert said == []


def test_the_replaced_units_still_support_their_county_as_the_notice_says(store):
    rows = select(store, "SELECT ?unit ?county ?g WHERE { GRAPH ?g { ?unit dk:supports ?county } }")
    assert (CBIRC, DINGNAN, NOTICE) in rows and (NRRA, SHICHENG, NOTICE) in rows
    assert not any(r[0] == NFRA for r in rows)


def test_the_category_of_2021_stays_and_the_2023_one_stands_beside_it(store):
    held = select(store, f"SELECT ?g ?c WHERE {{ GRAPH ?g {{ <{CSRC}> dk:category ?c }} }}")
    assert held == [(STRUCTURE, AFFILIATED_INSTITUTION)]
    periods = select(
        store,
        f"""SELECT ?org ?category ?start ?change WHERE {{
          GRAPH <{REFORM}> {{ ?period a dk:CategoryPeriod ; dk:periodOf ?org ; dk:periodCategory ?category ;
                              dk:startDate ?start ; prov:wasGeneratedBy ?change }} }}""",
    )
    assert {(r[0], r[1], str(r[2]), r[3]) for r in periods} == {
        (CSRC, AFFILIATED_AGENCY, "2023-03-10", iris.change("2023-csrc-agency")),
        (NFRA, AFFILIATED_AGENCY, "2023-03-10", iris.change("2023-cbirc-nfra")),
    }
    period_sources = select(
        store, f"SELECT ?s WHERE {{ <{iris.category_period('2023-cbirc-nfra', 'nfra')}> dcterms:source ?s }}"
    )
    assert period_sources == [(NFRA_RULES,)]


def test_the_reform_sources_give_the_dates_the_issue_gives(store):
    dates = dict(
        select(
            store,
            f"""SELECT ?s ?date WHERE {{ ?s a dk:Source OPTIONAL {{ ?s dcterms:date ?date }}
              FILTER(?s IN (<{NFRA_RULES}>, {", ".join(f"<{p}>" for p in sorted(PLANS))})) }}""",
        )
    )
    assert {str(s).rpartition("/")[2]: d and str(d) for s, d in dates.items()} == {
        "party-state-reform-2023": "2023-03-16",
        "state-council-reform-2023": "2023-03-10",
        "nfra-regulations-2023": None,
    }


# -- a bad row of the change tables fails the build, naming the place to fix ---------------------


@pytest.mark.parametrize(
    "table, old, new, where, message",
    [
        ("changes", ",cbirc,nfra,", ",cbrc,nfra,", "changes.csv:2", "original 'cbrc' is not a slug"),
        ("changes", "2023-03-10,decision", "2024-03-10,decision", "changes.csv:2", "does not start with"),
        (
            "changes",
            "2023-03-10,decision",
            "2021-03-10,decision",
            "changes.csv:2",
            "not after the notice's date",
        ),
        ("changes", "2023-03-10,decision", "2023-03-10,effect", "changes.csv:2", "not a date-kind concept"),
        (
            "changes",
            "state-council-reform-2023 nfra-regulations-2023",
            "state-council-reform-2023 gov-cn-structure",
            "changes.csv:2",
            "are not in one named graph",
        ),
        (
            "category-periods",
            "2023-cbirc-nfra,nfra,",
            "2023-cbirc-nfra,cbirc,",
            "category-periods.csv:2",
            "not what",
        ),
        ("category-periods", "2023-csrc-agency,", "2023-csrc-status,", "category-periods.csv:3", "not in"),
        (
            "organizations",
            "nfra-regulations-2023,duikou-translation",
            "nfra-regulations-2023,duikou-translations",
            "organizations.csv:4",
            "name_en_source 'duikou-translations'",
        ),
    ],
    ids=[
        "unknown-original",
        "slug-not-of-its-year",
        "change-before-the-notice",
        "unknown-date-kind",
        "sources-in-two-graphs",
        "period-of-the-original",
        "period-of-an-unknown-change",
        "unknown-translation-source",
    ],
)
def test_a_bad_change_row_names_file_and_line(table_dir, table, old, new, where, message):
    edit(table_dir / f"{table}.csv", old, new)
    with pytest.raises(SourceError) as error:
        build_graph(parse(), load_all(table_dir))
    assert where in str(error.value)
    assert message in str(error.value)
