"""What the tests of the query editor at /query share: sample queries, GET with a status check, and the
parts of the page (the labelled editor, the results table, the problem message)."""

from urllib.parse import urlencode

from graph.paths import ROOT
from helpers.html_tree import parse_html

ID = "https://w3id.org/duikou/id/"
DK = "https://w3id.org/duikou/def#"
PREFIX = f"PREFIX dk: <{DK}>\n"
SUPPORTS = PREFIX + "SELECT ?unit ?county WHERE { ?unit dk:supports ?county } ORDER BY ?unit"
MOF_ROW = PREFIX + (
    f"SELECT ?unit ?county WHERE {{\n  ?unit dk:supports ?county FILTER(?unit = <{ID}unit/mof>) }}"
)
PAIRS = PREFIX + (
    "CONSTRUCT { ?u dk:supports ?c } WHERE { ?u dk:supports ?c ; dk:category ?k } ORDER BY ?u LIMIT 5"
)
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
STATIC = ROOT / "webui" / "static"


def get(client, path="/query", status=200, **params):
    """GET a page, check its status, and return (response, element tree)."""
    response = client.get(path + ("?" + urlencode(params) if params else ""))
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response, parse_html(response.get_data(as_text=True))


def editor(tree):
    """The query textarea, after checking it has a visible label of its own."""
    textarea = tree.find("textarea", name="query")
    label = tree.find("label", for_=textarea.get("id"))
    assert label.words() in ("查询（SPARQL）", "Query (SPARQL)")
    return textarea


def results(tree):
    """The results table as rows of cells (elements)."""
    table = tree.find("table", class_="results-table")
    return [row.find_all("td") for row in table.find("tbody").find_all("tr")]


def problem_text(tree) -> str:
    return tree.by_id("query-problem").words()
