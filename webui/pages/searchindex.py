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
"""

import heapq
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import cache, lru_cache

from pypinyin import lazy_pinyin

from graph import namespaces

MAX_QUERY = 100
IGNORED = re.compile(r"[\s'’‘ʼ`·\-_]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"^[a-z]+$")
SKOS, RDFS, DCT, DK = map(str, (namespaces.SKOS, namespaces.RDFS, namespaces.DCTERMS, namespaces.DK))
# how much a kind of name counts when two names match equally well: official names first
KIND_RANK = {
    SKOS + "prefLabel": 0,
    DK + "nameInNotice": 1,
    DK + "acronym": 1,
    SKOS + "notation": 1,
    DCT + "identifier": 1,
    DCT + "title": 2,
    SKOS + "altLabel": 2,
    "pinyin": 3,
    RDFS + "label": 4,
    "generated-pinyin": 5,
}
# which kinds of thing come first among equal matches: units and places are what people look for
TYPE_RANK = {
    "LeadDepartment": 0,
    "SupportingUnit": 0,
    "RecipientCounty": 1,
    "County": 1,
    "PrefectureCity": 1,
    "Province": 1,
    "Organization": 2,
    "DevelopmentZone": 2,
    "Notice": 3,
    "WorkPlan": 3,
    "Opinion": 3,
    "PolicyDocument": 3,
    "Section": 4,
    "Concept": 5,
    "ConceptScheme": 6,
    "Programme": 6,
    "ProgrammePhase": 6,
    "Assignment": 7,
}


def fold(text: str) -> str:
    """The form names and queries are compared in: NFKC, lower case, no spaces, apostrophes or hyphens."""
    return IGNORED.sub("", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=4096)
def syllables(text: str) -> tuple[str, ...]:
    """The toneless pinyin syllables of the Chinese characters in `text` (other characters dropped)."""
    return tuple(s for s in (fold(p) for p in lazy_pinyin(text)) if LATIN.match(s))


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

    def add(self, name: Name) -> None:
        known = self.names.get(name.folded)
        if name.folded and (known is None or KIND_RANK[name.kind] < KIND_RANK[known.kind]):
            self.names[name.folded] = name


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


def tier(query: str, name: Name, script: str) -> tuple[int, int] | None:
    """How well `name` matches: (0 exact | 1 prefix | 2 substring | 3 subsequence, gaps), or None.

    `script` is the query's: "cjk" (characters may be skipped), "latin" (whole pinyin syllables may be
    skipped) or "" (no subsequence matching).
    """
    if name.folded == query:
        return 0, 0
    if name.folded.startswith(query):
        return 1, 0
    if query in name.folded:
        return 2, 0
    if not script or not is_subsequence(query, name.folded):
        return None
    gaps = char_gaps(query, name.folded) if script == "cjk" else syllable_gaps(query, name.syllables)
    return None if gaps is None else (3, gaps)


def script_of(query: str) -> str:
    """Which subsequence matching a folded query gets: "cjk", "latin" or none ("")."""
    if CJK.search(query) and len(query) > 1:
        return "cjk"
    return "latin" if LATIN.match(query) else ""


class Index:
    """Every entity's names, folded once, ranked against a query in Python."""

    def __init__(self, rows: list[dict]):
        self.entities: dict[str, Entity] = {}
        for row in rows:
            self._add_row(row)
        for entity in self.entities.values():
            for name in list(entity.names.values()):
                if CJK.search(name.text):
                    parts = syllables(name.text)
                    entity.add(Name(" ".join(parts), "".join(parts), "generated-pinyin", parts))
        # every name in entity order, and for each character the numbers of the names that contain it
        self.names = [(entity, name) for entity in self.entities.values() for name in entity.names.values()]
        self.having: dict[str, array] = {}
        for number, (_, name) in enumerate(self.names):
            for char in set(name.folded):
                self.having.setdefault(char, array("I")).append(number)

    def _add_row(self, row: dict) -> None:
        iri = str(row["entity"])
        entity = self.entities.setdefault(iri, Entity(iri))
        kind, name = str(row["property"]), row["name"]
        language = (getattr(name, "language", None) or "").lower()
        if "type" in row and TYPE_RANK.get(local(row["type"]), 9) < TYPE_RANK.get(local(entity.type), 10):
            entity.type = str(row["type"])
            entity.type_labels = {k: str(row[v]) for k, v in (("zh", "typeZh"), ("en", "typeEn")) if v in row}
        if kind == SKOS + "prefLabel" and language in ("zh", "en"):
            entity.labels.setdefault(language, str(name))
        if kind in (RDFS + "label", DCT + "title") and language in ("zh", "en"):
            entity.labels.setdefault("fallback-" + language, str(name))
        if kind == SKOS + "altLabel" and language.startswith("zh-latn"):
            kind = "pinyin"
        entity.add(Name(str(name), fold(str(name)), kind if kind in KIND_RANK else SKOS + "altLabel"))

    def __len__(self) -> int:
        return len(self.entities)

    def candidates(self, folded: str) -> array:
        """The numbers of the names with the rarest character of `folded`, in order: no other can match."""
        found = [self.having.get(char, array("I")) for char in set(folded)]
        return min(found, key=len)

    def search(self, query: str, limit: int = 20) -> list[Match]:
        """The entities that match `query`, best first: by tier, then gaps, kind of name, type, length."""
        folded = fold(query)
        if not folded:
            return []
        best: dict[str, Match] = {}
        script = script_of(folded)
        for number in self.candidates(folded):
            entity, name = self.names[number]
            found = tier(folded, name, script if script != "latin" or name.syllables else "")
            if found is None:
                continue
            score = (
                *found,
                KIND_RANK[name.kind],
                TYPE_RANK.get(local(entity.type), 9),
                len(name.folded),
                entity.iri,
            )
            if entity.iri not in best or score < best[entity.iri].score:
                best[entity.iri] = Match(entity, name, score)
        return heapq.nsmallest(limit, best.values(), key=lambda match: match.score)


def local(iri) -> str:
    """The local name of a class IRI (after # or the last /)."""
    return re.split(r"[#/]", str(iri or ""))[-1]


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
