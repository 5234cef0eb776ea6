"""Link discovery for divisions: match each row of `graph/tables/divisions.csv` against the national tables.

A province, city or county is looked up by name within its parent in the NBS 2023 tables; the code history
(`result.csv`) must agree that the code was in use on the notice's date. A name the 2023 tables lack is
looked up in the code history: if its code was replaced by exactly one code of the 2023 tables the row is
reported `renamed` (龙南县 360727 → 360783 龙南市), by several `ambiguous`, and a name found nowhere is
`missing`. Only `matched` rows give the build a code; every other status is for a reviewer, never a guess.

The history also gives each division its former codes. A withdrawn code is a *former code* of the code that
replaced it when it denoted the same division: the names agree once the type suffix is dropped (赣县 → 赣县区,
南康市 → 南康区, 永定县 → 永定区), or it was replaced one-to-one (its only successor, and no other code was
replaced by that successor in that year: county-level 赣州市 362101 → 章贡区 360702). Any other withdrawn
code that handed area to the division (南康市 360782 → 章贡区 and 南康区) is listed as a *predecessor*.
"""

from dataclasses import dataclass, field

from graph import iris
from graph.errors import DivisionNotFound
from graph.inputs.reference import DivisionTables, HistoryRow, statistical_code
from graph.inputs.tables import Row
from graph.paths import CODE_HISTORY, NBS_DIVISIONS, relative

LEVELS = {"province": "省级", "city": "地级", "county": "县级"}
NBS_FILE = {"province": "provinces.csv", "city": "cities.csv", "county": "areas.csv"}
TYPE_SUFFIXES = ("地区", "省", "市", "县", "区")


@dataclass(frozen=True)
class DivisionLink:
    """The outcome of linking one row of the divisions table: a code, or a status saying why not."""

    name_zh: str
    parent_zh: str
    level: str
    status: str
    method: str
    evidence: str
    code: str = ""
    candidates: tuple[str, ...] = ()
    former_codes: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=("nbs-2023", "areacodes"))

    @property
    def subject(self) -> str:
        return str(iris.division(self.code)) if self.code else ""

    @property
    def target(self) -> str:
        return str(iris.nbs_entry(self.code)) if self.code else ""

    @property
    def statistical_code(self) -> str:
        return statistical_code(self.code) if self.code else ""

    @property
    def working_code(self) -> str:
        """The code to look children up under: the match, or the one code a renaming points to."""
        return self.code or (self.candidates[0] if self.status == "renamed" else "")


def stem(name: str) -> str:
    """A division's name without its type suffix (龙南县 → 龙南, 赣州地区 → 赣州)."""
    for suffix in TYPE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def same_name(old: str, new: str) -> bool:
    """Whether two names denote the same division across a change of type (赣县 → 赣县区, 龙南县 → 龙南市)."""
    return old == new or stem(old) == stem(new) or old == stem(new) or stem(old) == new


class DivisionLinker:
    """Link rows of the divisions table to the reference tables, parents first."""

    def __init__(self, reference: DivisionTables, notice_year: int):
        self.ref, self.year = reference, notice_year

    def link_all(self, rows: list[Row]) -> list[DivisionLink]:
        """One link per row, in table order."""
        by_name = {row["name_zh"]: row for row in rows}
        done: dict[tuple[str, str], DivisionLink] = {}
        return [self._link_with_parent(row, by_name, done) for row in rows]

    def _link_with_parent(self, row: Row, by_name: dict[str, Row], done: dict) -> DivisionLink:
        key = (row["name_zh"], row["parent_zh"])
        if key not in done:
            parent_code = ""
            if row["level"] != "province" and row["parent_zh"] in by_name:
                parent_code = self._link_with_parent(by_name[row["parent_zh"]], by_name, done).working_code
            done[key] = self.link(row["name_zh"], row["parent_zh"], row["level"], parent_code)
        return done[key]

    def link(self, name: str, parent_name: str, level: str, parent_code: str = "") -> DivisionLink:
        """Link one division, given its parent's code (none for a province)."""

        def outcome(status, method, evidence, **kw):
            return DivisionLink(name, parent_name, level, status, method, evidence, **kw)

        if level not in LEVELS:
            return outcome("missing", "", f"level {level!r} is not one of {', '.join(LEVELS)}")
        if level != "province" and not parent_code:
            return outcome(
                "missing", "", f"its parent {parent_name!r} has no code, so {name!r} is not looked up"
            )
        where = relative(NBS_DIVISIONS / NBS_FILE[level])
        within = f" under {parent_name}" if parent_name else ""
        codes = self.ref.nbs_candidates(name, level, parent_code)
        if len(codes) > 1:
            return outcome(
                "ambiguous",
                "nbs-name-in-parent",
                f"{len(codes)} divisions named {name!r}{within} in {where}: {', '.join(codes)}",
                candidates=tuple(codes),
            )
        if len(codes) == 1:
            return self._check(outcome, codes[0], name, where)
        not_found = f"no division named {name!r}{within} in {where}"
        return self._from_history(outcome, name, parent_name, level, parent_code, not_found)

    def _check(self, outcome, code: str, name: str, where: str) -> DivisionLink:
        """A 2023 match, confirmed by the code history for the notice's date."""
        row = self.ref.history_row(code)
        history = relative(CODE_HISTORY)
        found = f"{where}: {code} {name}"
        if row is None:
            return outcome(
                "conflict", "nbs-name-in-parent", f"{found}; {code} is not in {history}", candidates=(code,)
            )
        if row.name != name:
            return outcome(
                "conflict",
                "nbs-name-in-parent",
                f"{found}; {history}:{row.line} names {code} {row.name!r}",
                candidates=(code,),
            )
        if not self.ref.in_use(code, self.year):
            return outcome(
                "conflict",
                "nbs-name-in-parent",
                f"{found}; {history}:{row.line}: {code} was not in use in {self.year} ({_years(row)})",
                candidates=(code,),
            )
        former, predecessors = self.former_codes(code)
        return outcome(
            "matched",
            "nbs-name-in-parent",
            f"{found}; {history}:{row.line}: {code} {row.name} {row.status} since {row.first_year}",
            code=code,
            former_codes=former,
            predecessors=predecessors,
        )

    def _from_history(self, outcome, name, parent_name, level, parent_code, not_found: str) -> DivisionLink:
        """A name the 2023 tables lack: follow the code history to the codes that replaced it."""
        rows = [
            r
            for r in self.ref.history_rows
            if r.name == name
            and r.level == LEVELS[level]
            and (
                level == "province"
                or r.parent == parent_name
                or r.code.startswith(parent_code[:4] if level == "county" else parent_code[:2])
            )
        ]
        if not rows:
            return outcome("missing", "", f"{not_found} or in {relative(CODE_HISTORY)}")
        ends = sorted({end for r in rows for end in self._current(r)})
        chain = "; ".join(
            f"{relative(CODE_HISTORY)}:{r.line}: {r.code} {r.name} ({_years(r)}) → "
            f"{', '.join(r.successors) or 'no successor'}"
            for r in rows
        )
        named = ", ".join(f"{c} {self.ref.nbs_name(c)}" for c in ends)
        if ends:
            status = "renamed" if len(ends) == 1 else "ambiguous"
            return outcome(
                status, "code-history", f"{not_found}; {chain}; now {named}", candidates=tuple(ends)
            )
        return outcome("missing", "code-history", f"{not_found}; {chain}; no code of the 2023 tables follows")

    def _current(self, row: HistoryRow, seen: frozenset = frozenset()) -> set[str]:
        """The codes of the 2023 tables that `row`'s code leads to through its successors."""
        successors = [s for s in row.successors if s != row.code and s not in seen]
        if row.status == "在用" or not successors:
            return {row.code} if row.status != "弃用" and self.ref.nbs_name(row.code) else set()
        ends = set()
        for successor in successors:
            following = self.ref.history_row(successor)
            if following is not None:
                ends |= self._current(following, seen | {row.code})
        return ends

    def former_codes(self, code: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The former codes of the division `code` (newest first) and its other predecessors."""
        former: list[HistoryRow] = []
        others: list[HistoryRow] = []
        first = self.ref.history_row(code)
        if first is None:
            raise DivisionNotFound(f"no division has the code {code} in the code history")
        todo = [first]
        while todo:
            current = todo.pop()
            earlier = [
                p
                for p in self.ref.predecessors.get(current.code, [])
                if p.changed_year is not None and p.changed_year >= current.first_year
            ]
            for p in earlier:
                same_year = [q for q in earlier if q.changed_year == p.changed_year]
                one_to_one = p.successors == (current.code,) and len(same_year) == 1
                if same_name(p.name, current.name) or one_to_one:
                    former.append(p)
                    todo.append(p)
                else:
                    others.append(p)
        former_codes = tuple(r.code for r in sorted(former, key=lambda r: (-(r.changed_year or 0), r.code)))
        other_codes = tuple(sorted({r.code for r in others} - set(former_codes)))
        return former_codes, other_codes


def _years(row: HistoryRow) -> str:
    return f"{row.first_year}–{row.changed_year}" if row.changed_year else f"since {row.first_year}"


def linkset_rows(links: list[DivisionLink]) -> list[dict[str, str]]:
    """The rows of `graph/linksets/divisions.csv`, in the order of the divisions table."""
    return [
        {
            "subject": link.subject,
            "target": link.target,
            "name_zh": link.name_zh,
            "parent_zh": link.parent_zh,
            "level": link.level,
            "code": link.code,
            "statistical_code": link.statistical_code,
            "status": link.status,
            "method": link.method,
            "candidates": " ".join(link.candidates),
            "former_codes": " ".join(link.former_codes),
            "predecessors": " ".join(link.predecessors),
            "evidence": link.evidence,
            "source": " ".join(link.sources),
        }
        for link in links
    ]


def discover(
    rows: list[Row], reference: DivisionTables | None = None, notice_year: int | None = None
) -> list[DivisionLink]:
    """Link every row of the divisions table; the notice's own date decides which codes were in use."""
    if notice_year is None:
        from graph.inputs.notice import parse

        notice_year = int(str(parse().date.value)[:4])
    return DivisionLinker(reference or DivisionTables(), notice_year).link_all(rows)
