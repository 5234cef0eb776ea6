"""Parse RDF that comes from outside without letting it reach out, expand entities or eat the machine.

Checked before parsing: the size (at most `max_bytes`); RDF/XML (and TriX) may not declare a DOCTYPE or
ENTITY (entity expansion — "billion laughs" — and external entities, XXE) and must be in an
ASCII-compatible encoding, so that the check sees what the parser will; JSON-LD may not name a remote
context (`"@context": "http://…"`, in a list, or `@import`), which rdflib would fetch. Then the parse
itself runs in a forked child (graph.service.sandbox) that can open no file or socket, with a time and memory
limit: whatever a format or a parser bug might try to fetch or expand, it cannot. rdflib never follows
`owl:imports` by itself; nothing here does either.
"""

import json
import re
from pathlib import Path

from rdflib import Graph
from rdflib.util import guess_format

from graph.errors import ChildCrashed, QueryTimeout, UnsafeInput
from graph.service.sandbox import forbid_new_files, limit_memory, run_with_time_limit

MAX_BYTES = 64 * 2**20
PARSE_SECONDS = 300
PARSE_MEMORY_MB = 4096
FORMATS = {"turtle", "ttl", "nt", "nt11", "ntriples", "n3", "xml", "json-ld", "trig", "nquads", "trix"}
XML_FORMATS = {"xml", "trix"}
DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
NOT_ASCII_COMPATIBLE = (b"\xfe\xff", b"\xff\xfe", b"\x00", b"\x4c\x6f\xa7\x94")  # UTF-16/32 BOMs, EBCDIC
ASCII_COMPATIBLE = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}
SAMPLES = {
    "xml": b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
    "trix": b'<TriX xmlns="http://www.w3.org/2004/03/trix/trix-1/"/>',
    "json-ld": b'{"@id": "urn:x:a", "urn:x:b": "c"}',
}


def parse_rdf(
    source: Path | str | bytes,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
    seconds: float = PARSE_SECONDS,
) -> Graph:
    """The graph in `source` (a path or the bytes themselves), or UnsafeInput, or the parser's error."""
    name = "the input" if isinstance(source, bytes) else str(source)
    data = source if isinstance(source, bytes) else read_capped(Path(source), max_bytes)
    if len(data) > max_bytes:
        raise UnsafeInput(f"{name} is {len(data)} bytes, more than the {max_bytes} bytes accepted")
    fmt = format or (None if isinstance(source, bytes) else guess_format(str(source))) or _sniff(data)
    if fmt not in FORMATS:
        accepted = ", ".join(sorted(FORMATS))
        raise UnsafeInput(f"{name}: the format {fmt!r} is not accepted; use one of {accepted}")
    check(data, fmt, name)
    base = None if isinstance(source, bytes) else Path(source).absolute().as_uri()
    Graph().parse(data=SAMPLES.get(fmt, b""), format=fmt)  # imports the parser here, not in the child
    try:
        return run_with_time_limit(_confined_parse, (data, fmt, base), seconds)
    except QueryTimeout:
        raise UnsafeInput(f"{name}: parsing took longer than {seconds:g} s and was stopped") from None
    except ChildCrashed:
        raise UnsafeInput(f"{name}: parsing needed more than {PARSE_MEMORY_MB} MB and was stopped") from None


def read_capped(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of `path`, or UnsafeInput when it is larger than `max_bytes`."""
    size = path.stat().st_size
    if size > max_bytes:
        raise UnsafeInput(f"{path} is {size} bytes, more than the {max_bytes} bytes accepted")
    with path.open("rb") as stream:
        return stream.read(max_bytes + 1)


def _sniff(data: bytes) -> str:
    start = data.lstrip()[:1]
    return "xml" if start == b"<" else "json-ld" if start in (b"{", b"[") else "turtle"


def check(data: bytes, fmt: str, name: str = "the input") -> None:
    """Refuse what could make the parser fetch, read or expand anything (UnsafeInput)."""
    if fmt in XML_FORMATS:
        if data.startswith(NOT_ASCII_COMPATIBLE) or b"\x00" in data[:1024]:
            raise UnsafeInput(f"{name}: only UTF-8 (or ASCII-compatible) XML is accepted")
        declared = ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
        encoding = declared.group(1).decode() if declared else "utf-8"
        if encoding.lower() not in ASCII_COMPATIBLE:
            raise UnsafeInput(f"{name}: the XML encoding {encoding!r} is not accepted; use UTF-8")
        if DECLARATION.search(data):
            raise UnsafeInput(
                f"{name}: XML with a DOCTYPE or ENTITY declaration is refused (entity "
                "expansion and external entities are not allowed)"
            )
    if fmt == "json-ld":
        try:
            document = json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            raise UnsafeInput(f"{name}: not JSON: {error}") from None
        remote = _remote_contexts(document)
        if remote:
            raise UnsafeInput(
                f"{name}: remote JSON-LD contexts are not fetched ({', '.join(remote[:3])}); "
                "put the context in the document"
            )


def _remote_contexts(node) -> list[str]:
    """Every context given by IRI anywhere in a JSON-LD document, and every @import."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@import":
                found.append(str(value))
            if key == "@context":
                found += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
            found += _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            found += _remote_contexts(item)
    return found


def _confined_parse(data: bytes, fmt: str, base: str | None) -> Graph:
    """In the child: no new file or socket, bounded memory, then rdflib's parser."""
    limit_memory(PARSE_MEMORY_MB)
    forbid_new_files()
    return Graph().parse(data=data, format=fmt, publicID=base)
