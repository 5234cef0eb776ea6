"""The named queries' pages: a list at /queries, and per query a page with a form for its parameters,
its text and its answer, plus the answer as JSON, XML, CSV or TSV (Turtle, N-Triples, JSON-LD, RDF/XML
for graph queries) at /queries/NAME.FORMAT?param=…, or at /queries/NAME for a client whose Accept
prefers one of those to HTML.

Named queries are trusted text: they run directly on the app's store (no sandbox) with the row cap,
their parameters typed and bound by graph.store.named, never spliced into the text. A county, unit or
entity parameter also takes a code or a name, resolved to its IRI by webui.sparql.picker.

A query's own label language is its parameter `lang`. In the page's form and links it is called
`label-lang`, since `?lang=` switches (and remembers) the site's language: choosing English labels in a
Chinese page leaves the page Chinese. Without `label-lang`, `lang` (as the downloads and scripts send it)
and then the page's language are used.
"""

import time
from difflib import get_close_matches
from typing import Any

from flask import Blueprint, Response, g, render_template, request, url_for

from graph.errors import ParameterError, QueryNotFound
from graph.store.named import NamedQuery, catalogue
from graph.store.sparql_text import values_block
from graph.store.writers import write
from webui.http import formats
from webui.http.i18n import pick
from webui.sparql import picker, results_table
from webui.sparql.results_table import DOWNLOADS, Problem
from webui.state import current

bp = Blueprint("named", __name__)
bp.context_processor(results_table.page_context)
OUTPUTS = "any(" + ",".join(DOWNLOADS["solutions"] + DOWNLOADS["graph"]) + ")"
LABEL_LANG = "label-lang"  # the page's name for a query's `lang` (not a SPARQL variable name, so no clash)


class UnknownQuery(QueryNotFound):
    """No public named query has that name: 404, for browsers a page with the nearest names."""

    html_template = "sparql/named_not_found.html"

    def __init__(self, name: str):
        self.suggestions = get_close_matches(name, list(catalogue().all()), n=5, cutoff=0.5)
        super().__init__(f"no named query {name!r}; the list is at /queries")


def find(name: str) -> NamedQuery:
    """The public named query `name`, or UnknownQuery."""
    try:
        return catalogue().get(name)
    except QueryNotFound:
        raise UnknownQuery(name) from None


def family(query: NamedQuery) -> str:
    """`graph` for CONSTRUCT and DESCRIBE queries, else `solutions`."""
    return formats.family_of(query.text)


def parameter_values(query: NamedQuery, args, reserved=("lang",)) -> dict[str, str]:
    """The request's values for `query`: its parameters and any unknown name (refused later), but not
    the page's own arguments (`reserved`, `label-lang`); `lang` is `label-lang`, else `lang`, else the
    page's language."""
    names = {p.name for p in query.parameters}
    values = {k: v for k, v in args.items() if (k in names or k not in reserved) and k != LABEL_LANG}
    if "lang" in names:
        values["lang"] = args.get(LABEL_LANG) or args.get("lang") or g.lang
    return values


def form_field(name: str) -> str:
    """The name a parameter goes by in the page's form and links (`lang` → `label-lang`)."""
    return LABEL_LANG if name == "lang" else name


def example_text(query: NamedQuery, values: dict[str, str]) -> str:
    """The query as the editor shows it: a title comment, then its text with the parameters in VALUES."""
    bound = query.bindings(picker.resolved(query.parameters, values))
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#+")).strip("\n")
    if bound:
        body = results_table.with_values(body, values_block(bound))
    title = " ".join(f"{pick(query.title)} ({url_for('named.page', name=query.name)})".split())
    return f"# {title}\n{body}\n"


def run(query: NamedQuery, values: dict[str, str]):
    """Run a named query on the app's store with the row cap: (result, seconds)."""
    values = picker.resolved(query.parameters, values)
    started = time.perf_counter()
    result = query.run(current().store, values, limit=current().settings["ROW_LIMIT"])
    return result, time.perf_counter() - started


@bp.get("/queries")
def index():
    """Every public named query: title, description, tags and parameters."""
    return render_template("sparql/queries.html", queries=list(catalogue().all().values()))


@bp.get("/queries/<name>")
def page(name: str):
    """One named query: its form, its answer for the given (or default) parameters, and its text; or, for
    a client that asks for a results (or RDF) format rather than HTML, that answer."""
    query = find(name)
    fmt = formats.choose(family(query) + "+html", request.accept_mimetypes, [])
    if fmt != "html":
        response = answer(query, fmt)
        served = url_for("named.output", name=name, fmt=fmt)
        query_string = request.query_string.decode("latin-1")
        response.headers["Content-Location"] = f"{served}?{query_string}" if query_string else served
        return response
    values = parameter_values(query, request.args)
    shown: dict[str, Any] = {"query": query, "values": values, "table": None, "problem": None}
    try:
        result, shown["elapsed"] = run(query, values)
    except picker.Unresolved as error:
        typed: dict[str, Any] = {form_field(k): v for k, v in values.items()}
        choices = tuple(
            (
                c.label(g.lang),
                url_for("named.page", name=name, **(typed | {error.parameter: picker.short(c.iri)})),
            )
            for c in error.candidates[:20]
        )
        shown["problem"] = Problem(400, error.message(g.lang), lang=g.lang, choices=choices)
    except ParameterError as error:
        shown["problem"] = Problem(400, str(error))
    else:
        shown["table"] = results_table.table(result, current().store, g.lang, query.columns)
        bound: dict[str, Any] = {"example": name, **{form_field(k): v for k, v in values.items()}}
        shown["editor"] = url_for("editor.query", **bound)  # bound in VALUES there
    given = {p.name: values.get(p.name) or p.default for p in query.parameters}
    stated: dict[str, Any] = {k: v for k, v in given.items() if v}
    shown["downloads"] = [
        (fmt, url_for("named.output", name=name, fmt=fmt, **stated)) for fmt in DOWNLOADS[family(query)]
    ]
    shown["pickers"] = {
        p.name: picker.listed(p.type, g.lang) for p in query.parameters if p.type in picker.LISTED
    }
    shown["field"] = form_field
    shown["display"] = {
        p.name: picker.display(p, values.get(p.name) or p.default or "", g.lang) for p in query.parameters
    }
    problem: Problem | None = shown["problem"]
    return render_template("sparql/named_query.html", **shown), problem.status if problem else 200


@bp.get(f"/queries/<name>.<{OUTPUTS}:fmt>")
def output(name: str, fmt: str) -> Response:
    """The answer in a SPARQL results format, or an RDF format for a graph query (406 if mixed up)."""
    query = find(name)
    return answer(query, formats.choose(family(query), request.accept_mimetypes, [fmt]))


def answer(query: NamedQuery, fmt: str) -> Response:
    """The query's answer for the request's parameters, written in `fmt` (ParameterError: 400)."""
    result, _ = run(query, parameter_values(query, request.args))
    response = Response(write(result, fmt), content_type=formats.media_type(fmt))
    if result.truncated:
        response.headers["X-Duikou-Truncated"] = "true"
        response.headers["X-Duikou-Row-Limit"] = str(current().settings["ROW_LIMIT"])
    return response
