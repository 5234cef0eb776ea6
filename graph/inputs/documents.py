"""Read every document the manifest lists, each with its reader, into the records the build joins."""

from collections.abc import Callable
from pathlib import Path

from graph.inputs import notice
from graph.inputs.manifest import SourceDocument, load_manifest
from graph.inputs.notice import Notice
from graph.paths import MANIFEST

# by the name a manifest row gives in its `reader` column (graph/inputs/manifest.py checks the names)
READERS: dict[str, Callable[[SourceDocument], Notice]] = {"notice": notice.read}


def read_documents(manifest: Path = MANIFEST) -> tuple[Notice, ...]:
    """Every document of the manifest, parsed by its reader, in the manifest's order (the primary first)."""
    return tuple(READERS[document.reader](document) for document in load_manifest(manifest))
