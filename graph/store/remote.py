"""A remote SPARQL 1.1 endpoint as a store: the same `query` as the embedded store, over HTTP.

Values are bound the same way (`inject_values`), JSON and RDF answers become the same `Result`, and the
endpoint's failures become the project's errors, with the server's own words.
"""

import ast
import http.client
import json
import socket
from typing import Unpack
from urllib.error import HTTPError, URLError

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier
from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from graph.errors import QuerySyntaxError, QueryTimeout, StoreError
from graph.store.dataset import GRAPHS
from graph.store.result import Bindings, Result, Scope, rdflib_triple
from graph.store.sparql_text import inject_values, query_form, with_base

USER_AGENT = "duikou (+https://w3id.org/duikou/)"  # how we name ourselves to a remote store


class RemoteStore:
    """A SPARQL 1.1 endpoint reached through SPARQLWrapper; our graphs are named, so queries name them."""

    name = "remote"

    def __init__(self, endpoint: str, timeout: float = 10.0, graphs: tuple[URIRef, ...] = GRAPHS):
        self.endpoint, self.timeout, self.graphs = endpoint, timeout, graphs

    def _client(self, default_graphs, named_graphs) -> SPARQLWrapper:
        client = SPARQLWrapper(self.endpoint, agent=USER_AGENT)
        client.setTimeout(max(1, round(self.timeout)))
        client.setMethod(POST)
        for graph in self.graphs if default_graphs is None else default_graphs:
            client.addDefaultGraph(str(graph))
        if default_graphs is None and named_graphs is None:  # as the embedded store: GRAPH ?g sees ours
            named_graphs = self.graphs
        for graph in named_graphs or ():
            client.addNamedGraph(str(graph))
        return client

    def query(self, text: str, bindings: Bindings | None = None, **scope: Unpack[Scope]) -> Result:
        """Run `text` on the endpoint, binding values with an escaped VALUES block (and `base_iri` with a
        BASE declaration: the protocol has no parameter for it)."""
        limit = scope.get("limit")
        client = self._client(scope.get("default_graphs"), scope.get("named_graphs"))
        text = inject_values(text, bindings) if bindings else text
        if base := scope.get("base_iri"):
            text = with_base(text, base)
        client.setQuery(text)
        # SPARQLWrapper's own guess reads words in comments as keywords
        client.queryType = kind = query_form(text)
        client.setReturnFormat(N3 if kind in ("CONSTRUCT", "DESCRIBE") else JSON)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            client.setOnlyConneg(True)
            client.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
        try:
            response = client.query()
            body = response.response.read()
            content_type = response.response.headers.get("Content-Type", "")
        except QueryBadFormed as error:
            raise QuerySyntaxError(f"the endpoint rejected the query: {_remote_message(error)}") from None
        except (HTTPError, SPARQLWrapperException) as error:
            raise StoreError(f"{self.endpoint} answered {_remote_message(error)}") from None
        except http.client.HTTPException as error:
            raise not_http(self.endpoint, error) from None
        except TimeoutError:
            raise QueryTimeout(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
        except URLError as error:
            reason = error.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise QueryTimeout(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
            raise StoreError(f"cannot reach {self.endpoint}: {reason}") from None
        except OSError as error:
            raise StoreError(f"cannot reach {self.endpoint}: {error}") from None
        try:
            if kind in ("CONSTRUCT", "DESCRIBE"):
                fmt = ox.RdfFormat.N_TRIPLES if "n-triples" in content_type else ox.RdfFormat.TURTLE
                return _cap_graph(_parsed(body, fmt, self.endpoint), limit)
            return _from_json(json.loads(body), limit)
        except Exception as error:  # JSON and the RDF parsers: whatever it was, it was no SPARQL result
            raise StoreError(
                f"{self.endpoint} answered with something that is not a SPARQL result "
                f"({content_type or 'no Content-Type'}): {type(error).__name__}"
            ) from None

    def __len__(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(str(result.rows[0][0]))


STATUS = {
    QueryBadFormed: "400 Bad Request",
    Unauthorized: "401 Unauthorized",
    EndPointNotFound: "404 Not Found",
    URITooLong: "414 URI Too Long",
    EndPointInternalError: "500 Internal Server Error",
}


def not_http(where: str, error: Exception) -> StoreError:
    """What to raise when `where` answered something that is not HTTP."""
    return StoreError(f"{where} did not answer in HTTP: {type(error).__name__} {error}")


def _remote_message(error: Exception) -> str:
    """The HTTP status and the server's own words, on one line."""
    body: object
    if isinstance(error, HTTPError):
        status, body = f"{error.code} {error.reason}", error.read()
    else:  # SPARQLWrapper keeps the body only as the repr of bytes after "Response:"
        status = next((s for kind, s in STATUS.items() if isinstance(error, kind)), type(error).__name__)
        _, found, said = str(error).partition("Response:\n")
        body = said
        try:
            body = ast.literal_eval(said.strip()) if found else b""
        except (ValueError, SyntaxError):
            pass
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    words = " ".join(text.split())[:500]
    return f"{status}: {words}" if words else status


def _term_from_json(value: dict) -> Identifier:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype in (None, str(XSD.string)):
        return Literal(value["value"])
    return Literal(value["value"], datatype=URIRef(datatype), normalize=False)  # its text, as sent


def _from_json(document: dict, limit: int | None) -> Result:
    if "boolean" in document:
        return Result("boolean", boolean=bool(document["boolean"]))
    variables = document["head"].get("vars", [])
    bindings = document["results"]["bindings"]
    truncated = limit is not None and len(bindings) > limit
    rows = [
        tuple(_term_from_json(b[v]) if v in b else None for v in variables)
        for b in (bindings[:limit] if truncated else bindings)
    ]
    return Result("bindings", variables=variables, rows=rows, truncated=truncated)


def _parsed(body: bytes, fmt: ox.RdfFormat, base: str) -> Graph:
    """A graph answer read by Oxigraph's parser into rdflib terms: rdflib's parsers would rewrite each
    literal's text in its canonical form ("01" → "1")."""
    graph = Graph()
    for quad in ox.parse(body, format=fmt, base_iri=base):
        graph.add(rdflib_triple(quad.triple))
    return graph


def _cap_graph(graph: Graph, limit: int | None) -> Result:
    if limit is None or len(graph) <= limit:
        return Result("graph", graph=graph)
    capped = Graph()
    for triple in sorted(graph)[:limit]:
        capped.add(triple)
    return Result("graph", graph=capped, truncated=True)
