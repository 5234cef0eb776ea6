"""The 404 suggestions' index: the shortlist and scorer suggest exactly what scoring every entity did."""

import random
import shutil

import pytest

from webui import create_app
from webui.entity import index
from webui.entity.index import CLOSE, candidates, near_matches, score, valid_path
from webui.state import of

NAMED = [  # misspelt paths that only a name is close to, or none
    "unit/caizhengbu",
    "unit/ministry-of-finance",
    "unit/xinhua-news",
    "unit/state-grid-corp",
    "division/ruijin",
    "division/ganzhou-shi",
    "division/3607",
    "concept/duty/evalute",
    "document/guobanfa-2021-15/line/999",
    "document/guobanfa-2021-16",
    "unit/zzzzzz",
    "zone/x",
]


def full_scan(path: str) -> list:
    """What the 404 suggested before the index: every entity of the kind scored, the best within CLOSE."""
    scored = [(score(path, entry), entry.path, entry) for entry in candidates(path.partition("/")[0])]
    ranked = sorted(scored, key=lambda found: (found[0], found[1]))
    return [described(entry) for value, _, entry in ranked if value <= CLOSE][:5]


def described(entry) -> tuple:
    return entry.path, entry.iri, tuple((str(n), n.language) for n in entry.names)


def misspelt(paths: list[str], seed: int = 17) -> list[str]:
    """A letter dropped, doubled, swapped or changed, and the path cut short or run on, in each path."""
    pick, found = random.Random(seed), []
    for path in paths:
        kind, _, rest = path.partition("/")
        at = pick.randrange(len(rest))
        letter = pick.choice("abcdefghijklmnopqrstuvwxyz0123456789-")
        for changed in (
            rest[:at] + rest[at + 1 :],
            rest[:at] + rest[at] + rest[at:],
            rest[:at] + letter + rest[at + 1 :],
            rest[: at - 1] + rest[at] + rest[at - 1] + rest[at + 1 :] if at else rest[1:],
            rest[: max(3, len(rest) - 2)],
            rest + "-x" + letter,
        ):
            if changed != rest and valid_path(f"{kind}/{changed}"):
                found.append(f"{kind}/{changed}")
    return found


@pytest.fixture(scope="module")
def asked(app) -> list[str]:
    with app.test_request_context("/"):
        real = [
            e.path for kind in ("unit", "division", "concept", "document", "zone") for e in candidates(kind)
        ]
    return NAMED + misspelt(random.Random(3).sample(real, min(len(real), 150)))


def test_the_index_suggests_what_scoring_every_entity_did(app, asked):
    with app.test_request_context("/"):
        assert index.kinds() and of(app).nearby_complete  # read from the build's names.json
        differ = [path for path in asked if [described(e) for e in near_matches(path)] != full_scan(path)]
    assert not differ
    assert len(asked) > 500


def test_a_shortlist_leaves_out_what_cannot_be_close(app):
    with app.test_request_context("/"):
        kind = index.kind_index("unit")
        assert kind is not None
        shortlist = {path for path, _, _ in kind.shortlist("ndcr")}
        assert "unit/ndrc" in shortlist and len(shortlist) < len(kind.entries)
        assert len(kind.shortlist("state-grid-corporation-of-china")) < len(kind.entries) / 4


def test_without_names_in_the_build_each_kind_is_indexed_on_its_first_404(app, asked, built_dist, tmp_path):
    bare = tmp_path / "dist"
    shutil.copytree(built_dist, bare)
    (bare / "names.json").unlink()
    other = create_app({"DIST": str(bare)})
    with app.test_request_context("/"):
        expected = {path: [described(e) for e in near_matches(path)] for path in asked[:120]}
    with other.test_request_context("/"):
        assert index.kinds() == {} and not of(other).nearby_complete
        assert {path: [described(e) for e in near_matches(path)] for path in asked[:120]} == expected
        assert "unit" in of(other).nearby
