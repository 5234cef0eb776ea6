"""Where the project's inputs and outputs live, in one place so that nothing else hard-codes a path."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
MANIFEST = PACKAGE / "source" / "manifest.csv"  # the source documents: see graph/inputs/manifest.py
TABLES = PACKAGE / "tables"
REFERENCE = PACKAGE / "reference"
NBS_DIVISIONS = REFERENCE / "admin-divisions-nbs-2023"
CODE_HISTORY = REFERENCE / "admin-division-code-history" / "result.csv"
REFERENCE_README = REFERENCE / "README.md"
LINKSETS = PACKAGE / "linksets"
WIKIDATA_CACHE = ROOT / ".cache" / "wikidata"
ONTOLOGY = ROOT / "ontology" / "duikou.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
QUERIES = ROOT / "queries"
DIST = ROOT / "dist"


def relative(path: Path) -> str:
    """Name a project file relative to the checkout, as error messages show it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
