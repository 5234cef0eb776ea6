"""The build describes each linkset in the VoID, writes the links report (dist/links.json), and
`duikou links report` prints it; the documents name where they were published and link no invented page."""

import json
import re

import pytest
from click.testing import CliRunner
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, VOID, XSD

from graph import iris
from graph.cli import main
from graph.namespaces import DK


@pytest.fixture(scope="module")
def report(built_dist):
    return json.loads((built_dist / "links.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def void(built_dist):
    return Graph().parse(built_dist / "void.ttl", format="turtle")


def targets(report):
    return {t["title"]: t for t in report["targets"]}


def test_coverage_per_target(report):
    coverage = {title: (t["linked"], t["total"]) for title, t in targets(report).items()}
    assert coverage == {
        "divisions → NBS statistical division codes (2023)": (50, 50),
        "divisions → Wikidata": (0, 50),
        "units → Wikidata": (0, 63),
        "documents → official publication page": (0, 2),
    }


def test_every_item_not_linked_is_listed_with_its_reason(report):
    divisions = targets(report)["divisions → Wikidata"]["unlinked"]
    assert len(divisions) == 50
    seeds = {d["name_zh"]: d["candidates"] for d in divisions if d["status"] == "unverified-seed"}
    assert seeds == {
        "江西省": ["Q57052"],
        "福建省": ["Q41705"],
        "赣州市": ["Q363166"],
        "吉安市": ["Q363262"],
        "抚州市": ["Q363391"],
        "龙岩市": ["Q68862"],
        "三明市": ["Q68614"],
    }
    assert {d["status"] for d in divisions if d["name_zh"] not in seeds} == {"not-reconciled"}
    documents = targets(report)["documents → official publication page"]["unlinked"]
    assert {d["status"] for d in documents} == {"no-address-known"}
    assert "not owl:sameAs" in report["note"]


def test_the_cli_prints_the_report(built_dist, report):
    result = CliRunner().invoke(main, ["links", "report", "--format", "json", "--dist", str(built_dist)])
    assert result.exit_code == 0 and json.loads(result.output) == report
    result = CliRunner().invoke(main, ["links", "report", "--dist", str(built_dist)])
    assert result.exit_code == 0
    assert re.search(r"^divisions → NBS statistical division codes \(2023\) +50 +50$", result.output, re.M)
    assert re.search(r"^units → Wikidata +0 +63$", result.output, re.M)
    assert re.search(r"^ +division/360000 +江西省 +unverified-seed +Q57052$", result.output, re.M)


def test_the_cli_without_a_build_says_so(tmp_path):
    result = CliRunner().invoke(main, ["links", "report", "--dist", str(tmp_path)])
    assert result.exit_code == 2 and "run `duikou build` first" in result.output


def test_each_target_is_a_void_linkset_with_its_count(void):
    ds = iris.DATASET
    linksets = set(void.subjects(RDF.type, VOID.Linkset))
    assert linksets == {iris.linkset("nbs-2023"), iris.linkset("wikidata")}
    for linkset, predicate, triples in (
        (iris.linkset("nbs-2023"), DK.codeListEntry, 50),
        (iris.linkset("wikidata"), SKOS.exactMatch, 0),
    ):
        assert (ds, VOID.subset, linkset) in void
        assert void.value(linkset, VOID.subjectsTarget) == ds
        assert void.value(linkset, VOID.linkPredicate) == predicate
        assert int(void.value(linkset, VOID.triples)) == triples


def test_the_national_dataset_is_described(void):
    nbs = iris.dataset("nbs-2023")
    assert void.value(iris.linkset("nbs-2023"), VOID.objectsTarget) == nbs
    publisher = void.value(nbs, DCTERMS.publisher)  # an agent (DCAT-AP), not a bare name
    assert (publisher, RDF.type, FOAF.Agent) in void
    assert str(void.value(publisher, FOAF.name)).startswith("国家统计局")
    assert void.value(nbs, OWL.versionInfo) == Literal("2023")
    assert void.value(nbs, DCTERMS.valid) == Literal("2023-06-30", datatype=XSD.date)
    assert void.value(nbs, DCTERMS.license) == URIRef("http://spdx.org/licenses/WTFPL")
    assert void.value(nbs, VOID.uriSpace) == Literal(str(iris.nbs_entry("")))
    wikidata = iris.dataset("wikidata")
    assert void.value(wikidata, VOID.sparqlEndpoint) == URIRef("https://query.wikidata.org/sparql")


def test_documents_say_where_they_were_published_only_with_a_source_and_link_no_page(built_graph):
    for slug in ("guobanfa-2021-15", "guofa-2021-3"):
        assert not list(built_graph.objects(iris.document(slug), DK.publishedIn))
    assert not list(built_graph.triples((None, FOAF.page, None)))
