"""Assemble what an entity page shows from named queries; the templates only lay it out.

Queries per page (each cached for the life of the process by webui.data):
  1. `entity-statements`: every statement in and out, with value labels (the properties' labels come
     from `property-labels`, asked once per process and language);
  2. `entity-provenance`: the lines of the notice its facts come from, with quotes;
  3. at most one class-specific query (webui.entity.page.kinds): a county's units, a city's or province's
     divisions, a line's neighbours, a document's or section's lines.
So 3 at most (5 for the notice, whose page includes its whole text through webui.pages.notice's 3 queries);
webui.entity.page.index finds whether the IRI is in the graph, and its names, in the first one. All are bound
to this entity's IRI, and none lists every entity. The conformance mark reads the
per-process SHACL report (webui.pages.validation), and the cite box `dist/build.json`; neither queries.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from flask import g, url_for
from markupsafe import Markup, escape
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Identifier

from graph.inputs.manifest import load_manifest
from graph.namespaces import DK, compact
from webui import data
from webui.entity.index import Entry
from webui.entity.vocab import external_label
from webui.http.i18n import translate
from webui.state import current
from webui.urls import href, local_path

HIDDEN = {RDF.type, SKOS.prefLabel, RDFS.label, PROV.wasDerivedFrom}  # shown as title, class, provenance
LINKS_OUT = {SKOS.exactMatch, SKOS.closeMatch, OWL.sameAs, RDFS.seeAlso}
TITLE = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
NO_LABELS = (None, None)
FIRST = [
    "skos:altLabel",
    "dk:nameInNotice",
    "dk:acronym",
    "skos:notation",
    "dcterms:identifier",
    "dk:category",
    "dk:countyType",
    "dk:inCity",
    "dk:inProvince",
    "dk:supports",
    "dk:supportedBy",
    "dk:supportingUnit",
    "dk:recipient",
    "dk:text",
    "skos:definition",
    "dk:quote",
    "skos:inScheme",
    "skos:broader",
]


@dataclass(slots=True)
class Source:
    """Where a statement comes from, as a page marks it: the short name of its source's graph, and the link
    that says more (the line of the notice, or every statement of the entity with its source)."""

    graph: URIRef
    label: str
    href: str
    line: int = 0  # the notice's line, where the entity's facts come from that one line


@dataclass(slots=True)
class Value:
    term: Identifier  # an IRI, a literal or a blank node: `term` writes each
    label: str
    place: int = 0  # its place in the notice's order, where the notice gives one (a county's units)
    source: Source | None = None  # the source that states it (None: not asked)

    def __html__(self) -> str:
        """`{{ value }}` in a template writes the term as `term` does (a link named by its label)."""
        return term(self.term, self.label)


@dataclass(slots=True)
class Group:
    property: URIRef
    name: str  # compact name, `dk:inCity`
    label: str
    values: list[Value] = field(default_factory=list)


@dataclass
class EntityPage:
    """Everything one entity page shows; `out`/`incoming` look values up by compact property name."""

    entry: Entry
    label: dict[str, str]
    types: list[Value]
    properties: list[Group]
    incoming_groups: list[Group]
    links_out: list[tuple[str, Value]]
    provenance: list[dict]
    by_via: dict  # pairing or duty IRI (URIRef) → [{line, quote}]
    predicates: dict[str, set[str]] = field(default_factory=dict)  # "out"/"in": every property IRI used
    extras: dict = field(default_factory=dict)
    first: frozenset = frozenset()  # ("out" or "in", compact name): shown at the top, not again below

    @property
    def iri(self) -> URIRef:
        return URIRef(self.entry.iri)

    def out(self, name: str) -> list[Value]:
        return next((group.values for group in self.properties if group.name == name), [])

    def incoming(self, name: str) -> list[Value]:
        return next((group.values for group in self.incoming_groups if group.name == name), [])

    def listed(self, direction: str) -> list[Group]:
        """The groups of "out" or "in" statements the lists below the top show: all but `first`'s."""
        found = self.properties if direction == "out" else self.incoming_groups
        return [group for group in found if (direction, group.name) not in self.first]

    def one(self, name: str) -> Value | None:
        return next(iter(self.out(name)), None)


def term(value, label=None) -> Markup:
    """An RDF term for people: a link to its page (or the bare IRI) named by its label, a literal in its
    language, a blank node as text. A template global, in Python: a page writes a hundred of them, and a
    Jinja macro call costs several times this."""
    if value is None:
        return Markup("")
    kind = type(value).__name__
    if kind == "URIRef":
        target = href(value)
        if target:
            return Markup(f'<a href="{escape(target)}">{escape(label or value)}</a>')
        return Markup(f'<span class="iri">{escape(label or value)}</span>')
    if kind == "Literal":
        lang = f' lang="{escape(value.language)}"' if value.language else ""
        return Markup(f'<span class="literal"{lang}>{escape(value)}</span>')
    return Markup(f'<span class="bnode">{escape(value)}</span>')


def value_label(row: dict) -> str:
    """The value's label, else a literal's text, else the compact form of its IRI."""
    value = row["value"]
    return str(row.get("valueLabel") or (value if isinstance(value, Literal) else compact(str(value))))


def property_labels(lang: str) -> dict[URIRef, tuple]:
    """Each property of the ontology → (its label, its inverse's label) in `lang`, either None: asked
    once per process and language (`property-labels`), not for every statement of every page."""
    found = current().property_labels
    if lang not in found:
        found[lang] = {
            row["property"]: (row.get("label"), row.get("inverseLabel"))
            for row in data.rows("property-labels", lang=lang)
        }
    return found[lang]


def property_label(row: dict, lang: str) -> str:
    """An outgoing property's label: the ontology's, else the reused term's, else its compact name."""
    prop = str(row["property"])
    own = property_labels(lang).get(row["property"], NO_LABELS)[0]
    return str(own or external_label(prop, lang) or compact(prop))


def incoming_label(row: dict, lang: str) -> str:
    """Words for an incoming link: the inverse's label ("supported by"), else "… whose X is this"."""
    prop = str(row["property"])
    inverse = property_labels(lang).get(row["property"], NO_LABELS)[1]
    own = inverse or external_label(prop, lang, incoming=True)
    return str(own) if own else translate("entity.incoming.of").format(label=property_label(row, lang))


def groups(
    rows: list[dict], lang: str, incoming: bool = False, sources: "Sources | None" = None
) -> list[Group]:
    """Rows of one direction grouped by property, best-known properties first, values in `lang` first, then in
    the notice's order where it gives one, then by label; each value with its source where `sources` says."""
    found: dict[URIRef, Group] = {}
    for row in rows:
        prop = row["property"]
        group = found.get(prop)
        if group is None:
            if not incoming and prop in HIDDEN:
                continue
            label = incoming_label(row, lang) if incoming else property_label(row, lang)
            group = found[prop] = Group(prop, compact(str(prop)), label)
        source = sources.of(row) if sources else None
        group.values.append(Value(row["value"], value_label(row), int(row.get("position", 0)), source))
    for group in found.values():
        group.values.sort(
            key=lambda v: (getattr(v.term, "language", None) not in (None, lang), v.place, v.label)
        )
    rank = {name: i for i, name in enumerate(FIRST)}
    return sorted(found.values(), key=lambda grp: (rank.get(grp.name, len(rank)), grp.label))


class Sources:
    """The source marker of each statement of one page: its graph's short name, and for the notice's own
    statements the line that states that one, where it is known for sure; else a link to the answer of
    `statement-sources` for the entity (every statement with its graph and sources).

    The line of a statement of the notice: a duty's or a pairing's own line (`by_via`) for a statement whose
    value is that duty or pairing; the page's one pairing line for who supports whom; the entity's one line of
    its own for the names the notice uses. Anything else gets no line rather than a wrong one."""

    PAIRING = frozenset({DK.supports, DK.supportedBy})
    NAMES = frozenset({DK.nameInNotice, SKOS.altLabel, RDF.type})

    def __init__(self, iri: str, lines: list[dict], by_via: dict, incoming: list[dict]):
        self.labels = graph_labels(g.get("lang", "zh"))
        self.details = url_for("named.page", name="statement-sources", entity=iri, lang=g.get("lang", "zh"))
        self.by_via = by_via
        own = [line for line in lines if line["own"]]
        self.own = own[0] if len(own) == 1 else None
        pairings = {
            found["line"]["number"]: found["line"]
            for row in incoming
            if row["property"] in (DK.supportingUnit, DK.recipient)
            for found in by_via.get(row["value"], [])
        }
        self.pairing = next(iter(pairings.values())) if len(pairings) == 1 else None
        self.documents = document_graphs()

    def of(self, row: dict) -> Source | None:
        graph = row.get("graph")
        if graph is None:
            return None
        label = self.labels.get(graph) or compact(str(graph))
        line = self.line_of(row) if graph in self.documents else None
        if line:
            return Source(graph, label, line["href"], line["number"])
        return Source(graph, label, self.details)

    def line_of(self, row: dict) -> dict | None:
        """The one line of the notice that states this statement, or None when that is not known for sure."""
        vias = {found["line"]["number"]: found["line"] for found in self.by_via.get(row["value"], [])}
        if len(vias) == 1:
            return next(iter(vias.values()))
        if row["property"] in self.PAIRING:
            return self.pairing
        if row["property"] in self.NAMES:
            return self.own
        return None


def graph_labels(lang: str) -> dict[URIRef, str]:
    """Each source graph's short name in `lang`: asked once per process and language (`graph-labels`)."""
    found = current().graph_labels
    if lang not in found:
        found[lang] = {row["graph"]: str(row["label"]) for row in data.rows("graph-labels", lang=lang)}
    return found[lang]


@lru_cache(maxsize=1)
def document_graphs() -> frozenset[URIRef]:
    """The named graphs of the documents of the manifest: what a document itself states."""
    return frozenset(document.graph for document in load_manifest())


def title(rows: list[dict]) -> dict[str, str]:
    """The entity's name in zh and en: skos:prefLabel, then rdfs:label, then dcterms:title."""
    best: dict[str, tuple[int, str]] = {}  # language → (rank of its property, name)
    for row in rows:
        value, prop = row["value"], row["property"]
        if prop in TITLE and isinstance(value, Literal) and value.language in ("zh", "en"):
            rank = TITLE.index(prop)
            if rank <= best.get(value.language, (len(TITLE), ""))[0]:
                best[value.language] = (rank, str(value))
    return {lang: name for lang, (_, name) in best.items()}


def line_anchor(line: str) -> str:
    """`…/line/26` → `/page/document/<notice>#line-26`, the line on its document's page."""
    local = local_path(line) or ""
    document, found, number = local.rpartition("/line/")
    return f"{document}#line-{number}" if found else local


def highlight(text: str, quotes: list[str]) -> list[tuple[str, bool]]:
    """The text cut into (part, quoted?) pieces, so that templates mark the quoted words safely."""
    spans = sorted((text.find(q), text.find(q) + len(q)) for q in quotes if q and q in text)
    pieces, at = [], 0
    for start, end in spans:
        if start >= at:
            pieces += [(text[at:start], False), (text[start:end], True)]
            at = end
    return [p for p in [*pieces, (text[at:], False)] if p[0]]


def provenance(iri: str) -> tuple[list[dict], dict[str, list[dict]]]:
    """The notice lines behind the entity's facts, in order; and by pairing or duty, each line with the
    words quoted for that one (a duty's dk:quote)."""
    lines: dict[str, dict] = {}
    by_via: dict = {}
    for row in data.rows("entity-provenance", iri=iri):
        line = lines.setdefault(
            str(row["line"]),
            {
                "line": row["line"],
                "number": int(row["number"]),
                "text": str(row["text"]),
                "href": line_anchor(str(row["line"])),
                "quotes": [],
                "via": [],
            },
        )
        if "quote" in row and str(row["quote"]) not in line["quotes"]:
            line["quotes"].append(str(row["quote"]))
        via = row.get("via")
        line["own"] = line.get("own", False) or via is None or str(via) == iri  # the entity's own source
        if via is not None and str(via) != iri:
            line["via"].append(Value(via, str(row.get("viaLabel") or compact(str(via)))))
            by_via.setdefault(via, []).append(
                {"line": line, "quote": str(row["quote"]) if "quote" in row else None}
            )
    ordered = sorted(lines.values(), key=lambda line: line["number"])
    for line in ordered:
        line["pieces"] = highlight(line["text"], line["quotes"])
    return ordered, by_via


def links_out(rows: list[dict], lang: str) -> list[tuple[str, Value]]:
    """Statements pointing outside this site (Wikidata, code lists, licences): any http(s) IRI not ours
    (href gives such an IRI itself, and our own a local path)."""
    found = []
    for row in rows:
        value = row["value"]
        if not isinstance(value, URIRef) or row["property"] == RDF.type:
            continue
        if row["property"] in LINKS_OUT or href(value) == str(value):
            found.append((property_label(row, lang), Value(value, value_label(row))))
    return found


def assemble(entry: Entry) -> EntityPage:
    """The page of one existing entity, in the request's language."""
    lang = g.get("lang", "zh")
    out: list[dict[str, Identifier]] = []
    incoming: list[dict[str, Identifier]] = []
    for row in data.rows("entity-statements", iri=entry.iri):
        (out if str(row["direction"]) == "out" else incoming).append(row)
    types = [Value(r["value"], value_label(r)) for r in out if r["property"] == RDF.type]
    lines, by_via = provenance(entry.iri)
    sources = Sources(entry.iri, lines, by_via, incoming)
    predicates = {"out": {str(r["property"]) for r in out}, "in": {str(r["property"]) for r in incoming}}
    return EntityPage(
        entry,
        title(out),
        types,
        groups(out, lang, sources=sources),
        groups(incoming, lang, incoming=True, sources=sources),
        links_out(out, lang),
        lines,
        by_via,
        predicates,
    )
