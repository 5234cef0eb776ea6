"""Read a SPARQL 1.1 Protocol request: the query, its dataset, the wanted formats; refuse what is not one.

GET `?query=`, POST form (`query=`) and POST `application/sparql-query` are queries; an `update`
field or an `application/sparql-update` body is refused (403); other bodies get 415, big ones 413,
long URLs 414. `default-graph-uri` / `named-graph-uri` only name graphs of the store, never fetched.
"""

import re
from dataclasses import dataclass

from flask import Request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, RequestURITooLarge, UnsupportedMediaType

from graph.errors import UpdateRefused
from graph.service.check import DatasetIris

FORM = "application/x-www-form-urlencoded"
QUERY, UPDATE = "application/sparql-query", "application/sparql-update"
MAX_URL = 8190  # bytes of query string; also gunicorn's largest request line
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@dataclass(frozen=True)
class SparqlRequest:
    """What the client asked: `query` (None: describe the service), its dataset, `format` values."""

    query: str | None
    dataset: DatasetIris | None
    formats: list[str]


def read(request: Request, max_body: int) -> SparqlRequest:
    """Parse the request into a SparqlRequest, or raise the HTTP error (or UpdateRefused) it deserves."""
    if len(request.query_string) > MAX_URL:
        raise RequestURITooLarge(f"the URL is longer than {MAX_URL} bytes; send a long query with POST")
    if request.method == "POST":
        query, values = _post(request)
    else:
        query, values = None, request.args
    if "update" in values:
        raise UpdateRefused("this endpoint is read-only: SPARQL Update is not accepted")
    if query is None:
        queries = values.getlist("query")
        if len(queries) > 1:
            raise BadRequest("give exactly one query parameter")
        query = queries[0] if queries else None
    if query is not None:
        if not query.strip():
            raise BadRequest("the query is empty")
        if len(query.encode("utf-8")) > max_body:
            raise RequestEntityTooLarge(f"the query is longer than {max_body} bytes")
    return SparqlRequest(query, _dataset(values), values.getlist("format"))


def _post(request: Request):
    """The query of a POST body (None for a form: it is in the values) and the parameters to read."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if request.mimetype == UPDATE:
        raise UpdateRefused("this endpoint is read-only: SPARQL Update is not accepted")
    if request.mimetype not in (FORM, QUERY):
        sent = request.mimetype or "no type"
        raise UnsupportedMediaType(f"send the query as {FORM} or {QUERY}, not {sent}")
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"send the query in UTF-8, not {charset}")
    if request.mimetype == FORM:
        return None, request.values
    try:
        return request.get_data(cache=False).decode("utf-8"), request.args
    except UnicodeDecodeError:
        raise BadRequest("the query is not valid UTF-8") from None


def _dataset(values) -> DatasetIris | None:
    """The protocol's dataset, if the request names one (it then replaces the query's FROM clauses)."""
    default, named = values.getlist("default-graph-uri"), values.getlist("named-graph-uri")
    for iri in default + named:
        if not IRI.match(iri):
            raise BadRequest(f"not an absolute IRI: {iri!r}")
    if not default and not named:
        return None
    return DatasetIris(tuple(default), tuple(named))
