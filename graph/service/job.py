"""What a query process does with an ad-hoc query, and the pool that runs such jobs: the service without
the web app, which only starts the pool (`start_pool`) or runs a job alone (`run_alone`) and hands it queries.

A job is (text, dataset, wanted, base): the query, the protocol's dataset (None: the query's own FROM,
else our graphs), the formats to write the answer in (one for solutions, one for graphs) or None for
the `Result` itself, and the base IRI its relative IRIs resolve against (the endpoint's URL). The query
process checks the query (graph.service.check), runs it on the store it inherited, and with `wanted`
writes the answer there and sends back bytes.
"""

from functools import partial

from graph.formats import GRAPH_FORMATS
from graph.service import budget
from graph.service.check import DatasetIris, check, run_checked
from graph.service.pool import QueryPool
from graph.service.sandbox import forbid_new_files, run_with_time_limit
from graph.store.embedded import EmbeddedStore
from graph.store.remote import RemoteStore
from graph.store.result import Result
from graph.store.writers import WRITERS, Written, write, write_wanted

Store = EmbeddedStore | RemoteStore
Wanted = tuple[str | None, str | None]  # the formats negotiated: (for solutions, for graphs)
Job = tuple[str, DatasetIris | None, Wanted | None, str | None]

# Terms of every kind a query child may turn into rdflib objects: rdflib imports some parsers lazily,
# and a child that may no longer open files must find them already loaded.
WARM_UP = """PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?o { "<b>x</b>"^^rdf:HTML "<b>x</b>"^^rdf:XMLLiteral "x"@zh
  1 1.5 1e3 true "2021-04-21"^^xsd:date "2021-04-21T00:00:00Z"^^xsd:dateTime "P1D"^^xsd:duration
  "AA=="^^xsd:base64Binary "00"^^xsd:hexBinary "2021"^^xsd:gYear }
  BIND(BNODE() AS ?s) BIND(<urn:duikou:p> AS ?p) }"""


def run_job(store: Store, allowlist, limit, job: Job, before_run=None) -> Result | Written:
    """What a query process does with a job: check the query, run it, and write it if formats are given."""
    text, dataset, wanted, base = job
    result = run_checked(
        store, text, allowlist=allowlist, limit=limit, dataset=dataset, base=base, before_run=before_run
    )
    return result if wanted is None else write_wanted(result, wanted)


def warm_up(store: Store) -> None:
    """Load, before a query process is confined (it can then open no file), what a job may need: the full
    check's parser, rdflib's terms, and every writer (rdflib imports its serialisers on first use)."""
    check(WARM_UP)
    graph = run_checked(store, WARM_UP)
    # rdflib types a graph's terms as Node; they are the Identifiers a Result holds
    solutions = Result("bindings", ["s", "p", "o"], rows=list(graph.as_graph()))  # type: ignore[arg-type]
    for fmt in GRAPH_FORMATS:
        write(graph, fmt)
    for fmt in WRITERS:
        write(solutions, fmt)


def offline(store: Store, settings: dict) -> bool:
    """True when a query process needs no file or socket: the embedded store and no SERVICE allowed."""
    return isinstance(store, EmbeddedStore) and not settings["SERVICE_ALLOWLIST"]


def time_limit(store: Store, settings: dict) -> float:
    """A query process's time limit: a remote store's own timeout fires first and says so, this is the
    backstop."""
    return settings["QUERY_TIMEOUT"] + (0 if isinstance(store, EmbeddedStore) else 2)


def run_alone(
    store: Store, settings: dict, text: str, dataset: DatasetIris | None, base: str | None = None
) -> Result:
    """Run one query in a child forked for it (an app without a pool), confined like a pool's process."""
    job = partial(
        run_job,
        store,
        settings["SERVICE_ALLOWLIST"],
        settings["ROW_LIMIT"],
        (text, dataset, None, base),
        before_run=forbid_new_files if offline(store, settings) else None,
    )
    return run_with_time_limit(job, (), time_limit(store, settings))


def start_pool(store: Store, settings: dict) -> QueryPool:
    """Start the shared query pool over `store` (in the process that loaded it, before forking)."""
    handler = partial(run_job, store, settings["SERVICE_ALLOWLIST"], settings["ROW_LIMIT"])
    pool = QueryPool(
        handler,
        workers=settings["QUERY_WORKERS"],
        queue_size=settings["QUEUE_SIZE"],
        timeout=time_limit(store, settings),
        short_time=settings["SHORT_QUERY_TIME"],
        memory_mb=settings["WORKER_MEMORY_MB"],
        offline=offline(store, settings),
        warm_up=partial(warm_up, store) if isinstance(store, EmbeddedStore) else None,
        gate=budget.ledger_for(settings),
    )
    return pool.start()
