"""The named-query forms take a county or a unit by code, name or IRI: the picker's options, and the
resolution of what was typed to one IRI (or a clear refusal naming the candidates).

The names come from one UI query per class (queries/ui/picker-names.rq), kept by webui.data; what a
reader types is compared with them in Python, never put into a query. A value matches a name exactly
(case, width and spaces aside), else as the start of a name (`瑞金` → 瑞金市), else (two Chinese
characters or more) as characters of a name in order (`发改委` → 国家发展改革委), else it is refused.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from graph.errors import ParameterError
from graph.namespaces import DK, ID, ORG
from graph.store.named import IRI, Parameter
from webui import data
from webui.http.i18n import pick, translate

# the classes each kind of parameter picks from (`entity`: any organisation or division)
CLASSES = {
    "county": (DK.RecipientCounty,),
    "unit": (DK.SupportingUnit,),
    "entity": (DK.RecipientCounty, DK.SupportingUnit, ORG.Organization, DK.AdministrativeDivision),
}
# what the picker lists (the 43 counties and the 63 units; `entity` both)
LISTED = {"county": ("county",), "unit": ("unit",), "entity": ("county", "unit")}
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"


CJK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,}$")  # two Chinese characters or more


def in_order(wanted: str, name: str) -> bool:
    """Whether the characters of `wanted` occur in `name` in this order."""
    rest = iter(name)
    return all(char in rest for char in wanted)


def fold(text: str) -> str:
    """The form names and typed values are compared in: NFKC, lower case, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


@dataclass
class Choice:
    """One thing a form may pick: its IRI, its labels by language, and every name it answers to."""

    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # folded

    @cached_property
    def code(self) -> str:
        """Its division code, if it has one (what the picker shows beside a county's name)."""
        return next((n for n in sorted(self.names) if n.isdigit() and len(n) == 6), "")

    def label(self, lang: str) -> str:
        return pick(self.labels, lang) or self.iri


class Unresolved(ParameterError):
    """No thing, or more than one, answers to the value typed for a parameter: 400, with the candidates."""

    def __init__(self, parameter: str, value: str, candidates: list[Choice]):
        self.parameter, self.value, self.candidates = parameter, value, candidates
        found = ", ".join(c.iri for c in candidates[:10])
        what = f"several things match ({found})" if candidates else "nothing matches"
        super().__init__(f"{parameter}: {value!r}: {what}; give a code, a full name or an IRI")

    def message(self, lang: str) -> str:
        """The refusal in the page's language."""
        key = "picker.several" if self.candidates else "picker.none"
        return translate(key, lang).format(parameter=self.parameter, value=self.value)


def choices(kind: str) -> list[Choice]:
    """Every thing a parameter of `kind` may name, with its labels and names (one query per class)."""
    found: dict[str, Choice] = {}
    for cls in CLASSES[kind]:
        for row in data.rows("picker-names", **{"class": str(cls)}):
            choice = found.setdefault(str(row["entity"]), Choice(str(row["entity"])))
            name = row["name"]
            language = getattr(name, "language", None) or ""
            if str(row["property"]) == SKOS_PREF and language in ("zh", "en"):
                choice.labels.setdefault(language, str(name))
            choice.names.add(fold(str(name)))
    return list(found.values())


def listed(kind: str, lang: str) -> list[Choice]:
    """What the picker of a `kind` parameter offers, each group in order of its label in `lang`."""
    shown: list[Choice] = []
    for group in LISTED.get(kind, ()):
        shown += sorted(choices(group), key=lambda c: (c.code or "~", c.label(lang)))
    return shown


def resolve(parameter: Parameter, value: str) -> str:
    """The IRI a typed value names: an IRI (or id:PATH) as it is, else the one thing whose code or name
    it is (or starts), else Unresolved."""
    text = value.strip()
    if not text or text.startswith("id:") or IRI.match(text):
        return text
    wanted = fold(text)
    every = choices(parameter.type)
    for matches in (
        [c for c in every if wanted in c.names],
        [c for c in every if any(name.startswith(wanted) for name in c.names)],
        [c for c in every if CJK.match(wanted) and any(in_order(wanted, n) for n in c.names)],
    ):
        if len(matches) == 1:
            return matches[0].iri
        if matches:
            raise Unresolved(parameter.name, text, matches)
    raise Unresolved(parameter.name, text, [])


def resolved(parameters: tuple[Parameter, ...], values: dict[str, str]) -> dict[str, str]:
    """`values` with each county, unit or entity parameter's code or name replaced by its IRI."""
    kinds = {p.name: p for p in parameters if p.type in CLASSES}
    return {k: resolve(kinds[k], v) if k in kinds and v else v for k, v in values.items()}


def display(parameter: Parameter, value: str, lang: str) -> str:
    """What the form field shows for `value`: the label (in `lang`) of the county or unit its IRI names,
    else the value as given."""
    if parameter.type not in CLASSES or not value:
        return value
    iri = str(ID) + value[3:] if value.startswith("id:") else value
    return next((c.label(lang) for c in choices(parameter.type) if c.iri == iri), value)


def short(iri: str) -> str:
    """`id:division/360781` for one of our IRIs: what a form field shows for a picked thing."""
    return "id:" + iri.removeprefix(str(ID)) if iri.startswith(str(ID)) else iri
