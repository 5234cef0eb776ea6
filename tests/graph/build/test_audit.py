"""The audit's defects (issue 14, item 4) stay fixed: no claim without a named source, labels that say what
the line says, a publisher as of its date, a zone placed as the statistics place it, sources that can be
re-checked."""

import datetime

from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS

from graph import iris
from graph.inputs.notice import parse
from graph.namespaces import DK, SCHEMA
from graph.paths import ONTOLOGY, SHAPES

LEAD_LINE = 21


def texts(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def test_no_document_claims_where_it_was_published(built_graph):
    assert not list(built_graph.triples((None, DK.publishedIn, None)))


def test_no_curated_file_or_page_names_the_policy_library():
    from graph.paths import LINKSETS, ROOT

    for path in (LINKSETS / "documents.csv", ONTOLOGY, ROOT / "README.md", ROOT / "docs" / "model.md"):
        assert "国务院政策文件库" not in path.read_text(encoding="utf-8"), path


def test_line_72_concept_says_the_provincial_units_give_the_support(built_graph):
    concept = iris.concept("duty", "provincial-counterpart-support")
    quote = "参照本方案推进省级部门和企事业单位对口支援革命老区"
    assert quote in parse().lines[72].text
    labels, definitions = (
        texts(built_graph, concept, SKOS.prefLabel),
        texts(built_graph, concept, SKOS.definition),
    )
    assert "省级部门和企事业单位对口支援革命老区" in labels["zh"]
    assert quote in definitions["zh"]
    for text in (labels["en"], definitions["en"]):
        assert "by provincial departments, enterprises and institutions" in text
        assert "to provincial units" not in text


def test_cadre_secondment_is_defined_without_a_direction_the_notice_does_not_state(built_graph):
    concept = iris.concept("task-type", "cadre-secondment")
    definitions = texts(built_graph, concept, SKOS.definition)
    assert "干部挂职" in parse().lines[74].text
    assert "到受援地" not in definitions["zh"] and "recipient localit" not in definitions["en"]
    assert "以干部挂职" in definitions["zh"] and "实施方案" in definitions["zh"]


def test_the_pinyin_standard_names_its_publishers_as_of_2012(built_graph):
    publisher = str(built_graph.value(iris.source("hanyu-pinyin"), DCTERMS.publisher))
    assert "国家市场监督管理总局" not in publisher
    assert publisher == "中华人民共和国国家质量监督检验检疫总局、中国国家标准化管理委员会"


def test_the_zone_is_sourced_to_the_nbs_codes_and_placed_not_subordinated(built_graph):
    zone = iris.zone("360702400")
    assert set(built_graph.objects(zone, DCTERMS.source)) == {iris.source("nbs-2023")}
    terms = Graph().parse(ONTOLOGY)
    for text in texts(terms, DK.withinDivision, SKOS.definition).values():
        assert "隶属章贡区" not in text and "其所隶属" not in text
    assert "列于章贡区之下" in texts(terms, DK.withinDivision, SKOS.definition)["zh"]


def test_the_lead_count_is_marked_as_counted_from_the_two_names(built_graph):
    line = parse().lines[LEAD_LINE].text
    assert "国家发展改革委、中央组织部作为牵头部门" in line and "2个牵头" not in line and "两个" not in line
    assert built_graph.value(iris.document("guobanfa-2021-15"), DK.statedLeadCount) == Literal(
        2, datatype=URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
    )
    terms = Graph().parse(ONTOLOGY)
    labels, definitions = (
        texts(terms, DK.statedLeadCount, RDFS.label),
        texts(terms, DK.statedLeadCount, SKOS.definition),
    )
    assert "所述" not in labels["zh"] and "stated" not in labels["en"]
    assert "数得" in labels["zh"] and "counted" in labels["en"]
    assert "未以数字写明" in definitions["zh"] and "does not write the number" in definitions["en"]
    shapes = SHAPES.read_text(encoding="utf-8")
    assert "通知所述牵头部门数" not in shapes and "The notice states 2 lead departments" not in shapes


def test_every_curated_source_has_an_address_and_date_or_says_none_is_known(built_graph):
    for source in set(built_graph.subjects(RDF.type, DK.Source)) | set(
        built_graph.objects(None, DCTERMS.source)
    ):
        url, notes = built_graph.value(source, SCHEMA.url), texts(built_graph, source, SKOS.editorialNote)
        assert (url is None) == ("no URL known" in notes.get("en", "")), source
        date = built_graph.value(source, DCTERMS.date)
        if date is not None:
            assert isinstance(date.toPython(), datetime.date), source


def test_the_reference_copies_name_their_address_version_and_date(built_graph):
    nbs, history = iris.source("nbs-2023"), iris.source("areacodes")
    assert built_graph.value(nbs, SCHEMA.url) == URIRef(
        "https://github.com/modood/Administrative-divisions-of-China"
    )
    assert str(built_graph.value(nbs, OWL.versionInfo)) == "57a0aa9c"
    assert str(built_graph.value(nbs, DCTERMS.date)) == "2023-06-30"
    assert built_graph.value(history, SCHEMA.url) == URIRef("https://github.com/yescallop/areacodes")
    assert str(built_graph.value(history, OWL.versionInfo)) == "eed219a0"
    assert str(built_graph.value(iris.source("notice"), DCTERMS.date)) == "2021-04-21"
