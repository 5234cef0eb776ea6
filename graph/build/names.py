"""The site's name indexes, made once by the build (`names.json`) so that no web server makes them again.

Two of the pages' named queries list every name the site looks things up by: `search-index` (each entity
of the searched classes, its most specific type and every name) and `entity-index` (every IRI below id/
with its preferred and other names, for a 404's suggestions). Made from a graph of N copies of ours, their
answers take time and memory in proportion (a minute at 1000×), and so would folding each name and
spelling each Chinese one in pinyin; written here, the web app only reads them (webui.warm).

`search` keeps the index webui.pages.searchindex ranks, in columns: the entities (IRI, type, labels)
and their names in entity order (owner, text, folded form, kind). `entities` keeps each IRI with its
names (text and language tag) in the query's order. A remote store's app makes the same from the same
queries' answers with the same functions (`search_columns`, `entity_names`).
"""

import json
import re
import unicodedata
from functools import lru_cache

from pypinyin import lazy_pinyin

from graph import namespaces
from graph.store.named import catalogue

IGNORED = re.compile(r"[\s'’‘ʼ`·\-_]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"^[a-z]+$")
SKOS, RDFS, DCT, DK = map(str, (namespaces.SKOS, namespaces.RDFS, namespaces.DCTERMS, namespaces.DK))
GENERATED = "generated-pinyin"
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
    GENERATED: 5,
}
KINDS = tuple(KIND_RANK)  # a name's kind is written as its number here
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
LABELS = ("zh", "en", "fallback-zh", "fallback-en")  # an entity's labels, in the order written


def fold(text: str) -> str:
    """The form names and queries are compared in: NFKC, lower case, no spaces, apostrophes or hyphens."""
    return IGNORED.sub("", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=4096)
def syllables(text: str) -> tuple[str, ...]:
    """The toneless pinyin syllables of the Chinese characters in `text` (other characters dropped)."""
    return tuple(s for s in (fold(p) for p in lazy_pinyin(text)) if LATIN.match(s))


def local(iri) -> str:
    """The local name of a class IRI (after # or the last /)."""
    return re.split(r"[#/]", str(iri or ""))[-1]


def _add(names: dict[str, tuple[str, str]], text: str, folded: str, kind: str) -> None:
    """Keep one name per folded form: the one of the best kind."""
    known = names.get(folded)
    if folded and (known is None or KIND_RANK[kind] < KIND_RANK[known[1]]):
        names[folded] = (text, kind)


def search_columns(rows: list[dict]) -> dict:
    """The search index made from the `search-index` query's rows: every entity once, its most specific
    type, its labels and each distinct name (by folded form, the best kind kept), with the pinyin of
    every Chinese name added; in columns, as written to names.json."""
    entities: dict[str, dict] = {}
    for row in rows:
        iri = str(row["entity"])
        entity = entities.setdefault(iri, {"type": "", "type_labels": {}, "labels": {}, "names": {}})
        kind, name = str(row["property"]), row["name"]
        language = (getattr(name, "language", None) or "").lower()
        if "type" in row and TYPE_RANK.get(local(row["type"]), 9) < TYPE_RANK.get(local(entity["type"]), 10):
            entity["type"] = str(row["type"])
            entity["type_labels"] = {
                k: str(row[v]) for k, v in (("zh", "typeZh"), ("en", "typeEn")) if v in row
            }
        if kind == SKOS + "prefLabel" and language in ("zh", "en"):
            entity["labels"].setdefault(language, str(name))
        if kind in (RDFS + "label", DCT + "title") and language in ("zh", "en"):
            entity["labels"].setdefault("fallback-" + language, str(name))
        if kind == SKOS + "altLabel" and language.startswith("zh-latn"):
            kind = "pinyin"
        _add(entity["names"], str(name), fold(str(name)), kind if kind in KIND_RANK else SKOS + "altLabel")
    types: dict[tuple, int] = {}
    columns: dict = {"types": [], "entities": [], "owner": [], "text": [], "folded": [], "kind": []}
    for number, (iri, entity) in enumerate(entities.items()):
        for text, _ in list(entity["names"].values()):
            if CJK.search(text):
                parts = syllables(text)
                _add(entity["names"], " ".join(parts), "".join(parts), GENERATED)
        labels = entity["type_labels"]
        key = (entity["type"], labels.get("zh"), labels.get("en"))
        if key not in types:
            types[key] = len(types)
            columns["types"].append(list(key))
        columns["entities"].append([iri, types[key], *(entity["labels"].get(k) for k in LABELS)])
        for folded, (text, kind) in entity["names"].items():
            columns["owner"].append(number)
            columns["text"].append(text)
            columns["folded"].append(None if folded == text else folded)  # most are their own folded form
            columns["kind"].append(KINDS.index(kind))
    return columns


def entity_names(rows: list[dict]) -> list[list]:
    """Every IRI of the `entity-index` query's rows once, with its names as [text, language] in the rows'
    order (preferred names first): [[iri, [text, lang], …], …]."""
    found: dict[str, list] = {}
    for row in rows:
        names = found.setdefault(str(row["entity"]), [])
        if "name" in row:
            names.append([str(row["name"]), getattr(row["name"], "language", None) or ""])
    return [[iri, *names] for iri, names in found.items()]


def names_file(store) -> bytes:
    """names.json for the graph in `store`: both indexes, from the pages' own queries."""
    search = catalogue().get("search-index", ui=True).run(store).dicts()
    everything = catalogue().get("entity-index", ui=True).run(store, {"prefix": str(namespaces.ID)}).dicts()
    record = {"search": search_columns(search), "entities": entity_names(everything)}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
