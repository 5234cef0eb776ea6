"""`duikou build` fails in one line naming the file and line: bytes that are not UTF-8, an unclosed quote, a
pairing written with other separators, and a build that cannot be written (file too large, no space left, a
read-only file system), which leaves the last good build in place. A byte order mark is not an error."""

import codecs
import resource
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build.publish import publish
from graph.cli import main
from graph.dist import Build
from graph.paths import MANIFEST, ROOT
from helpers.servers import DUIKOU, checkout_env
from helpers.tables import edit

NOTICE_LINE = "财政部、新华社——瑞金市"  # line 26 of the notice


@pytest.fixture
def source_dir(tmp_path) -> Path:
    """A private copy of the manifest and the notice, to break."""
    return Path(shutil.copytree(MANIFEST.parent, tmp_path / "source"))


def build(tmp_path, *options) -> tuple[int, list[str]]:
    """Run `duikou build` into tmp/dist: its exit code and its `error:` lines (and no traceback)."""
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "dist"), *map(str, options)])
    assert "Traceback" not in result.output and not isinstance(result.exception, AssertionError)
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith("error:")]


def test_invalid_utf8_in_a_table_names_its_line(tmp_path, table_dir):
    units = table_dir / "units.csv"
    units.write_bytes(units.read_bytes().replace("科学技术部".encode(), b"\xff\xfe", 1))
    code, errors = build(tmp_path, "--tables", table_dir)
    assert code == 1 and len(errors) == 1
    assert errors[0].endswith("units.csv:8: not UTF-8: byte 0xff at column 10"), errors


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path, table_dir):
    units = table_dir / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = lines[9].replace(",", ',"', 1)  # line 10
    units.write_text("".join(lines), encoding="utf-8")
    code, errors = build(tmp_path, "--tables", table_dir)
    assert code == 1 and len(errors) == 1
    assert errors[0].endswith('units.csv:10: a quote (") opened on this line is not closed'), errors


@pytest.mark.parametrize(
    "written",
    [
        "财政部、新华社--瑞金市",
        "财政部、新华社-瑞金市",
        "财政部、新华社—瑞金市",
        "财政部,新华社——瑞金市",
        "财政部，新华社——瑞金市",
    ],
    ids=["two-hyphens", "hyphen", "one-dash", "comma", "full-width-comma"],
)
def test_a_pairing_with_other_separators_is_an_error_at_its_line(tmp_path, source_dir, written):
    edit(source_dir / "guobanfa-2021-15.txt", NOTICE_LINE, written)
    code, errors = build(tmp_path, "--manifest", source_dir / "manifest.csv")
    assert code == 1 and len(errors) == 1, errors
    assert "guobanfa-2021-15.txt:26: " in errors[0] and "'、', then '——', then the county" in errors[0]
    assert written in errors[0] and "divisions.csv" not in errors[0]


def test_invalid_utf8_in_the_notice_names_its_line(tmp_path, source_dir):
    notice = source_dir / "guobanfa-2021-15.txt"
    notice.write_bytes(notice.read_bytes().replace("新华社".encode(), b"\xc3\x28", 1))
    code, errors = build(tmp_path, "--manifest", source_dir / "manifest.csv")
    assert (
        code == 1
        and errors
        and errors[0].endswith("guobanfa-2021-15.txt:26: not UTF-8: byte 0xc3 at column 5")
    )


def test_a_byte_order_mark_is_not_an_error(tmp_path, table_dir, source_dir):
    for path in [*table_dir.glob("*.csv"), source_dir / "manifest.csv", source_dir / "guobanfa-2021-15.txt"]:
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    code, errors = build(tmp_path, "--tables", table_dir, "--manifest", source_dir / "manifest.csv")
    assert code == 0 and not errors
    Build.open(tmp_path / "dist").verify()


def test_a_build_too_large_to_write_fails_in_one_line_and_keeps_the_last_good(tmp_path, built_dist):
    """A real write error from the kernel: the file-size limit (RLIMIT_FSIZE) makes write() fail with EFBIG,
    as a full disk fails it with ENOSPC (Python ignores SIGXFSZ, so the write returns the error)."""
    dist = tmp_path / "dist"
    # one more file makes the last good build differ from the new one, which would otherwise reuse its folder
    files = {p.name: p.read_bytes() for p in built_dist.iterdir()} | {"README.txt": b"the last good build\n"}
    good = publish(files, dist)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    done = subprocess.run(
        [*DUIKOU, "build", "--out", str(dist)],
        capture_output=True,
        text=True,
        env=checkout_env(),
        cwd=ROOT,
        preexec_fn=small_files,
        timeout=300,
    )
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(errors) == 1 and "dist.builds/.new-" in errors[0], done.stderr
    assert "cannot write the build: File too large; the last good build was left in place" in errors[0]
    assert Build.open(dist).verify().folder == good.resolve()
    assert [p.name for p in good.parent.iterdir() if p.name.startswith(".new-")] == []


def in_tmpfs(tmp_path, script: str, *command: str, **env: str) -> subprocess.CompletedProcess:
    """Run `script` (sh: a tmpfs to mount at $D, "$@" the command, `env` set) in a mount namespace of its own
    (as root in a user namespace): the file system is real, and gone when the script ends."""
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs none /mnt"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        pytest.skip(f"no mount namespace for a tmpfs here ({probe.stderr.strip()}); the EFBIG test covers it")
    (tmp_path / "mounted").mkdir()
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", *command],
        capture_output=True,
        text=True,
        env=checkout_env(D=str(tmp_path / "mounted"), **env),
        cwd=ROOT,
        timeout=300,
    )


def errors_of(done: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in done.stderr, done.stderr
    return [line for line in done.stderr.splitlines() if line.startswith("error:")]


def test_no_space_left_fails_in_one_line(tmp_path):
    out = tmp_path / "mounted" / "dist"
    script = 'mount -t tmpfs -o size=1m none "$D" && "$@"; echo "exit=$?"; ls -A "$D" "$D/dist.builds"'
    done = in_tmpfs(tmp_path, script, *DUIKOU, "build", "--out", str(out))
    errors = errors_of(done)
    assert len(errors) == 1 and "cannot write the build: No space left on device" in errors[0], done.stderr
    assert "dist.builds/.new-" in errors[0] and "the last good build was left in place" in errors[0]
    listed = done.stdout.split()
    assert listed[0] == "exit=1" and listed[1:] == [
        f"{out.parent}:",
        "dist.builds",
        f"{out}.builds:",
        ".lock",
    ]


def test_a_read_only_file_system_fails_in_one_line_and_keeps_the_last_good(tmp_path, built_dist):
    out = tmp_path / "mounted" / "dist"
    script = (
        'mount -t tmpfs -o size=50m none "$D" && cp -r "$SRC" "$D/dist" && mount -o remount,ro "$D" && "$@";'
        ' echo "exit=$?"; cmp "$SRC/duikou.nq" "$D/dist/duikou.nq" && echo intact'
    )
    done = in_tmpfs(tmp_path, script, *DUIKOU, "build", "--out", str(out), SRC=str(built_dist.resolve()))
    errors = errors_of(done)
    assert done.stdout.split() == ["exit=1", "intact"], (done.stdout, done.stderr)
    assert len(errors) == 1 and "dist.builds: cannot write the build: Read-only file system" in errors[0]
