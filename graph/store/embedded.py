"""The embedded store: the built graph and the ontology in memory in Oxigraph, its answers as `Result`s."""

from collections.abc import Mapping
from itertools import islice
from pathlib import Path
from typing import Any, Unpack

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Identifier

from graph.errors import QuerySyntaxError, StoreError
from graph.paths import DIST, ONTOLOGY, relative
from graph.store.dataset import DATA_GRAPH, GRAPHS, ONTOLOGY_GRAPH, built_data
from graph.store.result import TERMS, Bindings, Result, Scope, rdflib_triple
from graph.store.sparql_text import inject_values


class EmbeddedStore:
    """The built graph and the ontology, in memory in Oxigraph; the default graph is their union."""

    name = "embedded"

    def __init__(self, store: ox.Store, only_ours: bool = False):
        """`only_ours`: the store holds our graphs and nothing else, so the union of all its graphs is the
        default graph, and Oxigraph reads that (one index) faster than a list of graphs (one each)."""
        self.store = store
        self.default_graph = [ox.NamedNode(str(g)) for g in GRAPHS]
        self.only_ours = only_ours

    @classmethod
    def from_dist(cls, dist: Path = DIST, ontology: Path = ONTOLOGY) -> "EmbeddedStore":
        """Load the named graphs of `dist/duikou.nq` and the ontology; no build is a clear StoreError."""
        data = built_data(dist)
        store = ox.Store()
        # `load`, not `bulk_load`: into memory it is faster and peaks lower; lenient, as the file is our own
        # build's: its IRIs were checked when it was written, and checking them again takes time
        try:
            store.load(path=str(data), format=ox.RdfFormat.N_QUADS, lenient=True)
        except SyntaxError as error:  # a damaged build that no record check caught: one line, file and line
            where = f"{relative(data)}:{error.lineno}" if error.lineno else relative(data)
            raise StoreError(f"{where}: cannot be loaded: {error.msg}") from None
        store.load(path=str(ontology), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
        return cls(store, only_ours=True)

    @classmethod
    def from_graph(cls, graph: Graph, ontology: Path = ONTOLOGY) -> "EmbeddedStore":
        """An embedded store over an in-memory rdflib graph, all of it in the primary document's graph (tests,
        and the build's own checks)."""
        store = ox.Store()
        store.load(
            graph.serialize(format="nt", encoding="utf-8"),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(str(DATA_GRAPH)),
        )
        store.bulk_load(
            path=str(ontology), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH))
        )
        return cls(store, only_ours=True)

    @classmethod
    def from_graphs(cls, graphs: Mapping[URIRef, Graph], ontology: Path = ONTOLOGY) -> "EmbeddedStore":
        """An embedded store over in-memory named graphs (the build's own, before they are written)."""
        store = ox.Store()
        for name, graph in graphs.items():
            store.load(
                graph.serialize(format="nt", encoding="utf-8"),
                format=ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode(str(name)),
            )
        store.load(path=str(ontology), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
        return cls(store, only_ours=True)

    @classmethod
    def from_nquads(cls, nquads: bytes, ontology: Path = ONTOLOGY) -> "EmbeddedStore":
        """An embedded store over named graphs already written as N-Quads (the build's own dump, checked
        before it is published)."""
        store = ox.Store()
        store.load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
        store.load(path=str(ontology), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
        return cls(store, only_ours=True)

    def __len__(self) -> int:
        return len(self.store)

    def query(self, text: str, bindings: Bindings | None = None, **scope: Unpack[Scope]) -> Result:
        """Run `text` with `bindings` substituted, its relative IRIs resolved against `base_iri`; keep at
        most `limit` rows (flagging `truncated`)."""
        default_graphs, named_graphs = scope.get("default_graphs"), scope.get("named_graphs")
        options: dict[str, Any]  # pyoxigraph's keyword arguments
        if default_graphs is not None:
            options = {"default_graph": [ox.NamedNode(g) for g in default_graphs] or [ox.DefaultGraph()]}
        elif self.only_ours:
            options = {"use_default_graph_as_union": True}
        else:
            options = {"default_graph": self.default_graph}
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if base := scope.get("base_iri"):
            options["base_iri"] = base
        try:
            answer = self.store.query(inject_values(text, bindings) if bindings else text, **options)
            return _collect(answer, scope.get("limit"))
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from None
        except ValueError as error:  # pyoxigraph's word for a base IRI that is no IRI
            raise QuerySyntaxError(str(error)) from None
        except OSError as error:
            raise StoreError(f"the embedded store failed: {error}") from None


class _AnswerStore(SimpleMemory):
    """rdflib's `SimpleMemory` store, filled with an answer's triples at once, and told how many they are.

    It holds a triple in three nested dicts, where rdflib's default `Memory` store also keeps, per triple,
    the named graphs holding it (an answer has none) and is slower. Its own `add` raises and catches a
    KeyError for each new key, most of its time: `fill` makes the same dicts with `setdefault`, faster
    than `add`. The dicts are the store's private attributes: with an rdflib that has them no more, `fill`
    uses `add`. And as the store counts its triples by walking them all, it keeps the count `fill` gives
    it until the graph changes.
    """

    counted: int | None = None

    def fill(self, triples: list[tuple[Identifier, Identifier, Identifier]]) -> None:
        """Hold these distinct triples (the store being empty)."""
        try:
            spo, pos, osp = (getattr(self, f"_SimpleMemory__{index}") for index in ("spo", "pos", "osp"))
        except AttributeError:
            for triple in triples:
                super().add(triple, None)  # type: ignore[arg-type]  # an answer's triples are in no graph
        else:
            for s, p, o in triples:
                spo.setdefault(s, {}).setdefault(p, {})[o] = 1
                pos.setdefault(p, {}).setdefault(o, {})[s] = 1
                osp.setdefault(o, {}).setdefault(s, {})[p] = 1
        self.counted = len(triples)

    def __len__(self, context=None) -> int:
        return super().__len__(context) if self.counted is None else self.counted

    def add(self, triple, context, quoted=False) -> None:
        self.counted = None
        super().add(triple, context, quoted)

    def remove(self, triple, context=None) -> None:
        self.counted = None
        super().remove(triple, context)


def _distinct(triples):
    """Each triple once, in the order found (an answer may repeat one)."""
    seen = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


def _collect(answer, limit: int | None) -> Result:
    """The answer as a `Result` of rdflib terms, with at most `limit` rows or (distinct) triples."""
    if isinstance(answer, ox.QueryBoolean):
        return Result("boolean", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        term = TERMS.__getitem__
        rows = [tuple(map(term, solution)) for solution in islice(answer, limit)]
        truncated = limit is not None and next(answer, None) is not None
        return Result("bindings", variables=variables, rows=rows, truncated=truncated)
    distinct = list(islice(_distinct(answer), None if limit is None else limit + 1))
    truncated = limit is not None and len(distinct) > limit
    triples = list(map(rdflib_triple, distinct[:limit]))
    store = _AnswerStore()
    store.fill(triples)
    return Result("graph", graph=Graph(store=store), truncated=truncated)
