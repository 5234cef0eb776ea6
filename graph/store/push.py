"""Load the built graph into a remote triple store, replacing the previous version of each graph in one step.

The Graph Store Protocol's PUT replaces a named graph atomically; where a server has only SPARQL Update,
one request `DROP SILENT GRAPH …; INSERT DATA { GRAPH … }` does the same (an update request is one
transaction). Either way readers see the old graph or the new one, never half of each.
"""

import http.client
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
from graph.store.remote import USER_AGENT, not_http

NTRIPLES = GRAPH_FORMATS["nt"].media_type


def graph_bodies(dist: Path = DIST) -> dict[str, bytes]:
    """Every graph of ours as N-Triples, by graph IRI: each source's named graph of `duikou.nq` (empty where
    the build has none of its statements, so that a push clears it), then the ontology's."""
    built = read_graphs(built_data(dist))
    names = {str(name) for name in GRAPHS if name != ONTOLOGY_GRAPH} | {name for name in built if name}
    bodies = {name: built.get(name, b"") for name in sorted(names)}
    bodies[str(ONTOLOGY_GRAPH)] = Graph().parse(ONTOLOGY).serialize(format="nt", encoding="utf-8")
    return bodies


def store_url_for(endpoint: str) -> str:
    """Guess the Graph Store endpoint of a query endpoint that follows Oxigraph's or Fuseki's layout."""
    for query_suffix, store_suffix in (("/query", "/store"), ("/sparql", "/data")):
        if endpoint.rstrip("/").endswith(query_suffix):
            return endpoint.rstrip("/")[: -len(query_suffix)] + store_suffix
    raise StoreError(
        f"cannot tell the Graph Store Protocol URL of {endpoint}: give it with --store "
        "(or --update for SPARQL Update)"
    )


def _send(request: urllib.request.Request, timeout: float) -> int:
    request.add_header("User-Agent", USER_AGENT)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:300]
        raise StoreError(f"{request.full_url} answered {error.code} {error.reason}: {detail}") from None
    except URLError as error:
        raise StoreError(f"cannot reach {request.full_url}: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise StoreError(f"cannot reach {request.full_url}: {error}") from None
    except http.client.HTTPException as error:
        raise not_http(request.full_url, error) from None


def push_graph_store(store_url: str, dist: Path = DIST, timeout: float = 60.0) -> dict[str, int]:
    """PUT each graph to `store_url?graph=IRI`; returns the HTTP status per graph."""
    statuses = {}
    for graph, body in graph_bodies(dist).items():
        url = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(
            url, data=body, method="PUT", headers={"Content-Type": f"{NTRIPLES}; charset=utf-8"}
        )
        statuses[graph] = _send(request, timeout)
    return statuses


def update_request(dist: Path = DIST) -> str:
    """One SPARQL Update that replaces every graph (N-Triples, the data is already valid in INSERT DATA)."""
    return " ;\n".join(
        f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body.decode('utf-8')}}} }}"
        for graph, body in graph_bodies(dist).items()
    )


def push_update(update_url: str, dist: Path = DIST, timeout: float = 60.0) -> int:
    """Replace every graph with a single SPARQL Update request."""
    body = update_request(dist).encode("utf-8")
    request = urllib.request.Request(
        update_url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/sparql-update; charset=utf-8"},
    )
    return _send(request, timeout)
