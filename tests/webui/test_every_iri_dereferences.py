"""Every IRI in our namespace dereferences: each one under https://w3id.org/duikou/ that any dump, the VoID
file, the served dataset description, the ontology, the shapes or the SPARQL service description uses
answers a browser with a page (after redirects) and an RDF client with RDF, on this site's same path (what
the w3id.org redirect of docs/w3id/ sends it to)."""

import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from graph.build.sheet_files import file_names
from graph.paths import ONTOLOGY, ROOT, SHAPES
from helpers.linked import HTML

BASE = "https://w3id.org/duikou/"
PARSERS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


def ours(graph) -> set[str]:
    """Every IRI below BASE that a statement uses, without its fragment."""
    return {
        str(term).partition("#")[0]
        for quad in graph
        for term in quad
        if isinstance(term, URIRef) and str(term).startswith(BASE)
    }


@pytest.fixture(scope="module")
def every_iri(client, built_dist) -> list[str]:
    found: set[str] = set()
    dump = Dataset()
    dump.parse(built_dist / "duikou.nq", format="nquads")
    found |= ours(dump.quads())
    for source in (built_dist / "void.ttl", ONTOLOGY, SHAPES):
        found |= ours(Graph().parse(Path(source), format="turtle"))
    for path in ("/dataset", "/sparql"):
        answer = client.get(path, headers={"Accept": "text/turtle"})
        found |= ours(Graph().parse(data=answer.get_data(), format="turtle"))
    return sorted(found)


def test_the_walk_covers_every_kind_of_iri(every_iri):
    """Not only entities: the VoID parts, the named graphs, the version IRI, the shapes, the downloads."""
    for kind in (
        "id/unit/",
        "id/dataset/duikou/class/",
        "id/dataset/duikou/distribution/ttl/checksum",
        "id/dataset/duikou/linkset/",
        "id/dataset/wikidata",
        "id/catalog",
        "id/service/sparql",
        "graph/guobanfa-2021-15",
        "graph/def",
        "def/0.1.0",
        "shapes",
        "download/graph/",
    ):
        assert any(iri.startswith(BASE + kind) for iri in every_iri), kind


SHEETS = set(file_names())


def test_every_iri_answers_a_browser(client, every_iri):
    failed = []
    for iri in every_iri:
        path = "/" + iri[len(BASE) :]
        response = client.get(path, headers={"Accept": HTML}, follow_redirects=True)
        file = path.startswith("/download/")
        if response.status_code != 200 or (response.mimetype != "text/html" and not file):
            failed.append(f"{iri}: {response.status_code} {response.mimetype}")
        response.close()
    assert failed == []


def test_every_iri_answers_an_rdf_client(client, every_iri):
    failed = []
    for iri in every_iri:
        path = "/" + iri[len(BASE) :]
        response = client.get(path, headers={"Accept": "text/turtle"}, follow_redirects=True)
        parser, body = PARSERS.get(response.mimetype), response.get_data()
        response.close()
        if path.removeprefix("/download/") in SHEETS and response.status_code == 200:
            continue  # a spreadsheet is a file in its one format, whatever the client prefers
        if response.status_code != 200 or parser is None:
            failed.append(f"{iri}: {response.status_code} {response.mimetype}")
            continue
        graph = Dataset()
        graph.parse(data=body, format=parser)
        if not any(True for _ in graph.quads()):
            failed.append(f"{iri}: an empty graph")
    assert failed == []


def test_an_unknown_iri_in_our_namespace_is_still_a_404(client):
    for path in ("/graph/nothing", "/graph/Def", "/def/0.0.9", "/id/dataset/duikou/class/nothing"):
        assert client.get(path, headers={"Accept": "text/turtle"}, follow_redirects=True).status_code == 404


def test_a_graph_is_described_in_both_languages_with_its_size_and_dump(client, built_dist):
    """/graph/guobanfa-2021-15: titles zh and en, sources, publisher, licence, size, and its own dump."""
    import json

    from rdflib.namespace import DCTERMS, VOID

    from helpers.html_tree import parse_html

    iri = URIRef(BASE + "graph/guobanfa-2021-15")
    response = client.get("/graph/guobanfa-2021-15.ttl")
    assert response.status_code == 200 and 'rel="license"' in response.headers["Link"]
    graph = Graph().parse(data=response.get_data(), format="turtle")
    assert {t.language for t in graph.objects(iri, DCTERMS.title)} == {"zh", "en"}
    assert set(graph.objects(iri, DCTERMS.source)) and set(graph.objects(iri, DCTERMS.publisher))
    assert graph.value(iri, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    size = json.loads((built_dist / "build.json").read_text())["graphs"][str(iri)]
    assert int(graph.value(iri, VOID.triples)) == size
    dump = graph.value(iri, VOID.dataDump)
    assert str(dump) == BASE + "download/graph/guobanfa-2021-15.nt"
    statements = client.get("/" + str(dump)[len(BASE) :])
    assert statements.mimetype == "application/n-triples"
    assert len(Graph().parse(data=statements.get_data(), format="nt")) == size
    for lang in ("zh", "en"):
        page = client.get(f"/graph/guobanfa-2021-15?lang={lang}", headers={"Accept": HTML})
        tree = parse_html(page.get_data(as_text=True))
        assert tree.find("a", href="/download/graph/guobanfa-2021-15.nt")
        assert f"{size:,}".replace(",", "") in tree.find("section", class_="summary").text().replace(",", "")


def test_the_version_iri_leads_to_the_current_ontology(client):
    response = client.get("/def/0.1.0", headers={"Accept": "text/turtle"})
    assert response.status_code == 303 and response.headers["Location"] == "/def"
    page = client.get("/def?lang=en", headers={"Accept": HTML}).get_data(as_text=True)
    assert "https://w3id.org/duikou/def/0.1.0" in page and "the current version" in page


def test_the_shapes_answer_as_rdf_and_as_the_validation_page(client):
    from rdflib.namespace import SH

    answer = client.get("/shapes", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.get_data() == SHAPES.read_bytes()
    assert any(Graph().parse(data=answer.get_data(), format="turtle").subjects(None, SH.NodeShape))
    page = client.get("/shapes", headers={"Accept": HTML})
    assert page.status_code == 303 and page.headers["Location"] == "/validation"


def test_a_part_of_the_dataset_description_dereferences_to_its_anchor_and_statements(client):
    from rdflib.namespace import VOID

    from helpers.html_tree import parse_html

    path = "dataset/duikou/class/dk-County"
    page = client.get(f"/id/{path}", headers={"Accept": HTML})
    assert page.status_code == 303 and page.headers["Location"] == "/dataset#duikou-class-dk-County"
    html = parse_html(client.get("/dataset", headers={"Accept": HTML}).get_data(as_text=True))
    assert html.find("tr", id="duikou-class-dk-County")
    data = client.get(f"/id/{path}", headers={"Accept": "text/turtle"}, follow_redirects=True)
    graph = Graph().parse(data=data.get_data(), format="turtle")
    assert graph.value(URIRef(BASE + "id/" + path), VOID.entities) is not None


def test_entity_data_names_its_licence(client):
    response = client.get("/data/unit/mof.ttl")
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in response.headers["Link"]


def w3id_rules() -> list[tuple[re.Pattern, str, str]]:
    """The RewriteRules of docs/w3id/.htaccess: (pattern, target, flags)."""
    text = (ROOT / "docs" / "w3id" / ".htaccess").read_text(encoding="utf-8")
    return [
        (re.compile(pattern), target, flags)
        for pattern, target, flags in re.findall(r"^RewriteRule (\S+) (\S+) \[(\S+)\]$", text, re.M)
    ]


def test_the_w3id_redirect_sends_every_iri_to_the_same_path(every_iri):
    """w3id.org applies docs/w3id/.htaccess to the path below /duikou/: each IRI the walk found goes, by a
    303 (307 for the endpoint), to the same path on the site, which the tests above dereference."""
    rules = w3id_rules()
    site = "https://duikou.example.org/"
    for iri in [*every_iri, BASE + "sparql"]:
        rest = iri[len(BASE) :]
        rule = next(((p, t, f) for p, t, f in rules if p.fullmatch(rest)), None)
        assert rule is not None, f"no rule of docs/w3id/.htaccess matches {iri}"
        pattern, target, flags = rule
        assert pattern.sub(target.replace("$", "\\"), rest) == site + rest
        assert flags == ("R=307,L" if rest == "sparql" else "R=303,L")


def test_the_ontology_graph_and_an_empty_graph_have_their_statements_too(client):
    """graph/def holds ontology/duikou.ttl, which /def.ttl serves; a graph the build left empty (no link is
    verified yet) has an empty dump, not a dead link."""
    from helpers.html_tree import parse_html

    page = parse_html(client.get("/graph/def", headers={"Accept": HTML}).get_data(as_text=True))
    assert page.find("section", class_="summary").find("a", href="/def.ttl")
    empty = client.get("/download/graph/linksets.nt")
    assert empty.status_code == 200 and empty.get_data() == b""
    assert client.get("/download/graph/nothing.nt").status_code == 404
