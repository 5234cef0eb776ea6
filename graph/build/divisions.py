"""Add the administrative divisions: each row of graph/tables/divisions.csv with the code the reviewed
divisions linkset gives it (checked against the national reference tables), its entry in the NBS codes, its
place in the hierarchy, and whether a document pairs it; and the development zones within them."""

import re

from rdflib import RDF, SKOS, Literal
from rdflib.namespace import DCTERMS, VOID

from graph import iris
from graph.build.context import Builder, Division, count, en, notice_error, zh
from graph.inputs.notice import Notice
from graph.inputs.reference import statistical_code
from graph.inputs.tables import Row
from graph.links.divisions import DivisionLinker
from graph.namespaces import DK
from graph.paths import relative

LEVEL_CLASS = {"province": DK.Province, "city": DK.PrefectureCity, "county": DK.County}
CODES = "nbs-2023"  # a source of the national codes' graph (with areacodes: graph/tables/sources.csv)
COUNTY_TYPE = {"区": "district", "县": "county", "市": "county-level-city"}


def parent_of(division: Division) -> Division:
    """The division a city or county lies in (resolved before it, so always there)."""
    if division.parent is None:
        raise division.row.error(f"{division.row['name_zh']} has no parent division")
    return division.parent


def emit_divisions(b: Builder) -> None:
    DivisionJoin(b).emit()


class DivisionJoin:
    """The divisions table joined with the divisions linkset, the reference tables and the pairings."""

    def __init__(self, b: Builder):
        self.b = b
        self.division_links: dict[tuple[str, str], Row] = {}
        for row in b.linksets.divisions:
            key = (row["name_zh"], row["parent_zh"])
            if key in self.division_links:
                raise row.error(
                    f"{row['name_zh']} ({row['parent_zh'] or '-'}) is also on line "
                    f"{self.division_links[key].line}"
                )
            self.division_links[key] = row
        self.unlinked: list[
            Row
        ] = []  # table rows the divisions linkset lacks (reported after the notice checks)

    def emit(self) -> None:
        by_name = {row["name_zh"]: row for row in self.b.tables["divisions"]}
        for row in self.b.tables["divisions"]:
            self.resolve_division(row, by_name)
        recipients: dict[
            tuple[str, str], Notice
        ] = {}  # each recipient county, by the first document naming it
        for notice in self.b.notices:
            for pairing in notice.pairings:
                key = (pairing.county, pairing.city)
                if key not in self.b.divisions:
                    raise notice_error(
                        notice,
                        pairing.line,
                        f"county {key[0]!r} of {key[1]} has no row in graph/tables/divisions.csv",
                    )
                recipients.setdefault(key, notice)
        for notice in self.b.notices:
            for city, fact in notice.city_counts.items():
                division = self.division_named(notice, city, fact.line)
                with self.b.stating(notice):
                    self.b.add(division.iri, DK.statedRecipientCount, count(fact.value))
                    self.b.derived_from(division.iri, notice, fact.line)
        for key, division in self.b.divisions.items():
            row = division.row
            if row["level"] == "county" and key not in recipients:
                raise row.error(f"{row['name_zh']} is not a recipient county in the notice")
            self.emit_division(division, recipients.get(key))
        self.check_divisions_linkset()

    def division_named(self, notice: Notice, name: str, line: int) -> Division:
        matches = [d for (n, _), d in self.b.divisions.items() if n == name]
        if len(matches) != 1:
            raise notice_error(
                notice, line, f"{name!r} matches {len(matches)} rows of graph/tables/divisions.csv"
            )
        return matches[0]

    def resolve_division(self, row: Row, by_name: dict[str, Row]) -> Division:
        key = (row["name_zh"], row["parent_zh"])
        if key in self.b.divisions:
            return self.b.divisions[key]
        if row["level"] not in LEVEL_CLASS:
            raise row.error(f"level {row['level']!r} is not one of {', '.join(LEVEL_CLASS)}")
        parent = None
        if row["level"] != "province":
            if row["parent_zh"] not in by_name:
                raise row.error(f"parent {row['parent_zh']!r} has no row of its own")
            parent = self.resolve_division(by_name[row["parent_zh"]], by_name)
        link = self.division_links.get(key)
        code = self.diagnose(row, parent) if link is None else self.checked_code(row, link, parent)
        if not self.b.reference.in_use(code, self.b.year):
            raise row.error(f"code {code} of {row['name_zh']} was not in use in {self.b.year}")
        division = Division(row, code, iris.division(code), parent, link)
        self.b.divisions[key] = division
        return division

    def diagnose(self, row: Row, parent: Division | None) -> str:
        """A row the divisions linkset lacks: say what discovery finds, and fail (later if it matches)."""
        found = DivisionLinker(self.b.reference, self.b.year).link(
            row["name_zh"], row["parent_zh"], row["level"], parent.code if parent else ""
        )
        if found.status != "matched":
            raise row.error(
                f"{found.evidence} ({found.status}; no row in {relative(self.b.linksets.directory)}"
                "/divisions.csv)"
            )
        self.unlinked.append(row)
        return found.code

    def checked_code(self, row: Row, link: Row, parent: Division | None) -> str:
        """The code the divisions linkset gives a row, once it agrees with the table and the reference."""
        name = row["name_zh"]
        if link["status"] != "matched":
            raise link.error(
                f"{name} is {link['status']!r}, not 'matched': {link['evidence']}; correct "
                f"{relative(row.path)}:{row.line} and rerun `duikou links discover divisions`"
            )
        code = link["code"]
        if link["level"] != row["level"] or not re.fullmatch(r"[0-9]{6}", code):
            raise link.error(
                f"{name}: level {link['level']!r} and code {code!r} do not fit "
                f"{relative(row.path)}:{row.line} (level {row['level']!r})"
            )
        width = {"province": 0, "city": 2, "county": 4}[row["level"]]
        if parent and code[:width] != parent.code[:width]:
            raise link.error(
                f"code {code} of {name} does not start with {parent.code[:width]} of {parent.row['name_zh']}"
            )
        if self.b.reference.nbs_name(code) != name:
            raise link.error(f"the 2023 tables name {code} {self.b.reference.nbs_name(code)!r}, not {name!r}")
        expected = {
            "subject": str(iris.division(code)),
            "target": str(iris.nbs_entry(code)),
            "statistical_code": statistical_code(code),
        }
        for column, value in expected.items():
            if link[column] != value:
                raise link.error(f"{column} {link[column]!r} of {name} should be {value!r}")
        for former in link["former_codes"].split() + link["predecessors"].split():
            if not any(r.code == former for rows in self.b.reference.predecessors.values() for r in rows):
                raise link.error(
                    f"{former} is not a replaced code of {relative(self.b.reference.history_path)}"
                )
        return code

    def check_divisions_linkset(self) -> None:
        """Every table row has its row in the divisions linkset, and the linkset has no other rows."""
        path = relative(self.b.linksets.directory / "divisions.csv")
        for row in self.unlinked:
            raise row.error(
                f"{row['name_zh']} has no row in {path}: run `duikou links discover divisions` and review it"
            )
        for key, link in self.division_links.items():
            if key not in self.b.divisions:
                raise link.error(
                    f"{key[0]} ({key[1] or '-'}) is not a row of graph/tables/divisions.csv: "
                    "rerun `duikou links discover divisions`"
                )

    def emit_division(self, division: Division, recipient_in: Notice | None) -> None:
        """A division as each source gives it: its code, level, parents and Chinese name from the national
        codes, its English name and pinyin from the romanisation, its being a recipient from the notice."""
        row, s = division.row, division.iri
        with self.b.stating(CODES):
            self.emit_codes(division)
        with self.b.stating(row):
            self.b.label_in(s, en(row["name_en"]))
            self.b.add(s, SKOS.altLabel, Literal(row["pinyin"], lang="zh-Latn-pinyin"))
            self.b.source_of(s, row)
        self.b.mention_forms[row["name_zh"]] = s
        if row["level"] == "province":
            self.b.mention_forms[row["name_zh"].removesuffix("省")] = s
        if recipient_in:
            with self.b.stating(recipient_in):
                self.b.add(s, RDF.type, DK.RecipientCounty)

    def emit_codes(self, division: Division) -> None:
        row, s = division.row, division.iri
        self.b.add(s, RDF.type, DK.AdministrativeDivision)
        self.b.add(s, RDF.type, LEVEL_CLASS[row["level"]])
        self.b.label_in(s, zh(row["name_zh"]))
        self.b.add(s, SKOS.notation, Literal(division.code))
        self.b.add(s, DK.statisticalCode, Literal(statistical_code(division.code)))
        self.b.add(s, DCTERMS.source, self.b.sources["nbs-2023"])
        self.b.add(s, DCTERMS.source, self.b.sources["areacodes"])
        self.emit_code_entry(division)
        if division.link is not None:
            for former in division.link["former_codes"].split():
                self.b.add(s, DK.formerCode, iris.division_code(former))
        if row["level"] == "city":
            self.b.add(s, DK.inProvince, parent_of(division).iri)
        if row["level"] == "county":
            suffix = row["name_zh"][-1]
            if suffix not in COUNTY_TYPE:
                raise row.error(f"cannot tell the county type of {row['name_zh']!r} from its last character")
            self.b.add(s, DK.countyType, iris.concept("county-type", COUNTY_TYPE[suffix]))
            self.b.add(s, DK.inCity, parent_of(division).iri)
            self.b.add(s, DK.inProvince, parent_of(parent_of(division)).iri)

    def emit_code_entry(self, division: Division) -> None:
        """The division's entry in the NBS 2023 codes, as a resource of its own (there is no official IRI)."""
        code, entry = division.code, iris.nbs_entry(division.code)
        self.b.add(division.iri, DK.codeListEntry, entry)
        self.b.add(entry, RDF.type, DK.CodeListEntry)
        number, name = statistical_code(code), self.b.reference.nbs_name(code)
        if name is None:
            raise division.row.error(f"the 2023 tables have no division {code}")
        self.b.label(
            entry,
            f"统计用区划代码（2023年）{number} {name}",
            f"NBS statistical division code (2023) {number}",
        )
        self.b.add(entry, SKOS.notation, Literal(code))
        self.b.add(entry, DK.statisticalCode, Literal(number))
        self.b.add(entry, DK.recordedName, zh(name))
        self.b.add(entry, VOID.inDataset, iris.dataset("nbs-2023"))
        self.b.add(entry, DCTERMS.source, self.b.sources["nbs-2023"])


def emit_zones(b: Builder) -> None:
    for row in b.tables["zones"]:
        within = [d for (name, _), d in b.divisions.items() if name == row["within_zh"]]
        if len(within) != 1:
            raise row.error(f"{row['within_zh']!r} is not one division of graph/tables/divisions.csv")
        if not row["statistical_code"].startswith(within[0].code):
            raise row.error(f"code {row['statistical_code']} does not start with {within[0].code}")
        s = iris.zone(row["statistical_code"])
        with b.stating(row):
            b.add(s, RDF.type, DK.DevelopmentZone)
            b.label(s, row["name_zh"], row["name_en"])
            b.add(s, DK.statisticalCode, Literal(row["statistical_code"]))
            b.add(s, DK.withinDivision, within[0].iri)
            b.source_of(s, row)
        b.quote(s, row)
        b.mention_forms[row["name_zh"]] = s
