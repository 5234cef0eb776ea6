"""Write a query Result in the standard SPARQL 1.1 result formats (JSON, XML, CSV, TSV) or as RDF.

One writer per format, used alike by the CLI and the endpoint, so both say the same thing the same way.
The endpoint's query processes write the answer themselves (`write_wanted`) and send back only bytes.
"""

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef

from graph.formats import GRAPH_FORMATS, serialize
from graph.store.result import Result

SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def to_json(result: Result) -> bytes:
    document: dict[str, object]
    if result.kind == "boolean":
        document = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attributes = ""
    if term.language:
        attributes = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attributes = f" datatype={quoteattr(str(term.datatype))}"
    # a raw CR would reach the reader as LF (XML normalises line ends), so it goes as a character reference
    return f"<literal{attributes}>{escape(str(term), {chr(13): '&#13;'})}</literal>"


def to_xml(result: Result) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<sparql xmlns="{SPARQL_RESULTS_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.kind == "boolean":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            out += [
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            ]
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out).encode("utf-8")


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(result: Result) -> bytes:
    """SPARQL 1.1 CSV: plain values, CRLF line ends; a boolean becomes one column `boolean`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "boolean":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.variables)
        writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return buffer.getvalue().encode("utf-8")


TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv_term(term) -> str:
    """A term in Turtle syntax, a literal always as one short string with its tab, line ends, backslash and
    quote escaped, as SPARQL 1.1 TSV requires: rdflib's n3() writes a long string with raw ones, which
    break the row."""
    if term is None:
        return ""
    if not isinstance(term, Literal):
        return term.n3()
    text = '"' + str(term).translate(TSV_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype}>" if term.datatype is not None else text


def to_tsv(result: Result) -> bytes:
    """SPARQL 1.1 TSV: terms in Turtle syntax, variables with their `?`."""
    if result.kind == "boolean":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


def write(result: Result, fmt: str) -> bytes:
    """The result in `fmt`: a results format for solutions and booleans, an RDF format for graphs."""
    if result.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise ValueError(f"a graph result cannot be written as {fmt}")
        return serialize(result.as_graph(), fmt, style="answer")
    if fmt not in WRITERS:
        raise ValueError(f"a {result.kind} result cannot be written as {fmt}")
    return WRITERS[fmt](result)


@dataclass(frozen=True)
class Written:
    """A result already written in the format asked for: bytes are cheaper to send between processes and
    to keep than rdflib terms. `body` is None when no format asked for fits this kind of result."""

    kind: str  # the Result's kind: bindings, boolean or graph
    body: bytes | None
    fmt: str | None
    truncated: bool = False
    blank_nodes: bool = False  # the answer names blank nodes, whose labels another run writes otherwise


def write_wanted(result: Result, wanted: tuple[str | None, str | None]) -> Written:
    """Write `result` in the format wanted for its family: `wanted` is (for solutions, for graphs)."""
    fmt = wanted[1] if result.kind == "graph" else wanted[0]
    rows = result.graph if result.graph is not None else result.rows
    blank = any(isinstance(term, BNode) for row in rows for term in row)
    return Written(result.kind, write(result, fmt) if fmt else None, fmt, result.truncated, blank)


def to_table(result: Result, shorten=lambda term: term.n3()) -> str:
    """A plain-text table for the terminal, terms shortened by `shorten`."""
    if result.kind == "boolean":
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        return serialize(result.as_graph(), "ttl", style="answer").decode("utf-8")
    cells = [[shorten(t) if t is not None else "" for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(row[i]) for row in cells]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    footer = f"({len(result.rows)} rows{', truncated' if result.truncated else ''})"
    return "\n".join([*lines, footer])
