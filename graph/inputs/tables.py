"""Load the curated tables (`graph/tables/*.csv`): one row per thing, every row with its source.

Each row keeps its file and line number so that any later mismatch (a unit the notice does not name, a
county with no code) is reported where a reviewer can fix it.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import SourceError
from graph.inputs.text import read_text
from graph.paths import TABLES

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Row:
    path: Path
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def error(self, message: str) -> SourceError:
        return SourceError(self.path, self.line, message)


@dataclass(frozen=True)
class Schema:
    """What a table must look like: its columns, which may be empty, which are slugs, which is unique."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    slugs: tuple[str, ...] = ()
    key: tuple[str, ...] = ()


SCHEMAS = {
    "sources": Schema(
        ("slug", "title_zh", "title_en", "publisher", "note"),
        optional=("url", "version", "date", "url_note", "graph"),
        slugs=("slug", "graph"),
        key=("slug",),
    ),
    "graphs": Schema(
        ("slug", "title_zh", "title_en", "short_zh", "short_en", "note"), slugs=("slug",), key=("slug",)
    ),
    "units": Schema(
        ("slug", "name_in_notice", "name_zh", "name_en", "category", "source"),
        optional=("acronym", "administered_by"),
        slugs=("slug", "category", "source"),
        key=("slug",),
    ),
    "schemes": Schema(
        ("slug", "label_zh", "label_en", "definition_zh", "definition_en"), slugs=("slug",), key=("slug",)
    ),
    "concepts": Schema(
        ("scheme", "slug", "label_zh", "label_en", "definition_zh", "definition_en", "source"),
        optional=("broader", "document", "line", "quote", "holders"),
        slugs=("scheme", "slug", "document", "source"),
        key=("scheme", "slug"),
    ),
    "divisions": Schema(
        ("name_zh", "level", "name_en", "pinyin", "source"), optional=("parent_zh",), key=("name_zh",)
    ),
    "zones": Schema(
        ("statistical_code", "name_zh", "name_en", "within_zh", "document", "line", "quote", "source"),
        slugs=("document",),
        key=("statistical_code",),
    ),
    "sections": Schema(
        ("document", "path", "title_en", "source"), slugs=("document",), key=("document", "path")
    ),
    "documents": Schema(
        ("document", "slug", "role", "title_en", "source"),
        slugs=("document", "slug"),
        key=("document", "role"),
    ),
    "organizations": Schema(
        ("slug", "name_zh", "name_en", "source"),
        optional=("name_en_source",),  # where the English name has a source of its own (a translation)
        slugs=("slug", "source", "name_en_source"),
        key=("slug",),
    ),
    "changes": Schema(
        (
            "slug",
            "label_zh",
            "label_en",
            "date",
            "date_kind",
            "date_note_zh",
            "date_note_en",
            "original",
            "change_zh",
            "change_en",
            "sources",
        ),
        optional=("resulting",),
        slugs=("slug", "date_kind", "original", "resulting"),
        key=("slug",),
    ),
    "category-periods": Schema(
        ("change", "organization", "category", "sources"),
        slugs=("change", "organization", "category"),
        key=("change", "organization"),
    ),
    "programme": Schema(
        ("key", "label_zh", "label_en", "document", "source"), slugs=("document",), key=("key",)
    ),
}


def read_table(name: str, directory: Path = TABLES) -> list[Row]:
    """Read `{name}.csv`, checking its header, empty cells, slugs and unique keys against its Schema."""
    schema = SCHEMAS[name]
    path = directory / f"{name}.csv"
    if not path.is_file():
        raise SourceError(path, None, "table is missing")
    records = _records(path)
    _, header = next(records, (1, None))
    if header is None:
        raise SourceError(path, 1, "table is empty")
    missing = [c for c in schema.required + schema.optional if c not in header]
    if missing:
        raise SourceError(path, 1, f"header lacks column(s) {', '.join(missing)}")
    rows: list[Row] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, values in records:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise SourceError(path, line, f"expected {len(header)} cells, found {len(values)}")
        row = Row(path, line, {k: v.strip() for k, v in zip(header, values, strict=True)})
        _check_row(schema, row)
        key = tuple(row[c] for c in schema.key)
        if key in seen:
            raise row.error(f"duplicate {'/'.join(schema.key)} {'/'.join(key)!r} (first on line {seen[key]})")
        seen[key] = line
        rows.append(row)
    return rows


def _records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each record of a CSV file, read as UTF-8 (a BOM dropped). No cell spans two lines
    here: one that does began with a quote that was never closed, an error at the line where it opened."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    previous = 0
    try:
        for values in reader:
            first, previous = previous + 1, reader.line_num
            if previous > first and any("\n" in value or "\r" in value for value in values):
                raise SourceError(path, first, 'a quote (") opened on this line is not closed')
            yield first, values
    except csv.Error as error:
        raise SourceError(path, reader.line_num, f"not CSV: {error}") from None


def _check_row(schema: Schema, row: Row) -> None:
    for column in schema.required:
        if not row[column]:
            raise row.error(f"column {column!r} is empty")
    for column in schema.slugs:
        if row[column] and not SLUG.match(row[column]):
            raise row.error(f"{column} {row[column]!r} is not a lowercase ASCII slug")


def load_all(directory: Path = TABLES) -> dict[str, list[Row]]:
    """Read every curated table; the builder joins them with the notice."""
    return {name: read_table(name, directory) for name in SCHEMAS}
