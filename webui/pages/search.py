"""Search and autocomplete: /search renders the ranked matches, /search/suggest answers the combobox in JSON.

The index is made once per app and ranked in Python (webui.pages.searchindex); a search costs no query.
On the embedded store it is read from the build (`names.json`, where `duikou build` wrote the names of
the `search-index` named query, folded and in pinyin); on a remote store it is made from that query's
answer. Either takes time and memory in proportion to the graph, so `duikou serve` makes it before
forking its web workers (webui.warm), which share it. The query's answer is used once, so it is not kept
in webui.data's cache beside the index made from it.
"""

import time
from threading import Lock

from flask import Blueprint, g, jsonify, render_template, request

from graph.store.named import catalogue
from webui import data, urls
from webui.http.i18n import other
from webui.pages.searchindex import MAX_QUERY, Index, Match, label, local
from webui.state import current

bp = Blueprint("search", __name__)
PAGE_LIMIT, SUGGEST_LIMIT = 50, 8
_lock = Lock()


def index() -> Index:
    """The app's search index, made on first use from the build's names or one named query."""
    state = current()
    found = state.search
    if found is None:
        with _lock:
            found = state.search
            if found is None:
                started = time.perf_counter()
                columns = data.built_names("search")
                if columns is None:
                    found = Index(catalogue().get("search-index", ui=True).run(state.store).dicts())
                else:
                    found = Index(columns=columns)
                state.search_seconds = time.perf_counter() - started
                state.search = found
    return found


def describe(match: Match) -> dict:
    """What a page or the combobox shows for one match, in the request's language."""
    lang, entity = g.get("lang", "zh"), match.entity
    type_label = entity.type_labels.get(lang) or entity.type_labels.get(other(lang)) or local(entity.type)
    return {
        "iri": entity.iri,
        "href": urls.href(entity.iri),
        "label": label(entity, lang),
        "other_label": label(entity, other(lang)),
        "type_label": type_label,
        "matched": match.name.text,
    }


def read_query() -> tuple[str, bool]:
    """The request's `q`, stripped, and whether it is too long to search."""
    query = request.args.get("q", "").strip()
    return query, len(query) > MAX_QUERY


@bp.get("/search")
def search_page():
    """The ranked matches of `q`, or an empty form; an over-long query is refused with a message."""
    query, too_long = read_query()
    results = [] if too_long or not query else [describe(m) for m in index().search(query, PAGE_LIMIT)]
    return render_template(
        "pages/search.html",
        query=query,
        too_long=too_long,
        results=results,
        max_query=MAX_QUERY,
        limit=PAGE_LIMIT,
    )


@bp.get("/search/suggest")
def suggest():
    """The best few matches of `q` as JSON for the autocomplete: [{iri, href, label, other_label, …}]."""
    query, too_long = read_query()
    matches = [] if too_long or not query else index().search(query, SUGGEST_LIMIT)
    response = jsonify([describe(m) for m in matches])
    response.headers["Cache-Control"] = "public, max-age=300"
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response
