"""A data graph read straight from N-Triples by Oxigraph, for the fast engine: no rdflib parse of it at all.

rudof reads the bytes themselves; the range constraints (graph.build.shacl_ranges) ask a few questions of
the graph (a class's instances, a node's values), answered here from Oxigraph's indexes, each term made
an rdflib one only when asked for. `duikou validate` of an N-Triples file needs nothing else.
"""

from collections.abc import Iterator
from typing import cast

import pyoxigraph as ox
from rdflib import BNode
from rdflib.term import Node

from graph.store.result import to_rdflib


def _ox(term: Node) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(str(term)) if isinstance(term, BNode) else ox.NamedNode(str(term))


class NTriplesData:
    """The graph of N-Triples `data` (bytes), parsed strictly by Oxigraph; its bytes kept for rudof."""

    def __init__(self, data: bytes):
        self.ntriples = data
        self.store = ox.Store()
        self.store.load(data, format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        return len(self.store)

    def _terms(self, subject=None, predicate=None, obj=None) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(subject, predicate, obj, ox.DefaultGraph())

    def subjects(self, predicate: Node, obj: Node | None = None, unique: bool = False) -> Iterator[Node]:
        seen = set()
        for quad in self._terms(None, _ox(predicate), None if obj is None else _ox(obj)):
            if quad.subject not in seen:
                seen.add(quad.subject)
                yield cast(Node, to_rdflib(quad.subject))

    def objects(self, subject: Node | None, predicate: Node, unique: bool = False) -> Iterator[Node]:
        seen = set()
        for quad in self._terms(None if subject is None else _ox(subject), _ox(predicate)):
            if not unique or quad.object not in seen:
                seen.add(quad.object)
                yield cast(Node, to_rdflib(quad.object))

    def transitive_subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """`obj` and everything linked to it by `predicate` paths, as rdflib's Graph gives them."""
        todo, seen = [obj], {obj}
        while todo:
            node = todo.pop()
            yield node
            for subject in self.subjects(predicate, node):
                if subject not in seen:
                    seen.add(subject)
                    todo.append(subject)
