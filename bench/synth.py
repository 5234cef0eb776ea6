"""Make a synthetic build N times the size of the real one, of the same shape, for the scale curve.

    python bench/synth.py SCALE [--dist dist/] [--out DIR]

Copy 0 is the real graph; copy i (1 ≤ i < N) repeats every triple with each of our IRIs renamed: the
segment after the kind gets `-x{i}` (`id:unit/mof` → `id:unit/mof-x7`, `id:document/guobanfa-2021-15/line/26`
→ `id:document/guobanfa-2021-15-x7/line/26`), and blank nodes get `_x{i}`. So every entity keeps its
predicates and fan-out, each copy is a complete graph of its own, the ontology stays the one in
ontology/, and the real IRIs (copy 0) serve at every scale, which lets the same pages and named queries be
timed at each. Lines are written as they are made, in N-Triples (the union) and N-Quads (the named
graphs, which the stores load). The folder also gets a
`build.json` with the synthetic graph's hash, counts and file digest, as `duikou build` writes it (the web
app takes a build.json naming the file's digest as the sign that the build was validated; the copies are
not validated again: bench/build.py --validate-scales does that), and copies of the real build's other
small files, and the site's name indexes (`names.json`) made from the synthetic graph as `duikou build`
makes them. It is reused if it was made from the same build at the same scale.
"""

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from graph.dist import NAMES
from graph.paths import DIST

OUR_IRI = re.compile(r"<https://w3id\.org/duikou/id/[^/>]+/[^/>]+")
BLANK = re.compile(r"_:[A-Za-z0-9_.-]*[A-Za-z0-9_-]")
DUMPS = ("duikou.nt", "duikou.nq")  # the union (validated, exported) and the named graphs (the stores load)
KEEP = ("void.ttl", "links.json")  # small files a server may read; the other dumps are not synthesised


def copy_path(path: str, copy: int) -> str:
    """The path below id/ (or /page/) of `path`'s entity in copy `copy`: `unit/mof` → `unit/mof-x7`."""
    if not copy:
        return path
    kind, _, rest = path.partition("/")
    segment, slash, tail = rest.partition("/")
    return f"{kind}/{segment}-x{copy}{slash}{tail}"


def templates(nt: str) -> tuple[list[str], list[bool]]:
    """The text cut where a copy's suffixes go, and for each cut whether it ends a blank node label."""
    cuts = sorted(
        {(m.end(), False) for m in OUR_IRI.finditer(nt)} | {(m.end(), True) for m in BLANK.finditer(nt)}
    )
    pieces, last = [], 0
    for point, _ in cuts:
        pieces.append(nt[last:point])
        last = point
    pieces.append(nt[last:])
    return pieces, [blank for _, blank in cuts]


def copy_text(pieces: list[str], blanks: list[bool], copy: int) -> str:
    """Copy `copy` of the graph: the IRI suffix (or the blank-node one) at every cut."""
    if not copy:
        return "".join(pieces)
    suffix, blank = f"-x{copy}", f"_x{copy}"
    if not any(blanks):
        return suffix.join(pieces)
    parts = [pieces[0]]
    for is_blank, piece in zip(blanks, pieces[1:], strict=True):
        parts += (blank if is_blank else suffix, piece)
    return "".join(parts)


def is_current(source_hash: str, out: Path, scale: int) -> bool:
    """True if `out` already holds the graph of `scale` copies of the build whose duikou.nt has that hash."""
    record_path = Path(out) / "build.json"
    if not (record_path.is_file() and (Path(out) / "duikou.nt").is_file()):
        return False
    record = json.loads(record_path.read_text(encoding="utf-8"))
    made = record.get("synthetic", {})
    files = record.get("files", {})
    fresh = all(name in files and (Path(out) / name).is_file() for name in (*DUMPS, NAMES))
    return made.get("source") == source_hash and made.get("scale") == scale and fresh


def write_copies(source: bytes, target: Path, scale: int) -> str:
    """Write `scale` copies of the dump `source` (N-Triples or N-Quads) to `target`; its SHA-256."""
    pieces, blanks = templates(source.decode("utf-8"))
    digest = hashlib.sha256()
    partial = target.with_name(target.name + ".partial")
    with open(partial, "wb") as file:
        for copy in range(scale):
            chunk = copy_text(pieces, blanks, copy).encode("utf-8")
            file.write(chunk)
            digest.update(chunk)
    partial.replace(target)
    return digest.hexdigest()


def write_names(out: Path) -> str:
    """Write `out/names.json` as `duikou build` does (from the synthetic graph's own queries); its SHA-256."""
    from graph.build.names import names_file
    from graph.store.embedded import EmbeddedStore

    data = names_file(EmbeddedStore.from_dist(out))
    (out / NAMES).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def generate(dist: Path, out: Path, scale: int) -> Path:
    """Write `out/duikou.nt` and `out/duikou.nq` with `scale` copies of the real build's (streaming), and a
    build.json naming them, unless already there."""
    source = (Path(dist) / "duikou.nt").read_bytes()
    source_hash = hashlib.sha256(source).hexdigest()
    out = Path(out)
    record_path = out / "build.json"
    if is_current(source_hash, out, scale):
        return out
    out.mkdir(parents=True, exist_ok=True)
    real = json.loads((Path(dist) / "build.json").read_text(encoding="utf-8"))
    files = {name: write_copies((Path(dist) / name).read_bytes(), out / name, scale) for name in DUMPS}
    files[NAMES] = write_names(out)
    for name in KEEP:
        if (Path(dist) / name).is_file():
            shutil.copyfile(Path(dist) / name, out / name)
    triples = source.count(b"\n") * scale
    record = {
        "hash": files["duikou.nt"],
        "triples": triples,
        "classes": {k: v * scale for k, v in real.get("classes", {}).items()},
        "files": files,
        "synthetic": {"scale": scale, "source": source_hash, "real_triples": real.get("triples")},
    }
    record_path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scale", type=int, help="how many copies of the real graph (10, 100, 1000 …)")
    parser.add_argument("--dist", type=Path, default=DIST, help="the real build (default dist/)")
    parser.add_argument(
        "--out", type=Path, default=None, help="folder to write (default: TMPDIR/duikou-synth/scale-N)"
    )
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.gettempdir()) / "duikou-synth" / f"scale-{args.scale}"
    start = time.perf_counter()
    generate(args.dist, out, args.scale)
    record = json.loads((out / "build.json").read_text(encoding="utf-8"))
    size = (out / "duikou.nt").stat().st_size / 2**20
    print(
        f"{out}: {record['triples']} triples, {size:.0f} MiB, in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
