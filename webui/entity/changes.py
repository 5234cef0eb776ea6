"""What a unit's or organisation's page says of what happened to it after the notice: each change it was the
original or resulting organisation of, with its date, what changed and its sources, and the categories the
changes began (one named query, `entity-changes`, bound to the page's IRI)."""

from webui import data
from webui.entity.page import EntityPage, Value


def labelled(row: dict, key: str) -> Value:
    """The term in column `key`, named by its label column (`keyLabel`), else by itself."""
    return Value(row[key], str(row.get(f"{key}Label", row[key])))


def changes(page: EntityPage) -> dict:
    """The page's changes in date order, each once (a change whose original and resulting organisation are
    both this one is listed as its original), and its category periods, each with its sources."""
    found: dict[str, dict] = {}
    periods: dict[str, dict] = {}
    for r in data.rows("entity-changes", iri=page.entry.iri):
        if str(r["kind"]) == "period":
            item = periods.setdefault(
                str(r["period"]),
                {
                    "category": labelled(r, "category"),
                    "start": str(r["start"]),
                    "change": labelled(r, "change"),
                    "sources": [],
                },
            )
        else:
            item = found.setdefault(
                str(r["change"]),
                {
                    "change": labelled(r, "change"),
                    "role": str(r["role"]),
                    "other": labelled(r, "other") if "other" in r else None,
                    "date": str(r["date"]),
                    "date_kind": str(r.get("dateKindLabel", "")),
                    "date_note": str(r.get("dateNote", "")),
                    "description": str(r.get("description", "")),
                    "sources": [],
                },
            )
        if "source" in r and all(str(s["source"].term) != str(r["source"]) for s in item["sources"]):
            source = Value(r["source"], str(r.get("sourceTitle", r["source"])))
            item["sources"].append({"source": source, "date": str(r.get("sourceDate", ""))})
    return {
        "changes": sorted(found.values(), key=lambda c: (c["date"], str(c["change"].term))),
        "periods": sorted(periods.values(), key=lambda p: p["start"]),
    }
