"""The built graph states the notice's order: dk:positionOnLine on each assignment, dk:leadPosition on each
lead, typed xsd:positiveInteger; a second document that names the leads in another order is refused."""

import shutil

import pytest
from rdflib import XSD, Literal
from test_documents import FIXTURE, fixture_tables

from graph import iris
from graph.build.pipeline import join
from graph.errors import SourceError
from graph.inputs.manifest import primary
from graph.namespaces import DK

SLUG = "guobanfa-2021-15"


def place(n: int) -> Literal:
    return Literal(n, datatype=XSD.positiveInteger)


@pytest.mark.parametrize(
    "unit, position",
    [("nhc", 1), ("nfsra", 2), ("sasac", 1), ("nmpa", 2), ("mof", 1), ("xinhua", 2), ("cofco", 1)],
)
def test_each_assignment_has_its_place_on_its_line(built_graph, unit, position):
    assignment = iris.assignment(SLUG, unit)
    assert list(built_graph.objects(assignment, DK.positionOnLine)) == [place(position)]


def test_every_assignment_has_one_place_and_each_line_counts_from_one(built_graph, notice):
    for pairing in notice.pairings:
        for name, position in pairing.positions.items():
            [unit] = built_graph.subjects(DK.nameInNotice, Literal(name, lang="zh"))
            assignment = iris.assignment(SLUG, str(unit).rsplit("/", 1)[-1])
            assert list(built_graph.objects(assignment, DK.positionOnLine)) == [place(position)], name
    assert len(set(built_graph.subject_objects(DK.positionOnLine))) == 61


def test_the_leads_have_their_place_on_line_21(built_graph):
    assert list(built_graph.objects(iris.unit("ndrc"), DK.leadPosition)) == [place(1)]
    assert list(built_graph.objects(iris.unit("cpc-organization"), DK.leadPosition)) == [place(2)]
    assert len(set(built_graph.subjects(DK.leadPosition, None))) == 2


def test_a_document_naming_the_leads_in_another_order_is_refused(tmp_path):
    """Each lead has one place (dk:leadPosition is on the unit): a document that contradicts it fails the
    build at its line, rather than giving a lead two places."""
    folder = tmp_path / "documents"
    shutil.copytree(FIXTURE, folder)
    text = folder / "test-notice-2099-1.txt"
    text.write_text(
        text.read_text(encoding="utf-8").replace(
            "国家发展改革委、中央组织部作为", "中央组织部、国家发展改革委作为"
        ),
        encoding="utf-8",
    )
    manifest = folder / "manifest.csv"
    real = primary().path.resolve()
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(f"../../../graph/source/{SLUG}.txt", str(real)),
        encoding="utf-8",
    )
    with pytest.raises(
        SourceError, match="'中央组织部' is lead 1 here but lead 2 in another document"
    ) as error:
        join(manifest, fixture_tables(tmp_path / "tables"))
    assert error.value.path == text and error.value.line == 17
