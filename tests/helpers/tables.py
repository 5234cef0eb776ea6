"""Break a copy of the curated tables on purpose: tests that a bad row fails, naming its file and line."""

import shutil
from pathlib import Path

from graph.paths import TABLES


def copy_tables(folder: Path) -> Path:
    """A private copy of the curated tables, in `folder`, to break."""
    target = folder / "tables"
    shutil.copytree(TABLES, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file with `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
