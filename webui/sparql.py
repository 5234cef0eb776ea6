"""The read-only SPARQL 1.1 Protocol endpoint at /sparql: thin views over the guard, sandbox and writers.

Each ad-hoc query is checked (graph.guard) and run in a forked child with a time limit (graph.sandbox);
on the embedded store without a SERVICE allow-list the child cannot open a file or socket at all.
"""
from functools import partial

from flask import Blueprint, Response, render_template, request, url_for

from graph.guard import run_checked
from graph.results import RDFLIB_FORMATS, write
from graph.sandbox import forbid_new_files, run_with_time_limit
from graph.store import Result
from webui import duikou, formats, protocol
from webui.service import EXAMPLES, description

bp = Blueprint("sparql", __name__)
CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "X-Duikou-Truncated, X-Duikou-Row-Limit"}
PREFLIGHT = {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
             "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "86400"}


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint() -> Response:
    """Answer a query, or describe the service when there is none."""
    if request.method == "OPTIONS":
        return Response(status=204, headers={**PREFLIGHT, "Allow": "GET, POST, OPTIONS, HEAD"})
    settings = duikou().settings
    asked = protocol.read(request, settings["MAX_BODY"])
    if asked.query is None:
        return describe(asked.formats)
    formats.check_any(request.accept_mimetypes, asked.formats)
    result = run_query(asked.query, asked.dataset)
    family = "graph" if result.kind == "graph" else "solutions"
    fmt = formats.choose(family, request.accept_mimetypes, asked.formats)
    response = Response(write(result, fmt), content_type=formats.media_type(fmt))
    if result.truncated:
        response.headers["X-Duikou-Truncated"] = "true"
        response.headers["X-Duikou-Row-Limit"] = str(settings["ROW_LIMIT"])
    return response


def run_query(text: str, dataset) -> Result:
    """Check and run `text` in a time-limited child; offline unless SERVICE calls may be allowed."""
    ext = duikou()
    settings = ext.settings
    offline = ext.embedded and not settings["SERVICE_ALLOWLIST"]
    job = partial(run_checked, ext.store, text, allowlist=settings["SERVICE_ALLOWLIST"],
                  limit=settings["ROW_LIMIT"], dataset=dataset,
                  before_run=forbid_new_files if offline else None)
    # a remote store's own timeout fires first and says so; the child's limit is the backstop
    seconds = settings["QUERY_TIMEOUT"] + (0 if ext.embedded else 2)
    return run_with_time_limit(job, (), seconds)


def describe(names: list[str]) -> Response | str:
    """The service description as RDF, or the HTML page for browsers."""
    ext = duikou()
    fmt = formats.choose("description", request.accept_mimetypes, names)
    if fmt == "html":
        examples = [(title, url_for("sparql.endpoint", query=text, format=fmt))
                    for title, fmt, text in EXAMPLES]
        return render_template("sparql.html", settings=ext.settings, examples=examples,
                               endpoint=endpoint_url(), store=ext.store.name)
    graph = description(endpoint_url(), ext.graph_sizes, bool(ext.settings["SERVICE_ALLOWLIST"]))
    return Response(graph.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8"),
                    content_type=formats.media_type(fmt))


def endpoint_url() -> str:
    """The endpoint's public URL: PUBLIC_URL + /sparql if set, else as the request reached it."""
    public = duikou().settings["PUBLIC_URL"]
    return public.rstrip("/") + "/sparql" if public else url_for("sparql.endpoint", _external=True)


@bp.after_app_request
def cors(response: Response) -> Response:
    """Let any web page read /sparql answers (errors included); they vary with Accept."""
    if request.path == "/sparql":
        response.headers.update(CORS)
        response.vary.add("Accept")
    return response
