"""Check user SPARQL before it runs: queries only, no SERVICE outside the allow-list, FROM stays local.

The check reads rdflib's parse of the query (its SPARQL parser and algebra), never the raw text, so
`\\u0053ERVICE` escapes and `SERVICE ?var` are caught while a string literal containing "SERVICE" runs.

Why rdflib and not Oxigraph, which runs the query: Oxigraph's parse gives no algebra to read (its parse
alone, graph.store.syntax, only says whether the text parses), and it executes SERVICE itself. When rdflib
cannot parse a query that Oxigraph may accept (a SPARQL 1.2 form, an rdflib gap), the query is not refused
for that alone: the store then parses it and reports any syntax error (Oxigraph's "error at LINE:COL:
expected …" is the better message anyway). It is refused (fail closed) only if its text, escapes expanded,
mentions SERVICE anywhere, since then nothing checked what that SERVICE would call. Input too deep for
rdflib's recursive parser is refused as too complex (400), never crashes.

Most queries need none of that: `plain` lets a query skip rdflib's parse (most of the time of a small
query) when its text cannot hold what the check looks for: no SERVICE anywhere (raw or with escapes
expanded, so the parsed algebra cannot have one), no FROM and no update keyword outside comments, strings
and IRIs, and little nesting (brackets, `<< >>`, `!`s in a row), however long it is. The store then parses
it, and its query parser runs no update whatever the text. Verdicts of the full check are kept by text (a
small LRU per process).
"""

import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from graph.errors import QueryRefused, QueryTooComplex, ServiceRefused, UpdateRefused
from graph.store.result import Result

RECURSION_LIMIT = 3000  # rdflib's parser recurses per nesting level and per triple: ~250 triples, ~100 levels
KINDS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}
ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# comments, IRIs and strings, blanked before looking for keywords (a word in them is no keyword)
NOT_CODE = re.compile(r"""#[^\n]*|<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'""")
# what only the full check can judge: a dataset clause, and the first words of every update operation
WORTH_PARSING = re.compile(
    r"(?<![\w:?$])(?:from|insert|delete|load|clear|drop|create|add|move|copy)"
    r"(?![\w:-])"
)
# what nests in a parser: brackets and triple terms (<< >>; IRIs are blanked by then), and a run of `!`
# (each one a level of Oxigraph's recursive parser, whose stack some 30,000 of them overflow)
BRACKETS = re.compile(r"<<|>>|[(){}\[\]]")
OPENING = {"(", "{", "[", "<<"}

PLAIN_LENGTH = 4096  # characters: a longer text that is not plain is not checked (graph.service.triage)
PLAIN_DEPTH = 24  # nesting (and `!`s in a row): deeper texts get the full check (which refuses too deep)
NOTS = re.compile(rf"(?:!\s*){{{PLAIN_DEPTH + 1},}}")
VERDICTS = 128  # full-check verdicts kept per process, by text


@dataclass(frozen=True)
class DatasetIris:
    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryInfo:
    """What the checker learnt: the query form, the SERVICE targets ("?g" for a variable), FROM IRIs."""

    kind: str  # select, ask, construct, describe, update, or unknown (rdflib could not parse it)
    services: tuple[str, ...] = ()
    dataset_iris: DatasetIris = field(default_factory=DatasetIris)
    problem: str = ""  # rdflib's parse error when kind is unknown


@contextmanager
def _recursion_limit(limit: int):
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def inspect_query(text: str, base: str | None = None) -> QueryInfo:
    """Parse `text` with rdflib and report its form, SERVICE targets and FROM / FROM NAMED IRIs (relative
    ones resolved against `base`, as the store will)."""
    try:
        with _recursion_limit(RECURSION_LIMIT):
            algebra = translateQuery(parseQuery(text), base=base).algebra
            services = tuple(_services(algebra))
    except RecursionError:
        raise QueryTooComplex("the query nests too deeply, or is too long, to be checked") from None
    except Exception as error:  # pyparsing and rdflib's algebra raise many types; all mean "not understood"
        return _unparsed(text, error)
    clauses = algebra.datasetClause or []  # CompValue attributes are None when absent; .get is not dict.get
    dataset = DatasetIris(
        default=tuple(str(c.default) for c in clauses if c.default is not None),
        named=tuple(str(c.named) for c in clauses if c.named is not None),
    )
    return QueryInfo(KINDS.get(algebra.name, "unknown"), services, dataset)


def _unparsed(text: str, error: Exception) -> QueryInfo:
    """Not a query rdflib understands: an update, or something only the store can judge."""
    try:
        with _recursion_limit(RECURSION_LIMIT):
            if parseUpdate(text).request:
                return QueryInfo("update")
    except RecursionError:
        raise QueryTooComplex("the request nests too deeply or is too long to be checked") from None
    except Exception:  # not an update either; the store will say what is wrong with it
        pass
    message = " ".join(str(error).split())[:300]
    return QueryInfo("unknown", ("?",) if mentions_service(text) else (), problem=message)


def _services(node):
    """Yield the target of every ServiceGraphPattern in the algebra, however deeply nested."""
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            term = node.term
            yield term.n3() if isinstance(term, Variable) else str(term)
        for value in node.values():
            yield from _services(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _services(value)


def mentions_service(text: str) -> bool:
    """True if SERVICE appears anywhere in the text, in any case, before or after expanding escapes."""
    return "service" in text.lower() or "service" in expanded(text).lower()


def expanded(text: str) -> str:
    """The text with its \\u and \\U escapes expanded, as a SPARQL parser reads it."""
    return ESCAPE.sub(lambda m: _codepoint(m.group(1) or m.group(2), m.group(0)), text)


def plain(text: str) -> bool:
    """True if the text needs no full check: shallow, no SERVICE, FROM or update keyword in it (however long:
    Oxigraph parses it, and a longer text that is not plain is refused before it is queued,
    graph.service.triage)."""
    if mentions_service(text):
        return False
    code = NOT_CODE.sub(" ", expanded(text)).lower()
    if WORTH_PARSING.search(code) or NOTS.search(code):
        return False
    depth = deepest = 0
    for bracket in BRACKETS.findall(code):
        depth += 1 if bracket in OPENING else -1
        deepest = max(deepest, depth)
    return deepest <= PLAIN_DEPTH


def _codepoint(digits: str, original: str) -> str:
    value = int(digits, 16)
    return chr(value) if value <= sys.maxunicode else original


def check(text: str, allowlist=(), base: str | None = None) -> QueryInfo:
    """Return the query's info, or raise UpdateRefused / ServiceRefused / QueryTooComplex."""
    verdict = _verdict(text, tuple(allowlist), base)
    if isinstance(verdict, QueryInfo):
        return verdict
    kind, message = verdict
    raise kind(message)  # a fresh exception each time: a kept one would grow its traceback


@lru_cache(maxsize=VERDICTS)
def _verdict(text: str, allowlist: tuple[str, ...], base: str | None = None) -> QueryInfo | tuple[type, str]:
    """The full check's answer, kept by text (and base): the info, or the refusal's type and message."""
    try:
        return _check(text, allowlist, base)
    except (QueryRefused, QueryTooComplex) as refusal:
        return type(refusal), str(refusal)


def _check(text: str, allowlist: tuple[str, ...], base: str | None) -> QueryInfo:
    info = inspect_query(text, base)
    if info.kind == "update":
        raise UpdateRefused("this endpoint is read-only: SPARQL Update is not accepted")
    if info.kind == "unknown" and info.services:
        raise ServiceRefused(
            "the query mentions SERVICE but could not be checked, so it was refused "
            f"(the checker's parser said: {info.problem})"
        )
    refused = [s for s in info.services if s.startswith("?") or s not in allowlist]
    if refused:
        also = f" and {', '.join(allowlist)}" if allowlist else ""
        raise ServiceRefused(
            f"SERVICE {', '.join(sorted(set(refused)))} is not allowed here: "
            f"this endpoint queries only its own data{also}"
        )
    return info


def run_checked(
    store,
    text: str,
    *,
    allowlist=(),
    limit: int | None = None,
    dataset: DatasetIris | None = None,
    base: str | None = None,
    before_run: Callable[[], None] | None = None,
) -> Result:
    """Check `text` (unless `plain`), then run it on `store` over the protocol's dataset, else its FROM
    graphs (local only), its relative IRIs resolved against `base` (the endpoint's URL).

    `before_run` is called between the check and the query (the endpoint passes the sandbox's
    `forbid_new_files`, which only a child process may call).
    """
    info = None if plain(text) else check(text, tuple(allowlist), base)
    if before_run is not None:
        before_run()
    if dataset is None and info is not None and (info.dataset_iris.default or info.dataset_iris.named):
        dataset = info.dataset_iris
    if dataset is None:
        return store.query(text, limit=limit, base_iri=base)
    return store.query(
        text,
        limit=limit,
        base_iri=base,
        default_graphs=list(dataset.default),
        named_graphs=list(dataset.named),
    )
