"""Publishing a build (graph/build/publish.py): one rename, leftovers cleared, the build before kept, older
ones pruned unless served, a real dist/ folder migrated, and a process killed at any moment harmless."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from graph.build.publish import builds_folder, publish, seal
from graph.dist import Build
from graph.errors import DamagedBuild
from helpers.servers import checkout_env


def files(text: str, extra: str = "") -> dict[str, bytes]:
    """A small build whose graph says `text` (and a file named `extra`, if given)."""
    found = {
        "duikou.nq": f"<urn:x:s> <urn:x:p> {json.dumps(text)} <urn:x:g> .\n".encode(),
        "build.json": json.dumps({"hash": f"{abs(hash(text)):064x}"[:64]}).encode(),
    }
    if extra:
        found[extra] = b"anything a later build may add\n"
    return found


def test_dist_is_a_link_to_the_whole_build_and_every_file_is_recorded(tmp_path):
    dist = tmp_path / "dist"
    folder = publish(files("one", extra="search-index.bin"), dist)
    assert dist.is_symlink() and dist.resolve() == folder.resolve()
    assert folder.parent == builds_folder(dist) == tmp_path / "dist.builds"
    build = Build.open(dist).verify()
    assert build.folder.name == build.id == folder.name
    assert set(build.digests) == {"duikou.nq", "search-index.bin"}
    assert build.record["sizes"]["search-index.bin"] == len(b"anything a later build may add\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "dist.builds"]


def test_the_build_before_is_kept_and_older_ones_pruned_unless_served(tmp_path):
    dist = tmp_path / "dist"
    first = publish(files("one"), dist)
    served = Build.open(dist).hold()  # a server of the first build
    second = publish(files("two"), dist)
    third = publish(files("three"), dist)
    assert first.is_dir(), "a build a server holds is never pruned"
    served.close()
    fourth = publish(files("four"), dist)
    assert not first.exists() and not second.exists()
    assert sorted(p.name for p in builds_folder(dist).iterdir() if p.is_dir()) == sorted(
        [third.name, fourth.name]
    )
    assert dist.resolve() == fourth.resolve()


def test_the_same_build_again_reuses_its_folder(tmp_path):
    dist = tmp_path / "dist"
    assert publish(files("one"), dist) == publish(files("one"), dist)


def test_what_failed_builds_left_is_removed_by_the_next(tmp_path):
    dist = tmp_path / "dist"
    publish(files("one"), dist)
    leftovers = [
        tmp_path / ".dist-new-abc123",  # the older scheme's staging folder
        tmp_path / ".dist-old-def456",
        builds_folder(dist) / ".new-xyz",  # an unfinished build
    ]
    for folder in leftovers:
        folder.mkdir()
        (folder / "duikou.nt").write_text("half\n", encoding="utf-8")
    (tmp_path / ".dist-link-99").symlink_to("nowhere")
    publish(files("two"), dist)
    assert not any(p.exists() or p.is_symlink() for p in [*leftovers, tmp_path / ".dist-link-99"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "dist.builds"]


def test_a_real_dist_folder_is_swapped_for_the_link_and_kept_as_the_build_before(tmp_path, built_dist):
    dist = tmp_path / "dist"
    shutil.copytree(built_dist, dist)  # dist/ as older checkouts wrote it: a plain folder
    old = Build.open(dist)
    new = publish(files("new"), dist)
    assert dist.is_symlink() and dist.resolve() == new.resolve()
    kept = builds_folder(dist) / old.id
    assert kept.is_dir() and Build.open(kept).hash == old.hash


def test_a_damaged_copy_of_the_same_build_is_written_again(tmp_path):
    dist = tmp_path / "dist"
    folder = publish(files("one"), dist)
    (folder / "duikou.nq").write_bytes(b"")
    with pytest.raises(DamagedBuild, match=r"duikou\.nq: empty"):
        Build.open(dist).verify()
    assert publish(files("one"), dist) == folder
    Build.open(dist).verify()


def test_seal_records_every_file_but_the_record(tmp_path):
    sealed = seal(files("one", extra="links.json"))
    record = json.loads(sealed["build.json"])
    assert set(record["files"]) == set(record["sizes"]) == {"duikou.nq", "links.json"}
    assert seal(sealed) == sealed


PUBLISHER = """
import json, sys
from pathlib import Path
from graph.build.publish import publish
dist, builds = Path(sys.argv[1]), [json.loads(Path(p).read_text()) for p in sys.argv[2:]]
builds = [{name: data.encode("latin-1") for name, data in b.items()} for b in builds]
print("ready", flush=True)
n = 0
while True:
    publish(builds[n % len(builds)], dist)
    n += 1
"""


def test_a_publisher_killed_at_any_moment_leaves_the_old_build_or_the_new(tmp_path, built_dist):
    """SIGKILL a process that publishes two real builds in turn, at random moments: each time `dist` is
    one of them, whole; and the next publish clears what the killed one left."""
    dist = tmp_path / "out" / "dist"
    builds = []
    for n, text in enumerate(("a", "b")):
        real = {p.name: p.read_bytes() for p in built_dist.iterdir()}
        real["duikou.nt"] += f"<urn:x:{text}> <urn:x:p> <urn:x:o> .\n".encode()
        record = json.loads(real["build.json"])
        record["hash"] = f"{n}" * 64
        real["build.json"] = json.dumps(record).encode()
        path = tmp_path / f"{text}.json"
        path.write_text(json.dumps({k: v.decode("latin-1") for k, v in real.items()}), encoding="utf-8")
        builds.append(path)
    hashes = {"0" * 64, "1" * 64}
    rng = random.Random(19)
    for _ in range(12):
        process = subprocess.Popen(
            [sys.executable, "-c", PUBLISHER, str(dist), *map(str, builds)],
            stdout=subprocess.PIPE,
            env=checkout_env(),
        )
        assert process.stdout and process.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
        if dist.is_symlink():
            assert Build.open(dist).verify().hash in hashes
    publish(files("last"), dist)
    assert sorted(p.name for p in dist.parent.iterdir()) == ["dist", "dist.builds"]
    assert not [p for p in builds_folder(dist).iterdir() if p.name.startswith(".new-")]
