"""Helpers for the linked-data, entity-page and validation tests: an HTML tree, RDF parsing, a tampered build."""

import json
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from rdflib import Graph

RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
ID = "https://w3id.org/duikou/id/"


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None" = None
    children: list = field(default_factory=list)  # Elements and strings

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Element"]:
        """Descendants (and self) with this tag and attributes (`class_` matches one class among several)."""
        found = []
        for element in self.iter():
            if tag and element.tag != tag:
                continue
            ok = True
            for name, value in attrs.items():
                name = name.rstrip("_").replace("_", "-")
                have = element.attrs.get(name)
                if name == "class":
                    ok = ok and have is not None and value in have.split()
                else:
                    ok = ok and have == value
            if ok:
                found.append(element)
        return found

    def find(self, tag: str | None = None, **attrs) -> "Element | None":
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is None:
            raise AssertionError(f"</{tag}> closes no open element")
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    """The page as a tree; an end tag that closes nothing fails the test."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


def json_ld(tree: Element) -> list[dict]:
    """Every embedded JSON-LD block, parsed."""
    return [json.loads(s.text()) for s in tree.find_all("script", type="application/ld+json")]


def parse_rdf(response) -> Graph:
    """An RDF response body parsed back by its Content-Type."""
    kind = response.mimetype
    return Graph().parse(data=response.get_data(), format=RDF_FORMATS[kind])


TAMPERED = [
    f"<{ID}unit/xss-test> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/duikou/def#SupportingUnit> .",
    f'<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#prefLabel> "<script>alert(1)</script>"@en .',
    f'<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#prefLabel> "<b>粗体</b>"@zh .',
    f'<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#altLabel> "<img src=x onerror=alert(3)>" .',
    f"<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#exactMatch> <javascript:alert(2)> .",
    f"<{ID}unit/xss-test> <http://www.w3.org/2004/02/skos/core#exactMatch> <http://www.wikidata.org/entity/Q42> .",
    f"<{ID}unit/xss-test> <https://w3id.org/duikou/def#supports> <{ID}division/360781> .",
]


def tampered_dist(base: Path, built: Path) -> Path:
    """A copy of the build with a unit whose names carry markup and a javascript: "exact match" (made once
    per session at a fixed place, so that every module shares its one SHACL report)."""
    target = base / "tampered-dist"
    if not (target / "duikou.nt").is_file():
        shutil.copytree(built, target, dirs_exist_ok=True)
        with open(target / "duikou.nt", "a", encoding="utf-8") as data:
            data.write("\n".join(TAMPERED) + "\n")
    return target
