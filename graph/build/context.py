"""What the parts of the build share: the graph being built, its inputs, and the names each part has met.

Each module of graph/build adds one kind of thing (concepts, documents, divisions, units, links) through
the helpers here, so that labels, sources and provenance are written one way everywhere.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rdflib import RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph import iris
from graph.errors import BuildError, SourceError
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
        self.g = Graph()  # the union of the named graphs, which the later steps read
        bind_prefixes(self.g)
        self.sources = {row["slug"]: iris.source(row["slug"]) for row in tables["sources"]}
        self.graph_of_source = graphs_of_sources(tables, notices)
        self.home: dict[tuple, URIRef] = {}  # each triple's one named graph
        self.into: URIRef | None = None  # where `add` writes: the graph of the source being read
        self.units: dict[str, Row] = {}  # by the name the documents use
        self.divisions: dict[tuple[str, str], Division] = {}  # by (name, parent name)
        self.mention_forms: dict[str, URIRef] = {}
        # the divisions table describes the divisions on the date of the primary document
        self.year = int(notices[0].date.value[:4])

    def add(self, s, p, o) -> None:
        """State a triple in the graph of the source being read. A triple is in one graph only: where two
        sources state it (two documents implementing the same policy), it stays with the first to state
        it, in the build's order (the primary document first)."""
        if self.into is None:
            raise RuntimeError("a triple was added outside `with builder.stating(source)`")
        self.home.setdefault((s, p, o), self.into)
        self.g.add((s, p, o))

    @contextmanager
    def stating(self, source: "str | Row | Notice") -> Iterator[None]:
        """Write what follows into the named graph of `source`: a slug of graph/tables/sources.csv, a table
        row (its `source` column) or a document (the graph the manifest gives it)."""
        previous, self.into = self.into, self.graph_for(source)
        try:
            yield
        finally:
            self.into = previous

    def graph_for(self, source: "str | Row | Notice") -> URIRef:
        if isinstance(source, Notice):
            return URIRef(source.graph) if source.graph else iris.graph(source.slug)
        slug = source if isinstance(source, str) else source["source"]
        if slug not in self.graph_of_source:
            message = f"source {slug!r} is not in graph/tables/sources.csv"
            raise source.error(message) if isinstance(source, Row) else BuildError(message)
        return self.graph_of_source[slug]

    def named_graphs(self) -> dict[URIRef, Graph]:
        """The statements of each source, by the IRI of its named graph."""
        graphs: dict[URIRef, Graph] = {}
        for triple, name in self.home.items():
            if name not in graphs:
                graphs[name] = Graph()
                bind_prefixes(graphs[name])
            graphs[name].add(triple)
        return graphs

    def label(self, subject: URIRef, text_zh: str, text_en: str) -> None:
        self.label_in(subject, zh(text_zh))
        self.label_in(subject, en(text_en))

    def label_in(self, subject: URIRef, text: Literal) -> None:
        """One language's name: where the Chinese name is the document's and the English a translation's."""
        for predicate in (SKOS.prefLabel, RDFS.label):
            self.add(subject, predicate, text)

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
        """Tie a curated thing to the words of the line it comes from; the words must really be there. The
        words and the line are the document's statements, in its graph."""
        notice = self.notice_named(row)
        number = int(row["line"]) if row["line"].isdigit() else 0
        if number not in notice.lines:
            raise row.error(f"line {row['line']!r} is not a line of {notice.path.name}")
        if row["quote"] not in notice.line_text(number):
            raise row.error(f"quote {row['quote']!r} is not on line {number} of {notice.path.name}")
        with self.stating(notice):
            self.add(subject, DK.quote, zh(row["quote"]))
            self.derived_from(subject, notice, number)

    def concepts_in(self, scheme: str) -> list[Row]:
        return [row for row in self.tables["concepts"] if row["scheme"] == scheme]


def graphs_of_sources(tables: dict[str, list[Row]], notices: tuple[Notice, ...]) -> dict[str, URIRef]:
    """The named graph of each source: a document's is the manifest's; another's is its `graph` column of
    sources.csv (several sources may share one), else `graph/{slug}`. Each graph has a row of graphs.csv."""
    described = {row["slug"] for row in tables["graphs"]}
    graphs: dict[str, URIRef] = {}
    for notice in notices:
        graph = URIRef(notice.graph) if notice.graph else iris.graph(notice.slug)
        if str(graph).removeprefix(str(iris.graph(""))) not in described:
            raise SourceError(notice.path, None, f"its graph {graph} has no row in graph/tables/graphs.csv")
        graphs.setdefault(notice.source, graph)
    for row in tables["sources"]:
        if row["slug"] in graphs:
            continue
        slug = row.values.get("graph") or row["slug"]
        if slug not in described:
            raise row.error(f"graph {slug!r} has no row in graph/tables/graphs.csv")
        graphs[row["slug"]] = iris.graph(slug)
    return graphs


def notice_error(notice: Notice, line: int, message: str) -> SourceError:
    return SourceError(notice.path, line, message)
