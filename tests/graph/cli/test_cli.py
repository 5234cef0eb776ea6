"""The `duikou` command: exit codes that mean something, one-line errors, a build that never breaks dist/."""

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from graph import iris
from graph.build.sheet_files import file_names
from graph.cli import exit_code, main
from graph.errors import (
    NoBuild,
    ParameterError,
    QueryNotFound,
    ServiceError,
    SettingError,
    SourceError,
    StoreError,
    UnsafeInput,
)
from graph.inputs.manifest import primary
from graph.paths import ROOT, TABLES

NOTICE = primary().slug


@pytest.fixture(scope="module")
def dist(built_dist):
    """The session's real `duikou build` (the failed builds below must leave it exactly as it is)."""
    return built_dist


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_build_writes_every_file(dist, built_graph):
    assert sorted(p.name for p in dist.iterdir()) == sorted(
        [
            *file_names(),
            "build.json",
            "duikou.jsonld",
            "duikou.nq",
            "duikou.nt",
            "duikou.rdf",
            "duikou.trig",
            "duikou.ttl",
            "links.json",
            "names.json",
            "validation.ttl",
            "void.ttl",
        ]
    )
    assert isomorphic(Graph().parse(dist / "duikou.ttl"), built_graph)
    assert json.loads((dist / "build.json").read_text())["triples"] == len(built_graph)


def test_validate_reads_n_triples_without_rdflib_and_reports_the_same(dist, tmp_path):
    kept = [line for line in (dist / "duikou.nt").read_text().splitlines() if "def#category>" not in line]
    broken_nt, broken_ttl = tmp_path / "broken.nt", tmp_path / "broken.ttl"
    broken_nt.write_text("\n".join(kept) + "\n")
    Graph().parse(broken_nt).serialize(broken_ttl, format="turtle")
    from_nt, from_ttl = run("validate", broken_nt), run("validate", broken_ttl)
    assert from_nt.exit_code == from_ttl.exit_code == 1
    assert "Results (" in from_nt.output and from_nt.output == from_ttl.output
    assert run("validate", broken_nt, "--engine", "pyshacl").exit_code == 1


def test_validate_the_built_graph(dist):
    result = run("validate", dist / "duikou.ttl")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_validate_reports_violations_with_exit_1(dist, tmp_path):
    graph = Graph().parse(dist / "duikou.nt")
    graph.remove((iris.assignment(NOTICE, "mof"), None, None))
    bad = tmp_path / "bad.ttl"
    graph.serialize(bad, format="turtle")
    result = run("validate", bad)
    assert result.exit_code == 1
    assert "Conforms: False" in result.output
    as_turtle = run("validate", bad, "--format", "turtle")
    assert as_turtle.exit_code == 1
    report = Graph().parse(data=as_turtle.output, format="turtle")
    assert (None, RDF.type, SH.ValidationReport) in report
    assert len(list(report.subjects(RDF.type, SH.ValidationResult))) >= 1


def test_validate_with_the_reference_engine_gives_the_same_results(dist, tmp_path):
    """`--engine pyshacl` runs pySHACL; it and the default engine report the same results on bad data."""
    graph = Graph().parse(dist / "duikou.nt")
    graph.remove((iris.assignment(NOTICE, "mof"), None, None))
    bad = tmp_path / "bad.nt"
    graph.serialize(bad, format="nt", encoding="utf-8")
    found = {}
    for engine in ("rudof", "pyshacl"):
        result = run("validate", bad, "--format", "turtle", "--engine", engine)
        assert result.exit_code == 1, result.output
        report = Graph().parse(data=result.output, format="turtle")
        found[engine] = {
            (report.value(r, SH.focusNode), report.value(r, SH.sourceShape))
            for r in report.subjects(RDF.type, SH.ValidationResult)
        }
    assert found["rudof"] == found["pyshacl"] and found["rudof"]
    assert run("validate", dist / "duikou.nt", "--engine", "pyshacl").exit_code == 0
    assert run("validate", bad, "--engine", "jena").exit_code == 2


def test_validate_unreadable_input_exits_2(tmp_path):
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle <", encoding="utf-8")
    result = run("validate", garbage)
    assert result.exit_code == 2
    assert "cannot read" in result.output and "Traceback" not in result.output
    assert run("validate", tmp_path / "missing.ttl").exit_code == 2


@pytest.mark.parametrize(
    "fmt, parse_as", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("rdf", "xml")]
)
def test_export_each_format(dist, built_graph, tmp_path, fmt, parse_as):
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--dist", dist, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(out, format=parse_as), built_graph)


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_export_keeps_the_named_graphs(dist, fmt, tmp_path):
    """The dataset formats write what the build wrote: each source's graph, byte for byte."""
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--dist", dist, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (dist / f"duikou.{fmt}").read_bytes()


@pytest.mark.parametrize(
    "command", [("export",), ("stats",), ("query", "units-of-county"), ("links", "report")], ids=" ".join
)
def test_no_build_is_one_clear_line_and_exit_2(tmp_path, command):
    result = run(*command, "--dist", tmp_path / "nothing")
    assert result.exit_code == 2, result.output
    assert "run `duikou build` first" in result.output and "Traceback" not in result.output


def test_stats(dist):
    result = run("stats", "--dist", dist, "--format", "json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["classes"]["SupportingUnit"] == 63
    assert figures["classes"]["RecipientCounty"] == 43
    by_name = {d["name_zh"]: (d["counties"], d["units"]) for d in figures["divisions"]}
    assert by_name == {
        "江西省": (31, 49),
        "赣州市": (18, 36),
        "吉安市": (8, 8),
        "抚州市": (5, 5),
        "福建省": (12, 12),
        "龙岩市": (7, 7),
        "三明市": (5, 5),
    }
    table = run("stats", "--dist", dist)
    assert table.exit_code == 0 and "赣州市 Ganzhou City" in table.output


def test_a_failed_build_leaves_the_last_good_dist(dist, tmp_path):
    tables = tmp_path / "tables"
    shutil.copytree(TABLES, tables)
    units = tables / "units.csv"
    units.write_text(
        units.read_text(encoding="utf-8").replace("nmpa,国家药监局,", "nmpa,药监局,"), encoding="utf-8"
    )
    before = {p.name: p.read_bytes() for p in dist.iterdir()}
    result = run("build", "--out", dist, "--tables", tables)
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert error_lines == [
        "error: graph/source/guobanfa-2021-15.txt:23: unit '国家药监局' has no row in graph/tables/units.csv"
    ]
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == before


def test_a_build_that_does_not_validate_leaves_the_last_good_dist(dist, tmp_path):
    """Tables that join but break a shape (a national bureau with no administering ministry) keep dist/."""
    tables = tmp_path / "tables"
    shutil.copytree(TABLES, tables)
    units = tables / "units.csv"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace(",NMPA,national-bureau,samr,", ",NMPA,national-bureau,,"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in dist.iterdir()}
    result = run("build", "--out", dist, "--tables", tables)
    assert result.exit_code == 1
    assert "does not conform" in result.output
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == before


def test_graph_never_imports_webui_and_serve_is_loaded_by_name():
    code = "import sys, graph.cli; assert not any(m.split('.')[0] == 'webui' for m in sys.modules), 'webui'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    listed = run("--help")
    assert listed.exit_code == 0 and "serve" in listed.output
    assert run("serve", "--help").exit_code == 0


@pytest.mark.parametrize(
    "args", [("links", "discover", "divisions"), ("links", "discover", "wikidata"), ("link", "divisions")]
)
def test_links_discover_is_one_group(args):
    result = run(*args, "--help")
    assert result.exit_code == 0 and "--out" in result.output


@pytest.mark.parametrize(
    "error, code",
    [
        (NoBuild("x"), 2),
        (UnsafeInput("x"), 2),
        (QueryNotFound("x"), 2),
        (ParameterError("x"), 2),
        (SettingError("x"), 2),
        (SourceError(TABLES / "units.csv", 2, "x"), 1),
        (StoreError("x"), 1),
        (ServiceError("x"), 1),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_one_exit_code_per_kind_of_error(error, code):
    assert exit_code(error) == code
