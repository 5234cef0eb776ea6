"""/sparql keeps a cached answer's gzipped bytes (sent again as they are, not gzipped per hit), and gives a
weak ETag to an answer with blank nodes, whose labels another run writes otherwise; a strong one to others."""

import gzip
import http.client
from urllib.parse import urlencode, urlsplit

from webui import create_app
from webui.state import of

UNITS = "PREFIX dk: <https://w3id.org/duikou/def#>\nSELECT ?unit WHERE { ?unit a dk:SupportingUnit }"
BLANK = "SELECT ?b ?n WHERE { VALUES ?n { 1 2 3 } BIND(BNODE() AS ?b) }"
CONSTRUCT_BLANK = (
    "PREFIX dk: <https://w3id.org/duikou/def#>\n"
    "CONSTRUCT { [] <http://example.org/units> ?unit } WHERE { ?unit a dk:SupportingUnit }"
)


def fetch(base: str, query: str, **headers: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One GET of /sparql over real HTTP: status, headers and the body's bytes as sent."""
    host = urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.request("GET", "/sparql?" + urlencode({"query": query, "format": "json"}), headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.headers, body


def test_a_cached_answer_is_sent_gzipped_as_kept(live_server):
    plain = fetch(live_server, UNITS, **{"Accept-Encoding": "identity"})
    first = fetch(live_server, UNITS, **{"Accept-Encoding": "gzip"})
    again = fetch(live_server, UNITS, **{"Accept-Encoding": "gzip"})
    for status, headers, _ in (first, again):
        assert (
            status == 200 and headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
        )
    assert again[2] == first[2] and gzip.decompress(first[2]) == plain[2]
    assert plain[1].get("Content-Encoding") is None
    assert int(first[1]["Content-Length"]) == len(first[2]) < len(plain[2])


def test_the_cache_holds_the_gzipped_bytes(served_dist):
    app = create_app({"DIST": served_dist})
    sent = app.test_client().get(
        "/sparql", query_string={"query": UNITS, "format": "json"}, headers={"Accept-Encoding": "gzip"}
    )
    [(written, gzipped)] = [value for value, _ in of(app).answers.entries.values()]
    assert sent.get_data() == gzipped and gzip.decompress(gzipped) == written.body


def test_an_answer_with_blank_nodes_has_a_weak_etag(live_server):
    for query in (BLANK, CONSTRUCT_BLANK):
        status, headers, _ = fetch(live_server, query)
        assert status == 200 and headers["ETag"].startswith('W/"'), query
        again = fetch(live_server, query, **{"If-None-Match": headers["ETag"]})
        assert again[0] == 304 and again[1]["ETag"] == headers["ETag"]


def test_an_answer_without_blank_nodes_has_a_strong_etag(live_server):
    status, headers, _ = fetch(live_server, UNITS)
    assert status == 200 and headers["ETag"].startswith('"')
    assert fetch(live_server, UNITS, **{"If-None-Match": headers["ETag"]})[0] == 304
