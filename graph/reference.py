"""Look up division codes in the national reference tables by name within the parent, never by hand.

The 2023 statistical tables give the current code of every division; the code history confirms that the
code was in use on the notice's date (a code created later, or withdrawn earlier, is an error).
"""
import csv
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from graph.paths import CODE_HISTORY, NBS_DIVISIONS


class DivisionNotFound(LookupError):
    """No division, or more than one, has that name within that parent."""


@dataclass(frozen=True)
class CodeHistory:
    code: str
    name: str
    status: str  # 在用 (in use) or 弃用 (withdrawn)
    first_year: int
    changed_year: int | None


class DivisionTables:
    """The NBS 2023 division tables and the code history, indexed for lookup by name within a parent."""

    def __init__(self, nbs_dir: Path = NBS_DIVISIONS, history_path: Path = CODE_HISTORY):
        self.nbs_dir, self.history_path = nbs_dir, history_path

    def _read(self, name: str) -> list[dict[str, str]]:
        with (self.nbs_dir / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    @cached_property
    def provinces(self) -> list[dict[str, str]]:
        return self._read("provinces.csv")

    @cached_property
    def cities(self) -> list[dict[str, str]]:
        return self._read("cities.csv")

    @cached_property
    def areas(self) -> list[dict[str, str]]:
        return self._read("areas.csv")

    @cached_property
    def history(self) -> dict[str, CodeHistory]:
        with self.history_path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        entries = {}
        for code, _prov, _pref, name, _level, status, first, changed, _new in rows[1:]:
            entries.setdefault(code, []).append(
                CodeHistory(code, name, status, int(first), int(changed) if changed else None)
            )
        # A code reused for a new division appears twice; the row in use (or the latest) describes it.
        return {code: max(rows, key=lambda r: (r.status == "在用", r.first_year)) for code, rows in entries.items()}

    def province_code(self, name: str) -> str:
        """The 6-digit code of a province, by its full name."""
        return _one(name, [p["code"] + "0000" for p in self.provinces if p["name"] == name])

    def city_code(self, name: str, province_code: str) -> str:
        """The 6-digit code of a prefecture-level city within the province."""
        prefix = province_code[:2]
        return _one(name, [c["code"] + "00" for c in self.cities if c["name"] == name and c["provinceCode"] == prefix])

    def county_code(self, name: str, city_code: str) -> str:
        """The 6-digit code of a county-level division within the city."""
        prefix = city_code[:4]
        return _one(name, [a["code"] for a in self.areas if a["name"] == name and a["cityCode"] == prefix])

    def in_use(self, code: str, year: int) -> bool:
        """Whether `code` was in use in `year`, by the code history."""
        entry = self.history.get(code)
        if entry is None:
            return False
        return entry.first_year <= year and (entry.changed_year is None or entry.changed_year > year)


def _one(name: str, codes: list[str]) -> str:
    if len(codes) != 1:
        raise DivisionNotFound(f"{len(codes)} divisions named {name!r} in the reference tables" if codes
                           else f"no division named {name!r} in the reference tables")
    return codes[0]
