"""Join the parsed notice with the curated tables and emit the graph.

The notice says who supports whom and which lines say it; the tables say what each name means (full
names, English names, categories, codes). A name on one side with no partner on the other is a
SourceError naming the file and line, never a silent gap.
"""

import re
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, VOID

from graph import iris
from graph.errors import SourceError
from graph.inputs.notice import Notice, Pairing, parse
from graph.inputs.reference import DivisionTables, HistoryRow, statistical_code
from graph.inputs.tables import Row, load_all
from graph.links.divisions import DivisionLinker
from graph.links.linksets import Linksets
from graph.namespaces import DK, WD, bind_prefixes
from graph.paths import relative

LEVEL_CLASS = {"province": DK.Province, "city": DK.PrefectureCity, "county": DK.County}
COUNTY_TYPE = {"区": "district", "县": "county", "市": "county-level-city"}
LANGUAGE_ZH = URIRef("http://publications.europa.eu/resource/authority/language/ZHO")


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def count(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


@dataclass
class Division:
    row: Row
    code: str
    iri: URIRef
    parent: "Division | None"
    link: Row | None = None  # its row of graph/linksets/divisions.csv


class GraphBuilder:
    """Build the graph from one parsed notice and the curated tables; `build()` returns it."""

    def __init__(
        self, notice: Notice, tables: dict[str, list[Row]], divisions: DivisionTables, linksets: Linksets
    ):
        self.notice, self.tables, self.reference, self.linksets = notice, tables, divisions, linksets
        self.division_links: dict[tuple[str, str], Row] = {}
        for row in linksets.divisions:
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
        self.g = Graph()
        bind_prefixes(self.g)
        self.sources = {row["slug"]: iris.source(row["slug"]) for row in tables["sources"]}
        self.units: dict[str, Row] = {}  # by the name the notice uses
        self.divisions: dict[tuple[str, str], Division] = {}  # by (name, parent name)
        self.mention_forms: dict[str, URIRef] = {}
        self.notice_year = int(notice.date.value[:4])

    # -- helpers ---------------------------------------------------------------------------------
    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def label(self, subject: URIRef, text_zh: str, text_en: str) -> None:
        for predicate in (SKOS.prefLabel, RDFS.label):
            self.add(subject, predicate, zh(text_zh))
            self.add(subject, predicate, en(text_en))

    def source_of(self, subject: URIRef, row: Row) -> None:
        slug = row["source"]
        if slug not in self.sources:
            raise row.error(f"source {slug!r} is not in graph/tables/sources.csv")
        self.add(subject, DCTERMS.source, self.sources[slug])

    def derived_from(self, subject: URIRef, *lines: int) -> None:
        for number in lines:
            self.add(subject, PROV.wasDerivedFrom, iris.line(number))

    def notice_error(self, line: int, message: str) -> SourceError:
        return SourceError(self.notice.path, line, message)

    # -- the build -------------------------------------------------------------------------------
    def build(self) -> Graph:
        self.emit_sources()
        self.emit_concepts()
        self.emit_organizations()
        self.emit_documents()
        self.emit_publication()
        self.emit_text()
        self.emit_programme()
        self.emit_divisions()
        self.emit_zones()
        self.emit_units()
        self.emit_assignments()
        self.emit_duties()
        self.emit_mentions()
        self.emit_former_codes()
        self.emit_wikidata_links()
        return self.g

    def emit_sources(self) -> None:
        for row in self.tables["sources"]:
            s = self.sources[row["slug"]]
            self.add(s, RDF.type, DK.Source)
            self.label(s, row["title_zh"], row["title_en"])
            self.add(s, DCTERMS.publisher, Literal(row["publisher"]))
            self.add(s, RDFS.comment, en(row["note"]))

    def emit_concepts(self) -> None:
        schemes = {row["slug"]: row for row in self.tables["schemes"]}
        for slug, row in schemes.items():
            s = iris.scheme(slug)
            self.add(s, RDF.type, SKOS.ConceptScheme)
            self.label(s, row["label_zh"], row["label_en"])
            self.add(s, SKOS.definition, zh(row["definition_zh"]))
            self.add(s, SKOS.definition, en(row["definition_en"]))
        known = {(row["scheme"], row["slug"]) for row in self.tables["concepts"]}
        for row in self.tables["concepts"]:
            if row["scheme"] not in schemes:
                raise row.error(f"scheme {row['scheme']!r} is not in graph/tables/schemes.csv")
            c = iris.concept(row["scheme"], row["slug"])
            self.add(c, RDF.type, SKOS.Concept)
            self.add(c, SKOS.inScheme, iris.scheme(row["scheme"]))
            self.label(c, row["label_zh"], row["label_en"])
            self.add(c, SKOS.definition, zh(row["definition_zh"]))
            self.add(c, SKOS.definition, en(row["definition_en"]))
            self.source_of(c, row)
            if row["broader"]:
                if (row["scheme"], row["broader"]) not in known:
                    raise row.error(f"broader concept {row['broader']!r} is not in scheme {row['scheme']!r}")
                broader = iris.concept(row["scheme"], row["broader"])
                self.add(c, SKOS.broader, broader)
                self.add(broader, SKOS.narrower, c)
            else:
                self.add(c, SKOS.topConceptOf, iris.scheme(row["scheme"]))
                self.add(iris.scheme(row["scheme"]), SKOS.hasTopConcept, c)
            if row["line"]:
                self.quote(c, row)
            if row["scheme"] == "addressee":
                self.mention_forms[row["quote"]] = c

    def quote(self, subject: URIRef, row: Row) -> None:
        """Tie a curated thing to the words of the line it comes from; the words must really be there."""
        number = int(row["line"]) if row["line"].isdigit() else 0
        if number not in self.notice.lines:
            raise row.error(f"line {row['line']!r} is not a line of the notice")
        if row["quote"] not in self.notice.line_text(number):
            raise row.error(f"quote {row['quote']!r} is not on line {number} of the notice")
        self.add(subject, DK.quote, zh(row["quote"]))
        self.derived_from(subject, number)

    def emit_organizations(self) -> None:
        for row in self.tables["organizations"]:
            o = iris.organization(row["slug"])
            self.add(o, RDF.type, ORG.Organization)
            self.label(o, row["name_zh"], row["name_en"])
            self.source_of(o, row)
            self.mention_forms[row["name_zh"]] = o

    def documents(self) -> dict[str, Row]:
        rows = {row["role"]: row for row in self.tables["documents"]}
        for role in ("notice", "plan", "implements"):
            if role not in rows:
                raise SourceError(self.tables["documents"][0].path, None, f"no document with role {role!r}")
        return rows

    def organization_named(self, name: str, line: int) -> URIRef:
        for row in self.tables["organizations"]:
            if row["name_zh"] == name:
                return iris.organization(row["slug"])
        raise self.notice_error(line, f"{name!r} is not in graph/tables/organizations.csv")

    def emit_documents(self) -> None:
        n, rows = self.notice, self.documents()
        notice, plan, policy = (iris.document(rows[r]["slug"]) for r in ("notice", "plan", "implements"))
        for s, kind, row, title in (
            (notice, DK.Notice, rows["notice"], n.title.value),
            (plan, DK.WorkPlan, rows["plan"], n.plan_title.value),
            (policy, DK.Opinion, rows["implements"], n.implements.value[1]),
        ):
            self.add(s, RDF.type, kind)
            self.add(s, RDF.type, DK.PolicyDocument)
            self.label(s, title, row["title_en"])
            self.add(s, DCTERMS.title, zh(title))
            self.add(s, DCTERMS.title, en(row["title_en"]))
            self.add(s, DCTERMS.language, LANGUAGE_ZH)
            self.source_of(s, row)
        self.add(notice, DCTERMS.identifier, Literal(n.number.value))
        self.add(notice, DCTERMS.issued, Literal(n.date.value, datatype=XSD.date))
        issuer = self.organization_named(n.issuer.value, n.issuer.line)
        self.add(notice, DK.issuer, issuer)
        self.add(notice, DCTERMS.publisher, issuer)
        self.add(notice, DK.publicationStatus, zh(n.status.value))
        self.add(notice, DK.issuesPlan, plan)
        self.add(notice, DK.statedUnitCount, count(n.unit_total.value))
        self.add(notice, DK.statedRecipientCount, count(n.county_total.value))
        self.add(notice, DK.statedPairedUnitCount, count(n.paired_total.value))
        self.add(notice, DK.statedLeadCount, count(len(n.leads.value)))
        for concept in self.concepts_in("addressee"):
            self.add(notice, DK.addressee, concept)
        self.derived_from(
            notice,
            *n.title_lines,
            n.number.line,
            n.issuer.line,
            n.date.line,
            n.status.line,
            n.unit_total.line,
        )
        self.add(plan, DCTERMS.isPartOf, notice)
        self.add(notice, DCTERMS.hasPart, plan)
        self.add(plan, DK.approvedBy, self.organization_named(n.approval.value, n.approval.line))
        self.add(plan, DK.implements, policy)
        self.derived_from(plan, *n.plan_title_lines, n.approval.line, n.implements.line)
        self.add(policy, DCTERMS.identifier, Literal(n.implements.value[0]))
        self.add(policy, DK.issuer, self.organization_named("国务院", n.implements.line))
        self.derived_from(policy, n.implements.line)
        self.mention_forms[n.implements.value[0]] = policy
        self.mention_forms[n.implements.value[1]] = policy

    def concepts_in(self, scheme: str) -> list[URIRef]:
        return [iris.concept(scheme, r["slug"]) for r in self.tables["concepts"] if r["scheme"] == scheme]

    def emit_text(self) -> None:
        """Every non-blank line and every section of the plan, so that provenance has something to point at."""
        n = self.notice
        notice, plan = (
            iris.document(self.documents()["notice"]["slug"]),
            iris.document(self.documents()["plan"]["slug"]),
        )
        titles = {row["path"]: row for row in self.tables["sections"]}
        section_of_line = {}
        for section in n.sections:
            if section.path not in titles:
                raise self.notice_error(
                    section.heading_line, f"section {section.path} has no row in graph/tables/sections.csv"
                )
            s = iris.section(section.path)
            parent = iris.section(section.parent) if section.parent else plan
            self.add(s, RDF.type, DK.Section)
            number_en = f"({section.order}) " if section.parent else f"{section.order}. "
            label_zh = (
                f"{section.number}{section.title}" if section.parent else f"{section.number}、{section.title}"
            )
            self.label(s, label_zh, number_en + titles[section.path]["title_en"])
            self.add(s, DCTERMS.title, zh(section.title))
            self.add(s, DCTERMS.title, en(titles[section.path]["title_en"]))
            self.add(s, DK.sectionNumber, Literal(section.number))
            self.add(s, DK.order, Literal(section.order, datatype=XSD.positiveInteger))
            self.add(s, DK.headingLine, iris.line(section.heading_line))
            self.add(s, DCTERMS.isPartOf, parent)
            self.add(parent, DK.hasSection, s)
            self.source_of(s, titles[section.path])
            for number in section.lines:
                section_of_line[number] = s
        for path in set(titles) - {section.path for section in n.sections}:
            raise titles[path].error(f"section {path} is not in the notice")
        for number, line in n.lines.items():
            s = iris.line(number)
            self.add(s, RDF.type, DK.Line)
            self.label(s, f"第{number}行", f"Line {number}")
            self.add(s, DK.lineNumber, Literal(number, datatype=XSD.positiveInteger))
            self.add(s, DK.text, zh(line.text))
            container = section_of_line.get(number, plan if number >= n.plan_start else notice)
            self.add(s, DCTERMS.isPartOf, container)
            self.add(notice, DK.hasLine, s)

    def emit_programme(self) -> None:
        n, rows = self.notice, {row["key"]: row for row in self.tables["programme"]}
        programme = iris.programme()
        start, end = n.period.value
        earlier, current = iris.phase(str(n.since.value)), iris.phase(f"{start}-{end}")
        for s, key, kind in (
            (programme, "programme", DK.Programme),
            (earlier, "earlier-phase", DK.ProgrammePhase),
            (current, "current-phase", DK.ProgrammePhase),
        ):
            if key not in rows:
                raise SourceError(self.tables["programme"][0].path, None, f"no row with key {key!r}")
            self.add(s, RDF.type, kind)
            self.label(s, rows[key]["label_zh"], rows[key]["label_en"])
            self.source_of(s, rows[key])
        self.derived_from(programme, n.since.line, n.period.line)
        for phase in (earlier, current):
            self.add(phase, DK.phaseOf, programme)
        self.add(earlier, DK.startYear, Literal(str(n.since.value), datatype=XSD.gYear))
        self.derived_from(earlier, n.since.line)
        self.add(current, DK.startYear, Literal(str(start), datatype=XSD.gYear))
        self.add(current, DK.endYear, Literal(str(end), datatype=XSD.gYear))
        self.add(current, DK.followsPhase, earlier)
        self.add(current, DK.establishedBy, iris.document(self.documents()["notice"]["slug"]))
        self.derived_from(current, n.period.line)

    # -- divisions -------------------------------------------------------------------------------
    def emit_divisions(self) -> None:
        by_name = {row["name_zh"]: row for row in self.tables["divisions"]}
        for row in self.tables["divisions"]:
            self.resolve_division(row, by_name)
        recipients = {(p.county, p.city): p for p in self.notice.pairings}
        for key, pairing in recipients.items():
            if key not in self.divisions:
                raise self.notice_error(
                    pairing.line, f"county {key[0]!r} of {key[1]} has no row in graph/tables/divisions.csv"
                )
        for city, fact in self.notice.city_counts.items():
            division = self.division_named(city, fact.line)
            self.add(division.iri, DK.statedRecipientCount, count(fact.value))
            self.derived_from(division.iri, fact.line)
        for key, division in self.divisions.items():
            row = division.row
            if row["level"] == "county" and key not in recipients:
                raise row.error(f"{row['name_zh']} is not a recipient county in the notice")
            self.emit_division(division, recipients.get(key))
        self.check_divisions_linkset()

    def division_named(self, name: str, line: int) -> Division:
        matches = [d for (n, _), d in self.divisions.items() if n == name]
        if len(matches) != 1:
            raise self.notice_error(
                line, f"{name!r} matches {len(matches)} rows of graph/tables/divisions.csv"
            )
        return matches[0]

    def resolve_division(self, row: Row, by_name: dict[str, Row]) -> Division:
        key = (row["name_zh"], row["parent_zh"])
        if key in self.divisions:
            return self.divisions[key]
        if row["level"] not in LEVEL_CLASS:
            raise row.error(f"level {row['level']!r} is not one of {', '.join(LEVEL_CLASS)}")
        parent = None
        if row["level"] != "province":
            if row["parent_zh"] not in by_name:
                raise row.error(f"parent {row['parent_zh']!r} has no row of its own")
            parent = self.resolve_division(by_name[row["parent_zh"]], by_name)
        link = self.division_links.get(key)
        if link is None:
            code = self.diagnose(row, parent)
        else:
            code = self.checked_code(row, link, parent)
        if not self.reference.in_use(code, self.notice_year):
            raise row.error(f"code {code} of {row['name_zh']} was not in use in {self.notice_year}")
        division = Division(row, code, iris.division(code), parent, link)
        self.divisions[key] = division
        return division

    def diagnose(self, row: Row, parent: Division | None) -> str:
        """A row the divisions linkset lacks: say what link discovery finds for it, and fail (later if it matches)."""
        found = DivisionLinker(self.reference, self.notice_year).link(
            row["name_zh"], row["parent_zh"], row["level"], parent.code if parent else ""
        )
        if found.status != "matched":
            raise row.error(
                f"{found.evidence} ({found.status}; no row in {relative(self.linksets.directory)}"
                "/divisions.csv)"
            )
        self.unlinked.append(row)
        return found.code

    def checked_code(self, row: Row, link: Row, parent: Division | None) -> str:
        """The code the divisions linkset gives a row, once it agrees with the table and the reference data."""
        name = row["name_zh"]
        if link["status"] != "matched":
            raise link.error(
                f"{name} is {link['status']!r}, not 'matched': {link['evidence']}; correct "
                f"{relative(row.path)}:{row.line} and rerun `duikou link divisions`"
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
        if self.reference.nbs_name(code) != name:
            raise link.error(f"the 2023 tables name {code} {self.reference.nbs_name(code)!r}, not {name!r}")
        expected = {
            "subject": str(iris.division(code)),
            "target": str(iris.nbs_entry(code)),
            "statistical_code": statistical_code(code),
        }
        for column, value in expected.items():
            if link[column] != value:
                raise link.error(f"{column} {link[column]!r} of {name} should be {value!r}")
        for former in link["former_codes"].split() + link["predecessors"].split():
            if not any(r.code == former for rows in self.reference.predecessors.values() for r in rows):
                raise link.error(
                    f"{former} is not a replaced code of {relative(self.reference.history_path)}"
                )
        return code

    def check_divisions_linkset(self) -> None:
        """Every table row has its row in the divisions linkset, and the linkset has no other rows."""
        path = relative(self.linksets.directory / "divisions.csv")
        for row in self.unlinked:
            raise row.error(
                f"{row['name_zh']} has no row in {path}: run `duikou link divisions` and review it"
            )
        for key, link in self.division_links.items():
            if key not in self.divisions:
                raise link.error(
                    f"{key[0]} ({key[1] or '-'}) is not a row of graph/tables/divisions.csv: "
                    "rerun `duikou link divisions`"
                )

    def emit_division(self, division: Division, pairing: Pairing | None) -> None:
        row, s = division.row, division.iri
        self.add(s, RDF.type, DK.AdministrativeDivision)
        self.add(s, RDF.type, LEVEL_CLASS[row["level"]])
        self.label(s, row["name_zh"], row["name_en"])
        self.add(s, SKOS.altLabel, Literal(row["pinyin"], lang="zh-Latn-pinyin"))
        self.add(s, SKOS.notation, Literal(division.code))
        self.add(s, DK.statisticalCode, Literal(statistical_code(division.code)))
        self.source_of(s, row)
        self.add(s, DCTERMS.source, self.sources["nbs-2023"])
        self.add(s, DCTERMS.source, self.sources["areacodes"])
        self.emit_code_entry(division)
        if division.link is not None:
            for former in division.link["former_codes"].split():
                self.add(s, DK.formerCode, iris.division_code(former))
        self.mention_forms[row["name_zh"]] = s
        if row["level"] == "province":
            self.mention_forms[row["name_zh"].removesuffix("省")] = s
        if row["level"] == "city":
            self.add(s, DK.inProvince, division.parent.iri)
        if row["level"] == "county":
            suffix = row["name_zh"][-1]
            if suffix not in COUNTY_TYPE:
                raise row.error(f"cannot tell the county type of {row['name_zh']!r} from its last character")
            self.add(s, DK.countyType, iris.concept("county-type", COUNTY_TYPE[suffix]))
            self.add(s, DK.inCity, division.parent.iri)
            self.add(s, DK.inProvince, division.parent.parent.iri)
        if pairing:
            self.add(s, RDF.type, DK.RecipientCounty)

    def emit_code_entry(self, division: Division) -> None:
        """The division's entry in the NBS 2023 codes, as a resource of its own (there is no official IRI)."""
        code, entry = division.code, iris.nbs_entry(division.code)
        self.add(division.iri, DK.codeListEntry, entry)
        self.add(entry, RDF.type, DK.CodeListEntry)
        number = statistical_code(code)
        self.label(
            entry,
            f"统计用区划代码（2023年）{number} {self.reference.nbs_name(code)}",
            f"NBS statistical division code (2023) {number}",
        )
        self.add(entry, SKOS.notation, Literal(code))
        self.add(entry, DK.statisticalCode, Literal(number))
        self.add(entry, DK.recordedName, zh(self.reference.nbs_name(code)))
        self.add(entry, VOID.inDataset, iris.dataset("nbs-2023"))
        self.add(entry, DCTERMS.source, self.sources["nbs-2023"])

    def emit_former_codes(self) -> None:
        """Each former code and other predecessor named in the divisions linkset, as the code history records it."""
        current = {d.code: d for d in self.divisions.values()}
        listed: dict[str, Row] = {}
        for division in self.divisions.values():
            if division.link is not None:
                for code in division.link["former_codes"].split() + division.link["predecessors"].split():
                    listed.setdefault(code, division.link)
        for code, link in sorted(listed.items()):
            if code in current:
                raise link.error(
                    f"{code} is a former code and also the code of {current[code].row['name_zh']}"
                )
            row = self.former_row(code, set(current) | set(listed), link)
            s = iris.division_code(code)
            self.add(s, RDF.type, DK.FormerDivisionCode)
            self.label(
                s,
                f"{row.name}（区划代码{code}，{row.first_year}—{row.changed_year}年）",
                f"Division code {code} ({row.first_year}–{row.changed_year})",
            )
            self.add(s, SKOS.notation, Literal(code))
            self.add(s, DK.recordedName, zh(row.name))
            self.add(s, DK.introducedIn, Literal(str(row.first_year), datatype=XSD.gYear))
            self.add(s, DK.withdrawnIn, Literal(str(row.changed_year), datatype=XSD.gYear))
            for successor in row.successors:
                if successor in current:
                    self.add(s, DK.replacedBy, current[successor].iri)
                elif successor in listed:
                    self.add(s, DK.replacedBy, iris.division_code(successor))
            self.add(s, DCTERMS.source, self.sources["areacodes"])

    def former_row(self, code: str, in_graph: set[str], link: Row) -> HistoryRow:
        """The one withdrawn row of `code` in the code history that was replaced by a code of the graph."""
        rows = {
            r
            for rows in self.reference.predecessors.values()
            for r in rows
            if r.code == code and set(r.successors) & in_graph
        }
        if len(rows) != 1:
            raise link.error(
                f"{len(rows)} rows of {relative(self.reference.history_path)} replace {code} "
                "by a code of the graph"
            )
        return rows.pop()

    def emit_publication(self) -> None:
        """Where the documents were published: a name always, a page only where a source gives its address."""
        documents = {str(s) for s in self.g.subjects(RDF.type, DK.PolicyDocument)}
        for row in self.linksets.documents:
            s = URIRef(row["subject"])
            if row["subject"] not in documents:
                raise row.error(f"{row['subject']} is not a document of the graph")
            if str(self.g.value(s, DCTERMS.identifier)) != row["identifier"]:
                raise row.error(f"identifier {row['identifier']!r} is not that of {row['subject']}")
            if row["published_in_zh"]:
                self.add(s, DK.publishedIn, zh(row["published_in_zh"]))
            if row["published_in_en"]:
                self.add(s, DK.publishedIn, en(row["published_in_en"]))
            if (row["status"] == "linked") != bool(row["page"]) or (row["page"] and not row["source"]):
                raise row.error(
                    "a page is given exactly when the status is 'linked', and then with its source"
                )
            if row["page"]:
                self.add(s, FOAF.page, URIRef(row["page"]))

    def emit_wikidata_links(self) -> None:
        """skos:exactMatch to the Wikidata items of the `verified` rows of the Wikidata linkset, and no others."""
        ours = {
            str(s): s
            for klass in (DK.AdministrativeDivision, DK.SupportingUnit)
            for s in self.g.subjects(RDF.type, klass)
        }
        seen: dict[str, int] = {}
        for row in self.linksets.wikidata:
            subject = ours.get(row["subject"])
            if subject is None:
                raise row.error(f"{row['subject']} is not a division or unit of the graph")
            if zh(row["name_zh"]) not in set(self.g.objects(subject, SKOS.prefLabel)):
                raise row.error(f"{row['subject']} is not named {row['name_zh']!r}")
            if row["subject"] in seen:
                raise row.error(f"{row['subject']} is also on line {seen[row['subject']]}")
            seen[row["subject"]] = row.line
            if row["status"] == "verified":
                if not row["qid"] or not row["retrieved"]:
                    raise row.error("a verified link has its item and the date it was retrieved")
                self.add(subject, SKOS.exactMatch, WD[row["qid"]])

    def emit_zones(self) -> None:
        for row in self.tables["zones"]:
            within = [d for (name, _), d in self.divisions.items() if name == row["within_zh"]]
            if len(within) != 1:
                raise row.error(f"{row['within_zh']!r} is not one division of graph/tables/divisions.csv")
            if not row["statistical_code"].startswith(within[0].code):
                raise row.error(f"code {row['statistical_code']} does not start with {within[0].code}")
            s = iris.zone(row["statistical_code"])
            self.add(s, RDF.type, DK.DevelopmentZone)
            self.label(s, row["name_zh"], row["name_en"])
            self.add(s, DK.statisticalCode, Literal(row["statistical_code"]))
            self.add(s, DK.withinDivision, within[0].iri)
            self.source_of(s, row)
            self.quote(s, row)
            self.mention_forms[row["name_zh"]] = s

    # -- units and pairings ----------------------------------------------------------------------
    def emit_units(self) -> None:
        rows = self.tables["units"]
        slugs = {row["slug"] for row in rows}
        categories = {r["slug"] for r in self.tables["concepts"] if r["scheme"] == "unit-category"}
        for row in rows:
            if row["name_in_notice"] in self.units:
                raise row.error(
                    f"name {row['name_in_notice']!r} is also on line {self.units[row['name_in_notice']].line}"
                )
            self.units[row["name_in_notice"]] = row
        named = {name: p.line for p in self.notice.pairings for name in p.units}
        named.update(dict.fromkeys(self.notice.leads.value, self.notice.leads.line))
        for name, line in named.items():
            if name not in self.units:
                raise self.notice_error(line, f"unit {name!r} has no row in graph/tables/units.csv")
        leads = set(self.notice.leads.value)
        for row in rows:
            if row["name_in_notice"] not in named:
                raise row.error(f"unit {row['name_in_notice']!r} is not named in the notice")
            if row["category"] not in categories:
                raise row.error(f"category {row['category']!r} is not a unit-category concept")
            if row["administered_by"] and row["administered_by"] not in slugs:
                raise row.error(f"administered_by {row['administered_by']!r} is not a unit slug")
            s = iris.unit(row["slug"])
            self.add(s, RDF.type, DK.SupportingUnit)
            self.add(s, RDF.type, ORG.Organization)
            if row["name_in_notice"] in leads:
                self.add(s, RDF.type, DK.LeadDepartment)
            self.label(s, row["name_zh"], row["name_en"])
            self.add(s, DK.nameInNotice, zh(row["name_in_notice"]))
            self.add(s, SKOS.altLabel, zh(row["name_in_notice"]))
            if row["acronym"]:
                self.add(s, DK.acronym, Literal(row["acronym"]))
                self.add(s, SKOS.altLabel, Literal(row["acronym"]))
            self.add(s, DK.category, iris.concept("unit-category", row["category"]))
            if row["administered_by"]:
                self.add(s, DK.administeredBy, iris.unit(row["administered_by"]))
            self.source_of(s, row)
            self.mention_forms[row["name_in_notice"]] = s
            self.mention_forms.setdefault(row["name_zh"], s)

    def emit_assignments(self) -> None:
        notice = iris.document(self.documents()["notice"]["slug"])
        start, end = self.notice.period.value
        zones = {row["name_zh"]: iris.zone(row["statistical_code"]) for row in self.tables["zones"]}
        for pairing in self.notice.pairings:
            county = self.divisions[(pairing.county, pairing.city)]
            for name in pairing.units:
                row = self.units[name]
                unit, a = iris.unit(row["slug"]), iris.assignment(row["slug"])
                self.add(a, RDF.type, DK.Assignment)
                self.add(a, DK.supportingUnit, unit)
                self.add(a, DK.recipient, county.iri)
                self.add(a, DK.establishedBy, notice)
                self.add(a, DK.phase, iris.phase(f"{start}-{end}"))
                self.label(
                    a, f"{name}对口支援{pairing.county}", f"{row['name_en']} supports {county.row['name_en']}"
                )
                self.derived_from(a, pairing.line)
                if pairing.zone:
                    if pairing.zone not in zones:
                        raise self.notice_error(
                            pairing.line, f"{pairing.zone!r} has no row in graph/tables/zones.csv"
                        )
                    self.add(a, DK.includesArea, zones[pairing.zone])
                self.add(unit, DK.supports, county.iri)
                self.add(county.iri, DK.supportedBy, unit)

    def emit_duties(self) -> None:
        for row in self.tables["concepts"]:
            for holder in row["holders"].split():
                for s in self.holders(holder, row):
                    self.add(s, DK.hasDuty, iris.concept(row["scheme"], row["slug"]))

    def holders(self, holder: str, row: Row) -> list[URIRef]:
        kind, _, name = holder.partition(":")
        if holder == "units:all":
            return [iris.unit(r["slug"]) for r in self.tables["units"]]
        if holder == "recipients:all":
            return sorted({self.divisions[(p.county, p.city)].iri for p in self.notice.pairings})
        if kind == "unit" and name in {r["slug"] for r in self.tables["units"]}:
            return [iris.unit(name)]
        if kind == "division" and any(n == name for n, _ in self.divisions):
            return [d.iri for (n, _), d in self.divisions.items() if n == name]
        raise row.error(f"holder {holder!r} is not unit:SLUG, division:NAME, units:all or recipients:all")

    def emit_mentions(self) -> None:
        """Link each line to the entities it names (longest name first), and each entity back to its lines."""
        forms = sorted(self.mention_forms, key=len, reverse=True)
        for number, line in self.notice.lines.items():
            text, i = line.text, 0
            while i < len(text):
                form = next((f for f in forms if text.startswith(f, i)), None)
                if form is None:
                    i += 1
                    continue
                entity = self.mention_forms[form]
                self.add(iris.line(number), DK.mentions, entity)
                self.derived_from(entity, number)
                i += len(form)


def build_graph(
    notice: Notice | None = None,
    tables: dict[str, list[Row]] | None = None,
    divisions: DivisionTables | None = None,
    linksets: Linksets | None = None,
) -> Graph:
    """Build the graph from the notice, the curated tables and the linksets (the project's own by default)."""
    return GraphBuilder(
        notice or parse(), tables or load_all(), divisions or DivisionTables(), linksets or Linksets.load()
    ).build()
