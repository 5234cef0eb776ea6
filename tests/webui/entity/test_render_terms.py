"""The template globals that write RDF terms and bilingual names (webui.entity.page.term,
webui.http.i18n.both): the HTML the Jinja macros they replace wrote, markup in the data escaped, only safe
IRIs as links."""

import pytest
from flask import g, render_template_string
from rdflib import BNode, Literal, URIRef

from webui.entity.page import Value, term
from webui.http.i18n import both

ID = "https://w3id.org/duikou/id/"


@pytest.fixture
def request_context(app):
    with app.test_request_context("/"):
        app.preprocess_request()
        yield


@pytest.mark.parametrize(
    "value, label, html",
    [
        (URIRef(ID + "unit/mof"), "财政部", '<a href="/page/unit/mof">财政部</a>'),
        (URIRef(ID + "unit/mof"), None, f'<a href="/page/unit/mof">{ID}unit/mof</a>'),
        (URIRef(ID + "unit/mof"), "", f'<a href="/page/unit/mof">{ID}unit/mof</a>'),
        (URIRef("https://w3id.org/duikou/def#inCity"), "所属地级市", '<a href="/def#inCity">所属地级市</a>'),
        (
            URIRef("http://www.wikidata.org/entity/Q1"),
            "Q1",
            '<a href="http://www.wikidata.org/entity/Q1">Q1</a>',
        ),
        (
            URIRef("http://example.org/?a=1&b=2"),
            None,
            '<a href="http://example.org/?a=1&amp;b=2">http://example.org/?a=1&amp;b=2</a>',
        ),
        (URIRef("javascript:alert(1)"), "x", '<span class="iri">x</span>'),
        (URIRef("urn:x"), '<b>"x"</b>', '<span class="iri">&lt;b&gt;&#34;x&#34;&lt;/b&gt;</span>'),
        (Literal("瑞金市", lang="zh"), None, '<span class="literal" lang="zh">瑞金市</span>'),
        (Literal("360781"), "ignored", '<span class="literal">360781</span>'),
        (Literal("<script>x</script>"), None, '<span class="literal">&lt;script&gt;x&lt;/script&gt;</span>'),
        (Literal(18), None, '<span class="literal">18</span>'),
        (BNode("b0"), None, '<span class="bnode">b0</span>'),
        (None, "x", ""),
    ],
)
def test_a_term_is_written_as_the_macro_wrote_it(request_context, value, label, html):
    assert term(value, label) == html
    assert render_template_string("{{ term(value, label) }}", value=value, label=label) == html


def test_a_value_renders_itself_as_its_term(request_context):
    value = Value(URIRef(ID + "division/360781"), "瑞金<市>")
    assert render_template_string("{{ value }}", value=value) == term(value.term, value.label)
    assert (
        render_template_string("{{ value }}", value=value)
        == '<a href="/page/division/360781">瑞金&lt;市&gt;</a>'
    )


@pytest.mark.parametrize(
    "lang, zh, en, html",
    [
        (
            "zh",
            "财政部",
            "Ministry of Finance",
            '<span lang="zh-Hans">财政部</span> <span class="other" lang="en">Ministry of Finance</span>',
        ),
        ("zh", "财政部", "", '<span lang="zh-Hans">财政部</span>'),
        (
            "en",
            "财政部",
            "Ministry of Finance",
            '<span lang="en">Ministry of Finance</span> <span class="other" lang="zh-Hans">财政部</span>',
        ),
        (
            "en",
            "财政部",
            "",
            '<span lang="en">财政部</span> <span class="other" lang="zh-Hans">财政部</span>',
        ),
        ("en", "", "<i>x</i>", '<span lang="en">&lt;i&gt;x&lt;/i&gt;</span>'),
    ],
)
def test_a_name_in_both_languages_puts_the_page_language_first(request_context, lang, zh, en, html):
    g.lang = lang
    assert both(zh, en) == html
    assert render_template_string("{{ both(zh, en) }}", zh=zh, en=en) == html
