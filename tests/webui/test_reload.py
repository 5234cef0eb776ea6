"""One build at a time (webui/reload.py): `duikou serve` serves the build it loaded, everywhere, until
SIGHUP; a damaged build is refused at start (one line, exit 2) and on reload (logged; the old one stays)."""

import json
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build.publish import publish
from graph.cli import main
from graph.cli.common import EXIT_UNREADABLE
from graph.dist import Build
from graph.paths import ROOT
from helpers.ports import free_port
from helpers.servers import checkout_env, serve_command, wait_until_answers
from helpers.tables import edit

OLD, NEW = "Ministry of Science and Technology", "Ministry of Science and Technology (renamed)"
LABEL = (
    "SELECT ?name WHERE { <https://w3id.org/duikou/id/unit/most> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?name FILTER(lang(?name) = 'en') }"
)
PATHS = {  # what must come from one build: a page, /sparql, a download, /dataset
    "page": ("/page/unit/most", {"Accept": "text/html", "Accept-Language": "en"}),
    "sparql": ("/sparql?" + urllib.parse.urlencode({"query": LABEL}), {"Accept": "text/csv"}),
    "download": ("/download/duikou.nt", {}),
    "dataset": ("/dataset.ttl", {"Accept": "text/turtle"}),
}


def fetch(base: str, path: str, headers: dict, tries: int = 5) -> tuple[str, str]:
    """(body, ETag) of a GET; asked again after a reset connection (see `wait_for`)."""
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read().decode("utf-8"), response.headers.get("ETag", "")
    except (urllib.error.URLError, ConnectionError):
        if tries <= 1:
            raise
        time.sleep(0.5)
        return fetch(base, path, headers, tries - 1)


def seen(base: str) -> dict[str, tuple[str, str]]:
    return {name: fetch(base, path, headers) for name, (path, headers) in PATHS.items()}


def named(state: dict, name: str) -> bool:
    """True when the answers name MOST as the build with the renamed table does."""
    return NEW in state[name][0]


@pytest.fixture
def served(tmp_path, built_dist):
    """`duikou serve` (one web worker) over `tmp/dist`, a symlink to a copy of the session's build; yields
    (base URL, process, dist, log file) and stops it."""
    dist = tmp_path / "dist"
    publish({p.name: p.read_bytes() for p in built_dist.iterdir()}, dist)
    port, log = free_port(), tmp_path / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            serve_command(port, dist, "--workers", "1"),
            stdout=out,
            stderr=subprocess.STDOUT,
            env=checkout_env(),
            cwd=ROOT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(process, base + "/sparql?query=ASK%7B%7D", log, 60, 2, "duikou serve", base)
        yield base, process, dist, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(check, seconds: float = 60) -> None:
    """Poll `check` until true. While gunicorn swaps its workers, a connection queued on an old worker's own
    socket (SO_REUSEPORT) as it closes is reset: such a failure is polled again, the answers after are not."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        assert time.monotonic() < deadline, "the server did not change over"
        time.sleep(0.5)


def test_a_rebuild_is_served_only_after_sighup_and_a_damaged_one_never(served, table_dir):
    base, process, dist, log = served
    before = seen(base)
    assert not any(named(before, name) for name in ("page", "sparql", "download"))
    edit(table_dir / "units.csv", f",{OLD},", f",{NEW},")
    result = CliRunner().invoke(main, ["build", "--out", str(dist), "--tables", str(table_dir)])
    assert result.exit_code == 0, result.output
    assert NEW in (dist / "duikou.nt").read_text(encoding="utf-8")  # dist now names the new build

    assert seen(base) == before, "until told, every answer and ETag is the loaded build's"

    process.send_signal(signal.SIGHUP)
    wait_for(lambda: named(seen(base), "page"))
    after = seen(base)
    assert all(named(after, name) for name in ("page", "sparql", "download"))
    assert after["dataset"][0] != before["dataset"][0]  # the new dumps' sizes and checksums
    assert all(after[name][1] != before[name][1] for name in PATHS), "new build, new ETags"
    assert f"reloaded: serving build {Build.open(dist).id}" in log.read_text()

    # a third build, damaged before the signal: refused, and the second one is still served
    files = {p.name: p.read_bytes() for p in dist.iterdir()}
    record = json.loads(files["build.json"])
    record["hash"] = "d" * 64
    files["build.json"] = json.dumps(record).encode()
    damaged = publish(files, dist)
    (damaged / "duikou.nt").write_bytes(files["duikou.nt"][:1000])
    process.send_signal(signal.SIGHUP)
    wait_for(lambda: "reload refused" in log.read_text())
    refused = [line for line in log.read_text().splitlines() if "reload refused" in line]
    assert len(refused) == 1 and "duikou.nt: truncated: 1000 bytes" in refused[0], refused
    assert seen(base) == after


def damage_nt_truncated(folder: Path) -> str:
    data = (folder / "duikou.nt").read_bytes()
    (folder / "duikou.nt").write_bytes(data[: len(data) // 2])
    return r"duikou\.nt: truncated: \d+ bytes, build\.json records \d+"


def damage_nq_empty(folder: Path) -> str:
    (folder / "duikou.nq").write_bytes(b"")
    return r"duikou\.nq: empty \(build\.json records \d+ bytes\)"


def damage_record_not_json(folder: Path) -> str:
    (folder / "build.json").write_text('{"hash": "abc",\n  "files": {,\n', encoding="utf-8")
    return r"build\.json:2: cannot be read: not JSON"


def damage_dump_corrupt(folder: Path) -> str:
    data = bytearray((folder / "duikou.nq").read_bytes())
    data[100:110] = b"<<<<<<<<<<"  # same size, other bytes
    (folder / "duikou.nq").write_bytes(bytes(data))
    return r"duikou\.nq: changed: its SHA-256 is not the one build\.json records"


@pytest.mark.parametrize(
    "damage", [damage_nt_truncated, damage_nq_empty, damage_record_not_json, damage_dump_corrupt]
)
def test_serve_refuses_a_damaged_build_in_one_line(tmp_path, built_dist, damage):
    dist = tmp_path / "dist"
    folder = publish({p.name: p.read_bytes() for p in built_dist.iterdir()}, dist)
    pattern = damage(folder)
    done = subprocess.run(
        serve_command(free_port(), dist),
        capture_output=True,
        text=True,
        env=checkout_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == EXIT_UNREADABLE, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert re.search(pattern, lines[0]) and folder.name in lines[0], lines[0]
