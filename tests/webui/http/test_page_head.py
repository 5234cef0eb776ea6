"""Every page's <head>: a meta description of its own in the reader's language, and the site's icon."""

import pytest

from helpers.html_tree import parse_html

PAGES = [
    "/",
    "/notice",
    "/browse",
    "/search?q=瑞金",
    "/page/division/360781",
    "/page/division/360700",
    "/page/unit/mof",
    "/page/assignment/guobanfa-2021-15/mof",
    "/page/document/guobanfa-2021-15/line/26",
    "/page/concept/unit-category/central-enterprise",
    "/graph/guobanfa-2021-15",
    "/dataset",
    "/def",
    "/validation",
    "/links",
    "/query",
    "/queries",
    "/queries/units-of-county",
    "/sparql",
    "/no/such/page",
]


def head(client, path, lang):
    response = client.get(path, headers={"Accept": "text/html", "Accept-Language": lang})
    return parse_html(response.get_data(as_text=True)).find("head")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_kind_describes_itself(client, lang):
    found = {path: head(client, path, lang).find("meta", name="description").get("content") for path in PAGES}
    assert all(text.strip() and "\n" not in text for text in found.values()), found
    assert len(set(found.values())) == len(PAGES), "each page kind says something of its own"


def test_descriptions_are_in_the_readers_language(client):
    for path in PAGES:
        zh, en = (
            head(client, path, lang).find("meta", name="description").get("content") for lang in ("zh", "en")
        )
        assert zh != en, path


@pytest.mark.parametrize(
    "path, lang, expected",
    [
        ("/page/division/360781", "zh", ("瑞金市", "受援县", "财政部", "新华通讯社")),
        ("/page/division/360781", "en", ("Ruijin City", "recipient county", "Ministry of Finance")),
        ("/page/unit/mof", "en", ("Ministry of Finance", "supports: Ruijin City")),
    ],
)
def test_an_entity_is_described_by_its_names_kind_and_key_fact(client, path, lang, expected):
    text = head(client, path, lang).find("meta", name="description").get("content")
    assert all(part in text for part in expected), text


def test_every_page_links_the_icon(client):
    for path in PAGES:
        assert head(client, path, "zh").find("link", rel="icon").get("type") == "image/svg+xml"
