"""Fixtures built once per session: the parsed notice, the tables, and the built graph."""
import pytest

from graph.build import build_graph
from graph.notice import parse
from graph.tables import load_all


@pytest.fixture(scope="session")
def notice():
    return parse()


@pytest.fixture(scope="session")
def tables():
    return load_all()


@pytest.fixture(scope="session")
def built_graph(notice, tables):
    """The graph as `duikou build` makes it; tests that mutate it work on a copy."""
    return build_graph(notice, tables)

