"""The dumps re-parse into the same graph, are byte-identical across builds, and dist/ is swapped whole."""

import hashlib
import json
import sys

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, VOID

from graph import iris
from graph.build.export import build_hash, render
from graph.build.sheet_files import file_names
from graph.formats import DATASET_FORMATS, GRAPH_FORMATS, serialize
from graph.inputs.manifest import primary
from graph.paths import ROOT
from helpers.hash_seeds import under_two_hash_seeds

SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="session")
def files(built_sources):
    return render(built_sources, iris.document(primary().slug))


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_each_dump_reparses_into_the_same_graph(built_graph, files, fmt):
    parsed = Graph().parse(
        data=files[f"duikou.{GRAPH_FORMATS[fmt].suffix}"], format=GRAPH_FORMATS[fmt].rdflib
    )
    assert isomorphic(parsed, built_graph)


@pytest.mark.parametrize("fmt, parser", [("nq", "nquads"), ("trig", "trig")])
def test_each_dataset_dump_reparses_into_the_same_named_graphs(built_sources, files, fmt, parser):
    """N-Quads and TriG keep each source's graph: the same graphs, each with the same triples."""
    parsed = Dataset()
    parsed.parse(data=files[f"duikou.{fmt}"], format=parser)
    graphs = {g.identifier: g for g in parsed.graphs() if len(g)}
    assert set(graphs) == set(built_sources.graphs)
    for name, graph in built_sources.graphs.items():
        assert isomorphic(graphs[name], graph), name
    assert sum(map(len, graphs.values())) == len(built_sources.union), "each triple in one graph"


def test_jsonld_uses_a_compact_context(files):
    document = json.loads(files["duikou.jsonld"])
    assert document["@context"]["dk"] == "https://w3id.org/duikou/def#"
    assert '"dk:supports"' in files["duikou.jsonld"].decode("utf-8")


BUILD_DUMP = (
    "from graph.build.assemble import build_sources; from graph.formats import serialize, serialize_dataset; "
    "import sys; built = build_sources(); fmt = sys.argv[1]; sys.stdout.buffer.write("
    "serialize_dataset(built.graphs, fmt) if fmt in ('nq', 'trig') "
    "else serialize(built.union, fmt, style='dump'))"
)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "rdf", "nq", "trig"])
def test_a_dump_is_byte_identical_across_builds(fmt):
    """Two builds in fresh processes with different hash seeds (set order differs) give the same bytes."""
    outputs = under_two_hash_seeds([sys.executable, "-c", BUILD_DUMP, fmt], cwd=ROOT)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 100_000


def test_the_dumps_are_those_of_the_one_serialiser(built_graph, files):
    for key, spec in GRAPH_FORMATS.items():
        if key != "rdf":  # RDF/XML orders its subjects by Python's string hash, which differs per process
            assert files[f"duikou.{spec.suffix}"] == serialize(built_graph, key, style="dump"), key


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
    sheets = [name for name in file_names() if not name.endswith("-metadata.json")]
    assert len(distributions) == len(GRAPH_FORMATS) + len(DATASET_FORMATS) + len(sheets)
    for dist in distributions:
        name = str(void.value(dist, DCAT.downloadURL)).rsplit("/", 1)[1]
        checksum = void.value(void.value(dist, URIRef(SPDX + "checksum")), URIRef(SPDX + "checksumValue"))
        assert str(checksum) == hashlib.sha256(files[name]).hexdigest(), name
        assert int(void.value(dist, DCAT.byteSize)) == len(files[name])
    digest = build_hash(serialize(built_graph, "nt", style="dump"))
    assert str(void.value(ds, URIRef("http://www.w3.org/2002/07/owl#versionInfo"))) == digest


def test_void_lists_each_source_graph_with_its_size(built_sources, files):
    void = Graph().parse(data=files["void.ttl"], format="turtle")
    subsets = set(void.objects(iris.DATASET, VOID.subset))
    for name, graph in built_sources.graphs.items():
        assert name in subsets and int(void.value(name, VOID.triples)) == len(graph), name
        assert void.value(name, DCTERMS.title) is not None
