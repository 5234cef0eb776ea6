"""What the commands share: progress lines on stderr, and the last good build's graph."""

import time
from pathlib import Path

import click
from rdflib import Graph

from graph import paths
from graph.dist import Build

EXIT_OK, EXIT_DATA, EXIT_UNREADABLE = 0, 1, 2  # what each means: the table in graph/cli/__init__.py


def step(message: str) -> float:
    """Announce a long step on stderr (stdout stays clean for data) and return its start time."""
    click.echo(f"… {message}", err=True)
    return time.perf_counter()


def load_built(dist: Path) -> Graph:
    """The graph of the last good build (NoBuild, saying how to make one, when there is none)."""
    return Graph().parse(Build.open(dist).union_file, format="nt")


def path_option(
    flag: str, default: Path | None, shown: str, help_text: str, kind: str = "any", dest: str = ""
):
    """An option naming a folder (`kind="folder"`), a file (`"file"`) or either; --help shows `shown`."""
    path_type = click.Path(path_type=Path, file_okay=kind != "folder", dir_okay=kind != "file")
    names = (flag, dest) if dest else (flag,)
    return click.option(*names, type=path_type, default=default, show_default=shown, help=help_text)


def dist_option(help_text: str = "Folder of the built graph."):
    """The `--dist` option of the commands that read a build."""
    return path_option("--dist", paths.DIST, "dist/", help_text)
