"""`duikou links`: discover links to other datasets (`links discover divisions|wikidata`, written to
graph/linksets/ for review) and report their coverage (`links report`)."""

import json
import sys
from pathlib import Path

import click

from graph import paths
from graph.cli.common import EXIT_DATA, dist_option, path_option, step


@click.command(name="divisions")
@path_option(
    "--tables",
    paths.TABLES,
    "graph/tables/",
    "Folder of the curated tables (its divisions.csv is linked).",
    "folder",
)
@path_option(
    "--out",
    paths.LINKSETS / "divisions.csv",
    "graph/linksets/divisions.csv",
    "The linkset file to write.",
    "file",
)
def link_divisions(tables: Path, out: Path) -> None:
    """Match the divisions against the NBS 2023 tables and the code history: exit 0 all matched, 1 not."""
    from collections import Counter

    from graph.inputs.tables import read_table
    from graph.links.divisions import discover, linkset_rows
    from graph.links.linksets import DIVISION_COLUMNS, DIVISION_STATUSES, write_linkset

    links = discover(read_table("divisions", tables))
    write_linkset(out, DIVISION_COLUMNS, linkset_rows(links))
    for item in links:
        if item.status != "matched":
            click.echo(f"{item.status}: {item.name_zh} ({item.parent_zh or '-'}): {item.evidence}", err=True)
    counts = Counter(item.status for item in links)
    summary = ", ".join(f"{counts[s]} {s}" for s in DIVISION_STATUSES if counts[s])
    click.echo(f"wrote {len(links)} division links to {paths.relative(out)}: {summary}")
    sys.exit(0 if counts["matched"] == len(links) else EXIT_DATA)


def shown_option(flag: str, kind: click.ParamType, default: float, help_text: str):
    """A bounded number option whose default --help shows."""
    return click.option(flag, type=kind, default=default, show_default=True, help=help_text)


@click.command(name="wikidata")
@click.option(
    "--endpoint",
    metavar="URL",
    default="https://query.wikidata.org/sparql",
    show_default=True,
    help="The SPARQL endpoint to reconcile against.",
)
@path_option(
    "--cache",
    paths.WIKIDATA_CACHE,
    ".cache/wikidata/",
    "Folder of cached answers; a rerun asks nothing twice.",
    "folder",
)
@shown_option("--batch", click.IntRange(min=1), 50, "Values per query.")
@shown_option(
    "--retries", click.IntRange(min=0), 4, "Retries of a query on 429, 5xx, timeouts and dropped connections."
)
@shown_option(
    "--backoff",
    click.FloatRange(min=0),
    2.0,
    "Seconds before the first retry, doubling each time (unless the service says Retry-After).",
)
@shown_option("--timeout", click.FloatRange(min=1), 60.0, "Seconds to wait for one answer.")
@click.option(
    "--seeds-only",
    is_flag=True,
    help="Write only the identifiers graph/reference/README.md knows, as unverified seeds; ask nothing.",
)
@path_option(
    "--tables",
    paths.TABLES,
    "graph/tables/",
    "Folder of the curated tables (its units are reconciled).",
    "folder",
)
@path_option(
    "--linksets",
    paths.LINKSETS,
    "graph/linksets/",
    "Folder with divisions.csv and wikidata-classes.csv.",
    "folder",
)
@path_option("--out", None, "LINKSETS/wikidata.csv", "The linkset file to write.", "file")
def link_wikidata(
    endpoint: str,
    cache: Path,
    batch: int,
    retries: int,
    backoff: float,
    timeout: float,
    seeds_only: bool,
    tables: Path,
    linksets: Path,
    out: Path | None,
) -> None:
    """Reconcile divisions (by P442) and units (by Chinese name and P31 class) with Wikidata items."""
    from collections import Counter

    from graph.errors import ServiceError
    from graph.inputs.tables import read_table
    from graph.links.linksets import (
        CLASS_COLUMNS,
        DIVISION_COLUMNS,
        DIVISION_STATUSES,
        WIKIDATA_COLUMNS,
        WIKIDATA_STATUSES,
        read_linkset,
        write_linkset,
    )
    from graph.links.wikidata import reconcile, seed_rows, seeds_from_readme, subjects_from
    from graph.links.wikidata_client import CachedClient

    out = out or linksets / "wikidata.csv"
    divisions = read_linkset(linksets / "divisions.csv", DIVISION_COLUMNS, DIVISION_STATUSES)
    classes = [row["qid"] for row in read_linkset(linksets / "wikidata-classes.csv", CLASS_COLUMNS)]
    subjects = subjects_from(read_table("units", tables), divisions)
    seeds = seeds_from_readme()
    if seeds_only:
        rows = seed_rows(subjects, seeds)
    else:
        client = CachedClient(endpoint, cache, retries=retries, backoff=backoff, timeout=timeout)

        def progress(queries):
            with click.progressbar(queries, label=f"asking {endpoint}", file=sys.stderr) as bar:
                yield from bar

        try:
            rows = reconcile(subjects, client, classes, seeds, batch, progress)
        except ServiceError as error:
            click.echo(f"error: {error}; {paths.relative(out)} was left as it was", err=True)
            sys.exit(EXIT_DATA)
        step(f"{client.fetched} queries sent, the others answered from {paths.relative(cache)}/")
    write_linkset(out, WIKIDATA_COLUMNS, rows)
    counts = Counter(row["status"] for row in rows)
    summary = ", ".join(f"{counts[s]} {s}" for s in WIKIDATA_STATUSES if counts[s])
    click.echo(f"wrote {len(rows)} Wikidata links to {paths.relative(out)}: {summary or 'none'}")


@click.command(name="report")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@dist_option("Folder of the built graph (its links.json).")
def links_report(fmt: str, dist: Path) -> None:
    """Coverage per target dataset, and every item not linked (unmatched, ambiguous, conflicting)."""
    from graph.dist import Build
    from graph.errors import NoBuild
    from graph.links.report import as_table

    path = Build.open(dist).links_file
    if not path.is_file():
        raise NoBuild(f"no links report in {paths.relative(dist)}/: run `duikou build` first")
    report = json.loads(path.read_text(encoding="utf-8"))
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if fmt == "json" else as_table(report))


@click.group()
def discover() -> None:
    """Discover links to other datasets and write them to graph/linksets/ for review."""


@click.group()
def links() -> None:
    """Discover the links to other datasets, and report on them."""


@click.group(hidden=True)
def link() -> None:
    """The former spelling of `duikou links discover`."""


for _command in (link_divisions, link_wikidata):
    discover.add_command(_command)
    link.add_command(_command)
links.add_command(discover)
links.add_command(links_report)
