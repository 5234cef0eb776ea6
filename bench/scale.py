"""The scale curve: load time, memory, named queries and pages on synthetic graphs 1×, 10×, 100×, 1000×.

    python bench/scale.py [DIST] [--scales 1 10 100 1000] [--max-scale N] [--budget 60] [--quick]
                          [--work DIR] [--timeout 900] [--out FILE]

For each scale, bench/synth.py writes a graph of that many copies of the real one (kept in --work and
reused), and a fresh Python process (so that memory figures are its own) measures:

- **load**: `EmbeddedStore.from_dist` (Oxigraph loading the N-Triples into memory), and RSS after it;
- **queries**: every named query (public and UI) with its defaults: p50 over up to --runs runs, all sharing
  --budget seconds; each is first run once in a forked child with a hard time limit, so that a query that
  would run for minutes is reported as a timeout instead of stalling the run;
- **pages**: `create_app` on that build and `webui.warm` (what `duikou serve` does before forking its
  workers: it also renders the home page and builds the search index), then, in a child forked from
  it as a web worker is, its test client (in process, no HTTP): the worker's first entity page (any
  one-time work left), then entity pages of every class in turns, each a different entity (a copy
  picked at random) asked for the first time, so that nothing is kept from before (cold: p50 and p99
  per class and over all), one of each again (warm), and the home page; also its first 404s (a misspelt
  path of each kind, answered with suggestions), each the first of its kind.

A query (or the pages) that took so long at one scale that it would pass its limit at the next if it grew
only linearly is skipped there, with the reason in its cell, so that 1000× stays bounded in time.
Default parameters mean the same entities at every scale (copy 0 keeps the real IRIs), so a row that
grows with the scale shows work proportional to the whole graph. Each table ends with the growth factor
per step (×10 in data): ~1× is flat, ~10× linear, ~100× quadratic. Prints tables; writes
bench/results/scale.json.
"""

import argparse
import gc
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale_report import curve, per_page, per_query, verdicts

from benchlib import in_child, rss_mb, write_record
from graph.paths import DIST

HERE = Path(__file__).resolve().parent
PAGE = {"Accept": "text/html", "Accept-Encoding": "gzip"}
COPIES = 100  # distinct entities of each class asked cold, at scales that have them
FIRST_PAGE = "programme/gannan"  # a worker's first page: an entity of none of the classes timed cold
# a worker's first 404s, one of each kind, each with suggestions: a misspelt slug, a code cut short, a name
MISSPELT = ("unit/ndcr", "division/36078", "concept/duty/evalute", "unit/caizhengbu")


def say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


# -- one scale, in its own process -------------------------------------------------------------------------


def measure_one(
    dist: Path, scale: int, runs: int, budget: float, per_run: float, page_limit: float, skip: dict[str, str]
) -> dict:
    """Everything measured at one scale, in this process."""
    from engines import OxigraphEngine, time_query

    from graph.store.embedded import EmbeddedStore
    from queries import named_queries, probe

    found = {"scale": scale, "rss_start_mib": rss_mb()}
    start = time.perf_counter()
    store = EmbeddedStore.from_dist(dist)
    found["load_s"] = time.perf_counter() - start
    found["triples"] = len(store)
    found["rss_loaded_mib"] = rss_mb()
    say(
        f"{scale}×: {found['triples']} triples loaded in {found['load_s']:.1f} s, "
        f"RSS {found['rss_loaded_mib']:.0f} MiB"
    )

    engine = OxigraphEngine.__new__(OxigraphEngine)
    engine.store, engine.name = store, "embedded"
    queries, found["queries"] = named_queries(), {}
    start = time.perf_counter()
    for left, name in zip(range(len(queries), 0, -1), queries, strict=True):
        share = (budget - (time.perf_counter() - start)) / left
        problem = skip.get(name) or probe(engine, queries[name], per_run)
        found["queries"][name] = (
            {"error": problem}
            if problem
            else time_query(engine, queries[name], runs, max(share, 0.0), per_run)
        )
    found["queries_s"] = time.perf_counter() - start
    say(f"{scale}×: {len(queries)} named queries timed in {found['queries_s']:.1f} s")
    del engine, store
    gc.collect()
    try:  # a forked child with a time limit: a page that never finishes costs this scale its pages only
        if "pages" in skip:
            raise RuntimeError(skip["pages"])
        found.update(in_child(pages, (dist, scale, page_limit), page_limit))
    except Exception as error:  # timeout or crash of the page child: reported in the record
        found["pages_error"] = f"{type(error).__name__}: {error}"[:120]
        say(f"{scale}×: pages not measured: {found['pages_error']}")
    return found


def pages(dist: Path, scale: int, page_limit: float) -> dict:
    """App start and warm-up (as `duikou serve` does before forking), then the pages in a forked child.

    The child stands for a web worker: forked from the warmed app, it serves many pages, and what a page
    costs there is what visitors meet, so the figures are taken in one child, not a fresh one per page."""
    from webui import create_app
    from webui.warm import warm

    start = time.perf_counter()
    app = create_app({"DIST": str(dist)})
    found = {"app_start_s": time.perf_counter() - start, "rss_app_mib": rss_mb()}
    started = time.perf_counter()
    warm(app)  # what `duikou serve` does before forking its web workers
    found["warm_s"] = time.perf_counter() - started
    say(f"{scale}×: app started in {found['app_start_s']:.1f} s, warmed in {found['warm_s']:.1f} s")
    left = page_limit - (time.perf_counter() - start)
    found.update(in_child(worker, (app.test_client(), scale, left * 0.9), left))
    first = found["first_page"]
    say(f"{scale}×: a new worker's first entity page {first['status']} in {first['s'] * 1000:.0f} ms")
    return found


def get(client, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    response = client.get(path, headers=PAGE)
    response.get_data()
    return response.status_code, time.perf_counter() - start


def worker(client, scale: int, seconds: float) -> dict:
    """What one web worker serves: its first entity page (FIRST_PAGE), then entity pages of every class
    in turn, each a different entity (a different copy, at random) asked for the first time, so that no
    answer is kept from before (cold); then one entity of each class again (warm), and the home page."""
    from synth import copy_path
    from web import ENTITIES

    deadline = time.perf_counter() + seconds
    found = {"first_page": dict(zip(("status", "s"), get(client, f"/page/{FIRST_PAGE}"), strict=True))}
    found["rss_first_page_mib"] = rss_mb()
    found["first_404"] = {path: get(client, f"/page/{path}")[1] for path in MISSPELT}  # each kind's first
    pick = random.Random(scale)
    copies = {cls: pick.sample(range(1, scale), min(scale - 1, COPIES)) or [0] for cls in ENTITIES}
    cold = {cls: [] for cls in ENTITIES}
    statuses = {cls: set() for cls in ENTITIES}
    share = seconds / len(ENTITIES)  # a slow class is measured on fewer entities, not past its share
    for turn in range(COPIES):
        for cls, path in ENTITIES.items():
            if turn < len(copies[cls]) and sum(cold[cls]) < share and time.perf_counter() < deadline:
                status, seconds_taken = get(client, f"/page/{copy_path(path, copies[cls][turn])}")
                statuses[cls].add(status)
                cold[cls].append(seconds_taken)
    found["pages"] = {}
    for cls, path in ENTITIES.items():
        asked = f"/page/{copy_path(path, copies[cls][0])}"
        warm_times = [get(client, asked)[1] for _ in range(20)]
        found["pages"][cls] = {
            "status": max(statuses[cls]) if statuses[cls] else 0,
            "cold_p50_ms": statistics.median(cold[cls]) * 1000,
            "cold_p99_ms": percentile(cold[cls], 99) * 1000,
            "cold_n": len(cold[cls]),
            "warm_p50_ms": statistics.median(warm_times) * 1000,
        }
    every = [t for times in cold.values() for t in times]
    found["cold_all"] = {
        "p50_ms": statistics.median(every) * 1000,
        "p99_ms": percentile(every, 99) * 1000,
        "n": len(every),
    }
    status, first = get(client, "/")
    warm_home = [get(client, "/")[1] for _ in range(10)]
    found["home"] = {
        "status": status,
        "first_ms": first * 1000,
        "warm_p50_ms": statistics.median(warm_home) * 1000,
    }
    return found


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def predicted_too_slow(record: dict, scales: list[int], per_run: float, page_limit: float) -> dict[str, str]:
    """What to leave out at the next scale: a query (or the pages) that took so long here that, growing
    at least linearly, it would run past its limit there; each with the reason, shown in its cell."""
    later = [s for s in scales if s > record["scale"]]
    if not later or "error" in record:
        return {}
    factor, skip = later[0] / record["scale"], {}
    for name, measure in record.get("queries", {}).items():
        if "p50_ms" in measure and measure["p50_ms"] / 1000 * factor > per_run:
            skip[name] = f"skipped ({measure['p50_ms'] / 1000:.1f} s at {record['scale']}×)"
        elif "error" in measure and measure["error"].startswith(("timeout", "skipped")):
            skip[name] = f"skipped ({measure['error'].split(' (')[0]} at {record['scale']}×)"
    first = record.get("first_page", {}).get("s")
    if "pages_error" in record or (first and first * factor > page_limit):
        why = f"first page {first:.0f} s" if first else "no pages"
        skip["pages"] = f"skipped: {why} at {record['scale']}×, over --page-limit {page_limit:g} s if linear"
    return skip


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dist", nargs="?", type=Path, default=DIST, help="the real build (default dist/)")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--max-scale", type=int, default=None, help="leave out scales above this")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query (default 30)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds for all queries at one scale")
    parser.add_argument("--per-run", type=float, default=10.0, help="a query running longer is a timeout")
    parser.add_argument(
        "--page-limit",
        type=float,
        default=300.0,
        help="seconds for the app start and all page requests at one scale (default 300)",
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds for one scale's process")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "duikou-synth",
        help="where the synthetic builds go (reused; default TMPDIR/duikou-synth)",
    )
    parser.add_argument("--quick", action="store_true", help="scales 1 and 10, 10 runs, 5 s budget (< 2 min)")
    parser.add_argument("--out", type=Path, default=None, help="JSON file (default bench/results/scale.json)")
    parser.add_argument(
        "--one", action="store_true", help=argparse.SUPPRESS
    )  # the child: one scale, JSON out
    parser.add_argument("--skip", default="{}", help=argparse.SUPPRESS)  # the child: {query or "pages": why}
    args = parser.parse_args(argv)
    if args.one:
        print(
            json.dumps(
                measure_one(
                    args.dist,
                    args.scales[0],
                    args.runs,
                    args.budget,
                    args.per_run,
                    args.page_limit,
                    json.loads(args.skip),
                )
            )
        )
        return
    if args.quick:
        args.scales, args.runs, args.budget = [s for s in args.scales if s <= 10], 10, 5.0
    scales = [s for s in args.scales if args.max_scale is None or s <= args.max_scale]

    from synth import generate, is_current

    records, skip = [], {}
    for scale in scales:
        gen_s = None
        if scale == 1:
            dist = args.dist.resolve()
        else:
            start, out = time.perf_counter(), args.work / f"scale-{scale}"
            fresh = not is_current(
                hashlib.sha256((args.dist / "duikou.nt").read_bytes()).hexdigest(), out, scale
            )
            dist = generate(args.dist, out, scale)
            gen_s = time.perf_counter() - start if fresh else None  # None: reused from an earlier run
        command = [
            sys.executable,
            str(HERE / "scale.py"),
            str(dist),
            "--one",
            "--scales",
            str(scale),
            "--runs",
            str(args.runs),
            "--budget",
            str(args.budget),
            "--per-run",
            str(args.per_run),
            "--page-limit",
            str(args.page_limit),
            "--skip",
            json.dumps(skip),
        ]
        print(f"scale {scale}×: {dist}", file=sys.stderr, flush=True)
        try:  # the child's progress and errors go straight to our stderr; its stdout is the JSON record
            done = subprocess.run(command, stdout=subprocess.PIPE, text=True, timeout=args.timeout)
            record = json.loads(done.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            record = {"scale": scale, "error": f"timeout (> {args.timeout:g} s)"}
        except (IndexError, ValueError):
            record = {"scale": scale, "error": f"the measuring process exited {done.returncode} (see above)"}
        record["gen_s"] = gen_s
        records.append(record)
        skip = predicted_too_slow(record, scales, args.per_run, args.page_limit)

    print(
        "\nscale curve (times in ms unless marked s; gen - = reused; RSS after load; "
        "B/triple = RSS added by the "
        "load / triples; queries = those timed at every scale; entity cold = first request for that entity, "
        "in a worker that has served others, over all classes; ×b/a rows = growth from scale a to b)\n"
    )
    print(curve(records))
    print("\nentity pages per class (test client, in a forked worker): cold p50 / p99 / warm p50 in ms\n")
    print(per_page(records))
    print("\nnamed queries, p50 ms per scale\n")
    print(per_query(records))
    checks = verdicts(records)
    print("\ntargets:")
    for check in checks:
        print(f"  {'met   ' if check['met'] else 'MISSED'}  {check['target']}: {check['figure']}")
    path = write_record(
        "scale",
        {
            "dist": str(args.dist),
            "scales": scales,
            "runs": args.runs,
            "budget_s": args.budget,
            "targets": checks,
            "records": records,
            "argv": sys.argv[1:],
        },
        args.out,
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
