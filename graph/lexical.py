"""rdflib's Turtle and JSON-LD writers, keeping each literal's own text.

Both write a number or boolean as a bare value (Turtle `1.5`, JSON `1`, `true`), which a reader turns into
that value's canonical text: `"01"^^xsd:integer` came back as `1`, a double as `1.0E0`, and in Turtle
`"1"^^xsd:boolean` as the integer `1`. An answer's literals have the text the store gave them (and keep it
as rdflib terms, graph.store.result), so these writers use the bare form only where it reads back as the
same text, and otherwise the quoted form with the datatype. Everything else is rdflib's.
"""

import io
import json

from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES, Converter
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.plugins.shared.jsonld.keys import CONTEXT, GRAPH

TURTLE_BARE = {XSD.integer, XSD.decimal, XSD.double, XSD.boolean}  # the types Turtle may write bare


def bare_in_turtle(literal: Literal) -> bool:
    """True when Turtle's bare form of `literal` reads back as the same text and datatype."""
    if literal.datatype == XSD.boolean:
        return str(literal) in ("true", "false")
    return literal._literal_n3(use_plain=True) == str(literal)


def native_in_json(literal: Literal) -> bool:
    """True when JSON-LD's native value of `literal` reads back as the same text (never for a double,
    which JSON-LD reads back as `1.0E0`)."""
    if literal.datatype == XSD.integer:
        return isinstance(literal.value, int) and str(literal.value) == str(literal)
    if literal.datatype == XSD.boolean:
        return str(literal) in ("true", "false")
    return literal.datatype == XSD.string


class LexicalTurtle(TurtleSerializer):
    """rdflib's Turtle writer, but a number or boolean is written bare only where that keeps its text."""

    def label(self, node, position):
        if isinstance(node, Literal) and node.datatype in TURTLE_BARE and not bare_in_turtle(node):
            return node._literal_n3(qname_callback=lambda datatype: self.get_pname(datatype, False))
        return super().label(node, position)


class LexicalConverter(Converter):
    """rdflib's JSON-LD converter, but a literal is written as a native JSON value only where that keeps
    its text; otherwise as `{"@value": text, "@type": datatype}`."""

    def to_raw_value(self, graph, s, o, nodemap):
        if isinstance(o, Literal) and o.datatype in PLAIN_LITERAL_TYPES and not native_in_json(o):
            return {self.context.type_key: self.context.to_symbol(o.datatype), self.context.value_key: str(o)}
        return super().to_raw_value(graph, s, o, nodemap)


def turtle(graph: Graph) -> bytes:
    """`graph` in Turtle, as rdflib writes it but for the literals above."""
    stream = io.BytesIO()
    LexicalTurtle(graph).serialize(stream, encoding="utf-8")
    return stream.getvalue()


def jsonld(graph: Graph, context: dict[str, str] | None = None) -> bytes:
    """`graph` in JSON-LD, compacted with `context` (expanded without one), as rdflib writes it (its
    `from_rdf` and layout) but for the literals above."""
    active = Context(context)
    document = LexicalConverter(active, True, False).convert(graph)
    if active.active:
        if isinstance(document, list):
            document = {active.get_key(GRAPH): document}
        document[CONTEXT] = context
    text = json.dumps(document, indent=2, separators=(",", ": "), sort_keys=True, ensure_ascii=False)
    return text.encode("utf-8")
