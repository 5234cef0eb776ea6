"""The UI's named queries (queries/ui/): complete headers, plain SPARQL, real answers."""

import re

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF
from rdflib.plugins.sparql import prepareQuery

from graph.namespaces import DK
from graph.paths import ONTOLOGY, QUERIES
from graph.store.named import TYPES, load_query, parse_header
from graph.store.sparql_text import WHERE, inject_values
from helpers.examples import required_values
from helpers.linked import ID, check_mof
from webui import create_app
from webui.entity.index import lookup

UI_QUERIES = sorted((QUERIES / "ui").glob("entity-*.rq")) + [
    QUERIES / "ui" / f"{name}.rq" for name in ("ontology-terms", "property-labels")
]


@pytest.mark.parametrize("path", UI_QUERIES, ids=lambda p: p.stem)
def test_ui_query_header_is_complete(path):
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, path)
    for key in ("title", "description"):
        assert {"zh", "en"} <= set(header[key]) and all(v.strip() for v in header[key].values())
    assert header["tags"]
    for spec in (header.get("parameters") or {}).values():
        assert spec["type"] in TYPES and (spec.get("required") or spec.get("default") not in (None, ""))
        assert {"zh", "en"} <= set(spec["description"])
    query = load_query(path)
    prepareQuery(inject_values(query.text, query.bindings(required_values(query))))
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    where = WHERE.search(body)
    assert body[: where.start()].count("{") == body[: where.start()].count("}")
    for parameter in query.parameters:
        assert re.search(rf"\?{parameter.name}\b", body[where.end() :])


def run(embedded_store, name, **params):
    return load_query(QUERIES / "ui" / f"{name}.rq").run(embedded_store, params)


def test_entity_statements_answer(embedded_store):
    rows = run(embedded_store, "entity-statements", iri=ID + "division/360781", lang="en").dicts()
    found = {
        (str(r["direction"]), str(r["property"]).rsplit("#", 1)[-1], str(r.get("valueLabel", r["value"])))
        for r in rows
    }
    assert ("out", "inCity", "Ganzhou City") in found and ("in", "supports", "Ministry of Finance") in found
    assert ("out", "type", "recipient county") in found


@pytest.mark.parametrize(
    "lang, supports, inverse", [("en", "supports", "supported by"), ("zh", "对口支援", "受对口支援")]
)
def test_property_labels_answer(embedded_store, lang, supports, inverse):
    rows = {str(r["property"]): r for r in run(embedded_store, "property-labels", lang=lang).dicts()}
    ontology = Graph().parse(ONTOLOGY)
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
    declared = {str(p) for kind in kinds for p in ontology.subjects(RDF.type, kind)}
    assert set(rows) == declared, "every property of the ontology, once"
    supports_row = rows[str(DK.supports)]
    assert (str(supports_row["label"]), str(supports_row["inverseLabel"])) == (supports, inverse)
    assert str(rows[str(DK.supportedBy)]["inverseLabel"]) == supports, "the inverse is found from either side"
    assert all(r["label"].language == lang for r in rows.values() if "label" in r)


def test_entity_provenance_answer(embedded_store):
    rows = run(embedded_store, "entity-provenance", iri=ID + "unit/ndrc", lang="zh").dicts()
    assert {int(r["number"]) for r in rows} == {21, 72, 76}
    quotes = {str(r["quote"]) for r in rows if "quote" in r}
    assert "定期组织工作成效评估" in quotes
    county = run(embedded_store, "entity-provenance", iri=ID + "division/360781", lang="zh").dicts()
    pairing = [r for r in county if str(r["via"]).startswith(ID + "assignment/")]
    assert {str(r["text"]) for r in pairing} == {"财政部、新华社——瑞金市"}


def test_entity_graph_answer(embedded_store):
    graph = run(embedded_store, "entity-graph", iri=ID + "unit/mof").graph
    check_mof(graph)


def test_entity_index_answer(embedded_store):
    rows = run(embedded_store, "entity-index", prefix=ID).dicts()
    names = {}
    for row in rows:
        names.setdefault(str(row["entity"]), []).append(str(row.get("name", "")))
    assert "NDRC" in names[ID + "unit/ndrc"] and "国家发展和改革委员会" in names[ID + "unit/ndrc"]
    assert ID + "dataset/nbs-2023" in names  # only ever an object
    assert all(iri.startswith(ID) for iri in names)
    units = {str(row["entity"]) for row in run(embedded_store, "entity-index", prefix=ID + "unit/").dicts()}
    assert len(units) == 63 and all(iri.startswith(ID + "unit/") for iri in units)


@pytest.mark.parametrize(
    "path, exists, names",
    [
        (
            "unit/ndrc",
            True,
            ["National Development and Reform Commission", "国家发展和改革委员会", "NDRC", "国家发展改革委"],
        ),
        ("dataset/nbs-2023", True, []),  # only ever an object, and nameless
        ("unit/nosuchunit", False, []),
    ],
)
def test_an_entity_exists_when_a_statement_names_it(built_dist, path, exists, names):
    app = create_app({"DIST": built_dist})
    with app.test_request_context("/"):
        entry = lookup(path)
    assert (entry is not None) == exists
    assert [str(name) for name in entry.names] == names if entry else not names  # preferred names first


def test_entity_division_parts_answer(embedded_store):
    rows = run(embedded_store, "entity-division-parts", iri=ID + "division/360700", lang="zh").dicts()
    counties = {str(r["partLabel"]) for r in rows if not r["isCity"].toPython()}
    assert len(counties) == 18 and "瑞金市" in counties
    units = {str(r["unitLabel"]) for r in rows if str(r["part"]) == ID + "division/360781"}
    assert units == {"财政部", "新华通讯社"}
    province = run(embedded_store, "entity-division-parts", iri=ID + "division/350000", lang="en").dicts()
    assert {str(r["partLabel"]) for r in province if r["isCity"].toPython()} == {
        "Longyan City",
        "Sanming City",
    }


def test_entity_line_neighbours_answer(embedded_store):
    rows = run(embedded_store, "entity-line-neighbours", iri=ID + "document/guobanfa-2021-15/line/26").dicts()
    assert {(str(r["position"]), int(r["number"])) for r in rows} == {("previous", 25), ("next", 27)}


@pytest.mark.parametrize(
    "lang, reform",
    [("zh", "国务院机构改革方案"), ("en", "Plan for Reforming the Institutions of the State Council")],
)
def test_entity_changes_answer(embedded_store, lang, reform):
    cbirc = run(embedded_store, "entity-changes", iri=ID + "unit/cbirc", lang=lang).dicts()
    assert {(str(r["kind"]), str(r["role"]), str(r["other"]), str(r["date"])) for r in cbirc} == {
        ("change", "original", ID + "organization/nfra", "2023-03-10")
    }
    assert reform in {str(r["sourceTitle"]) for r in cbirc} and len(cbirc) == 3  # one row per source
    assert all(r["description"].language == lang and r["dateNote"].language == lang for r in cbirc)
    nfra = run(embedded_store, "entity-changes", iri=ID + "organization/nfra", lang=lang).dicts()
    assert {(str(r["kind"]), str(r.get("role")), str(r.get("other"))) for r in nfra} == {
        ("change", "resulting", ID + "unit/cbirc"),
        ("period", "None", "None"),
    }
    [period] = {
        (str(r["category"]), str(r["start"]), str(r["source"])) for r in nfra if str(r["kind"]) == "period"
    }
    assert period == (
        ID + "concept/unit-category/state-council-affiliated-agency",
        "2023-03-10",
        ID + "source/nfra-regulations-2023",
    )
    assert run(embedded_store, "entity-changes", iri=ID + "unit/mof", lang=lang).rows == []


def test_ontology_terms_answer(embedded_store):
    rows = run(embedded_store, "ontology-terms", lang="en").dicts()
    facts = {
        (str(r["term"]).rsplit("#", 1)[-1], str(r["key"]), str(r.get("valueLabel", r["value"]))) for r in rows
    }
    assert ("County", "subClassOf", "administrative division") in facts
    assert ("supports", "range", "recipient county") in facts
    assert ("https://w3id.org/duikou/def", "versionInfo", "0.1.0") in facts


def test_ui_queries_are_all_tried():
    tried = {
        "entity-statements",
        "entity-provenance",
        "entity-graph",
        "entity-index",
        "property-labels",
        "entity-division-parts",
        "entity-line-neighbours",
        "ontology-terms",
        "entity-changes",
    }
    assert {p.stem for p in UI_QUERIES} == tried
