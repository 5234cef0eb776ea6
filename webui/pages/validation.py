"""The SHACL report of the served graph at /validation, and the conformance mark on entity pages.

Validating takes seconds, so it is done once per process, never per request: the /validation page
validates the build in DIST (the union of `duikou.nq`'s graphs against `ontology/shapes.ttl`, with
graph.build.validate) the first time it is asked for and keeps the summary, keyed by the file's identity. If
the build ever writes the report itself as `DIST/validation.ttl` (the sh:ValidationReport graph), that file
is read instead.

Entity pages do not wait for that: the shapes that apply come from the entity's classes and properties
and the shapes' targets; the number of results comes from the build itself when `duikou.nq` is byte for
byte the file `build.json` describes (its `validation.ttl`; `duikou build` writes DIST only when the graph
conforms, so that is 0), else from the report, made then if need be. Which one it is never depends on
what else the process has served, so every web worker renders the same page. Without a built graph in
DIST (a remote store alone) the report is unavailable, and the page says so.
"""

from collections import Counter
from functools import lru_cache
from pathlib import Path
from threading import Lock

from flask import Blueprint, render_template, request
from rdflib import Graph
from rdflib.namespace import SH

from graph.build.validate import load_shapes, validate
from graph.dist import DATA, REPORT, Build
from graph.errors import NoBuild
from graph.namespaces import compact
from graph.store.quads import read_union
from webui import data
from webui.pages.validation_summary import TARGETS, Summary, owners, summarise
from webui.state import current

bp = Blueprint("validation", __name__)
_REPORTS: dict[tuple, Summary] = {}  # by data file identity: shared by every app serving the same file
_LOCK = Lock()


def _key() -> tuple | None:
    """The identity of the build's data file (path, time, size), or None when DIST has none: as the app
    first saw it (webui.state), since that is the data it serves."""
    return current().data_identity


def report() -> Summary | None:
    """The summary of the SHACL report of the build in DIST (made once per process), or None."""
    key = _key()
    return None if key is None else _report_of(key)


def _report_of(key: tuple) -> Summary:
    """The summary of the report of the data file `key` names, made once per process."""
    with _LOCK:
        if key not in _REPORTS:
            data_file = Path(key[0])
            data = read_union(data_file)
            report_file = data_file.with_name(REPORT)
            # the build's report describes the build's data only: a changed duikou.nq is validated afresh
            if report_file.is_file() and _build_conforms(key):
                found, source = Graph().parse(report_file, format="turtle"), "validation.ttl"
            else:
                found, source = validate(data).graph, "computed"
            _REPORTS[key] = summarise(data, load_shapes(), found, source)
        return _REPORTS[key]


@lru_cache(maxsize=8)
def _build_conforms(key: tuple) -> bool:
    """True when the data file is the one build.json names (the build validated it before writing)."""
    try:
        return Build.open(Path(key[0]).parent).is_built(DATA)
    except NoBuild:
        return False


@lru_cache(maxsize=4)
def _targets(shapes: Graph) -> list[tuple[str, set[str], set[str], set[str], set[str]]]:
    """(name, classes, subjects-of, objects-of, nodes) of each node shape with targets."""
    found = []
    for node in sorted(set(owners(shapes).values()), key=str):
        classes, subjects, objects, nodes = ({str(o) for o in shapes.objects(node, kind)} for kind in TARGETS)
        if classes or subjects or objects or nodes:
            found.append((str(node).rsplit("#", 1)[-1], classes, subjects, objects, nodes))
    return found


@lru_cache(maxsize=8)
def _build_results(key: tuple) -> Counter | None:
    """Results per focus node of the build's own report (`validation.ttl` beside the data, none if it
    has not written one) when the data is the build's; None when it is not."""
    if not _build_conforms(key):
        return None
    report_file = Path(key[0]).with_name(REPORT)
    if not report_file.is_file():
        return Counter()
    return Counter(
        str(node) for node in Graph().parse(report_file, format="turtle").objects(None, SH.focusNode)
    )


def check_build(app) -> None:
    """Check the build's data against build.json (and read its report and the shapes) once, as the app
    is made: not on a visitor's first entity page (hashing the data and parsing the shapes take long);
    web workers forked from the app inherit the answers."""
    with app.app_context():
        key = _key()
        if key is not None:
            _build_results(key)
            _targets(load_shapes())


def mark(iri: str, types: set[str], out: set[str], incoming: set[str]) -> dict | None:
    """{"shapes": names of the node shapes targeting the entity, "results": how many name it, "source"}."""
    key = _key()
    if key is None:
        return None
    shapes = [
        name
        for name, classes, subjects, objects, nodes in _targets(load_shapes())
        if classes & types or subjects & out or objects & incoming or iri in nodes
    ]
    # from the build whether this process has made the full report or not: every web worker renders the
    # same page
    found = _build_results(key)
    if found is not None:
        return {"shapes": shapes, "results": found.get(iri, 0), "source": "build"}
    made = _report_of(key)
    return {"shapes": shapes, "results": made.by_focus.get(iri, 0), "source": made.source}


def rules_for(summary: Summary, iri: str) -> list[dict]:
    """The node shapes whose targets select `iri` (its focus nodes as the data has them, not a guess from
    its classes), each with the targets that select it and its results about it."""
    return [
        {
            "shape": shape,
            "targets": shape.targets_of(iri),
            "results": [result for result in shape.results if result.focus == iri],
        }
        for shape in summary.shapes
        if iri in shape.focus
    ]


@bp.get("/validation")
def page():
    """Conforms or not, and per node shape its targets, focus nodes, results and messages; with
    `?entity=IRI`, first the rules that check that entity, in words."""
    from webui.pages.ontology import term_labels

    summary = report()
    labels = term_labels() if summary else {}
    entity = request.args.get("entity", "")
    return render_template(
        "pages/validation.html",
        summary=summary,
        labels=labels,
        compact=compact,
        remote=not current().embedded,
        entity=entity,
        entity_label=label_of(entity) if entity and summary else "",
        rules=rules_for(summary, entity) if entity and summary else [],
    )


def label_of(iri: str) -> str:
    """The entity's name in the request's language (the `labels` query, bound to it), else its IRI."""
    found = data.rows("labels", iri=iri) if iri.startswith(("http://", "https://")) else []
    return str(found[0].get("label") or iri) if found else iri
