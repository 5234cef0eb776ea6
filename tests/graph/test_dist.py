"""The one reader of a built folder (graph/dist.py): the record, the date, the digests, and no build."""

import json
import shutil

import pytest

from graph.dist import Build
from graph.errors import NoBuild


def test_a_build_reads_its_record_once(built_dist):
    build = Build.open(built_dist)
    record = json.loads((built_dist / "build.json").read_text(encoding="utf-8"))
    assert build.hash == record["hash"] and len(build.hash) == 64
    assert build.digests == record["files"] and "duikou.nt" in build.digests
    assert len(build.date) == 10 and build.date[4] == "-"
    folder = built_dist.resolve()  # the build's own folder, as dist pointed to it when it was opened
    assert build.data_file == folder / "duikou.nq" and build.union_file == folder / "duikou.nt"
    assert build.report_file.name == "validation.ttl"
    assert build.links_file.name == "links.json" and build.path("void.ttl").is_file()
    assert all(build.is_built(name) for name in build.digests)


def test_the_date_is_the_datas_version_not_a_file_time(built_dist, tmp_path):
    """Two builds of the same data cite the same date: the newest date the sources state, whenever built."""
    import os

    from rdflib import Graph

    from graph.build.dcat import data_version

    copy = tmp_path / "dist"
    shutil.copytree(built_dist, copy)
    os.utime(copy / "build.json", (0, 0))  # 1970: a file time, which the date must not follow
    union = Graph().parse(copy / "duikou.nt", format="nt")
    assert Build.open(copy).date == str(data_version(union)) == "2023-06-30"


def test_a_changed_file_is_not_the_one_built(built_dist, tmp_path):
    copy = tmp_path / "dist"
    shutil.copytree(built_dist, copy)
    (copy / "duikou.nt").write_bytes((copy / "duikou.nt").read_bytes() + b"\n")
    build = Build.open(copy)
    assert not build.is_built("duikou.nt") and build.is_built("duikou.ttl")
    assert not build.is_built("no-such-file")


@pytest.mark.parametrize("remove", ["duikou.nq", "build.json"])
def test_a_folder_without_a_build_is_no_build(built_dist, tmp_path, remove):
    copy = tmp_path / "dist"
    shutil.copytree(built_dist, copy)
    (copy / remove).unlink()
    with pytest.raises(NoBuild, match="run `duikou build` first"):
        Build.open(copy)


def test_an_unreadable_record_is_no_build(built_dist, tmp_path):
    copy = tmp_path / "dist"
    shutil.copytree(built_dist, copy)
    (copy / "build.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(NoBuild, match="cannot be read"):
        Build.open(copy)
    (copy / "build.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(NoBuild, match="not a build record"):
        Build.open(copy)
