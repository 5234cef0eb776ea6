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

from graph.errors import StoreError
from graph.formats import GRAPH_FORMATS
from graph.paths import DIST, ONTOLOGY
from graph.store.dataset import DATA_GRAPH, ONTOLOGY_GRAPH, built_data
from graph.store.remote import USER_AGENT


def graph_files(dist: Path = DIST) -> dict[str, tuple[Path, str]]:
    """Our two graphs, by graph IRI: the built data and the ontology, with their media types."""
    return {
        str(DATA_GRAPH): (built_data(dist), GRAPH_FORMATS["nt"].media_type),
        str(ONTOLOGY_GRAPH): (ONTOLOGY, GRAPH_FORMATS["ttl"].media_type),
    }


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
        raise StoreError(
            f"{request.full_url} did not answer in HTTP: {type(error).__name__} {error}"
        ) from None


def push_graph_store(store_url: str, dist: Path = DIST, timeout: float = 60.0) -> dict[str, int]:
    """PUT each graph to `store_url?graph=IRI`; returns the HTTP status per graph."""
    statuses = {}
    for graph, (path, media_type) in graph_files(dist).items():
        url = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(
            url,
            data=path.read_bytes(),
            method="PUT",
            headers={"Content-Type": f"{media_type}; charset=utf-8"},
        )
        statuses[graph] = _send(request, timeout)
    return statuses


def update_request(dist: Path = DIST) -> str:
    """One SPARQL Update that replaces both graphs (N-Triples, the data is already valid in INSERT DATA)."""
    from rdflib import Graph

    parts = []
    for graph, (path, _media_type) in graph_files(dist).items():
        triples = Graph().parse(path).serialize(format="nt")
        parts.append(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{triples}}} }}")
    return " ;\n".join(parts)


def push_update(update_url: str, dist: Path = DIST, timeout: float = 60.0) -> int:
    """Replace both graphs with a single SPARQL Update request."""
    body = update_request(dist).encode("utf-8")
    request = urllib.request.Request(
        update_url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/sparql-update; charset=utf-8"},
    )
    return _send(request, timeout)
