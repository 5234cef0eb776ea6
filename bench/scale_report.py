"""What bench/scale.py prints from its records: the curve of each figure over the scales and how it
grows, the named queries and pages at each scale, the slowest, and the issue's targets met or missed."""

import statistics
from itertools import pairwise

from benchlib import fmt, table

# -- the curve --------------------------------------------------------------------------------------------


def step(a, b) -> str:
    return f"{b / a:.1f}×" if a and b else "-"


def growth(values: list) -> str:
    """The factor from each value to the next, e.g. '9.8× 10.1×'."""
    steps = [f"{b / a:.1f}×" if a and b else "-" for a, b in pairwise(values)]
    return " ".join(steps)


def cold_median(record: dict) -> float | None:
    """The p50 of every cold entity page (each class asked equally often), when all answered."""
    answered = all(200 <= p["status"] < 300 for p in record.get("pages", {}).values())
    return record["cold_all"]["p50_ms"] if answered and "cold_all" in record else None


def warm_median(record: dict) -> float | None:
    values = [p["warm_p50_ms"] for p in record.get("pages", {}).values() if 200 <= p["status"] < 300]
    return statistics.median(values) if values else None


def curve(records: list[dict]) -> str:
    columns = [
        "scale",
        "triples",
        "gen s",
        "load s",
        "Mtriples/s",
        "RSS MiB",
        "B/triple",
        "app start s",
        "warm s",
        "queries p50 median",
        "p50 max",
        "first page ms",
        "first 404 ms",
        "entity cold p50",
        "entity cold p99",
        "entity warm p50",
        "home first ms",
        "home warm",
    ]
    rows, series = [], {c: [] for c in columns}
    ok = [r for r in records if "error" not in r]
    common = [
        n for n in (ok[0]["queries"] if ok else {}) if all("p50_ms" in r["queries"].get(n, {}) for r in ok)
    ]
    for r in records:
        if "error" in r:
            rows.append([str(r["scale"]), r["error"][:60]] + [""] * (len(columns) - 2))
            continue
        p50s = sorted(r["queries"][n]["p50_ms"] for n in common)
        added = r["rss_loaded_mib"] - r["rss_start_mib"]
        first, home = r.get("first_page", {}), r.get("home", {})
        values = {
            "triples": r["triples"],
            "gen s": r.get("gen_s"),
            "load s": r["load_s"],
            "Mtriples/s": r["triples"] / r["load_s"] / 1e6,
            "RSS MiB": r["rss_loaded_mib"],
            "B/triple": added * 2**20 / r["triples"],
            "app start s": r.get("app_start_s"),
            "warm s": r.get("warm_s"),
            "queries p50 median": statistics.median(p50s) if p50s else None,
            "p50 max": p50s[-1] if p50s else None,
            "first page ms": first["s"] * 1000 if first else None,
            "first 404 ms": max(r["first_404"].values()) * 1000 if r.get("first_404") else None,
            "entity cold p50": cold_median(r),
            "entity cold p99": r["cold_all"]["p99_ms"] if cold_median(r) is not None else None,
            "entity warm p50": warm_median(r),
            "home first ms": home.get("first_ms"),
            "home warm": home.get("warm_p50_ms"),
        }
        digits = {"triples": 0, "RSS MiB": 0, "B/triple": 0}
        rows.append([str(r["scale"])] + [fmt(values[c], digits.get(c, 2)) for c in columns[1:]])
        for c in columns[1:]:
            series[c].append(values[c])
    scales = [r["scale"] for r in records if "error" not in r]
    for i in range(1, len(scales)):  # one row per step: each column's factor from the scale before
        rows.append(
            [f"×{scales[i]}/{scales[i - 1]}"]
            + ["" if c == "gen s" else step(series[c][i - 1], series[c][i]) for c in columns[1:]]
        )
    return table(columns, rows)


def per_query(records: list[dict]) -> str:
    ok = [r for r in records if "error" not in r]
    names = list(ok[0]["queries"]) if ok else []
    columns = ["query"] + [f"{r['scale']}× p50" for r in ok] + ["growth/step"]
    rows = []
    for name in names:
        cells = [r["queries"].get(name, {}) for r in ok]
        values = [c.get("p50_ms") for c in cells]
        rows.append(
            [name]
            + [
                fmt(v, 2) if v is not None else c.get("error", "-")[:16]
                for v, c in zip(values, cells, strict=True)
            ]
            + [growth(values)]
        )
    return table(columns, rows)


def per_page(records: list[dict]) -> str:
    ok = [r for r in records if "error" not in r]
    classes = next((list(r["pages"]) for r in ok if r.get("pages")), [])
    columns = ["page"] + [f"{r['scale']}× cold p50/p99/warm ms" for r in ok] + ["cold growth/step"]

    def cell(c: dict | None) -> str:
        if not c:
            return "-"
        if "error" in c:
            return c["error"]
        if not 200 <= c["status"] < 300:
            return f"HTTP {c['status']}"
        return (
            f"{c['cold_p50_ms']:.2f}/{c['cold_p99_ms']:.1f}/{c['warm_p50_ms']:.2f}"
            if "cold_p50_ms" in c
            else f"{c['first_ms']:.1f}/{c['warm_p50_ms']:.2f}"
        )

    rows = []
    for cls in classes:
        cells = [r.get("pages", {}).get(cls) for r in ok]
        rows.append([cls] + [cell(c) for c in cells] + [growth([c and c.get("cold_p50_ms") for c in cells])])
    homes = [r.get("home") for r in ok]
    everything = [r.get("cold_all") for r in ok]
    rows.append(
        ["all classes"]
        + [f"{c['p50_ms']:.2f}/{c['p99_ms']:.1f}/-" if c else "-" for c in everything]
        + [growth([c and c["p50_ms"] for c in everything])]
    )
    rows.append(
        ["home (first/warm)"] + [cell(h) for h in homes] + [growth([h and h.get("first_ms") for h in homes])]
    )
    errors = [f"{r['scale']}×: {r['pages_error']}" for r in ok if "pages_error" in r]
    return table(columns, rows) + ("\n" + "\n".join(errors) if errors else "")


def slowest(record: dict) -> str:
    """The class whose cold p50 is the highest, with it."""
    cls, page = max(record["pages"].items(), key=lambda item: item[1]["cold_p50_ms"])
    return f"{cls} {page['cold_p50_ms']:.1f} ms"


def verdicts(records: list[dict]) -> list[dict]:
    top = next((r for r in records if r["scale"] == 1000 and "error" not in r), None)
    if top is None:
        return [{"target": "1000× scale", "met": False, "figure": "not measured (use --max-scale 1000)"}]
    cold = cold_median(top)
    return [
        {
            "target": "1000× loads in < 15 s",
            "met": top["load_s"] < 15,
            "figure": f"{top['load_s']:.1f} s for {top['triples']:,} triples",
        },
        {
            "target": "1000× entity pages p50 ≤ 5 ms",
            "met": cold is not None and cold <= 5,
            "figure": (
                f"cold p50 {cold:.2f} ms, p99 {top['cold_all']['p99_ms']:.1f} ms over "
                f"{top['cold_all']['n']} pages of {len(top['pages'])} classes (slowest class: "
                f"{slowest(top)}); warm {warm_median(top):.2f} ms; "
                f"a new worker's first page {top['first_page']['s'] * 1000:.0f} ms"
            )
            if cold is not None
            else top.get("pages_error", "no page answered"),
        },
        {
            "target": "1000× warm-up ≤ 10 s beyond the load",
            "met": top.get("warm_s") is not None and top["warm_s"] <= 10,
            "figure": f"{top['warm_s']:.1f} s (load {top['load_s']:.1f} s)"
            if top.get("warm_s")
            else "not measured",
        },
        {
            "target": "1000× first 404 (with suggestions) as fast as a page",
            "met": bool(top.get("first_404"))
            and cold is not None
            and max(top["first_404"].values()) * 1000 <= max(5, cold),
            "figure": ", ".join(f"{path} {s * 1000:.1f} ms" for path, s in top.get("first_404", {}).items()),
        },
    ]
