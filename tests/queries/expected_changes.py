"""Expected answers of the named queries about what happened to the units after the notice: the 2023
reform's three changes (graph/tables/changes.csv), and the units with the organisation and category in force
on a day."""

import datetime

from query_cases import AtLeast

DATE = datetime.date(
    2023, 3, 10
)  # the NPC approved 《国务院机构改革方案》: the date recorded for each change
CHANGED = [  # in the notice's order: 证监会 on line 24, 银保监会 on line 33, 国家乡村振兴局 on line 40
    ("unit/csrc", "证监会", "change/2023-csrc-agency", DATE, "unit/csrc"),
    ("unit/cbirc", "银保监会", "change/2023-cbirc-nfra", DATE, "organization/nfra"),
    ("unit/nrra", "国家乡村振兴局", "change/2023-nrra-mara", DATE, "unit/mara"),
]
AGENCY, INSTITUTION = "国务院直属机构", "国务院直属事业单位"
AS_OF_THE_NOTICE = {  # unit, the organisation for it, its category
    ("unit/cbirc", "unit/cbirc", INSTITUTION),
    ("unit/csrc", "unit/csrc", INSTITUTION),
    ("unit/nrra", "unit/nrra", "部委管理的国家局"),
    ("unit/mara", "unit/mara", "国务院组成部门"),
}
AFTER_THE_REFORM = {
    ("unit/cbirc", "organization/nfra", AGENCY),
    ("unit/csrc", "unit/csrc", AGENCY),
    ("unit/nrra", "unit/mara", "国务院组成部门"),
    ("unit/mara", "unit/mara", "国务院组成部门"),
}
AS_OF = ("unit", "organization", "categoryLabel")

CHANGES = [
    ("units-changed", {}, ("unit", "nameInNotice", "change", "date", "resulting"), CHANGED),
    ("units-changed", {"lang": "zh"}, "dateKindLabel", ["决定日期"] * 3),
    (
        "units-changed",
        {"lang": "en"},
        ("nameInNotice", "resultingLabel"),
        {
            ("证监会", "China Securities Regulatory Commission"),
            ("银保监会", "National Administration of Financial Regulation"),
            ("国家乡村振兴局", "Ministry of Agriculture and Rural Affairs"),
        },
    ),
    ("units-as-of", {"date": "2022-01-01"}, AS_OF, AtLeast(AS_OF_THE_NOTICE)),
    ("units-as-of", {"date": "2022-01-01"}, "change", {None}),
    ("units-as-of", {"date": "2024-01-01"}, AS_OF, AtLeast(AFTER_THE_REFORM)),
    ("units-as-of", {"date": "2024-01-01"}, "unit", 63),
    ("units-as-of", {"date": "2023-03-10"}, AS_OF, AtLeast(AFTER_THE_REFORM)),  # from the day of the decision
    ("units-as-of", {"date": "2023-03-09"}, AS_OF, AtLeast(AS_OF_THE_NOTICE)),
    ("units-as-of", {"date": "2020-01-01"}, AS_OF, AtLeast(AS_OF_THE_NOTICE)),  # before the notice: as of it
    (
        "units-as-of",
        {"date": "2024-01-01", "lang": "en"},
        ("unit", "organizationLabel", "categoryLabel"),
        AtLeast(
            {
                (
                    "unit/cbirc",
                    "National Administration of Financial Regulation",
                    "Agency directly under the State Council",
                ),
                (
                    "unit/nrra",
                    "Ministry of Agriculture and Rural Affairs",
                    "Constituent department of the State Council",
                ),
            }
        ),
    ),
]
