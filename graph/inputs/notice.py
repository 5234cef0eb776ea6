"""Parse the notice's text into plain records, each carrying the number of the line it came from.

Nothing here knows about RDF: the builder turns these records into triples. Everything is found by the
shape of the text (headings, the "A、B——County" pairing lines, the document number), not by line
number, so a corrected source text re-parses without code changes; what cannot be found is an error
naming the file.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from graph.errors import SourceError
from graph.inputs.manifest import SourceDocument, primary
from graph.inputs.text import read_text

TOP_HEADING = re.compile(r"^(?P<num>[一二三四五六七八九十]+)、(?P<title>.+)$")
SUB_HEADING = re.compile(r"^（(?P<num>[一二三四五六七八九十]+)）(?P<title>.+?)。?$")
CITY_ITEM = re.compile(r"^(?P<city>\S+?市)(?P<count>\d+)个县")
PAIRING = re.compile(r"^(?P<units>[^—]+)——(?P<county>[^（）—]+?)(?:（含(?P<zone>[^）]+)）)?$")
# what a pairing written with other separators has: a dash of another kind before a county's name, or
# commas (ASCII or full-width) between the units
OTHER_DASH = re.compile(r"(?:-|—|–|－|―|~).*[县区市](?:（含[^）]+）)?$")
OTHER_COMMA = re.compile(r"[,，;；/]")
PAIRING_FORM = "the units joined by '、', then '——', then the county"
DOC_NUMBER = re.compile(r"^(?P<prefix>国办发)〔(?P<year>\d{4})〕(?P<seq>\d+)号$")
DATE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
STATUS = re.compile(r"^（(?P<status>此件公开发布)）$")
APPROVAL = re.compile(r"《(?P<plan>[^》]+)》已经(?P<approver>国务院)同意")
IMPLEMENTS = re.compile(r"《(?P<title>[^》]+)》（(?P<number>国发〔(?P<year>\d{4})〕(?P<seq>\d+)号)）")
SINCE = re.compile(r"(?P<year>\d{4})年以来")
PERIOD = re.compile(r"工作期限为(?P<start>\d{4})年至(?P<end>\d{4})年")
UNIT_TOTAL = re.compile(r"对口支援单位包括(?P<n>\d+)个")
COUNTY_TOTAL = re.compile(r"共(?P<n>\d+)个县")
LEADS = re.compile(r"其中，(?P<names>[^，]+?)作为牵头部门")
PAIRED_TOTAL = re.compile(r"其他(?P<n>\d+)个对口支援单位")

NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass
class Section:
    path: str  # "2" or "2-1"
    number: str  # as printed: "二" or "（一）"
    title: str
    heading_line: int
    order: int
    parent: str | None = None
    lines: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Pairing:
    line: int
    units: tuple[str, ...]  # names as the notice writes them
    county: str
    zone: str | None
    city: str  # the city of the sub-item the line stands under

    @property
    def positions(self) -> dict[str, int]:
        """Each unit's place on its line, from 1: in a state document the order is part of the text."""
        return positions(self.units)


def positions(names: tuple[str, ...]) -> dict[str, int]:
    """Each name's 1-based place in the order the line writes them."""
    return {name: place for place, name in enumerate(names, start=1)}


T = TypeVar("T")


@dataclass(frozen=True)
class Fact(Generic[T]):
    """One value the notice states, with the line that states it."""

    value: T
    line: int


@dataclass
class Notice:
    slug: str  # the key of its IRIs, as the manifest names it
    path: Path
    lines: dict[int, Line]
    title: Fact[str]  # the notice's title, its heading lines joined
    title_lines: tuple[int, ...]
    number: Fact[str]  # as printed: 国办发〔year〕number号
    number_parts: tuple[str, int, int]
    date: Fact[str]  # ISO: "YYYY-MM-DD"
    issuer: Fact[str]  # the issuing body's name
    approval: Fact[str]  # who approved the plan
    status: Fact[str]  # "此件公开发布"
    plan_title: Fact[str]
    plan_title_lines: tuple[int, ...]
    implements: Fact[tuple[str, str]]  # (number, title) of the policy the plan implements
    since: Fact[int]  # the year the earlier phase began
    period: Fact[tuple[int, int]]  # (start, end)
    unit_total: Fact[int]
    county_total: Fact[int]
    paired_total: Fact[int]
    leads: Fact[tuple[str, ...]]  # their names
    city_counts: dict[str, Fact[int]]
    sections: list[Section]
    pairings: list[Pairing]
    plan_start: int  # first line of the work plan
    graph: str = ""  # the named graph of its statements, as the manifest names it ("": graph/{slug})
    source: str = "notice"  # its row of graph/tables/sources.csv, as the manifest names it

    @property
    def lead_positions(self) -> dict[str, int]:
        """Each lead department's place among the leads of its line (国家发展改革委 first, as written)."""
        return positions(self.leads.value)

    def line_text(self, number: int) -> str:
        return self.lines[number].text


def numeral_value(numeral: str) -> int:
    """Turn a Chinese numeral up to 十 into an int (the plan has at most five items a level)."""
    return NUMERALS.index(numeral) + 1


def read_lines(path: Path) -> dict[int, Line]:
    text = read_text(path)
    return {n: Line(n, t.strip()) for n, t in enumerate(text.splitlines(), start=1) if t.strip()}


class _Finder:
    """Find the single line that matches a pattern, or fail naming the file."""

    def __init__(self, path: Path, lines: dict[int, Line]):
        self.path, self.lines = path, lines

    def search(self, pattern: re.Pattern, start: int = 0, end: int | None = None) -> tuple[int, re.Match]:
        for number, line in self.lines.items():
            if number < start or (end is not None and number >= end):
                continue
            match = pattern.search(line.text)
            if match:
                return number, match
        raise SourceError(self.path, None, f"no line matches {pattern.pattern!r}")


def _title_block(lines: dict[int, Line], first: int) -> tuple[int, ...]:
    """The consecutive non-blank lines starting at `first` (a title printed over several lines)."""
    block = [first]
    while block[-1] + 1 in lines:
        block.append(block[-1] + 1)
    return tuple(block)


def read(document: SourceDocument) -> Notice:
    """The reader `notice` of the manifest: parse a document of the shape of a State Council notice."""
    return dataclasses.replace(
        parse(document.path, document.slug), graph=str(document.graph), source=document.source
    )


def parse(path: Path | None = None, slug: str | None = None) -> Notice:
    """Parse the notice at `path` (by default the manifest's primary document) into a Notice record; its slug
    is the manifest's, or else the file's name without its suffix."""
    if path is None:
        path, slug = primary().path, slug or primary().slug
    lines = read_lines(path)
    find = _Finder(path, lines)
    number_line, number_match = find.search(DOC_NUMBER)
    title_lines = tuple(n for n in lines if n < number_line)
    status_line, status_match = find.search(STATUS)
    date_line, date_match = find.search(DATE)
    issuer_line = max(n for n in lines if n < date_line)
    plan_start = min(n for n in lines if n > status_line)
    plan_title_lines = _title_block(lines, plan_start)
    approval_line, approval_match = find.search(APPROVAL)
    implements_line, implements_match = find.search(IMPLEMENTS)
    since_line, since_match = find.search(SINCE, start=plan_start)
    period_line, period_match = find.search(PERIOD)
    leads_line, leads_match = find.search(LEADS)
    unit_line, unit_match = find.search(UNIT_TOTAL)
    county_line, county_match = find.search(COUNTY_TOTAL)
    paired_line, paired_match = find.search(PAIRED_TOTAL)
    sections, pairings, city_counts = _structure(path, lines, plan_start)
    y, m, d = (int(date_match[k]) for k in "ymd")
    return Notice(
        slug=slug or path.stem,
        path=path,
        lines=lines,
        title=Fact("".join(lines[n].text for n in title_lines), title_lines[0]),
        title_lines=title_lines,
        number=Fact(number_match[0], number_line),
        number_parts=(number_match["prefix"], int(number_match["year"]), int(number_match["seq"])),
        date=Fact(f"{y:04d}-{m:02d}-{d:02d}", date_line),
        issuer=Fact(lines[issuer_line].text, issuer_line),
        approval=Fact(approval_match["approver"], approval_line),
        status=Fact(status_match["status"], status_line),
        plan_title=Fact("".join(lines[n].text for n in plan_title_lines), plan_start),
        plan_title_lines=plan_title_lines,
        implements=Fact((implements_match["number"], implements_match["title"]), implements_line),
        since=Fact(int(since_match["year"]), since_line),
        period=Fact((int(period_match["start"]), int(period_match["end"])), period_line),
        unit_total=Fact(int(unit_match["n"]), unit_line),
        county_total=Fact(int(county_match["n"]), county_line),
        paired_total=Fact(int(paired_match["n"]), paired_line),
        leads=Fact(tuple(leads_match["names"].split("、")), leads_line),
        city_counts=city_counts,
        sections=sections,
        pairings=pairings,
        plan_start=plan_start,
    )


def _structure(path: Path, lines: dict[int, Line], plan_start: int):
    """Walk the plan's lines: headings open sections, pairing lines under a city item become Pairings."""
    sections: list[Section] = []
    pairings: list[Pairing] = []
    city_counts: dict[str, Fact] = {}
    top: Section | None = None
    sub: Section | None = None
    city: str | None = None
    for number, line in lines.items():
        if number < plan_start:
            continue
        if match := TOP_HEADING.match(line.text):
            order = numeral_value(match["num"])
            top = Section(str(order), match["num"], match["title"], number, order)
            sections.append(top)
            sub, city = None, None
        elif top and (match := SUB_HEADING.match(line.text)):
            order = numeral_value(match["num"])
            sub = Section(
                f"{top.path}-{order}", f"（{match['num']}）", match["title"], number, order, top.path
            )
            sections.append(sub)
            city = None
            if city_match := CITY_ITEM.match(sub.title):
                city = city_match["city"]
                city_counts[city] = Fact(int(city_match["count"]), number)
        elif city and (match := PAIRING.match(line.text)):
            if OTHER_COMMA.search(match["units"]):
                raise SourceError(path, number, f"a pairing is written as {PAIRING_FORM}: {line.text!r}")
            units = tuple(match["units"].split("、"))
            pairings.append(Pairing(number, units, match["county"], match["zone"], city))
        elif city and ("——" in line.text or OTHER_DASH.search(line.text)):
            # never skipped: a pairing the build does not read would be missing from the graph
            raise SourceError(
                path, number, f"looks like a pairing but is not written as {PAIRING_FORM}: {line.text!r}"
            )
        current = sub or top
        if current:
            current.lines.append(number)
    return sections, pairings, city_counts
