"""Work every web worker would do on its first requests, done once in the server's master before it forks.

A fresh worker's first page used to cost far more than the next ones: it read and parsed the YAML headers
of every named query, compiled the Jinja templates it needed and ran Flask's first-request paths; its
first search built the search index, and its first 404 the index its suggestions come from (in every
worker, in time and memory growing with the graph; both are now read from the build's names.json). Done
here, before gunicorn forks, every worker starts with all of it in memory (shared copy-on-write), so no
visitor pays for it, whichever worker the kernel hands their connection to.

Last, everything the master made is frozen out of the garbage collector (`gc.freeze`): a full
collection of it is a pause any request in a worker could meet, and it writes to
every object's header, copying the shared pages into each worker.
"""

import gc

from flask import Flask

from graph.store.named import catalogue
from webui import state
from webui.entity import index
from webui.entity.page import graph_labels, property_labels
from webui.http.i18n import LANGUAGES
from webui.pages import search


def warm(app: Flask) -> None:
    """Load the named queries, compile every template, (embedded store only) render the home page, build
    the search index and the 404 suggestions' index and read the properties' labels, and freeze what is
    in memory out of the collector's reach. Call it once, just before forking."""
    catalogue().all()
    catalogue().ui()
    for name in app.jinja_env.list_templates(filter_func=lambda name: name.endswith(".html")):
        app.jinja_env.get_template(name)
    if state.of(app).embedded:  # a remote store may be slow or down: its pages warm on first use
        app.test_client().get("/", headers={"Accept": "text/html"})  # so that the request path itself is warm
        with app.app_context():
            search.index()
            index.kinds()
            for lang in LANGUAGES:
                property_labels(lang)
                graph_labels(lang)
    gc.collect()
    gc.freeze()
