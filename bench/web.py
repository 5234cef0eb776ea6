"""HTTP throughput and latency of our pages and /sparql, side by side in one run with Flask "hello",
rdflib-endpoint and `oxigraph serve-read-only`, at concurrency 1 and 8; and the cold start of `duikou serve`.

    python bench/web.py [DIST] [--duration 5] [--warmup 1] [--concurrency 1 8] [--loader auto|wrk|python]
                        [--cold-starts 3] [--quick] [--out FILE]

(Not `http.py`: a script run from bench/ puts bench/ first on sys.path, and that name would hide the
standard library's `http` package from every bench script.)

Everything listens on 127.0.0.1 only; every server is started here and stopped at the end:

- **ours**: `duikou serve --dist DIST` (gunicorn, as many workers of the class it chooses as it starts);
- **hello**: a Flask "Hello, World!" on gunicorn with sync workers, one per core (bench/peers.py): our
  ceiling, as the issue defines it; and, when ours runs another worker class, a second hello on exactly
  ours (class, threads and number of workers), to show what that choice costs;
- **rdflib-endpoint**: the same dump in rdflib behind rdflib-endpoint on uvicorn, a worker per core (the
  Python peer);
- **oxigraph**: `oxigraph serve-read-only --union-default-graph` over the same two graphs (the native peer).

Ours serves the home page, an entity page of each class, a named query page and its .json, /sparql with
a small SELECT and with the entity page's main query, and a static asset. The peers answer the equivalent
SPARQL: `entity-statements` for the same unit (the main one of the 2–3 queries our entity page runs) and the
same small SELECT. A URL that does not answer 2xx is reported with its status and not loaded. Pages are
asked for as a browser does (Accept: text/html, Accept-Encoding: gzip); SPARQL with Accept: JSON results,
each request with a User-Agent of its own (/sparql allows a client one query at a time), and ours with
its per-client time budget lifted (all the load comes from one address). req/s counts 2xx/3xx answers.

Load: `wrk` (Debian package `wrk`) when installed, else a Python generator (processes, one keep-alive
connection each; it tops out lower than wrk). Each measure is a warm-up then --duration seconds; hello is
measured at the start and at the end of each concurrency, and the ceiling is their mean. Prints tables and
the issue's targets met or missed; writes bench/results/web.json.
"""

import argparse
import os
import shutil
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from web_load import measure, probe, python_load, wrk
from web_servers import cold_starts, start_all, start_breakdown

from benchlib import (
    fmt,
    ratio,
    servers,
    table,
    verdict,
    write_record,
)
from graph.paths import DIST
from graph.store.named import catalogue
from graph.store.sparql_text import inject_values

ENTITIES = {  # class → path below /page/ (and the IRI below id:)
    "unit": "unit/mof",
    "county": "division/360781",
    "city": "division/360700",
    "province": "division/360000",
    "document": "document/guobanfa-2021-15",
    "line": "document/guobanfa-2021-15/line/26",
    "section": "document/guobanfa-2021-15/section/2-1",
    "assignment": "assignment/guobanfa-2021-15/mof",
    "concept": "concept/unit-category/national-bureau",
}
QUICK_ENTITIES = ("unit", "county")
SMALL_SELECT = (
    "PREFIX dk: <https://w3id.org/duikou/def#>\nSELECT ?unit ?county WHERE { ?unit dk:supports ?county }"
)
ENTITY_QUERY = "entity-statements"  # the entity page's main query, for the peers' "entity page"
PAGE = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", "Accept-Encoding": "gzip"}
RESULTS_JSON = {"Accept": "application/sparql-results+json"}


@dataclass
class Target:
    server: str  # ours, hello, rdflib-endpoint, oxigraph
    name: str
    url: str
    headers: dict = field(default_factory=dict)
    kind: str = "page"  # page, entity, select, static, hello
    clients: bool = (
        False  # each request from a different client (User-Agent): for /sparql's one-query-per-client rule
    )
    status: int | None = None
    size: int | None = None
    results: dict = field(default_factory=dict)  # concurrency → measure


# -- the targets -------------------------------------------------------------------------------------------


def sparql_url(endpoint: str, query: str) -> str:
    return f"{endpoint}?{urllib.parse.urlencode({'query': query})}"


def targets_for(base: dict[str, str], quick: bool) -> list[Target]:
    entity_iri = f"https://w3id.org/duikou/id/{ENTITIES['unit']}"
    named = catalogue().get(ENTITY_QUERY, ui=True)
    entity_sparql = inject_values(named.text, named.bindings({"iri": entity_iri, "lang": "zh"}))
    ours, gzip = base["ours"], {"Accept-Encoding": "gzip"}

    def asks(server: str, name: str, endpoint: str, query: str, kind: str) -> Target:
        """`query` at a SPARQL endpoint, for JSON results, each request as a client of its own."""
        return Target(server, name, sparql_url(endpoint, query), RESULTS_JSON, kind=kind, clients=True)

    targets = [Target("ours", "home /", f"{ours}/", PAGE)]
    for cls in QUICK_ENTITIES if quick else ENTITIES:
        targets.append(Target("ours", f"{cls} page", f"{ours}/page/{ENTITIES[cls]}", PAGE, kind="entity"))
    if not quick:
        targets.append(Target("ours", "unit /data .ttl", f"{ours}/data/{ENTITIES['unit']}.ttl", gzip))
    targets += [
        Target("ours", "/queries/pairings", f"{ours}/queries/pairings", PAGE),
        Target("ours", "/queries/pairings.json", f"{ours}/queries/pairings.json", gzip),
        asks("ours", "/sparql small SELECT", f"{ours}/sparql", SMALL_SELECT, "select"),
        asks("ours", "/sparql entity query", f"{ours}/sparql", entity_sparql, "entity-sparql"),
        Target("ours", "static site.css", f"{ours}/static/site.css", gzip, kind="static"),
    ]
    for peer, path in (("rdflib-endpoint", "/sparql"), ("oxigraph", "/query")):
        targets.append(asks(peer, "entity query", base[peer] + path, entity_sparql, "entity-sparql"))
        targets.append(asks(peer, "small SELECT", base[peer] + path, SMALL_SELECT, "select"))
    return targets


# -- the run -------------------------------------------------------------------------------------------------


def run_all(
    targets: list[Target], hello: Target, load, levels: list[int], seconds: float, warmup: float
) -> None:
    """For each concurrency: hello, every target that answered 2xx, hello again; ceiling = the mean hello."""
    for c in levels:
        first = measure(load, hello, c, seconds, warmup)
        for target in targets:
            if target.status is not None and 200 <= target.status < 300:
                target.results[c] = measure(load, target, c, seconds, warmup)
                print(
                    f"  c={c} {target.server:<16} {target.name:<24} "
                    f"{fmt(target.results[c].get('rps'), 0):>8} req/s",
                    file=sys.stderr,
                    flush=True,
                )
        last = measure(load, hello, c, seconds, warmup)
        rps = [m["rps"] for m in (first, last) if "rps" in m]
        hello.results[c] = {
            **last,
            "rps": sum(rps) / len(rps) if rps else None,
            "runs": [first, last],
            "p50_ms": first.get("p50_ms"),
            "p99_ms": first.get("p99_ms"),
        }


def peer_of(targets: list[Target], server: str, kind: str) -> Target | None:
    kind = "entity-sparql" if kind == "entity" else kind
    return next((t for t in targets if t.server == server and t.kind == kind), None)


def versus(target: Target, other: Target | None, c: int) -> float | None:
    if other is None or c not in target.results or c not in other.results:
        return None
    return ratio(target.results[c].get("rps"), other.results[c].get("rps"))


def report(targets: list[Target], hello: Target, levels: list[int]) -> str:
    top = max(levels)
    columns = ["server", "target", "status", "KiB"]
    for c in levels:
        columns += [f"c={c} req/s", f"c={c} p50", f"c={c} p99"]
    columns += ["non-2xx", f"c={top} ÷hello", "÷rdflib-ep", "÷oxigraph"]
    rows = []
    for target in [hello, *targets]:
        row = [
            target.server,
            target.name,
            str(target.status or "-"),
            fmt(target.size / 1024 if target.size else None, 1),
        ]
        for c in levels:
            m = target.results.get(c, {})
            if "error" in m:
                row += [m["error"][:20], "", ""]
            else:
                row += [fmt(m.get("rps"), 0), fmt(m.get("p50_ms"), 2), fmt(m.get("p99_ms"), 2)]
        own = target.server == "ours"
        shares = [
            m["non_2xx"] / m["requests"]
            for m in target.results.values()
            if isinstance(m, dict) and m.get("requests")
        ]
        row += [f"{max(shares):.0%}" if shares and max(shares) > 0 else ""]
        row += [
            fmt(versus(target, hello, top), 2, "×") if target is not hello else "1.00×",
            fmt(versus(target, peer_of(targets, "rdflib-endpoint", target.kind), top), 1, "×") if own else "",
            fmt(versus(target, peer_of(targets, "oxigraph", target.kind), top), 2, "×") if own else "",
        ]
        rows.append(row)
    return table(columns, rows)


def verdicts(targets: list[Target], hello: Target, top: int, cold: list[float]) -> list[dict]:
    """The issue's targets, each met or missed with the figures that decide it."""
    pages = [
        t
        for t in targets
        if t.server == "ours" and t.kind == "entity" and top in t.results and "rps" in t.results[top]
    ]
    found = []
    if pages:
        share = {t.name: versus(t, hello, top) for t in pages}
        worst = min(share, key=share.get)
        found.append(
            verdict(
                f"entity pages c={top} ≥ 70 % of Flask hello",
                share[worst] >= 0.7,
                f"lowest {share[worst]:.0%} ({worst}); hello {hello.results[top]['rps']:,.0f} req/s",
            )
        )
        p99 = {t.name: t.results[top].get("p99_ms") or 0 for t in pages}
        worst = max(p99, key=p99.get)
        found.append(
            verdict(
                f"entity pages c={top} p99 ≤ 10 ms",
                p99[worst] <= 10,
                f"highest {p99[worst]:.2f} ms ({worst})",
            )
        )
        peer = peer_of(targets, "rdflib-endpoint", "entity")
        times = {t.name: versus(t, peer, top) for t in pages}
        if all(v is not None for v in times.values()):
            worst = min(times, key=times.get)
            found.append(
                verdict(
                    f"entity pages c={top} ≥ 10× rdflib-endpoint",
                    times[worst] >= 10,
                    f"lowest {times[worst]:.1f}× ({worst}); rdflib-endpoint "
                    f"{peer.results[top]['rps']:,.0f} req/s",
                )
            )
    else:
        found.append(verdict("entity pages", False, "no entity page answered 2xx"))
    select = next((t for t in targets if t.server == "ours" and t.kind == "select"), None)
    peer = peer_of(targets, "oxigraph", "select")
    share = versus(select, peer, top) if select else None
    found.append(
        verdict(
            f"/sparql small SELECT c={top} ≥ 30 % of oxigraph serve-read-only",
            share is not None and share >= 0.3,
            f"{share:.1%} ({select.results[top]['rps']:,.0f} vs {peer.results[top]['rps']:,.0f} req/s)"
            if share is not None
            else f"not measured (status {select.status if select else '-'})",
        )
    )
    if cold:
        found.append(
            verdict(
                "cold start duikou serve → first answer < 3 s",
                max(cold) < 3,
                f"best {min(cold):.2f} s, worst {max(cold):.2f} s over {len(cold)}",
            )
        )
    return found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "dist", nargs="?", type=Path, default=DIST, help="folder of the built graph (default dist/)"
    )
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per measure (default 5)")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of load before each (default 1)")
    parser.add_argument(
        "--concurrency", type=int, nargs="+", default=[1, 8], help="connections (default 1 8)"
    )
    parser.add_argument(
        "--loader",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="load generator: wrk if installed (auto), or the Python one",
    )
    parser.add_argument(
        "--cold-starts", type=int, default=3, help="extra `duikou serve` cold starts (default 3)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="1 s per measure, 2 entity pages, 1 extra cold start (< 2 min)"
    )
    parser.add_argument("--out", type=Path, default=None, help="JSON file (default bench/results/web.json)")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.cold_starts = 1.0, 1.0, 1
    use_wrk = args.loader == "wrk" or (args.loader == "auto" and shutil.which("wrk"))
    if args.loader == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk), use --loader python")
    load = wrk if use_wrk else python_load
    dist = args.dist.resolve()

    with servers() as started, tempfile.TemporaryDirectory(prefix="duikou-bench-web-") as tmp:
        work = Path(tmp)
        base = start_all(dist, work, started)
        targets = targets_for(base, args.quick)
        hello = Target("hello", "Flask hello (sync)", f"{base['hello']}/", {}, kind="hello")
        if "hello-ours" in base:
            targets.insert(
                0,
                Target(
                    "hello",
                    f"Flask hello ({base['our_workers']})",
                    f"{base['hello-ours']}/",
                    {},
                    kind="hello-ours",
                ),
            )
        for target in [hello, *targets]:
            probe(target)
        print(
            f"loader {'wrk' if use_wrk else 'python'}, {args.duration:g} s per measure "
            f"after {args.warmup:g} s "
            f"warm-up, {os.cpu_count()} cores",
            file=sys.stderr,
        )
        run_all(targets, hello, load, args.concurrency, args.duration, args.warmup)
        for server in started:
            server.stop()
        cold = [base["cold_start_s"], *cold_starts(dist, work, args.cold_starts)]
        breakdown = start_breakdown(dist)

    top = max(args.concurrency)
    print(
        f"HTTP on 127.0.0.1, {'wrk' if use_wrk else 'Python load generator'}, "
        f"{args.duration:g} s per measure; "
        f"req/s answered 2xx/3xx, p50 and p99 in ms (of all answers); non-2xx = the largest share of other "
        f"answers at any concurrency; ratios of req/s at c={top} (hello = mean of its two runs)\n"
    )
    print(report(targets, hello, args.concurrency))
    print(
        f"\nours runs gunicorn {base['our_workers']} per worker, {base['our_worker_count']} workers "
        f"on {os.cpu_count()} cores; "
        "hello (sync) is the "
        "issue's ceiling"
        + ("; the other hello row runs our worker class and threads" if "hello-ours" in base else "")
    )
    print("cold start `duikou serve` → first answer on /: " + ", ".join(f"{s:.2f} s" for s in cold))
    if "error" not in breakdown:
        print(
            f"in a fresh interpreter: import webui {breakdown['import_s']:.2f} s, create_app "
            f"{breakdown['create_app_s']:.2f} s, first GET / in-process {breakdown['first_request_s']:.2f} s "
            f"(status {breakdown['status']}); whole interpreter {breakdown['interpreter_total_s']:.2f} s"
        )
    checks = verdicts(targets, hello, top, cold)
    print("\ntargets:")
    for check in checks:
        print(f"  {'met   ' if check['met'] else 'MISSED'}  {check['target']}: {check['figure']}")
    record = {
        "dist": str(dist),
        "loader": "wrk" if use_wrk else "python",
        "duration_s": args.duration,
        "our_workers": base["our_workers"],
        "our_worker_count": base["our_worker_count"],
        "warmup_s": args.warmup,
        "concurrency": args.concurrency,
        "cold_start_s": cold,
        "cold_start_breakdown": breakdown,
        "targets": checks,
        "measures": [
            {
                "server": t.server,
                "name": t.name,
                "url": t.url,
                "kind": t.kind,
                "status": t.status,
                "bytes": t.size,
                "results": t.results,
            }
            for t in [hello, *targets]
        ],
        "argv": sys.argv[1:],
    }
    path = write_record("web", record, args.out)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
