"""Time each step of `duikou build` and its peak memory at 1×, 10×, 100×, beside the floor: rdflib merely
parsing the graph and writing it in the four formats.

    python bench/build.py [--scales 1 10 100] [--pyshacl-up-to 10] [--runs 2] [--quick] [--out FILE]

At 1× the steps run from the sources (parse, join, the N-Triples and N-Quads dumps, validate, checks,
serialise, publish); at N× (bench/synth.py's graph of N copies) the steps that follow the join run on the
synthetic graph, held as one named graph. Validation runs with the default engine (rudof) and, up to
--pyshacl-up-to, with pySHACL, the reference and the engine of the build before. Each step's time is the
best of --runs; its memory is the peak resident memory above the step's start (sampled every 5 ms). Then
the commands as a user runs them, as child processes: `duikou build` at 1×, `duikou validate` at each
scale, and the floor as a child process too. Prints the ratios the issue asks for: build / floor at 1×,
validate / rdflib parse at 10× (and every scale). Writes bench/results/build.json.
"""

import argparse
import gc
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from benchlib import executable, fmt, rss_mb, run_measured, table, write_record
from graph.paths import DIST, LINKSETS, MANIFEST, TABLES

FLOOR_WRITERS = ("turtle", "nt", "json-ld", "xml")
FLOOR = (
    "import sys; from rdflib import Graph; g = Graph().parse(sys.argv[1], format='nt')\n"
    f"for f in {FLOOR_WRITERS!r}: g.serialize(format=f, encoding='utf-8')"
)


class PeakRss:
    """The peak resident memory above the start, sampled by a thread while the block runs."""

    def __enter__(self):
        self.start = self.peak = rss_mb()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.005)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, rss_mb())

    @property
    def grown_mib(self) -> float:
        return self.peak - self.start


def measured(name: str, call: Callable, found: dict, runs: int):
    """Run `call` `runs` times; record the best time and the largest peak under `name`; its last value."""
    best, peak, value = float("inf"), 0.0, None
    for _ in range(runs):
        value = None
        gc.collect()
        with PeakRss() as rss:
            start = time.perf_counter()
            value = call()
            best = min(best, time.perf_counter() - start)
        peak = max(peak, rss.grown_mib)
    found[name] = {"s": best, "peak_mib": peak}
    return value


def floor(nt: Path, found: dict, runs: int) -> None:
    """rdflib parsing the N-Triples file, then writing it in each of the four formats."""
    graph = measured("floor: rdflib parse", lambda: Graph().parse(nt, format="nt"), found, runs)
    for writer in FLOOR_WRITERS:
        measured(f"floor: rdflib write {writer}", lambda w=writer: graph.serialize(format=w), found, runs)


def build_steps(built, notice, links, out: Path, found: dict, runs: int, pyshacl: bool) -> None:
    """The build's steps after the join, on `built`."""
    from graph.build.checks import failed_checks
    from graph.build.export import ntriples_dumps, render
    from graph.build.publish import publish
    from graph.build.validate import validate

    written = measured("nt and nq dumps", lambda: ntriples_dumps(built), found, runs)
    graph = built.union
    measured("validate (rudof)", lambda: validate(graph, ntriples=written["nt"]), found, runs)
    if pyshacl:
        measured("validate (pyshacl)", lambda: validate(graph, engine="pyshacl"), found, 1)
    measured("checks", lambda: failed_checks(built, written["nq"]), found, runs)
    files = measured("serialise", lambda: render(built, notice, links, written), found, runs)
    measured("publish", lambda: publish(files, out), found, runs)


def real_build(out: Path, runs: int, pyshacl: bool) -> dict:
    from graph import iris
    from graph.build.assemble import build_sources
    from graph.inputs.documents import read_documents
    from graph.inputs.tables import load_all
    from graph.links.linksets import Linksets

    found: dict = {}
    notices, tables, links = measured(
        "parse", lambda: (read_documents(MANIFEST), load_all(TABLES), Linksets.load(LINKSETS)), found, runs
    )
    built = measured("join", lambda: build_sources(notices, tables, linksets=links), found, runs)
    build_steps(built, iris.document(notices[0].slug), links, out, found, runs, pyshacl)
    return {"triples": len(built.union), "steps": found}


def synthetic_build(nt: Path, out: Path, runs: int, pyshacl: bool) -> dict:
    from graph import iris
    from graph.build.assemble import Built
    from graph.inputs.manifest import primary
    from graph.links.linksets import Linksets

    found: dict = {}
    graph = measured("parse (rdflib, the synthetic nt)", lambda: Graph().parse(nt, format="nt"), found, 1)
    built = Built(graph, {iris.graph("synthetic"): graph})
    notice = iris.document(primary().slug)
    build_steps(built, notice, Linksets.load(LINKSETS), out, found, runs, pyshacl)
    return {"triples": len(graph), "steps": found}


def commands(scale: int, nt: Path, work: Path, runs: int) -> dict:
    """The floor, `duikou validate` (and at 1× `duikou build`) as child processes: best wall s, peak RSS."""
    duikou = executable("duikou")
    todo = [("floor (child process)", [sys.executable, "-c", FLOOR, str(nt)])]
    todo.append(("duikou validate", [duikou, "validate", str(nt)]))
    if scale == 1:
        todo.append(("duikou build", [duikou, "build", "--out", str(work / "cli-dist")]))
    found = {}
    for name, command in todo:
        times, peak, code, err = [], 0.0, 0, ""
        for _ in range(runs):
            code, seconds, rss, err = run_measured(command, timeout=1800)
            if code not in (0, 1):  # validate exits 1 on the synthetic graphs, which do not conform
                break
            times.append(seconds)
            peak = max(peak, rss)
        found[name] = {"s": min(times), "peak_rss_mib": peak} if times else {"error": f"exit {code}: {err}"}
    return found


def report(scale: int, result: dict, cli: dict) -> None:
    steps = result["steps"]
    print(f"\n{scale}×: {result['triples']} triples, in process (best time, peak RSS growth)\n")
    rows = [[name, fmt(m["s"], 3), fmt(m["peak_mib"], 0)] for name, m in steps.items()]
    print(table(["step", "s", "peak MiB"], rows))
    rows = [
        [name, fmt(m.get("s"), 2), fmt(m.get("peak_rss_mib"), 0)] if "error" not in m else [name, m["error"]]
        for name, m in cli.items()
    ]
    print()
    print(table(["command (child process)", "s", "peak RSS MiB"], rows))
    floor_s = sum(m["s"] for name, m in steps.items() if name.startswith("floor"))
    parse_s = steps["floor: rdflib parse"]["s"]
    ratios = []
    if "duikou build" in cli and "s" in cli["duikou build"]:
        build_s = sum(m["s"] for name, m in steps.items() if not name.startswith(("floor", "validate (py")))
        ratios.append(f"build in process / floor {build_s / floor_s:.1f}× (target ≤ 3×)")
        child_floor = cli["floor (child process)"].get("s")
        if child_floor:
            ratios.append(
                f"duikou build / floor as child processes {cli['duikou build']['s'] / child_floor:.1f}×"
            )
    if "s" in cli.get("duikou validate", {}):
        validate_s = cli["duikou validate"]["s"]
        ratios.append(f"duikou validate / rdflib parse {validate_s / parse_s:.1f}× (target ≤ 5× at 10×)")
    if "validate (pyshacl)" in steps:
        slower = steps["validate (pyshacl)"]["s"] / steps["validate (rudof)"]["s"]
        ratios.append(f"validate pySHACL / rudof {slower:.0f}×")
    print("\nfloor (parse + write 4 formats) " + fmt(floor_s, 2) + " s; " + "; ".join(ratios))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=None, help="default 1 10 100 (--quick: 1)")
    parser.add_argument(
        "--pyshacl-up-to", type=int, default=10, help="validate with pySHACL up to this scale"
    )
    parser.add_argument("--runs", type=int, default=2, help="runs of each step; the best counts (default 2)")
    parser.add_argument("--quick", action="store_true", help="1× only, one run, no pySHACL (< 1 min)")
    parser.add_argument("--out", type=Path, default=None, help="JSON file (default bench/results/build.json)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)
    scales = args.scales or ([1] if args.quick else [1, 10, 100])
    pyshacl_up_to = 0 if args.quick else args.pyshacl_up_to

    from synth import generate

    work = Path(tempfile.mkdtemp(prefix="duikou-bench-build-"))
    record = {}
    try:
        for scale in scales:
            cli_runs = runs if scale < 100 else 1
            if scale == 1:
                result = real_build(work / "inproc", runs, pyshacl_up_to >= 1)
                nt = work / "inproc" / "duikou.nt"
            else:
                nt = generate(DIST, work / f"synth-{scale}", scale) / "duikou.nt"
                result = synthetic_build(nt, work / f"out-{scale}", cli_runs, scale <= pyshacl_up_to)
            floor(nt, result["steps"], cli_runs)
            cli = commands(scale, nt, work, cli_runs)
            report(scale, result, cli)
            record[str(scale)] = {**result, "commands": cli}
            gc.collect()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    path = write_record("build", {"scales": record, "argv": sys.argv[1:]}, args.out)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
