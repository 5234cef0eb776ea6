"""Expected answers of the named queries: sections, provenance, search, zones, codes, lists."""

import datetime

from query_cases import AtLeast
from rdflib.namespace import SKOS

GRAPH = "https://w3id.org/duikou/graph/"

LOOKUPS = [
    # which source states this: the notice states the pairing, the curated list who the unit is
    (
        "statement-sources",
        {"entity": "id:unit/mof", "lang": "en"},
        ("property", "graph", "source", "graphTitle"),
        AtLeast(
            {
                (
                    "dk:supports",
                    GRAPH + "guobanfa-2021-15",
                    "source/notice",
                    "Facts stated by the notice Guobanfa [2021] No. 15",
                ),
                (
                    "dk:category",
                    GRAPH + "gov-cn-structure",
                    "source/gov-cn-structure",
                    "Facts from the State Council's organisational structure",
                ),
            }
        ),
    ),
    (
        "statement-sources",
        {"entity": "id:division/360781", "lang": "zh"},
        ("graph", "sourceTitle"),
        {
            (GRAPH + "division-codes", "统计用区划代码（2023年）"),
            (GRAPH + "division-codes", "中华人民共和国县以上行政区划代码历史"),
            (GRAPH + "hanyu-pinyin", "汉语拼音正词法基本规则（GB/T 16159—2012）"),
            (
                GRAPH + "guobanfa-2021-15",
                "国务院办公厅关于印发新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案的通知（国办发〔2021〕15号）",
            ),
        },
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
        {"lang": "en"},
        ("label", "levelLabel", "countyTypeLabel"),
        AtLeast({("Zhangping City", "county-level division", "County-level city")}),
    ),
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
