"""The read-only SPARQL 1.1 Protocol endpoint at /sparql: thin views over the guard, pool and writers.

Each ad-hoc query (here and in the editor, through `run_query`) is checked (graph.guard) and run in a
query process with a time and memory limit, within the client's budget (webui.budget). Served by
`duikou serve`, that is the shared pool (graph.pool, started by `start_pool`); an app without one forks
a child per query (graph.sandbox). On the embedded store without a SERVICE allow-list the query
process cannot open a file or socket at all.
"""
from functools import partial

from flask import (Blueprint, Flask, Response, current_app, has_request_context, render_template, request,
                   url_for)

from graph.guard import run_checked
from graph.pool import QueryPool
from graph.results import RDFLIB_FORMATS, write
from graph.sandbox import forbid_new_files, run_with_time_limit
from graph.store import Result
from webui import WARM_UP, budget, duikou, formats, protocol
from webui.service import EXAMPLES, description

bp = Blueprint("sparql", __name__)
POOL, GATE = "duikou.pool", "duikou.gate"  # app.extensions keys: the shared pool, or an in-process budget
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
    """Check and run `text` in a query process, within the client's budget (BudgetExceeded: 429)."""
    ext = duikou()
    client = client_of_request()
    pool = current_app.extensions.get(POOL)
    if pool is not None:
        return pool.run((text, dataset), client)
    settings = ext.settings
    job = partial(run_checked, ext.store, text, allowlist=settings["SERVICE_ALLOWLIST"],
                  limit=settings["ROW_LIMIT"], dataset=dataset,
                  before_run=forbid_new_files if _offline(ext) else None)
    # a remote store's own timeout fires first and says so; the child's limit is the backstop
    seconds = settings["QUERY_TIMEOUT"] + (0 if ext.embedded else 2)
    if GATE not in current_app.extensions:
        current_app.extensions.setdefault(GATE, budget.LocalGate(budget.ledger_for(settings)))
    with current_app.extensions[GATE].spend(client):
        return run_with_time_limit(job, (), seconds)


def _offline(ext) -> bool:
    """True when a query process needs no file or socket: the embedded store and no SERVICE allowed."""
    return ext.embedded and not ext.settings["SERVICE_ALLOWLIST"]


def client_of_request() -> str:
    """The budget's client: IP (X-Forwarded-For only from trusted proxies) and User-Agent."""
    if not has_request_context():
        return "local"
    return budget.client_key(request.remote_addr or "", request.headers.get("X-Forwarded-For", ""),
                             request.headers.get("User-Agent", ""), duikou().settings["TRUSTED_PROXIES"])


def start_pool(app: Flask) -> QueryPool:
    """Start the shared query pool for `app` (in the process that loaded the store, before forking)."""
    ext = app.extensions["duikou"]
    settings = ext.settings
    handler = partial(_run_job, ext.store, settings["SERVICE_ALLOWLIST"], settings["ROW_LIMIT"])
    warm_up = partial(run_checked, ext.store, WARM_UP) if ext.embedded else None
    pool = QueryPool(handler, workers=settings["QUERY_WORKERS"], queue_size=settings["QUEUE_SIZE"],
                     timeout=settings["QUERY_TIMEOUT"] + (0 if ext.embedded else 2),
                     short_time=settings["SHORT_QUERY_TIME"], memory_mb=settings["WORKER_MEMORY_MB"],
                     offline=_offline(ext), warm_up=warm_up, gate=budget.ledger_for(settings))
    app.extensions[POOL] = pool.start()
    return pool


def _run_job(store, allowlist, limit, job) -> Result:
    """What a pool worker does with a job: check the query, then run it."""
    text, dataset = job
    return run_checked(store, text, allowlist=allowlist, limit=limit, dataset=dataset)


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
