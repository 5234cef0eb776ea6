"""Map the graph's IRIs onto the served site, and decide what may be rendered as a link.

IRIs are minted under BASE_IRI (https://w3id.org/duikou/) whatever host serves them; here
`…/id/unit/ndrc` becomes the local path `/page/unit/ndrc`. Only our own paths and http(s) IRIs ever
become `href`s: a `javascript:` or `data:` IRI in the data is shown as text, never as a link.
"""

import re
from urllib.parse import urlsplit

from flask import current_app

SAFE_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")


def base_iri() -> str:
    return current_app.extensions["duikou"].settings["BASE_IRI"]


def local_path(iri: str) -> str | None:
    """The site path of one of our IRIs (`/page/…` for things, `/def#…` for terms), or None."""
    base = base_iri()
    if not iri.startswith(base):
        return None
    rest = iri[len(base) :]
    if rest.startswith("id/") and SAFE_PATH.match(rest[3:]):
        return "/page/" + rest[3:]
    if rest == "def" or rest.startswith("def#") or rest.startswith("def/"):
        return "/" + rest
    return None


def iri_of(path: str) -> str:
    """The IRI of a thing from its path below /id/, /page/ or /data/ (without a format suffix)."""
    return f"{base_iri()}id/{path}"


def href(iri) -> str | None:
    """Where a link to `iri` should point: our own page, an external http(s) IRI, or None (no link)."""
    text = str(iri)
    local = local_path(text)
    if local:
        return local
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc:
        return text
    return None


def init_app(app) -> None:
    app.jinja_env.globals.update(href=href, local_path=local_path)
