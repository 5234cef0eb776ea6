"""Run the data-quality checks (`queries/checks/*-violation.rq`) on the built named graphs before publishing.

They say what a SHACL shape cannot, because a shape sees one graph and they see the named graphs: a triple in
two source graphs, a graph not described, a unit supporting a county outside a notice's graph.
"""

from graph.build.assemble import Built
from graph.store.embedded import EmbeddedStore
from graph.store.named import NamedQuery, catalogue
from graph.store.result import Result


def failed_checks(
    built: Built, nquads: bytes | None = None, store: EmbeddedStore | None = None
) -> list[tuple[NamedQuery, Result]]:
    """Each check that finds rows in the built graphs (already written as `nquads`, or loaded in `store`,
    if given), with its rows (none: the build may be published)."""
    if store is None:
        store = (
            EmbeddedStore.from_nquads(nquads)
            if nquads is not None
            else EmbeddedStore.from_graphs(built.graphs)
        )
    found = ((check, check.run(store)) for _, check in sorted(catalogue().checks().items()))
    return [(check, result) for check, result in found if result.rows]


def describe(failed: list[tuple[NamedQuery, Result]], shown: int = 5) -> str:
    """The failed checks as a reader fixes them: each one's name, title and first rows."""
    parts = []
    for check, result in failed:
        parts.append(f"{check.name} ({check.title.get('en', '')}): {len(result.rows)} row(s)")
        parts.extend(f"  {row}" for row in result.dicts()[:shown])
    return "\n".join(parts)
