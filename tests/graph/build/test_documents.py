"""Documents are data: a second document in the manifest is built with no change of code, under its own slug,
and leaves the graph of the first as it was; a broken manifest names its file and line.

The shapes hold one pairing per unit (dks:PairedUnitShape: every unit but a lead has exactly one assignment),
and the stated totals (63 units, 61 of them paired) leave no unit unpaired, so no second document with
pairings can conform: the invented one repeats three real pairings, and that shape is the one that objects,
about exactly those three units. The build refuses it and leaves dist/ alone."""

import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SH

from graph import iris
from graph.build.pipeline import build, join
from graph.build.validate import validate
from graph.errors import BuildError, SourceError
from graph.inputs.documents import READERS, read_documents
from graph.inputs.manifest import READERS as READER_NAMES
from graph.inputs.manifest import load_manifest
from graph.namespaces import DK, ID
from graph.paths import TABLES

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
INVENTED = "test-notice-2099-1"  # the invented document of tests/fixtures/documents/


def fixture_tables(target: Path) -> Path:
    """A copy of the real tables with the invented document's rows appended."""
    shutil.copytree(TABLES, target)
    for extra in (FIXTURE / "tables").glob("*.csv"):
        rows = extra.read_text(encoding="utf-8").splitlines(keepends=True)[1:]
        with (target / extra.name).open("a", encoding="utf-8") as handle:
            handle.writelines(rows)
    return target


@pytest.fixture(scope="module")
def two_tables(tmp_path_factory):
    return fixture_tables(tmp_path_factory.mktemp("two-documents") / "tables")


@pytest.fixture(scope="module")
def two_documents(two_tables):
    """The graph of the real notice and the invented one, joined by the library call, not yet validated."""
    notices, built = join(FIXTURE / "manifest.csv", two_tables)
    graph = built.union
    assert [n.slug for n in notices] == ["guobanfa-2021-15", INVENTED]
    return graph


def invented_part(graph: Graph) -> Graph:
    """The triples that name something of the invented document: its documents, lines, sections, pairings,
    source and named graph. The rest of the two-document graph must be the real build."""
    paths = (f"document/{INVENTED}", f"assignment/{INVENTED}/", "source/test-data")
    prefixes = (*(str(ID) + path for path in paths), str(iris.graph(INVENTED)))
    part = Graph()
    for triple in graph:
        if any(isinstance(term, URIRef) and str(term).startswith(prefixes) for term in triple):
            part.add(triple)
    return part


def test_the_invented_document_is_built_under_its_own_slug(two_documents):
    g = two_documents
    notice = iris.document(INVENTED)
    assert (notice, RDF.type, DK.Notice) in g
    assert str(g.value(notice, URIRef("http://purl.org/dc/terms/identifier"))) == "国办发〔2099〕1号"
    line = iris.line(INVENTED, 19)
    assert (notice, DK.hasLine, line) in g
    assert set(g.objects(line, DK.mentions)) == {
        iris.unit("mof"),
        iris.unit("xinhua"),
        iris.division("360781"),
    }
    sections = {s for s in g.subjects(RDF.type, DK.Section) if str(s).startswith(str(notice))}
    assert sections == {iris.section(INVENTED, path) for path in ("1", "1-1", "1-2")}
    assert (iris.section(INVENTED, "1"), DK.hasSection, iris.section(INVENTED, "1-1")) in g
    pairing = iris.assignment(INVENTED, "mof")
    assert g.value(pairing, DK.establishedBy) == notice
    assert g.value(pairing, DK.recipient) == iris.division("360781")
    assert list(g.objects(pairing, PROV.wasDerivedFrom)) == [line]
    assert {
        a
        for a in g.subjects(RDF.type, DK.Assignment)
        if str(a).startswith(str(ID) + "assignment/" + INVENTED)
    } == {iris.assignment(INVENTED, slug) for slug in ("mof", "xinhua", "cofco")}


def test_the_real_notice_is_unchanged(two_documents, built_graph):
    g = two_documents
    rest = Graph()
    for triple in g - invented_part(g):
        rest.add(triple)
    assert isomorphic(rest, built_graph)
    assert len(invented_part(g)) > 100


def test_only_the_one_pairing_per_unit_shape_objects(two_documents):
    report = validate(two_documents)
    results = set(report.graph.subjects(RDF.type, SH.ValidationResult))
    assert {str(report.graph.value(r, SH.sourceShape)).rsplit("#", 1)[1] for r in results} == {
        "PairedUnitShape"
    }
    assert {report.graph.value(r, SH.focusNode) for r in results} == {
        iris.unit(slug) for slug in ("mof", "xinhua", "cofco")
    }


def test_the_build_refuses_it_and_keeps_the_last_good_dist(two_tables, tmp_path):
    dist = tmp_path / "dist"
    (dist).mkdir()
    (dist / "duikou.nt").write_text("last good\n", encoding="utf-8")
    with pytest.raises(BuildError, match="does not conform") as error:
        build(dist, manifest=FIXTURE / "manifest.csv", tables=two_tables)
    assert "dks:PairedUnitShape" in error.value.__notes__[0]
    assert [p.name for p in dist.iterdir()] == ["duikou.nt"]
    assert (dist / "duikou.nt").read_text(encoding="utf-8") == "last good\n"


def test_every_reader_the_manifest_allows_is_there():
    assert set(READERS) == set(READER_NAMES)
    assert [n.slug for n in read_documents(FIXTURE / "manifest.csv")] == ["guobanfa-2021-15", INVENTED]


@pytest.mark.parametrize(
    "change, line, message",
    [
        ((",notice,test-data", ",letter,test-data"), 3, "reader 'letter' is not one of notice"),
        (("test-notice-2099-1.txt,", "missing.txt,"), 3, "file 'missing.txt' is not beside the manifest"),
        (("\ntest-notice-2099-1,", "\nguobanfa-2021-15,"), 2, "slug 'guobanfa-2021-15' is listed twice"),
    ],
    ids=["unknown-reader", "missing-file", "duplicate-slug"],
)
def test_a_broken_manifest_names_file_and_line(tmp_path, change, line, message):
    for name in ("manifest.csv", f"{INVENTED}.txt"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    manifest = tmp_path / "manifest.csv"
    text = manifest.read_text(encoding="utf-8").replace(
        "../../../graph/source/", str(TABLES.parent / "source") + "/"
    )
    assert change[0] in text
    manifest.write_text(text.replace(*change), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_manifest(manifest)
    assert error.value.line == line and error.value.path == manifest
    assert f"manifest.csv:{line}: {message}" in str(error.value)
    with pytest.raises(SourceError, match=message):
        build(tmp_path / "dist", manifest=manifest)
    assert not (tmp_path / "dist").exists()


def test_the_invented_document_is_never_built_into_dist():
    assert INVENTED not in [document.slug for document in load_manifest()]
    assert "虚构" in (FIXTURE / f"{INVENTED}.txt").read_text(encoding="utf-8")
