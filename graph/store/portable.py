"""What another engine's answer needs to read as the embedded store's, where no SPARQL can say it: the
same values, written the way Oxigraph writes them. Applied to every term a remote store answers.

- Every XSD integer type (the build's `xsd:positiveInteger` line numbers and positions, its
  `xsd:nonNegativeInteger` counts) becomes `xsd:integer`: Oxigraph keeps integers so when it loads them,
  Virtuoso keeps the type it was given. A query cannot ask Oxigraph for the type it dropped, and a
  DESCRIBE or CONSTRUCT of stored triples cannot cast at all.
- A boolean is written `true` or `false`: Virtuoso writes `1` and `0` (both valid lexical forms of
  `xsd:boolean`, not the canonical ones). A query must still say that a value is a boolean, with
  `xsd:boolean(…)`: Virtuoso types a bare comparison or EXISTS as `xsd:integer`.
"""

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Identifier

INTEGERS = frozenset(
    XSD[name]
    for name in [
        *("nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte"),
        *("nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
        "positiveInteger",
    ]
)
BOOLEANS = {"1": "true", "0": "false"}


def canonical(term: Identifier) -> Identifier:
    """`term` as the embedded store would write it (most terms: unchanged)."""
    if not isinstance(term, Literal) or term.datatype is None:
        return term
    if term.datatype in INTEGERS:
        return Literal(str(term), datatype=XSD.integer)
    if term.datatype == XSD.boolean and str(term) in BOOLEANS:
        return Literal(BOOLEANS[str(term)], datatype=XSD.boolean)
    return term
