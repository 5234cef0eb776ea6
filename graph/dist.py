"""The one reader of a built `dist/` folder: what `duikou build` wrote; is a file the one it wrote?

`build.json` names the build (the content hash of the graph), its date and the SHA-256 of each file. The date
is the data's version (the newest date its sources state), never a file's time: two builds of the same data
give the same date, as they give the same hash. The record also holds each file's size. `dist` is usually a
symlink to the build's own folder (graph.build.publish): a Build resolves it once, when it is opened, and
reads every file from that folder, so a build published meanwhile never mixes into it.
"""

import fcntl
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from graph import paths
from graph.errors import DamagedBuild, NoBuild

# DATA: the named graphs (N-Quads), which the stores load; UNION: their union as plain triples
RECORD, DATA, UNION, REPORT, LINKS = "build.json", "duikou.nq", "duikou.nt", "validation.ttl", "links.json"
NAMES = "names.json"  # the site's name indexes (graph.build.names), read by the web app before it forks


@dataclass(frozen=True)
class Build:
    """A built folder, read once: its record and where its files are."""

    folder: Path  # the real folder, symlinks resolved
    record: dict = field(hash=False, compare=False)
    record_digest: str = ""  # SHA-256 of build.json: names this very build, whatever file it describes

    @classmethod
    def open(cls, folder: Path | str = paths.DIST) -> "Build":
        """The build in `folder` (a symlink is resolved now, once); NoBuild (naming the folder) when it has no
        graph, DamagedBuild (naming the file and line) when its record cannot be read."""
        folder = Path(folder).resolve()
        record_file = folder / RECORD
        if not (folder / DATA).is_file() or not record_file.is_file():
            raise NoBuild(f"no built graph in {paths.relative(folder)}/: run `duikou build` first")
        where = paths.relative(record_file)
        try:
            data = record_file.read_bytes()
            record = json.loads(data.decode("utf-8"))
        except OSError as error:
            raise DamagedBuild(f"{where}: cannot be read: {error.strerror}") from None
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise DamagedBuild(f"{where}:{line}: cannot be read: not UTF-8") from None
        except json.JSONDecodeError as error:
            raise DamagedBuild(f"{where}:{error.lineno}: cannot be read: not JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise DamagedBuild(f"{where}: is not a build record")
        return cls(folder, record, hashlib.sha256(data).hexdigest())

    @property
    def hash(self) -> str:
        return str(self.record.get("hash", ""))

    @property
    def id(self) -> str:
        """The build's name: its graph's hash and its record's, as graph.build.publish names its folder."""
        return f"{self.hash[:12]}-{self.record_digest[:8]}"

    @property
    def date(self) -> str:
        """The data's version (ISO 8601), as the build recorded it from the data; '' if it recorded none."""
        return str(self.record.get("modified", ""))

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

    def verify(self) -> "Build":
        """This build, when every file build.json records is there, byte for byte as recorded; else
        DamagedBuild naming the first file that is not, and how (missing, empty, truncated, changed)."""
        digests, sizes = self.digests, dict(self.record.get("sizes", {}))
        record = paths.relative(self.folder / RECORD)
        if DATA not in digests:
            raise DamagedBuild(f"{record}: records no digest of {DATA}: run `duikou build` again")
        for name, expected in sorted(digests.items()):
            path = self.folder / name
            where = paths.relative(path)
            if "/" in name or name.startswith("."):
                raise DamagedBuild(f"{record}: names a file outside the build, {name!r}")
            if not path.is_file():
                raise DamagedBuild(f"{where}: missing, though {RECORD} records it")
            size = path.stat().st_size
            if size == 0:
                raise DamagedBuild(f"{where}: empty ({RECORD} records {sizes.get(name, 'more')} bytes)")
            if name in sizes and size != sizes[name]:
                how = "truncated" if size < sizes[name] else "longer than built"
                raise DamagedBuild(f"{where}: {how}: {size} bytes, {RECORD} records {sizes[name]}")
            if _sha256(path) != expected:
                raise DamagedBuild(f"{where}: changed: its SHA-256 is not the one {RECORD} records")
        return self

    def hold(self):
        """Mark the build as in use until the returned file is closed (by every process that inherits it): a
        later build never prunes a folder a server still serves (graph.build.publish.in_use)."""
        handle = (self.folder / RECORD).open("rb")
        fcntl.flock(handle, fcntl.LOCK_SH)
        return handle

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


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
