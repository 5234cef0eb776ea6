"""Raw HTTP against a live /sparql, for the endpoint's tests."""

import http.client
import json
from urllib.parse import urlencode, urlsplit

FORM = "application/x-www-form-urlencoded"


def exchange(base, method="GET", params=None, body=None, headers=None, path="/sparql"):
    """One raw HTTP exchange: (status, headers, body text); never raises for an error status."""
    host = urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    target = path + ("?" + urlencode(params, doseq=True) if params else "")
    if isinstance(body, dict):
        body, headers = urlencode(body, doseq=True), {"Content-Type": FORM, **(headers or {})}
    connection.request(
        method, target, body=body.encode("utf-8") if isinstance(body, str) else body, headers=headers or {}
    )
    response = connection.getresponse()
    data = response.read().decode("utf-8")
    connection.close()
    return response.status, response.headers, data


def count(base, **params):
    status, _, body = exchange(base, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **params})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
