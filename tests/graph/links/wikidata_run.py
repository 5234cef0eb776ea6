"""What the Wikidata tests share: the accepted classes and running `duikou link wikidata`."""

from click.testing import CliRunner

from graph.cli import main

CLASSES = ["Q327333", "Q192350", "Q270791", "Q22687"]


def run_cli(*args):
    return CliRunner().invoke(main, ["link", "wikidata", *[str(a) for a in args]])
