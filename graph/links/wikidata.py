"""Reconcile our divisions and units with Wikidata items, and say how sure each link is.

Divisions are looked up by their code (P442, China administrative division code); units by their Chinese
name (rdfs:label @zh, full name or the notice's form) among items that are instances (P31, or a subclass
through P279) of an accepted class (`graph/linksets/wikidata-classes.csv`). One item → `verified`; two or
more → `ambiguous`, listed for review and not linked; none → `missing`, or `conflict` when an item has our
name but another code (or none of the accepted classes). Seeds, the identifiers the reference README
already knows, stay `unverified-seed` until a run confirms them; a run that finds another item, or none,
says so. What is asked, and the answers, are graph.links.wikidata_queries.

Only `verified` rows become links, as skos:exactMatch rather than owl:sameAs: an item and our resource
describe the same division or organisation, but Wikidata's statements about it (other names and codes over
time, predecessor bodies merged into one item, its own labels) are not ours to assert, and owl:sameAs
would make every one of them a statement about our resource.
"""

import re
from collections.abc import Callable

from graph.links.wikidata_client import CachedClient
from graph.links.wikidata_queries import Answers, Subject, ask, plan
from graph.paths import REFERENCE_README, relative


def seeds_from_readme(path=REFERENCE_README) -> dict[str, str]:
    """The Wikidata identifiers the reference README lists as known ("江西省 Q57052, …"), by Chinese name."""
    text = path.read_text(encoding="utf-8")
    start = text.find("Known Wikidata identifiers")
    if start < 0:
        return {}
    end = text.find("\n- ", start)
    block = text[start : end if end > 0 else len(text)]
    return dict(re.findall(r"([\u4e00-\u9fff]+) (Q[1-9][0-9]*)", block))


def decide(subject: Subject, answers: Answers) -> dict[str, str]:
    """The linkset row for one subject, from the answers alone (seeds are weighed in `with_seed`)."""
    row = {
        "subject": subject.iri,
        "kind": subject.kind,
        "name_zh": subject.name_zh,
        "key": subject.key,
        "qid": "",
        "label": "",
        "candidates": "",
        "evidence": "",
    }
    if subject.kind == "division":
        row["retrieved"] = max(
            answers.retrieved.get(subject.key, ""), answers.retrieved.get(subject.name_zh, "")
        )
        row["method"] = "P442"
        items = answers.by_code.get(subject.key, {})
        if len(items) == 1:
            ((qid, label),) = items.items()
            return {
                **row,
                "status": "verified",
                "qid": qid,
                "label": label,
                "evidence": f"P442 {subject.key}",
            }
        if items:
            return {
                **row,
                "status": "ambiguous",
                "candidates": " ".join(sorted(items, key=_number)),
                "evidence": f"{len(items)} items have P442 {subject.key}",
            }
        named = answers.by_name.get(subject.name_zh, {})
        nearby = {q: c for q, codes in named.items() for c in codes if c.startswith(subject.parent_prefix)}
        if nearby:
            return {
                **row,
                "status": "conflict",
                "candidates": " ".join(sorted(nearby, key=_number)),
                "evidence": f"no item has P442 {subject.key}; item(s) named {subject.name_zh} have P442 "
                + ", ".join(f"{q} {c}" for q, c in sorted(nearby.items())),
            }
        return {
            **row,
            "status": "missing",
            "evidence": f"no item has P442 {subject.key}"
            + (
                f"; items named {subject.name_zh} elsewhere: {' '.join(sorted(named, key=_number))}"
                if named
                else ""
            ),
        }
    row["retrieved"] = max((answers.retrieved.get(n, "") for n in subject.names), default="")
    row["method"] = "zh-label+P31"
    found: dict[str, tuple[str, set[str]]] = {}
    for name in subject.names:
        for qid, classes in answers.by_label.get(name, {}).items():
            label, known = found.get(qid, (name, set()))
            found[qid] = (label, known | classes)
    typed = {q: v for q, v in found.items() if v[1]}
    if len(typed) == 1:
        ((qid, (label, classes)),) = typed.items()
        return {
            **row,
            "status": "verified",
            "qid": qid,
            "label": label,
            "evidence": f"label {label}@zh; P31/P279* {' '.join(sorted(classes, key=_number))}",
        }
    if typed:
        return {
            **row,
            "status": "ambiguous",
            "candidates": " ".join(sorted(typed, key=_number)),
            "evidence": f"{len(typed)} items with the name and an accepted class",
        }
    if found:
        return {
            **row,
            "status": "conflict",
            "candidates": " ".join(sorted(found, key=_number)),
            "evidence": "item(s) with the name, none an instance of an accepted class",
        }
    return {**row, "status": "missing", "evidence": f"no item labelled {' or '.join(subject.names)}@zh"}


def _number(qid: str) -> int:
    return int(qid[1:])


def with_seed(row: dict[str, str], seed: str | None) -> dict[str, str]:
    """Weigh a seed from the README against what the run found."""
    if not seed:
        return row
    if row["status"] == "verified" and row["qid"] == seed:
        return {
            **row,
            "evidence": row["evidence"] + f"; confirms the seed {seed} from {relative(REFERENCE_README)}",
        }
    if row["status"] == "verified":
        return {
            **row,
            "status": "conflict",
            "qid": "",
            "label": "",
            "candidates": f"{row['qid']} {seed}",
            "evidence": row["evidence"] + f" is {row['qid']}, but {relative(REFERENCE_README)} gives {seed}",
        }
    candidates = sorted(set(row["candidates"].split()) | {seed}, key=_number)
    return {
        **row,
        "candidates": " ".join(candidates),
        "evidence": row["evidence"] + f"; the seed {seed} from {relative(REFERENCE_README)} is not confirmed",
    }


def seed_rows(subjects: list[Subject], seeds: dict[str, str]) -> list[dict[str, str]]:
    """The linkset before any run: one `unverified-seed` row per known identifier."""
    rows = []
    for s in subjects:
        if s.kind == "division" and s.name_zh in seeds:
            rows.append(
                {
                    "subject": s.iri,
                    "kind": s.kind,
                    "name_zh": s.name_zh,
                    "key": s.key,
                    "status": "unverified-seed",
                    "qid": seeds[s.name_zh],
                    "label": "",
                    "method": "seed",
                    "candidates": "",
                    "retrieved": "",
                    "source": relative(REFERENCE_README),
                    "evidence": f"{relative(REFERENCE_README)}: {s.name_zh} {seeds[s.name_zh]}, seen in a "
                    "public source; not yet confirmed by a run",
                }
            )
    return rows


def reconcile(
    subjects: list[Subject],
    client: CachedClient,
    classes: list[str],
    seeds: dict[str, str],
    batch: int = 50,
    progress: Callable = lambda items: items,
) -> list[dict[str, str]]:
    """Run the reconciliation end to end: one linkset row per subject, in the order given."""
    answers = ask(client, plan(subjects, classes, batch), progress)
    rows = []
    for s in subjects:
        row = with_seed(decide(s, answers), seeds.get(s.name_zh) if s.kind == "division" else None)
        rows.append({**row, "source": client.endpoint})
    return _no_shared_items(rows)


def _no_shared_items(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Two of ours verified as the same item cannot both be right: both become conflicts."""
    owners: dict[str, list[str]] = {}
    for row in rows:
        if row["status"] == "verified":
            owners.setdefault(row["qid"], []).append(row["name_zh"])
    shared = {q for q, names in owners.items() if len(names) > 1}
    return [
        {
            **r,
            "status": "conflict",
            "qid": "",
            "candidates": r["qid"],
            "evidence": r["evidence"]
            + f"; {r['qid']} also matches {', '.join(n for n in owners[r['qid']] if n != r['name_zh'])}",
        }
        if r["status"] == "verified" and r["qid"] in shared
        else r
        for r in rows
    ]


PARENT_PREFIX = {"province": 0, "city": 2, "county": 4}


def subjects_from(units: list, divisions: list) -> list[Subject]:
    """Our divisions (the `matched` rows of the divisions linkset), then units (the units table)."""
    from graph import iris

    subjects = [
        Subject(
            row["subject"],
            "division",
            row["name_zh"],
            row["code"],
            parent_prefix=row["code"][: PARENT_PREFIX[row["level"]]],
        )
        for row in divisions
        if row["status"] == "matched"
    ]
    for row in units:
        names = tuple(dict.fromkeys((row["name_zh"], row["name_in_notice"])))
        subjects.append(
            Subject(str(iris.unit(row["slug"])), "unit", row["name_zh"], row["slug"], names=names)
        )
    return subjects
