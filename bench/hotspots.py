"""Where a request's time goes: profile one URL of the app in process (test client) with cProfile.

    python bench/hotspots.py PATH [PATH ...] [--dist dist/] [--requests 200] [--accept text/html] [--top 25]
                             [--quick] [--out FILE]

For each PATH (e.g. `/page/unit/mof`, `/sparql?query=…`), one request first (its status and time, which
may include the app's one-time work), then --requests more under cProfile. Prints the mean time per
request and the functions with the most cumulative time; writes bench/results/hotspots.json. Forked
children (the /sparql sandbox) are not profiled: their cost shows as the time spent waiting for them.
"""

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

from benchlib import write_record
from graph.paths import DIST


def profile(client, path: str, headers: dict, requests: int, top: int) -> dict:
    start = time.perf_counter()
    first = client.get(path, headers=headers)
    first.get_data()
    first_s = time.perf_counter() - start
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for _ in range(requests):
        client.get(path, headers=headers).get_data()
    profiler.disable()
    mean_ms = (time.perf_counter() - start) / requests * 1000
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).sort_stats("cumulative")
    stats.print_stats(top)
    rows = []
    for (filename, line, name), (_, calls, _, cumulative, _) in sorted(
        stats.stats.items(), key=lambda item: -item[1][3]
    )[:top]:
        rows.append(
            {
                "function": f"{Path(filename).name}:{line}({name})",
                "calls": calls,
                "cumulative_ms_per_request": cumulative / requests * 1000,
            }
        )
    return {
        "path": path,
        "status": first.status_code,
        "first_ms": first_s * 1000,
        "mean_ms_profiled": mean_ms,
        "top": rows,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", metavar="PATH", help="paths to ask for, with their query string")
    parser.add_argument("--dist", type=Path, default=DIST, help="the build the app serves (default dist/)")
    parser.add_argument("--requests", type=int, default=200, help="profiled requests per path (default 200)")
    parser.add_argument("--accept", default="text/html", help="the Accept header (default text/html)")
    parser.add_argument("--top", type=int, default=25, help="functions to list (default 25)")
    parser.add_argument("--quick", action="store_true", help="20 requests per path")
    parser.add_argument(
        "--out", type=Path, default=None, help="JSON file (default bench/results/hotspots.json)"
    )
    args = parser.parse_args(argv)
    requests = 20 if args.quick else args.requests

    from webui import create_app

    client = create_app({"DIST": str(args.dist)}).test_client()
    headers = {"Accept": args.accept, "Accept-Encoding": "gzip"}
    found = []
    for path in args.paths:
        result = profile(client, path, headers, requests, args.top)
        found.append(result)
        print(
            f"{path}: status {result['status']}, first request {result['first_ms']:.1f} ms, then "
            f"{result['mean_ms_profiled']:.2f} ms per request under cProfile ({requests} requests)\n"
        )
        print(f"{'cumulative ms/request':>22}  {'calls':>8}  function")
        for row in result["top"]:
            print(f"{row['cumulative_ms_per_request']:>22.3f}  {row['calls']:>8}  {row['function']}")
        print()
    path = write_record(
        "hotspots",
        {"dist": str(args.dist), "requests": requests, "paths": found, "argv": sys.argv[1:]},
        args.out,
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
