"""Search: the index query, the ranking rules, /search and /search/suggest, and hostile input."""

import pytest

from graph.store.named import catalogue
from helpers.html_tree import parse_html
from webui import create_app
from webui.pages.search import index as search_index
from webui.pages.searchindex import MAX_QUERY, Index, fold, local
from webui.state import of

ID = "https://w3id.org/duikou/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@pytest.fixture(scope="module")
def rows(embedded_store):
    return catalogue().get("search-index", ui=True).run(embedded_store).dicts()


@pytest.fixture(scope="module")
def index(rows):
    return Index(rows)


def first(index, query: str) -> str:
    return index.search(query)[0].entity.iri.removeprefix(ID)


# -- the named query's real answer --------------------------------------------------------------------


def test_index_query_gives_names_of_every_kind(rows):
    names = {
        (
            str(r["entity"]).removeprefix(ID),
            local(r["property"]),
            str(r["name"]),
            getattr(r["name"], "language", None),
        )
        for r in rows
    }
    assert ("unit/ndrc", "acronym", "NDRC", None) in names
    assert ("unit/ndrc", "nameInNotice", "国家发展改革委", "zh") in names
    assert ("unit/ndrc", "prefLabel", "国家发展和改革委员会", "zh") in names
    assert ("division/360781", "altLabel", "Ruijin Shi", "zh-latn-pinyin") in names
    assert ("division/360781", "notation", "360781", None) in names
    assert not any(entity.startswith("document/guobanfa-2021-15/line/") for entity, *_ in names)


def test_index_query_gives_most_specific_types_with_labels(rows):
    types = {
        (str(r["entity"]).removeprefix(ID), local(r["type"]), str(r.get("typeEn")))
        for r in rows
        if "type" in r
    }
    assert ("unit/ndrc", "LeadDepartment", "lead department") in types
    assert ("division/360781", "RecipientCounty", "recipient county") in types
    assert not any(entity == "unit/ndrc" and kind == "SupportingUnit" for entity, kind, _ in types)


# -- ranking --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("发改委", "unit/ndrc"),
        ("NDRC", "unit/ndrc"),
        ("ndrc", "unit/ndrc"),
        ("fagaiwei", "unit/ndrc"),
        ("ruijin", "division/360781"),
        ("Ruijin", "division/360781"),
        ("rui jin", "division/360781"),
        ("Rui'jin", "division/360781"),
        ("瑞金", "division/360781"),
        ("360781", "division/360781"),
        ("caizhengbu", "unit/mof"),
        ("财政部", "unit/mof"),
        ("MOF", "unit/mof"),
        ("新华社", "unit/xinhua"),
        ("国家发展改革委", "unit/ndrc"),
        ("ganzhou", "division/360700"),
    ],
)
def test_queries_find_what_you_would_expect_first(index, query, expected):
    assert first(index, query) == expected


def test_a_chinese_subsequence_ranks_below_substrings():
    rows = [
        {"entity": ID + "unit/a", "property": SKOS + "prefLabel", "name": "国家发展改革委"},
        {"entity": ID + "unit/b", "property": SKOS + "prefLabel", "name": "发改委联络处"},
        {"entity": ID + "unit/c", "property": SKOS + "prefLabel", "name": "市发改委"},
        {"entity": ID + "unit/d", "property": SKOS + "prefLabel", "name": "发改委"},
    ]
    ranked = [m.entity.iri.removeprefix(ID) for m in Index(rows).search("发改委")]
    assert ranked == ["unit/d", "unit/b", "unit/c", "unit/a"]  # exact, prefix, substring, subsequence


def test_subsequences_are_for_chinese_and_whole_pinyin_syllables_only(index):
    assert not index.search("ndr c x")  # no letter-by-letter matching of Latin text
    assert not index.search("fagw")  # syllables count whole, not by initials
    assert [m.score[0] for m in index.search("发改委")] == [3]


class EveryName(Index):
    """The index without its character lists: every search looks at every name."""

    def candidates(self, folded: str) -> range:
        return range(len(self.names))


@pytest.mark.parametrize(
    "query",
    [
        "ruijin",
        "发改委",
        "caizhengbu",
        "360781",
        "fagaiwei",
        "x",
        "NDRC",
        "部",
        "2021",
        "county",
        "jx",
        "ministry of finance",
        "Ｒｕｉｊｉｎ",
        "zz9",
    ],
)
def test_looking_only_at_names_with_the_rarest_character_finds_the_same(rows, index, query):
    everything = EveryName(rows)
    found = [(m.entity.iri, m.name.text, m.score) for m in index.search(query, 50)]
    assert found == [(m.entity.iri, m.name.text, m.score) for m in everything.search(query, 50)]
    assert len(index.candidates(fold(query))) < len(index.names)


def test_fold_ignores_case_spaces_apostrophes_and_width():
    assert fold(" Rui 'Jin ") == fold("ruijin") == fold("ＲＵＩＪＩＮ") == "ruijin"


# -- the pages -----------------------------------------------------------------------------------------


def results_of(client, query: str):
    response = client.get("/search", query_string={"q": query, "lang": "zh"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    return parse_html(response.get_data(as_text=True))


def test_search_page_lists_matches_with_type_labels_and_links(client):
    page = results_of(client, "发改委")
    rows = page.find("section", class_="search-results").find("tbody").find_all("tr")
    top = rows[0]
    assert top.get("data-iri") == ID + "unit/ndrc"
    cells = top.find_all("td")
    assert cells[0].find("a").get("href") == "/page/unit/ndrc" and cells[0].words() == "国家发展和改革委员会"
    assert (cells[1].get("lang"), cells[1].words()) == ("en", "National Development and Reform Commission")
    assert cells[2].words() == "牵头部门" and cells[3].words() == "国家发展改革委"


def test_search_page_in_english(client):
    response = client.get("/search", query_string={"q": "ruijin", "lang": "en"})
    page = parse_html(response.get_data(as_text=True))
    top = page.find("section", class_="search-results").find("tbody").find("tr")
    assert top.find("a").words() == "Ruijin City" and top.find_all("td")[1].get("lang") == "zh-Hans"


def test_empty_and_overlong_queries(client):
    empty = results_of(client, "")
    assert not empty.find_all("section", class_="search-results")
    assert empty.find("input", id="search-q").get("value") == ""
    long = results_of(client, "瑞" * 500)
    assert str(MAX_QUERY) in long.find("p", class_="banner bad").words()
    assert not long.find_all("table")
    assert client.get("/search/suggest", query_string={"q": "x" * 500}).get_json() == []


@pytest.mark.parametrize(
    "query", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "瑞金' OR '1'='1"]
)
def test_hostile_queries_are_rendered_as_text(client, query):
    page = results_of(client, query)
    main = page.find("main")
    assert not main.find_all("script") and not main.find_all("img")
    assert main.find("input", id="search-q").get("value") == query
    assert query in main.find("section", class_="search-results").find("h2").text()


def test_suggest_answers_json_in_the_documented_shape(client):
    response = client.get("/search/suggest", query_string={"q": "ruijin", "lang": "en"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    found = response.get_json()
    assert 1 <= len(found) <= 8
    keys = {"iri", "href", "label", "other_label", "type_label", "matched"}
    assert all(set(item) == keys for item in found)
    assert found[0] == {
        "iri": ID + "division/360781",
        "href": "/page/division/360781",
        "label": "Ruijin City",
        "other_label": "瑞金市",
        "type_label": "recipient county",
        "matched": "Ruijin City",
    }
    assert client.get("/search/suggest?q=").get_json() == []
    mof = client.get("/search/suggest", query_string={"q": "caizhengbu"}).get_json()[0]
    assert mof["href"] == "/page/unit/mof"


def test_the_index_is_read_from_the_build_once_per_app(built_dist):
    app = create_app({"DIST": built_dist})
    store = of(app).store
    calls, real = [], store.query
    store.query = lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs)
    client = app.test_client()
    for query in ("发改委", "ndrc", "ruijin", "瑞金"):
        assert client.get("/search", query_string={"q": query}).status_code == 200
        assert client.get("/search/suggest", query_string={"q": query}).status_code == 200
    assert not calls and of(app).search_seconds < 5  # names.json: no query at all


def asked_of(index) -> list[str]:
    """Queries of every sort: each name whole, its start, a middle piece, its first and last letters."""
    asked = {"发改委", "fagaiwei", "ruijin", "caizhengbu", "x", "部", "2021", "county", "zz9", "rui jin"}
    for _, name in index.names:
        folded = name.folded
        asked |= {name.text, folded[:2], folded[1:4], folded[0] + folded[-1]}
    return sorted(q for q in asked if q.strip())


def test_the_build_s_index_answers_as_the_one_made_from_the_query(built_dist, rows):
    with create_app({"DIST": built_dist}).app_context():
        built = search_index()
    made = Index(rows)
    assert len(built) == len(made) and len(built.names) == len(made.names)
    for query in asked_of(made):
        found = [(m.entity, m.name, m.score) for m in built.search(query, 50)]
        assert found == [(m.entity, m.name, m.score) for m in made.search(query, 50)], query


def test_search_is_the_same_on_a_remote_store(remote_store, client):
    remote = create_app({"ENDPOINT": remote_store.endpoint}).test_client()
    for query in ("发改委", "ruijin", "caizhengbu", "国家"):
        here = client.get("/search/suggest", query_string={"q": query, "lang": "zh"}).get_json()
        assert remote.get("/search/suggest", query_string={"q": query, "lang": "zh"}).get_json() == here
