"""What the Wikidata tests share: subjects, accepted classes, running `duikou links discover wikidata`."""

from click.testing import CliRunner

from graph.cli import main
from graph.links.linksets import DIVISION_COLUMNS, DIVISION_STATUSES, read_linkset
from graph.links.wikidata import subjects_from
from graph.paths import LINKSETS

CLASSES = ["Q327333", "Q192350", "Q270791", "Q22687"]


def run_cli(*args):
    return CliRunner().invoke(main, ["link", "wikidata", *[str(a) for a in args]])


def subjects_of(tables) -> list:
    """What the Wikidata tests reconcile: our matched divisions and every unit."""
    return subjects_from(
        tables["units"], read_linkset(LINKSETS / "divisions.csv", DIVISION_COLUMNS, DIVISION_STATUSES)
    )
