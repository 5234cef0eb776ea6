"""Load under attack: cheap requests from several clients while two clients loop hostile queries.

    python bench/attack.py [--url http://127.0.0.1:PORT] [--dist DIST] [--seconds 60] [--clients 4]
                           [--attackers 2] [--slow 200] [--idle 100] [--no-front] [--quick]

Starts `duikou serve` on a free 127.0.0.1 port (default settings, its processes tagged through the
environment) unless --url names a running one (loopback only). After a warm-up, `--clients` visitors
loop over cheap requests (the home page, entity pages, a named query, a label lookup, a small /sparql
SELECT) while `--attackers` clients loop hostile queries (a cartesian product, a backtracking REGEX, a
deep property path, SERVICE, a huge VALUES block, an update), each as its own client (User-Agent and
loopback address: visitor N from 127.0.1.N+1, attacker N from 127.0.2.N+1), and 127.0.0.1 holds `--slow`
connections that trickle a header byte a second and `--idle` partial requests (bench/slow_clients.py).
`--no-front` starts the server without nginx in front (as before it had one), to compare.
Prints per request class req/s, p50/p95/p99 and status counts, each attacker's time to its first
429/503, the server's processes and memory before and after, and the issue's targets as met or MISSED;
writes bench/results/attack.json.
Bounded: --seconds of attack, at most --max-requests requests, every request times out after 30 s.
"""

import argparse
import json
import signal
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

from served import ROOT, loopback, request, server_processes, start_server
from slow_clients import SlowClients

from benchlib import percentile

DK = "PREFIX dk: <https://w3id.org/duikou/def#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
CHEAP = {
    "home": ["/"],
    "entity": ["/page/unit/ndrc", "/page/division/360781", "/page/unit/mof", "/page/division/360702"],
    "named query": ["/queries/county-of-unit.json", "/queries/counties.json"],
    "lookup": ["/search/suggest?q=ndrc", "/search/suggest?" + urlencode({"q": "瑞金"})],
    "sparql select": [
        "/sparql?"
        + urlencode(
            {"query": DK + f"SELECT ?u ?l WHERE {{ ?u a dk:SupportingUnit ; skos:prefLabel ?l }} LIMIT {n}"}
        )
        for n in (5, 10, 20)
    ],
}
HOSTILE = {
    "cartesian": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "regex": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?t ?q ?r FILTER(REGEX(CONCAT(STR(?o), STR(?r)), "
    '"^(a+)+(b+)+(.*)*$")) }',
    "path": "SELECT (COUNT(*) AS ?n) WHERE { ?s (!<urn:x>)+/(!<urn:x>)+/(!<urn:x>)+ ?o }",
    "service": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "values": "SELECT ?x WHERE { VALUES ?x { " + " ".join(f'"v{n}"' for n in range(7000)) + " } }",
    "update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
}


class Recorder:
    """Every request's class, status and time, shared by the client threads."""

    def __init__(self, limit: int):
        self.samples, self.lock, self.limit = defaultdict(list), threading.Lock(), limit
        self.first_refusal: dict[str, float] = {}
        self.count, self.problems = 0, []

    def add(self, kind: str, status: int, seconds: float, started: float, who: str) -> bool:
        with self.lock:
            self.samples[kind].append((status, seconds))
            if status in (429, 503) and who not in self.first_refusal:
                self.first_refusal[who] = time.monotonic() - started
            self.count += 1
            return self.count < self.limit


def visitor(base: str, number: int, stop: threading.Event, record: Recorder, started: float) -> None:
    """Loop over the cheap requests, one at a time, as client bench-visitor-N."""
    agent, turn = f"bench-visitor-{number}", number
    while not stop.is_set():
        kind = list(CHEAP)[turn % len(CHEAP)]
        target = CHEAP[kind][(turn // len(CHEAP)) % len(CHEAP[kind])]
        status, seconds = request(
            base, target, agent, problems=record.problems, source=f"127.0.1.{number + 1}"
        )
        turn += 1
        if not record.add(kind, status, seconds, started, agent):
            stop.set()


def attacker(base: str, number: int, stop: threading.Event, record: Recorder, started: float) -> None:
    """Loop over the hostile queries, one at a time, as client bench-attacker-N."""
    agent, turn = f"bench-attacker-{number}", number
    while not stop.is_set():
        kind = list(HOSTILE)[turn % len(HOSTILE)]
        status, seconds = request(
            base, "/sparql", agent, "POST", HOSTILE[kind], source=f"127.0.2.{number + 1}"
        )
        turn += 1
        if not record.add(f"attack: {kind}", status, seconds, started, agent):
            stop.set()
        if status == 429:
            time.sleep(0.2)  # a looping attacker; it does not wait for Retry-After


def report(record: Recorder, seconds: float) -> tuple[list[dict], str]:
    """Per request class: count, rate, p50/p95/p99 in ms and statuses, as rows and as a table."""
    rows = []
    for kind, samples in record.samples.items():
        times = [s * 1000 for _, s in samples]
        rows.append(
            {
                "class": kind,
                "requests": len(samples),
                "rate": len(samples) / seconds,
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
                "p99": percentile(times, 99),
                "statuses": dict(sorted(Counter(status for status, _ in samples).items())),
            }
        )
    head = f"{'class':<20} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses"
    lines = [head, "-" * 92]
    for row in rows:
        statuses = ", ".join(f"{code}×{n}" for code, n in row["statuses"].items())
        lines.append(
            f"{row['class']:<20} {row['requests']:>8} {row['rate']:>7.1f} {row['p50']:>8.1f} "
            f"{row['p95']:>8.1f} {row['p99']:>8.1f}  {statuses}"
        )
    return rows, "\n".join(lines)


def run_phase(base: str, seconds: float, clients: int, attackers: int, record: Recorder) -> float:
    """Run visitors and attackers for `seconds`; return how long the phase ran until told to stop."""
    stop, started = threading.Event(), time.monotonic()
    threads = [
        threading.Thread(target=role, args=(base, n, stop, record, started))
        for role, count in ((visitor, clients), (attacker, attackers))
        for n in range(count)
    ]
    for thread in threads:
        thread.start()
    stop.wait(seconds)
    stop.set()
    stopped = time.monotonic()  # rates are per second of attack; the requests in flight still finish
    for thread in threads:
        thread.join()
    return stopped - started


def conclude(args, record: Recorder, elapsed: float, processes: dict | None) -> dict:
    """Print the table, the attackers' first refusals, the processes and memory, and the targets."""
    rows, text = report(record, elapsed)
    cheap = [r for r in rows if not r["class"].startswith("attack")]
    cheap_total = sum(r["requests"] for r in cheap)
    cheap_bad = sum(n for r in cheap for code, n in r["statuses"].items() if code != 200)
    cheap_times = [
        s * 1000
        for kind, samples in record.samples.items()
        if not kind.startswith("attack")
        for _, s in samples
    ]
    print(text)
    for problem in record.problems:
        print(f"visitor got {problem}")
    print(
        f"\ncheap requests: {cheap_total / elapsed:.1f} req/s, p95 {percentile(cheap_times, 95):.0f} ms, "
        f"{cheap_bad} not 200, over {elapsed:.0f} s with {args.clients} visitors and "
        f"{args.attackers} attackers"
    )
    attackers = [f"bench-attacker-{n}" for n in range(args.attackers)]
    for who in attackers:
        first = record.first_refusal.get(who)
        print(f"{who}: first 429/503 after " + (f"{first:.1f} s" if first is not None else "never"))
    targets = {
        "cheap requests >= 50 req/s": cheap_total / elapsed >= 50,
        "cheap p95 < 500 ms": percentile(cheap_times, 95) < 500,
        "no cheap request failed": cheap_bad == 0,
        "every attacker got 429/503 within 11 s": all(
            record.first_refusal.get(who, 99) <= 11 for who in attackers
        ),
    }
    memory = {}
    if processes is not None:
        before, after, left = processes["before"], processes["after"], processes["left"]
        memory = {"before_mb": sum(before.values()) / 2**20, "after_mb": sum(after.values()) / 2**20}
        change = 100 * (memory["after_mb"] - memory["before_mb"]) / memory["before_mb"]
        print(
            f"server processes: {len(before)} before, {len(after)} after the attack, {len(left)} left "
            f"after shutdown; resident memory {memory['before_mb']:.0f} MB before, "
            f"{memory['after_mb']:.0f} MB after ({change:+.1f} %)"
        )
        targets["no leaked process"] = len(after) == len(before) and not left
        targets["memory within 10 %"] = abs(change) <= 10
    for name, met in targets.items():
        print(f"target {name}: {'met' if met else 'MISSED'}")
    counts = {k: len(v) for k, v in processes.items()} if processes is not None else {}
    return {
        "seconds": elapsed,
        "clients": args.clients,
        "attackers": args.attackers,
        "rows": rows,
        "first_refusal": record.first_refusal,
        "visitor_problems": record.problems,
        "processes": counts,
        "memory": memory,
        "targets": targets,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server (loopback only); default: start one")
    parser.add_argument("--dist", type=Path, help="the build to serve (default: dist/)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--attackers", type=int, default=2)
    parser.add_argument("--slow", type=int, default=200, help="connections trickling a byte a second")
    parser.add_argument("--idle", type=int, default=100, help="idle partial requests")
    parser.add_argument("--no-front", action="store_true", help="serve without nginx in front")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="a 15 s attack (a smoke test)")
    args = parser.parse_args()
    if args.quick:
        args.seconds = min(args.seconds, 15)
    tag = uuid.uuid4().hex
    process, base = (
        (None, loopback(args.url)) if args.url else start_server(args.dist, tag, not args.no_front)
    )
    try:
        run_phase(base, 5, args.clients, 0, Recorder(args.max_requests))  # fill the web workers' caches
        before = server_processes(tag)
        record = Recorder(args.max_requests)
        slow = SlowClients(base, args.slow, args.idle).start()
        elapsed = run_phase(base, args.seconds, args.clients, args.attackers, record)
        slow.stop()
        time.sleep(3)  # let replaced query processes finish starting
        after = server_processes(tag)
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    time.sleep(1)
    processes = {"before": before, "after": after, "left": server_processes(tag)} if process else None
    print(
        f"slow clients: {args.slow} trickling and {args.idle} idle; "
        f"{slow.opened} connections opened, {slow.refused} refused"
    )
    figures = conclude(args, record, elapsed, processes)
    figures["slow_clients"] = {
        "trickling": args.slow,
        "idle": args.idle,
        "opened": slow.opened,
        "refused": slow.refused,
    }
    figures["front"] = not args.no_front
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "attack.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print("wrote bench/results/attack.json")


if __name__ == "__main__":
    main()
