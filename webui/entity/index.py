"""Whether one of our IRIs exists, and which known ones are nearest to one that does not (for the 404 page).

A path below /id/, /page/ or /data/ is checked against a strict pattern before anything else: known
first segments, then segments of letters, digits, `-` and `.` (never starting with `.`). Anything else
is a 404 without a query. A path that passes costs one query bound to its IRI: `entity-statements`, every
statement in and out, which the entity's page needs anyway (it exists when any statement has it), so a
page's cost does not grow with the graph. A 404's suggestions come from an index of every entity's path
and names (webui.entity.nearby), read from the build before the server forks (webui.warm), which
shortlists the entities that could be close; only those are scored. On a remote store the index of a
kind is made on its first 404, from `entity-index` with the kind's IRI prefix.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from flask import g
from rdflib import Literal
from rdflib.namespace import SKOS
from rdflib.term import Identifier
from werkzeug.exceptions import NotFound

from graph.errors import DuikouError
from webui import data, urls
from webui.entity import nearby
from webui.entity.nearby import Candidate, Kind, by_kind
from webui.http.i18n import translate
from webui.state import current

FIRST_SEGMENTS = (
    "unit",
    "division",
    "division-code",
    "zone",
    "document",
    "assignment",
    "concept",
    "source",
    "organization",
    "programme",
    "dataset",
    "change",
)
SEGMENTS = "|".join(map(re.escape, FIRST_SEGMENTS))
PATH = re.compile(rf"(?:{SEGMENTS})(?:/[A-Za-z0-9][A-Za-z0-9.-]{{0,99}}){{1,6}}")
MAX_PATH = 200
SUGGESTIONS = 5
NAMES = (SKOS.prefLabel, SKOS.altLabel)  # an entity's names, preferred ones first
CLOSE = nearby.CLOSE  # the highest score (0 perfect, 1 nothing alike) still worth suggesting


class EntityNotFound(NotFound, DuikouError):
    """No entity has this path (`checked` False: the path is not one of ours at all, and was not looked up).

    webui.http.errors renders `html_template` for browsers and the description (with the suggestions, one per
    line) as plain text for other clients.
    """

    html_template = "entity/not_found.html"

    def __init__(self, path: str, checked: bool = True, suggestions: list | None = None):
        self.path, self.checked, self.suggestions = path, checked, suggestions or []
        lang = g.get("lang", "zh")
        lines = [translate("notfound.text")]
        if self.suggestions:
            lines += [translate("notfound.suggestions")]
            lines += [f"  {urls.page_path(entry.path)}  {entry.name(lang)}" for entry in self.suggestions]
        super().__init__("\n".join(lines))

    def get_headers(self, environ=None, scope=None) -> list[tuple[str, str]]:
        """The answer depends on Accept (page or text), so say so."""
        return [*super().get_headers(environ, scope), ("Vary", "Accept")]


def valid_path(path: str) -> bool:
    """True for a path that could name one of our entities (`unit/ndrc`); checked before any query."""
    return len(path) <= MAX_PATH and PATH.fullmatch(path) is not None


@dataclass(frozen=True)
class Entry:
    path: str
    iri: str
    names: tuple[Identifier | str, ...]  # literals, as the name properties have them (text to score)

    def name(self, lang: str) -> str:
        """Its name in `lang` (a preferred label of that language first), else any name, else the path."""
        tagged: list[Identifier | str] = [
            n for n in self.names if isinstance(n, Literal) and (n.language or "") == lang
        ]
        chosen = tagged or list(self.names)
        return str(chosen[0]) if chosen else self.path


def lookup(path: str, iri: str | None = None) -> Entry | None:
    """The entity at `path` (a valid path; its IRI `iri` when it is not below id/, as a named graph's) with
    its names, preferred ones first, or None when no statement has its IRI. Asked through the page's own
    query (kept by webui.data), not one of its own: a query less per page, and each query has a fixed cost
    to start however small it is."""
    iri = iri or urls.entity_iri(path)
    rows = data.rows("entity-statements", iri=iri)
    if not rows:
        return None
    names = sorted(
        (
            (row["property"], row["value"])
            for row in rows
            if row["property"] in NAMES and str(row["direction"]) == "out"
        ),
        key=lambda name: (NAMES.index(name[0]), str(name[1])),
    )
    return Entry(path, iri, tuple(value for _, value in names))


def require(path: str) -> Entry:
    """The entity at `path`, or EntityNotFound (without a query when the path is not one of ours)."""
    if not valid_path(path):
        raise EntityNotFound(path, checked=False)
    entry = lookup(path)
    if entry is None:
        raise EntityNotFound(path, suggestions=near_matches(path))
    return entry


def candidates(kind: str) -> list[Entry]:
    """Every entity whose path starts with `kind/` (`unit`), with its names: only asked for on a 404."""
    prefix = urls.entity_prefix()
    names: dict[str, list[Identifier]] = {}
    for row in data.rows("entity-index", prefix=f"{prefix}{kind}/"):
        found = names.setdefault(str(row["entity"]), [])
        if "name" in row:
            found.append(row["name"])
    return [
        Entry(iri[len(prefix) :], iri, tuple(found))
        for iri, found in names.items()
        if valid_path(iri[len(prefix) :])
    ]


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment): ndcr → ndrc is 1.

    With `limit`, any distance above it comes back as `limit + 1`, found early: a 404 scores every
    entity of its kind, and most are far.
    """
    # each character that only one of them has takes an edit of its own
    if limit is not None and max(abs(len(a) - len(b)), len(set(a) - set(b)), len(set(b) - set(a))) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        # every later cell costs at least this row's least, or the row before's plus a transposition
        if limit is not None and min(current) > limit and min(previous) >= limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if limit is None else min(previous[-1], limit + 1)


def score(asked: str, entry: Entry) -> float:
    """0 for a perfect match, 1 for none: the best of edit distance, prefix and name similarity.

    Exact up to CLOSE; above it only "more than CLOSE" matters (not suggested), which lets the costly
    comparisons stop early or be skipped by their cheap bounds.
    """
    rest = asked.partition("/")[2]
    other_rest = entry.path.partition("/")[2]
    longest = max(len(rest), len(other_rest), 1)
    best = distance(rest.lower(), other_rest.lower(), int(CLOSE * longest)) / longest
    if len(rest) >= 3 and other_rest.startswith(rest):  # 36078 → 360781
        best = min(best, 0.05 + 0.02 * (len(other_rest) - len(rest)))
    elif len(other_rest) >= 3 and rest.startswith(other_rest):  # most-china → most
        best = min(best, 0.1 + 0.02 * (len(rest) - len(other_rest)))
    tail = rest.rsplit("/", 1)[-1].lower()
    for name in (str(name).lower() for name in entry.names if len(name) >= 3):
        bound = min(best, CLOSE)  # a name must beat both to change what is suggested
        # the ratio is at most 2·shorter/(both lengths) (real_quick_ratio), and at most quick_ratio
        if 1.0 - 2 * min(len(tail), len(name)) / (len(tail) + len(name)) > bound:
            continue
        matcher = SequenceMatcher(None, tail, name)
        if 1.0 - matcher.quick_ratio() <= bound:
            best = min(best, 1.0 - matcher.ratio())
    return min(best, 1.0)


def kinds() -> dict[str, Kind]:
    """The suggestion index of every kind, from the build's names.json (None for a remote store, or a
    build without one: then each kind is indexed on its first 404). Made once, before forking."""
    state = current()
    if state.nearby is None:
        entries = data.built_names("entities")
        if entries is None:
            state.nearby = {}
        else:
            prefix = urls.entity_prefix()
            found: list[Candidate] = []
            for iri, *names in entries:
                path = iri[len(prefix) :]
                if iri.startswith(prefix) and valid_path(path):
                    found.append((path, iri, tuple((text, lang) for text, lang in names)))
            state.nearby = by_kind(found)
            state.nearby_complete = True
    return state.nearby


def kind_index(kind: str) -> Kind | None:
    """The suggestion index of `kind` (None: no entity of that kind)."""
    indexes, state = kinds(), current()
    if kind not in indexes and not state.nearby_complete:
        entries = [
            (e.path, e.iri, tuple((str(n), getattr(n, "language", None) or "") for n in e.names))
            for e in candidates(kind)
        ]
        indexes[kind] = Kind(entries)
    return indexes.get(kind)


def entry(candidate: Candidate) -> Entry:
    """A shortlisted entity as the 404 page shows it: its names as literals with their language."""
    path, iri, names = candidate
    return Entry(path, iri, tuple(Literal(text, lang=lang or None) for text, lang in names))


def near_matches(path: str, limit: int = SUGGESTIONS) -> list[Entry]:
    """Known entities of the same kind whose path or name is close to `path`, best first."""
    if not valid_path(path):
        return []
    kind, _, rest = path.partition("/")
    index = kind_index(kind)
    shortlist = index.shortlist(rest) if index is not None else []
    scored = [
        (score(path, Entry(p, iri, tuple(t for t, _ in names))), p, (p, iri, names))
        for p, iri, names in shortlist
    ]
    ranked = sorted(scored, key=lambda s: (s[0], s[1]))
    return [entry(candidate) for value, _, candidate in ranked if value <= CLOSE][:limit]
