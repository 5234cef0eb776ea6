"""`duikou export` and `duikou stats`: the last good build in one RDF format, and its counts."""

import json
from pathlib import Path

import click

from graph.cli.common import dist_option, load_built
from graph.dist import Build
from graph.formats import DATASET_FORMATS, GRAPH_FORMATS


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted({**GRAPH_FORMATS, **DATASET_FORMATS})),
    default="ttl",
    show_default=True,
    help="nq and trig keep each source's named graph; the others write their union.",
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="File to write; stdout if absent."
)
@dist_option()
def export(fmt: str, output: Path | None, dist: Path) -> None:
    """Write the built graph in one RDF format."""
    from graph.formats import serialize

    if fmt in DATASET_FORMATS:  # the build's own file: each source's graph, as written
        data = Build.open(dist).path(f"duikou.{DATASET_FORMATS[fmt].suffix}").read_bytes()
    else:
        data = serialize(load_built(dist), fmt, style="dump")
    if output:
        output.write_bytes(data)
        click.echo(f"wrote {len(data)} bytes to {output}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@dist_option()
def stats(fmt: str, dist: Path) -> None:
    """Count entities per class, and counties and units per province and city."""
    from graph.build.stats import statistics

    figures = statistics(load_built(dist))
    if fmt == "json":
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    click.echo("class                          entities")
    for name, n in figures["classes"].items():
        click.echo(f"{name:<30} {n:>8}")
    click.echo("\nprovince / city                counties    units")
    for row in figures["divisions"]:
        indent = "" if row["level"] == "province" else "  "
        label = f"{indent}{row['name_zh']} {row['name_en']}"
        click.echo(f"{label:<30} {row['counties']:>8} {row['units']:>8}")
