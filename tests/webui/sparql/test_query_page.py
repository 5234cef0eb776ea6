"""The query editor at /query: its form and limits, and the labelled results rendered on the server."""

from urllib.parse import urlencode

import pytest
from query_page import DK, ID, MOF_ROW, PAIRS, PREFIX, SUPPORTS, editor, get, results
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graph.store.named import catalogue
from helpers.html_tree import parse_html, textarea_value
from webui import create_app

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


def test_literals_show_plain_text_in_their_language(client):
    """No `@zh` for a reader: the language is the span's lang (the downloads keep the tag)."""
    query = f"SELECT ?label WHERE {{ <{ID}unit/mof> <{SKOS.prefLabel}> ?label }} ORDER BY ?label"
    _, tree = get(client, query=query)
    cells = [cells[0] for cells in results(tree)]
    assert [(c.words(), c.find("span", class_="literal").get("lang")) for c in cells] == [
        ("Ministry of Finance", "en"),
        ("财政部", "zh"),
    ]
    assert not [tag for c in cells for tag in c.find_all("span", class_="tag")]


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
