"""A broken table fails the build with the file and line of the bad row."""

import pytest

from graph.errors import SourceError
from graph.inputs.tables import SCHEMAS, load_all, read_table
from helpers.tables import edit


def test_every_table_loads_with_a_source_for_every_row():
    tables = load_all()
    assert set(tables) == set(SCHEMAS)
    assert len(tables["units"]) == 63
    assert len(tables["divisions"]) == 50
    sources = {row["slug"] for row in tables["sources"]}
    for name, rows in tables.items():
        for row in rows:
            if "source" in row.values:
                assert row["source"] in sources, (name, row.line)
            if "sources" in row.values:  # several, space-separated
                assert row["sources"] and set(row["sources"].split()) <= sources, (name, row.line)


@pytest.mark.parametrize(
    "table, old, new, line, message",
    [
        ("units", "most,科技部,科学技术部,", "most,科技部,", 8, "expected 8 cells, found 7"),
        (
            "units",
            "most,科技部,科学技术部,Ministry of Science and Technology",
            "most,科技部,科学技术部,",
            8,
            "column 'name_en' is empty",
        ),
        ("units", "\nmost,", "\nMOST,", 8, "not a lowercase ASCII slug"),
        ("units", "\nmnr,", "\nmost,", 9, "duplicate slug 'most' (first on line 8)"),
        ("units", ",source\n", ",origin\n", 1, "header lacks column(s) source"),
        (
            "divisions",
            "瑞金市,赣州市,county,Ruijin City",
            "瑞金市,赣州市,county,",
            12,
            "column 'name_en' is empty",
        ),
    ],
    ids=["short-row", "empty-name", "bad-slug", "duplicate-slug", "missing-column", "empty-cell"],
)
def test_a_bad_row_names_file_and_line(table_dir, table, old, new, line, message):
    edit(table_dir / f"{table}.csv", old, new)
    with pytest.raises(SourceError) as error:
        read_table(table, table_dir)
    assert error.value.line == line
    assert error.value.path.name == f"{table}.csv"
    assert message in str(error.value)
    assert f"{table}.csv:{line}:" in str(error.value)


def test_a_missing_table_is_named(table_dir):
    (table_dir / "zones.csv").unlink()
    with pytest.raises(SourceError, match=r"zones\.csv: table is missing"):
        load_all(table_dir)
