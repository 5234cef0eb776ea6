"""Load the built graph into a remote triple store, replacing the previous version of each graph in one step,
and count what landed.

The Graph Store Protocol's PUT replaces a named graph atomically; where a server has only SPARQL Update,
one request `DROP SILENT GRAPH …; INSERT DATA { GRAPH … }` does the same (an update request is one
transaction). Either way readers see the old graph or the new one, never half of each. A store that wants
a user and password (Virtuoso's `/sparql-graph-crud-auth` and `/sparql-auth`) gets them when it asks,
by HTTP digest or basic authentication.
"""

import http.client
import re
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.error import HTTPError, URLError

from rdflib import Graph

from graph.errors import StoreError
from graph.formats import GRAPH_FORMATS
from graph.paths import DIST, ONTOLOGY
from graph.store.dataset import GRAPHS, ONTOLOGY_GRAPH, built_data
from graph.store.quads import read_graphs
from graph.store.remote import USER_AGENT, RemoteStore, not_http, one_line

NTRIPLES = GRAPH_FORMATS["nt"].media_type
Credentials = tuple[str, str] | None  # (user, password), given to a store only when it asks for them
BLANK_NODE = re.compile(r"^_:|\s_:\S+ \.$", re.MULTILINE)  # a subject or object in N-Triples
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def graph_bodies(dist: Path = DIST) -> dict[str, bytes]:
    """Every graph of ours as N-Triples, by graph IRI: each source's named graph of `duikou.nq` (empty where
    the build has none of its statements, so that a push clears it), then the ontology's."""
    built = read_graphs(built_data(dist))
    names = {str(name) for name in GRAPHS if name != ONTOLOGY_GRAPH} | {name for name in built if name}
    bodies = {name: built.get(name, b"") for name in sorted(names)}
    bodies[str(ONTOLOGY_GRAPH)] = Graph().parse(ONTOLOGY).serialize(format="nt", encoding="utf-8")
    return bodies


def store_url_for(endpoint: str, authenticated: bool = False) -> str:
    """Guess the Graph Store endpoint of a query endpoint that follows Oxigraph's, Fuseki's or Virtuoso's
    layout: Virtuoso's is `/sparql` at the server's root (Fuseki's is under a dataset, `/NAME/sparql`), and
    its Graph Store endpoint that takes a user and password is `/sparql-graph-crud-auth`."""
    parts = urllib.parse.urlsplit(endpoint.rstrip("/"))
    if parts.path == "/sparql":
        path = "/sparql-graph-crud-auth" if authenticated else "/sparql-graph-crud"
        return urllib.parse.urlunsplit(parts._replace(path=path))
    for query_suffix, store_suffix in (("/query", "/store"), ("/sparql", "/data")):
        if endpoint.rstrip("/").endswith(query_suffix):
            return endpoint.rstrip("/")[: -len(query_suffix)] + store_suffix
    raise StoreError(
        f"cannot tell the Graph Store Protocol URL of {endpoint}: give it with --store "
        "(or --update for SPARQL Update)"
    )


def _opener(url: str, credentials: Credentials) -> urllib.request.OpenerDirector:
    """urllib's opener, answering the request for a password (digest or basic) of the server at `url`, the
    only one given it."""
    if credentials is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, *credentials)
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)
    )


def _send(request: urllib.request.Request, timeout: float, credentials: Credentials = None) -> int:
    request.add_header("User-Agent", USER_AGENT)
    try:
        with _opener(request.full_url, credentials).open(request, timeout=timeout) as response:
            return response.status
    except HTTPError as error:
        detail = one_line(error.read(), error.headers.get("Content-Type", ""), 300)
        raise StoreError(f"{request.full_url} answered {error.code} {error.reason}: {detail}") from None
    except URLError as error:
        raise StoreError(f"cannot reach {request.full_url}: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise StoreError(f"cannot reach {request.full_url}: {error}") from None
    except http.client.HTTPException as error:
        raise not_http(request.full_url, error) from None


def push_graph_store(
    store_url: str, dist: Path = DIST, timeout: float = 60.0, credentials: Credentials = None
) -> dict[str, int]:
    """PUT each graph to `store_url?graph=IRI`; returns the HTTP status per graph."""
    statuses = {}
    for graph, body in graph_bodies(dist).items():
        url = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(
            url, data=body, method="PUT", headers={"Content-Type": f"{NTRIPLES}; charset=utf-8"}
        )
        statuses[graph] = _send(request, timeout, credentials)
    return statuses


def update_request(dist: Path = DIST) -> str:
    """One SPARQL Update that replaces every graph, each as N-Triples (valid in INSERT DATA as it is)."""
    return " ;\n".join(_replace(graph, body.decode("utf-8")) for graph, body in graph_bodies(dist).items())


def _replace(graph: str, triples: str) -> str:
    """The update that replaces `graph`: an empty one is only dropped (Virtuoso refuses an empty `GRAPH <…>
    {}`), one with blank nodes is inserted from a template (Virtuoso refuses them in INSERT DATA)."""
    drop = f"DROP SILENT GRAPH <{graph}>"
    if not triples.strip():
        return drop
    if BLANK_NODE.search(triples):
        return f"{drop} ;\nINSERT {{ GRAPH <{graph}> {{\n{triples}}} }} WHERE {{}}"
    return f"{drop} ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{triples}}} }}"


def push_update(
    update_url: str, dist: Path = DIST, timeout: float = 60.0, credentials: Credentials = None
) -> int:
    """Replace every graph with a single SPARQL Update request."""
    body = update_request(dist).encode("utf-8")
    request = urllib.request.Request(
        update_url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/sparql-update; charset=utf-8"},
    )
    return _send(request, timeout, credentials)


def landed(endpoint: str, dist: Path = DIST, timeout: float = 60.0) -> int:
    """How many triples the store at `endpoint` now holds in our graphs; a StoreError if any graph holds
    other than what the build sent there (a store that dropped or merged triples on the way in)."""
    sent = {graph: len(body.splitlines()) for graph, body in graph_bodies(dist).items()}
    store = RemoteStore(endpoint, timeout=timeout)
    found = store.query(PER_GRAPH, default_graphs=[], named_graphs=list(sent))
    held = {str(graph): int(str(count)) for graph, count in found.rows}
    wrong = [f"{graph} {held.get(graph, 0)} of {n}" for graph, n in sent.items() if held.get(graph, 0) != n]
    if wrong:
        raise StoreError(f"{endpoint} holds other than what was sent (held of sent): {'; '.join(wrong)}")
    return sum(held.values())
