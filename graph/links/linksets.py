"""The linkset files (`graph/linksets/*.csv`): one row per link, reviewed and committed like the tables.

`divisions.csv` and `wikidata.csv` are written by `duikou link divisions` / `duikou link wikidata`;
`documents.csv` (official publication pages: none known), `targets.csv` (the datasets we link to) and
`wikidata-classes.csv` (the Wikidata classes a unit may be an instance of) are curated by hand. The build
reads them all; a row that does not fit is a SourceError naming the file and line.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from graph.errors import SourceError
from graph.inputs.tables import Row
from graph.paths import LINKSETS

DIVISION_COLUMNS = (
    "subject",
    "target",
    "name_zh",
    "parent_zh",
    "level",
    "code",
    "statistical_code",
    "status",
    "method",
    "candidates",
    "former_codes",
    "predecessors",
    "evidence",
    "source",
)
WIKIDATA_COLUMNS = (
    "subject",
    "kind",
    "name_zh",
    "key",
    "status",
    "qid",
    "label",
    "method",
    "candidates",
    "evidence",
    "retrieved",
    "source",
)
DOCUMENT_COLUMNS = (
    "subject",
    "identifier",
    "status",
    "page",
    "published_in_zh",
    "published_in_en",
    "evidence",
    "source",
)
TARGET_COLUMNS = (
    "slug",
    "title_zh",
    "title_en",
    "publisher",
    "version",
    "as_of",
    "license",
    "homepage",
    "retrieved_from",
    "uri_space",
    "sparql_endpoint",
    "source",
)
CLASS_COLUMNS = ("qid", "label_en", "source")

DIVISION_STATUSES = ("matched", "renamed", "ambiguous", "missing", "conflict")
WIKIDATA_STATUSES = ("verified", "unverified-seed", "ambiguous", "missing", "conflict")
DOCUMENT_STATUSES = ("linked", "no-address-known")
QID = re.compile(r"^Q[1-9][0-9]*$")


def to_csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    """The rows as CSV text with a header, `\\n` line ends and minimal quoting: same rows, same bytes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def write_linkset(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Write a linkset file whole (through a temporary file, so a failed write leaves the old one)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.new")
    staging.write_text(to_csv(columns, rows), encoding="utf-8")
    staging.replace(path)


def read_linkset(path: Path, columns: tuple[str, ...], statuses: tuple[str, ...] = ()) -> list[Row]:
    """Read a linkset file, checking its header, its cell counts and (if it has one) the status column."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(path, None, "linkset file is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [c for c in columns if c not in header]:
            raise SourceError(path, 1, f"header is not {','.join(columns)}")
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise SourceError(path, reader.line_num, f"expected {len(header)} cells, found {len(values)}")
            row = Row(path, reader.line_num, {k: v.strip() for k, v in zip(header, values, strict=True)})
            if statuses and row["status"] not in statuses:
                raise row.error(f"status {row['status']!r} is not one of {', '.join(statuses)}")
            rows.append(row)
    return rows


@dataclass(frozen=True)
class Linksets:
    """Every linkset file of one folder, read and checked."""

    directory: Path
    divisions: list[Row]
    wikidata: list[Row]
    documents: list[Row]
    targets: list[Row]
    classes: list[Row]

    @classmethod
    def load(cls, directory: Path = LINKSETS) -> "Linksets":
        directory = Path(directory)
        wikidata = read_linkset(directory / "wikidata.csv", WIKIDATA_COLUMNS, WIKIDATA_STATUSES)
        for row in wikidata:
            for qid in ([row["qid"]] if row["qid"] else []) + row["candidates"].split():
                if not QID.match(qid):
                    raise row.error(f"{qid!r} is not a Wikidata item identifier (Q and digits)")
        return cls(
            directory,
            read_linkset(directory / "divisions.csv", DIVISION_COLUMNS, DIVISION_STATUSES),
            wikidata,
            read_linkset(directory / "documents.csv", DOCUMENT_COLUMNS, DOCUMENT_STATUSES),
            read_linkset(directory / "targets.csv", TARGET_COLUMNS),
            read_linkset(directory / "wikidata-classes.csv", CLASS_COLUMNS),
        )

    def target(self, slug: str) -> Row:
        for row in self.targets:
            if row["slug"] == slug:
                return row
        raise SourceError(self.directory / "targets.csv", None, f"no target dataset {slug!r}")
