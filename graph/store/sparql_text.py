"""The SPARQL-text toolkit: reading query text (comments, IRIs and strings blanked; the query form) and
binding values into it, the same way for every store.

Values are never pasted into query text as strings: each is escaped (`term.n3()`, unsafe IRIs refused)
and then

- bound by a VALUES block at the start of the outer WHERE group, which says what the query means: the
  projection, the CONSTRUCT template, GROUP BY and ORDER BY see the variable bound;
- and written as a constant in place of the variable wherever the outer group uses it (and inside a
  subquery that projects it, where that gives the same rows), because engines plan around constants but
  not around a VALUES block: Oxigraph does not push one into UNION branches, OPTIONALs or subqueries, so
  a query about one entity worked through every entity.

Where a term cannot stand in for its variable (`AS ?x`, `BOUND(?x)`, a VALUES header, a literal after
GRAPH or SERVICE) the VALUES block alone binds it. The two readings differ only where a nested group
uses the variable without binding it (an OPTIONAL, FILTER or MINUS inside a UNION branch): the VALUES
block does not reach it, the constant does, as the query's author meant. The tests check that the named
queries give the same answer either way, and name those that need the constant.
Oxigraph's own `substitutions` option is no alternative: it only takes projected variables, and a remote
store has none.
"""

import re
from functools import lru_cache

from rdflib import Literal, URIRef, Variable
from rdflib.term import Identifier

from graph.errors import StoreError

WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SAFE_IRI = re.compile(r"^[^\x00-\x20<>\"{}|\\^`]+$")  # an IRI that cannot close its <…>


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


def with_base(text: str, base: str) -> str:
    """`text` resolving its relative IRIs against `base`: `BASE <base>` put before it on its first line,
    so an error's line numbers stay the author's; a BASE of the query's own comes later and wins."""
    if not SAFE_IRI.match(base):
        raise StoreError(f"not a base IRI: {base!r}")
    return f"BASE <{base}> {text}"


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


Insert = tuple[int, frozenset[str]]  # where a subquery's WHERE group opens, and the names it shares


def _occurrences(blanked: str, start: int, end: int, names) -> tuple[list[re.Match], list[Insert]]:
    """The uses of bound variables in the group blanked[start:end], and in the subqueries that share them;
    and where each of those subqueries' WHERE group opens, with the names it shares."""
    found: list[re.Match] = []
    inserts: list[Insert] = []
    position = start
    while position < end:
        sub = SUBQUERY.search(blanked, position, end)
        stop = sub.start() if sub else end
        found += [m for m in VARIABLE.finditer(blanked, position, stop) if m.group(1) in names]
        if sub:
            close = _closing(blanked, sub.start())
            uses, inner = _subquery_occurrences(blanked, sub.end(), close, names)
            found, inserts = found + uses, inserts + inner
            position = close + 1
        else:
            position = end
    return found, inserts


def _subquery_occurrences(blanked: str, start: int, end: int, names) -> tuple[list[re.Match], list[Insert]]:
    """The uses in a subquery (`SELECT` ends at `start`, its `}` is at `end`) of the names it shares, and
    where its WHERE group opens (there the shared names are bound too: a subquery that projects a variable
    its group no longer binds gives it unbound, which joins on Oxigraph but not on Virtuoso).

    A subquery's variables are its own unless it projects them; and a selection on a projected variable
    (which the outer VALUES block makes) gives the same rows before or after the subquery's GROUP BY,
    HAVING and ORDER BY, but not before LIMIT or OFFSET, nor before an aggregate over other groups. So a
    term goes in only where the subquery projects the variable, does not slice, and groups by it if it
    aggregates: there it gives the very rows of the join, found from the constant instead of from all.
    """
    where = WHERE.search(blanked, start, end)
    brace = where.end() - 1 if where else blanked.find("{", start, end)
    if brace < 0:
        return [], []
    inner_end = _closing(blanked, brace)
    projection, modifiers = blanked[start : where.start() if where else brace], blanked[inner_end + 1 : end]
    if SLICE.search(modifiers):
        return [], []
    grouping = GROUP_BY.search(modifiers)
    keys = AFTER_GROUP_BY.split(modifiers[grouping.end() :], 1)[0] if grouping else ""
    aggregates = bool(grouping or AGGREGATE.search(projection) or HAVING.search(modifiers))
    shared = {
        name
        for name in names
        if (STAR.match(projection) or _plain(projection, name)) and (not aggregates or _plain(keys, name))
    }
    if not shared:
        return [], []
    uses, inserts = _occurrences(blanked, brace + 1, inner_end, shared)
    return uses, [(brace + 1, frozenset(shared)), *inserts]


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
def _plan(
    text: str, names: frozenset[str], literals: frozenset[str]
) -> tuple[tuple[Insert, ...], tuple[Span, ...]]:
    """Where a VALUES block goes (the outer group's start, and each sharing subquery's), and the spans of
    `text` that become the term of which name.

    It depends on the text and on which names are bound (to literals), not on the values: kept per query,
    as reading a query costs more than the query itself.
    """
    blanked = blank(text)
    start, end = _outer_group(blanked)
    uses, inserts = _occurrences(blanked, start, end, names)
    constant = _substitutable(blanked, uses, start, literals)
    spans = tuple((use.group(1), use.start(), use.end()) for use in uses if use.group(1) in constant)
    return ((start, names), *inserts), spans


def inject_values(text: str, bindings: dict[str, Identifier]) -> str:
    """`text` with `bindings` bound by a VALUES block at the start of its outer WHERE group (and of each
    subquery that shares them), and written in place of their variables in that group and those subqueries.

    Each term is escaped by `values_block`; it replaces its variable only where the blanked text shows a
    variable (never in a comment, IRI or string).
    """
    values_block(bindings)  # refuses what cannot be written, before anything is
    literals = frozenset(name for name, term in bindings.items() if isinstance(term, Literal))
    blocks, spans = _plan(text, frozenset(bindings), literals)
    edits: list[tuple[int, int, str]] = sorted(
        [
            (at, at, f" {values_block({n: bindings[n] for n in bindings if n in shared})} ")
            for at, shared in blocks
        ]
        + [(begin, end, f" {bindings[name].n3()} ") for name, begin, end in spans]
    )
    parts, position = [], 0
    for begin, end, replacement in edits:
        parts += [text[position:begin], replacement]
        position = end
    parts.append(text[position:])
    return "".join(parts)


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
