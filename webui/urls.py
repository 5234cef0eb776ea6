"""The site's paths, written here only: map the graph's IRIs onto them, and decide what may be a link.

IRIs are minted under BASE_IRI (https://w3id.org/duikou/) whatever host serves them; here
`…/id/unit/ndrc` becomes the local path `/page/unit/ndrc`. Only our own paths and http(s) IRIs ever
become `href`s: a `javascript:` or `data:` IRI in the data is shown as text, never as a link.
"""

import re
from urllib.parse import urlsplit

from flask import Flask, request

from webui.state import current

SAFE_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")
ID, PAGE, DATA = "/id/", "/page/", "/data/"  # an entity's IRI, its page and its RDF, + its path (`unit/ndrc`)
DEF = "/def"  # the ontology; its terms are anchors on it (`/def#County`)
ID_REST, DEF_REST = ID[1:], DEF[1:]  # the same below BASE_IRI: `id/…`, `def`
TERM_STARTS = (DEF_REST + "#", DEF_REST + "/")
GRAPH = "/graph/"  # a named graph (`/graph/def`), + its slug
SHAPES = "/shapes"  # the SHACL shapes; their IRIs are anchors on it (`/shapes#CountyShape`)
DATASET = "/dataset"  # the dataset's description; a part of it is an anchor (`/dataset#duikou-catalog`)
DOWNLOAD = "/download/"  # the build's files, + a file name (`/download/duikou.ttl`), or `graph/<slug>.nt`
VOID_WELL_KNOWN = "/.well-known/void"  # where VoID (§7.2) says to look for a description of the site's data
SPARQL = "/sparql"  # the SPARQL endpoint (webui.sparql.endpoint), which the catalogue lists
VALIDATION = "/validation"  # the SHACL report, an anchor per shape
FAVICON = "/favicon.ico"  # where browsers look for the site's icon unasked: the SVG of /static/favicon.svg
ABOUT = "/about"  # the sources, curation rules, licences, how to cite, the limits, how to report an error
# the other IRIs below BASE_IRI that name a page of this site at the same path (`graph/def` → `/graph/def`)
SAME_PATH = (GRAPH[1:], DOWNLOAD[1:], SHAPES[1:] + "#", DATASET[1:] + "#")
SAME_PATH_EXACT = (SHAPES[1:], DATASET[1:])


def base_iri() -> str:
    return current().settings["BASE_IRI"]


def entity_prefix() -> str:
    """What every entity's IRI starts with (`…/id/`), before its path."""
    return base_iri() + ID_REST


def entity_iri(path: str) -> str:
    """The IRI of the entity at `path` (`unit/ndrc`)."""
    return entity_prefix() + path


def id_path(path: str) -> str:
    """The entity's IRI as a path of this site (`/id/unit/ndrc`)."""
    return ID + path


def page_path(path: str) -> str:
    """The entity's page (`/page/unit/ndrc`)."""
    return PAGE + path


def data_path(path: str, suffix: str | None = None) -> str:
    """The entity's RDF (`/data/unit/ndrc`), in one format with `suffix` (`/data/unit/ndrc.ttl`)."""
    return f"{DATA}{path}.{suffix}" if suffix else DATA + path


def local_path(iri: str) -> str | None:
    """The site path of one of our IRIs (`/page/…` for things, `/def#…` for terms), or None."""
    base = base_iri()
    if not iri.startswith(base):
        return None
    rest = iri[len(base) :]
    if rest.startswith(ID_REST) and SAFE_PATH.match(rest[len(ID_REST) :]):
        return PAGE + rest[len(ID_REST) :]
    same = rest in SAME_PATH_EXACT or rest.startswith(SAME_PATH)
    if rest == DEF_REST or rest.startswith(TERM_STARTS) or same:
        return "/" + rest if SAFE_PATH.match(rest.partition("#")[0]) else None
    return None


def dataset_anchor(path: str) -> str:
    """Where /dataset describes the node at the entity path `path` (`dataset/duikou/class/dk-County` →
    `/dataset#duikou-class-dk-County`; the dataset itself is the page)."""
    if path == "dataset/duikou":
        return DATASET
    return f"{DATASET}#{path.removeprefix('dataset/').replace('/', '-')}"


def graph_path(slug: str, suffix: str | None = None) -> str:
    """A named graph's page or description (`/graph/def`, `/graph/def.ttl`)."""
    return f"{GRAPH}{slug}.{suffix}" if suffix else GRAPH + slug


def graph_dump_path(slug: str) -> str:
    """A named graph's statements as N-Triples (`/download/graph/def.nt`)."""
    return f"{DOWNLOAD}graph/{slug}.nt"


def public_url(path: str) -> str:
    """The absolute URL of one of our paths: PUBLIC_URL + `path` if set, else as the request reached us."""
    public = current().settings["PUBLIC_URL"]
    return (public.rstrip("/") if public else request.host_url.rstrip("/")) + path


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


def init_app(app: Flask) -> None:
    """The templates' url helpers."""
    app.jinja_env.globals.update(
        href=href, local_path=local_path, id_path=id_path, page_path=page_path, ontology_path=DEF
    )
