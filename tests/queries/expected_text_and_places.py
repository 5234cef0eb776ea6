"""Expected answers of the named queries: holders, lines, tasks, provinces, counties."""

from query_cases import DISTRICTS, LINE_21_MENTIONS, AtLeast
from rdflib.namespace import SKOS

TEXT_AND_PLACES = [
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
]
