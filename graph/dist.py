"""The one reader of a built `dist/` folder: what `duikou build` wrote; is a file the one it wrote?

`build.json` names the build (the content hash of the graph) and the SHA-256 of each file; the build's date is
that file's modification time (as the citations have always given it).
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from graph import paths
from graph.errors import NoBuild

# DATA: the named graphs (N-Quads), which the stores load; UNION: their union as plain triples
RECORD, DATA, UNION, REPORT, LINKS = "build.json", "duikou.nq", "duikou.nt", "validation.ttl", "links.json"
NAMES = "names.json"  # the site's name indexes (graph.build.names), read by the web app before it forks


@dataclass(frozen=True)
class Build:
    """A built folder, read once: its record and where its files are."""

    folder: Path
    record: dict = field(hash=False, compare=False)

    @classmethod
    def open(cls, folder: Path | str = paths.DIST) -> "Build":
        """The build in `folder`; NoBuild (naming the folder) when it has no graph or no readable record."""
        folder = Path(folder)
        record_file = folder / RECORD
        if not (folder / DATA).is_file() or not record_file.is_file():
            raise NoBuild(f"no built graph in {paths.relative(folder)}/: run `duikou build` first")
        try:
            record = json.loads(record_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise NoBuild(f"{paths.relative(record_file)} cannot be read: {error}") from None
        if not isinstance(record, dict):
            raise NoBuild(f"{paths.relative(record_file)} is not a build record")
        return cls(folder, record)

    @property
    def hash(self) -> str:
        return str(self.record.get("hash", ""))

    @cached_property
    def date(self) -> str:
        """The day the build was written (UTC, ISO 8601)."""
        mtime = (self.folder / RECORD).stat().st_mtime
        return datetime.fromtimestamp(mtime, tz=UTC).date().isoformat()

    @property
    def digests(self) -> dict[str, str]:
        """SHA-256 of each file the build wrote, by file name."""
        return dict(self.record.get("files", {}))

    def path(self, name: str) -> Path:
        return self.folder / name

    @property
    def data_file(self) -> Path:
        """The named graphs (N-Quads): what the stores load."""
        return self.folder / DATA

    @property
    def union_file(self) -> Path:
        """Their union (N-Triples): the graph the shapes validate and the exports write."""
        return self.folder / UNION

    @property
    def report_file(self) -> Path:
        return self.folder / REPORT

    @property
    def links_file(self) -> Path:
        return self.folder / LINKS

    def names(self) -> dict | None:
        """The site's name indexes (graph.build.names), or None when this build has none it wrote."""
        expected, path = self.digests.get(NAMES), self.path(NAMES)
        data = path.read_bytes() if expected is not None and path.is_file() else b""
        return json.loads(data) if data and hashlib.sha256(data).hexdigest() == expected else None

    def is_built(self, name: str) -> bool:
        """True when the file `name` is byte for byte the one this build recorded."""
        expected, path = self.digests.get(name), self.folder / name
        return (
            expected is not None
            and path.is_file()
            and hashlib.sha256(path.read_bytes()).hexdigest() == expected
        )
