"""The site search's index and ranking, in plain Python so that one query's answer serves every search.

Names come from the `search-index` named query (labels, other names, acronyms, pinyin, codes); pinyin
is added here for every Chinese name (units have none in the data), so `caizhengbu` finds 财政部.
A query matches a name exactly, as a prefix, as a substring, or - ranked below those - as a
subsequence: of the characters for a Chinese query (发改委 in 国家发展改革委), of whole pinyin
syllables for a Latin one (fagaiwei in guo jia fa zhan gai ge wei). Case, spaces and apostrophes
never count.

Every way of matching needs each character of the query somewhere in the name, so the index keeps, for
each character, the numbers of the names that have it: a search looks only at the names of the query's
rarest character instead of at every name (the index grows with the graph; a search much less).

The names come folded, and spelt in pinyin, from the build (`names.json`, made by graph.build.names): the
index keeps them in columns and makes objects only for the matches a search returns.
"""

import heapq
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from graph.build.names import GENERATED, KIND_RANK, KINDS, LABELS, TYPE_RANK, fold, local, search_columns

__all__ = ["MAX_QUERY", "Entity", "Index", "Match", "Name", "fold", "label", "local"]

MAX_QUERY = 100
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"^[a-z]+$")
RANKS = tuple(KIND_RANK[kind] for kind in KINDS)
GENERATED_KIND = KINDS.index(GENERATED)


@dataclass(slots=True)
class Name:
    text: str  # as shown (pinyin with spaces between syllables)
    folded: str
    kind: str
    syllables: tuple[str, ...] = ()


@dataclass(slots=True)
class Entity:
    iri: str
    type: str = ""
    type_labels: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    names: dict[str, Name] = field(default_factory=dict)  # by folded form: one entry per distinct name


@dataclass(frozen=True)
class Match:
    entity: Entity
    name: Name
    score: tuple


def char_gaps(query: str, name: str) -> int | None:
    """Characters skipped when `query` is read as a subsequence of `name` (earliest start), or None."""
    best = None
    for start in (i for i, c in enumerate(name) if c == query[0]):
        position, ok = start, True
        for char in query[1:]:
            position = name.find(char, position + 1)
            if position < 0:
                ok = False
                break
        if ok:
            gaps = position - start + 1 - len(query)
            best = gaps if best is None else min(best, gaps)
    return best


def syllable_gaps(query: str, parts: tuple[str, ...]) -> int | None:
    """Syllables skipped when `query` is spelled by whole syllables of `parts` in order, or None."""

    @cache
    def rest(done: int, index: int) -> int | None:
        """Fewest syllables skipped after `parts[index]` when it spells `query` from `done` on."""
        if not query.startswith(parts[index], done):
            return None
        done += len(parts[index])
        if done == len(query):
            return 0
        options = [
            (nxt - index - 1) + tail
            for nxt in range(index + 1, len(parts))
            if (tail := rest(done, nxt)) is not None
        ]
        return min(options, default=None)

    found = [gaps for index in range(len(parts)) if (gaps := rest(0, index)) is not None]
    return min(found, default=None)


def is_subsequence(query: str, text: str) -> bool:
    """Whether the characters of `query` occur in `text` in order (a quick test before the exact one)."""
    rest = iter(text)
    return all(char in rest for char in query)


def tier(query: str, folded: str, text: str, script: str) -> tuple[int, int] | None:
    """How well a name (`folded`, shown as `text`) matches: (0 exact | 1 prefix | 2 substring |
    3 subsequence, gaps), or None.

    `script` is the query's: "cjk" (characters may be skipped), "latin" (whole pinyin syllables may be
    skipped: the name is a generated pinyin, whose `text` is its syllables) or "" (no subsequence matching).
    """
    if folded == query:
        return 0, 0
    if folded.startswith(query):
        return 1, 0
    if query in folded:
        return 2, 0
    if not script or not is_subsequence(query, folded):
        return None
    gaps = char_gaps(query, folded) if script == "cjk" else syllable_gaps(query, tuple(text.split(" ")))
    return None if gaps is None else (3, gaps)


def script_of(query: str) -> str:
    """Which subsequence matching a folded query gets: "cjk", "latin" or none ("")."""
    if CJK.search(query) and len(query) > 1:
        return "cjk"
    return "latin" if LATIN.match(query) else ""


class Index:
    """Every entity's names, folded once, ranked against a query in Python."""

    def __init__(self, rows: list[dict] | None = None, columns: dict | None = None):
        """From the `search-index` query's rows, or from the build's columns (names.json's `search`)."""
        columns = columns if columns is not None else search_columns(rows or [])
        self.types = [
            (iri, {k: v for k, v in (("zh", zh), ("en", en)) if v is not None})
            for iri, zh, en in columns["types"]
        ]
        self.type_ranks = [TYPE_RANK.get(local(iri), 9) for iri, _ in self.types]
        self.entities: list[list] = columns["entities"]  # [iri, type number, labels …] each
        self.owner = array("I", columns["owner"])  # each name's entity: the names come in entity order
        self.text: list[str] = columns["text"]
        self.folded: list[str] = [
            t if f is None else f for t, f in zip(self.text, columns["folded"], strict=True)
        ]
        self.kind = bytes(columns["kind"])
        self.first = array("I", [len(self.owner)] * (len(self.entities) + 1))  # each entity's first name
        for number in reversed(range(len(self.owner))):
            self.first[self.owner[number]] = number
        self.having: dict[str, array] = {}
        for number, folded in enumerate(self.folded):
            for char in set(folded):
                found = self.having.get(char)
                if found is None:
                    found = self.having[char] = array("I")
                found.append(number)
        self.names = Names(self)

    def __len__(self) -> int:
        return len(self.entities)

    def entity(self, number: int) -> Entity:
        """Entity `number` with its type, labels and names, as a page shows it."""
        iri, type_number, *labels = self.entities[number]
        type_iri, type_labels = self.types[type_number]
        known = {k: v for k, v in zip(LABELS, labels, strict=True) if v is not None}
        entity = Entity(iri, type_iri, dict(type_labels), known)
        for name in range(self.first[number], self.first[number + 1]):
            entity.names[self.folded[name]] = self.name(name)
        return entity

    def name(self, number: int) -> Name:
        text, kind = self.text[number], self.kind[number]
        parts = tuple(text.split(" ")) if kind == GENERATED_KIND else ()
        return Name(text, self.folded[number], KINDS[kind], parts)

    def candidates(self, folded: str) -> Sequence[int]:
        """The numbers of the names with the rarest character of `folded`, in order: no other can match."""
        found = [self.having.get(char, array("I")) for char in set(folded)]
        return min(found, key=len)

    def search(self, query: str, limit: int = 20) -> list[Match]:
        """The entities that match `query`, best first: by tier, then gaps, kind of name, type, length."""
        folded = fold(query)
        if not folded:
            return []
        best: dict[int, tuple[tuple, int]] = {}  # by entity: its best (score, name number)
        script = script_of(folded)
        for number in self.candidates(folded):
            kind, name = self.kind[number], self.folded[number]
            syllabic = script if script != "latin" or kind == GENERATED_KIND else ""
            found = tier(folded, name, self.text[number], syllabic)
            if found is None:
                continue
            owner = self.owner[number]
            iri, type_number = self.entities[owner][:2]
            score = (*found, RANKS[kind], self.type_ranks[type_number], len(name), iri)
            if owner not in best or score < best[owner][0]:
                best[owner] = (score, number)
        ranked = heapq.nsmallest(limit, best.items(), key=lambda item: item[1][0])
        return [Match(self.entity(owner), self.name(number), score) for owner, (score, number) in ranked]


class Names(Sequence):
    """The index's names in order, each as (entity, name), made when asked (the index keeps columns)."""

    def __init__(self, of: Index):
        self.of = of

    def __len__(self) -> int:
        return len(self.of.owner)

    def __getitem__(self, number):
        return self.of.entity(self.of.owner[number]), self.of.name(number)


def label(entity: Entity, lang: str) -> str:
    """The entity's name in `lang`, else its other label in `lang`, else any name at all."""
    other = "en" if lang == "zh" else "zh"
    return (
        entity.labels.get(lang)
        or entity.labels.get("fallback-" + lang)
        or entity.labels.get(other)
        or entity.labels.get("fallback-" + other)
        or next(iter(entity.names.values())).text
    )
