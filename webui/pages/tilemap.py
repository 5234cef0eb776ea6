"""Where the recipient counties are, without a map: one equal square per county, hand-placed on a grid that
keeps their rough relative positions, grouped and outlined by city, coloured by the category of the units
that support it.

No boundary is drawn (a published map of China needs an approval number, and the programme needs no
borders): the placement is a reviewed table, `tile-map.csv` beside this module (one row per county: its
division code, column and row), and `tile-map-cities.csv` (where each city's name is written). Every other
word on the map comes from the graph, through the home page's `home-programme` and `home-leads` rows.
This module only computes the geometry; `pages/_tilemap.html` draws it as inline SVG.
"""

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from webui import data
from webui.pages.categories import legend_of, text

HERE = Path(__file__).parent
TILES, CITIES = HERE / "tile-map.csv", HERE / "tile-map-cities.csv"
CELL, INSET, MARGIN = 64, 3, 4  # a grid cell, the gap around a tile in it, the margin of the picture
SIZE = CELL - 2 * INSET  # a tile's side
FITS, LARGEST, SMALLEST = SIZE - 6, 17.0, 12.0  # the width a name may take in a tile; its font sizes
CITY_FONT = {"zh": 15, "en": 12}  # a city's name, squeezed to its empty cell when longer (Sanming City)
SUFFIXES = {"zh": ("县", "区", "市"), "en": (" County", " District", " City")}
SIDES = ((0, -1), (1, 0), (0, 1), (-1, 0))  # up, right, down, left


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    city: str  # the city's division code
    col: int
    row: int


@lru_cache(maxsize=1)
def placements() -> dict[str, Place]:
    """Each county's cell, by division code, as the reviewed table gives it."""
    with TILES.open(encoding="utf-8", newline="") as file:
        return {
            row["code"]: Place(row["code"], row["city_code"], int(row["col"]), int(row["row"]))
            for row in csv.DictReader(file)
        }


@lru_cache(maxsize=1)
def city_cells() -> dict[str, tuple[int, int]]:
    """The cell where each city's name is written, by its division code."""
    with CITIES.open(encoding="utf-8", newline="") as file:
        return {row["city_code"]: (int(row["col"]), int(row["row"])) for row in csv.DictReader(file)}


def short_name(label: str, lang: str, keep: str = "") -> str:
    """瑞金市 → 瑞金, Ruijin City → Ruijin; unless too little is left or it would read as `keep` (吉安县)."""
    for suffix in SUFFIXES.get(lang, ()):
        stem = label.removesuffix(suffix)
        if stem != label and len(stem) >= 2 and stem != keep:
            return stem
    return label


def width_em(label: str) -> float:
    """About how wide `label` is, in em: Chinese characters are about 1 em wide, bold Latin letters 0.68."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.68 for ch in label) or 1.0


def font_size(label: str) -> float:
    """A size at which `label` fits a tile, or is squeezed to fit (a Latin name, see `squeeze`) and stays
    readable on a phone, where the tile is about 35 px wide."""
    return round(min(LARGEST, max(SMALLEST, FITS / width_em(label))), 1)


def squeeze(label: str) -> int | None:
    """The width to squeeze `label` into (SVG textLength) when it is too long at its font size, else None."""
    return FITS if width_em(label) * font_size(label) > FITS else None


@dataclass
class Tile:
    """One county's square: where, its name, its units and the colours of their categories."""

    iri: str
    code: str
    label: str
    short: str
    city: dict
    col: int
    row: int
    units: list[dict] = field(default_factory=list)

    @property
    def x(self) -> int:
        return MARGIN + self.col * CELL + INSET

    @property
    def y(self) -> int:
        return MARGIN + self.row * CELL + INSET

    @property
    def categories(self) -> list[dict]:
        """The distinct categories of its units, in the legend's order (one colour band each)."""
        found = {u["category"]["iri"]: u["category"] for u in self.units if u["category"]}
        return sorted(found.values(), key=lambda c: c["colour"])

    @property
    def bands(self) -> list[tuple[float, float, dict]]:
        """(x, width, category) of each colour band: the tile split evenly between its categories."""
        found = self.categories or [{"colour": 0, "mark": "", "label": ""}]
        width = SIZE / len(found)
        return [(round(self.x + i * width, 2), round(width, 2), c) for i, c in enumerate(found)]

    @property
    def font(self) -> float:
        return font_size(self.short)

    @property
    def squeeze(self) -> int | None:
        return squeeze(self.short)


def outline(cells: set[tuple[int, int]]) -> str:
    """An SVG path along the outer edges of a group of cells (no edge between two of its own cells)."""
    parts = []
    for col, row in sorted(cells):
        x, y = MARGIN + col * CELL, MARGIN + row * CELL
        for dx, dy in SIDES:
            if (col + dx, row + dy) in cells:
                continue
            if dy:  # a horizontal edge, on top (dy = -1) or at the bottom
                edge_y = y if dy < 0 else y + CELL
                parts.append(f"M{x} {edge_y}h{CELL}")
            else:
                edge_x = x if dx < 0 else x + CELL
                parts.append(f"M{edge_x} {y}v{CELL}")
    return "".join(parts)


def build(pairings: list[dict], leads: list[dict], lang: str, within: str | None = None) -> dict:
    """The map of the pairings' counties (those of the city or province `within` only, if given): its
    tiles, the cities' outlines and names, the legend of the categories it shows and its viewBox."""
    legend = legend_of(pairings + leads)
    marks = {str(entry["iri"]): entry for entry in legend}
    places, tiles = placements(), {}
    cities: dict[str, dict] = {}
    for row in pairings:
        code = text(row, "code")
        if code not in places or (within and within not in (text(row, "city"), text(row, "province"))):
            continue
        city = cities.setdefault(
            text(row, "city"),
            {"iri": row["city"], "label": text(row, "cityLabel"), "code": text(row, "cityCode")},
        )
        if code not in tiles:
            label, place = text(row, "countyLabel"), places[code]
            keep = short_name(city["label"], lang)
            tiles[code] = Tile(
                text(row, "county"), code, label, short_name(label, lang, keep), city, place.col, place.row
            )
        tiles[code].units.append(
            {
                "label": text(row, "unitLabel"),
                "short": text(row, "nameInNotice"),
                "category": marks.get(text(row, "category")),
            }
        )
    ordered = sorted(tiles.values(), key=lambda tile: (tile.row, tile.col))
    groups = []
    for city in sorted(cities.values(), key=lambda c: c["code"]):
        cells = {(t.col, t.row) for t in ordered if t.city is city}
        name_cell = city_cells().get(city["code"])
        groups.append(
            {
                **city,
                "outline": outline(cells),
                "name_at": centre(name_cell) if name_cell else None,
                "font": CITY_FONT[lang],
                "squeeze": CELL - 2 * INSET
                if width_em(city["label"]) * CITY_FONT[lang] > CELL - 2 * INSET
                else None,
            }
        )
    shown = {c["iri"] for tile in ordered for c in tile.categories}
    return {
        "tiles": ordered,
        "cities": groups,
        "legend": [entry for entry in legend if entry["iri"] in shown],
        "view_box": view_box(ordered, [city_cells().get(c["code"]) for c in groups]),
        "cell": CELL,
        "size": SIZE,
    }


def centre(cell: tuple[int, int]) -> tuple[int, int]:
    col, row = cell
    return MARGIN + col * CELL + CELL // 2, MARGIN + row * CELL + CELL // 2


def view_box(tiles: list[Tile], name_cells: list) -> str:
    """The smallest box around the tiles and the cities' names, with the margin."""
    cells = [(t.col, t.row) for t in tiles] + [cell for cell in name_cells if cell]
    if not cells:
        return "0 0 0 0"
    cols, rows = [c for c, _ in cells], [r for _, r in cells]
    left, top = min(cols) * CELL, min(rows) * CELL
    width = (max(cols) - min(cols) + 1) * CELL + 2 * MARGIN
    height = (max(rows) - min(rows) + 1) * CELL + 2 * MARGIN
    return f"{left} {top} {width} {height}"


def of_notice(within: str | None = None, lang: str = "zh") -> dict:
    """The map of the site's notice (two named queries, kept for the life of the process by webui.data),
    of the city or province `within` only if given."""
    notice = data.primary_document()
    pairings = data.rows("home-programme", notice=notice)
    leads = data.rows("home-leads", notice=notice)
    return build(pairings, leads, lang, within)
