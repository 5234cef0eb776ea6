"""Where queries run: the embedded Oxigraph store (default) or any remote SPARQL 1.1 endpoint.

Both stores answer `query(text, bindings)` with the same `Result` of rdflib terms, so named queries, the
endpoint and the web UI work unchanged on either, and both turn bindings into query text the same way
(`inject_values`). Values are never pasted into query text as strings: each is escaped (`term.n3()`,
unsafe IRIs refused) and then

- bound by a VALUES block at the start of the outer WHERE group, which says what the query means: the
  projection, the CONSTRUCT template, GROUP BY and ORDER BY see the variable bound;
- and written as a constant in place of the variable wherever the outer group uses it (and inside a
  subquery that projects it, where that gives the same rows), because engines plan around constants but
  not around a VALUES block: Oxigraph does not push one into UNION branches, OPTIONALs or subqueries, so
  a query about one entity worked through every entity (entity-provenance: 1.5 ms at 1×, 1.8 s at 1000×).

Where a term cannot stand in for its variable (`AS ?x`, `BOUND(?x)`, a VALUES header, a literal after
GRAPH or SERVICE) the VALUES block alone binds it. The two readings differ only where a nested group
uses the variable without binding it (an OPTIONAL, FILTER or MINUS inside a UNION branch): the VALUES
block does not reach it, the constant does, as the query's author meant. The tests check that the named
queries give the same answer either way, and name those that need the constant.
Oxigraph's own `substitutions` option is no alternative: it only takes projected variables, and a remote
store has none.
"""

import ast
import http.client
import json
import re
import socket
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from urllib.error import HTTPError, URLError

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Identifier
from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from graph.errors import QuerySyntaxError, QueryTimeout, StoreError
from graph.paths import DIST, ONTOLOGY

DATA_GRAPH = URIRef("https://w3id.org/duikou/graph/guobanfa-2021-15")
ONTOLOGY_GRAPH = URIRef("https://w3id.org/duikou/graph/def")
GRAPHS = (DATA_GRAPH, ONTOLOGY_GRAPH)


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
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]

    def comparable(self) -> object:
        """A value equal for equal answers, whatever the row order or blank node labels."""
        if self.kind == "boolean":
            return self.boolean
        if self.kind == "graph":
            from rdflib.compare import to_isomorphic

            return to_isomorphic(self.graph)
        return sorted(tuple(str(_skolem(t)) for t in row) for row in self.rows)


def _skolem(term):
    return "_:b" if isinstance(term, BNode) else (term.n3() if term is not None else "")


# -- term conversion between pyoxigraph and rdflib -------------------------------------------------


def to_rdflib(term) -> Identifier | None:
    """The rdflib term of a pyoxigraph one (None stays None).

    Memoised (`_TERMS`): building an rdflib term costs microseconds (URIRef checks the IRI, Literal parses
    its value), for a long answer more than the query that found it, and answers repeat the same terms.
    Both kinds of term are immutable and pyoxigraph's are hashable, so sharing the results is safe.
    """
    return _TERMS[term]


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
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
    raise StoreError(f"unsupported term in a result: {term!r}")


class _Terms(dict):
    """The rdflib term of each pyoxigraph term seen, made on first sight: a plain dict look-up takes a
    third less time than an lru_cache's, and an answer has hundreds of terms (pairings: 854). Emptied
    when it grows past its cap."""

    def __missing__(self, term):
        if len(self) >= 1 << 16:
            self.clear()
        value = self[term] = _new_term(term)
        return value


_TERMS = _Terms()
XSD_STRING = str(XSD.string)


@lru_cache(maxsize=1 << 15)
def _triple(triple: ox.Triple) -> tuple[Identifier, Identifier, Identifier]:
    """The rdflib triple of a pyoxigraph one, memoised (one look-up instead of three: a CONSTRUCT's answer
    repeats the triples of the last one)."""
    return tuple(map(_TERMS.__getitem__, triple))


WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# comments, IRIs and strings: blanked out before looking for keywords or variables,
# so that no word in them counts
STRINGS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''  # long ones first
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)
NOT_KEYWORDS = re.compile(r'#[^\n]*|<[^<>"{}|^`\\\s]*>|' + STRINGS)
FORM = re.compile(r"(?<![\w:?$])(SELECT|CONSTRUCT|DESCRIBE|ASK)(?![\w:-])", re.IGNORECASE)
VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)(?![\w\u00B7\u0300-\u036F\u203F-\u2040])")
SUBQUERY = re.compile(r"\{\s*SELECT(?![\w:-])", re.IGNORECASE)
VALUES_HEADER = re.compile(r"\bVALUES\s*(?:\([^(){}]*\)|[?$]\w+)", re.IGNORECASE)
SLICE = re.compile(r"\b(?:LIMIT|OFFSET)\b", re.IGNORECASE)
GROUP_BY = re.compile(r"\bGROUP\s+BY\b", re.IGNORECASE)
HAVING = re.compile(r"\bHAVING\b", re.IGNORECASE)
AFTER_GROUP_BY = re.compile(r"\b(?:HAVING|ORDER|LIMIT|OFFSET|VALUES)\b", re.IGNORECASE)
STAR = re.compile(r"^\s*(?:DISTINCT|REDUCED)?\s*\*\s*$", re.IGNORECASE)
AGGREGATE = re.compile(r"\b(?:COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.IGNORECASE)
AS_BEFORE = re.compile(r"\bAS\s*$", re.IGNORECASE)
# what may come just before a variable but never before a term; GRAPH and SERVICE take only IRIs
NO_TERM_AFTER = re.compile(r"(?:\bAS|\bBOUND\s*\()\s*$", re.IGNORECASE)
IRI_ONLY_AFTER = re.compile(r"\b(?:GRAPH|SERVICE(?:\s+SILENT)?)\s*$", re.IGNORECASE)


def blank(text: str) -> str:
    """`text` with comments, IRIs and strings turned into spaces of the same length."""
    return NOT_KEYWORDS.sub(lambda m: " " * len(m.group()), text)


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first form keyword outside comments, IRIs and strings."""
    match = FORM.search(NOT_KEYWORDS.sub(" ", text))
    return match.group(1).upper() if match else "SELECT"


def _closing(blanked: str, opening: int) -> int:
    """The index of the brace that closes the one at `opening` (or the end of the text)."""
    depth = 0
    for index in range(opening, len(blanked)):
        char = blanked[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return len(blanked)


def _outer_group(blanked: str) -> tuple[int, int]:
    """Where the outer WHERE group's content starts and ends: just after its `{`, at its `}`."""
    match = WHERE.search(blanked)
    brace = match.end() - 1 if match else blanked.find("{")
    if brace < 0:
        raise StoreError("the query has no group pattern to bind values in")
    return brace + 1, _closing(blanked, brace)


def _occurrences(blanked: str, start: int, end: int, names) -> list[re.Match]:
    """The uses of bound variables in the group blanked[start:end], and in the subqueries that share them."""
    found, position = [], start
    while position < end:
        sub = SUBQUERY.search(blanked, position, end)
        stop = sub.start() if sub else end
        found += [m for m in VARIABLE.finditer(blanked, position, stop) if m.group(1) in names]
        if sub:
            close = _closing(blanked, sub.start())
            found += _subquery_occurrences(blanked, sub.end(), close, names)
            position = close + 1
        else:
            position = end
    return found


def _subquery_occurrences(blanked: str, start: int, end: int, names) -> list[re.Match]:
    """The uses in a subquery (`SELECT` ends at `start`, its `}` is at `end`) of the names it shares.

    A subquery's variables are its own unless it projects them; and a selection on a projected variable
    (which the outer VALUES block makes) gives the same rows before or after the subquery's GROUP BY,
    HAVING and ORDER BY, but not before LIMIT or OFFSET, nor before an aggregate over other groups. So a
    term goes in only where the subquery projects the variable, does not slice, and groups by it if it
    aggregates: there it gives the very rows of the join, found from the constant instead of from all.
    """
    where = WHERE.search(blanked, start, end)
    brace = where.end() - 1 if where else blanked.find("{", start, end)
    if brace < 0:
        return []
    inner_end = _closing(blanked, brace)
    projection, modifiers = blanked[start : where.start() if where else brace], blanked[inner_end + 1 : end]
    if SLICE.search(modifiers):
        return []
    grouping = GROUP_BY.search(modifiers)
    keys = AFTER_GROUP_BY.split(modifiers[grouping.end() :], 1)[0] if grouping else ""
    aggregates = bool(grouping or AGGREGATE.search(projection) or HAVING.search(modifiers))
    shared = {
        name
        for name in names
        if (STAR.match(projection) or _plain(projection, name)) and (not aggregates or _plain(keys, name))
    }
    return _occurrences(blanked, brace + 1, inner_end, shared) if shared else []


def _plain(clause: str, name: str) -> bool:
    """Whether a SELECT or GROUP BY clause names the variable itself (not in an expression, not `AS` it)."""
    for use in VARIABLE.finditer(clause):
        before = clause[: use.start()]
        if use.group(1) == name and before.count("(") == before.count(")") and not AS_BEFORE.search(before):
            return True
    return False


def _substitutable(blanked: str, uses: list[re.Match], start: int, literals: frozenset[str]) -> set[str]:
    """The names whose every use can take a term instead of the variable."""
    headers = [m.span() for m in VALUES_HEADER.finditer(blanked, start)]
    refused = set()
    for use in uses:
        name, before = use.group(1), blanked[max(start, use.start() - 40) : use.start()]
        if (
            NO_TERM_AFTER.search(before)
            or any(a <= use.start() < b for a, b in headers)
            or (name in literals and IRI_ONLY_AFTER.search(before))
        ):
            refused.add(name)
    return {use.group(1) for use in uses} - refused


Span = tuple[str, int, int]  # a bound variable's name, and where one of its uses starts and ends


@lru_cache(maxsize=512)
def _plan(text: str, names: frozenset[str], literals: frozenset[str]) -> tuple[int, tuple[Span, ...]]:
    """Where the VALUES block goes, and the spans of `text` that become the term of which name.

    It depends on the text and on which names are bound (to literals), not on the values: kept per query,
    as reading a query costs more than the query itself (a quarter of a millisecond for a long header).
    """
    blanked = blank(text)
    start, end = _outer_group(blanked)
    uses = _occurrences(blanked, start, end, names)
    constant = _substitutable(blanked, uses, start, literals)
    return start, tuple((use.group(1), use.start(), use.end()) for use in uses if use.group(1) in constant)


def inject_values(text: str, bindings: dict[str, Identifier]) -> str:
    """`text` with `bindings` bound by a VALUES block at the start of its outer WHERE group, and written
    in place of their variables in that group (and in the subqueries that share them).

    Each term is escaped by `values_block`; it replaces its variable only where the blanked text shows a
    variable (never in a comment, IRI or string).
    """
    block = values_block(bindings)
    literals = frozenset(name for name, term in bindings.items() if isinstance(term, Literal))
    start, spans = _plan(text, frozenset(bindings), literals)
    parts, position = [text[:start], " ", block, " "], start
    for name, begin, end in spans:
        parts += [text[position:begin], " ", bindings[name].n3(), " "]
        position = end
    parts.append(text[position:])
    return "".join(parts)


# -- the embedded store ----------------------------------------------------------------------------


class EmbeddedStore:
    """The built graph and the ontology, in memory in Oxigraph; the default graph is their union."""

    name = "embedded"

    def __init__(self, store: ox.Store, only_ours: bool = False):
        """`only_ours`: the store holds our graphs and nothing else, so the union of all its graphs is the
        default graph, and Oxigraph reads that (one index) faster than a list of graphs (one each): the
        queries take a fifth less time."""
        self.store = store
        self.default_graph = [ox.NamedNode(str(g)) for g in GRAPHS]
        self.only_ours = only_ours

    @classmethod
    def from_dist(cls, dist: Path = DIST, ontology: Path = ONTOLOGY) -> "EmbeddedStore":
        """Load `dist/duikou.nt` and the ontology; a missing build is a clear StoreError."""
        data = Path(dist) / "duikou.nt"
        if not data.is_file():
            raise StoreError(f"no built graph at {data}: run `duikou build` first")
        store = ox.Store()
        # `load`, not `bulk_load`: into memory it is faster and peaks lower (5.3 M triples: 12.6 s and 1.7 GB
        # instead of 18.1 s and 1.8 GB); lenient, as the file is our own build's: its IRIs were checked when
        # it was written, and checking them again takes a fifth of the time
        store.load(
            path=str(data),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(str(DATA_GRAPH)),
            lenient=True,
        )
        store.load(path=str(ontology), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
        return cls(store, only_ours=True)

    @classmethod
    def from_graph(cls, graph: Graph, ontology: Path = ONTOLOGY) -> "EmbeddedStore":
        """An embedded store over an in-memory rdflib graph (tests, and the build's own checks)."""
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

    def __len__(self) -> int:
        return len(self.store)

    def query(
        self,
        text: str,
        bindings: dict[str, Identifier] | None = None,
        *,
        limit: int | None = None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Result:
        """Run `text` with `bindings` substituted; keep at most `limit` rows (flagging `truncated`)."""
        if default_graphs is not None:
            options = {"default_graph": [ox.NamedNode(g) for g in default_graphs] or [ox.DefaultGraph()]}
        elif self.only_ours:
            options = {"use_default_graph_as_union": True}
        else:
            options = {"default_graph": self.default_graph}
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            answer = self.store.query(inject_values(text, bindings) if bindings else text, **options)
            return _collect(answer, limit)
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from None
        except OSError as error:
            raise StoreError(f"the embedded store failed: {error}") from None


class _AnswerStore(SimpleMemory):
    """rdflib's `SimpleMemory` store, filled with an answer's triples at once, and told how many they are.

    It holds a triple in three nested dicts, where rdflib's default `Memory` store also keeps, per triple,
    the named graphs holding it (an answer has none) and takes three times as long. Its own `add` raises
    and catches a KeyError for each new key, most of its time: `fill` makes the same dicts with
    `setdefault` (213 triples of a CONSTRUCT: 0.19 ms, instead of 0.43 ms with `add` and 1.2 ms with
    `Memory`, where Oxigraph takes 0.55 ms to find them). The dicts are the store's private attributes:
    with an rdflib that has them no more, `fill` uses `add`. And as the store counts its triples by walking
    them all, it keeps the count `fill` gives it until the graph changes.
    """

    counted: int | None = None

    def fill(self, triples: list[tuple[Identifier, Identifier, Identifier]]) -> None:
        """Hold these distinct triples (the store being empty)."""
        try:
            spo, pos, osp = self._SimpleMemory__spo, self._SimpleMemory__pos, self._SimpleMemory__osp
        except AttributeError:
            for triple in triples:
                super().add(triple, None)
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
        term = _TERMS.__getitem__
        rows = [tuple(map(term, solution)) for solution in islice(answer, limit)]
        truncated = limit is not None and next(answer, None) is not None
        return Result("bindings", variables=variables, rows=rows, truncated=truncated)
    distinct = list(islice(_distinct(answer), None if limit is None else limit + 1))
    truncated = limit is not None and len(distinct) > limit
    triples = list(map(_triple, distinct[:limit]))
    store = _AnswerStore()
    store.fill(triples)
    return Result("graph", graph=Graph(store=store), truncated=truncated)


SAFE_IRI = re.compile(r"^[^\x00-\x20<>\"{}|\\^`]+$")


def values_block(bindings: dict[str, Identifier]) -> str:
    """A VALUES block of escaped terms: the only way values enter query text.

    Literals are escaped by `n3()`; rdflib does not check IRIs, so one with a character that could
    close the `<…>` is refused here rather than trusted.
    """
    for name, term in bindings.items():
        if not VARIABLE_NAME.match(name):
            raise StoreError(f"not a variable name: {name!r}")
        if isinstance(term, URIRef) and not SAFE_IRI.match(str(term)):
            raise StoreError(f"{name}: {str(term)[:80]!r} is not an IRI that can be written safely")
        if not isinstance(term, (URIRef, Literal)):
            raise StoreError(f"{name}: only IRIs and literals can be bound, not {term!r}")
    names = " ".join(Variable(k).n3() for k in bindings)
    terms = " ".join(term.n3() for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


# -- a remote SPARQL 1.1 endpoint ------------------------------------------------------------------


class RemoteStore:
    """A SPARQL 1.1 endpoint reached through SPARQLWrapper; our graphs are named, so queries name them."""

    name = "remote"

    def __init__(self, endpoint: str, timeout: float = 10.0, graphs: tuple[URIRef, ...] = GRAPHS):
        self.endpoint, self.timeout, self.graphs = endpoint, timeout, graphs

    def _client(self, default_graphs, named_graphs) -> SPARQLWrapper:
        client = SPARQLWrapper(self.endpoint, agent="duikou (+https://w3id.org/duikou/)")
        client.setTimeout(max(1, round(self.timeout)))
        client.setMethod(POST)
        for graph in self.graphs if default_graphs is None else default_graphs:
            client.addDefaultGraph(str(graph))
        for graph in named_graphs or ():
            client.addNamedGraph(str(graph))
        return client

    def query(
        self,
        text: str,
        bindings: dict[str, Identifier] | None = None,
        *,
        limit: int | None = None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Result:
        """Run `text` on the endpoint, binding values with an escaped VALUES block."""
        client = self._client(default_graphs, named_graphs)
        text = inject_values(text, bindings) if bindings else text
        client.setQuery(text)
        client.queryType = kind = query_form(
            text
        )  # SPARQLWrapper's guess reads words in comments as keywords
        client.setReturnFormat(N3 if kind in ("CONSTRUCT", "DESCRIBE") else JSON)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            client.setOnlyConneg(True)
            client.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
        try:
            response = client.query()
            body = response.response.read()
            content_type = response.response.headers.get("Content-Type", "")
        except QueryBadFormed as error:
            raise QuerySyntaxError(f"the endpoint rejected the query: {_remote_message(error)}") from None
        except (HTTPError, SPARQLWrapperException) as error:
            raise StoreError(f"{self.endpoint} answered {_remote_message(error)}") from None
        except http.client.HTTPException as error:
            raise StoreError(
                f"{self.endpoint} did not answer in HTTP: {type(error).__name__} {error}"
            ) from None
        except TimeoutError:
            raise QueryTimeout(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
        except URLError as error:
            reason = error.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise QueryTimeout(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
            raise StoreError(f"cannot reach {self.endpoint}: {reason}") from None
        except OSError as error:
            raise StoreError(f"cannot reach {self.endpoint}: {error}") from None
        try:
            if kind in ("CONSTRUCT", "DESCRIBE"):
                fmt = "nt" if "n-triples" in content_type else "turtle"
                return _cap_graph(Graph().parse(data=body, format=fmt), limit)
            return _from_json(json.loads(body), limit)
        except Exception as error:  # JSON and rdflib's many parsers: whatever it was, it was no SPARQL result
            raise StoreError(
                f"{self.endpoint} answered with something that is not a SPARQL result "
                f"({content_type or 'no Content-Type'}): {type(error).__name__}"
            ) from None

    def __len__(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(result.rows[0][0])


STATUS = {
    QueryBadFormed: "400 Bad Request",
    Unauthorized: "401 Unauthorized",
    EndPointNotFound: "404 Not Found",
    URITooLong: "414 URI Too Long",
    EndPointInternalError: "500 Internal Server Error",
}


def _remote_message(error: Exception) -> str:
    """The HTTP status and the server's own words, on one line."""
    if isinstance(error, HTTPError):
        status, body = f"{error.code} {error.reason}", error.read()
    else:  # SPARQLWrapper keeps the body only as the repr of bytes after "Response:"
        status = next((s for kind, s in STATUS.items() if isinstance(error, kind)), type(error).__name__)
        _, found, body = str(error).partition("Response:\n")
        try:
            body = ast.literal_eval(body.strip()) if found else b""
        except (ValueError, SyntaxError):
            pass
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    words = " ".join(text.split())[:500]
    return f"{status}: {words}" if words else status


def _term_from_json(value: dict) -> Identifier:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    return Literal(value["value"], datatype=None if datatype in (None, str(XSD.string)) else URIRef(datatype))


def _from_json(document: dict, limit: int | None) -> Result:
    if "boolean" in document:
        return Result("boolean", boolean=bool(document["boolean"]))
    variables = document["head"].get("vars", [])
    bindings = document["results"]["bindings"]
    truncated = limit is not None and len(bindings) > limit
    rows = [
        tuple(_term_from_json(b[v]) if v in b else None for v in variables)
        for b in (bindings[:limit] if truncated else bindings)
    ]
    return Result("bindings", variables=variables, rows=rows, truncated=truncated)


def _cap_graph(graph: Graph, limit: int | None) -> Result:
    if limit is None or len(graph) <= limit:
        return Result("graph", graph=graph)
    capped = Graph()
    for triple in sorted(graph)[:limit]:
        capped.add(triple)
    return Result("graph", graph=capped, truncated=True)
