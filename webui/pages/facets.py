"""Facets over the rows of one browse query: filter by the chosen values, count the others. No Flask here.

Each facet reads one column of the rows (a division code, or an IRI whose last segment is the value
people type: `category=national-bureau`). A facet's counts apply every other chosen facet, so each
count says how many items that value would leave.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    column: str  # the column holding the value (a code, or an IRI)
    label: str  # the column holding the value's label
    title: str  # the i18n key of the facet's heading


FACETS = {
    facet.name: facet
    for facet in (
        Facet("province", "provinceCode", "provinceLabel", "browse.facet.province"),
        Facet("city", "cityCode", "cityLabel", "browse.facet.city"),
        Facet("category", "category", "categoryLabel", "browse.facet.category"),
        Facet("county-type", "countyType", "countyTypeLabel", "browse.facet.county-type"),
        Facet("scheme", "scheme", "schemeLabel", "browse.facet.scheme"),
    )
}


def key_of(value) -> str:
    """The value of a facet as a parameter: a code as it is, an IRI by its last path segment."""
    text = str(value)
    return text.rsplit("/", 1)[-1] if text.startswith(("http://", "https://")) else text


def items_of(rows: list[dict]) -> list[dict]:
    """One entry per item (the first row that names it), with the set of keys it has for each facet."""
    items: dict[str, dict] = {}
    for row in rows:
        entry = items.setdefault(str(row["item"]), {"row": row, "keys": {}})
        for facet in FACETS.values():
            if facet.column in row:
                entry["keys"].setdefault(facet.name, set()).add(key_of(row[facet.column]))
    return list(items.values())


def matches(item: dict, chosen: dict[str, str], skip: str | None = None) -> bool:
    return all(value in item["keys"].get(name, ()) for name, value in chosen.items() if name != skip)


def known_values(rows: list[dict], facet: Facet) -> dict[str, str]:
    """Every value the facet takes in the rows, with its label: {key: label}."""
    return {
        key_of(row[facet.column]): str(row.get(facet.label, key_of(row[facet.column])))
        for row in rows
        if facet.column in row
    }


def facet_counts(
    items: list[dict], rows: list[dict], names: tuple[str, ...], chosen: dict[str, str]
) -> list[dict]:
    """For each facet, its options: values with labels and counts under the other chosen facets."""
    result = []
    for name in names:
        facet = FACETS[name]
        counts: dict[str, int] = {}
        for item in items:
            if matches(item, chosen, skip=name):
                for key in item["keys"].get(name, ()):
                    counts[key] = counts.get(key, 0) + 1
        labels = known_values(rows, facet)
        ordered = sorted(labels, key=lambda key: (-counts.get(key, 0), key))  # most common first
        values = [
            {"key": key, "label": labels[key], "count": counts.get(key, 0), "chosen": chosen.get(name) == key}
            for key in ordered
        ]
        result.append({"name": name, "title": facet.title, "options": values})
    return result


def select(items: list[dict], chosen: dict[str, str]) -> list[dict]:
    """The rows of the items that have every chosen value."""
    return [item["row"] for item in items if matches(item, chosen)]
