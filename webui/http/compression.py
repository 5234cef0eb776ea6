"""gzip for answers of text formats, when the client accepts it.

Pages, JSON, SPARQL results and RDF shrink several times under gzip, which is most of what a page costs
on a slow link. Which coding a request gets is decided from its Accept-Encoding before the view runs
(`coding`), because the strong ETag names the coding too: a gzip body and a plain one are different
representations. The level is fixed and the gzip header carries no time, so the same answer always
compresses to the same bytes.
"""

import gzip

from flask import Response, request

MIN_SIZE = 1024  # below this gzip saves less than its own header and the CPU it costs
LEVEL = 6
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/javascript",
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "application/n-triples",
    "application/n-quads",
    "application/rdf+xml",
    "application/trig",
    "application/xml",
    "image/svg+xml",
)


def coding() -> str:
    """`gzip` if this request accepts it (q > 0), else `identity`."""
    return "gzip" if request.accept_encodings["gzip"] > 0 else "identity"


def compressible(mimetype: str | None) -> bool:
    return (mimetype or "").startswith(COMPRESSIBLE)


def gzipped(body: bytes) -> bytes | None:
    """`body` gzipped as every answer is, or None when it is too small to be worth it."""
    return gzip.compress(body, compresslevel=LEVEL, mtime=0) if len(body) >= MIN_SIZE else None


def send_gzipped(response: Response, body: bytes | None) -> Response:
    """Send `body`, the answer's bytes gzipped already (kept with a cached answer), when the client accepts
    gzip; `compress` then leaves the answer as it is."""
    if body is not None and compressible(response.mimetype) and coding() == "gzip":
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
    return response


def compress(response: Response) -> Response:
    """gzip a finished answer in place when the client accepts it and it is worth it."""
    if not compressible(response.mimetype) or response.direct_passthrough or response.is_streamed:
        return response
    response.vary.add("Accept-Encoding")
    if "Content-Encoding" in response.headers or coding() != "gzip" or not 200 <= response.status_code < 300:
        return response
    body = gzipped(response.get_data())
    if body is None:
        return response
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    return response
