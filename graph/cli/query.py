"""`duikou query` and `duikou push`: run the named queries on the embedded store or a remote endpoint, and
load the built graph into a remote store."""

from pathlib import Path

import click

from graph.cli.common import dist_option, step
from graph.service.settings import SETTINGS


def open_store(endpoint: str | None, dist: Path, timeout: float):
    """The remote endpoint if one is named, else the embedded store over the last good build (or NoBuild)."""
    from graph.dist import Build
    from graph.store.embedded import EmbeddedStore
    from graph.store.remote import RemoteStore

    if endpoint:
        return RemoteStore(endpoint, timeout=timeout)
    return EmbeddedStore.from_dist(Build.open(dist).folder)


def shorten(term) -> str:
    """An IRI as a prefixed name where one of our prefixes fits (`id:…`, `dk:…`, `skos:…`), else in N3."""
    from rdflib import URIRef

    from graph.namespaces import compact

    if isinstance(term, URIRef) and compact(str(term)) != str(term):
        return compact(str(term))
    return term.n3() if hasattr(term, "n3") else str(term)


def split_param(text: str) -> tuple[str, str]:
    """`KEY=VALUE` of a `--param`, or a ParameterError."""
    from graph.errors import ParameterError

    key, sep, value = text.partition("=")
    if not sep or not key:
        raise ParameterError(f"--param takes KEY=VALUE, not {text!r}")
    return key.strip(), value


@click.command()
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
    "--timeout",
    type=float,
    default=SETTINGS["QUERY_TIMEOUT"].default,
    show_default=True,
    help="Seconds to wait for a remote store.",
)
@dist_option()
def query(
    name: str | None, params: tuple[str, ...], fmt: str, endpoint: str | None, timeout: float, dist: Path
) -> None:
    """Run the named query NAME (without NAME: list them) on the embedded store or --endpoint."""
    from graph.store.named import catalogue
    from graph.store.writers import to_table, write

    if not name:
        for q in catalogue().all().values():
            args = " ".join(f"{p.name}={p.default}" for p in q.parameters)
            click.echo(f"{q.name:<28} {q.title.get('en', '')}  {args}".rstrip())
        return
    named = catalogue().get(name)
    values = dict(split_param(p) for p in params)
    result = named.run(open_store(endpoint, dist, timeout), values)
    if fmt == "table":
        click.echo(to_table(result, shorten))
    else:
        graph_fmt = {"json": "jsonld", "xml": "rdf", "csv": "nt", "tsv": "nt"}[fmt]
        data = write(result, graph_fmt if result.kind == "graph" else fmt)
        click.echo(data.decode("utf-8"), nl=False)


@click.command()
@click.option("--endpoint", metavar="URL", required=True, help="The store's SPARQL query endpoint.")
@click.option(
    "--store",
    "store_url",
    metavar="URL",
    help="Its Graph Store Protocol endpoint (guessed for Oxigraph's /query → /store, Fuseki's "
    "/NAME/sparql → /NAME/data and Virtuoso's /sparql → /sparql-graph-crud-auth, or -crud without --user).",
)
@click.option(
    "--update", "update_url", metavar="URL", help="Use SPARQL Update at this URL instead of the GSP."
)
@click.option(
    "--user", envvar="DUIKOU_STORE_USER", show_envvar=True, help="User name, if the store asks for one."
)
@click.option(
    "--password",
    envvar="DUIKOU_STORE_PASSWORD",
    show_envvar=True,
    help="Its password (better from the environment than on a command line others can see).",
)
@click.option("--timeout", type=float, default=60.0, show_default=True)
@dist_option()
def push(
    endpoint: str,
    store_url: str | None,
    update_url: str | None,
    user: str | None,
    password: str | None,
    timeout: float,
    dist: Path,
) -> None:
    """Load the built graph and the ontology into named graphs at a remote store, replacing the old ones,
    and count the triples that landed there."""
    from graph.errors import ParameterError
    from graph.store.push import landed, push_graph_store, push_update, store_url_for

    if bool(user) != bool(password):
        raise ParameterError(
            "--user and --password go together (or DUIKOU_STORE_USER and DUIKOU_STORE_PASSWORD)"
        )
    credentials = (user, password) if user and password else None
    if update_url:
        step(f"replacing the graphs at {update_url} with one SPARQL Update")
        push_update(update_url, dist, timeout, credentials)
    else:
        target = store_url or store_url_for(endpoint, credentials is not None)
        step(f"replacing the graphs at {target} (Graph Store Protocol)")
        push_graph_store(target, dist, timeout, credentials)
    click.echo(
        f"pushed; {endpoint} now holds {landed(endpoint, dist, timeout)} triples in our graphs, as sent"
    )
