"""What a query answers, in rdflib terms whichever store ran it: the `Result`, made from Oxigraph's terms."""

import copyreg
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypedDict

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from graph.errors import StoreError

Bindings = dict[str, Identifier]  # a query's values, by variable name


class Scope(TypedDict, total=False):
    """What every store's `query` may be given besides the text and its bindings: at most `limit` rows
    (a longer answer is cut and flagged `truncated`), the dataset (graph IRIs; None: the store's own), and
    the base IRI the query's relative IRIs resolve against (None: they are an error)."""

    limit: int | None
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    base_iri: str | None


@dataclass
class Result:
    """A query's answer: solutions (`variables`, `rows`), a boolean, or a graph; `truncated` if capped."""

    kind: str  # "bindings", "boolean" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    def dicts(self) -> list[dict[str, Identifier]]:
        """Rows as {variable: term}, unbound variables left out (handy in tests and templates)."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None} for row in self.rows
        ]

    def as_graph(self) -> Graph:
        """The graph of a CONSTRUCT or DESCRIBE answer; StoreError for an answer of another kind."""
        if self.graph is None:
            raise StoreError(f"a {self.kind} answer has no graph")
        return self.graph

    def comparable(self) -> object:
        """A value equal for equal answers, whatever the row order or blank node labels."""
        if self.kind == "boolean":
            return self.boolean
        if self.kind == "graph":
            from rdflib.compare import to_isomorphic

            return to_isomorphic(self.as_graph())
        return sorted(tuple(str(_skolem(t)) for t in row) for row in self.rows)


def _skolem(term):
    return "_:b" if isinstance(term, BNode) else (term.n3() if term is not None else "")


def to_rdflib(term) -> Identifier | None:
    """The rdflib term of a pyoxigraph one (None stays None).

    Memoised (`TERMS`): building an rdflib term is slow (URIRef checks the IRI, Literal parses its value),
    for a long answer slower than the query that found it, and answers repeat the same terms. Both kinds
    of term are immutable and pyoxigraph's are hashable, so sharing the results is safe.
    """
    return TERMS[term]


def _new_term(term) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        # as the store has it: rdflib would rewrite the text in its canonical form ("01" → "1")
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise StoreError(f"unsupported term in a result: {term!r}")


class Terms(dict):
    """The rdflib term of each pyoxigraph term seen, made on first sight: a plain dict look-up is faster
    than an lru_cache's, and an answer has hundreds of terms. Emptied when it grows past its cap."""

    def __missing__(self, term):
        if len(self) >= 1 << 16:
            self.clear()
        value = self[term] = _new_term(term)
        return value


TERMS = Terms()
XSD_STRING = str(XSD.string)


def _literal(text: str, language: str | None, datatype: URIRef | None) -> Literal:
    return Literal(text, lang=language, datatype=datatype, normalize=False)


# A Result crosses processes pickled (from a query process), and rdflib's own pickling of a Literal builds
# it again from its text, in canonical form ("2021-01-01Z" → "2021-01-01"): pickled here, it stays as it is.
copyreg.pickle(Literal, lambda literal: (_literal, (str(literal), literal.language, literal.datatype)))


@lru_cache(maxsize=1 << 15)
def rdflib_triple(triple: ox.Triple) -> tuple[Identifier, Identifier, Identifier]:
    """The rdflib triple of a pyoxigraph one, memoised (one look-up instead of three: a CONSTRUCT's answer
    repeats the triples of the last one)."""
    return tuple(map(TERMS.__getitem__, triple))
