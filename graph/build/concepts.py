"""Add what the curated tables define by themselves: the sources, the concept schemes and their concepts, the
organisations the documents name, and the duties the concepts give to units and divisions."""

import datetime

from rdflib import RDF, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDFS

from graph import iris
from graph.build.context import Builder, en, zh
from graph.inputs.tables import Row
from graph.iris import DATA_LICENSE
from graph.namespaces import DK, SCHEMA

ABOUT = "duikou"  # the source of what the project says about the dataset itself (graph/tables/sources.csv)
ONTOLOGY = "def"  # the ontology's graph (graph/tables/graphs.csv), which the stores load from ontology/


def emit_sources(b: Builder) -> None:
    """Each source: part of the dataset's description of itself."""
    with b.stating(ABOUT):
        for row in b.tables["sources"]:
            s = b.sources[row["slug"]]
            b.add(s, RDF.type, DK.Source)
            b.label(s, row["title_zh"], row["title_en"])
            b.add(s, DCTERMS.publisher, Literal(row["publisher"]))
            b.add(s, RDFS.comment, en(row["note"]))
            emit_source_address(b, s, row)


def emit_graphs(b: Builder) -> None:
    """Describe each named graph of graph/tables/graphs.csv that holds statements (the last step, when that is
    known; the ontology's is always loaded beside the data): its titles, the sources it holds, their
    publishers, its licence. A graph no source fills (the ontology's) is the project's."""
    held: dict[URIRef, list[Row]] = {}
    for row in b.tables["sources"]:
        held.setdefault(b.graph_of_source[row["slug"]], []).append(row)
    filled = {*b.home.values(), iris.graph(ABOUT), iris.graph(ONTOLOGY)}
    with b.stating(ABOUT):
        describe_graphs(b, held, filled)


def describe_graphs(b: Builder, held: dict[URIRef, list[Row]], filled: set[URIRef]) -> None:
    for row in b.tables["graphs"]:
        g = iris.graph(row["slug"])
        if g not in filled:
            continue
        b.add(g, RDF.type, DK.SourceGraph)
        b.label(g, row["short_zh"], row["short_en"])  # the short name a page shows beside a statement
        b.add(g, DCTERMS.title, zh(row["title_zh"]))
        b.add(g, DCTERMS.title, en(row["title_en"]))
        b.add(g, RDFS.comment, en(row["note"]))
        b.add(g, DCTERMS.license, DATA_LICENSE)
        for source in held.get(g) or [r for r in b.tables["sources"] if r["slug"] == ABOUT]:
            b.add(g, DCTERMS.source, b.sources[source["slug"]])
            b.add(g, PROV.wasDerivedFrom, b.sources[source["slug"]])
            b.add(g, DCTERMS.publisher, Literal(source["publisher"]))
    for notice in b.notices:  # a document's graph holds what the document itself states
        b.add(b.graph_for(notice), PROV.wasDerivedFrom, iris.document(notice.slug))


def emit_source_address(b: Builder, s: URIRef, row: Row) -> None:
    """Where a source can be re-checked (its address, version and date), or an explicit "no URL known"."""
    if not row["url"] and not row["url_note"].startswith("no URL known"):
        raise row.error("a source without a url says so: url_note starts with 'no URL known'")
    if row["url"]:
        if not row["url"].startswith("https://"):
            raise row.error(f"url {row['url']!r} is not an https:// address")
        b.add(s, SCHEMA.url, URIRef(row["url"]))
    if row["url_note"]:
        b.add(s, SKOS.editorialNote, en(row["url_note"]))
    if row["version"]:
        b.add(s, OWL.versionInfo, Literal(row["version"]))
    if row["date"]:
        try:
            datetime.date.fromisoformat(row["date"])
        except ValueError:
            raise row.error(f"date {row['date']!r} is not YYYY-MM-DD") from None
        b.add(s, DCTERMS.date, Literal(row["date"], datatype=XSD.date))


def emit_concepts(b: Builder) -> None:
    schemes = {row["slug"]: row for row in b.tables["schemes"]}
    with b.stating(ABOUT):  # the schemes are the project's arrangement of the concepts
        for slug, row in schemes.items():
            s = iris.scheme(slug)
            b.add(s, RDF.type, SKOS.ConceptScheme)
            b.label(s, row["label_zh"], row["label_en"])
            b.add(s, SKOS.definition, zh(row["definition_zh"]))
            b.add(s, SKOS.definition, en(row["definition_en"]))
    known = {(row["scheme"], row["slug"]) for row in b.tables["concepts"]}
    for row in b.tables["concepts"]:
        if row["scheme"] not in schemes:
            raise row.error(f"scheme {row['scheme']!r} is not in graph/tables/schemes.csv")
        with b.stating(row):
            emit_concept(b, row, known)


def emit_concept(b: Builder, row: Row, known: set[tuple[str, str]]) -> None:
    """One concept, as its row's source defines it (in that source's graph)."""
    c = iris.concept(row["scheme"], row["slug"])
    b.add(c, RDF.type, SKOS.Concept)
    b.add(c, SKOS.inScheme, iris.scheme(row["scheme"]))
    b.label(c, row["label_zh"], row["label_en"])
    b.add(c, SKOS.definition, zh(row["definition_zh"]))
    b.add(c, SKOS.definition, en(row["definition_en"]))
    b.source_of(c, row)
    if row["broader"]:
        if (row["scheme"], row["broader"]) not in known:
            raise row.error(f"broader concept {row['broader']!r} is not in scheme {row['scheme']!r}")
        broader = iris.concept(row["scheme"], row["broader"])
        b.add(c, SKOS.broader, broader)
        b.add(broader, SKOS.narrower, c)
    else:
        b.add(c, SKOS.topConceptOf, iris.scheme(row["scheme"]))
        b.add(iris.scheme(row["scheme"]), SKOS.hasTopConcept, c)
    if row["line"]:
        b.quote(c, row)
    if row["scheme"] == "addressee":
        b.mention_forms[row["quote"]] = c


def emit_organizations(b: Builder) -> None:
    """Each organisation, as its row's source names it; an English name with a source of its own (a
    translation: `name_en_source`) is stated in that source's graph, and cites it."""
    for row in b.tables["organizations"]:
        o = iris.organization(row["slug"])
        with b.stating(row):
            b.add(o, RDF.type, ORG.Organization)
            b.label_in(o, zh(row["name_zh"]))
            b.source_of(o, row)
        translation = row["name_en_source"]
        if translation and translation not in b.sources:
            raise row.error(f"name_en_source {translation!r} is not in graph/tables/sources.csv")
        with b.stating(translation or row):
            b.label_in(o, en(row["name_en"]))
            if translation:
                b.add(o, DCTERMS.source, b.sources[translation])
        b.mention_forms[row["name_zh"]] = o


def emit_duties(b: Builder) -> None:
    """Who holds each duty, as the concept's row (and its source) says."""
    for row in b.tables["concepts"]:
        with b.stating(row):
            for holder in row["holders"].split():
                for s in holders(b, holder, row):
                    b.add(s, DK.hasDuty, iris.concept(row["scheme"], row["slug"]))


def holders(b: Builder, holder: str, row: Row) -> list[URIRef]:
    kind, _, name = holder.partition(":")
    if holder == "units:all":
        return [iris.unit(r["slug"]) for r in b.tables["units"]]
    if holder == "recipients:all":
        return sorted({b.divisions[(p.county, p.city)].iri for n in b.notices for p in n.pairings})
    if kind == "unit" and name in {r["slug"] for r in b.tables["units"]}:
        return [iris.unit(name)]
    if kind == "division" and any(n == name for n, _ in b.divisions):
        return [d.iri for (n, _), d in b.divisions.items() if n == name]
    raise row.error(f"holder {holder!r} is not unit:SLUG, division:NAME, units:all or recipients:all")
