"""Publish a build with one atomic rename, so that a crash at any point leaves the old build or the new one.

Each build is written whole into a folder of its own, `dist.builds/<id>/` beside `dist` (its id: the graph's
hash and its record's, `Build.id`), and `dist` is a symlink to it. Publishing makes the new symlink beside
`dist` and renames it over `dist`: readers see the old build or the new, never a mix, and never no `dist`.
Every file the build writes goes into its folder, whatever its name, and `build.json` records the SHA-256 and
size of each (`seal`), so that `serve` can refuse a damaged one (graph.dist.Build.verify).

The next build removes what a failed or killed one left (unfinished folders, temporary links, the
`.dist-new-*` folders of the older scheme) and keeps the new build and the one before it; older ones are
pruned unless a server still holds them (graph.dist.Build.hold). A `dist` that is a real folder (older
checkouts) is swapped for the symlink in one step (renameat2's RENAME_EXCHANGE) and kept as the build before.
"""

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph import paths
from graph.dist import RECORD, Build
from graph.errors import PublishError

UNFINISHED = ".new-"  # a build folder being written, inside dist.builds/
RENAME_EXCHANGE = 2  # linux/fs.h


def builds_folder(dist: Path) -> Path:
    """Where the builds behind `dist` live: `dist.builds/` beside it."""
    return dist.with_name(f"{dist.name}.builds")


def seal(files: dict[str, bytes]) -> dict[str, bytes]:
    """`files` with `build.json` completed: the SHA-256 and size of every other file, whatever its name."""
    record = json.loads(files[RECORD])
    others = {name: data for name, data in sorted(files.items()) if name != RECORD}
    record["files"] = {name: hashlib.sha256(data).hexdigest() for name, data in others.items()}
    record["sizes"] = {name: len(data) for name, data in others.items()}
    sealed = (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return {**others, RECORD: sealed}


def publish(files: dict[str, bytes], dist: Path) -> Path:
    """Write `files` (sealed) as a new build and point `dist` at it in one rename; its folder.

    PublishError, naming the file, when it cannot be written: `dist` is then left as it was."""
    dist = Path(dist)
    builds = builds_folder(dist)
    files = seal(files)
    with _failing(builds):
        builds.mkdir(parents=True, exist_ok=True)
    with _locked(builds):
        clear_leftovers(dist)
        folder = builds / _id(files)
        if not _is_sound(folder):
            _write(files, folder)
        previous = _swap(dist, folder)
        prune(builds, keep={folder.resolve(), *([previous.resolve()] if previous else [])})
    return folder


def clear_leftovers(dist: Path) -> None:
    """Remove what failed or killed builds left: unfinished build folders, temporary links, the older
    scheme's `.dist-new-*`/`.dist-old-*` folders. Only while holding the lock (no build is being written)."""
    builds = builds_folder(dist)
    leftovers = [*builds.glob(f"{UNFINISHED}*"), *dist.parent.glob(f".{dist.name}-*")]
    for path in leftovers:
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)


def prune(builds: Path, keep: set[Path]) -> None:
    """Remove every build in `builds` but those to `keep` and any a server still holds."""
    for folder in builds.iterdir():
        kept = folder.resolve() in keep or folder.name.startswith(".")
        if folder.is_dir() and not kept and not in_use(folder):
            shutil.rmtree(folder, ignore_errors=True)


def in_use(folder: Path) -> bool:
    """True while a server holds the build in `folder` (graph.dist.Build.hold)."""
    try:
        with (folder / RECORD).open("rb") as record:
            fcntl.flock(record, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def _id(files: dict[str, bytes]) -> str:
    """The folder name of a build: as graph.dist.Build.id names it."""
    record = files[RECORD]
    return f"{json.loads(record)['hash'][:12]}-{hashlib.sha256(record).hexdigest()[:8]}"


def _is_sound(folder: Path) -> bool:
    """True when `folder` already holds this very build, undamaged (the same data built again)."""
    try:
        Build.open(folder).verify()
    except (OSError, ValueError):  # NoBuild and DamagedBuild among them
        return False
    return True


def _write(files: dict[str, bytes], folder: Path) -> None:
    """Write the files into an unfinished folder, flush them to disk, and rename it to `folder`."""
    with _failing(folder.parent):
        staging = Path(tempfile.mkdtemp(prefix=UNFINISHED, dir=folder.parent))
        staging.chmod(0o755)  # readable as dist/ always was, by a front server of another user too
    try:
        for name, data in files.items():
            with _failing(staging / name), open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        with _failing(folder):
            if folder.exists():  # a damaged copy of this build: set aside, removed by the next build
                os.replace(folder, Path(tempfile.mkdtemp(prefix=UNFINISHED, dir=folder.parent)) / "damaged")
            os.replace(staging, folder)
            _sync(folder.parent)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _swap(dist: Path, folder: Path) -> Path | None:
    """Point `dist` at `folder` in one rename; the folder it pointed at before (or the real folder it was)."""
    link = dist.with_name(f".{dist.name}-link-{os.getpid()}")
    with _failing(dist):
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(os.path.relpath(folder, dist.parent))
        if dist.is_symlink() or not dist.exists():
            previous = dist.resolve() if dist.is_symlink() else None
            os.replace(link, dist)
        else:  # a real folder from an older checkout: exchanged for the link, then kept as the build before
            _exchange(link, dist)
            previous = _adopt(link, folder.parent)
        _sync(dist.parent)
    return previous if previous and previous.is_dir() else None


def _exchange(a: Path, b: Path) -> None:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    at_cwd = -100
    if not hasattr(libc, "renameat2"):
        raise OSError(errno.ENOSYS, "no renameat2 here to swap a real dist/ folder: remove it", str(b))
    if libc.renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))


def _adopt(old: Path, builds: Path) -> Path | None:
    """Move the real folder `old` (now beside `dist`) into `builds` under its own build's name."""
    try:
        name = Build.open(old).id
    except (OSError, ValueError):  # not a readable build: nothing to keep
        shutil.rmtree(old, ignore_errors=True)
        return None
    target = builds / name
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(old, target)
    return target


def _sync(folder: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@contextmanager
def _locked(builds: Path) -> Iterator[None]:
    """One build publishes into `builds` at a time: what another left unfinished is a leftover."""
    with _failing(builds / ".lock"):
        lock = open(builds / ".lock", "a")  # noqa: SIM115 (opened here to name it if it fails, closed below)
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@contextmanager
def _failing(path: Path) -> Iterator[None]:
    """Turn an OSError while writing `path` into a one-line PublishError naming it."""
    try:
        yield
    except PublishError:
        raise
    except OSError as error:
        reason = error.strerror or errno.errorcode.get(error.errno or 0, str(error))
        raise PublishError(
            f"{paths.relative(path)}: cannot write the build: {reason}; the last good build was left in place"
        ) from None
