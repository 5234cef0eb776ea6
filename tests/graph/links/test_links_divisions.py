"""Division codes by link discovery: the committed linkset is what a fresh run gives, renamed divisions are
found through the code history, nothing is guessed, and the build takes its codes from the linkset."""

import shutil

import pytest
from click.testing import CliRunner
from rdflib import RDF, SKOS, XSD, Literal

from graph import iris
from graph.build.assemble import build_graph
from graph.cli import main
from graph.errors import SourceError
from graph.inputs.reference import DivisionTables, statistical_code
from graph.links.divisions import DivisionLinker, discover, linkset_rows, same_name
from graph.links.linksets import DIVISION_COLUMNS, Linksets, to_csv
from graph.namespaces import DK
from graph.paths import LINKSETS, TABLES
from helpers.tables import edit

GANZHOU, LONGYAN = "360700", "350800"


@pytest.fixture(scope="module")
def linker():
    return DivisionLinker(DivisionTables(), 2021)


# -- link discovery ------------------------------------------------------------------------------------


def test_the_committed_linkset_is_what_a_fresh_run_gives(tables):
    fresh = to_csv(DIVISION_COLUMNS, linkset_rows(discover(tables["divisions"])))
    assert (LINKSETS / "divisions.csv").read_text(encoding="utf-8") == fresh


def test_every_division_is_matched(tables):
    links = discover(tables["divisions"])
    assert len(links) == 50 and {link.status for link in links} == {"matched"}


@pytest.mark.parametrize(
    "name, parent, code",
    [
        ("江西省", "", "360000"),
        ("三明市", "350000", "350400"),
        ("龙南市", GANZHOU, "360783"),
        ("赣县区", GANZHOU, "360704"),
        ("南康区", GANZHOU, "360703"),
        ("永定区", LONGYAN, "350803"),
    ],
)
def test_a_name_within_its_parent_gives_the_code(linker, name, parent, code):
    level = "province" if not parent else "city" if parent.endswith("0000") else "county"
    link = linker.link(name, "", level, parent)
    assert (link.status, link.code, link.statistical_code) == ("matched", code, code + "000000")
    assert link.subject == str(iris.division(code)) and link.target == str(iris.nbs_entry(code))


@pytest.mark.parametrize(
    "code, former, predecessors",
    [
        ("360783", ("360727", "362128"), ()),  # 龙南县 until 2020, and before 1998 under 赣州地区
        ("360704", ("360721", "362121"), ()),  # 赣县 until 2016
        ("360703", ("360782", "362103", "362122"), ()),  # 南康市 until 2013, 南康县 until 1995
        ("350803", ("350822", "352623"), ()),  # 永定县 until 2014
        ("360702", ("362101",), ("360782",)),  # county-level 赣州市 renamed 1998; part of 南康市 in 2013
        ("360803", (), ("362401", "362421", "362422")),  # 青原区: made in 2000 from parts of three
        ("360000", (), ()),
    ],
)
def test_former_codes_come_from_the_code_history(linker, code, former, predecessors):
    assert linker.former_codes(code) == (former, predecessors)


def test_a_renamed_division_is_found_through_the_code_history_and_not_linked(linker):
    link = linker.link("龙南县", "赣州市", "county", GANZHOU)
    assert (link.status, link.code, link.candidates, link.method) == (
        "renamed",
        "",
        ("360783",),
        "code-history",
    )
    assert "360727 龙南县 (1998–2020) → 360783" in link.evidence and "now 360783 龙南市" in link.evidence


def test_a_split_division_is_ambiguous(linker):
    link = linker.link("南康市", "赣州市", "county", GANZHOU)
    assert (link.status, link.code, link.candidates) == ("ambiguous", "", ("360702", "360703"))


def test_an_unknown_name_is_missing(linker):
    link = linker.link("瑞金县", "赣州市", "county", GANZHOU)
    assert (link.status, link.code, link.candidates) == ("missing", "", ())
    assert "no division named '瑞金县' under 赣州市" in link.evidence


def test_a_name_under_the_wrong_parent_is_missing(linker):
    assert linker.link("瑞金市", "龙岩市", "county", LONGYAN).status == "missing"


def test_a_child_of_an_unlinked_parent_is_not_looked_up(linker):
    link = linker.link("瑞金市", "赣南市", "county", "")
    assert link.status == "missing" and "has no code" in link.evidence


def test_names_across_a_change_of_type():
    assert same_name("赣县", "赣县区") and same_name("龙南县", "龙南市") and same_name("永定县", "永定区")
    assert not same_name("南康市", "章贡区") and not same_name("吉安市", "吉州区")


def test_the_statistical_code_rule():
    assert statistical_code("360781") == "360781000000"
    with pytest.raises(ValueError):
        statistical_code("36078")


def run(*args):
    return CliRunner().invoke(main, ["link", "divisions", *[str(a) for a in args]])


def test_the_cli_writes_the_committed_file(tmp_path):
    out = tmp_path / "divisions.csv"
    result = run("--out", out)
    assert result.exit_code == 0, result.output
    assert "50 matched" in result.output
    assert out.read_bytes() == (LINKSETS / "divisions.csv").read_bytes()


def test_the_cli_reports_what_it_cannot_match_and_exits_1(tmp_path):
    tables = tmp_path / "tables"
    shutil.copytree(TABLES, tables)
    edit(tables / "divisions.csv", "龙南市,赣州市,", "龙南县,赣州市,")
    edit(tables / "divisions.csv", "瑞金市,赣州市,", "瑞金县,赣州市,")
    edit(tables / "divisions.csv", "南康区,赣州市,", "南康市,赣州市,")
    out = tmp_path / "divisions.csv"
    result = run("--tables", tables, "--out", out)
    assert result.exit_code == 1
    assert "renamed: 龙南县 (赣州市)" in result.output and "missing: 瑞金县 (赣州市)" in result.output
    assert (
        "ambiguous: 南康市 (赣州市)" in result.output
        and "47 matched, 1 renamed, 1 ambiguous, 1 missing" in result.output
    )
    written = Linksets.load(_with(tmp_path, out)).divisions
    assert {r["name_zh"]: (r["status"], r["code"], r["candidates"]) for r in written}["龙南县"] == (
        "renamed",
        "",
        "360783",
    )


def _with(tmp_path, divisions):
    """A copy of the linksets folder with another divisions.csv."""
    folder = tmp_path / "linksets"
    shutil.copytree(LINKSETS, folder)
    shutil.copy(divisions, folder / "divisions.csv")
    return folder


# -- the build reads the linkset -----------------------------------------------------------------------


def test_divisions_carry_their_codes(built_graph):
    longnan = iris.division("360783")
    assert built_graph.value(longnan, SKOS.notation) == Literal("360783")
    assert built_graph.value(longnan, DK.statisticalCode) == Literal("360783000000")
    entry = built_graph.value(longnan, DK.codeListEntry)
    assert entry == iris.nbs_entry("360783")
    assert built_graph.value(entry, DK.recordedName) == Literal("龙南市", lang="zh")
    assert set(built_graph.objects(longnan, DK.formerCode)) == {
        iris.division_code("360727"),
        iris.division_code("362128"),
    }


def test_a_former_code_with_its_name_years_and_successor(built_graph):
    code = iris.division_code("360727")
    assert (code, RDF.type, DK.FormerDivisionCode) in built_graph
    assert built_graph.value(code, DK.recordedName) == Literal("龙南县", lang="zh")
    assert built_graph.value(code, DK.introducedIn) == Literal("1998", datatype=XSD.gYear)
    assert built_graph.value(code, DK.withdrawnIn) == Literal("2020", datatype=XSD.gYear)
    assert set(built_graph.objects(code, DK.replacedBy)) == {iris.division("360783")}
    assert set(built_graph.objects(iris.division_code("362128"), DK.replacedBy)) == {code}
    nankang = iris.division_code("360782")  # 南康市: split between 章贡区 and 南康区
    assert set(built_graph.objects(nankang, DK.replacedBy)) == {
        iris.division("360702"),
        iris.division("360703"),
    }
    assert (iris.division("360702"), DK.formerCode, nankang) not in built_graph


def test_every_division_has_one_code_list_entry(built_graph):
    divisions = set(built_graph.subjects(RDF.type, DK.AdministrativeDivision))
    assert len(divisions) == 50
    assert all(len(list(built_graph.objects(d, DK.codeListEntry))) == 1 for d in divisions)


@pytest.fixture
def linksets(tmp_path):
    folder = tmp_path / "linksets"
    shutil.copytree(LINKSETS, folder)
    return folder


def build(notice, tables, folder):
    return build_graph(notice, tables, linksets=Linksets.load(folder))


def test_a_division_the_linkset_lacks_names_the_table_row(notice, tables, linksets):
    text = (linksets / "divisions.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if ",瑞金市,赣州市," not in line]
    (linksets / "divisions.csv").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(
        SourceError,
        match=r"tables/divisions.csv:12: 瑞金市 has no row in .*divisions.csv: run "
        r"`duikou links discover divisions`",
    ):
        build(notice, tables, linksets)


def test_a_linkset_row_that_is_not_matched_fails_the_build(notice, tables, linksets):
    edit(linksets / "divisions.csv", ",360781,360781000000,matched,", ",360781,360781000000,renamed,")
    with pytest.raises(SourceError, match=r"linksets/divisions.csv:12: 瑞金市 is 'renamed', not 'matched'"):
        build(notice, tables, linksets)


def test_a_linkset_code_the_reference_disagrees_with_fails_the_build(notice, tables, linksets):
    edit(linksets / "divisions.csv", ",瑞金市,赣州市,county,360781,", ",瑞金市,赣州市,county,360782,")
    with pytest.raises(
        SourceError, match=r"divisions.csv:12: the 2023 tables name 360782 None, not '瑞金市'"
    ):
        build(notice, tables, linksets)


def test_a_linkset_row_for_no_division_fails_the_build(notice, tables, linksets):
    with (linksets / "divisions.csv").open("a", encoding="utf-8") as handle:
        handle.write(",,井冈山市,吉安市,county,,,missing,,,,,none,\n")
    with pytest.raises(SourceError, match=r"divisions.csv:52: 井冈山市 \(吉安市\) is not a row of"):
        build(notice, tables, linksets)


def test_a_bad_status_names_its_line(linksets):
    edit(linksets / "divisions.csv", ",matched,", ",guessed,")
    with pytest.raises(SourceError, match=r"divisions.csv:2: status 'guessed' is not one of"):
        Linksets.load(linksets)
