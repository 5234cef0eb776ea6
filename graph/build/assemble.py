"""Join the parsed documents with the curated tables and the linksets, and emit the graph.

The documents say who supports whom and which lines say it; the tables say what each name means (full
names, English names, categories, codes). A name on one side with no partner on the other is a
SourceError naming the file and line, never a silent gap. Each step below adds one kind of thing.
"""

from collections.abc import Sequence
from typing import NamedTuple

from rdflib import Graph, URIRef

from graph.build.changes import emit_changes
from graph.build.concepts import emit_concepts, emit_duties, emit_graphs, emit_organizations, emit_sources
from graph.build.context import Builder
from graph.build.divisions import emit_divisions, emit_zones
from graph.build.documents import emit_documents, emit_mentions, emit_programmes, emit_publication, emit_text
from graph.build.linked import emit_former_codes, emit_wikidata_links
from graph.build.units import emit_assignments, emit_units
from graph.inputs.documents import read_documents
from graph.inputs.notice import Notice
from graph.inputs.reference import DivisionTables
from graph.inputs.tables import Row, load_all
from graph.links.linksets import Linksets


class Built(NamedTuple):
    """The built graph: the union of the named graphs, and each source's statements in its own graph."""

    union: Graph
    graphs: dict[URIRef, Graph]


def assemble(b: Builder) -> Built:
    """Every step in its order: what a step names (`mention_forms`, divisions, units) the later ones use."""
    emit_sources(b)
    emit_concepts(b)
    emit_organizations(b)
    for notice in b.notices:
        emit_documents(b, notice)
    emit_publication(b)
    for notice in b.notices:
        emit_text(b, notice)
    emit_programmes(b)
    emit_divisions(b)
    emit_zones(b)
    emit_units(b)
    for notice in b.notices:
        emit_assignments(b, notice)
    emit_duties(b)
    emit_changes(b)
    emit_mentions(b)
    emit_former_codes(b)
    emit_wikidata_links(b)
    emit_graphs(b)
    return Built(b.g, b.named_graphs())


def build_graph(
    notices: Notice | Sequence[Notice] | None = None,
    tables: dict[str, list[Row]] | None = None,
    divisions: DivisionTables | None = None,
    linksets: Linksets | None = None,
) -> Graph:
    """The union of `build_sources`' graphs: what every query of the default graph sees."""
    return build_sources(notices, tables, divisions, linksets).union


def build_sources(
    notices: Notice | Sequence[Notice] | None = None,
    tables: dict[str, list[Row]] | None = None,
    divisions: DivisionTables | None = None,
    linksets: Linksets | None = None,
) -> Built:
    """Build the graph from the parsed documents (one notice or several, the primary first; by default every
    document of the manifest), the curated tables and the linksets (the project's own by default), a named
    graph per source."""
    if notices is None:
        notices = read_documents()
    elif isinstance(notices, Notice):
        notices = (notices,)
    builder = Builder(
        tuple(notices), tables or load_all(), divisions or DivisionTables(), linksets or Linksets.load()
    )
    return assemble(builder)
