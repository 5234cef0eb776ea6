"""Turn the notice's lines (from named queries) into a document tree: parts, sections, paragraphs, lists.

Pure Python, no Flask: each line gets a role (title, number, addressees, signature, date, status,
heading, pairing, body) from the data about the documents, and its text is cut into segments, the
names of the entities it mentions becoming links. Templates render the tree; no HTML is built here.
"""

from dataclasses import dataclass, field

from graph.namespaces import DK

QUOTE = str(DK.quote)


@dataclass
class Block:
    """A node of the document: a part or section (with children), a paragraph, or a list of lines."""

    kind: str  # "part", "section", "para" or "list"
    id: str = ""
    role: str = ""
    level: int = 0
    heading: list = field(default_factory=list)  # the heading's lines (parts and sections)
    title: str = ""  # the heading's title in the page language (parts and sections)
    lines: list = field(default_factory=list)  # the lines of a paragraph or list
    children: list = field(default_factory=list)


def segments(text: str, names: list[tuple[str, str | None, str, str]]) -> list[dict]:
    """Cut `text` at the names (name, href, label, property) it contains: official names before quotes,
    longer before shorter, never overlapping; each piece is {text, href, label}, href None for plain text."""
    return cut(text, spans(text, names))


def spans(text: str, names: list[tuple[str, str | None, str, str]]) -> list[tuple[int, int, str, str]]:
    """Where `segments` links a name: (start, end, href, label) of each occurrence it keeps, unsorted."""
    # A set: most names come twice (skos:prefLabel and rdfs:label), and a repeat could never be chosen.
    # The check below is against the few names chosen, not a set of taken positions: faster.
    found = set()
    for name, href, label, prop in names:
        if len(name) < 2 or not href:
            continue
        start = text.find(name)
        while start >= 0:
            found.add((prop == QUOTE, -len(name), start, href, label))
            start = text.find(name, start + 1)
    chosen: list[tuple[int, int, str, str]] = []
    for _, minus_length, start, href, label in sorted(found):
        end = start - minus_length
        for other in chosen:  # overlaps one chosen before it (a better one)?
            if start < other[1] and other[0] < end:
                break
        else:
            chosen.append((start, end, href, label))
    return chosen


def cut(text: str, chosen: list[tuple[int, int, str, str]]) -> list[dict]:
    """`text` in pieces {text, href, label}: the spans `chosen` (start, end, href, label) as links, the
    rest as plain text."""
    pieces, position = [], 0
    for start, end, href, label in sorted(chosen):
        if start > position:
            pieces.append({"text": text[position:start], "href": None, "label": ""})
        pieces.append({"text": text[start:end], "href": href, "label": label})
        position = end
    if position < len(text):
        pieces.append({"text": text[position:], "href": None, "label": ""})
    return pieces


def date_text(issued: str) -> str:
    """2021-04-21 as the notice writes it: 2021年4月21日."""
    year, month, day = (int(part) for part in issued.split("-"))
    return f"{year}年{month}月{day}日"


def notice_role(text: str, meta: dict) -> str:
    """The role of a line of the notice itself (not of its plan), from the notice's data."""
    if text == meta.get("identifier"):
        return "number"
    if text == meta.get("issuerZh"):
        return "signature"
    if meta.get("issued") and text == date_text(meta["issued"]):
        return "date"
    if meta.get("status") and text.strip("（）()") == meta["status"]:
        return "status"
    if text.endswith(("：", ":")):
        return "addressees"
    return "body"


def section_path(iri: str) -> str:
    """The path of a section from its IRI: …/section/2-1 → 2-1."""
    return str(iri).rsplit("/section/", 1)[-1]


def build(meta: dict, lines: list[dict], lang: str) -> Block:
    """The document tree: the notice's part, then the plan's part with its sections, in the text's order.

    `meta` holds the notice-document answer as strings; each line dict holds number, text, container,
    part, pairings, segments and, on a heading line, section, sectionLabel and sectionParent.
    """
    notice = Block("part", id="doc-notice", role="notice", title=meta.get("title", ""))
    plan = Block("part", id="doc-plan", role="plan", title=meta.get("planTitle", ""))
    titles = {id(notice): meta.get("titleZh", ""), id(plan): meta.get("planTitleZh", "")}
    nodes = {meta.get("notice"): notice, meta.get("plan"): plan}
    for line in lines:
        if line.get("section"):
            path = section_path(line["section"])
            label = line.get("sectionLabel", "") if lang != "zh" else line["text"].rstrip("。.")
            section = Block(
                "section", id=f"section-{path}", level=path.count("-") + 1, heading=[line], title=label
            )
            nodes.get(line.get("sectionParent"), plan).children.append(section)
            nodes[line["section"]] = section
            continue
        parent = nodes.get(line.get("container")) or (notice if line.get("part") == "notice" else plan)
        heading_so_far = "".join(earlier["text"] for earlier in parent.heading) + line["text"]
        if parent.kind == "part" and not parent.children and titles[id(parent)].startswith(heading_so_far):
            parent.heading.append(line)
            continue
        if parent is notice:
            role = notice_role(line["text"], meta)
        else:
            role = "pairing" if int(line.get("pairings", 0)) else "body"
        last = parent.children[-1] if parent.children else None
        if role == "pairing" and last is not None and last.kind == "list":
            last.lines.append(line)
        else:
            parent.children.append(Block("list" if role == "pairing" else "para", role=role, lines=[line]))
    return Block("document", children=[notice, plan])


def outline(block: Block) -> list[dict]:
    """The table of contents under `block`: its parts and sections with their anchors and titles."""
    entries = []
    for child in block.children:
        if child.kind in ("part", "section"):
            label = child.title or "".join(line["text"] for line in child.heading)
            entries.append({"href": "#" + child.id, "label": label, "children": outline(child)})
    return entries
