"""Every named query that lists the units of a county, a city or the programme lists them in the notice's own
order (the leads as line 21 names them, each pairing line's units as written), read off the parsed text."""

import pytest
from query_cases import answer

from graph.inputs.notice import Notice
from graph.namespaces import DK, ID
from graph.store.named import catalogue

YUDU, ZHANGGONG = "division/360731", "division/360702"
LEADS = ["国家发展改革委", "中央组织部"]  # line 21: 国家发展改革委、中央组织部作为牵头部门


def written(notice: Notice) -> list[str]:
    """Every paired unit's name, line by line, each line's units in the order it writes them."""
    return [name for pairing in notice.pairings for name in pairing.units]


def in_order(names: list[str], notice: Notice) -> bool:
    """Whether `names` keep the relative order the notice writes them in."""
    place = {name: i for i, name in enumerate(written(notice))}
    return [place[n] for n in names] == sorted(place[n] for n in names)


def test_the_notice_writes_yudu_and_zhanggong_as_quoted(notice):
    by_county = {p.county: list(p.units) for p in notice.pairings}
    assert by_county["于都县"] == ["国家卫生健康委", "国家粮食和储备局"]
    assert by_county["章贡区"] == ["国务院国资委", "国家药监局"]


def test_pairings_in_the_notices_order(embedded_store, notice):
    assert answer(embedded_store, "pairings", "nameInNotice") == written(notice)


@pytest.mark.parametrize(
    "county, names",
    [(YUDU, ["国家卫生健康委", "国家粮食和储备局"]), (ZHANGGONG, ["国务院国资委", "国家药监局"])],
)
def test_units_of_county_in_the_notices_order(embedded_store, county, names):
    assert answer(embedded_store, "units-of-county", "nameInNotice", {"county": f"id:{county}"}) == names


@pytest.mark.parametrize(
    "name, params",
    [
        ("pairings-in-city", {"city": "id:division/360700"}),
        ("pairings-in-province", {"province": "id:division/360000"}),
        ("pairings-in-province", {}),
    ],
)
def test_pairings_of_a_place_in_the_notices_order(embedded_store, notice, name, params):
    names = answer(embedded_store, name, "nameInNotice", params)
    assert names and in_order(names, notice)


def test_units_leads_first_then_the_notices_order(embedded_store, notice):
    names = answer(embedded_store, "units", "nameInNotice")
    assert names == LEADS + written(notice)


@pytest.mark.parametrize("date", ["2022-01-01", "2024-01-01"])
def test_units_as_of_a_date_leads_first_then_the_notices_order(embedded_store, notice, date):
    names = answer(embedded_store, "units-as-of", "nameInNotice", {"date": date})
    assert names == LEADS + written(notice)


def test_units_changed_in_the_notices_order(embedded_store, notice):
    names = answer(embedded_store, "units-changed", "nameInNotice")
    assert names == ["证监会", "银保监会", "国家乡村振兴局"] and in_order(names, notice)


def test_units_by_category_in_the_notices_order(embedded_store, notice):
    category = "id:concept/unit-category/state-council-constituent-department"
    names = answer(embedded_store, "units-by-category", "nameInNotice", {"category": category})
    assert names[0] == "国家发展改革委" and in_order(names[1:], notice)


def test_lead_departments_in_the_notices_order(embedded_store):
    leads = list(dict.fromkeys(answer(embedded_store, "lead-departments", "nameInNotice")))
    assert leads == LEADS


def test_holders_of_a_lead_duty_in_the_notices_order(embedded_store):
    holders = answer(embedded_store, "holders-of-duty", ("kind", "holder"))
    leads = list(dict.fromkeys(h for kind, h in holders if kind == "dk:LeadDepartment"))
    assert leads == ["unit/ndrc", "unit/cpc-organization"]


def test_counties_with_two_units_first_and_second_as_written(embedded_store, notice, built_graph):
    rows = answer(embedded_store, "counties-with-two-units", ("countyLabel", "firstUnit", "secondUnit"))
    name = {str(u): str(n) for u, n in built_graph.subject_objects(DK.nameInNotice)}
    got = {county: [name[str(ID) + u] for u in pair] for county, *pair in rows}
    two = {p.county: list(p.units) for p in notice.pairings if len(p.units) == 2}
    assert got == two and len(two) == 18


@pytest.mark.parametrize("name", ["county-level-cities", "districts", "zones"])
def test_units_of_each_county_in_the_notices_order(embedded_store, notice, built_graph, name):
    label = {str(u): str(n) for u, n in built_graph.subject_objects(DK.nameInNotice)}
    county = "zone" if name == "zones" else "county"
    by_county: dict[str, list[str]] = {}
    for place, unit in answer(embedded_store, name, (county, "unit")):
        by_county.setdefault(place, []).append(label[str(ID) + unit])
    assert by_county and all(in_order(units, notice) for units in by_county.values())


def ui(store, name: str, **params) -> list[dict]:
    return catalogue().get(name, ui=True).run(store, params).dicts()


def test_home_leads_in_the_notices_order(embedded_store):
    rows = ui(embedded_store, "home-leads", lang="zh", notice="id:document/guobanfa-2021-15")
    assert [str(r["nameInNotice"]) for r in rows] == LEADS


def test_home_programme_each_county_in_the_notices_order(embedded_store, notice):
    rows = ui(embedded_store, "home-programme", lang="zh", notice="id:document/guobanfa-2021-15")
    by_county: dict[str, list[str]] = {}
    for r in rows:
        by_county.setdefault(str(r["countyLabel"]), []).append(str(r["nameInNotice"]))
    assert by_county == {p.county: list(p.units) for p in notice.pairings}


def test_browse_lists_each_county_in_the_notices_order(embedded_store, notice):
    for name, key in (("browse-assignments", "unit"), ("browse-units", "item")):
        by_county: dict[str, list[str]] = {}
        for r in ui(embedded_store, name, lang="zh"):
            if "county" in r:
                by_county.setdefault(str(r["countyLabel"]), []).append(str(r[key]))
        assert all(len(units) == len(set(units)) for units in by_county.values()), name
        yudu = [u.rsplit("/", 1)[-1] for u in by_county["于都县"]]
        assert yudu == ["nhc", "nfsra"], name


def test_division_parts_each_county_in_the_notices_order(embedded_store):
    rows = ui(embedded_store, "entity-division-parts", iri="id:division/360700", lang="zh")
    units = [str(r["unit"]).rsplit("/", 1)[-1] for r in rows if str(r["code"]) in ("360702", "360731")]
    assert units == ["sasac", "nmpa", "nhc", "nfsra"]
