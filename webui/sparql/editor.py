"""The SPARQL editor at /query: a form whose URL is a permalink, and the answer rendered on the server.

The text runs exactly as /sparql runs it (`sparql.run_query`: checked by graph.service.check, in a
time-limited forked child with the row cap); the page then labels the answer's IRIs with one query and
shows it, or shows the problem with its HTTP status, the text kept in the editor. Works without JavaScript.
"""

import time
from typing import Any

from flask import Blueprint, Response, g, render_template, request, url_for
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge

from graph.errors import ParameterError, QueryRefused, StoreError
from graph.store.named import catalogue
from webui.http.errors import retry_after_header
from webui.http.i18n import pick
from webui.sparql import results_table
from webui.sparql.endpoint import run_query
from webui.sparql.named import example_text, find, parameter_values
from webui.sparql.results_table import DOWNLOADS, Problem, problem_of
from webui.state import current

bp = Blueprint("editor", __name__)
bp.context_processor(results_table.page_context)
PREFIXES = """PREFIX dk:      <https://w3id.org/duikou/def#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org:     <http://www.w3.org/ns/org#>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
"""
DEFAULT = (
    PREFIXES
    + """
# each supporting unit and the county it supports
SELECT ?unit ?county WHERE {
  ?unit dk:supports ?county .
}
ORDER BY ?county ?unit
"""
)


@bp.get("/query")
def query():
    """The editor; with ?query= it also runs the query and shows the answer; ?example= loads one."""
    text = request.args.get("query")
    page: dict[str, Any] = {
        "text": DEFAULT,
        "table": None,
        "problem": None,
        "examples": [(name, pick(q.title)) for name, q in catalogue().all().items()],
    }
    if text is not None:
        page.update(text=text, **run_text(text))
    elif request.args.get("example"):
        named = find(request.args["example"])
        try:
            page["text"] = example_text(named, parameter_values(named, request.args, ("lang", "example")))
        except ParameterError as error:
            page.update(text=named.text, problem=Problem(400, str(error)))
    problem: Problem | None = page["problem"]
    response = Response(
        render_template("sparql/query.html", **page), status=problem.status if problem else 200
    )
    if problem and problem.retry_after:
        response.headers["Retry-After"] = retry_after_header(problem.retry_after)
    return response


def run_text(text: str) -> dict:
    """Run the editor's text through the endpoint's checks and sandbox: the table, or the problem."""
    limit = current().settings["MAX_BODY"]
    try:
        if not text.strip():
            raise BadRequest("the query is empty")
        if len(text.encode("utf-8")) > limit:
            raise RequestEntityTooLarge(f"the query is longer than {limit} bytes")
        started = time.perf_counter()
        result = run_query(text, None)
        elapsed = time.perf_counter() - started
    except (StoreError, QueryRefused, HTTPException) as error:  # the page explains these; others: the handler
        return {"problem": problem_of(error)}
    family = "graph" if result.kind == "graph" else "solutions"
    links = [(fmt, url_for("sparql.endpoint", query=text, format=fmt)) for fmt in DOWNLOADS[family]]
    return {
        "table": results_table.table(result, current().store, g.lang),
        "elapsed": elapsed,
        "downloads": links,
        "permalink": url_for("editor.query", query=text),
    }
