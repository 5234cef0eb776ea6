"""What the results section of a query page shows: the answer as a table for people, or the problem.

All the IRIs of one answer are labelled by ONE query (queries/ui/labels.rq) over a `VALUES ?iri { … }`
block of their escaped terms, in the chosen language, else the other one, else shown as a CURIE.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node
from werkzeug.exceptions import HTTPException

from graph.errors import StoreError
from graph.formats import GRAPH_FORMATS, RESULT_FORMATS
from graph.namespaces import PREFIXES, compact
from graph.store.named import catalogue
from graph.store.result import Result
from graph.store.sparql_text import NOT_KEYWORDS, SAFE_IRI, WHERE
from webui.http import errors
from webui.http.formats import MEDIA_TYPES
from webui.state import current
from webui.urls import href

# literals whose datatype a reader needs not see: text, numbers, truth values, days (the downloads keep it)
PLAIN_TYPES = {
    str(t)
    for t in (
        XSD.string, XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.positiveInteger,
        XSD.nonNegativeInteger, XSD.negativeInteger, XSD.nonPositiveInteger, XSD.int, XSD.long, XSD.short,
        XSD.date, XSD.dateTime, XSD.gYear,
    )
}  # fmt: skip
CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|_")
DOWNLOADS = {"solutions": tuple(RESULT_FORMATS), "graph": tuple(GRAPH_FORMATS)}
EXPLAINED = (400, 403, 413, 429, 502, 503)


@dataclass(frozen=True)
class Problem:
    """Why a query got no answer: the HTTP status and the message shown in the page."""

    status: int
    message: str
    retry_after: float | None = None  # seconds, for 429 and 503
    lang: str = "en"  # the message's language (the engine's and the checks' messages are English)
    choices: tuple = ()  # what a name typed into a form could mean: (label, value to put in the form)

    @property
    def key(self) -> str:
        """The i18n key of the sentence explaining this status."""
        return f"problem.{self.status}" if self.status in EXPLAINED else "problem.other"


def problem_of(error: Exception) -> Problem:
    """The status, message and Retry-After the one error handler would give, for showing in the page."""
    status = errors.status_of(error)
    retry = errors.retry_after(error) if status in (429, 503) else None
    if isinstance(error, HTTPException):
        return Problem(status, error.description or error.name, retry)
    if isinstance(error, errors.WHOLE_MESSAGE):
        return Problem(status, str(error), retry)
    return Problem(status, errors.MESSAGES.get(status, "{error}").format(error=error), retry)


def page_context() -> dict:
    """What every query page states: the settings (its limits) and the formats' media types."""
    return {"settings": current().settings, "media_types": MEDIA_TYPES}


@dataclass(frozen=True)
class Cell:
    """One term as the table shows it: its text, where it links, its language and datatype."""

    kind: str  # iri, literal, bnode or empty
    text: str = ""
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None  # CURIE of a literal's datatype worth showing
    iri: str | None = None


@dataclass
class Table:
    """A whole answer: its columns and rows of cells, or a boolean; `truncated` if the row cap cut it."""

    kind: str  # bindings, boolean or graph
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    titles: list[str] = field(default_factory=list)  # the columns' titles for people (else `?column`)

    @property
    def count(self) -> int:
        return len(self.rows)


@lru_cache(maxsize=4096)
def curie(iri: str) -> str:
    """`dk:supports` for an IRI under a known namespace (`dk:` for the namespace itself), else the IRI."""
    namespace = next((prefix for prefix, ns in PREFIXES.items() if iri == str(ns)), None)
    return f"{namespace}:" if namespace else compact(iri)


def with_values(text: str, block: str) -> str:
    """`text` with `block` (a VALUES block of escaped terms) at the start of its outer WHERE group.

    Comments, IRIs and strings are blanked (same length) before looking for `WHERE {`, so the text
    itself, header comments included, is kept as written.
    """
    blanked = NOT_KEYWORDS.sub(lambda m: " " * len(m.group()), text)
    match = WHERE.search(blanked)
    if match is None:
        raise StoreError("the query has no WHERE group to bind values in")
    return f"{text[: match.end()]}\n  {block}{text[match.end() :]}"


def iri_values(name: str, iris) -> str:
    """`VALUES ?name { <a> <b> … }` of the IRIs that can be written safely, each escaped by `n3()`."""
    return f"VALUES ?{name} {{ {' '.join(i.n3() for i in iris if SAFE_IRI.match(str(i)))} }}"


def labels(store, iris: set[URIRef], lang: str) -> dict[URIRef, Literal]:
    """The label of each IRI in `lang`, else in the other language; one query for all of them."""
    if not iris:
        return {}
    query = catalogue().get("labels", ui=True)
    bound = query.bindings({"lang": lang})
    bound.pop("iri", None)  # bound below, all at once
    text = with_values(query.text, iri_values("iri", sorted(iris)))
    found = {}
    for row in store.query(text, bound).dicts():
        label = row["label"] if "label" in row else row.get("otherLabel")
        if label is not None:
            found[row["iri"]] = label
    return found


def cell(term, names: dict[URIRef, Literal]) -> Cell:
    """The cell of one term, an IRI with its label (or CURIE) and link."""
    if term is None:
        return Cell("empty")
    if isinstance(term, URIRef):
        label = names.get(term)
        return Cell(
            "iri",
            str(label) if label is not None else curie(str(term)),
            href(term),
            label.language if label is not None else None,
            iri=str(term),
        )
    if isinstance(term, BNode):
        return Cell("bnode", f"_:{term}")
    datatype = str(term.datatype) if term.datatype is not None else None
    shown = curie(datatype) if datatype and datatype not in PLAIN_TYPES else None
    return Cell("literal", str(term), lang=term.language, datatype=shown, iri=datatype)


def humanised(variable: str) -> str:
    """`unitLabel` → `Unit label`: a column's title when its query gives none."""
    words = CAMEL.sub(" ", variable).lower().strip()
    return words[:1].upper() + words[1:]


def titles(columns: list[str], given: dict[str, dict[str, str]], lang: str) -> list[str]:
    """Each column's title in `lang` from the query's header, else the other language, else humanised."""
    other = "en" if lang == "zh" else "zh"
    return [given.get(c, {}).get(lang) or given.get(c, {}).get(other) or humanised(c) for c in columns]


def table(result: Result, store, lang: str, named: dict[str, dict[str, str]] | None = None) -> Table:
    """The result as a Table, every IRI in it labelled by one query; with `named` (a named query's column
    titles, possibly none) its columns get titles for people."""
    if result.kind == "boolean":
        return Table("boolean", boolean=result.boolean)
    rows: Sequence[tuple[Node | None, ...]]
    if result.kind == "graph":
        columns, rows = ["subject", "predicate", "object"], sorted(result.as_graph(), key=_triple_order)
    else:
        columns, rows = list(result.variables), result.rows
    names = labels(store, {t for row in rows for t in row if isinstance(t, URIRef)}, lang)
    cells: dict[Node | None, Cell] = {}  # one Cell per distinct term: a big answer repeats its terms a lot
    shown = [[cells[t] if t in cells else cells.setdefault(t, cell(t, names)) for t in row] for row in rows]
    shown_titles = titles(columns, named, lang) if named is not None and result.kind == "bindings" else []
    return Table(result.kind, columns, shown, titles=shown_titles, truncated=result.truncated)


def _triple_order(triple) -> tuple:
    return tuple((type(t).__name__, str(t)) for t in triple)
