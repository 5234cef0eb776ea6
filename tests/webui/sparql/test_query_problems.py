"""The query editor's problems: the right status, the message, the text kept."""

import re

import pytest
from query_page import FOREVER, SUPPORTS, editor, get, problem_text, results

from helpers.html_tree import textarea_value
from webui import create_app

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
