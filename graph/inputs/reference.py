"""Look up division codes in the national reference tables by name within the parent, never by hand.

The 2023 statistical tables give the current code of every division; the code history confirms that the
code was in use on the notice's date (a code created later, or withdrawn earlier, is an error), and says
which codes a division had before (its rows, with the codes that replaced them).
"""

import csv
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from graph.paths import CODE_HISTORY, NBS_DIVISIONS


@dataclass(frozen=True)
class CodeHistory:
    code: str
    name: str
    status: str  # 在用 (in use) or 弃用 (withdrawn)
    first_year: int
    changed_year: int | None


@dataclass(frozen=True)
class HistoryRow:
    """One row of the code history (`result.csv`), as published; `line` is its line in the file."""

    code: str
    province: str  # 一级行政区
    parent: str  # 二级行政区: the prefecture (地区 or 市) the code was listed under
    name: str
    level: str  # 省级, 地级 or 县级
    status: str  # 在用 in use, 弃用 withdrawn, 变更 changed (the same code under another parent or name)
    first_year: int
    changed_year: int | None
    successors: tuple[str, ...]  # the codes that replaced it; parts handed over earlier ("[year]") left out
    line: int


SUCCESSOR = re.compile(r"^([0-9]{6})(\[[0-9]{4}\])?$")


def statistical_code(code: str) -> str:
    """The 12-digit statistical code of a division at county level or above: its 6-digit code and six zeros.

    The rule is the reference data's own (graph/reference/README.md: "the 12-digit statistical codes extend
    them with six zeros at county level"); below county level the last six digits are not zero.
    """
    if not re.fullmatch(r"[0-9]{6}", code):
        raise ValueError(f"not a 6-digit division code: {code!r}")
    return code + "000000"


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
        entries: dict[str, list[CodeHistory]] = {}
        for code, _prov, _pref, name, _level, status, first, changed, _new in rows[1:]:
            entries.setdefault(code, []).append(
                CodeHistory(code, name, status, int(first), int(changed) if changed else None)
            )
        # A code reused for a new division appears twice; the row in use (or the latest) describes it.
        return {
            code: max(rows, key=lambda r: (r.status == "在用", r.first_year))
            for code, rows in entries.items()
        }

    @cached_property
    def history_rows(self) -> list[HistoryRow]:
        """Every row of the code history, in file order (a code reused or changed has several)."""
        with self.history_path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            rows = []
            for code, province, parent, name, level, status, first, changed, new in reader:
                successors = []
                for part in filter(None, new.split(";")):
                    match = SUCCESSOR.match(part)
                    if match is None:
                        raise ValueError(
                            f"{self.history_path}:{reader.line_num}: successor {part!r} is not a code"
                        )
                    if not match.group(2):
                        successors.append(match.group(1))
                rows.append(
                    HistoryRow(
                        code,
                        province,
                        parent,
                        name,
                        level,
                        status,
                        int(first),
                        int(changed) if changed else None,
                        tuple(successors),
                        reader.line_num,
                    )
                )
        return rows

    @cached_property
    def predecessors(self) -> dict[str, list[HistoryRow]]:
        """The rows of withdrawn or changed codes naming each code among their successors (not themselves)."""
        index: dict[str, list[HistoryRow]] = {}
        for row in self.history_rows:
            if row.status != "在用":
                for successor in row.successors:
                    if successor != row.code:
                        index.setdefault(successor, []).append(row)
        return index

    def history_row(self, code: str) -> HistoryRow | None:
        """The row describing `code` (the one in use, else the latest), or None."""
        rows = [r for r in self.history_rows if r.code == code]
        return max(rows, key=lambda r: (r.status == "在用", r.first_year)) if rows else None

    def nbs_name(self, code: str) -> str | None:
        """The name the 2023 tables give the 6-digit `code` (province, city or county), or None."""
        if code.endswith("0000"):
            names = [p["name"] for p in self.provinces if p["code"] == code[:2]]
        elif code.endswith("00"):
            names = [c["name"] for c in self.cities if c["code"] == code[:4]]
        else:
            names = [a["name"] for a in self.areas if a["code"] == code]
        return names[0] if len(names) == 1 else None

    def nbs_candidates(self, name: str, level: str, parent_code: str = "") -> list[str]:
        """The 6-digit codes of the 2023 divisions named `name` at `level` within the parent's code."""
        if level == "province":
            return [p["code"] + "0000" for p in self.provinces if p["name"] == name]
        if level == "city":
            return [
                c["code"] + "00"
                for c in self.cities
                if c["name"] == name and c["provinceCode"] == parent_code[:2]
            ]
        return [a["code"] for a in self.areas if a["name"] == name and a["cityCode"] == parent_code[:4]]

    def in_use(self, code: str, year: int) -> bool:
        """Whether `code` was in use in `year`, by the code history."""
        entry = self.history.get(code)
        if entry is None:
            return False
        return entry.first_year <= year and (entry.changed_year is None or entry.changed_year > year)
