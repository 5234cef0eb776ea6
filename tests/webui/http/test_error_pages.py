"""Errors for browsers are pages in the site's layout and language with a way on; others keep theirs."""

import json

import pytest

from helpers.html_tree import parse_html
from webui.http.i18n import STRINGS

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# (method, path, status): an unknown path, a refused method, a format the answer does not come in, a bad
# parameter, an unknown named query (its own page), an unknown entity (its own page, with suggestions)
ERRORS = [
    ("GET", "/no/such/page", 404),
    ("POST", "/notice", 405),
    ("GET", "/queries/units-of-county.ttl", 406),
    ("GET", "/sparql?query=SELEKT", 400),
    ("GET", "/queries/no-such-query", 404),
    ("GET", "/page/unit/no-such-unit", 404),
]


def browse(client, method, path, lang, **headers):
    return client.open(path, method=method, headers={"Accept": BROWSER, "Accept-Language": lang, **headers})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("method, path, status", ERRORS)
def test_a_browser_gets_the_site_layout_in_its_language(client, method, path, status, lang):
    response = browse(client, method, path, lang)
    assert (response.status_code, response.mimetype) == (status, "text/html")
    tree = parse_html(response.get_data(as_text=True))
    assert tree.find("html").get("lang") == ("zh-Hans" if lang == "zh" else "en")
    assert tree.find("header", class_="site").find("form", role="search")
    assert tree.find("nav").find("a", href="/") and tree.find("footer", class_="site")
    assert tree.find("link", rel="stylesheet") and tree.find("meta", name="description").get("content")
    main = tree.find("main")
    assert main.find("h1").words()
    assert {a.get("href") for a in main.find_all("a")} & {"/", "/search", "/browse", "/queries"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("method, path, status", ERRORS[:4])
def test_the_generic_page_names_the_status_in_words(client, method, path, status, lang):
    tree = parse_html(browse(client, method, path, lang).get_data(as_text=True))
    heading = tree.find("main").find("h1").words()
    assert heading.startswith(STRINGS[f"error.{status}"][lang]) and str(status) in heading
    assert STRINGS[f"error.{status}.text"][lang] in tree.find("main").words()
    way_on = tree.find("section", aria_labelledby="h-way-on")
    assert way_on.find("form", action="/search").find("input", name="q")
    assert way_on.find("a", href="/").words() == STRINGS["error.home"][lang]
    assert tree.find("meta", name="robots").get("content") == "noindex"


def test_werkzeugs_stock_sentence_is_not_shown_but_a_real_reason_is(client):
    unknown = browse(client, "GET", "/no/such/page", "en").get_data(as_text=True)
    assert "requested URL was not found" not in unknown
    refused = parse_html(browse(client, "GET", "/queries/units-of-county.ttl", "en").get_data(as_text=True))
    assert "text/csv" in refused.find("pre", class_="detail").text()
    bad = parse_html(browse(client, "GET", "/sparql?query=SELEKT", "zh").get_data(as_text=True))
    assert bad.find("pre", class_="detail").get("lang") == "en"


def test_the_back_link_goes_only_to_a_page_of_this_site(client):
    ours = browse(client, "GET", "/nope", "en", Referer="http://localhost/browse")
    back = parse_html(ours.get_data(as_text=True)).find("a", rel="prev")
    assert back.get("href") == "http://localhost/browse"
    theirs = browse(client, "GET", "/nope", "en", Referer="https://elsewhere.example/")
    assert not parse_html(theirs.get_data(as_text=True)).find_all("a", rel="prev")


def test_a_refused_method_keeps_its_allow_header(client):
    response = browse(client, "POST", "/notice", "zh")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


@pytest.mark.parametrize("accept", [None, "*/*", "text/plain"])
def test_other_clients_keep_the_plain_error(client, accept):
    response = client.get("/no/such/page", headers={"Accept": accept} if accept else {})
    assert (response.status_code, response.mimetype) == (404, "text/plain")
    assert "<html" not in response.get_data(as_text=True)


def test_json_clients_keep_the_json_error(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert json.loads(response.get_data(as_text=True))["error"]["status"] == 404


def test_every_status_the_page_explains_has_words_in_both_languages():
    from webui.http.errors import EXPLAINED_STATUSES

    for key in [f"error.{s}" for s in EXPLAINED_STATUSES] + ["error.other"]:
        for suffix in ("", ".text"):
            assert STRINGS[key + suffix]["zh"] and STRINGS[key + suffix]["en"]


def test_the_favicon_answers_where_browsers_look(client):
    icon = client.get("/favicon.ico")
    assert (icon.status_code, icon.mimetype) == (200, "image/svg+xml")
    page = parse_html(client.get("/", headers={"Accept": BROWSER}).get_data(as_text=True))
    link = page.find("link", rel="icon")
    assert link.get("type") == "image/svg+xml"
    assert client.get(link.get("href")).data == icon.data
