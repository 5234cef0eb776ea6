"""The `duikou` command: each subcommand is a thin wrapper over a library function.

Exit codes mean something (as pySHACL's do): 0 success or conforms, 1 the data is wrong (build error,
violations), 2 the input could not be read or the command was used wrongly.
"""

import json
import sys
import time
from pathlib import Path

import click
from rdflib import Graph

from graph import paths
from graph.build.export import FORMATS, publish, render, serialize
from graph.build.stats import statistics
from graph.errors import BuildError

EXIT_VIOLATIONS, EXIT_UNREADABLE = 1, 2


def step(message: str) -> float:
    """Announce a long step on stderr (stdout stays clean for data) and return its start time."""
    click.echo(f"… {message}", err=True)
    return time.perf_counter()


def load_built(dist: Path) -> Graph:
    """The graph of the last good build, or a clear error telling how to make one."""
    path = dist / "duikou.nt"
    if not path.is_file():
        raise click.ClickException(f"no built graph in {paths.relative(dist)}/: run `duikou build` first")
    return Graph().parse(path, format="nt")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """duikou: the knowledge graph of 国办发〔2021〕15号, built from the notice and curated tables."""


@main.command()
@click.option(
    "--out",
    "dist",
    type=click.Path(path_type=Path),
    default=paths.DIST,
    show_default="dist/",
    help="Folder to write the built graph to; replaced only if the build succeeds.",
)
@click.option(
    "--source",
    type=click.Path(path_type=Path, dir_okay=False),
    default=paths.SOURCE,
    show_default="graph/source/guobanfa-2021-15.txt",
    help="The notice's text.",
)
@click.option(
    "--tables",
    type=click.Path(path_type=Path, file_okay=False),
    default=paths.TABLES,
    show_default="graph/tables/",
    help="Folder of the curated tables.",
)
@click.option(
    "--linksets",
    type=click.Path(path_type=Path, file_okay=False),
    default=paths.LINKSETS,
    show_default="graph/linksets/",
    help="Folder of the reviewed linksets.",
)
def build(dist: Path, source: Path, tables: Path, linksets: Path) -> None:
    """Parse the notice, join the tables and linksets, validate, and write the dumps, their description and
    the links report."""
    from graph.build.assemble import build_graph
    from graph.build.validate import validate
    from graph.inputs.notice import parse
    from graph.inputs.tables import load_all
    from graph.links.linksets import Linksets

    try:
        start = step("parsing the notice, the curated tables and the linksets")
        links = Linksets.load(linksets)
        graph = build_graph(parse(source), load_all(tables), linksets=links)
        step(f"validating {len(graph)} triples against ontology/shapes.ttl")
        report = validate(graph)
        if not report.conforms:
            click.echo(report.text, err=True)
            raise BuildError("the built graph does not conform to the shapes; dist/ was left as it was")
        step(f"writing {paths.relative(dist)}/")
        files = render(graph, links)
        # the served graph's SHACL report, so the web UI's validation page need not validate again
        files["validation.ttl"] = report.graph.serialize(format="turtle", encoding="utf-8")
        publish(files, dist)
    except BuildError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_VIOLATIONS)
    record = json.loads(files["build.json"])
    click.echo(
        f"built {record['triples']} triples in {time.perf_counter() - start:.1f} s, "
        f"hash {record['hash'][:12]}, into {paths.relative(dist)}/: {', '.join(sorted(files))}"
    )


@main.command(name="validate")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle"]),
    default="text",
    show_default=True,
    help="text: a readable report; turtle: the standard sh:ValidationReport graph.",
)
def validate_command(file: Path | None, fmt: str) -> None:
    """Validate the built graph (or FILE, any RDF format) against the shapes: exit 0 conforms, 1 not, 2 unreadable."""
    from graph.build.validate import validate
    from graph.errors import UnsafeInput
    from graph.service.safeparse import parse_rdf

    path = file or paths.DIST / "duikou.nt"
    try:
        graph = parse_rdf(path)  # size-capped, no entities, no remote contexts, parsed offline
    except FileNotFoundError:
        hint = "" if file else " (run `duikou build` first)"
        click.echo(f"error: cannot read {path}: no such file{hint}", err=True)
        sys.exit(EXIT_UNREADABLE)
    except UnsafeInput as error:
        click.echo(f"error: {error}", err=True)  # the message names the file and the reason
        sys.exit(EXIT_UNREADABLE)
    except Exception as error:  # rdflib raises many parser-specific types; all mean "not readable RDF"
        click.echo(f"error: cannot read {path} as RDF: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    report = validate(graph)
    if fmt == "turtle":
        click.echo(report.graph.serialize(format="turtle"))
    else:
        click.echo(report.text if not report.conforms else f"{path}: conforms ({len(graph)} triples)")
    sys.exit(0 if report.conforms else EXIT_VIOLATIONS)


@main.command()
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="ttl", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="File to write; stdout if absent."
)
@click.option(
    "--dist",
    type=click.Path(path_type=Path),
    default=paths.DIST,
    show_default="dist/",
    help="Folder of the built graph.",
)
def export(fmt: str, output: Path | None, dist: Path) -> None:
    """Write the built graph in one RDF format."""
    data = serialize(load_built(dist), fmt)
    if output:
        output.write_bytes(data)
        click.echo(f"wrote {len(data)} bytes to {output}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--dist",
    type=click.Path(path_type=Path),
    default=paths.DIST,
    show_default="dist/",
    help="Folder of the built graph.",
)
def stats(fmt: str, dist: Path) -> None:
    """Count entities per class, and counties and units per province and city."""
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


def open_store(endpoint: str | None, dist: Path, timeout: float):
    """The remote endpoint if one is named, else the embedded store over the last good build."""
    from graph.store.embedded import EmbeddedStore
    from graph.store.remote import RemoteStore

    return RemoteStore(endpoint, timeout=timeout) if endpoint else EmbeddedStore.from_dist(dist)


def shorten(term) -> str:
    """IRIs under our namespaces as `id:…`/`dk:…`, everything else in N3."""
    from graph.namespaces import DK, ID

    text = str(term)
    for prefix, namespace in (("id:", str(ID)), ("dk:", str(DK._NS))):
        if text.startswith(namespace):
            return prefix + text[len(namespace) :]
    return term.n3() if hasattr(term, "n3") else text


@main.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="K=V", help="A parameter value; repeatable.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "xml"]),
    default="table",
    show_default=True,
)
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL endpoint instead of the embedded store.")
@click.option(
    "--timeout", type=float, default=10.0, show_default=True, help="Seconds to wait for a remote store."
)
@click.option("--dist", type=click.Path(path_type=Path), default=paths.DIST, show_default="dist/")
def query(
    name: str | None, params: tuple[str, ...], fmt: str, endpoint: str | None, timeout: float, dist: Path
) -> None:
    """Run the named query NAME (without NAME: list them) on the embedded store or --endpoint."""
    from graph.errors import ParameterError, QueryNotFound, StoreError
    from graph.store.named import get_query, load_queries
    from graph.store.writers import to_table, write

    if not name:
        for q in load_queries().values():
            args = " ".join(f"{p.name}={p.default}" for p in q.parameters)
            click.echo(f"{q.name:<28} {q.title.get('en', '')}  {args}".rstrip())
        return
    try:
        named = get_query(name)
        values = dict(_split_param(p) for p in params)
        store = open_store(endpoint, dist, timeout)
        result = named.run(store, values)
    except (QueryNotFound, ParameterError, StoreError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_UNREADABLE if isinstance(error, (QueryNotFound, ParameterError)) else EXIT_VIOLATIONS)
    if fmt == "table":
        click.echo(to_table(result, shorten))
    else:
        graph_fmt = {"json": "jsonld", "xml": "rdf", "csv": "nt", "tsv": "nt"}[fmt]
        data = write(result, graph_fmt if result.kind == "graph" else fmt)
        click.echo(data.decode("utf-8"), nl=False)


def _split_param(text: str) -> tuple[str, str]:
    from graph.errors import ParameterError

    key, sep, value = text.partition("=")
    if not sep or not key:
        raise ParameterError(f"--param takes KEY=VALUE, not {text!r}")
    return key.strip(), value


@main.command()
@click.option("--endpoint", metavar="URL", required=True, help="The store's SPARQL query endpoint.")
@click.option(
    "--store",
    "store_url",
    metavar="URL",
    help="Its Graph Store Protocol endpoint (guessed for "
    "Oxigraph's /query → /store and Fuseki's /sparql → /data).",
)
@click.option(
    "--update", "update_url", metavar="URL", help="Use SPARQL Update at this URL instead of the GSP."
)
@click.option("--timeout", type=float, default=60.0, show_default=True)
@click.option("--dist", type=click.Path(path_type=Path), default=paths.DIST, show_default="dist/")
def push(endpoint: str, store_url: str | None, update_url: str | None, timeout: float, dist: Path) -> None:
    """Load the built graph and the ontology into named graphs at a remote store, replacing the old ones."""
    from graph.errors import StoreError
    from graph.store.push import push_graph_store, push_update, store_url_for
    from graph.store.remote import RemoteStore

    try:
        if update_url:
            step(f"replacing the graphs at {update_url} with one SPARQL Update")
            push_update(update_url, dist, timeout)
        else:
            target = store_url or store_url_for(endpoint)
            step(f"replacing the graphs at {target} (Graph Store Protocol)")
            push_graph_store(target, dist, timeout)
        triples = len(RemoteStore(endpoint, timeout=timeout))
    except StoreError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_VIOLATIONS)
    click.echo(f"pushed; {endpoint} now answers over {triples} triples")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--endpoint", metavar="URL", help="Serve a remote SPARQL endpoint instead of the embedded store."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    show_default="two per core",
    help="gunicorn web workers (gthread).",
)
@click.option("--dev", is_flag=True, help="Run Flask's development server instead (debug stays off).")
@click.option(
    "--dist",
    type=click.Path(path_type=Path),
    default=None,
    show_default="dist/",
    help="Folder of the built graph.",
)
def serve(
    host: str, port: int, endpoint: str | None, workers: int | None, dev: bool, dist: Path | None
) -> None:
    """Serve the web app and the SPARQL endpoint (gunicorn; the graph is loaded once, before forking)."""
    from graph.errors import AddressInUse, SettingError, StoreError
    from webui.server import serve as run_server

    settings = {key: value for key, value in (("ENDPOINT", endpoint), ("DIST", dist)) if value}
    try:
        run_server(host=host, port=port, workers=workers, dev=dev, settings=settings)
    except SettingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    except (StoreError, AddressInUse) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_VIOLATIONS)


# -- links to other datasets ------------------------------------------------------------------------


@main.group()
def link() -> None:
    """Discover links to other datasets and write them to graph/linksets/ for review."""


@link.command(name="divisions")
@click.option(
    "--tables",
    type=click.Path(path_type=Path, file_okay=False),
    default=paths.TABLES,
    show_default="graph/tables/",
    help="Folder of the curated tables (its divisions.csv is linked).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=paths.LINKSETS / "divisions.csv",
    show_default="graph/linksets/divisions.csv",
    help="The linkset file to write.",
)
def link_divisions(tables: Path, out: Path) -> None:
    """Match the divisions against the NBS 2023 tables and the code history: exit 0 all matched, 1 not."""
    from collections import Counter

    from graph.inputs.tables import read_table
    from graph.links.divisions import discover, linkset_rows
    from graph.links.linksets import DIVISION_COLUMNS, DIVISION_STATUSES, write_linkset

    try:
        links = discover(read_table("divisions", tables))
    except BuildError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    write_linkset(out, DIVISION_COLUMNS, linkset_rows(links))
    for item in links:
        if item.status != "matched":
            click.echo(f"{item.status}: {item.name_zh} ({item.parent_zh or '-'}): {item.evidence}", err=True)
    counts = Counter(item.status for item in links)
    summary = ", ".join(f"{counts[s]} {s}" for s in DIVISION_STATUSES if counts[s])
    click.echo(f"wrote {len(links)} division links to {paths.relative(out)}: {summary}")
    sys.exit(0 if counts["matched"] == len(links) else EXIT_VIOLATIONS)


@link.command(name="wikidata")
@click.option(
    "--endpoint",
    metavar="URL",
    default="https://query.wikidata.org/sparql",
    show_default=True,
    help="The SPARQL endpoint to reconcile against.",
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path, file_okay=False),
    default=paths.WIKIDATA_CACHE,
    show_default=".cache/wikidata/",
    help="Folder of cached answers; a rerun asks nothing twice.",
)
@click.option("--batch", type=click.IntRange(min=1), default=50, show_default=True, help="Values per query.")
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=4,
    show_default=True,
    help="Retries of a query on 429, 5xx, timeouts and dropped connections.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=2.0,
    show_default=True,
    help="Seconds before the first retry, doubling each time (unless the service says Retry-After).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for one answer.",
)
@click.option(
    "--seeds-only",
    is_flag=True,
    help="Write only the identifiers graph/reference/README.md knows, as unverified seeds; ask nothing.",
)
@click.option(
    "--tables",
    type=click.Path(path_type=Path, file_okay=False),
    default=paths.TABLES,
    show_default="graph/tables/",
    help="Folder of the curated tables (its units are reconciled).",
)
@click.option(
    "--linksets",
    type=click.Path(path_type=Path, file_okay=False),
    default=paths.LINKSETS,
    show_default="graph/linksets/",
    help="Folder with divisions.csv and wikidata-classes.csv.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    show_default="LINKSETS/wikidata.csv",
    help="The linkset file to write.",
)
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
    try:
        divisions = read_linkset(linksets / "divisions.csv", DIVISION_COLUMNS, DIVISION_STATUSES)
        classes = [row["qid"] for row in read_linkset(linksets / "wikidata-classes.csv", CLASS_COLUMNS)]
        subjects = subjects_from(read_table("units", tables), divisions)
    except BuildError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
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
            sys.exit(EXIT_VIOLATIONS)
        step(f"{client.fetched} queries sent, the others answered from {paths.relative(cache)}/")
    write_linkset(out, WIKIDATA_COLUMNS, rows)
    counts = Counter(row["status"] for row in rows)
    summary = ", ".join(f"{counts[s]} {s}" for s in WIKIDATA_STATUSES if counts[s])
    click.echo(f"wrote {len(rows)} Wikidata links to {paths.relative(out)}: {summary or 'none'}")


@main.group()
def links() -> None:
    """Report on the links to other datasets."""


@links.command(name="report")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--dist",
    type=click.Path(path_type=Path),
    default=paths.DIST,
    show_default="dist/",
    help="Folder of the built graph (its links.json).",
)
def links_report(fmt: str, dist: Path) -> None:
    """Coverage per target dataset, and every item not linked (unmatched, ambiguous, conflicting)."""
    from graph.links.report import as_table

    path = dist / "links.json"
    if not path.is_file():
        raise click.ClickException(f"no links report in {paths.relative(dist)}/: run `duikou build` first")
    report = json.loads(path.read_text(encoding="utf-8"))
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if fmt == "json" else as_table(report))
