"""The subjects the Wikidata tests reconcile: our matched divisions and every unit."""

import pytest

from graph.links.linksets import (
    DIVISION_COLUMNS,
    DIVISION_STATUSES,
    read_linkset,
)
from graph.links.wikidata import (
    subjects_from,
)
from graph.paths import LINKSETS


@pytest.fixture(scope="module")
def subjects(tables):
    return subjects_from(
        tables["units"], read_linkset(LINKSETS / "divisions.csv", DIVISION_COLUMNS, DIVISION_STATUSES)
    )
