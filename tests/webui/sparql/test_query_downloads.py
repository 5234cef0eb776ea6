"""The query editor's downloads and permalinks, and the examples it loads."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

from query_page import (
    ID,
    PAIRS,
    PREFIX,
    SUPPORTS,
    editor,
    get,
    problem_text,
    results,
)
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.store.named import catalogue
from helpers.html_tree import parse_html, textarea_value

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
