"""One exception hierarchy: every exception class of the project derives from graph.errors.DuikouError, and
all of them live in graph/errors.py but the web app's few that must also be werkzeug's HTTP exceptions."""

import importlib
import inspect
import pkgutil

import graph
import webui
from graph.errors import DuikouError

# werkzeug's exceptions become HTTP answers by themselves; these also derive from a project class
WEB_EXCEPTIONS = {
    "webui.entity.index.EntityNotFound",
    "webui.sparql.named.UnknownQuery",
    "webui.pages.browse.FacetError",
    "webui.sparql.picker.Unresolved",  # a ParameterError that carries the candidates to offer as links
}


def exception_classes() -> dict[str, type]:
    """Every exception class defined in a module of graph or webui, by its dotted name."""
    found = {}
    for package in (graph, webui):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if (
                    inspect.isclass(value)
                    and issubclass(value, BaseException)
                    and value.__module__ == info.name
                ):
                    found[f"{info.name}.{name}"] = value
    return found


def test_every_exception_derives_from_the_one_root():
    outside = [name for name, kind in exception_classes().items() if not issubclass(kind, DuikouError)]
    assert outside == []


def test_every_exception_lives_in_graph_errors_but_the_web_ones():
    elsewhere = {name for name in exception_classes() if not name.startswith("graph.errors.")}
    assert elsewhere <= WEB_EXCEPTIONS
