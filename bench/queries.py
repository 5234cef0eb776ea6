"""p50/p99 of every named query on the embedded store and on a real Oxigraph server, side by side.

    python bench/queries.py [DIST] [--runs 200] [--budget 30] [--quick] [--only NAME ...] [--out FILE]

Every named query of queries/ (and the UI's own, queries/ui/) runs with its default parameter values on:

- **embedded**: `graph.store.embedded.EmbeddedStore`, what `duikou serve` uses: Oxigraph in-process, with the
  answer turned into rdflib terms (`Result`);
- **raw**: the same Oxigraph store and query text, iterating pyoxigraph's own solutions without that
  conversion (what the conversion costs is the gap between the two);
- **remote**: `graph.store.remote.RemoteStore` on `oxigraph serve` started here on 127.0.0.1, the build
  pushed into it with `graph.store.push` (Graph Store Protocol): SPARQLWrapper, HTTP, JSON parsing and all.

Each query gets a warm-up run, then up to --runs timed runs within its share of --budget seconds per store
(unused time carries over); `ratio` is remote p50 / embedded p50. Prints a table; writes
bench/results/queries.json.
"""

import resource
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from engines import OxigraphEngine, time_query

from benchlib import (
    Server,
    executable,
    fmt,
    free_port,
    page_values,
    ratio,
    servers,
    table,
    timing_parser,
    write_record,
)
from graph.errors import QueryTimeout
from graph.paths import QUERIES
from graph.service.sandbox import run_with_time_limit
from graph.store.named import catalogue
from graph.store.push import push_graph_store
from graph.store.remote import RemoteStore
from graph.store.sparql_text import inject_values

MEMORY_CAP = 8 * 2**30  # address space of a probing child
TARGET_MS = 1.0  # the target: every named query's p50 on the embedded store at 1×


class RawOxigraphEngine:
    name = "raw"

    def __init__(self, store):
        self.store = store.store
        # the same dataset the embedded store asks for (the union of all graphs when it holds only ours)
        self.options = (
            {"use_default_graph_as_union": True}
            if store.only_ours
            else {"default_graph": store.default_graph}
        )

    def prepare(self, text: str, raw: str, bindings: dict):
        def run():
            answer = self.store.query(text, **self.options)
            if isinstance(answer, ox.QueryBoolean):
                return 1
            return sum(1 for _ in answer)

        return run


class RemoteEngine(OxigraphEngine):
    """graph.store.remote.RemoteStore on `oxigraph serve`: the same calls as the embedded store."""

    name = "remote"

    def __init__(self, endpoint: str):
        self.store = RemoteStore(endpoint, timeout=30)


def named_queries() -> dict:
    """The public named queries, then the UI's own (prefixed ui/)."""
    found = dict(catalogue(QUERIES).all())
    if (QUERIES / "ui").is_dir():
        found.update({f"ui/{name}": q for name, q in catalogue(QUERIES).ui().items()})
    return found


def start_oxigraph(dist: Path, started: list, work: Path) -> str:
    """`oxigraph serve` (in memory) on a free loopback port, with the build pushed in; its /query URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(
        "oxigraph serve",
        [executable("oxigraph"), "serve", "--bind", f"127.0.0.1:{port}"],
        f"{base}/query?query=ASK%7B%7D",
        work / "oxigraph.log",
    )
    started.append(server)
    push_graph_store(f"{base}/store", dist)
    return f"{base}/query"


def cell(measure: dict, key: str) -> str:
    return fmt(measure[key], 3) if key in measure else measure.get("error", "-")[:14]


def probe(engine, query, seconds: float) -> str | None:
    """One run in a forked child with a hard time and memory limit (a signal cannot stop Oxigraph's Rust
    code): a query that would hang or exhaust memory is reported instead of stalling the benchmark."""
    bindings = query.bindings(page_values(query))
    text = inject_values(query.text, bindings) if bindings else query.text

    def job():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
        return engine.prepare(text, query.text, bindings)()

    try:
        run_with_time_limit(job, (), seconds)
    except QueryTimeout:
        return f"timeout (> {seconds:g} s)"
    except Exception as error:  # whatever the child raised or however it died, the query is left out
        return f"{type(error).__name__}: {str(error)[:60]}"
    return None


def time_all(
    engine, queries: dict, names: list[str], runs: int, budget: float, per_run: float
) -> tuple[dict, float]:
    start, found = time.perf_counter(), {}
    for left, name in zip(range(len(names), 0, -1), names, strict=True):
        share = (budget - (time.perf_counter() - start)) / left
        problem = probe(engine, queries[name], per_run) if engine.name != "remote" else None
        found[name] = (
            {"error": problem} if problem else time_query(engine, queries[name], runs, share, per_run)
        )
    return found, time.perf_counter() - start


def main(argv=None) -> None:
    parser = timing_parser(__doc__, "store", 200, 30.0, "seconds before one run is stopped")
    parser.add_argument("--quick", action="store_true", help="50 runs, 10 s per store (< 1 min)")
    parser.add_argument(
        "--out", type=Path, default=None, help="JSON file (default bench/results/queries.json)"
    )
    args = parser.parse_args(argv)
    runs, budget = (50, 10.0) if args.quick else (args.runs, args.budget)

    queries = named_queries()
    names = [n for n in queries if not args.only or n in args.only]
    results = {name: {} for name in names}
    spent = {}
    with servers() as started, tempfile.TemporaryDirectory(prefix="duikou-bench-queries-") as work:
        start = time.perf_counter()
        embedded = OxigraphEngine(args.dist)
        load_s = time.perf_counter() - start
        endpoint = start_oxigraph(args.dist, started, Path(work))
        for engine in (embedded, RawOxigraphEngine(embedded.store), RemoteEngine(endpoint)):
            engine.name = {"oxigraph": "embedded"}.get(engine.name, engine.name)
            found, spent[engine.name] = time_all(engine, queries, names, runs, budget, args.per_run)
            for name, measure in found.items():
                results[name][engine.name] = measure

    stores = ("embedded", "raw", "remote")
    print(
        f"{len(names)} named queries over {args.dist}, up to {runs} runs each after a warm-up; times in ms; "
        "ratio = remote p50 / embedded p50; raw = pyoxigraph without converting terms to rdflib\n"
    )
    rows, over = [], []
    for name in names:
        m = results[name]
        counts = {x["rows"] for x in m.values() if "rows" in x}
        p50 = m["embedded"].get("p50_ms")
        if p50 is not None and p50 > TARGET_MS:
            over.append(name)
        agreed = (
            str(counts.pop()) if len(counts) == 1 else "≠ " + "/".join(str(m[s].get("rows")) for s in stores)
        )
        rows.append(
            [
                name,
                agreed,
                cell(m["embedded"], "p50_ms"),
                cell(m["embedded"], "p99_ms"),
                cell(m["raw"], "p50_ms"),
                cell(m["remote"], "p50_ms"),
                cell(m["remote"], "p99_ms"),
                fmt(ratio(m["remote"].get("p50_ms"), p50), 1, "×"),
            ]
        )
    print(
        table(
            ["query", "rows", "embedded p50", "embedded p99", "raw p50", "remote p50", "remote p99", "ratio"],
            rows,
        )
    )
    p50s = sorted(results[n]["embedded"]["p50_ms"] for n in names if "p50_ms" in results[n]["embedded"])
    print(
        f"\nembedded load {load_s:.2f} s | timing: " + ", ".join(f"{s} {t:.1f} s" for s, t in spent.items())
    )
    if p50s:
        print(
            f"target: every embedded p50 ≤ {TARGET_MS:g} ms: {'met' if not over else 'missed'} "
            f"(median {p50s[len(p50s) // 2]:.3f} ms, max {p50s[-1]:.3f} ms"
            + (f"; over: {', '.join(over)})" if over else ")")
        )
    path = write_record(
        "queries",
        {
            "dist": str(args.dist),
            "runs": runs,
            "budget_s": budget,
            "load_s": load_s,
            "timing_s": spent,
            "target_ms": TARGET_MS,
            "over_target": over,
            "queries": results,
            "argv": sys.argv[1:],
        },
        args.out,
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
