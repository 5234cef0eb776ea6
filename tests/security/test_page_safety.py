"""The pages cannot be turned against their readers: every route sends the security headers, a hostile label
cannot break out of the embedded JSON-LD, and a bug is a plain 500 that shows nothing internal."""

import json
from html.parser import HTMLParser

import pytest

from graph.paths import ROOT
from webui import create_app
from webui.http.headers import CSP

# -- pages -------------------------------------------------------------------------------------------

HOSTILE = '国家发展改革委</script><script>alert("x")</script><!--'
NDRC = "<https://w3id.org/duikou/id/unit/ndrc> <http://www.w3.org/2004/02/skos/core#prefLabel> "


@pytest.fixture(scope="module")
def app(served_dist, tmp_path_factory):
    """An app over a copy of the build where NDRC's Chinese name is hostile markup, with its SHACL report
    given (validation.ttl) so that no page spends seconds validating."""
    dist = tmp_path_factory.mktemp("hostile") / "dist"
    dist.mkdir()
    for item in served_dist.iterdir():
        if item.is_file():
            (dist / item.name).write_bytes(item.read_bytes())
    escaped = HOSTILE.replace('"', '\\"')
    lines = [
        f'{NDRC}"{escaped}"@zh {line.rsplit(" ", 2)[1]} .'
        if line.startswith(NDRC) and '"@zh <' in line
        else line
        for line in (dist / "duikou.nq").read_text(encoding="utf-8").splitlines()
    ]
    (dist / "duikou.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (dist / "validation.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n[] a sh:ValidationReport ; sh:conforms true .\n",
        encoding="utf-8",
    )
    app = create_app({"DIST": dist})

    @app.get("/boom")
    def boom():  # a bug, for the 500 test
        raise RuntimeError(f"secret detail in {ROOT}")

    return app


def sample_url(rule) -> str:
    """A URL for a route, its variables filled with plausible values (one of an `any(…)`'s choices)."""
    values = {name: "unit/ndrc" if name == "path" else "x" for name in rule.arguments}
    for name, converter in rule._converters.items():
        if hasattr(converter, "items"):
            values[name] = sorted(converter.items)[0]
    return rule.build(values, append_unknown=False)[1]


def test_every_route_sends_the_security_headers(app):
    web = app.test_client()
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods]
    assert len(rules) > 10
    for rule in rules:
        url = sample_url(rule)
        for response in (web.get(url), web.head(url), web.post(url)):
            assert response.headers["Content-Security-Policy"] == CSP, url
            assert response.headers["X-Content-Type-Options"] == "nosniff", url
            assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert web.get("/no/such/page").headers["X-Content-Type-Options"] == "nosniff"


class Scripts(HTMLParser):
    """The <script> elements of a page: their attributes and text."""

    def __init__(self, text):
        super().__init__()
        self.scripts, self.inside = [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append({"attrs": dict(attrs), "text": ""})
            self.inside = self.scripts[-1]

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = None

    def handle_data(self, data):
        if self.inside is not None:
            self.inside["text"] += data


def test_a_label_cannot_break_out_of_the_embedded_json_ld(app):
    response = app.test_client().get("/page/unit/ndrc?lang=zh")
    assert response.status_code == 200
    scripts = Scripts(response.get_data(as_text=True)).scripts
    inline = [s for s in scripts if "src" not in s["attrs"]]
    assert inline and all(s["attrs"].get("type") == "application/ld+json" for s in inline)
    names = [name["@value"] for name in json.loads(inline[0]["text"])["name"]]
    assert HOSTILE in names
    assert not any("alert" in s["text"] for s in scripts if s["attrs"].get("type") != "application/ld+json")


def test_a_bug_is_a_500_that_shows_nothing_internal(app):
    response = app.test_client().get("/boom")
    assert response.status_code == 500 and response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert text == "internal error: the server could not answer this request\n"
