"""What the query tests share: the queries, the notice's lines, running a query and reading its answer."""

import re

from rdflib import Graph, Literal, URIRef

from graph.inputs.manifest import primary
from graph.namespaces import DK, ID
from graph.paths import QUERIES
from graph.store.named import catalogue

NAMED = catalogue().all()
CHECKS = catalogue().checks()
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
CHECK_FILES = sorted((QUERIES / "checks").glob("*.rq"))
SOURCE_LINES = primary().path.read_text(encoding="utf-8").splitlines()


def short(term):
    """A term as a test writes it: `unit/mof` for our IRIs, `dk:supports` for our terms, Python values
    for typed literals rdflib converts (numbers, booleans, dates), the text of the others."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(str(ID)):
            return text[len(str(ID)) :]
        if text.startswith(str(DK)):
            return "dk:" + text[len(str(DK)) :]
        return text
    value = term.toPython()
    return str(term) if term.language or term.datatype is None or isinstance(value, Literal) else value


def run(store, name: str, params: dict | None = None):
    return NAMED[name].run(store, params or {})


def answer(store, name: str, columns, params: dict | None = None) -> list:
    """The values of one column (a name) or of several (a tuple of names), row by row, shortened."""
    result = run(store, name, params)
    assert result.kind == "bindings", f"{name} is not a SELECT query"
    missing = set([columns] if isinstance(columns, str) else columns) - set(result.variables)
    assert not missing, f"{name} has no column {missing}"
    if isinstance(columns, str):
        return [short(row.get(columns)) for row in result.dicts()]
    return [tuple(short(row.get(c)) for c in columns) for row in result.dicts()]


def notice_line(number: int) -> str:
    return SOURCE_LINES[number - 1].strip()


def pairings_in_text() -> set[tuple[str, str, str, int]]:
    """(name in the notice, county, city, line number) of every pairing, read straight off the source."""
    pairs, city = set(), None
    for number, text in enumerate(SOURCE_LINES, start=1):
        heading = re.match(r"（[一二三四五]）(\S+?市)\d+个", text)
        if heading:
            city = heading[1]
        if "——" in text:
            units, county = text.strip().split("——")
            county = re.sub(r"（含[^）]+）$", "", county)
            pairs |= {(unit, county, city, number) for unit in units.split("、")}
    return pairs


def stated_city_counts() -> dict[str, int]:
    """The number of counties each city heading of the notice states (赣州市 18 ...)."""
    headings = (re.match(r"（[一二三四五]）(\S+?市)(\d+)个", text) for text in SOURCE_LINES)
    return {m[1]: int(m[2]) for m in headings if m}


def params_id(params: dict) -> str:
    return ",".join(f"{k}={v.removeprefix('id:')}" for k, v in params.items()) or "defaults"


NATIONAL_BUREAUS = {  # bureau, the ministry that administers it
    ("unit/nmpa", "unit/samr"),
    ("unit/caac", "unit/mot"),
    ("unit/nea", "unit/ndrc"),
    ("unit/nfsra", "unit/ndrc"),
    ("unit/stma", "unit/miit"),
    ("unit/nrra", "unit/mara"),
    ("unit/sastind", "unit/miit"),
    ("unit/nra", "unit/mot"),
    ("unit/nfga", "unit/mnr"),
    ("unit/ncha", "unit/mct"),
    ("unit/natcm", "unit/nhc"),
}
LEAD_DUTIES = {
    f"concept/duty/{slug}"
    for slug in (
        "organise-coordinate",
        "overall-guidance",
        "own-functions-support",
        "set-goals",
        "track-progress",
        "supervise-inspect",
        "evaluate",
        "report-major-problems",
        "unit-working-mechanism",
    )
}
JIAN_PAIRINGS = {
    ("税务总局", "吉州区"),
    ("招商局集团有限公司", "青原区"),
    ("中国人民保险集团股份有限公司", "吉安县"),
    ("国家国防科工局", "吉水县"),
    ("人民银行", "新干县"),
    ("国家铁路局", "永丰县"),
    ("社科院", "泰和县"),
    ("国家林草局", "万安县"),
}
LINE_21_MENTIONS = {"unit/ndrc", "unit/cpc-organization"} | {
    f"division/{code}" for code in ("360000", "350000", "360700", "360800", "361000", "350800", "350400")
}
CATEGORY = "concept/unit-category/"
ADDRESSEES = {"各省、自治区、直辖市人民政府", "国务院各部委", "国务院各直属机构"}
DISTRICTS = {"360702", "360703", "360704", "360802", "360803", "350802", "350803"}


class AtLeast(frozenset):
    """Expected answers that must be among the answers, which may hold others too."""


def broken_copy(graph: Graph, remove=(), add=()) -> Graph:
    """A copy of `graph` without the triples matching `remove` (each must match) and with `add`."""
    copy = Graph()
    copy += graph
    for pattern in remove:
        assert any(copy.triples(pattern)), f"nothing to remove: {pattern}"
        copy.remove(pattern)
    for triple in add:
        copy.add(triple)
    return copy
