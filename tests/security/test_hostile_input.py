"""Build input that would make the parser expand entities, fetch a context or an import, or read too much is
refused, and nothing is fetched."""

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main

# -- build input -------------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&xxe;</ex:p></rdf:Description></rdf:RDF>
"""


def validate(path: Path):
    started = time.monotonic()
    result = CliRunner().invoke(main, ["validate", str(path)])
    return result, time.monotonic() - started


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("laughs.rdf", BILLION_LAUGHS.encode(), "DOCTYPE or ENTITY declaration is refused"),
        ("xxe.rdf", XXE.encode(), "DOCTYPE or ENTITY declaration is refused"),
        ("xxe16.rdf", XXE.encode("utf-16"), "only UTF-8"),
        (
            "ebcdic.rdf",
            b'<?xml version="1.0" encoding="cp037"?>' + XXE.split("?>", 1)[1].encode("cp037"),
            "the XML encoding 'cp037' is not accepted",
        ),
        ("trix.trix", XXE.replace("rdf:RDF", "TriX").encode(), "DOCTYPE or ENTITY declaration is refused"),
    ],
)
def test_rdf_xml_with_entities_is_refused_before_parsing(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result, seconds = validate(path)
    assert result.exit_code == 2 and seconds < 5
    assert result.output.startswith(f"error: {path}: ") and reason in result.output
    assert "root:" not in result.output


@pytest.mark.parametrize(
    "context", ["{url}", ["{url}"], {"@import": "{url}"}, [{"ex": "http://example.org/"}, "{url}"]]
)
def test_json_ld_with_a_remote_context_is_refused_and_never_fetched(tmp_path, canary, context):
    url = canary.url.replace("/sparql", "/context.jsonld")
    text = json.dumps({"@context": context, "@id": "http://example.org/a", "name": "x"}).replace("{url}", url)
    for document in (text, json.dumps({"@graph": [json.loads(text)]})):
        path = tmp_path / "remote.jsonld"
        path.write_text(document, encoding="utf-8")
        result, _ = validate(path)
        assert result.exit_code == 2 and "remote JSON-LD contexts are not fetched" in result.output
    time.sleep(0.1)
    assert canary.requests == []


def test_even_unchecked_the_parser_cannot_fetch_a_context(canary):
    """Defence in depth: the parse runs in a child that can open no socket or file."""
    from graph.service.safeparse import _confined_parse
    from graph.service.sandbox import run_with_time_limit

    document = json.dumps({"@context": canary.url, "@id": "http://example.org/a"}).encode()
    with pytest.raises(Exception) as refused:
        run_with_time_limit(_confined_parse, (document, "json-ld", None), 10)
    assert "Too many open files" in str(refused.value) or "Errno 24" in str(refused.value)
    assert canary.requests == []


def test_an_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.nt"
    with path.open("wb") as stream:
        stream.truncate(64 * 2**20 + 1)
    result, seconds = validate(path)
    assert result.exit_code == 2 and seconds < 5
    assert (
        result.output.strip()
        == f"error: {path} is {64 * 2**20 + 1} bytes, more than the {64 * 2**20} bytes accepted"
    )


def test_owl_imports_is_never_followed(tmp_path, canary):
    path = tmp_path / "imports.ttl"
    path.write_text(
        f"<http://example.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
        f"  <http://www.w3.org/2002/07/owl#imports> <{canary.url}> .\n",
        encoding="utf-8",
    )
    result, _ = validate(path)
    assert result.exit_code in (0, 1), result.output
    time.sleep(0.1)
    assert canary.requests == []
