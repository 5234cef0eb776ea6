"""What we ask Wikidata and what it answered: our subjects, the batched queries (codes, division names,
unit labels), and the answers gathered per key.

Values enter the query text only as escaped literals in VALUES blocks (`Literal.n3()`).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from graph.links.wikidata_client import CachedClient
from graph.namespaces import WD

ITEM = str(WD)  # an item's IRI is ITEM + its QID
PREFIXES = (
    "PREFIX wd: <http://www.wikidata.org/entity/>\n"
    "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Subject:
    """One of ours to reconcile: a division (key: its code) or a unit (key: its slug)."""

    iri: str
    kind: str  # "division" or "unit"
    name_zh: str
    key: str
    names: tuple[str, ...] = ()  # every Chinese name a unit goes by
    parent_prefix: str = (
        ""  # a division: the code prefix of its parent (county: 4 digits, city: 2, province: "")
    )


@dataclass(frozen=True)
class Query:
    kind: str  # "code", "name" or "label"
    text: str
    keys: tuple[str, ...]  # the codes or names it asks about


@dataclass
class Answers:
    """What the service said, gathered per key: items by code, by division name, and by unit label."""

    by_code: dict[str, dict[str, str]] = field(default_factory=dict)  # code → {qid: zh label}
    by_name: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # name → {qid: its P442 codes}
    by_label: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # name → {qid: accepted classes}
    retrieved: dict[str, str] = field(default_factory=dict)  # code or name → date retrieved


def _values(variable: str, terms: Iterable) -> str:
    return f"VALUES ?{variable} {{ {' '.join(term.n3() for term in terms)} }}"


def code_query(codes: list[str]) -> str:
    return (
        PREFIXES
        + "SELECT ?code ?item ?label WHERE {\n  "
        + _values("code", (Literal(c) for c in codes))
        + "\n  ?item wdt:P442 ?code .\n"
        '  OPTIONAL { ?item rdfs:label ?label . FILTER(LANG(?label) = "zh") }\n}\n'
    )


def name_query(names: list[str]) -> str:
    return (
        PREFIXES
        + "SELECT ?name ?item ?code WHERE {\n  "
        + _values("name", (Literal(n, lang="zh") for n in names))
        + "\n  ?item rdfs:label ?name .\n  OPTIONAL { ?item wdt:P442 ?code }\n}\n"
    )


def label_query(names: list[str], classes: list[str]) -> str:
    return (
        PREFIXES
        + "SELECT ?name ?item ?class WHERE {\n  "
        + _values("name", (Literal(n, lang="zh") for n in names))
        + "\n  ?item rdfs:label ?name .\n  OPTIONAL {\n    "
        + _values("class", (URIRef(ITEM + q) for q in classes))
        + "\n    ?item wdt:P31/wdt:P279* ?class .\n  }\n}\n"
    )


def plan(subjects: list[Subject], classes: list[str], batch: int) -> list[Query]:
    """The queries that answer for every subject, `batch` values at a time."""
    codes = [s.key for s in subjects if s.kind == "division"]
    names = [s.name_zh for s in subjects if s.kind == "division"]
    labels = sorted({n for s in subjects if s.kind == "unit" for n in s.names})
    chunks = lambda items: [items[i : i + batch] for i in range(0, len(items), batch)]  # noqa: E731
    return (
        [Query("code", code_query(c), tuple(c)) for c in chunks(codes)]
        + [Query("name", name_query(n), tuple(n)) for n in chunks(names)]
        + [Query("label", label_query(n, classes), tuple(n)) for n in chunks(labels)]
    )


def _qid(binding: dict, variable: str) -> str | None:
    value = binding.get(variable, {}).get("value", "")
    qid = value[len(ITEM) :] if value.startswith(ITEM) else ""
    return qid if QID.match(qid) else None


def ask(client: CachedClient, queries: list[Query], progress: Callable = lambda items: items) -> Answers:
    """Send every query (or read it from the cache) and gather the answers."""
    answers = Answers()
    for query in progress(queries):
        bindings, retrieved = client.select(query.text)
        for b in bindings:
            qid = _qid(b, "item")
            if qid is None:
                continue
            if query.kind == "code":
                key = b["code"]["value"]
                answers.by_code.setdefault(key, {})[qid] = b.get("label", {}).get("value", "")
            elif query.kind == "name":
                key = b["name"]["value"]
                codes = answers.by_name.setdefault(key, {}).setdefault(qid, set())
                codes.update([b["code"]["value"]] if "code" in b else [])
            else:
                key = b["name"]["value"]
                found = answers.by_label.setdefault(key, {}).setdefault(qid, set())
                if kind := _qid(b, "class"):
                    found.add(kind)
        for key in query.keys:
            answers.retrieved[key] = max(retrieved, answers.retrieved.get(key, ""))
    return answers
