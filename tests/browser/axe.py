"""Run axe-core (bundled in axe-playwright-python) in a page; keep a per-page summary for the report."""

import json

IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = ("critical", "serious")
SUMMARY: dict[str, dict] = {}
# Every rule axe runs by default, plus one it keeps experimental: a control's name contains its visible words.
OPTIONS = {
    "resultTypes": ["violations", "incomplete"],
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}


def audit(page, label: str | None = None) -> list[dict]:
    """The axe violations of the page as it is now; recorded in SUMMARY under `label` when given."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options=OPTIONS).response
    violations = response["violations"]
    if label is None:
        return violations
    counts = dict.fromkeys(IMPACTS, 0)
    for violation in violations:
        counts[violation["impact"] or "minor"] += len(violation["nodes"])
    SUMMARY[label] = {
        "url": page.url,
        "nodes": counts,
        "rules_passed": len(response["passes"]),
        "rules": sorted(f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in violations),
        "nodes_by_rule": {v["id"]: [" ".join(map(str, n["target"])) for n in v["nodes"]] for v in violations},
        "needs_review": {v["id"]: len(v["nodes"]) for v in response["incomplete"]},
    }
    return violations


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    """Each violation with its rule id, impact and every node (selector, HTML), for an assertion message."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.extend(
                f"      - {check['message']}" for kind in ("any", "all", "none") for check in node[kind]
            )
    return "\n".join(lines)


def summary_lines() -> list[str]:
    """A table of violation nodes per page and impact, then the rules broken or undecided on each page."""
    if not SUMMARY:
        return []
    lines = [f"{'page':<22} " + " ".join(f"{impact:>9}" for impact in IMPACTS) + "  rules passed"]
    for label, entry in sorted(SUMMARY.items()):
        lines.append(
            f"{label:<22} "
            + " ".join(f"{entry['nodes'][impact]:>9}" for impact in IMPACTS)
            + f"  {entry['rules_passed']:>12}"
        )
    for label, entry in sorted(SUMMARY.items()):
        if entry["rules"]:
            lines.append(f"{label}: {', '.join(entry['rules'])}")
        if entry["needs_review"]:
            review = ", ".join(f"{rule} ({count})" for rule, count in sorted(entry["needs_review"].items()))
            lines.append(f"{label}: axe could not decide (check by eye): {review}")
    return lines


def save(path) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(SUMMARY, indent=2, ensure_ascii=False), encoding="utf-8")
