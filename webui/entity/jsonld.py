"""The schema.org description embedded in each entity page (`<script type="application/ld+json">`).

Units and organisations are GovernmentOrganization (enterprises, banks and people's organisations are
not government bodies: Organization), divisions AdministrativeArea, documents Legislation, the
development zone Place, lines and sections parts of their Legislation, concepts DefinedTerm. Names go in
both languages; `url` is the entity's IRI and `sameAs` its exact matches elsewhere.
"""

from typing import Any

from rdflib import Literal
from rdflib.term import Identifier

from webui.entity.kinds import kinds
from webui.entity.page import EntityPage

NOT_GOVERNMENT = {
    "central-enterprise",
    "central-financial-enterprise",
    "policy-financial-institution",
    "peoples-organisation",
    "cooperative-federation",
}
TYPES = {
    "unit": "GovernmentOrganization",
    "organization": "GovernmentOrganization",
    "county": "AdministrativeArea",
    "city": "AdministrativeArea",
    "province": "AdministrativeArea",
    "division": "AdministrativeArea",
    "zone": "Place",
    "notice": "Legislation",
    "plan": "Legislation",
    "opinion": "Legislation",
    "document": "Legislation",
    "section": "Legislation",
    "line": "CreativeWork",
    "concept": "DefinedTerm",
    "scheme": "DefinedTermSet",
    "programme": "Project",
    "phase": "Event",
    "source": "CreativeWork",
    "code": "DefinedTerm",
    "former-code": "DefinedTerm",
    "change": "Event",
}
IDENTIFIERS = ("skos:notation", "dk:acronym", "dcterms:identifier", "dk:statisticalCode")
SAME = ("skos:exactMatch", "owl:sameAs")


def schema_type(page: EntityPage) -> str:
    """The schema.org type of the entity's most specific kind (Thing for an unknown one)."""
    found = kinds(page)
    categories = {str(v.term).rsplit("/", 1)[-1] for v in page.out("dk:category")}
    if ("unit" in found or "organization" in found) and categories & NOT_GOVERNMENT:
        return "Organization"
    return next((TYPES[key] for key in found if key in TYPES), "Thing")


def _iris(page: EntityPage, names) -> list[str]:
    return [
        str(v.term)
        for name in names
        for v in page.out(name)
        if str(v.term).startswith(("http://", "https://"))
    ]


def language_of(term: Identifier) -> str | None:
    """A literal's language tag; None for an untagged literal or any other term."""
    return term.language if isinstance(term, Literal) else None


def jsonld(page: EntityPage) -> dict:
    """A schema.org JSON-LD object for the page (serialised in the template with |tojson)."""
    kind = schema_type(page)
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": page.entry.iri,
        "url": page.entry.iri,
        "name": [{"@value": text, "@language": lang} for lang, text in sorted(page.label.items())],
    }
    identifiers = [str(v.term) for name in IDENTIFIERS for v in page.out(name)]
    if identifiers:
        found["identifier"] = identifiers
    alternate = [
        {"@value": str(v.term), "@language": language} if (language := language_of(v.term)) else str(v.term)
        for v in page.out("skos:altLabel")
    ]
    if alternate:
        found["alternateName"] = alternate
    same = _iris(page, SAME)
    if same:
        found["sameAs"] = same
    containers = _iris(page, ("dk:inCity", "dk:inProvince", "dk:withinDivision"))
    if containers and kind in ("AdministrativeArea", "Place"):
        found["containedInPlace"] = [{"@id": iri} for iri in containers]
    parents = _iris(page, ("dk:administeredBy",))
    if parents:
        found["parentOrganization"] = {"@id": parents[0]}
    definitions = [
        {"@value": str(v.term), "@language": language_of(v.term)} for v in page.out("skos:definition")
    ]
    if definitions:
        found["description"] = definitions
    issued = page.one("dcterms:issued")
    if issued and kind == "Legislation":
        found["legislationDate"] = str(issued.term)
    return found
