"""The named query pages: the list at /queries, a page and form per query, its JSON/CSV/TSV/XML output."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.store.named import catalogue
from helpers.examples import ui_rows
from helpers.html_tree import parse_html, textarea_value
from webui import create_app
from webui.state import of

ID = "https://w3id.org/duikou/id/"
RUIJIN, NINGDU = f"{ID}division/360781", f"{ID}division/360730"
QUERIES = catalogue().all()
SOLUTION_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "ttl": ("text/turtle", "turtle"),
    "nt": ("application/n-triples", "nt"),
    "jsonld": ("application/ld+json", "json-ld"),
    "rdf": ("application/rdf+xml", "xml"),
}


@pytest.fixture(scope="module")
def client(built_dist):
    return create_app({"DIST": built_dist}).test_client()


def get(client, path, status=200, **params):
    response = client.get(path + ("?" + urlencode(params) if params else ""))
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response, parse_html(response.get_data(as_text=True))


def column(tree, index=0):
    """The cells of one column of the results table."""
    rows = tree.find("table", class_="results-table").find("tbody").find_all("tr")
    return [row.find_all("td")[index] for row in rows]


def page_of(iri) -> str:
    return "/page/" + str(iri).removeprefix(ID)


# -- the list --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_list_shows_every_named_query(client, lang):
    _, tree = get(client, "/queries", lang=lang)
    items = tree.find("ul", class_="named-queries").find_all("li", class_="named-query")
    assert [item.get("id") for item in items] == [f"q-{name}" for name in QUERIES]
    for item, query in zip(items, QUERIES.values(), strict=True):
        heading = item.find("h2")
        assert heading.find("a").get("href") == f"/queries/{query.name}"
        assert heading.find("a").words() == query.title[lang]
        assert query.description[lang] in item.words()
        tags = item.find_all("ul", class_="tags")
        assert [li.words() for li in (tags[0].find_all("li") if tags else [])] == list(query.tags)
        shown = [code.words() for code in item.find_all("code", class_="param-name")]
        assert shown == [p.name for p in query.parameters]


# -- one query's page ------------------------------------------------------------------------------


@pytest.mark.parametrize("county, lang", [(RUIJIN, "en"), (NINGDU, "zh"), (NINGDU, "en")])
def test_units_of_county_shows_the_right_rows(client, embedded_store, county, lang):
    _, tree = get(client, "/queries/units-of-county", county=county, lang=lang)
    expected = ui_rows(embedded_store, "units-of-county", county=county, lang=lang)
    assert expected
    units = column(tree, 0)
    assert [a.find("a").get("href") for a in units] == [page_of(r["unit"]) for r in expected]
    assert [a.find("a").words() for a in units] == [str(r["unitLabel"]) for r in expected]
    counties = {c.find("span", class_="literal").words() for c in column(tree, 5)}
    assert counties == {str(r["countyLabel"]) for r in expected}


def test_ruijin_in_english_is_mof_and_xinhua(client):
    _, tree = get(client, "/queries/units-of-county", county=RUIJIN, lang="en")
    assert [(c.find("a").get("href"), c.find("a").words()) for c in column(tree)] == [
        ("/page/unit/mof", "Ministry of Finance"),
        ("/page/unit/xinhua", "Xinhua News Agency"),
    ]
    assert tree.find("html").get("lang") == "en"


def test_the_form_has_typed_labelled_inputs_with_defaults(client):
    _, tree = get(client, "/queries/units-of-county", lang="en")
    form = tree.find("form", class_="parameters-form")
    assert (form.get("method"), form.get("action")) == ("get", "/queries/units-of-county")
    county = form.find("input", name="county")
    assert (county.get("type"), county.get("value")) == ("text", "Ruijin City")  # the default, by its label
    assert form.find("label", for_=county.get("id")).words().startswith("county")
    lang = form.find("select", name="label-lang")  # not `lang`, which switches the site's language
    assert form.find("label", for_=lang.get("id"))
    options = [(o.get("value"), "selected" in o.attrs) for o in lang.find_all("option")]
    assert options == [("zh", False), ("en", True)]


def test_integer_code_and_date_parameters_get_matching_inputs(client):
    typed = {p.type: (q.name, p) for q in QUERIES.values() for p in q.parameters}
    for kind, attributes in [
        ("integer", {"type": "number"}),
        ("code", {"pattern": "[0-9]{6}"}),
        ("date", {"type": "date"}),
    ]:
        name, parameter = typed[kind]
        _, tree = get(client, f"/queries/{name}")
        field = tree.find("input", name=parameter.name)
        assert all(field.get(k) == v for k, v in attributes.items())
        assert field.get("value") == parameter.default


def test_the_query_text_is_shown_for_highlighting(client):
    _, tree = get(client, "/queries/units-of-county")
    assert tree.find("code", data_sparql=True).text() == QUERIES["units-of-county"].text
    assert "/static/editor.js" in {s.get("src", "").partition("?")[0] for s in tree.find_all("script")}


@pytest.mark.parametrize("name", list(QUERIES))
def test_every_named_query_page_renders_its_answer(client, embedded_store, name):
    _, tree = get(client, f"/queries/{name}")
    takes_lang = "lang" in {p.name for p in QUERIES[name].parameters}
    result = QUERIES[name].run(embedded_store, {"lang": "zh"} if takes_lang else {})
    if result.kind == "boolean":
        assert tree.find("strong", data_boolean=str(result.boolean).lower())
    elif result.kind == "graph":
        assert len(column(tree)) == len(result.graph)
    elif result.rows:
        assert len(column(tree)) == len(result.rows)


def test_open_in_the_editor_keeps_the_parameters(client, embedded_store):
    _, tree = get(client, "/queries/units-of-county", county=NINGDU, lang="en")
    link = tree.find("a", class_="open-editor").get("href")
    assert urlsplit(link).path == "/query"
    assert parse_qs(urlsplit(link).query) == {
        "example": ["units-of-county"],
        "county": [NINGDU],
        "label-lang": ["en"],  # the query's own parameter: the editor does not switch the site's language
    }
    text = textarea_value(parse_html(client.get(link).get_data(as_text=True)).find("textarea", name="query"))
    assert f'VALUES (?county ?lang) {{ (<{NINGDU}> "en") }}' in text
    ran = parse_html(client.get("/query?" + urlencode({"query": text})).get_data(as_text=True))
    expected = ui_rows(embedded_store, "units-of-county", county=NINGDU, lang="en")
    assert [c.find("a").get("href") for c in column(ran)] == [page_of(r["unit"]) for r in expected]


# -- problems --------------------------------------------------------------------------------------


def test_unknown_query_is_404(client):
    assert client.get("/queries/no-such-query").status_code == 404
    assert client.get("/queries/no-such-query.json").status_code == 404
    assert client.get("/queries/labels").status_code == 404  # the UI's own queries are not published


def test_unknown_query_is_a_page_with_the_nearest_names_for_browsers(client):
    response = client.get("/queries/units-of-countie?lang=en", headers={"Accept": "text/html"})
    assert response.status_code == 404 and response.mimetype == "text/html"
    tree = parse_html(response.get_data(as_text=True))
    assert tree.find("h1").words() == "No such named query"
    assert tree.find("a", href="/queries/units-of-county") and tree.find("a", href="/queries")


@pytest.mark.parametrize(
    "params, words",
    [
        ({"county": "not an iri"}, "county"),
        ({"county": RUIJIN + "> } ; <x"}, "county"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_parameter_is_a_400_page_with_the_form_again(client, params, words):
    _, tree = get(client, "/queries/units-of-county", status=400, lang="en", **params)
    assert words in tree.by_id("query-problem").words()
    assert tree.find("form", class_="parameters-form").find("input", name="county")
    if "county" in params:
        assert tree.find("input", name="county").get("value") == params["county"]
    assert not tree.find_all("table")


def test_hostile_parameter_values_come_back_escaped(client):
    hostile = '"><script>alert(1)</script>'
    _, tree = get(client, "/queries/search-labels", text=hostile)
    assert tree.find("input", name="text").get("value") == hostile
    assert all(s.get("src") for s in tree.find_all("script"))


# -- outputs ---------------------------------------------------------------------------------------


def units_in(fmt: str, body: str) -> list[str]:
    """The ?unit column of a SPARQL results document, in order."""
    if fmt == "json":
        return [b["unit"]["value"] for b in json.loads(body)["results"]["bindings"]]
    if fmt == "xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        return [e.text for e in ET.fromstring(body).findall(".//r:result/r:binding[@name='unit']/r:uri", ns)]
    if fmt == "csv":
        return [row["unit"] for row in csv.DictReader(io.StringIO(body))]
    rows = list(csv.reader(io.StringIO(body), delimiter="\t"))
    return [row[rows[0].index("?unit")].strip("<>") for row in rows[1:]]


@pytest.mark.parametrize("fmt", list(SOLUTION_TYPES))
def test_outputs_parse_with_the_right_rows(client, embedded_store, fmt):
    response = client.get(f"/queries/units-of-county.{fmt}?" + urlencode({"county": NINGDU, "lang": "en"}))
    assert response.status_code == 200 and response.mimetype == SOLUTION_TYPES[fmt]
    expected = ui_rows(embedded_store, "units-of-county", county=NINGDU, lang="en")
    assert units_in(fmt, response.get_data(as_text=True)) == [str(r["unit"]) for r in expected]


def test_json_output_has_the_labels_in_the_chosen_language(client):
    response = client.get("/queries/units-of-county.json?" + urlencode({"county": RUIJIN, "lang": "en"}))
    body = json.loads(response.data)
    assert [(b["unitLabel"]["value"], b["unitLabel"]["xml:lang"]) for b in body["results"]["bindings"]] == [
        ("Ministry of Finance", "en"),
        ("Xinhua News Agency", "en"),
    ]


def test_the_page_links_each_output_with_its_parameters(client):
    _, tree = get(client, "/queries/units-of-county", county=NINGDU, lang="en")
    links = {a.get("data-format"): a.get("href") for a in tree.find("p", class_="downloads").find_all("a")}
    assert set(links) == set(SOLUTION_TYPES)
    for fmt, href in links.items():
        assert urlsplit(href).path == f"/queries/units-of-county.{fmt}"
        assert parse_qs(urlsplit(href).query) == {"county": [NINGDU], "lang": ["en"]}
        assert client.get(href).mimetype == SOLUTION_TYPES[fmt]


@pytest.mark.parametrize("fmt", list(GRAPH_TYPES))
def test_graph_query_outputs_are_rdf(client, embedded_store, fmt):
    media_type, rdflib_format = GRAPH_TYPES[fmt]
    response = client.get(f"/queries/pairings-graph.{fmt}?lang=en")
    assert response.status_code == 200 and response.mimetype == media_type
    expected = catalogue().get("pairings-graph", ui=True).run(embedded_store, {"lang": "en"}).graph
    assert isomorphic(Graph().parse(data=response.get_data(as_text=True), format=rdflib_format), expected)


def test_a_format_of_the_other_family_is_406(client):
    assert client.get("/queries/units-of-county.ttl").status_code == 406
    assert client.get("/queries/pairings-graph.csv").status_code == 406
    assert client.get("/queries/pairings-graph.json").mimetype == "application/ld+json"


def test_a_bad_parameter_in_an_output_is_400(client):
    response = client.get("/queries/units-of-county.json?county=nope", headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert "county" in json.loads(response.data)["error"]["message"]


def test_truncated_answers_say_so(built_dist):
    client = create_app({"DIST": built_dist, "ROW_LIMIT": 3}).test_client()
    _, tree = get(client, "/queries/units", lang="en")
    assert tree.find("p", role="status") and len(column(tree)) == 3
    response = client.get("/queries/units.csv")
    assert response.headers["X-Duikou-Truncated"] == "true" and response.headers["X-Duikou-Row-Limit"] == "3"
    assert len(list(csv.reader(io.StringIO(response.get_data(as_text=True))))) == 1 + 3


def test_a_named_page_costs_two_store_queries(built_dist):
    """The named query, and one label query for every IRI in its answer."""
    app = create_app({"DIST": built_dist})
    store = of(app).store
    calls = []
    original = store.query

    def counted(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    store.query = counted
    get(app.test_client(), "/queries/pairings", lang="en")
    assert len(calls) == 2 and "VALUES ?iri" in calls[1]
