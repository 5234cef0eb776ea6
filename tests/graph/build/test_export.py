"""The dumps re-parse into the same graph, the Turtle is byte-identical across builds, and dist/ is swapped whole."""

import hashlib
import json
import os
import subprocess
import sys

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, VOID

from graph import iris
from graph.build.export import FORMATS, build_hash, publish, render
from graph.paths import ROOT

SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="session")
def files(built_graph):
    return render(built_graph)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_dump_reparses_into_the_same_graph(built_graph, files, fmt):
    parsed = Graph().parse(
        data=files[f"duikou.{FORMATS[fmt].suffix}"],
        format=FORMATS[fmt].rdflib_format.replace("longturtle", "turtle").replace("pretty-xml", "xml"),
    )
    assert isomorphic(parsed, built_graph)


def test_jsonld_uses_a_compact_context(files):
    document = json.loads(files["duikou.jsonld"])
    assert document["@context"]["dk"] == "https://w3id.org/duikou/def#"
    assert '"dk:supports"' in files["duikou.jsonld"].decode("utf-8")


BUILD_TTL = (
    "from graph.build.assemble import build_graph; from graph.build.export import serialize; import sys; "
    "sys.stdout.buffer.write(serialize(build_graph(), 'ttl'))"
)


def test_turtle_is_byte_identical_across_builds():
    """Two builds in fresh processes with different hash seeds (set order differs) give the same bytes."""
    outputs = [
        subprocess.run(
            [sys.executable, "-c", BUILD_TTL],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 100_000


def test_void_describes_counts_and_checksums(built_graph, files):
    void = Graph().parse(data=files["void.ttl"], format="turtle")
    ds = iris.DATASET
    assert int(void.value(ds, VOID.triples)) == len(built_graph)
    partitions = {
        void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
        for p in void.objects(ds, VOID.classPartition)
    }
    assert partitions[URIRef("https://w3id.org/duikou/def#RecipientCounty")] == 43
    assert partitions[URIRef("https://w3id.org/duikou/def#SupportingUnit")] == 63
    distributions = list(void.objects(ds, DCAT.distribution))
    assert len(distributions) == len(FORMATS)
    for dist in distributions:
        name = str(void.value(dist, DCAT.downloadURL)).rsplit("/", 1)[1]
        checksum = void.value(void.value(dist, URIRef(SPDX + "checksum")), URIRef(SPDX + "checksumValue"))
        assert str(checksum) == hashlib.sha256(files[name]).hexdigest(), name
        assert int(void.value(dist, DCAT.byteSize)) == len(files[name])
    assert str(void.value(ds, URIRef("http://www.w3.org/2002/07/owl#versionInfo"))) == build_hash(built_graph)


def test_publish_replaces_dist_whole(tmp_path):
    dist = tmp_path / "dist"
    publish({"a.txt": b"old", "stale.txt": b"x"}, dist)
    publish({"a.txt": b"new"}, dist)
    assert sorted(p.name for p in dist.iterdir()) == ["a.txt"]
    assert (dist / "a.txt").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]  # no staging folders left behind


def test_a_failed_publish_leaves_the_old_dist(tmp_path):
    dist = tmp_path / "dist"
    publish({"a.txt": b"old"}, dist)
    with pytest.raises(TypeError):
        publish({"a.txt": "not bytes"}, dist)
    assert (dist / "a.txt").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]
