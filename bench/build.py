"""Time each step of `duikou build` (parse, join, validate, serialise, publish) and its peak memory.

    python bench/build.py [--runs 3] [--quick] [--validate-scales 10 ...] [--out FILE]

In-process, each run does every step afresh from the sources; the table shows the first run (cold: imports
done, caches empty) and the best of --runs. One more run under tracemalloc gives each step's peak Python
allocation (tracemalloc slows code down, so its times are not used). Then the real commands run as child
processes: `duikou build --out TMP` and `duikou validate` on that build, timed end to end with their own
peak RSS (wait4). --validate-scales also validates synthetic graphs (bench/synth.py) at those scales, to
show how SHACL validation grows. Prints tables; writes bench/results/build.json.
"""

import argparse
import gc
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from rdflib import Graph

from benchlib import executable, fmt, peak_rss_mb, rss_mb, run_measured, table, write_record
from graph.paths import DIST, LINKSETS, MANIFEST, TABLES

STEPS = ("parse", "join", "validate", "serialise", "publish")


def one_build(out: Path, trace: bool = False) -> tuple[dict[str, float], dict[str, float], int]:
    """Run the build's steps once; seconds per step, peak traced MiB per step, triples."""
    from graph import iris
    from graph.build.assemble import build_graph
    from graph.build.export import render
    from graph.build.publish import publish
    from graph.build.validate import validate
    from graph.inputs.documents import read_documents
    from graph.inputs.tables import load_all
    from graph.links.linksets import Linksets

    seconds, peaks, state = {}, {}, {}

    def step(name, call):
        if trace:
            tracemalloc.reset_peak()
        start = time.perf_counter()
        state[name] = call()
        seconds[name] = time.perf_counter() - start
        if trace:
            peaks[name] = tracemalloc.get_traced_memory()[1] / 2**20

    step("parse", lambda: (read_documents(MANIFEST), load_all(TABLES), Linksets.load(LINKSETS)))
    notices, tables, links = state["parse"]
    step("join", lambda: build_graph(notices, tables, linksets=links))
    graph = state["join"]
    step("validate", lambda: validate(graph))
    if not state["validate"].conforms:
        raise SystemExit("the built graph does not conform; fix the build before timing it")
    step("serialise", lambda: render(graph, iris.document(notices[0].slug), links))
    step("publish", lambda: publish(state["serialise"], out))
    return seconds, peaks, len(graph)


def in_process(runs: int, work: Path) -> dict:
    timings, triples = [], 0
    for _ in range(runs):
        seconds, _, triples = one_build(work / "inproc")
        timings.append(seconds)
        gc.collect()
    tracemalloc.start()
    _, peaks, _ = one_build(work / "inproc", trace=True)
    tracemalloc.stop()
    steps = {
        name: {
            "first_s": timings[0][name],
            "best_s": min(t[name] for t in timings),
            "peak_traced_mib": peaks[name],
        }
        for name in STEPS
    }
    total = {"first_s": sum(timings[0].values()), "best_s": min(sum(t.values()) for t in timings)}
    return {
        "triples": triples,
        "runs": runs,
        "steps": steps,
        "total": total,
        "rss_mib": rss_mb(),
        "peak_rss_mib": peak_rss_mb(),
    }


def commands(runs: int, work: Path) -> dict:
    """`duikou build` and `duikou validate` as a user runs them: wall time (best, first) and peak RSS."""
    duikou = executable("duikou")
    out = work / "cli-dist"
    found = {}
    for name, command in (
        ("duikou build", [duikou, "build", "--out", str(out)]),
        ("duikou validate", [duikou, "validate", str(out / "duikou.nt")]),
    ):
        times, peak, code, err = [], 0.0, 0, ""
        for _ in range(runs):
            code, seconds, rss, err = run_measured(command, timeout=300)
            if code != 0:
                break
            times.append(seconds)
            peak = max(peak, rss)
        found[name] = (
            {"first_s": times[0], "best_s": min(times), "peak_rss_mib": peak, "runs": len(times)}
            if times
            else {"error": f"exit {code}: {err}"}
        )
    return found


def scaled_validation(scales: list[int], work: Path) -> dict:
    """pySHACL on synthetic graphs of the same shape: parse time, validation time, triples."""
    from synth import generate

    from graph.build.validate import validate

    found = {}
    for scale in scales:
        dist = generate(DIST, work / f"synth-{scale}", scale)
        start = time.perf_counter()
        graph = Graph().parse(dist / "duikou.nt", format="nt")
        parsed = time.perf_counter() - start
        start = time.perf_counter()
        report = validate(graph)
        found[str(scale)] = {
            "triples": len(graph),
            "parse_s": parsed,
            "validate_s": time.perf_counter() - start,
            "conforms": report.conforms,
        }
        del graph, report
        gc.collect()
    return found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each measure; the best counts (default 3)"
    )
    parser.add_argument(
        "--validate-scales",
        type=int,
        nargs="*",
        default=None,
        metavar="N",
        help="also validate synthetic graphs N times the size (default: 10; none with --quick)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="one run of each, no scaled validation (< 1 min)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="JSON file to write (default bench/results/build.json)"
    )
    args = parser.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)
    scales = args.validate_scales if args.validate_scales is not None else ([] if args.quick else [10])

    work = Path(tempfile.mkdtemp(prefix="duikou-bench-build-"))
    try:
        inproc = in_process(runs, work)
        cli = commands(runs, work)
        scaled = scaled_validation(scales, work) if scales else {}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"duikou build, in process: {inproc['triples']} triples, {runs} run(s); "
        f"first = cold, best of {runs}; "
        "peak = tracemalloc's peak of the step's Python allocations\n"
    )
    rows = [
        [name, fmt(s["first_s"], 3), fmt(s["best_s"], 3), fmt(s["peak_traced_mib"], 1)]
        for name, s in inproc["steps"].items()
    ]
    rows.append(["total", fmt(inproc["total"]["first_s"], 3), fmt(inproc["total"]["best_s"], 3), ""])
    print(table(["step", "first s", "best s", "peak MiB"], rows))
    print(
        f"\nprocess RSS after the runs {inproc['rss_mib']:.0f} MiB, peak {inproc['peak_rss_mib']:.0f} MiB\n"
    )
    rows = [
        [name, fmt(m.get("first_s"), 2), fmt(m.get("best_s"), 2), fmt(m.get("peak_rss_mib"), 0)]
        if "error" not in m
        else [name, m["error"][:60], "", ""]
        for name, m in cli.items()
    ]
    print(table(["command (child process)", "first s", "best s", "peak RSS MiB"], rows))
    if scaled:
        print("\nSHACL validation of synthetic graphs of the same shape (bench/synth.py):\n")
        base = inproc["steps"]["validate"]["best_s"]
        rows = [["1", str(inproc["triples"]), "-", fmt(base, 2), "1.0×"]]
        for scale, m in scaled.items():
            rows.append(
                [
                    scale,
                    str(m["triples"]),
                    fmt(m["parse_s"], 2),
                    fmt(m["validate_s"], 2),
                    f"{m['validate_s'] / base:.1f}×" + ("" if m["conforms"] else " (does not conform)"),
                ]
            )
        print(table(["scale", "triples", "rdflib parse s", "validate s", "vs 1×"], rows))
    path = write_record(
        "build",
        {"in_process": inproc, "commands": cli, "scaled_validation": scaled, "argv": sys.argv[1:]},
        args.out,
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
