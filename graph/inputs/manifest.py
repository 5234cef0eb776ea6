"""The manifest of source documents (`graph/source/manifest.csv`): documents are data, not code.

Each row names one document whose text the build parses: its slug (the key of its IRIs), its file beside
the manifest, its kind, the named graph its statements go into, the reader that parses it, and the row of
`sources.csv` that describes it. The first row is the primary document: the one the site is about.
"""

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from graph.errors import SourceError
from graph.inputs.text import read_text
from graph.namespaces import BASE
from graph.paths import MANIFEST

COLUMNS = ("slug", "file", "kind", "graph", "reader", "source")
READERS = ("notice",)  # the readers in graph/inputs that parse a document's text into records


@dataclass(frozen=True)
class SourceDocument:
    """One row of the manifest, with where it was written."""

    slug: str
    path: Path
    kind: str
    graph: URIRef
    reader: str
    source: str
    manifest: Path
    line: int

    def error(self, message: str) -> SourceError:
        return SourceError(self.manifest, self.line, message)


def _document(row: dict[str, str], manifest: Path, line: int) -> SourceDocument:
    """A checked row: the file exists, the reader is known, the graph is ours."""

    def fail(message: str) -> SourceError:
        return SourceError(manifest, line, message)

    missing = [column for column in COLUMNS if not (row.get(column) or "").strip()]
    if missing:
        raise fail(f"empty {', '.join(missing)}")
    path = manifest.parent / row["file"]
    if not path.is_file():
        raise fail(f"file {row['file']!r} is not beside the manifest")
    if row["reader"] not in READERS:
        raise fail(f"reader {row['reader']!r} is not one of {', '.join(READERS)}")
    if not row["graph"].startswith(BASE + "graph/"):
        raise fail(f"graph {row['graph']!r} is not under {BASE}graph/")
    return SourceDocument(
        row["slug"], path, row["kind"], URIRef(row["graph"]), row["reader"], row["source"], manifest, line
    )


def load_manifest(path: Path = MANIFEST) -> tuple[SourceDocument, ...]:
    """Every document of the manifest, in its order (SourceError naming the file and line when wrong)."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise SourceError(path, 1, f"the header must be {','.join(COLUMNS)}")
    documents = tuple(_document(row, path, reader.line_num) for row in reader)
    slugs = [document.slug for document in documents]
    for document in documents:
        if slugs.count(document.slug) > 1:
            raise document.error(f"slug {document.slug!r} is listed twice")
    if not documents:
        raise SourceError(path, None, "lists no document")
    return documents


@lru_cache(maxsize=4)
def primary(path: Path = MANIFEST) -> SourceDocument:
    """The first document of the manifest: the one the site is about."""
    return load_manifest(path)[0]
