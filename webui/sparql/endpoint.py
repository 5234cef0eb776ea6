"""The read-only SPARQL 1.1 Protocol endpoint at /sparql: thin views over the guard, pool and writers.

Each ad-hoc query (here and in the editor, through `run_query`) is checked (graph.service.check) and run
in a query process with a time and memory limit, within the client's budget (graph.service.budget): what
that process does is graph.service.job's. Served by `duikou serve`, that is the shared pool
(graph.service.pool, started by `start_pool`); an app without one forks a child per query
(graph.service.sandbox). On the embedded store without a SERVICE allow-list the query process cannot open
a file or socket at all. For /sparql the query process also writes the answer in the format negotiated
here, and sends back bytes.

Answers are cached. The data of a running app never changes (one build), so a successful answer is
fixed by the app's version (build hash and code digest), the query text, the protocol's dataset and
the formats negotiated (one for solutions, one for graphs). Each web process keeps such answers (the
bytes, their format, whether they were cut at the row limit) in an LRU of at most ANSWER_CACHE_BYTES,
none over LARGEST_ANSWER: a repeated query is answered without the guard, the pool or a writer. A hit
costs the client no query time, but the budget is still asked (a client with a query running, or out
of time or error budget, gets its 429 as it would without the cache). Errors are never kept; on a
remote store, whose data may change, nothing is. CORS, Vary, ETag and 304 are as for any answer.
"""

from typing import overload

from flask import Blueprint, Flask, Response, g, has_request_context, render_template, request, url_for

from graph.formats import serialize
from graph.service import budget, job
from graph.service.check import DatasetIris
from graph.service.job import Wanted
from graph.service.pool import QueryPool
from graph.service.triage import triage
from graph.store.embedded import EmbeddedStore
from graph.store.result import Result
from graph.store.writers import Written, write_wanted
from webui.http import compression, formats
from webui.http.lru import SizedLRU
from webui.sparql import protocol
from webui.sparql.description import EXAMPLES, description
from webui.state import current, of

bp = Blueprint("sparql", __name__)
ANSWER_CACHE_BYTES = 32 * 2**20
LARGEST_ANSWER = 2**20  # a bigger answer is not kept (it would push out many small ones)


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint() -> Response | str:
    """Answer a query, or describe the service when there is none."""
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": "GET, POST, OPTIONS, HEAD"})  # CORS: webui.http.cors
    settings = current().settings
    asked = protocol.read(request, settings["MAX_BODY"])
    if asked.query is None:
        return describe(asked.formats)
    wanted = formats.wanted(request.headers.get("Accept", ""), tuple(asked.formats))
    if wanted == (None, None):  # nothing asked for fits any answer: refused before running, naming the
        # formats of this query's kind
        raise formats.refusal(formats.family_of(asked.query), request.accept_mimetypes, asked.formats)
    answer, gzipped = answer_to(asked.query, asked.dataset, wanted)
    fmt = answer.fmt
    if answer.body is None or fmt is None:  # what was asked for fits only the other kind of answer
        family = "graph" if answer.kind == "graph" else "solutions"
        raise formats.refusal(family, request.accept_mimetypes, asked.formats)
    response = compression.send_gzipped(Response(answer.body, content_type=formats.media_type(fmt)), gzipped)
    if answer.blank_nodes and (tag := g.get("etag")):  # the same answer, other labels: a weak validator
        response.set_etag(tag, weak=True)  # (webui.http.caching.WEAK_FOR_SOME)
    if answer.truncated:
        response.headers["X-Duikou-Truncated"] = "true"
        response.headers["X-Duikou-Row-Limit"] = str(settings["ROW_LIMIT"])
    return response


def answer_to(text: str, dataset: DatasetIris | None, wanted: Wanted) -> tuple[Written, bytes | None]:
    """The written answer and its bytes gzipped (None if not worth it, or not kept): this process's cached
    ones if it has them (and the budget allows), else run; a kept answer is gzipped once, not per hit."""
    version = current().version
    cache = answer_cache() if version else None
    key = (version, text, dataset, wanted, endpoint_url())  # the URL: the base of relative IRIs
    if cache is not None and (cached := cache.get(key)) is not None:
        check_budget(client_of_request())
        return cached
    answer = run_query(text, dataset, wanted)
    if cache is None or answer.body is None:
        return answer, None
    kept = (answer, compression.gzipped(answer.body))
    size = len(answer.body) + len(kept[1] or b"") + len(text.encode("utf-8"))  # the key's text counts too
    cache.put(key, kept, size)
    return kept


def answer_cache() -> SizedLRU:
    """This web process's cache (made on first use, so each forked web process has its own)."""
    state = current()
    if state.answers is None:
        state.answers = SizedLRU(ANSWER_CACHE_BYTES, LARGEST_ANSWER)
    return state.answers


@overload
def run_query(text: str, dataset: DatasetIris | None, wanted: None = None) -> Result: ...
@overload
def run_query(text: str, dataset: DatasetIris | None, wanted: Wanted) -> Written: ...
def run_query(text: str, dataset: DatasetIris | None, wanted: Wanted | None = None) -> Result | Written:
    """Check and run `text` in a query process, within the client's budget (BudgetExceeded: 429): the
    Result, or with `wanted` formats the answer written in one of them. Its relative IRIs resolve against
    the endpoint's URL (RFC 3986 §5.1.3: the URI it was retrieved from). What can be refused without a
    parser, or with Oxigraph's parser alone (a syntax error), is refused here, before the budget is asked
    or the query queued (graph.service.triage)."""
    ext = current()
    base = endpoint_url() if has_request_context() else None
    oxigraph = isinstance(ext.store, EmbeddedStore)
    triage(text, ext.settings["SERVICE_ALLOWLIST"], oxigraph=oxigraph, base=base)
    client = client_of_request()
    pool = ext.pool
    if pool is not None:
        return pool.run((text, dataset, wanted, base), client)
    with _local_gate().spend(client):
        result = job.run_alone(ext.store, ext.settings, text, dataset, base)
    # written here: a child forked for one query has not loaded rdflib's serialisers and cannot open them
    return result if wanted is None else write_wanted(result, wanted)


def check_budget(client: str) -> None:
    """Refuse (BudgetExceeded) a client that may not have an answer now, even one that runs no query."""
    pool = current().pool
    if pool is not None:
        pool.check(client)
    else:
        _local_gate().check(client)


def _local_gate() -> budget.LocalGate:
    """The budget of an app without a pool, kept in this process."""
    state = current()
    if state.gate is None:
        state.gate = budget.LocalGate(budget.ledger_for(state.settings))
    return state.gate


def client_of_request() -> str:
    """The budget's client: IP (X-Forwarded-For only from trusted proxies) and User-Agent."""
    if not has_request_context():
        return "local"
    return budget.client_key(
        request.remote_addr or "",
        request.headers.get("X-Forwarded-For", ""),
        request.headers.get("User-Agent", ""),
        current().settings["TRUSTED_PROXIES"],
    )


def start_pool(app: Flask) -> QueryPool:
    """Start the shared query pool for `app` (in the process that loaded the store, before forking)."""
    ext = of(app)
    ext.pool = pool = job.start_pool(ext.store, ext.settings)
    return pool


def describe(names: list[str]) -> Response | str:
    """The service description as RDF, or the HTML page for browsers."""
    ext = current()
    fmt = formats.choose("description", request.accept_mimetypes, names)
    if fmt == "html":
        examples = [(key, url_for("sparql.endpoint", query=text, format=fmt)) for key, fmt, text in EXAMPLES]
        machine = [(fmt, url_for("sparql.endpoint", format=fmt)) for fmt in ("ttl", "jsonld", "nt", "rdf")]
        return render_template(
            "sparql/sparql.html",
            settings=ext.settings,
            examples=examples,
            machine=machine,
            media_types=formats.MEDIA_TYPES,
            endpoint=endpoint_url(),
            store=ext.store.name,
        )
    graph = description(endpoint_url(), ext.graph_sizes, bool(ext.settings["SERVICE_ALLOWLIST"]))
    return Response(serialize(graph, fmt, style="answer"), content_type=formats.media_type(fmt))


def endpoint_url() -> str:
    """The endpoint's public URL: PUBLIC_URL + /sparql if set, else as the request reached it."""
    public = current().settings["PUBLIC_URL"]
    return public.rstrip("/") + "/sparql" if public else url_for("sparql.endpoint", _external=True)


@bp.after_app_request
def vary(response: Response) -> Response:
    """/sparql answers, errors included, vary with Accept."""
    if request.path == "/sparql":
        response.vary.add("Accept")
    return response
