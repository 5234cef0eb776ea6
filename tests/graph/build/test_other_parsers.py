"""Parsers other than rdflib read every dump of dist/ and find what rdflib finds: N3.js (JavaScript, the
parser of most RDF tools on the web) for Turtle, N-Triples, N-Quads and TriG, which is all it reads, and
rudof's (Rust, pyrudof) for those and RDF/XML and JSON-LD. A dump that only rdflib can read is a dump that
other clients cannot use.

N3.js is installed by `make test` (.ci/rdf-tools: Node.js from Debian if missing, N3.js by `npm ci` in
tests/n3js/); a missing install FAILS here rather than skips, since CI must have it.
"""

import json
import shutil
import subprocess

import pyrudof
import pytest
from rdflib import Dataset

from graph.formats import DATASET_FORMATS, GRAPH_FORMATS
from graph.paths import ROOT

N3JS = ROOT / "tests" / "n3js"
N3JS_FORMATS = {"ttl": "Turtle", "nt": "N-Triples", "nq": "N-Quads", "trig": "TriG"}
RUDOF_FORMATS = {
    "ttl": pyrudof.RDFFormat.Turtle,
    "nt": pyrudof.RDFFormat.NTriples,
    "nq": pyrudof.RDFFormat.NQuads,
    "trig": pyrudof.RDFFormat.TriG,
    "rdf": pyrudof.RDFFormat.RdfXml,
    "jsonld": pyrudof.RDFFormat.JsonLd,
}
DUMPS = {key: spec.suffix for key, spec in {**GRAPH_FORMATS, **DATASET_FORMATS}.items()}


@pytest.fixture(scope="session")
def rdflib_counts(built_dist) -> dict[str, tuple[int, list[str]]]:
    """Statements and named graphs of each dump, as rdflib reads it."""
    counts = {}
    for key, suffix in DUMPS.items():
        parsed = Dataset()
        parsed.parse(built_dist / f"duikou.{suffix}", format={**GRAPH_FORMATS, **DATASET_FORMATS}[key].rdflib)
        named = sorted(str(g.identifier) for g in parsed.graphs() if len(g) and key in DATASET_FORMATS)
        counts[key] = (sum(1 for _ in parsed.quads()), named)
    return counts


@pytest.fixture(scope="session")
def node() -> str:
    found = shutil.which("node")
    if found is None or not (N3JS / "node_modules" / "n3" / "package.json").is_file():
        pytest.fail("N3.js is not installed: run `sh .ci/rdf-tools` (or `make test`)", pytrace=False)
    return found


@pytest.mark.parametrize("key", sorted(N3JS_FORMATS))
def test_n3js_reads_each_dump_as_rdflib_does(node, built_dist, rdflib_counts, key):
    dump = built_dist / f"duikou.{DUMPS[key]}"
    answer = subprocess.run(
        [node, str(N3JS / "count.mjs"), str(dump), N3JS_FORMATS[key]],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    found = json.loads(answer.stdout)
    statements, named = rdflib_counts[key]
    assert found["statements"] == statements > 5000
    if key in DATASET_FORMATS:  # the build's named graphs, none left in the default graph
        assert (
            found["graphs"] == named == sorted(json.loads((built_dist / "build.json").read_text())["graphs"])
        )
    else:
        assert found["graphs"] == [""]


@pytest.mark.parametrize("key", sorted(RUDOF_FORMATS))
def test_rudof_reads_each_dump_as_rdflib_does(built_dist, rdflib_counts, key):
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(
        str(built_dist / f"duikou.{DUMPS[key]}"),
        format=RUDOF_FORMATS[key],
        reader_mode=pyrudof.ReaderMode.Strict,
    )
    assert sum(1 for _ in rudof.triples()) == rdflib_counts[key][0] > 5000
