"""The web app: `create_app` makes the app's one state object (webui.state), then adds what every answer
passes through (webui.http) and the views."""

from collections.abc import Mapping

from flask import Config, Flask

from graph.service import settings
from webui import data, http, state, urls
from webui.entity import graphs, routes
from webui.pages import about, browse, dataset, home, links, notice, ontology, search, validation
from webui.sparql import editor, endpoint, named

# in the order they have always been registered
BLUEPRINTS = (
    endpoint.bp,
    editor.bp,
    named.bp,
    home.bp,
    notice.bp,
    browse.bp,
    search.bp,
    routes.bp,
    ontology.bp,
    dataset.bp,
    validation.bp,
    links.bp,
    graphs.bp,
    about.bp,
)


def _configure(target: Config, config: Mapping | None) -> None:
    """Defaults, then DUIKOU_* environment variables, then `config`."""
    target.update(settings.defaults())
    target.from_prefixed_env("DUIKOU")
    target.update(config or {})
    target["DEBUG"] = False


def configured(config: Mapping | None = None) -> dict:
    """The settings an app made with `config` will have (SettingError naming a bad one), without making it."""
    values = Config(".")
    _configure(values, config)
    return settings.normalised(values)


def create_app(config: Mapping | None = None, verify: bool = False) -> Flask:
    """Build the app: defaults, then DUIKOU_* environment variables, then `config`; load the store once.
    `verify` (as `duikou serve` does): refuse a damaged build, naming the file, rather than serve it."""
    # no static folder: webui.http.static_files serves /static/ (versioned, from memory)
    app = Flask(__name__, static_folder=None)
    _configure(app.config, config)
    values = settings.normalised(app.config)
    app.config["MAX_CONTENT_LENGTH"] = values["MAX_BODY"]
    duikou = state.install(app, state.Duikou.open(values, verify))
    http.init_app(app)
    urls.init_app(app)
    data.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    if duikou.embedded:
        validation.check_build(app)
    return app
