"""The build as one library call: parse the documents of the manifest, join the tables and linksets, validate,
render the files of `dist/` and publish them.

`dist/` is replaced only when every step succeeds, in one rename (graph.build.publish); a failed build raises
a BuildError and leaves the last good build in place.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph

from graph import iris, paths
from graph.build.assemble import Built, build_sources
from graph.build.checks import describe, failed_checks
from graph.build.export import ntriples_dumps, render
from graph.build.publish import publish, seal
from graph.build.validate import Report, validate
from graph.errors import BuildError
from graph.formats import serialize
from graph.inputs.documents import read_documents
from graph.inputs.notice import Notice
from graph.inputs.tables import load_all
from graph.links.linksets import Linksets
from graph.store.embedded import EmbeddedStore


class BuildResult(NamedTuple):
    """What a successful build made: the graph, its validation report and the files now in `dist`."""

    dist: Path
    graph: Graph
    report: Report
    files: dict[str, bytes]

    @property
    def record(self) -> dict:
        """The build record (`build.json`): the content hash, the triple count and the class counts."""
        return json.loads(self.files["build.json"])


def join(
    manifest: Path = paths.MANIFEST, tables: Path = paths.TABLES, links: Linksets | None = None
) -> tuple[tuple[Notice, ...], Built]:
    """Parse every document of the manifest and join them with the tables and linksets: the documents (the
    primary first) and their graph (a named graph per source, and the union), not yet validated."""
    notices = read_documents(manifest)
    return notices, build_sources(notices, load_all(tables), linksets=links or Linksets.load())


def build(
    dist: Path = paths.DIST,
    *,
    manifest: Path = paths.MANIFEST,
    tables: Path = paths.TABLES,
    linksets: Path = paths.LINKSETS,
    step: Callable[[str], object] = lambda message: None,
) -> BuildResult:
    """Build the graph from the inputs and publish it into `dist`; `step` hears of each long step.

    A graph that does not conform to the shapes raises a BuildError whose note is the readable report."""
    step("parsing the notice, the curated tables and the linksets")
    links = Linksets.load(linksets)
    notices, built = join(manifest, tables, links)
    graph = built.union
    written = ntriples_dumps(built)  # what rudof reads and the checks load: each format written once
    step(f"validating {len(graph)} triples against ontology/shapes.ttl")
    report = validate(graph, ntriples=written["nt"])
    if not report.conforms:
        error = BuildError(
            f"the built graph does not conform to the shapes; {paths.relative(dist)}/ was left as it was"
        )
        error.add_note(report.text)
        raise error
    step("running the checks of queries/checks/ on the named graphs")
    store = EmbeddedStore.from_nquads(written["nq"])  # the checks' and the name indexes' queries
    failed = failed_checks(built, store=store)
    if failed:
        error = BuildError(
            f"the built graph fails {len(failed)} check(s); {paths.relative(dist)}/ was left as it was"
        )
        error.add_note(describe(failed))
        raise error
    step(f"writing {paths.relative(dist)}/")
    files = render(built, iris.document(notices[0].slug), links, written, store)
    # the served graph's SHACL report, so the web UI's validation page need not validate again
    files["validation.ttl"] = serialize(report.graph, "ttl", style="answer")
    files = seal(files)  # build.json records every file's digest and size
    publish(files, dist)
    return BuildResult(dist, graph, report, files)
