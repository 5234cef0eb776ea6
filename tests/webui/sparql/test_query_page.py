"""The query editor at /query: its form, labelled results rendered on the server, limits, errors, links."""

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graph.paths import ROOT
from graph.store.embedded import EmbeddedStore
from graph.store.named import catalogue
from helpers.html_tree import parse_html, textarea_value
from webui import create_app
from webui.sparql import results_table

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


# -- the editor ------------------------------------------------------------------------------------


def test_editor_has_a_labelled_textarea_in_a_get_form_with_prefixes_preset(client):
    _, tree = get(client)
    textarea = editor(tree)
    form = next(e for e in tree.find_all("form") if textarea in e.iter())
    assert (form.get("method"), form.get("action")) == ("get", "/query")
    assert form.find("button", type="submit")
    text = textarea_value(textarea)
    for prefix, namespace in [
        ("dk", DK),
        ("skos", str(SKOS)),
        ("rdfs", str(RDFS)),
        ("dcterms", str(DCTERMS)),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("org", "http://www.w3.org/ns/org#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ]:
        assert ["PREFIX", f"{prefix}:", f"<{namespace}>"] in map(str.split, text.splitlines()), prefix
    assert tree.find("div", data_editor=True).find("textarea") is textarea
    hint = tree.by_id("query-hint")
    assert hint.get("id") in textarea.get("aria-describedby").split()


def test_the_default_query_runs_and_shows_every_pairing(client):
    _, tree = get(client)
    _, ran = get(client, query=textarea_value(editor(tree)))
    assert len(results(ran)) == 61


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_examples_are_the_named_queries_titled_in_the_chosen_language(client, lang):
    _, tree = get(client, lang=lang)
    links = tree.by_id("examples").find_all("a", data_example=True)
    queries = catalogue().all()
    assert [a.get("data-example") for a in links] == list(queries)
    for link in links:
        query = queries[link.get("data-example")]
        assert link.get("href") == "/query?" + urlencode({"example": query.name})
        assert link.words() == query.title[lang]


def test_limits_are_stated_from_the_settings(built_dist):
    tree = parse_html(
        create_app({"DIST": built_dist, "ROW_LIMIT": 1234, "QUERY_TIMEOUT": 7})
        .test_client()
        .get("/query?lang=en")
        .get_data(as_text=True)
    )
    limits = tree.by_id("query-limits").words()
    assert "7 s" in limits and "1,234 rows" in limits
    assert "SERVICE is not allowed" in limits


def test_no_inline_script_or_style(client):
    response, tree = get(client, query=SUPPORTS)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    for script in tree.find_all("script"):
        assert script.get("src", "").startswith("/static/") or script.get("type") == "application/ld+json"
    assert not tree.find_all("style")
    assert not [e for e in tree.iter() if "style" in e.attrs or any(a.startswith("on") for a in e.attrs)]
    assert {s.get("src", "").partition("?")[0] for s in tree.find_all("script")} >= {"/static/editor.js"}
    for asset in ("/static/editor.js", "/static/editor.css"):
        with client.get(asset) as response:
            assert response.status_code == 200


# -- results ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, mof, ruijin", [("zh", "财政部", "瑞金市"), ("en", "Ministry of Finance", "Ruijin City")]
)
def test_iris_are_shown_as_labels_linked_to_their_pages(client, lang, mof, ruijin):
    _, tree = get(client, query=MOF_ROW, lang=lang)
    header = [th.words() for th in tree.find("table", class_="results-table").find_all("th")]
    assert header == ["?unit", "?county"]
    [[unit, county]] = results(tree)
    assert (unit.find("a").get("href"), unit.find("a").words()) == ("/page/unit/mof", mof)
    assert (county.find("a").get("href"), county.find("a").words()) == ("/page/division/360781", ruijin)
    meta = tree.find("p", class_="results-meta").words()
    assert meta.startswith("1 ") and ("ms" in meta or "毫秒" in meta)


def test_no_cell_shows_a_raw_iri(client):
    _, tree = get(client, query=SUPPORTS)
    rows = results(tree)
    assert len(rows) == 61
    for cells in rows:
        for cell in cells:
            link = cell.find("a")
            assert link.get("href").startswith("/page/") and not link.words().startswith("http")


def test_iris_without_a_label_show_a_curie(client):
    query = f"SELECT ?p WHERE {{ <{ID}unit/mof> ?p ?o }} GROUP BY ?p ORDER BY ?p"
    _, tree = get(client, query=query, lang="en")
    shown = {cells[0].words(): cells[0].find("a").get("href") for cells in results(tree)}
    assert shown["skos:prefLabel"] == str(SKOS.prefLabel)
    assert shown["supports"] == "/def#supports"  # our own property, by its rdfs:label


def test_literals_show_their_language_tag(client):
    query = f"SELECT ?label WHERE {{ <{ID}unit/mof> <{SKOS.prefLabel}> ?label }} ORDER BY ?label"
    _, tree = get(client, query=query)
    cells = [cells[0] for cells in results(tree)]
    assert [
        (
            c.find("span", class_="literal").words(),
            c.find("span", class_="literal").get("lang"),
            c.find("span", class_="tag").words(),
        )
        for c in cells
    ] == [("Ministry of Finance", "en", "@en"), ("财政部", "zh", "@zh")]


def test_ask_shows_true_or_false(client):
    for query, answer in [
        (PREFIX + f"ASK {{ <{ID}unit/mof> dk:supports ?c }}", "true"),
        (PREFIX + f"ASK {{ <{ID}unit/ndrc> dk:supports ?c }}", "false"),
    ]:
        _, tree = get(client, query=query)
        assert tree.find("strong", data_boolean=answer).words() == answer


@pytest.mark.parametrize("query", [PAIRS, f"DESCRIBE <{ID}unit/mof>"])
def test_graph_answers_are_a_table_of_labelled_triples(client, embedded_store, query):
    _, tree = get(client, query=query, lang="en")
    header = [th.words() for th in tree.find("table", class_="results-table").find_all("th")]
    assert header == ["Subject", "Predicate", "Object"]
    rows = results(tree)
    assert len(rows) == len(embedded_store.query(query).graph)
    predicates = {cells[1].words() for cells in rows}
    assert "supports" in predicates
    assert all(cells[0].find("a").get("href").startswith("/page/") for cells in rows)


def test_a_truncated_answer_shows_a_banner(built_dist):
    client = create_app({"DIST": built_dist, "ROW_LIMIT": 3}).test_client()
    _, tree = get(client, query=SUPPORTS, lang="en")
    banner = tree.find("p", role="status")
    assert "cut" in banner.words() and "3 rows" in banner.words()
    assert len(results(tree)) == 3
    _, whole = get(client, query=MOF_ROW)
    assert not whole.find_all(role="status")


# -- problems: the right status, the message, the text kept ----------------------------------------


def test_a_syntax_error_is_a_400_with_line_and_column_and_the_text_kept(client):
    text = "SELECT * WHERE {\n  ?s ?p \n}}"
    _, tree = get(client, status=400, query=text, lang="en")
    assert textarea_value(editor(tree)) == text
    assert re.search(r"\berror at [23]:\d+: expected", problem_text(tree)), problem_text(tree)
    assert "HTTP 400" in tree.find("h2", id="problem-heading").words()
    assert editor(tree).get("aria-invalid") == "true"


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    ],
)
def test_updates_and_service_are_refused_with_403(client, text):
    _, tree = get(client, status=403, query=text, lang="en")
    assert textarea_value(editor(tree)) == text
    assert "not allowed" in problem_text(tree) or "read-only" in problem_text(tree)


def test_an_empty_query_is_a_400(client):
    _, tree = get(client, status=400, query="   ")
    assert "empty" in problem_text(tree)


def test_a_query_past_the_time_limit_is_a_503_with_retry_after(built_dist):
    client = create_app({"DIST": built_dist, "QUERY_TIMEOUT": 1}).test_client()
    response, tree = get(client, status=503, query=FOREVER, lang="en")
    assert response.headers["Retry-After"] == "1"
    assert textarea_value(editor(tree)) == FOREVER
    assert "stopped" in problem_text(tree)


def test_a_spent_budget_is_a_429_with_retry_after(client, monkeypatch):
    from graph.errors import BudgetExceeded
    from webui.sparql import editor as editor_module

    def refuse(text, dataset):
        raise BudgetExceeded("one query at a time, please", 7.2)

    monkeypatch.setattr(editor_module, "run_query", refuse)
    response, tree = get(client, status=429, query=SUPPORTS, lang="en")
    assert response.headers["Retry-After"] == "8"
    assert "one query at a time" in problem_text(tree) and "Too many queries" in problem_text(tree)
    assert textarea_value(editor(tree)) == SUPPORTS


def test_a_query_longer_than_max_body_is_a_413(built_dist):
    client = create_app({"DIST": built_dist, "MAX_BODY": 200}).test_client()
    text = SUPPORTS + "#" * 200
    _, tree = get(client, status=413, query=text)
    assert textarea_value(editor(tree)) == text


def test_hostile_text_comes_back_escaped(client):
    text = 'SELECT * WHERE { ?s ?p "</textarea><script>alert(1)</script>" }'
    for status, query in [(200, text), (400, text + " }}}")]:
        _, tree = get(client, status=status, query=query)
        assert textarea_value(editor(tree)) == query
        assert all(s.get("src") for s in tree.find_all("script"))
    _, tree = get(client, query='SELECT ?x WHERE { BIND("<b onmouseover=x>hi</b>"@en AS ?x) }')
    cell = results(tree)[0][0]
    assert cell.find("span", class_="literal").text() == "<b onmouseover=x>hi</b>"
    assert not cell.find_all("b")


# -- downloads and permalinks ----------------------------------------------------------------------


def parsed_solutions(fmt: str, body: str) -> set:
    """The ?unit values of a SPARQL results document, whatever its format."""
    if fmt == "json":
        return {b["unit"]["value"] for b in json.loads(body)["results"]["bindings"]}
    if fmt == "xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        return {e.text for e in ET.fromstring(body).findall(".//r:binding[@name='unit']/r:uri", ns)}
    if fmt == "csv":
        return {row["unit"] for row in csv.DictReader(io.StringIO(body))}
    rows = list(csv.reader(io.StringIO(body), delimiter="\t"))
    column = rows[0].index("?unit")
    return {row[column].strip("<>") for row in rows[1:]}


TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}
RDFLIB = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}


def downloads(tree) -> dict[str, str]:
    return {a.get("data-format"): a.get("href") for a in tree.find("p", class_="downloads").find_all("a")}


def test_every_solutions_download_works(client, embedded_store):
    _, tree = get(client, query=SUPPORTS)
    links = downloads(tree)
    assert set(links) == {"json", "xml", "csv", "tsv"}
    expected = {str(row[0]) for row in embedded_store.query(SUPPORTS).rows}
    for fmt, href in links.items():
        assert urlsplit(href).path == "/sparql"
        assert parse_qs(urlsplit(href).query) == {"query": [SUPPORTS], "format": [fmt]}
        response = client.get(href)
        assert response.status_code == 200 and response.mimetype == TYPES[fmt]
        assert parsed_solutions(fmt, response.get_data(as_text=True)) == expected


def test_every_graph_download_works(client, embedded_store):
    _, tree = get(client, query=PAIRS)
    links = downloads(tree)
    assert set(links) == {"ttl", "nt", "jsonld", "rdf"}
    expected = embedded_store.query(PAIRS).graph
    for fmt, href in links.items():
        response = client.get(href)
        assert response.status_code == 200 and response.mimetype == TYPES[fmt]
        assert isomorphic(Graph().parse(data=response.get_data(as_text=True), format=RDFLIB[fmt]), expected)


def test_ask_downloads_are_booleans(client):
    _, tree = get(client, query=PREFIX + "ASK { ?u dk:supports ?c }")
    links = downloads(tree)
    assert json.loads(client.get(links["json"]).get_data(as_text=True))["boolean"] is True
    rows = list(csv.reader(io.StringIO(client.get(links["csv"]).get_data(as_text=True))))
    assert rows == [["boolean"], ["true"]]


def test_the_permalink_reruns_the_query(client):
    _, tree = get(client, query=SUPPORTS, lang="en")
    link = tree.find("a", rel="bookmark").get("href")
    assert parse_qs(urlsplit(link).query) == {"query": [SUPPORTS]}
    again = parse_html(client.get(link).get_data(as_text=True))
    assert textarea_value(editor(again)) == SUPPORTS
    shown = [[c.words() for c in row] for row in results(tree)]
    assert [[c.words() for c in row] for row in results(again)] == shown


# -- examples loaded into the editor ---------------------------------------------------------------


def test_an_example_loads_its_text_with_parameters_bound(client, embedded_store):
    _, tree = get(client, example="units-of-county", lang="en")
    text = textarea_value(editor(tree))
    assert text.startswith("# Units that support a county (/queries/units-of-county)\n")
    assert f'VALUES (?county ?lang) {{ (<{ID}division/360781> "en") }}' in text
    assert not tree.find_all("table")  # loaded, not run
    _, ran = get(client, query=text)
    expected = catalogue().get("units-of-county", ui=True).run(embedded_store, {"lang": "en"})
    assert {row[0].find("a").get("href") for row in results(ran)} == {
        "/page/" + str(r["unit"]).removeprefix(ID) for r in expected.dicts()
    }


def test_every_example_loads_and_runs(client):
    for name in catalogue().all():
        _, tree = get(client, example=name)
        get(client, query=textarea_value(editor(tree)))


def test_unknown_example_is_404_and_bad_parameter_400(client):
    response = client.get("/query?example=units-of-countie", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert parse_html(response.get_data(as_text=True)).find("a", href="/queries/units-of-county")
    _, tree = get(client, status=400, example="units-of-county", county="not an iri")
    assert "county" in problem_text(tree)


# -- the label lookup: queries/ui/labels.rq and the one query per answer ------------------------------


@pytest.mark.parametrize(
    "lang, label, other", [("zh", "财政部", "Ministry of Finance"), ("en", "Ministry of Finance", "财政部")]
)
def test_labels_query_answers_in_the_chosen_language_and_the_other(embedded_store, lang, label, other):
    [row] = (
        catalogue().get("labels", ui=True).run(embedded_store, {"iri": f"{ID}unit/mof", "lang": lang}).dicts()
    )
    other_lang = "en" if lang == "zh" else "zh"
    assert (row["label"], row["otherLabel"]) == (Literal(label, lang=lang), Literal(other, lang=other_lang))


def test_labels_fall_back_to_the_other_language_then_to_no_label():
    graph = Graph()
    only_zh, plain, title, none = (URIRef(f"urn:x:{n}") for n in ("zh", "plain", "title", "none"))
    graph.add((only_zh, SKOS.prefLabel, Literal("只有中文", lang="zh")))
    graph.add((plain, RDFS.label, Literal("plain")))
    graph.add((title, DCTERMS.title, Literal("A title", lang="en")))
    graph.add((title, RDFS.label, Literal("标题", lang="zh")))
    store = EmbeddedStore.from_graph(graph)
    assert results_table.labels(store, {only_zh, plain, title, none}, "en") == {
        only_zh: Literal("只有中文", lang="zh"),
        plain: Literal("plain"),
        title: Literal("A title", lang="en"),
    }
    assert results_table.labels(store, {title}, "zh") == {title: Literal("标题", lang="zh")}


def test_values_block_skips_iris_that_cannot_be_written_safely():
    block = results_table.iri_values("iri", [URIRef("urn:a"), URIRef("urn:b> } ; <urn:c"), URIRef("urn:d")])
    assert block == "VALUES ?iri { <urn:a> <urn:d> }"


def test_values_go_into_the_outer_where_group_not_a_comment_or_string():
    text = '# WHERE { not here\nSELECT ?x FROM <http://a/WHERE#x> WHERE { ?x ?p "WHERE {" }'
    assert results_table.with_values(text, "VALUES ?x { 1 }") == (
        '# WHERE { not here\nSELECT ?x FROM <http://a/WHERE#x> WHERE {\n  VALUES ?x { 1 } ?x ?p "WHERE {" }'
    )


# -- the highlighter ---------------------------------------------------------------------------------


def test_editor_js_builds_tokens_with_dom_apis_only():
    source = (STATIC / "editor.js").read_text(encoding="utf-8")
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "eval(" not in source


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is missing (browser tests still run it)")
def test_tokenizer_classifies_sparql():
    script = (
        "const {tokenize} = require(process.argv[1]); const tokens = tokenize(process.argv[2]);"
        "process.stdout.write(JSON.stringify(tokens.filter(t => t[0] !== 'space')));"
    )
    text = (
        'PREFIX dk: <https://w3id.org/duikou/def#>\n# a "comment"\n'
        'SELECT ?u WHERE { ?u a dk:Unit ; dk:n "财政部"@zh, 26 } LIMIT 5'
    )
    out = subprocess.run(
        ["node", "-e", script, str(STATIC / "editor.js"), text],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    assert [tuple(t) for t in json.loads(out)] == [
        ("keyword", "PREFIX"),
        ("pname", "dk:"),
        ("iri", "<https://w3id.org/duikou/def#>"),
        ("comment", '# a "comment"'),
        ("keyword", "SELECT"),
        ("variable", "?u"),
        ("keyword", "WHERE"),
        ("punct", "{"),
        ("variable", "?u"),
        ("keyword", "a"),
        ("pname", "dk:Unit"),
        ("punct", ";"),
        ("pname", "dk:n"),
        ("string", '"财政部"'),
        ("langtag", "@zh"),
        ("punct", ","),
        ("number", "26"),
        ("punct", "}"),
        ("keyword", "LIMIT"),
        ("number", "5"),
    ]
