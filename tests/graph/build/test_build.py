"""The built graph says what the notice says, and a mismatch between notice and tables fails the build."""

import pytest
from rdflib import RDF, SKOS, Literal
from rdflib.namespace import DCTERMS, PROV

from graph import iris
from graph.build.assemble import build_graph
from graph.errors import SourceError
from graph.inputs.manifest import primary
from graph.inputs.notice import parse
from graph.inputs.tables import load_all
from graph.namespaces import DK
from helpers.tables import edit

NOTICE = primary().slug

PREFIXES = {"dk": DK._NS, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS}


def count(graph, query):
    return int(next(iter(graph.query(query, initNs=PREFIXES)))[0])


@pytest.mark.parametrize(
    "klass, n",
    [
        (DK.SupportingUnit, 63),
        (DK.LeadDepartment, 2),
        (DK.Province, 2),
        (DK.PrefectureCity, 5),
        (DK.County, 43),
        (DK.RecipientCounty, 43),
        (DK.Assignment, 61),
        (DK.DevelopmentZone, 1),
        (DK.Notice, 1),
        (DK.WorkPlan, 1),
        (DK.Opinion, 1),
        (DK.Section, 11),
        (DK.Line, 71),
        (DK.ProgrammePhase, 2),
    ],
)
def test_entities_per_class(built_graph, klass, n):
    assert len(set(built_graph.subjects(RDF.type, klass))) == n


def test_counties_per_city_match_the_notice(built_graph, notice):
    for city, fact in notice.city_counts.items():
        n = count(
            built_graph,
            f"""SELECT (COUNT(?c) AS ?n) WHERE {{
            ?city skos:prefLabel "{city}"@zh . ?c dk:inCity ?city ; a dk:RecipientCounty }}""",
        )
        assert n == fact.value, city


def test_county_codes_come_from_the_reference_tables(built_graph):
    def code(name):
        return str(
            built_graph.value(
                built_graph.value(None, SKOS.prefLabel, Literal(name, lang="zh")), SKOS.notation
            )
        )

    assert code("章贡区") == "360702"
    assert code("龙南市") == "360783"  # renamed from 龙南县 360727 in 2020
    assert code("赣县区") == "360704"
    assert code("永定区") == "350803"
    assert code("江西省") == "360000"
    assert code("三明市") == "350400"


def test_a_pairing_with_its_provenance(built_graph):
    a = iris.assignment(NOTICE, "sasac")
    assert built_graph.value(a, DK.supportingUnit) == iris.unit("sasac")
    assert built_graph.value(a, DK.recipient) == iris.division("360702")
    assert built_graph.value(a, DK.includesArea) == iris.zone("360702400")
    assert built_graph.value(a, DK.establishedBy) == iris.document("guobanfa-2021-15")
    assert list(built_graph.objects(a, PROV.wasDerivedFrom)) == [iris.line(NOTICE, 23)]
    assert built_graph.value(iris.line(NOTICE, 23), DK.text) == Literal(
        "国务院国资委、国家药监局——章贡区（含赣州经济技术开发区）", lang="zh"
    )
    assert (iris.unit("sasac"), DK.supports, iris.division("360702")) in built_graph
    assert (iris.division("360702"), DK.supportedBy, iris.unit("nmpa")) in built_graph


def test_lead_departments_coordinate_and_support_no_county(built_graph):
    leads = set(built_graph.subjects(RDF.type, DK.LeadDepartment))
    assert leads == {iris.unit("ndrc"), iris.unit("cpc-organization")}
    for lead in leads:
        assert not list(built_graph.objects(lead, DK.supports))
        duties = {str(d).rsplit("/", 1)[1] for d in built_graph.objects(lead, DK.hasDuty)}
        assert {
            "organise-coordinate",
            "overall-guidance",
            "track-progress",
            "supervise-inspect",
            "evaluate",
            "report-major-problems",
        } <= duties


def test_national_bureaus_and_their_ministries(built_graph):
    bureaus = set(built_graph.subjects(DK.category, iris.concept("unit-category", "national-bureau")))
    assert len(bureaus) == 11
    for bureau in bureaus:
        ministry = built_graph.value(bureau, DK.administeredBy)
        assert (ministry, RDF.type, DK.SupportingUnit) in built_graph, bureau
    assert built_graph.value(iris.unit("nmpa"), DK.administeredBy) == iris.unit("samr")


def test_the_notice_as_a_document(built_graph):
    n = iris.document("guobanfa-2021-15")
    assert str(built_graph.value(n, DCTERMS.identifier)) == "国办发〔2021〕15号"
    assert str(built_graph.value(n, DCTERMS.issued)) == "2021-04-21"
    assert built_graph.value(n, DK.issuer) == iris.organization("state-council-general-office")
    plan = built_graph.value(n, DK.issuesPlan)
    assert built_graph.value(plan, DK.approvedBy) == iris.organization("state-council")
    assert built_graph.value(plan, DK.implements) == iris.document("guofa-2021-3")
    assert str(built_graph.value(iris.document("guofa-2021-3"), DCTERMS.identifier)) == "国发〔2021〕3号"
    assert len(list(built_graph.objects(n, DK.addressee))) == 3
    current = iris.phase("2021-2030")
    assert (str(built_graph.value(current, DK.startYear)), str(built_graph.value(current, DK.endYear))) == (
        "2021",
        "2030",
    )
    assert str(built_graph.value(iris.phase("2013"), DK.startYear)) == "2013"


def test_every_entity_has_a_zh_and_an_en_label(built_graph):
    for s in set(built_graph.subjects(RDF.type, None)):
        langs = sorted(label.language for label in built_graph.objects(s, SKOS.prefLabel))
        assert langs == ["en", "zh"], s


def test_concepts_quote_their_line(built_graph):
    for concept, quote in built_graph.subject_objects(DK.quote):
        line = built_graph.value(concept, PROV.wasDerivedFrom)
        assert str(quote) in str(built_graph.value(line, DK.text)), concept


def test_lines_mention_what_they_name(built_graph):
    assert set(built_graph.objects(iris.line(NOTICE, 26), DK.mentions)) == {
        iris.unit("mof"),
        iris.unit("xinhua"),
        iris.division("360781"),
    }
    assert (iris.line(NOTICE, 72), DK.mentions, iris.division("350000")) in built_graph  # "福建" without 省


# -- a mismatch between notice and tables fails the build, naming the place to fix ------------------


def build_with(table_dir):
    return build_graph(parse(), load_all(table_dir))


@pytest.mark.parametrize(
    "table, old, new, where, message",
    [
        (
            "units",
            "nmpa,国家药监局,",
            "nmpa,国家药品监管局,",
            "guobanfa-2021-15.txt:23",
            "'国家药监局' has no row",
        ),
        (
            "divisions",
            "瑞金市,赣州市,county,Ruijin City,Ruijin Shi,hanyu-pinyin\n",
            "",
            "guobanfa-2021-15.txt:26",
            "'瑞金市' of 赣州市 has no row",
        ),
        ("divisions", "瑞金市,赣州市,", "瑞金县,赣州市,", "divisions.csv:12", "no division named '瑞金县'"),
        ("divisions", "南康区,赣州市,", "南康市,赣州市,", "divisions.csv:10", "no division named '南康市'"),
        (
            "units",
            ",national-bureau,samr,",
            ",national-bureau,sammr,",
            "units.csv:5",
            "administered_by 'sammr'",
        ),
        (
            "units",
            ",state-council-constituent-department,,gov-cn-structure\ncpc-organization",
            ",state-council-department,,gov-cn-structure\ncpc-organization",
            "units.csv:2",
            "category",
        ),
        ("concepts", "74,干部挂职,", "74,干部交流,", "concepts.csv:17", "quote '干部交流' is not on line 74"),
        (
            "units",
            ",gov-cn-structure\ncpc-organization",
            ",gov-cn\ncpc-organization",
            "units.csv:2",
            "source 'gov-cn'",
        ),
        (
            "sections",
            "guobanfa-2021-15,2-5,5 counties of Sanming City,duikou-translation\n",
            "",
            "guobanfa-2021-15.txt:64",
            "section 2-5 has no row",
        ),
    ],
    ids=[
        "unit-not-in-table",
        "county-not-in-table",
        "county-not-in-reference",
        "renamed-county",
        "unknown-administering-unit",
        "unknown-category",
        "quote-not-on-line",
        "unknown-source",
        "section-not-in-table",
    ],
)
def test_a_mismatch_names_file_and_line(table_dir, table, old, new, where, message):
    edit(table_dir / f"{table}.csv", old, new)
    with pytest.raises(SourceError) as error:
        build_with(table_dir)
    assert where in str(error.value)
    assert message in str(error.value)


def test_a_unit_the_notice_does_not_name_is_an_error(table_dir):
    with (table_dir / "units.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "nsfc,国家自然科学基金委,国家自然科学基金委员会,National Natural Science Foundation of China,"
            "NSFC,state-council-affiliated-institution,,gov-cn-structure\n"
        )
    with pytest.raises(
        SourceError, match=r"units.csv:65: unit '国家自然科学基金委' is not named in the notice"
    ):
        build_with(table_dir)


def test_a_county_the_notice_does_not_name_is_an_error(table_dir):
    with (table_dir / "divisions.csv").open("a", encoding="utf-8") as handle:
        handle.write("井冈山市,吉安市,county,Jinggangshan City,Jinggangshan Shi,hanyu-pinyin\n")
    with pytest.raises(SourceError, match=r"divisions.csv:52: 井冈山市 is not a recipient county"):
        build_with(table_dir)
