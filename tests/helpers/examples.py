"""A value for each required parameter of the page queries: they are given the document (or its section or
line) by the web app, and have no default to fall back on."""

from graph.inputs.manifest import primary
from graph.iris import document
from graph.store.named import catalogue

NOTICE = str(document(primary().slug))
BY_QUERY = {
    "section-lines": {"iri": f"{NOTICE}/section/2-1"},
    "entity-line-neighbours": {"iri": f"{NOTICE}/line/26"},
}
BY_PARAMETER = {"notice": NOTICE}


def required_values(query) -> dict[str, str]:
    """Values for the required parameters of `query` (a NamedQuery): what a page would give it."""
    found = BY_QUERY.get(query.name, {})
    return {p.name: found.get(p.name) or BY_PARAMETER[p.name] for p in query.parameters if p.required}


def ui_rows(store, name: str, **params) -> list[dict]:
    """The answer of the web app's own named query `name` (queries/ui/) to `params`, as rows."""
    return catalogue().get(name, ui=True).run(store, params).dicts()
