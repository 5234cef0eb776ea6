"""A small element tree of an HTML page (stdlib html.parser), to assert on structure, not substrings."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    """One element: its tag, attributes, children (elements and text) and parent."""

    def __init__(self, tag: str, attrs: dict, parent: "Element | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def iter(self):
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Element"]:
        """Elements below (and including) this one with `tag` and these attribute values (True: present;
        `class_` also matches one class among several)."""
        return [
            element
            for element in self.iter()
            if (not tag or element.tag == tag)
            and all(element.has(name.rstrip("_").replace("_", "-"), value) for name, value in attrs.items())
        ]

    def has(self, name: str, value) -> bool:
        """True when attribute `name` is `value` (True: is present; a class: is one of the classes)."""
        have = self.attrs.get(name)
        if value is True:
            return have is not None
        return have == value or (name == "class" and have is not None and value in have.split())

    def find(self, tag: str | None = None, **attrs) -> "Element":
        """The first matching element; fails the test if there is none."""
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'}> with {attrs} in {self!r}"
        return found[0]

    def by_id(self, ident: str) -> "Element":
        return self.find(id=ident)

    def text(self) -> str:
        """All the text inside, as written (entities decoded)."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        """The text with runs of white space made single spaces."""
        return " ".join(self.text().split())

    def ancestors(self):
        """The elements this one is inside, nearest first."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: ("" if v is None else v) for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"</{tag}> closes no open element"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    """The page as an element tree; an end tag that closes nothing fails the test."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


def textarea_value(element: Element) -> str:
    """A textarea's value: its text less the one newline a browser drops right after the start tag."""
    text = element.text()
    return text[1:] if text.startswith("\n") else text
