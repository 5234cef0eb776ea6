"""Every data-quality check is silent on the built graph and speaks up on a copy broken on purpose."""

import pytest
from query_cases import CHECKS, broken_copy
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from graph.namespaces import DK, ID
from graph.store.embedded import EmbeddedStore


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_passes_on_the_built_graph(embedded_store, name):
    result = CHECKS[name].run(embedded_store)
    assert result.kind == "bindings"
    assert result.rows == [], result.dicts()[:5]


MOF, XINHUA, NDRC = ID["unit/mof"], ID["unit/xinhua"], ID["unit/ndrc"]
RUIJIN, ZHANGGONG = ID["division/360781"], ID["division/360702"]
GANZHOU, LONGYAN = ID["division/360700"], ID["division/350800"]
MOF_PAIRING = ID["assignment/guobanfa-2021-15/mof"]
CADRES = ID["concept/task-type/cadre-secondment"]
ZONE = ID["zone/360702400"]
UNDOCUMENTED = URIRef(str(DK) + "Undocumented")


def line(n: int) -> URIRef:
    return ID[f"document/guobanfa-2021-15/line/{n}"]


# (check, what is broken, triples removed (None matches anything), triples added)
MUTATIONS = [
    (
        "class-without-bilingual-label-violation",
        "a class with no label",
        [],
        [(UNDOCUMENTED, RDF.type, OWL.Class)],
    ),
    (
        "class-without-bilingual-label-violation",
        "a property with two zh labels",
        [],
        [(DK.supports, RDFS.label, Literal("支援", lang="zh"))],
    ),
    (
        "assignment-without-provenance-violation",
        "a pairing with no line",
        [(MOF_PAIRING, PROV.wasDerivedFrom, None)],
        [],
    ),
    (
        "assignment-without-provenance-violation",
        "a pairing traced to the wrong line",
        [(MOF_PAIRING, PROV.wasDerivedFrom, None)],
        [(MOF_PAIRING, PROV.wasDerivedFrom, line(25))],
    ),
    (
        "assignment-without-provenance-violation",
        "a pairing traced to two lines",
        [],
        [(MOF_PAIRING, PROV.wasDerivedFrom, line(27))],
    ),
    ("fact-without-provenance-violation", "a zone with no line", [(ZONE, PROV.wasDerivedFrom, None)], []),
    ("fact-without-provenance-violation", "a unit with no line", [(XINHUA, PROV.wasDerivedFrom, None)], []),
    (
        "entity-without-bilingual-label-violation",
        "a unit with no English name",
        [(MOF, SKOS.prefLabel, Literal("Ministry of Finance", lang="en"))],
        [],
    ),
    (
        "entity-without-bilingual-label-violation",
        "a county with two Chinese names",
        [],
        [(RUIJIN, RDFS.label, Literal("瑞金", lang="zh"))],
    ),
    ("supports-not-inverse-violation", "supports without supportedBy", [(RUIJIN, DK.supportedBy, MOF)], []),
    (
        "supports-not-inverse-violation",
        "a shortcut with no pairing",
        [],
        [(MOF, DK.supports, ZHANGGONG), (ZHANGGONG, DK.supportedBy, MOF)],
    ),
    (
        "code-outside-parent-violation",
        "a county in another city's code range",
        [(RUIJIN, DK.inCity, GANZHOU)],
        [(RUIJIN, DK.inCity, LONGYAN)],
    ),
    (
        "code-outside-parent-violation",
        "a county code from another province",
        [(RUIJIN, SKOS.notation, Literal("360781"))],
        [(RUIJIN, SKOS.notation, Literal("350781"))],
    ),
    (
        "quote-not-on-line-violation",
        "a quote the line does not contain",
        [(CADRES, DK.quote, None)],
        [(CADRES, DK.quote, Literal("干部轮岗", lang="zh"))],
    ),
    ("unit-supports-two-counties-violation", "a unit with two counties", [], [(MOF, DK.supports, ZHANGGONG)]),
    (
        "unit-supports-two-counties-violation",
        "a lead department with a county",
        [],
        [(NDRC, DK.supports, RUIJIN)],
    ),
    (
        "unit-supports-two-counties-violation",
        "a unit with no county",
        [(XINHUA, DK.supports, None), (None, DK.supportingUnit, XINHUA)],
        [],
    ),
    ("division-without-code-violation", "a county with no code", [(RUIJIN, SKOS.notation, None)], []),
    (
        "division-without-code-violation",
        "a five-digit code",
        [(RUIJIN, SKOS.notation, None)],
        [(RUIJIN, SKOS.notation, Literal("36078"))],
    ),
    ("division-without-code-violation", "two codes", [], [(RUIJIN, SKOS.notation, Literal("360727"))]),
    (
        "stated-count-mismatch-violation",
        "a city count unlike the notice's",
        [(GANZHOU, DK.statedRecipientCount, None)],
        [(GANZHOU, DK.statedRecipientCount, Literal(17))],
    ),
    ("stated-count-mismatch-violation", "a unit too few", [(XINHUA, RDF.type, DK.SupportingUnit)], []),
    (
        "mention-without-provenance-violation",
        "a mention without provenance",
        [(MOF, PROV.wasDerivedFrom, line(26))],
        [],
    ),
    ("mention-without-provenance-violation", "a county no line mentions", [(None, DK.mentions, RUIJIN)], []),
]


@pytest.mark.parametrize("check, broken, remove, add", MUTATIONS, ids=[f"{m[0]}:{m[1]}" for m in MUTATIONS])
def test_check_finds_what_is_broken(built_graph, check, broken, remove, add):
    store = EmbeddedStore.from_graph(broken_copy(built_graph, remove, add))
    assert CHECKS[check].run(store).rows, f"{check} misses {broken}"


# the checks that see the named graphs are broken on a copy of the build's graphs, in test_source_graphs.py
GRAPH_CHECKS = {
    "triple-in-two-graphs-violation",
    "graph-not-described-violation",
    "support-outside-notice-graph-violation",
}


def test_every_check_is_tried_on_a_broken_graph():
    assert {m[0] for m in MUTATIONS} | GRAPH_CHECKS == set(CHECKS)
