"""Time every named query on rdflib's own SPARQL engine and on Oxigraph (in-process), over the built graph.

    python bench/engines.py [DIST] [--runs 50] [--budget 60] [--per-run 10] [--only NAME ...]

Both engines get the same query text: the named query with its default values bound by `inject_values`
(a VALUES block), which is what the embedded and remote stores send. rdflib parses it once (`prepareQuery`)
and then runs the prepared query; Oxigraph runs it through `EmbeddedStore.query`, which includes turning its
terms into rdflib's. For comparison, `rdflib-init` is rdflib's own idiom: the query without VALUES, prepared
once, run with initBindings. Each query gets one warm-up run, then up to --runs timed runs within its share of
the --budget seconds each engine has; a single run longer than --per-run seconds is stopped and reported as a
timeout. oxrdflib (rdflib's API over an Oxigraph store) is timed too when it is installed. Prints a table;
writes bench/results/engines.json.
"""

import json
import math
import platform
import signal
import statistics
import time
from importlib import metadata
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from benchlib import page_values, timing_parser
from graph.paths import ONTOLOGY, ROOT
from graph.store.embedded import EmbeddedStore
from graph.store.named import catalogue
from graph.store.sparql_text import inject_values

RESULTS = ROOT / "bench" / "results" / "engines.json"


class RunTooLong(Exception):
    """One run went past --per-run seconds."""


def _alarm(signum, frame):
    raise RunTooLong


def bounded(seconds: float, call):
    """Call `call()`, stopping it with RunTooLong after `seconds` (a signal stops pure-Python rdflib too)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- the engines: each loads the graph, then prepares a query text into a callable that returns a row count --


class RdflibEngine:
    name = "rdflib"

    def __init__(self, dist: Path):
        self.graph = Graph()
        self.graph.parse(dist / "duikou.nt", format="nt")
        self.graph.parse(ONTOLOGY, format="turtle")

    def prepare(self, text: str, raw: str, bindings: dict):
        prepared = prepareQuery(text)
        return lambda: _count(self.graph.query(prepared))


class RdflibInitBindingsEngine(RdflibEngine):
    name = "rdflib-init"

    @classmethod
    def sharing(cls, other: RdflibEngine) -> "RdflibInitBindingsEngine":
        """The same loaded graph as `other`: nothing is loaded twice."""
        engine = cls.__new__(cls)
        engine.graph = other.graph
        return engine

    def prepare(self, text: str, raw: str, bindings: dict):
        prepared = prepareQuery(raw)
        return lambda: _count(self.graph.query(prepared, initBindings=bindings))


class OxigraphEngine:
    name = "oxigraph"

    def __init__(self, dist: Path):
        self.store = EmbeddedStore.from_dist(dist)

    def prepare(self, text: str, raw: str, bindings: dict):
        def run():
            result = self.store.query(text)
            if result.kind == "graph":
                return len(result.graph)
            return len(result.rows) if result.kind == "bindings" else 1

        return run


class OxrdflibEngine(RdflibEngine):
    name = "oxrdflib"

    def __init__(self, dist: Path):
        import oxrdflib  # noqa: F401  (registers the "Oxigraph" rdflib store plugin)

        self.graph = Graph(store="Oxigraph")
        self.graph.parse(dist / "duikou.nt", format="nt")
        self.graph.parse(ONTOLOGY, format="turtle")

    def prepare(self, text: str, raw: str, bindings: dict):
        return lambda: _count(self.graph.query(text))


def _count(result) -> int:
    if result.type == "ASK":
        return 1
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return len(result.graph)
    return sum(1 for _ in result)


# -- timing ------------------------------------------------------------------------------------------------


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def time_query(engine, query, runs: int, budget: float, per_run: float) -> dict:
    """Warm up once, then time up to `runs` runs (at least one) until `budget` seconds (with warm-up) pass."""
    deadline = time.perf_counter() + budget
    bindings = query.bindings(page_values(query))
    text = inject_values(query.text, bindings) if bindings else query.text
    try:
        run = engine.prepare(text, query.text, bindings)
        rows = bounded(per_run, run)
    except RunTooLong:
        return {"error": f"timeout (> {per_run:g} s)"}
    except Exception as error:  # a benchmark reports an engine's failure and carries on with the next query
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:80] if str(error) else ''}"}
    samples = []
    while len(samples) < runs and (not samples or time.perf_counter() < deadline):
        start = time.perf_counter()
        try:
            bounded(per_run, run)
        except RunTooLong:
            return {"error": f"timeout (> {per_run:g} s)", "rows": rows}
        samples.append(time.perf_counter() - start)
    return {
        "rows": rows,
        "runs": len(samples),
        "p50_ms": percentile(samples, 50) * 1000,
        "p99_ms": percentile(samples, 99) * 1000,
        "mean_ms": statistics.fmean(samples) * 1000,
    }


def engines_for(dist: Path) -> tuple[list, dict[str, float], list[str]]:
    """Load the graph into every available engine; the load times; notes on engines left out."""
    engines, loads, notes = [], {}, []
    for kind in (RdflibEngine, OxigraphEngine, OxrdflibEngine, RdflibInitBindingsEngine):
        start = time.perf_counter()
        try:
            engine = kind(dist) if kind is not RdflibInitBindingsEngine else kind.sharing(engines[0])
        except ImportError:
            notes.append(f"{kind.name}: not installed (pip install {kind.name}), left out")
            continue
        if kind is not RdflibInitBindingsEngine:
            loads[kind.name] = time.perf_counter() - start
        engines.append(engine)
    return engines, loads, notes


# -- output --------------------------------------------------------------------------------------------------


def cell(measure: dict, key: str) -> str:
    return f"{measure[key]:.2f}" if key in measure else measure.get("error", "-")[:12]


def table(names: list[str], results: dict, engines: list[str]) -> str:
    """query | rows | rdflib p50 p99 | oxigraph p50 p99 | ratio | any other engine's p50 p99."""
    main_engines = [e for e in ("rdflib", "oxigraph") if e in engines]
    others = [e for e in engines if e not in main_engines]
    columns = (
        ["query", "rows"]
        + [f"{e} {p}" for e in main_engines for p in ("p50", "p99")]
        + ["ratio"]
        + [f"{e} {p}" for e in others for p in ("p50", "p99")]
    )
    lines = []
    for name in names:
        measures = results[name]
        counts = {m["rows"] for m in measures.values() if "rows" in m}
        rows = (
            str(counts.pop())
            if len(counts) == 1
            else "≠ " + "/".join(str(measures[e].get("rows", "?")) for e in engines)
        )
        first, second = measures.get("rdflib", {}), measures.get("oxigraph", {})
        ratio = first["p50_ms"] / second["p50_ms"] if "p50_ms" in first and "p50_ms" in second else None
        lines.append(
            [name, rows]
            + [cell(measures[e], k) for e in main_engines for k in ("p50_ms", "p99_ms")]
            + [f"{ratio:.1f}×" if ratio else "-"]
            + [cell(measures[e], k) for e in others for k in ("p50_ms", "p99_ms")]
        )
    widths = [max(len(c), *(len(line[i]) for line in lines)) for i, c in enumerate(columns)]

    def join(cells):
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in pairs)

    return "\n".join([join(columns), "  ".join("-" * w for w in widths)] + [join(line) for line in lines])


def main(argv=None) -> None:
    stop = "seconds before one run is stopped (default 10)"
    parser = timing_parser(__doc__, "engine", 50, 60.0, stop)
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON file to write")
    args = parser.parse_args(argv)

    queries = catalogue().all()
    names = [n for n in queries if not args.only or n in args.only]
    engines, loads, notes = engines_for(args.dist)
    results = {name: {} for name in names}
    spent = {}
    for engine in engines:
        start = time.perf_counter()
        for left, name in zip(range(len(names), 0, -1), names, strict=True):
            share = (args.budget - (time.perf_counter() - start)) / left  # unspent time carries over
            results[name][engine.name] = time_query(engine, queries[name], args.runs, share, args.per_run)
        spent[engine.name] = time.perf_counter() - start

    engine_names = [e.name for e in engines]
    print(
        f"{len(names)} named queries over {args.dist}, up to {args.runs} runs each after a warm-up "
        "(times in ms; ratio = rdflib p50 / oxigraph p50; rdflib-init = rdflib with initBindings instead "
        "of VALUES; rows ≠ when the engines disagree)\n"
    )
    print(table(names, results, engine_names))
    print(
        "\nload: "
        + ", ".join(f"{e} {s:.2f} s" for e, s in loads.items())
        + " | timing: "
        + ", ".join(f"{e} {s:.1f} s" for e, s in spent.items())
    )
    for note in notes:
        print("note: " + note)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    versions = {p: metadata.version(p) for p in ("rdflib", "pyoxigraph")}
    record = {
        "dist": str(args.dist),
        "runs": args.runs,
        "budget_s": args.budget,
        "per_run_s": args.per_run,
        "python": platform.python_version(),
        "versions": versions,
        "load_s": loads,
        "timing_s": spent,
        "notes": notes,
        "queries": results,
    }
    args.out.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
