"""What the parts of the build share: the graph being built, its inputs, and the names each part has met.

Each module of graph/build adds one kind of thing (concepts, documents, divisions, units, links) through
the helpers here, so that labels, sources and provenance are written one way everywhere.
"""

from dataclasses import dataclass

from rdflib import RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph import iris
from graph.errors import SourceError
from graph.inputs.notice import Notice
from graph.inputs.reference import DivisionTables
from graph.inputs.tables import Row
from graph.links.linksets import Linksets
from graph.namespaces import DK, bind_prefixes


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


class Builder:
    """The graph under construction from the parsed documents (the primary first), the tables and linksets."""

    def __init__(
        self,
        notices: tuple[Notice, ...],
        tables: dict[str, list[Row]],
        reference: DivisionTables,
        linksets: Linksets,
    ):
        self.notices, self.tables, self.reference, self.linksets = notices, tables, reference, linksets
        self.by_slug = {notice.slug: notice for notice in notices}
        self.g = Graph()
        bind_prefixes(self.g)
        self.sources = {row["slug"]: iris.source(row["slug"]) for row in tables["sources"]}
        self.units: dict[str, Row] = {}  # by the name the documents use
        self.divisions: dict[tuple[str, str], Division] = {}  # by (name, parent name)
        self.mention_forms: dict[str, URIRef] = {}
        # the divisions table describes the divisions on the date of the primary document
        self.year = int(notices[0].date.value[:4])

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

    def derived_from(self, subject: URIRef, notice: Notice, *lines: int) -> None:
        for number in lines:
            self.add(subject, PROV.wasDerivedFrom, iris.line(notice.slug, number))

    def notice_named(self, row: Row) -> Notice:
        """The document a table row is about (its `document` column), which the manifest must list."""
        if row["document"] not in self.by_slug:
            raise row.error(f"document {row['document']!r} is not in the manifest")
        return self.by_slug[row["document"]]

    def rows_of(self, table: str, notice: Notice) -> list[Row]:
        """The rows of a per-document table that are about `notice`."""
        return [row for row in self.tables[table] if row["document"] == notice.slug]

    def quote(self, subject: URIRef, row: Row) -> None:
        """Tie a curated thing to the words of the line it comes from; the words must really be there."""
        notice = self.notice_named(row)
        number = int(row["line"]) if row["line"].isdigit() else 0
        if number not in notice.lines:
            raise row.error(f"line {row['line']!r} is not a line of {notice.path.name}")
        if row["quote"] not in notice.line_text(number):
            raise row.error(f"quote {row['quote']!r} is not on line {number} of {notice.path.name}")
        self.add(subject, DK.quote, zh(row["quote"]))
        self.derived_from(subject, notice, number)

    def concepts_in(self, scheme: str) -> list[Row]:
        return [row for row in self.tables["concepts"] if row["scheme"] == scheme]


def notice_error(notice: Notice, line: int, message: str) -> SourceError:
    return SourceError(notice.path, line, message)
