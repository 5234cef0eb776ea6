"""The named queries and the data-quality checks in `queries/`.

Every file is plain SPARQL with a complete `#+` header; every named query answers with its defaults, and
gives the answer the notice gives (expected values are read off the source text where they can be, and
otherwise written out here from it); every check is silent on the built graph and speaks up on a copy
broken on purpose; and hostile parameter values are refused or bound as data, never spliced.
"""

import datetime
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery

from graph.errors import ParameterError
from graph.namespaces import DK, ID
from graph.paths import ONTOLOGY, QUERIES, SOURCE
from graph.store.named import TYPES, load_checks, load_queries, load_query, parse_header
from graph.store.store import WHERE, EmbeddedStore, Result, inject_values
from helpers.examples import required_values

NAMED = load_queries()
CHECKS = load_checks()
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
CHECK_FILES = sorted((QUERIES / "checks").glob("*.rq"))
SOURCE_LINES = SOURCE.read_text(encoding="utf-8").splitlines()


# -- helpers ---------------------------------------------------------------------------------------


def short(term):
    """A term as a test writes it: `unit/mof` for our IRIs, `dk:supports` for our terms, Python values
    for typed literals rdflib converts (numbers, booleans, dates), the text of the others."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(str(ID)):
            return text[len(str(ID)) :]
        if text.startswith(str(DK)):
            return "dk:" + text[len(str(DK)) :]
        return text
    value = term.toPython()
    return str(term) if term.language or term.datatype is None or isinstance(value, Literal) else value


def run(store, name: str, params: dict | None = None):
    return NAMED[name].run(store, params or {})


def answer(store, name: str, columns, params: dict | None = None) -> list:
    """The values of one column (a name) or of several (a tuple of names), row by row, shortened."""
    result = run(store, name, params)
    assert result.kind == "bindings", f"{name} is not a SELECT query"
    missing = set([columns] if isinstance(columns, str) else columns) - set(result.variables)
    assert not missing, f"{name} has no column {missing}"
    if isinstance(columns, str):
        return [short(row.get(columns)) for row in result.dicts()]
    return [tuple(short(row.get(c)) for c in columns) for row in result.dicts()]


def notice_line(number: int) -> str:
    return SOURCE_LINES[number - 1].strip()


def pairings_in_text() -> set[tuple[str, str, str, int]]:
    """(name in the notice, county, city, line number) of every pairing, read straight off the source."""
    pairs, city = set(), None
    for number, text in enumerate(SOURCE_LINES, start=1):
        heading = re.match(r"（[一二三四五]）(\S+?市)\d+个", text)
        if heading:
            city = heading[1]
        if "——" in text:
            units, county = text.strip().split("——")
            county = re.sub(r"（含[^）]+）$", "", county)
            pairs |= {(unit, county, city, number) for unit in units.split("、")}
    return pairs


def stated_city_counts() -> dict[str, int]:
    """The number of counties each city heading of the notice states (赣州市 18 ...)."""
    headings = (re.match(r"（[一二三四五]）(\S+?市)(\d+)个", text) for text in SOURCE_LINES)
    return {m[1]: int(m[2]) for m in headings if m}


def params_id(params: dict) -> str:
    return ",".join(f"{k}={v.removeprefix('id:')}" for k, v in params.items()) or "defaults"


@pytest.fixture(scope="module")
def with_ontology(built_graph) -> Graph:
    """The built graph and the ontology in one rdflib graph: the embedded store's default graph, in rdflib."""
    graph = Graph()
    graph += built_graph
    graph.parse(ONTOLOGY, format="turtle")
    return graph


def broken_copy(graph: Graph, remove=(), add=()) -> Graph:
    """A copy of `graph` without the triples matching `remove` (each must match) and with `add`."""
    copy = Graph()
    copy += graph
    for pattern in remove:
        assert any(copy.triples(pattern)), f"nothing to remove: {pattern}"
        copy.remove(pattern)
    for triple in add:
        copy.add(triple)
    return copy


# -- the files -------------------------------------------------------------------------------------


def test_there_are_enough_queries_and_checks():
    assert len(NAMED) >= 22
    assert len(CHECKS) >= 6
    assert {p.stem for p in CHECK_FILES} == set(CHECKS), "every file in queries/checks/ ends in -violation.rq"


@pytest.mark.parametrize("path", QUERY_FILES + CHECK_FILES, ids=lambda p: p.relative_to(QUERIES).as_posix())
def test_header_is_complete(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#+ "), "the file starts with its #+ header"
    header = parse_header(text, path)
    for key in ("title", "description"):
        assert isinstance(header.get(key), dict), f"{key} is a mapping of language to text"
        assert {"zh", "en"} <= set(header[key]), f"{key} has zh and en"
        assert all(isinstance(v, str) and v.strip() for v in header[key].values())
    assert isinstance(header.get("tags"), list) and header["tags"]
    assert all(isinstance(tag, str) for tag in header["tags"])
    for name, spec in (header.get("parameters") or {}).items():
        assert spec.get("type") in TYPES, f"parameter {name}"
        assert spec.get("required") or spec.get("default") not in (None, ""), f"{name} has a default"
        assert {"zh", "en"} <= set(spec.get("description") or {}), f"{name} is described in zh and en"
    load_query(path)


@pytest.mark.parametrize("path", QUERY_FILES + CHECK_FILES, ids=lambda p: p.relative_to(QUERIES).as_posix())
def test_is_plain_sparql(path):
    """Parses as it stands (every prefix declared) and with its default values bound."""
    query = load_query(path)
    prepareQuery(query.text)
    if query.parameters:
        prepareQuery(inject_values(query.text, query.bindings()))


def outside_subqueries(text: str) -> str:
    """The text with every `{ SELECT ... }` block cut out (braces balanced)."""
    while match := re.search(r"\{\s*SELECT\b", text, re.IGNORECASE):
        depth, end = 0, match.start()
        for end in range(match.start(), len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        text = text[: match.start()] + text[end + 1 :]
    return text


@pytest.mark.parametrize("name", sorted(n for n, q in NAMED.items() if q.parameters))
def test_parameters_are_variables_of_the_outer_group(name):
    """The runner binds values at the first `WHERE {`: it must open the outer group, which uses every
    parameter (a VALUES block does not reach into a subquery)."""
    query = NAMED[name]
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    where = WHERE.search(body)
    assert where, "a parameterised query needs an explicit WHERE { for its outer group"
    before = body[: where.start()]
    assert before.count("{") == before.count("}"), "the first WHERE { is the outer query's"
    for parameter in query.parameters:
        assert re.search(rf"\?{parameter.name}\b", outside_subqueries(body[where.end() :])), (
            f"?{parameter.name} is used in the outer group"
        )


def test_checks_take_no_parameters_and_select_rows():
    for name, check in CHECKS.items():
        assert not check.parameters, name
        assert re.search(r"^\s*SELECT\b", check.text, re.MULTILINE), name


# -- every named query answers ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NAMED))
def test_runs_with_its_defaults(embedded_store, name):
    result = run(embedded_store, name)
    if result.kind == "boolean":
        assert result.boolean is True
    elif result.kind == "graph":
        assert len(result.graph) > 0
    else:
        assert result.rows, f"{name} gives no row with its defaults"


def has_label(graph: Graph, term: URIRef, lang: str) -> bool:
    labels = (o for p in (SKOS.prefLabel, RDFS.label, DCTERMS.title) for o in graph.objects(term, p))
    return any(label.language == lang for label in labels)


LANG_QUERIES = sorted(n for n, q in NAMED.items() if "lang" in {p.name for p in q.parameters})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", LANG_QUERIES)
def test_label_columns_are_in_the_chosen_language(embedded_store, with_ontology, name, lang):
    """Wherever a column `x` has a label column `xLabel` and `x` has a label in `lang`, the label is there
    (a label OPTIONAL nested in another cannot see ?lang, and quietly gives nothing)."""
    result = run(embedded_store, name, {"lang": lang})
    if result.kind != "bindings":
        return
    pairs = [(v[:-5], v) for v in result.variables if v.endswith("Label") and v[:-5] in result.variables]
    for row in result.dicts():
        for thing, label in pairs:
            if isinstance(row.get(thing), URIRef) and has_label(with_ontology, row[thing], lang):
                assert label in row and row[label].language == lang, f"{label} of {row[thing]}"


INTEGER_TYPES = {XSD.integer, XSD.positiveInteger, XSD.nonNegativeInteger, XSD.int, XSD.long}


def portable(result) -> object:
    """A result with what engines may legitimately differ on made equal: derived integer datatypes
    (Oxigraph answers xsd:integer for xsd:positiveInteger data), the case of language tags, the order inside
    a GROUP_CONCAT, row order. Lexical forms only: rdflib's Python values depend on global converters."""

    def norm(term):
        if term is None:
            return None
        if isinstance(term, Literal):
            if term.datatype in INTEGER_TYPES:
                return ("integer", str(int(str(term))))
            text = "; ".join(sorted(str(term).split("; ")))
            return (str(term.datatype or ""), text, (term.language or "").lower())
        return term.n3()

    if result.kind == "boolean":
        return result.boolean
    if result.kind == "graph":
        return sorted(tuple(map(str, map(norm, t))) for t in result.graph)
    return sorted(tuple(str(norm(t)) for t in row) for row in result.rows)


@pytest.mark.parametrize("name", sorted(NAMED))
def test_rdflib_gives_the_same_answer(embedded_store, with_ontology, name):
    """The query means the same on a second SPARQL engine (rdflib's), so it is not tied to Oxigraph."""
    query = NAMED[name]
    text = inject_values(query.text, query.bindings()) if query.parameters else query.text
    theirs = with_ontology.query(text)
    if theirs.type == "ASK":
        other = Result("boolean", boolean=theirs.askAnswer)
    elif theirs.type == "CONSTRUCT":
        other = Result("graph", graph=theirs.graph)
    else:
        rows = [tuple(row) for row in theirs]
        other = Result("bindings", variables=[str(v) for v in theirs.vars], rows=rows)
    assert portable(run(embedded_store, name)) == portable(other)


# -- the real answers ------------------------------------------------------------------------------

NATIONAL_BUREAUS = {  # bureau, the ministry that administers it
    ("unit/nmpa", "unit/samr"),
    ("unit/caac", "unit/mot"),
    ("unit/nea", "unit/ndrc"),
    ("unit/nfsra", "unit/ndrc"),
    ("unit/stma", "unit/miit"),
    ("unit/nrra", "unit/mara"),
    ("unit/sastind", "unit/miit"),
    ("unit/nra", "unit/mot"),
    ("unit/nfga", "unit/mnr"),
    ("unit/ncha", "unit/mct"),
    ("unit/natcm", "unit/nhc"),
}
LEAD_DUTIES = {
    f"concept/duty/{slug}"
    for slug in (
        "organise-coordinate",
        "overall-guidance",
        "own-functions-support",
        "set-goals",
        "track-progress",
        "supervise-inspect",
        "evaluate",
        "report-major-problems",
        "unit-working-mechanism",
    )
}
JIAN_PAIRINGS = {
    ("税务总局", "吉州区"),
    ("招商局集团有限公司", "青原区"),
    ("中国人民保险集团股份有限公司", "吉安县"),
    ("国家国防科工局", "吉水县"),
    ("人民银行", "新干县"),
    ("国家铁路局", "永丰县"),
    ("社科院", "泰和县"),
    ("国家林草局", "万安县"),
}
LINE_21_MENTIONS = {"unit/ndrc", "unit/cpc-organization"} | {
    f"division/{code}" for code in ("360000", "350000", "360700", "360800", "361000", "350800", "350400")
}
CATEGORY = "concept/unit-category/"
ADDRESSEES = {"各省、自治区、直辖市人民政府", "国务院各部委", "国务院各直属机构"}
DISTRICTS = {"360702", "360703", "360704", "360802", "360803", "350802", "350803"}


class AtLeast(frozenset):
    """Expected answers that must be among the answers, which may hold others too."""


# (query, parameters, columns, expected): a set is compared with the set of answers, AtLeast(set) must be
# among them, a list is compared in order, an int with the number of rows.
ANSWERS = [
    ("units-of-county", {}, "unit", {"unit/mof", "unit/xinhua"}),
    ("units-of-county", {}, ("nameInNotice", "lineNumber"), {("财政部", 26), ("新华社", 26)}),
    ("units-of-county", {"county": "id:division/360702"}, "unit", {"unit/sasac", "unit/nmpa"}),
    (
        "units-of-county",
        {"county": "id:division/350881", "lang": "en"},
        ("unit", "unitLabel", "categoryLabel"),
        {
            (
                "unit/tao",
                "Taiwan Affairs Office of the State Council",
                "Body directly under the CPC Central Committee",
            )
        },
    ),
    ("units-of-county", {"county": "id:division/360700"}, "unit", 0),
    (
        "county-of-unit",
        {},
        ("county", "countyLabel", "code", "city", "province", "lineNumber"),
        {("division/360704", "赣县区", "360704", "division/360700", "division/360000", 25)},
    ),
    (
        "county-of-unit",
        {"unit": "id:unit/cofco", "lang": "en"},
        ("countyLabel", "cityLabel", "provinceLabel"),
        {("Jianning County", "Sanming City", "Fujian Province")},
    ),
    ("county-of-unit", {"unit": "id:unit/ndrc"}, "county", 0),
    ("pairings", {}, "assignment", 61),
    ("pairings-in-city", {}, ("nameInNotice", "countyLabel"), JIAN_PAIRINGS),
    (
        "pairings-in-city",
        {"city": "id:division/350400", "lang": "en"},
        "countyLabel",
        {"Mingxi County", "Qingliu County", "Ninghua County", "Taining County", "Jianning County"},
    ),
    ("pairings-in-province", {}, "unit", 12),
    ("pairings-in-province", {}, "cityLabel", {"龙岩市", "三明市"}),
    ("pairings-in-province", {"province": "id:division/360000"}, "unit", 49),
    (
        "pairings-in-province",
        {"province": "id:division/360000", "lang": "en"},
        "cityLabel",
        {"Ganzhou City", "Ji'an City", "Fuzhou City"},
    ),
    ("counties-with-two-units", {}, "county", 18),
    ("counties-with-two-units", {}, "cityLabel", {"赣州市"}),
    (
        "counties-with-two-units",
        {},
        ("countyLabel", "firstUnit", "secondUnit", "lineNumber"),
        AtLeast(
            {
                ("瑞金市", "unit/mof", "unit/xinhua", 26),
                ("章贡区", "unit/nmpa", "unit/sasac", 23),
                ("南康区", "unit/caac", "unit/csrc", 24),
            }
        ),
    ),
    ("counties-with-two-units", {"lang": "en"}, "cityLabel", {"Ganzhou City"}),
    (
        "units-by-category",
        {},
        "unit",
        {
            f"unit/{slug}"
            for slug in (
                "china-merchants",
                "ctg",
                "state-grid",
                "cscec",
                "sdic",
                "china-resources",
                "china-railway",
                "cofco",
            )
        },
    ),
    (
        "units-by-category",
        {"category": f"id:{CATEGORY}national-bureau"},
        "unit",
        {bureau for bureau, _ in NATIONAL_BUREAUS},
    ),
    (
        "units-by-category",
        {"category": f"id:{CATEGORY}party-central-department", "lang": "en"},
        ("unit", "countyLabel"),
        {
            ("unit/cpc-organization", None),
            ("unit/cpc-publicity", "Xunwu County"),
            ("unit/cpc-united-front", "Guangchang County"),
        },
    ),
    ("categories", {}, "category", 12),
    (
        "categories",
        {},
        ("category", "units"),
        {
            (CATEGORY + slug, n)
            for slug, n in (
                ("state-council-constituent-department", 22),
                ("national-bureau", 11),
                ("central-enterprise", 8),
                ("state-council-affiliated-agency", 6),
                ("state-council-affiliated-institution", 5),
                ("party-central-department", 3),
                ("policy-financial-institution", 3),
                ("central-financial-enterprise", 1),
                ("cooperative-federation", 1),
                ("party-central-affiliated-body", 1),
                ("peoples-organisation", 1),
                ("state-council-special-agency", 1),
            )
        },
    ),
    (
        "categories",
        {"lang": "en"},
        ("categoryLabel", "broader"),
        AtLeast({("Central state-owned financial enterprise", CATEGORY + "central-enterprise")}),
    ),
    (
        "counts-by-category",
        {},
        ("category", "units", "pairedUnits", "counties"),
        AtLeast(
            {
                (CATEGORY + "state-council-constituent-department", 22, 21, 19),
                (CATEGORY + "party-central-department", 3, 2, 2),
                (CATEGORY + "national-bureau", 11, 11, 11),
            }
        ),
    ),
    ("counts-by-category", {"lang": "en"}, "categoryLabel", AtLeast({"Central state-owned enterprise"})),
    ("national-bureaus", {}, ("bureau", "ministry"), NATIONAL_BUREAUS),
    (
        "national-bureaus",
        {},
        ("bureau", "ministryIsLead", "ministryCounty"),
        AtLeast(
            {("unit/nea", True, None), ("unit/nfsra", True, None), ("unit/nmpa", False, "division/360733")}
        ),
    ),
    (
        "national-bureaus",
        {"lang": "en"},
        ("bureauLabel", "ministryLabel", "bureauCountyLabel"),
        AtLeast(
            {
                (
                    "National Medical Products Administration",
                    "State Administration for Market Regulation",
                    "Zhanggong District",
                )
            }
        ),
    ),
    ("lead-departments", {}, "lead", {"unit/ndrc", "unit/cpc-organization"}),
    ("lead-departments", {}, "duty", LEAD_DUTIES),
    (
        "lead-departments",
        {},
        ("nameInNotice", "duty", "lineNumber"),
        AtLeast(
            {
                ("国家发展改革委", "concept/duty/organise-coordinate", 21),
                ("中央组织部", "concept/duty/set-goals", 72),
                ("中央组织部", "concept/duty/report-major-problems", 76),
            }
        ),
    ),
    (
        "lead-departments",
        {"lang": "en"},
        ("lead", "leadLabel"),
        {
            ("unit/ndrc", "National Development and Reform Commission"),
            ("unit/cpc-organization", "Organization Department of the CPC Central Committee"),
        },
    ),
    ("duties", {}, "duty", 11),
    (
        "duties",
        {},
        ("duty", "holders", "leads", "divisions"),
        AtLeast(
            {
                ("concept/duty/organise-coordinate", 2, 2, 0),
                ("concept/duty/unit-working-mechanism", 63, 2, 0),
                ("concept/duty/principal-responsibility", 45, 0, 45),
                ("concept/duty/provincial-counterpart-support", 2, 0, 2),
            }
        ),
    ),
    ("duties", {"lang": "en"}, "dutyLabel", AtLeast({"Reporting major problems to the State Council"})),
    ("holders-of-duty", {}, "holder", {"unit/ndrc", "unit/cpc-organization"}),
    ("holders-of-duty", {"duty": "id:concept/duty/principal-responsibility"}, "holder", 45),
    (
        "holders-of-duty",
        {"duty": "id:concept/duty/principal-responsibility"},
        "kind",
        {"dk:Province", "dk:RecipientCounty"},
    ),
    (
        "holders-of-duty",
        {"duty": "id:concept/duty/provincial-counterpart-support", "lang": "en"},
        "holderLabel",
        {"Jiangxi Province", "Fujian Province"},
    ),
    ("lines-stating", {}, "lineNumber", [26]),
    ("lines-stating", {}, ("mentions", "derives", "heading"), [(True, True, False)]),
    ("lines-stating", {"entity": "id:unit/ndrc"}, "lineNumber", [21, 72, 76]),
    ("lines-stating", {"entity": "id:division/360700"}, "lineNumber", [21, 22]),
    (
        "lines-stating",
        {"entity": "id:document/guobanfa-2021-15/section/2-1"},
        ("lineNumber", "heading"),
        [(22, True)],
    ),
    ("lines-stating", {"entity": "id:concept/task-type/cadre-secondment"}, "lineNumber", [74]),
    (
        "lines-stating",
        {"entity": "id:assignment/guobanfa-2021-15/sasac", "lang": "en"},
        ("lineNumber", "containerLabel"),
        [(23, "(1) 18 counties, cities and districts of Ganzhou City")],
    ),
    ("lines-stating", {"entity": "id:unit/nobody"}, "lineNumber", 0),
    ("line", {}, "mentioned", LINE_21_MENTIONS),
    ("line", {"number": "26"}, "mentioned", {"unit/mof", "unit/xinhua", "division/360781"}),
    (
        "line",
        {"number": "26", "lang": "en"},
        "mentionedLabel",
        {"Ministry of Finance", "Xinhua News Agency", "Ruijin City"},
    ),
    ("line", {"number": "18"}, ("container", "mentioned"), [("document/guobanfa-2021-15/section/1", None)]),
    ("line", {"number": "5"}, "line", 0),
    ("line", {"number": "999"}, "line", 0),
    ("lines", {}, "line", 71),
    (
        "lines",
        {"lang": "en"},
        ("lineNumber", "containerLabel"),
        AtLeast(
            {
                (18, "1. General requirements"),
                (70, "3. Work requirements"),
                (74, "(2) Carrying out the key tasks"),
            }
        ),
    ),
    ("search-text", {}, "lineNumber", [74]),
    ("search-text", {"text": "牵头部门"}, "lineNumber", [21]),
    (
        "search-text",
        {"text": "挂职", "lang": "en"},
        ("lineNumber", "containerLabel"),
        [(74, "(2) Carrying out the key tasks")],
    ),
    ("task-types", {}, "task", 10),
    ("task-types", {}, "lineNumber", {74}),
    (
        "task-types",
        {},
        ("task", "broader"),
        AtLeast(
            {
                ("concept/task-type/red-resources-secondment", "concept/task-type/cadre-secondment"),
                ("concept/task-type/professional-training", "concept/task-type/talent-training"),
                ("concept/task-type/cadre-secondment", None),
            }
        ),
    ),
    ("task-types", {"lang": "en"}, "taskLabel", AtLeast({"Talent training", "Cadre secondment"})),
    (
        "work-requirements",
        {},
        ("requirement", "lineNumber", "sectionNumber", "broader"),
        [
            ("concept/work-requirement/working-mechanism", 71, "（一）", None),
            ("concept/work-requirement/key-tasks", 73, "（二）", None),
            ("concept/work-requirement/supervision-evaluation", 75, "（三）", None),
            (
                "concept/work-requirement/performance-assessment",
                76,
                None,
                "concept/work-requirement/supervision-evaluation",
            ),
        ],
    ),
    ("work-requirements", {"lang": "en"}, "requirementLabel", AtLeast({"Improving the working mechanism"})),
    (
        "counts-by-province",
        {},
        ("code", "cities", "counties", "units"),
        {("360000", 3, 31, 49), ("350000", 2, 12, 12)},
    ),
    ("counts-by-province", {"lang": "en"}, "provinceLabel", {"Jiangxi Province", "Fujian Province"}),
    (
        "counts-by-city",
        {},
        ("cityLabel", "stated", "counties", "units", "agrees"),
        {
            ("赣州市", 18, 18, 36, True),
            ("吉安市", 8, 8, 8, True),
            ("抚州市", 5, 5, 5, True),
            ("龙岩市", 7, 7, 7, True),
            ("三明市", 5, 5, 5, True),
        },
    ),
    (
        "counts-by-city",
        {"lang": "en"},
        ("cityLabel", "provinceLabel"),
        AtLeast({("Ganzhou City", "Jiangxi Province"), ("Longyan City", "Fujian Province")}),
    ),
    (
        "county-level-cities",
        {},
        ("countyLabel", "code", "cityLabel"),
        {("瑞金市", "360781", "赣州市"), ("龙南市", "360783", "赣州市"), ("漳平市", "350881", "龙岩市")},
    ),
    ("county-level-cities", {}, "unit", {"unit/mof", "unit/xinhua", "unit/miit", "unit/gacc", "unit/tao"}),
    ("county-level-cities", {"lang": "en"}, "countyLabel", {"Ruijin City", "Longnan City", "Zhangping City"}),
    ("districts", {}, "code", DISTRICTS),
    (
        "districts",
        {},
        ("code", "zone"),
        {("360702", "zone/360702400")} | {(code, None) for code in DISTRICTS - {"360702"}},
    ),
    ("districts", {"lang": "en"}, "zoneLabel", {"Ganzhou Economic and Technological Development Zone", None}),
    ("counties-by-type", {}, "county", 33),
    ("counties-by-type", {"type": "id:concept/county-type/district"}, "code", DISTRICTS),
    (
        "counties-by-type",
        {"type": "id:concept/county-type/county-level-city", "lang": "en"},
        ("countyLabel", "units"),
        {("Ruijin City", 2), ("Longnan City", 2), ("Zhangping City", 1)},
    ),
    (
        "entity",
        {},
        ("direction", "property", "value"),
        AtLeast(
            {
                ("out", "dk:inCity", "division/360700"),
                ("out", "dk:inProvince", "division/360000"),
                ("out", str(SKOS.notation), "360781"),
                ("in", "dk:supports", "unit/mof"),
                ("in", "dk:supports", "unit/xinhua"),
                ("in", "dk:recipient", "assignment/guobanfa-2021-15/mof"),
            }
        ),
    ),
    (
        "entity",
        {},
        ("property", "propertyLabel"),
        AtLeast({("dk:inCity", "所属地级市"), (str(SKOS.notation), str(SKOS.notation))}),
    ),
    (
        "entity",
        {"iri": "id:unit/nmpa", "lang": "en"},
        ("direction", "property", "propertyLabel", "valueLabel"),
        AtLeast(
            {
                ("out", "dk:administeredBy", "administered by", "State Administration for Market Regulation"),
                (
                    "out",
                    "dk:category",
                    "category",
                    "National bureau administered by a ministry or commission",
                ),
                ("in", "dk:mentions", "mentions", "Line 23"),
            }
        ),
    ),
    ("entity", {"iri": "id:unit/nobody"}, "property", 0),
    (
        "sections",
        {},
        ("sectionNumber", "headingLineNumber"),
        [
            ("一", 18),
            ("二", 20),
            ("（一）", 22),
            ("（二）", 41),
            ("（三）", 50),
            ("（四）", 56),
            ("（五）", 64),
            ("三", 70),
            ("（一）", 71),
            ("（二）", 73),
            ("（三）", 75),
        ],
    ),
    (
        "sections",
        {},
        ("section", "title", "parent"),
        AtLeast(
            {
                ("document/guobanfa-2021-15/section/2", "工作安排", "document/guobanfa-2021-15-plan"),
                (
                    "document/guobanfa-2021-15/section/2-4",
                    "龙岩市7个县（市、区）",
                    "document/guobanfa-2021-15/section/2",
                ),
            }
        ),
    ),
    ("sections", {"lang": "en"}, "title", AtLeast({"Work arrangements", "General requirements"})),
    (
        "document",
        {},
        ("identifier", "issued", "issuerLabel", "status", "approvedByLabel", "implementsIdentifier"),
        [
            (
                "国办发〔2021〕15号",
                datetime.date(2021, 4, 21),
                "国务院办公厅",
                "此件公开发布",
                "国务院",
                "国发〔2021〕3号",
            )
        ],
    ),
    (
        "document",
        {},
        (
            "statedUnitCount",
            "statedRecipientCount",
            "statedLeadCount",
            "statedPairedUnitCount",
            "addresseeCount",
        ),
        [(63, 43, 2, 61, 3)],
    ),
    (
        "document",
        {"lang": "en"},
        ("issuerLabel", "approvedByLabel"),
        [("General Office of the State Council", "State Council")],
    ),
    (
        "provenance-of-assignment",
        {},
        ("assignment", "county", "area", "documentIdentifier", "startYear", "endYear", "lineNumber"),
        [
            (
                "assignment/guobanfa-2021-15/sasac",
                "division/360702",
                "zone/360702400",
                "国办发〔2021〕15号",
                "2021",
                "2030",
                23,
            )
        ],
    ),
    (
        "provenance-of-assignment",
        {"unit": "id:unit/mof", "lang": "en"},
        ("assignmentLabel", "area", "lineNumber"),
        [("Ministry of Finance supports Ruijin City", None, 26)],
    ),
    ("provenance-of-assignment", {"unit": "id:unit/ndrc"}, "assignment", 0),
    (
        "search-labels",
        {},
        "entity",
        {
            "division/360781",
            "assignment/guobanfa-2021-15/mof",
            "assignment/guobanfa-2021-15/xinhua",
            # 瑞金市's entry in the NBS 2023 codes, and its former codes 瑞金市 362102 and 瑞金县 362134
            "dataset/nbs-2023/code/360781",
            "division-code/362102",
            "division-code/362134",
        },
    ),
    ("search-labels", {}, ("entity", "type"), AtLeast({("division/360781", "dk:RecipientCounty")})),
    (
        "search-labels",
        {"text": "mof"},
        ("entity", "matched", "property"),
        {("unit/mof", "MOF", "dk:acronym"), ("unit/mofcom", "MOFCOM", "dk:acronym")},
    ),
    (
        "search-labels",
        {"text": "科技部", "lang": "en"},
        ("entity", "entityLabel", "property"),
        AtLeast({("unit/most", "Ministry of Science and Technology", "dk:nameInNotice")}),
    ),
    (
        "search-labels",
        {"text": "ruijin shi"},
        ("entity", "property"),
        {("division/360781", str(SKOS.altLabel))},
    ),
    ("search-labels", {"text": "no such name"}, "entity", 0),
    (
        "zones",
        {},
        ("zone", "statisticalCode", "county", "countyCode", "lineNumber"),
        {("zone/360702400", "360702400", "division/360702", "360702", 23)},
    ),
    ("zones", {}, "unit", {"unit/sasac", "unit/nmpa"}),
    (
        "zones",
        {"lang": "en"},
        ("zoneLabel", "countyLabel"),
        {("Ganzhou Economic and Technological Development Zone", "Zhanggong District")},
    ),
    ("divisions-with-codes", {}, "division", 50),
    (
        "divisions-with-codes",
        {},
        ("code", "label", "level", "parentCode"),
        AtLeast(
            {
                ("360000", "江西省", "dk:Province", None),
                ("350400", "三明市", "dk:PrefectureCity", "350000"),
                ("360783", "龙南市", "dk:County", "360700"),
                ("350803", "永定区", "dk:County", "350800"),
            }
        ),
    ),
    (
        "divisions-with-codes",
        {"lang": "en"},
        ("label", "levelLabel", "countyTypeLabel"),
        AtLeast({("Zhangping City", "county-level division", "County-level city")}),
    ),
    (
        "division-by-code",
        {},
        ("division", "nameZh", "nameEn", "level", "city", "units"),
        [("division/360783", "龙南市", "Longnan City", "dk:County", "division/360700", 2)],
    ),
    (
        "division-by-code",
        {"code": "350000"},
        ("nameZh", "level", "province", "units"),
        [("福建省", "dk:Province", None, 0)],
    ),
    ("division-by-code", {"code": "360727"}, "division", 0),  # 龙南县 before it became 龙南市 in 2020
    ("units", {}, "unit", 63),
    (
        "units",
        {},
        ("unit", "isLead", "county"),
        AtLeast(
            {
                ("unit/ndrc", True, None),
                ("unit/cpc-organization", True, None),
                ("unit/most", False, "division/360704"),
            }
        ),
    ),
    (
        "units",
        {"lang": "en"},
        ("acronym", "unitLabel"),
        AtLeast({("NDRC", "National Development and Reform Commission")}),
    ),
    ("counties", {}, "county", 43),
    (
        "counties",
        {},
        ("countyLabel", "countyTypeLabel", "units"),
        AtLeast({("瑞金市", "县级市", 2), ("吉州区", "市辖区", 1), ("建宁县", "县", 1)}),
    ),
    (
        "counties",
        {"lang": "en"},
        ("countyLabel", "cityLabel", "provinceLabel"),
        AtLeast({("Liancheng County", "Longyan City", "Fujian Province")}),
    ),
    (
        "programme",
        {},
        ("phase", "startYear", "endYear", "follows", "establishedByIdentifier", "assignments"),
        [
            ("programme/gannan/phase/2013", "2013", None, None, None, 0),
            (
                "programme/gannan/phase/2021-2030",
                "2021",
                "2030",
                "programme/gannan/phase/2013",
                "国办发〔2021〕15号",
                61,
            ),
        ],
    ),
    (
        "programme",
        {"lang": "en"},
        "programmeLabel",
        {"Counterpart support to Gannan and other former Central Soviet Areas"},
    ),
]


def answer_id(case) -> str:
    name, params, columns, _ = case
    return f"{name}[{params_id(params)}]:{columns if isinstance(columns, str) else '+'.join(columns)}"


@pytest.mark.parametrize("name, params, columns, expected", ANSWERS, ids=[answer_id(c) for c in ANSWERS])
def test_answer(embedded_store, name, params, columns, expected):
    got = answer(embedded_store, name, columns, params)
    if isinstance(expected, int):
        assert len(got) == expected
    elif isinstance(expected, list):
        assert got == expected
    elif isinstance(expected, AtLeast):
        assert expected <= set(got)
    else:
        assert set(got) == expected


# queries (and the parameters) that tests of their own below try
OWN_TESTS = {
    "pairings": set(),
    "pairings-in-city": {"city"},
    "lines": set(),
    "line": {"number"},
    "search-text": {"text"},
    "supports": {"unit", "county"},
    "pairings-graph": {"lang"},
}


def test_every_named_query_has_a_real_answer_and_every_parameter_is_tried():
    assert set(NAMED) <= {case[0] for case in ANSWERS} | set(OWN_TESTS)
    for name, query in NAMED.items():
        tried = {key for case in ANSWERS if case[0] == name for key in case[1]} | OWN_TESTS.get(name, set())
        assert {p.name for p in query.parameters} <= tried, name


# -- answers read off the source text --------------------------------------------------------------


def test_pairings_are_the_notice_lines(embedded_store):
    got = set(answer(embedded_store, "pairings", ("nameInNotice", "countyZh", "cityZh", "lineNumber")))
    assert got == pairings_in_text()
    assert len(got) == 61
    assert len(set(answer(embedded_store, "pairings", "unit"))) == 61
    assert len(set(answer(embedded_store, "pairings", "county"))) == 43


def test_pairings_have_codes_provinces_and_english_names(embedded_store):
    rows = answer(embedded_store, "pairings", ("unit", "countyEn", "code", "city", "province", "provinceZh"))
    assert ("unit/mof", "Ruijin City", "360781", "division/360700", "division/360000", "江西省") in rows
    assert ("unit/cofco", "Jianning County", "350430", "division/350400", "division/350000", "福建省") in rows
    for _, _, code, city, province, _ in rows:
        assert city == f"division/{code[:4]}00" and province == f"division/{code[:2]}0000"


@pytest.mark.parametrize(
    "code, city",
    [
        ("360700", "赣州市"),
        ("360800", "吉安市"),
        ("361000", "抚州市"),
        ("350800", "龙岩市"),
        ("350400", "三明市"),
    ],
)
def test_pairings_in_each_city_are_the_notice_lines(embedded_store, code, city):
    got = set(
        answer(
            embedded_store,
            "pairings-in-city",
            ("nameInNotice", "countyLabel", "lineNumber"),
            {"city": f"id:division/{code}"},
        )
    )
    assert got == {(unit, county, line) for unit, county, c, line in pairings_in_text() if c == city}


def test_counties_with_two_units_are_the_notice_lines_with_two_units(embedded_store):
    two = {county for _, county, _, line in pairings_in_text() if "、" in SOURCE_LINES[line - 1]}
    assert set(answer(embedded_store, "counties-with-two-units", "countyLabel")) == two
    assert len(two) == 18


def test_counts_by_city_state_what_the_notice_states(embedded_store):
    got = {city: stated for city, stated in answer(embedded_store, "counts-by-city", ("cityLabel", "stated"))}
    assert got == stated_city_counts()
    assert sum(got.values()) == 43


def test_units_are_the_names_in_the_notice(embedded_store):
    leads = re.search(r"其中，(.+?)作为牵头部门", notice_line(21))[1].split("、")
    named = {unit for unit, _, _, _ in pairings_in_text()} | set(leads)
    assert set(answer(embedded_store, "units", "nameInNotice")) == named


def test_lines_are_the_source_text(embedded_store):
    expected = [(n, text.strip()) for n, text in enumerate(SOURCE_LINES, start=1) if text.strip()]
    assert answer(embedded_store, "lines", ("lineNumber", "text")) == expected
    containers = dict(answer(embedded_store, "lines", ("lineNumber", "container")))
    assert containers[4] == "document/guobanfa-2021-15"
    assert containers[15] == "document/guobanfa-2021-15-plan"
    assert containers[33] == "document/guobanfa-2021-15/section/2-1"


def test_line_neighbours_are_the_nearest_non_blank_source_lines(embedded_store):
    """For every line (blank lines have no number, so numbers skip), as the source text has it."""
    numbers = [n for n, text in enumerate(SOURCE_LINES, start=1) if text.strip()]
    query = load_queries(QUERIES / "ui")["entity-line-neighbours"]
    for before, here, after in zip([None] + numbers, numbers, numbers[1:] + [None]):
        rows = query.run(embedded_store, {"iri": f"id:document/guobanfa-2021-15/line/{here}"}).dicts()
        expected = {(p, n, notice_line(n)) for p, n in (("previous", before), ("next", after)) if n}
        assert {(str(r["position"]), int(r["number"]), str(r["text"])) for r in rows} == expected, here
        assert all(str(r["neighbour"]).endswith(f"/line/{r['number']}") for r in rows)


def test_section_lines_are_the_lines_whose_part_is_that_section(embedded_store):
    """Each section's own lines (not its subsections'), as `lines` gives them with their container."""
    ui, public = load_queries(QUERIES / "ui"), load_queries(QUERIES)
    by_container = {}
    for row in public["lines"].run(embedded_store, {}).dicts():
        by_container.setdefault(str(row["container"]), []).append((int(row["lineNumber"]), str(row["text"])))
    sections = [str(r["section"]) for r in public["sections"].run(embedded_store, {}).dicts()]
    assert len(sections) == 11
    for section in sections:
        rows = ui["section-lines"].run(embedded_store, {"iri": section}).dicts()
        assert [(int(r["lineNumber"]), str(r["text"])) for r in rows] == sorted(by_container.get(section, []))
    given = ui["section-lines"].run(embedded_store, required_values(ui["section-lines"])).dicts()
    assert [int(r["lineNumber"]) for r in given] == list(range(22, 41))


def test_the_notice_queries_read_only_the_notice_they_are_given(embedded_store):
    """Bound to the notice they give its 71 lines; bound to the plan (no lines of its own) nothing."""
    ui = load_queries(QUERIES / "ui")
    plan = "https://w3id.org/duikou/id/document/guobanfa-2021-15-plan"
    for name, rows in (("notice-lines", 71), ("notice-document", 1)):
        assert len(ui[name].run(embedded_store, required_values(ui[name])).rows) == rows
        assert ui[name].run(embedded_store, {"notice": plan}).rows == []
    assert ui["notice-mentions"].run(embedded_store, {"notice": plan}).rows == []


def test_document_addressees_are_those_of_line_6(embedded_store):
    [addressees] = answer(embedded_store, "document", "addressees")
    assert set(addressees.split("; ")) == ADDRESSEES
    assert notice_line(6).startswith("各省、自治区、直辖市人民政府，国务院各部委、各直属机构")


@pytest.mark.parametrize("number", [4, 21, 26, 59, 76])
def test_line_gives_the_source_text(embedded_store, number):
    assert set(answer(embedded_store, "line", "text", {"number": str(number)})) == {notice_line(number)}


@pytest.mark.parametrize("text", ["挂职", "国务院", "江西", "（含", "2030"])
def test_search_text_finds_the_lines_that_contain_it(embedded_store, text):
    expected = [n for n, line in enumerate(SOURCE_LINES, start=1) if text in line]
    assert answer(embedded_store, "search-text", "lineNumber", {"text": text}) == expected


@pytest.mark.parametrize("name", ["task-types", "lead-departments"])
def test_quotes_are_words_of_their_line(embedded_store, name):
    rows = answer(embedded_store, name, ("quote", "lineText"))
    assert rows
    for quote, text in rows:
        assert quote in text


@pytest.mark.parametrize(
    "unit, county, expected",
    [
        (None, None, True),
        ("id:unit/sasac", "id:division/360702", True),
        ("id:unit/nmpa", "id:division/360702", True),
        ("id:unit/mof", "id:division/360702", False),
        ("id:unit/ndrc", "id:division/360781", False),
    ],
)
def test_supports(embedded_store, unit, county, expected):
    values = {k: v for k, v in (("unit", unit), ("county", county)) if v}
    result = run(embedded_store, "supports", values)
    assert result.kind == "boolean" and result.boolean is expected


@pytest.mark.parametrize("lang, ruijin", [("zh", "瑞金市"), ("en", "Ruijin City")])
def test_pairings_graph(embedded_store, lang, ruijin):
    graph = run(embedded_store, "pairings-graph", {"lang": lang}).graph
    assert len(set(graph.triples((None, DK.supports, None)))) == 61
    assert len(set(graph.triples((None, DK.inCity, None)))) == 43
    assert (ID["unit/mof"], DK.supports, ID["division/360781"]) in graph
    assert set(graph.objects(ID["division/360781"], SKOS.prefLabel)) == {Literal(ruijin, lang=lang)}


# -- the checks ------------------------------------------------------------------------------------


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


def test_every_check_is_tried_on_a_broken_graph():
    assert {m[0] for m in MUTATIONS} == set(CHECKS)


# -- hostile parameter values ----------------------------------------------------------------------

HOSTILE_TEXT = 'x") } ; DROP ALL ; #'
HOSTILE = {
    "iri": [
        "https://w3id.org/duikou/id/unit/x> } ; <",
        'https://w3id.org/duikou/id/unit/x"',
        "https://w3id.org/duikou/id/unit/x {",
        "<https://w3id.org/duikou/id/unit/mof>",
        "javascript:alert(1)",
    ],
    "integer": ["26 } ; DROP ALL", "26.5", "1e3", "0x1A"],
    "language": ['zh") } #', "zh en", "中文"],
    "code": ['360781") } #', "36078", "3607811"],
}
TYPED_PARAMETERS = [(n, p.name, p.type) for n, q in sorted(NAMED.items()) for p in q.parameters]


@pytest.mark.parametrize(
    "name, parameter, kind",
    [t for t in TYPED_PARAMETERS if t[2] != "string"],
    ids=[f"{n}:{p}" for n, p, k in TYPED_PARAMETERS if k != "string"],
)
def test_hostile_values_are_refused(name, parameter, kind):
    for value in HOSTILE[kind]:
        with pytest.raises(ParameterError):
            NAMED[name].bindings({parameter: value})


HOSTILE_STRINGS = [HOSTILE_TEXT, 'a"""b', "a\nb # c } ", "back\\slash", "it's'''", "\\u0022) }"]


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
@pytest.mark.parametrize("name, parameter", [(n, p) for n, p, k in TYPED_PARAMETERS if k == "string"])
def test_hostile_text_is_bound_as_data(embedded_store, name, parameter, text):
    before = len(embedded_store)
    assert run(embedded_store, name, {parameter: text}).rows == []
    assert len(embedded_store) == before


def test_hostile_text_is_found_where_it_is_data(built_graph):
    """Bound as one string value: it finds the one label that contains it, and nothing else."""
    graph = broken_copy(built_graph, add=[(MOF, SKOS.altLabel, Literal(f"a {HOSTILE_TEXT} b"))])
    store = EmbeddedStore.from_graph(graph)
    assert set(answer(store, "search-labels", "entity", {"text": HOSTILE_TEXT})) == {"unit/mof"}


def test_unknown_parameters_are_refused():
    with pytest.raises(ParameterError):
        NAMED["units-of-county"].bindings({"countyy": "id:division/360781"})
