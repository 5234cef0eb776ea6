"""The notice's faster text path gives what the plain one gave: names per line, and the same cuts."""

import pytest
from flask import g

from webui import create_app, data, urls
from webui.pages.notice import mentions
from webui.pages.noticetext import QUOTE, cut, segments

NOTICE = "https://w3id.org/duikou/id/document/guobanfa-2021-15"


def plain_segments(text, names):
    """The cut as first written: every occurrence, then each one whose characters are all still free."""
    found = []
    for name, href, label, prop in names:
        if len(name) >= 2 and href:
            start = text.find(name)
            while start >= 0:
                found.append((prop == QUOTE, -len(name), start, start + len(name), href, label))
                start = text.find(name, start + 1)
    taken, chosen = set(), []
    for *_, start, end, href, label in sorted(found):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            chosen.append((start, end, href, label))
    return cut(
        text, chosen
    )  # turning the chosen spans into pieces is unchanged: the choice is what is checked


@pytest.fixture(scope="module")
def app(built_dist):
    return create_app({"DIST": built_dist})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_mentions_are_the_answer_row_by_row(app, lang):
    """One tuple per row of notice-mentions, grouped by line, with each entity's own href."""
    with app.test_request_context(f"/notice?lang={lang}"):
        app.preprocess_request()
        expected = {}
        for row in data.rows("notice-mentions", notice=NOTICE):
            expected.setdefault(int(row["lineNumber"]), []).append(
                (str(row["name"]), urls.href(row["entity"]), str(row.get("label", "")), str(row["property"]))
            )
        found = mentions(NOTICE)
        assert g.lang == lang
    assert dict(found) == expected and len(expected) > 50


def test_segments_of_every_line_are_the_plain_cut(app):
    with app.test_request_context("/notice?lang=en"):
        app.preprocess_request()
        names = mentions(NOTICE)
        lines = {int(row["lineNumber"]): str(row["text"]) for row in data.rows("notice-lines", notice=NOTICE)}
    linked = 0
    for number, text in lines.items():
        pieces = segments(text, names[number])
        assert pieces == plain_segments(text, names[number]), number
        linked += sum(1 for piece in pieces if piece["href"])
    assert linked > 100


@pytest.mark.parametrize(
    "text, names",
    [
        # the same name twice (two properties), and twice in the text
        ("瑞金市和瑞金市", [("瑞金市", "/a", "", "skos:prefLabel"), ("瑞金市", "/a", "", "rdfs:label")]),
        # overlapping names of equal length: the first in the text wins
        ("甲乙丙丁", [("乙丙", "/b", "", "p"), ("甲乙", "/a", "", "p"), ("丙丁", "/c", "", "p")]),
        # names that touch but do not overlap, whichever is chosen first
        ("甲乙丙丁", [("甲乙", "/a", "", QUOTE), ("丙丁", "/c", "", "p")]),
        ("甲乙丙丁", [("甲乙", "/a", "", "p"), ("丙丁", "/c", "", QUOTE)]),
        # a quote loses to an official name it overlaps, even a shorter one
        (
            "（含赣州经济技术开发区）",
            [("（含赣州经济技术开发区）", "/q", "", QUOTE), ("赣州", "/g", "", "p")],
        ),
        # a name inside a longer one, a one-character name, a name without a link, and no names
        (
            "国务院办公厅",
            [
                ("国务院", "/s", "", "p"),
                ("国务院办公厅", "/o", "L", "p"),
                ("国", "/x", "", "p"),
                ("办公厅", None, "", "p"),
            ],
        ),
        ("没有名称", []),
        ("", [("甲乙", "/a", "", "p")]),
    ],
)
def test_segments_edge_cases_are_the_plain_cut(text, names):
    assert segments(text, names) == plain_segments(text, names)
