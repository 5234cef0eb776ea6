"""Wikidata reconciliation, end to end against a real SPARQL server (Oxigraph on 127.0.0.1, loaded with the
Wikidata-shaped tests/fixtures/wikidata.ttl): found by code, duplicate, missing, wrong code, seeds, units by
name and class, and the build turning only verified rows into links (the client: its own test file)."""

import csv
import shutil

import pytest
from rdflib import SKOS, Literal
from wikidata_run import CLASSES, run_cli, subjects_of

from graph import iris
from graph.build.assemble import build_graph
from graph.build.validate import validate
from graph.links.linksets import (
    WIKIDATA_COLUMNS,
    Linksets,
    read_linkset,
    write_linkset,
)
from graph.links.wikidata import (
    _no_shared_items,
    reconcile,
    seed_rows,
    seeds_from_readme,
    with_seed,
)
from graph.links.wikidata_client import CachedClient
from graph.links.wikidata_queries import Subject, label_query
from graph.namespaces import WD
from graph.paths import LINKSETS


@pytest.fixture(scope="module")
def subjects(tables):
    return subjects_of(tables)


@pytest.fixture(scope="module")
def run(wikidata_endpoint, subjects, tmp_path_factory):
    """One reconciliation of all our divisions and units against the fixture server, rows by Chinese name."""
    client = CachedClient(wikidata_endpoint, tmp_path_factory.mktemp("cache"), sleep=lambda s: None)
    rows = reconcile(subjects, client, CLASSES, seeds_from_readme(), batch=20)
    return {row["name_zh"]: row for row in rows}


# -- divisions by code ---------------------------------------------------------------------------------


def test_a_county_found_by_its_code_is_verified(run):
    row = run["瑞金市"]
    assert (row["status"], row["qid"], row["label"], row["method"]) == (
        "verified",
        "Q990000011",
        "瑞金市",
        "P442",
    )
    assert row["retrieved"] and row["subject"] == str(iris.division("360781"))


def test_two_items_with_one_code_are_ambiguous_and_not_linked(run):
    row = run["章贡区"]
    assert (row["status"], row["qid"], row["candidates"]) == ("ambiguous", "", "Q990000021 Q990000022")


def test_a_division_without_an_item_is_missing(run):
    assert (run["石城县"]["status"], run["石城县"]["qid"]) == ("missing", "")


def test_an_item_with_our_name_and_another_code_is_a_conflict(run):
    row = run["龙南市"]
    assert (row["status"], row["qid"], row["candidates"]) == ("conflict", "", "Q990000031")
    assert "360727" in row["evidence"]


def test_a_namesake_in_another_city_is_no_conflict(run):
    row = run["永定区"]  # 张家界市永定区 430802 is another division of the same name
    assert (row["status"], row["candidates"]) == ("missing", "")
    assert "Q990000041" in row["evidence"]


# -- seeds ---------------------------------------------------------------------------------------------


def test_the_readme_seeds_are_the_seven_known_identifiers():
    assert seeds_from_readme() == {
        "江西省": "Q57052",
        "福建省": "Q41705",
        "赣州市": "Q363166",
        "吉安市": "Q363262",
        "抚州市": "Q363391",
        "龙岩市": "Q68862",
        "三明市": "Q68614",
    }


def test_a_seed_confirmed_by_the_run_is_verified(run):
    row = run["江西省"]
    assert (row["status"], row["qid"]) == ("verified", "Q57052")
    assert "confirms the seed" in row["evidence"]


def test_a_seed_contradicted_by_the_run_is_a_conflict(run):
    row = run["福建省"]
    assert (row["status"], row["qid"], row["candidates"]) == ("conflict", "", "Q990000002 Q41705")


def test_a_seed_the_run_cannot_find_stays_a_candidate(run):
    row = run["赣州市"]
    assert (row["status"], row["qid"], row["candidates"]) == ("missing", "", "Q363166")


def test_the_committed_linkset_holds_every_seed(subjects):
    rows = {r["name_zh"]: r for r in read_linkset(LINKSETS / "wikidata.csv", WIKIDATA_COLUMNS)}
    for name, qid in seeds_from_readme().items():
        row = rows[name]
        assert row["status"] != "unverified-seed" or row["qid"] == qid, name
        assert row["status"] == "unverified-seed" or row["retrieved"], f"{name}: a run's row has its date"


def test_seed_rows_ask_nothing_and_link_nothing(subjects):
    rows = seed_rows(subjects, seeds_from_readme())
    assert {r["status"] for r in rows} == {"unverified-seed"} and len(rows) == 7


def test_with_seed_keeps_a_verified_match_of_the_seed():
    row = {"status": "verified", "qid": "Q1", "candidates": "", "evidence": "P442 1", "label": ""}
    assert with_seed(row, "Q1")["status"] == "verified"
    assert with_seed(row, "Q2")["status"] == "conflict"


# -- units by Chinese name and class -------------------------------------------------------------------


def test_a_ministry_found_by_its_name_and_class_is_verified(run):
    row = run["国家发展和改革委员会"]
    assert (row["status"], row["qid"], row["method"]) == ("verified", "Q990000101", "zh-label+P31")
    assert "Q192350" in row["evidence"]


def test_a_unit_found_by_the_name_the_notice_uses(run):
    assert (run["新华通讯社"]["status"], run["新华通讯社"]["qid"], run["新华通讯社"]["label"]) == (
        "verified",
        "Q990000141",
        "新华社",
    )


def test_a_class_reached_through_subclass_of_counts(run):
    assert (run["国家开发银行"]["status"], run["国家开发银行"]["qid"]) == ("verified", "Q990000131")


def test_two_units_of_one_name_are_ambiguous(run):
    assert (run["科学技术部"]["status"], run["科学技术部"]["candidates"]) == (
        "ambiguous",
        "Q990000111 Q990000112",
    )


def test_a_namesake_of_no_accepted_class_is_a_conflict(run):
    assert (run["财政部"]["status"], run["财政部"]["candidates"]) == ("conflict", "Q990000121")


def test_one_item_verified_for_two_of_ours_is_a_conflict_for_both():
    rows = [
        {"name_zh": n, "status": "verified", "qid": "Q7", "candidates": "", "evidence": "e"} for n in "AB"
    ]
    assert [(r["status"], r["qid"], r["candidates"]) for r in _no_shared_items(rows)] == [
        ("conflict", "", "Q7")
    ] * 2


def test_names_enter_queries_as_escaped_literals(wikidata_endpoint, tmp_path):
    tricky = 'x" } ; DROP ALL ; # \\ \n'
    text = label_query([tricky], CLASSES)
    assert Literal(tricky, lang="zh").n3() in text
    bindings, _ = CachedClient(wikidata_endpoint, tmp_path).select(text)
    assert bindings == []


# -- the linkset and the build -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run_linksets(run, tmp_path_factory):
    """The project's linksets with wikidata.csv replaced by the fixture run."""
    folder = tmp_path_factory.mktemp("linksets") / "linksets"
    shutil.copytree(LINKSETS, folder)
    write_linkset(folder / "wikidata.csv", WIKIDATA_COLUMNS, list(run.values()))
    return folder


def test_the_cli_writes_one_row_per_division_and_unit(wikidata_endpoint, tmp_path):
    out = tmp_path / "wikidata.csv"
    result = run_cli("--endpoint", wikidata_endpoint, "--cache", tmp_path / "cache", "--out", out)
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 50 + 63 and tuple(rows[0]) == WIKIDATA_COLUMNS
    assert {r["source"] for r in rows} == {wikidata_endpoint}


def test_only_verified_rows_become_exact_matches(notice, tables, run, run_linksets):
    graph = build_graph(notice, tables, linksets=Linksets.load(run_linksets))
    links = set(graph.subject_objects(SKOS.exactMatch))
    verified = {(r["subject"], r["qid"]) for r in run.values() if r["status"] == "verified"}
    assert {(str(s), str(o)[len(str(WD)) :]) for s, o in links} == verified
    assert iris.division("360702") not in {s for s, _ in links}  # ambiguous: listed, not linked
    assert len(verified) == 5  # 江西省 (its seed confirmed), 瑞金市, and three units
    assert validate(graph).conforms


def test_a_linkset_row_naming_another_entity_fails_the_build(notice, tables, run_linksets, tmp_path):
    from graph.errors import SourceError

    folder = tmp_path / "linksets"
    shutil.copytree(run_linksets, folder)
    text = (folder / "wikidata.csv").read_text(encoding="utf-8")
    (folder / "wikidata.csv").write_text(text.replace(",瑞金市,", ",瑞金县,", 1), encoding="utf-8")
    with pytest.raises(SourceError, match=r"wikidata.csv:\d+: .*is not named '瑞金县'"):
        build_graph(notice, tables, linksets=Linksets.load(folder))


def test_subjects_are_the_matched_divisions_and_every_unit(subjects):
    kinds = [s.kind for s in subjects]
    assert kinds.count("division") == 50 and kinds.count("unit") == 63
    ruijin = next(s for s in subjects if s.name_zh == "瑞金市")
    assert ruijin == Subject(
        str(iris.division("360781")), "division", "瑞金市", "360781", parent_prefix="3607"
    )
