"""Refusals the web process decides before a query is queued: an update, a SERVICE, a text too long to
check, a syntax error.

A client whose queries were slow waits for a general query process; its update, SERVICE or malformed
query used to wait with them, only to be refused (or to time out in the queue). So these are decided at
once. The first three need no parser: they are read from the text with its escapes expanded and its
comments, strings and IRIs blanked (as graph.service.check's `plain` reads it): a request whose first
word after the prologue starts an update is one (a query starts with SELECT, ASK, CONSTRUCT or
DESCRIBE); a SERVICE keyword with no allow-list is refused; and a text over PLAIN_LENGTH that `plain`
does not clear would need rdflib's parser, which takes seconds on such texts, so it is refused as too
long to check. A syntax error is Oxigraph's to find, and on the embedded store a text that `plain`
clears (which the query process would hand straight to Oxigraph) is parsed here, without running it
(graph.store.syntax: some 30 µs for a small query): its error is the 400 the query process would give,
with the same message. What is not decided here is decided where it was, in the query process: the full
check (a short text that is not plain, such as one with FROM), then Oxigraph's parser; a remote store
parses its queries itself.
"""

import re

from graph.errors import QueryTooComplex, ServiceRefused, UpdateRefused
from graph.service.check import NOT_CODE, PLAIN_LENGTH, expanded, plain
from graph.store.syntax import parse_query

PROLOGUE = re.compile(r"(?:\s*(?:base|prefix\s*[^\s:]*:))*\s*")
UPDATE_WORDS = {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}
FIRST_WORD = re.compile(r"[a-z]+")
# the keyword, not a prefixed name, variable, language tag or blank node label that contains the word
SERVICE_WORD = re.compile(r"(?<![\w:?$@.-])service(?![\w:-])")


def triage(text: str, allowlist=(), *, oxigraph: bool = False, base: str | None = None) -> None:
    """Raise UpdateRefused, ServiceRefused or QueryTooComplex if the text can be refused without a parser,
    and with `oxigraph` (the embedded store) QuerySyntaxError if Oxigraph cannot parse a plain text
    (its relative IRIs resolved against `base`, as the query process will)."""
    code = NOT_CODE.sub(" ", expanded(text)).lower()
    first = FIRST_WORD.match(code, PROLOGUE.match(code).end())  # type: ignore[union-attr]
    if first is not None and first.group() in UPDATE_WORDS:
        raise UpdateRefused("this endpoint is read-only: SPARQL Update is not accepted")
    if not allowlist and SERVICE_WORD.search(code):
        raise ServiceRefused("SERVICE is not allowed here: this endpoint queries only its own data")
    is_plain = plain(text)
    if len(text) > PLAIN_LENGTH and not is_plain:
        raise QueryTooComplex(
            f"the query is too long to be checked: over {PLAIN_LENGTH} characters, a query may not mention "
            "FROM, SERVICE (even in a string) or an update keyword, nor nest brackets deeper than "
            "24 levels"
        )
    if oxigraph and is_plain:
        parse_query(text, base)
