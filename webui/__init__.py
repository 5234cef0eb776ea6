"""The web app: `create_app` loads the graph once, into `app.extensions["duikou"]`, and adds the views."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from flask import Flask, current_app

from graph.service import settings
from graph.service.check import run_checked
from graph.service.job import WARM_UP
from graph.store.dataset import GRAPHS
from graph.store.embedded import EmbeddedStore
from graph.store.remote import RemoteStore


@dataclass
class Duikou:
    """What every view needs: the store (opened once) and the normalised settings."""

    store: EmbeddedStore | RemoteStore
    settings: dict = field(default_factory=dict)

    @property
    def embedded(self) -> bool:
        return isinstance(self.store, EmbeddedStore)

    @cached_property
    def graph_sizes(self) -> dict[str, int]:
        """Triples per named graph, counted once (for the service description)."""
        result = self.store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            named_graphs=[str(g) for g in GRAPHS],
        )
        return {str(g): int(n) for g, n in result.rows}


def open_store(values: dict) -> EmbeddedStore | RemoteStore:
    """The remote endpoint if ENDPOINT is set, else the embedded store over DIST (StoreError if missing)."""
    if values["ENDPOINT"]:
        return RemoteStore(values["ENDPOINT"], timeout=values["QUERY_TIMEOUT"])
    return EmbeddedStore.from_dist(values["DIST"])


def create_app(config: Mapping | None = None) -> Flask:
    """Build the app: defaults, then DUIKOU_* environment variables, then `config`; load the store once."""
    app = Flask(
        __name__, static_folder=None
    )  # webui.http.static_files serves /static/ (versioned, from memory)
    app.config.update(settings.defaults())
    app.config.from_prefixed_env("DUIKOU")
    app.config.update(config or {})
    app.config["DEBUG"] = False
    values = settings.normalised(app.config)
    app.config["MAX_CONTENT_LENGTH"] = values["MAX_BODY"]
    app.extensions["duikou"] = ext = Duikou(open_store(values), values)
    if ext.embedded:
        run_checked(ext.store, WARM_UP)

    from webui import urls
    from webui.http import errors, headers, i18n, static_files
    from webui.sparql import endpoint

    errors.init_app(app)
    static_files.init_app(app)
    headers.init_app(app)
    i18n.init_app(app)
    urls.init_app(app)
    from webui.http import caching

    caching.init_app(app)
    app.register_blueprint(endpoint.bp)
    from webui.sparql import editor, named

    app.register_blueprint(editor.bp)
    app.register_blueprint(named.bp)
    from webui.pages import browse, home, notice, search

    for blueprint in (home.bp, notice.bp, browse.bp, search.bp):
        app.register_blueprint(blueprint)
    from webui.entity import routes
    from webui.pages import dataset, ontology, validation

    for blueprint in (routes.bp, ontology.bp, dataset.bp, validation.bp):
        app.register_blueprint(blueprint)
    from webui.pages import links

    app.register_blueprint(links.bp)
    if ext.embedded:
        validation.check_build(app)
    return app


def duikou() -> Duikou:
    """The current app's store and settings."""
    return current_app.extensions["duikou"]
