"""A remote SPARQL 1.1 endpoint as a store: the same `query` as the embedded store, over HTTP.

Values are bound the same way (`inject_values`), JSON and RDF answers become the same `Result` with the
terms written as the embedded store writes them (`portable`), and the endpoint's failures become the
project's errors, with the server's own words.
"""

import ast
import html
import http.client
import json
import re
from email.message import Message
from typing import Unpack
from urllib.error import HTTPError, URLError

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier
from SPARQLWrapper import GET, JSON, N3, POST, SPARQLWrapper
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
from graph.store.portable import canonical
from graph.store.result import Bindings, Result, Scope, rdflib_triple
from graph.store.sparql_text import inject_values, query_form, with_base

USER_AGENT = "duikou (+https://w3id.org/duikou/)"  # how we name ourselves to a remote store
MARKUP = re.compile(r"<[^>]*>")
HIDDEN = re.compile(r"<(head|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)  # no words of a page
RETRY_BY_GET = (405, 415)  # Method Not Allowed, Unsupported Media Type: a POST refused for its form
SERVER_CAP = "X-SPARQL-MaxRows"  # Virtuoso's: the most rows it sends


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
        # our graphs are its named graphs too, as on the embedded store: a dataset given by default-graph-uri
        # alone has none (GRAPH ?g would find nothing), and a store may hold others (Virtuoso's own)
        for graph in self.graphs if named_graphs is None else named_graphs:
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
        body, headers = self._ask(client)
        content_type = headers.get("Content-Type", "")
        try:
            if kind in ("CONSTRUCT", "DESCRIBE"):
                fmt = ox.RdfFormat.N_TRIPLES if "n-triples" in content_type else ox.RdfFormat.TURTLE
                result = _cap_graph(_canonical_graph(_parsed(body, fmt, self.endpoint)), limit)
            else:
                result = _from_json(json.loads(body), limit, kind == "ASK")
        except Exception as error:  # JSON and the RDF parsers: whatever it was, it was no SPARQL result
            raise StoreError(
                f"{self.endpoint} answered with something that is not a SPARQL result "
                f"({content_type or 'no Content-Type'}): {type(error).__name__}"
            ) from None
        return _flag_servers_cut(result, headers.get(SERVER_CAP, ""))

    def _ask(self, client: SPARQLWrapper) -> tuple[bytes, Message]:
        """The answer's body and headers: the query sent as a form POST, then once more by GET if the POST
        got no answer in time or its method was refused (servers and proxies that drop or stall POSTs)."""
        try:
            return _fetch(client)
        except Exception as error:
            if not _worth_a_get(error):
                raise self._failure(error) from None
        client.setMethod(GET)
        try:
            return _fetch(client)
        except Exception as error:
            raise self._failure(error, " (asked by POST, then by GET)") from None

    def _failure(self, error: Exception, tried: str = "") -> Exception:
        """The project's error for what went wrong, one line naming the endpoint (others: `error` itself)."""
        if isinstance(error, QueryBadFormed):
            return QuerySyntaxError(f"the endpoint rejected the query: {_remote_message(error)}")
        if isinstance(error, (HTTPError, SPARQLWrapperException)):
            return StoreError(f"{self.endpoint} answered {_remote_message(error)}{tried}")
        if isinstance(error, http.client.HTTPException):
            return not_http(self.endpoint, error)
        if _timed_out(error):
            return QueryTimeout(f"{self.endpoint} did not answer within {self.timeout:g} s{tried}")
        if isinstance(error, URLError):
            return StoreError(f"cannot reach {self.endpoint}: {error.reason}")
        if isinstance(error, OSError):
            return StoreError(f"cannot reach {self.endpoint}: {error}")
        return error

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


def _fetch(client: SPARQLWrapper) -> tuple[bytes, Message]:
    response = client.query().response
    return response.read(), response.headers


def _flag_servers_cut(result: Result, cap: str) -> Result:
    """`result` flagged `truncated` if it is as long as the server says it cuts answers (Virtuoso's
    ResultSetMaxRows cuts without an error, and says so only in a header)."""
    if cap.isdigit() and result.kind == "bindings" and len(result.rows) >= int(cap):
        result.truncated = True
    return result


def _timed_out(error: Exception) -> bool:
    return isinstance(error, TimeoutError) or (
        isinstance(error, URLError) and isinstance(error.reason, TimeoutError)
    )


def _worth_a_get(error: Exception) -> bool:
    """Whether a POST's failure may be the method's, not the query's: no answer, or the method refused."""
    return _timed_out(error) or (isinstance(error, HTTPError) and error.code in RETRY_BY_GET)


def _remote_message(error: Exception) -> str:
    """The HTTP status and the server's own words, on one line."""
    body: object
    content_type = ""
    if isinstance(error, HTTPError):
        status, body = f"{error.code} {error.reason}", error.read()
        content_type = error.headers.get("Content-Type", "")
    else:  # SPARQLWrapper keeps the body only as the repr of bytes after "Response:"
        status = next((s for kind, s in STATUS.items() if isinstance(error, kind)), type(error).__name__)
        _, found, said = str(error).partition("Response:\n")
        body = said
        try:
            body = ast.literal_eval(said.strip()) if found else b""
        except (ValueError, SyntaxError):
            pass
    words = one_line(body if isinstance(body, bytes) else str(body).encode("utf-8"), content_type)
    return f"{status}: {words}" if words else status


def one_line(body: bytes, content_type: str = "", limit: int = 500) -> str:
    """A server's words on one line: its text, or the text of its HTML error page (Virtuoso sends one)."""
    text = body.decode("utf-8", "replace")
    if "html" in content_type or text.lstrip().startswith("<"):
        text = html.unescape(MARKUP.sub(" ", HIDDEN.sub(" ", text)))
    return " ".join(text.split())[:limit]


def _term_from_json(value: dict) -> Identifier:
    """A term of SPARQL 1.1's JSON results, or of SPARQL 1.0's: Virtuoso still says "typed-literal"."""
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind not in ("literal", "typed-literal"):
        raise ValueError(f"a term of unknown type {kind!r}")
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype in (None, str(XSD.string)):
        return Literal(value["value"])
    return canonical(Literal(value["value"], datatype=URIRef(datatype), normalize=False))  # its text, as sent


def _from_json(document: dict, limit: int | None, ask: bool = False) -> Result:
    if "boolean" in document:
        return Result("boolean", boolean=bool(document["boolean"]))
    variables = document["head"].get("vars", [])
    bindings = document["results"]["bindings"]
    if ask:  # Virtuoso answers ASK in JSON as a solution of one variable: 1 for true, no solution for false
        return Result(
            "boolean", boolean=any(str(_term_from_json(b[v])) in ("1", "true") for b in bindings for v in b)
        )
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


def _canonical_graph(graph: Graph) -> Graph:
    changed = [(s, p, o) for s, p, o in graph if isinstance(o, Literal) and canonical(o) is not o]
    for s, p, o in changed:
        graph.remove((s, p, o))
        graph.add((s, p, canonical(o)))
    return graph


def _cap_graph(graph: Graph, limit: int | None) -> Result:
    if limit is None or len(graph) <= limit:
        return Result("graph", graph=graph)
    capped = Graph()
    for triple in sorted(graph)[:limit]:
        capped.add(triple)
    return Result("graph", graph=capped, truncated=True)
