"""What the commands share: progress lines on stderr, and the last good build's graph."""

import time
from pathlib import Path

import click
from rdflib import Graph

from graph.dist import Build

EXIT_OK, EXIT_DATA, EXIT_UNREADABLE = 0, 1, 2  # what each means: the table in graph/cli/__init__.py


def step(message: str) -> float:
    """Announce a long step on stderr (stdout stays clean for data) and return its start time."""
    click.echo(f"… {message}", err=True)
    return time.perf_counter()


def load_built(dist: Path) -> Graph:
    """The graph of the last good build (NoBuild, saying how to make one, when there is none)."""
    return Graph().parse(Build.open(dist).data_file, format="nt")


def dist_option(help_text: str = "Folder of the built graph.", default: Path | None = None):
    """The `--dist` option of the commands that read a build."""
    from graph import paths

    return click.option(
        "--dist",
        type=click.Path(path_type=Path),
        default=default or paths.DIST,
        show_default="dist/",
        help=help_text,
    )
