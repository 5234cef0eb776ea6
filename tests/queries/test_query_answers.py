"""Each named query gives the answer the notice gives: read off the source text, else written out here."""

import re

import pytest
from expected_changes import CHANGED, CHANGES
from expected_lookups import LOOKUPS
from expected_programme import PROGRAMME
from expected_text_and_places import TEXT_AND_PLACES
from query_cases import (
    ADDRESSEES,
    NAMED,
    SOURCE_LINES,
    AtLeast,
    answer,
    notice_line,
    pairings_in_text,
    params_id,
    run,
    stated_city_counts,
)
from rdflib import Literal
from rdflib.namespace import SKOS

from graph.namespaces import DK, ID
from graph.store.named import catalogue
from helpers.examples import required_values

# (query, parameters, columns, expected): a set is compared with the set of answers, AtLeast(set) must be
# among them, a list is compared in order, an int with the number of rows.
ANSWERS = [*PROGRAMME, *TEXT_AND_PLACES, *LOOKUPS, *CHANGES]


def answer_id(case) -> str:
    name, params, columns, _ = case
    return f"{name}[{params_id(params)}]:{columns if isinstance(columns, str) else '+'.join(columns)}"


@pytest.mark.parametrize("name, params, columns, expected", ANSWERS, ids=[answer_id(c) for c in ANSWERS])
def test_answer(embedded_store, name, params, columns, expected):
    got = answer(embedded_store, name, columns, params)
    if isinstance(expected, int):
        assert len(got) == expected
    elif isinstance(expected, list):
        assert got == expected
    elif isinstance(expected, AtLeast):
        assert expected <= set(got)
    else:
        assert set(got) == expected


# queries (and the parameters) that tests of their own below try
OWN_TESTS = {
    "pairings": set(),
    "pairings-in-city": {"city"},
    "lines": set(),
    "line": {"number"},
    "search-text": {"text"},
    "supports": {"unit", "county"},
    "pairings-graph": {"lang"},
}


def test_every_named_query_has_a_real_answer_and_every_parameter_is_tried():
    assert set(NAMED) <= {case[0] for case in ANSWERS} | set(OWN_TESTS)
    for name, query in NAMED.items():
        tried = {key for case in ANSWERS if case[0] == name for key in case[1]} | OWN_TESTS.get(name, set())
        assert {p.name for p in query.parameters} <= tried, name


# -- answers read off the source text --------------------------------------------------------------


def test_pairings_are_the_notice_lines(embedded_store):
    got = set(answer(embedded_store, "pairings", ("nameInNotice", "countyZh", "cityZh", "lineNumber")))
    assert got == pairings_in_text()
    assert len(got) == 61
    assert len(set(answer(embedded_store, "pairings", "unit"))) == 61
    assert len(set(answer(embedded_store, "pairings", "county"))) == 43


def test_pairings_have_codes_provinces_and_english_names(embedded_store):
    rows = answer(embedded_store, "pairings", ("unit", "countyEn", "code", "city", "province", "provinceZh"))
    assert ("unit/mof", "Ruijin City", "360781", "division/360700", "division/360000", "江西省") in rows
    assert ("unit/cofco", "Jianning County", "350430", "division/350400", "division/350000", "福建省") in rows
    for _, _, code, city, province, _ in rows:
        assert city == f"division/{code[:4]}00" and province == f"division/{code[:2]}0000"


@pytest.mark.parametrize(
    "code, city",
    [
        ("360700", "赣州市"),
        ("360800", "吉安市"),
        ("361000", "抚州市"),
        ("350800", "龙岩市"),
        ("350400", "三明市"),
    ],
)
def test_pairings_in_each_city_are_the_notice_lines(embedded_store, code, city):
    got = set(
        answer(
            embedded_store,
            "pairings-in-city",
            ("nameInNotice", "countyLabel", "lineNumber"),
            {"city": f"id:division/{code}"},
        )
    )
    assert got == {(unit, county, line) for unit, county, c, line in pairings_in_text() if c == city}


def test_counties_with_two_units_are_the_notice_lines_with_two_units(embedded_store):
    two = {county for _, county, _, line in pairings_in_text() if "、" in SOURCE_LINES[line - 1]}
    assert set(answer(embedded_store, "counties-with-two-units", "countyLabel")) == two
    assert len(two) == 18


def test_counts_by_city_state_what_the_notice_states(embedded_store):
    got = dict(answer(embedded_store, "counts-by-city", ("cityLabel", "stated")))
    assert got == stated_city_counts()
    assert sum(got.values()) == 43


def test_units_are_the_names_in_the_notice(embedded_store):
    leads = re.search(r"其中，(.+?)作为牵头部门", notice_line(21))[1].split("、")
    named = {unit for unit, _, _, _ in pairings_in_text()} | set(leads)
    assert set(answer(embedded_store, "units", "nameInNotice")) == named


def test_lines_are_the_source_text(embedded_store):
    expected = [(n, text.strip()) for n, text in enumerate(SOURCE_LINES, start=1) if text.strip()]
    assert answer(embedded_store, "lines", ("lineNumber", "text")) == expected
    containers = dict(answer(embedded_store, "lines", ("lineNumber", "container")))
    assert containers[4] == "document/guobanfa-2021-15"
    assert containers[15] == "document/guobanfa-2021-15-plan"
    assert containers[33] == "document/guobanfa-2021-15/section/2-1"


def test_line_neighbours_are_the_nearest_non_blank_source_lines(embedded_store):
    """For every line (blank lines have no number, so numbers skip), as the source text has it."""
    numbers = [n for n, text in enumerate(SOURCE_LINES, start=1) if text.strip()]
    query = catalogue().ui()["entity-line-neighbours"]
    for before, here, after in zip([None, *numbers], numbers, [*numbers[1:], None], strict=False):
        rows = query.run(embedded_store, {"iri": f"id:document/guobanfa-2021-15/line/{here}"}).dicts()
        expected = {(p, n, notice_line(n)) for p, n in (("previous", before), ("next", after)) if n}
        assert {(str(r["position"]), int(r["number"]), str(r["text"])) for r in rows} == expected, here
        assert all(str(r["neighbour"]).endswith(f"/line/{r['number']}") for r in rows)


def test_section_lines_are_the_lines_whose_part_is_that_section(embedded_store):
    """Each section's own lines (not its subsections'), as `lines` gives them with their container."""
    ui, public = catalogue().ui(), catalogue().all()
    by_container = {}
    for row in public["lines"].run(embedded_store, {}).dicts():
        by_container.setdefault(str(row["container"]), []).append((int(row["lineNumber"]), str(row["text"])))
    sections = [str(r["section"]) for r in public["sections"].run(embedded_store, {}).dicts()]
    assert len(sections) == 11
    for section in sections:
        rows = ui["section-lines"].run(embedded_store, {"iri": section}).dicts()
        assert [(int(r["lineNumber"]), str(r["text"])) for r in rows] == sorted(by_container.get(section, []))
    given = ui["section-lines"].run(embedded_store, required_values(ui["section-lines"])).dicts()
    assert [int(r["lineNumber"]) for r in given] == list(range(22, 41))


def test_the_notice_queries_read_only_the_notice_they_are_given(embedded_store):
    """Bound to the notice they give its 71 lines; bound to the plan (no lines of its own) nothing."""
    ui = catalogue().ui()
    plan = "https://w3id.org/duikou/id/document/guobanfa-2021-15-plan"
    for name, rows in (("notice-lines", 71), ("notice-document", 1)):
        assert len(ui[name].run(embedded_store, required_values(ui[name])).rows) == rows
        assert ui[name].run(embedded_store, {"notice": plan}).rows == []
    assert ui["notice-mentions"].run(embedded_store, {"notice": plan}).rows == []


def test_document_addressees_are_those_of_line_6(embedded_store):
    [addressees] = answer(embedded_store, "document", "addressees")
    assert set(addressees.split("; ")) == ADDRESSEES
    assert addressees.split("; ") == sorted(ADDRESSEES), "a declared list: its items sorted, on every store"
    assert notice_line(6).startswith("各省、自治区、直辖市人民政府，国务院各部委、各直属机构")


@pytest.mark.parametrize("number", [4, 21, 26, 59, 76])
def test_line_gives_the_source_text(embedded_store, number):
    assert set(answer(embedded_store, "line", "text", {"number": str(number)})) == {notice_line(number)}


@pytest.mark.parametrize("text", ["挂职", "国务院", "江西", "（含", "2030"])
def test_search_text_finds_the_lines_that_contain_it(embedded_store, text):
    expected = [n for n, line in enumerate(SOURCE_LINES, start=1) if text in line]
    assert answer(embedded_store, "search-text", "lineNumber", {"text": text}) == expected


@pytest.mark.parametrize("name", ["task-types", "lead-departments"])
def test_quotes_are_words_of_their_line(embedded_store, name):
    rows = answer(embedded_store, name, ("quote", "lineText"))
    assert rows
    for quote, text in rows:
        assert quote in text


@pytest.mark.parametrize(
    "unit, county, expected",
    [
        (None, None, True),
        ("id:unit/sasac", "id:division/360702", True),
        ("id:unit/nmpa", "id:division/360702", True),
        ("id:unit/mof", "id:division/360702", False),
        ("id:unit/ndrc", "id:division/360781", False),
    ],
)
def test_supports(embedded_store, unit, county, expected):
    values = {k: v for k, v in (("unit", unit), ("county", county)) if v}
    result = run(embedded_store, "supports", values)
    assert result.kind == "boolean" and result.boolean is expected


@pytest.mark.parametrize("lang, ruijin", [("zh", "瑞金市"), ("en", "Ruijin City")])
def test_pairings_graph(embedded_store, lang, ruijin):
    graph = run(embedded_store, "pairings-graph", {"lang": lang}).graph
    assert len(set(graph.triples((None, DK.supports, None)))) == 61
    assert len(set(graph.triples((None, DK.inCity, None)))) == 43
    assert (ID["unit/mof"], DK.supports, ID["division/360781"]) in graph
    assert set(graph.objects(ID["division/360781"], SKOS.prefLabel)) == {Literal(ruijin, lang=lang)}


# -- what happened to the units after the notice --------------------------------------------------------


def test_units_changed_name_each_changes_sources(embedded_store):
    rows = answer(embedded_store, "units-changed", ("unit", "sources"), {"lang": "zh"})
    sources = {unit: set(text.split("; ")) for unit, text in rows}
    plans = {"党和国家机构改革方案", "国务院机构改革方案"}
    assert sources == {
        "unit/csrc": plans,
        "unit/cbirc": plans | {"国家金融监督管理总局职能配置、内设机构和人员编制规定"},
        "unit/nrra": plans,
    }
    assert [row[0] for row in CHANGED] == [unit for unit, _ in rows]


@pytest.mark.parametrize("date", ["2024-01-01", "2022-01-01"])
def test_units_as_of_a_date_change_only_what_the_reform_changed(embedded_store, date):
    """Every unit but the three is itself with its category as of the notice, on any date."""
    rows = answer(
        embedded_store, "units-as-of", ("unit", "organization", "category", "change"), {"date": date}
    )
    notice = dict(answer(embedded_store, "units", ("unit", "category")))
    changed = {"unit/cbirc", "unit/csrc", "unit/nrra"} if date > "2023" else set()
    assert {unit for unit, _, _, change in rows if change} == changed
    assert all(
        (org, category) == (unit, notice[unit]) for unit, org, category, _ in rows if unit not in changed
    )


TRANSITIVE = [  # search-labels takes one step where its reading would take any number (Virtuoso 7.2.5)
    ("?sub rdfs:subPropertyOf ?property", "?sub rdfs:subPropertyOf+ ?property"),
    ("?property rdfs:subPropertyOf skos:altLabel", "?property rdfs:subPropertyOf+ skos:altLabel"),
    ("?narrower rdfs:subClassOf ?type", "?narrower rdfs:subClassOf+ ?type"),
]


@pytest.mark.parametrize("text", ["", "县", "a", "ndrc", "市"])
def test_search_labels_answers_as_its_transitive_reading_would(embedded_store, text):
    """The ontology's label properties and classes are one step deep, so one step finds what a path would."""
    query = catalogue().get("search-labels")
    transitive = query.text
    for step, path in TRANSITIVE:
        assert step in transitive
        transitive = transitive.replace(step, path)
    values = query.bindings({"text": text} if text else {})
    assert (
        embedded_store.query(transitive, values).rows
        == query.run(embedded_store, {"text": text} if text else {}).rows
    )
