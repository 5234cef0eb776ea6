"""`duikou build` and `duikou validate`: make the graph into dist/, and check any graph against the shapes."""

import sys
import time
from pathlib import Path

import click
from rdflib.util import guess_format

from graph import paths
from graph.build.validate import DEFAULT_ENGINE, ENGINES
from graph.cli.common import EXIT_DATA, EXIT_UNREADABLE, path_option, step
from graph.errors import UnsafeInput
from graph.formats import serialize


@click.command()
@path_option(
    "--out",
    paths.DIST,
    "dist/",
    "Where to publish the built graph: a symlink to its own folder in OUT.builds/, swapped only if the build "
    "succeeds.",
    dest="dist",
)
@path_option(
    "--manifest", paths.MANIFEST, "graph/source/manifest.csv", "The manifest of the source documents.", "file"
)
@path_option("--tables", paths.TABLES, "graph/tables/", "Folder of the curated tables.", "folder")
@path_option("--linksets", paths.LINKSETS, "graph/linksets/", "Folder of the reviewed linksets.", "folder")
def build(dist: Path, manifest: Path, tables: Path, linksets: Path) -> None:
    """Parse the documents, join the tables and linksets, validate, and write the dumps, their description and
    the links report."""
    from graph.build.pipeline import build as build_dist

    start = time.perf_counter()
    result = build_dist(dist, manifest=manifest, tables=tables, linksets=linksets, step=step)
    record = result.record
    click.echo(
        f"built {record['triples']} triples in {time.perf_counter() - start:.1f} s, "
        f"hash {record['hash'][:12]}, into {paths.relative(dist)}/: {', '.join(sorted(result.files))}"
    )


@click.command(name="validate")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle"]),
    default="text",
    show_default=True,
    help="text: a readable report; turtle: the standard sh:ValidationReport graph.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="rudof: the fast engine; pyshacl: the reference (slower), which gives the same results.",
)
def validate_command(file: Path | None, fmt: str, engine: str) -> None:
    """Validate the built graph or FILE (any RDF) against the shapes: exit 0 conforms, 1 not, 2 unreadable."""
    from graph.build.validate import validate
    from graph.dist import Build

    path = file or Build.open(paths.DIST).union_file
    try:
        graph = read_data(path, engine)
    except FileNotFoundError:
        click.echo(f"error: cannot read {path}: no such file", err=True)
        sys.exit(EXIT_UNREADABLE)
    except UnsafeInput:
        raise  # its message names the file and the reason
    except Exception as error:  # rdflib raises many parser-specific types; all mean "not readable RDF"
        click.echo(f"error: cannot read {path} as RDF: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    report = validate(graph, engine=engine)
    if fmt == "turtle":
        click.echo(serialize(report.graph, "ttl", style="answer").decode("utf-8"))
    else:
        click.echo(report.text if not report.conforms else f"{path}: conforms ({len(graph)} triples)")
    sys.exit(0 if report.conforms else EXIT_DATA)


def read_data(path: Path, engine: str):
    """The graph to validate: N-Triples read as bytes by rudof and Oxigraph (Rust parsers of a format that
    can name no other file, parsed strictly), anything else by rdflib, size-capped, with no entities or
    remote contexts, in a confined child process."""
    from graph.build.shacl_data import NTriplesData
    from graph.service.safeparse import MAX_BYTES, parse_rdf, read_capped

    if engine == "rudof" and guess_format(str(path)) == "nt":
        return NTriplesData(read_capped(path, MAX_BYTES))
    return parse_rdf(path)
