"""Expected answers of the named queries: pairings, units, categories, leads, duties."""

from query_cases import CATEGORY, JIAN_PAIRINGS, LEAD_DUTIES, NATIONAL_BUREAUS, AtLeast

PROGRAMME = [
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
                ("章贡区", "unit/sasac", "unit/nmpa", 23),
                ("南康区", "unit/csrc", "unit/caac", 24),
                ("于都县", "unit/nhc", "unit/nfsra", 36),
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
]
