"""The query editor's label lookup (queries/ui/labels.rq, one query per answer) and its highlighter."""

import json
import shutil
import subprocess

import pytest
from query_page import ID, STATIC
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graph.store.embedded import EmbeddedStore
from graph.store.named import catalogue
from webui.sparql import results_table

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
