"""The unit categories as the home diagram and the tile map mark them: one letter and one colour each, so
that both pictures, and every page that shows a slice of the map, agree on what a colour means."""

LETTERS, COLOURS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 12  # colours: .cat-1 … .cat-12 in diagram.css, tilemap.css


def text(row: dict, key: str) -> str:
    return str(row.get(key, ""))


def legend_of(rows: list[dict]) -> list[dict]:
    """The unit categories, largest first, each with a letter as its text mark and a colour number."""
    legend: dict[str, dict] = {}
    for row in rows:
        if "category" in row:
            entry = legend.setdefault(
                str(row["category"]),
                {"iri": row["category"], "count": 0, "label": text(row, "categoryLabel")},
            )
            entry["count"] += 1
    ordered = sorted(legend.values(), key=lambda entry: (-entry["count"], str(entry["iri"])))
    for number, entry in enumerate(ordered):
        entry["mark"], entry["colour"] = LETTERS[number % len(LETTERS)], number % COLOURS + 1
    return ordered
