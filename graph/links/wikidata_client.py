"""Ask a SPARQL service (the Wikidata Query Service by default) politely, and remember what it answered.

SPARQLWrapper with a User-Agent that names the project and where to reach it (Wikimedia's User-Agent policy
asks for one); retries with exponential backoff on 429, 5xx, timeouts and dropped connections, honouring
Retry-After; and a cache of every answer (JSON, one file per query, keyed by a hash of the endpoint and the
query text) so that a rerun asks the service nothing it has asked before.
"""

import email.utils
import hashlib
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.error import HTTPError, URLError

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed, SPARQLWrapperException

from graph.errors import ServiceError, Transient

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = (
    "duikou-link/0.1.0 (+https://w3id.org/duikou/; linked data of counterpart support, China) SPARQLWrapper/2"
)
TRANSIENT_STATUS = (429, 500, 502, 503, 504)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date; None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def today() -> str:
    return datetime.now(UTC).date().isoformat()


class CachedClient:
    """SELECT queries against one endpoint, with retries and a cache: `select` gives (bindings, retrieved)."""

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        cache: Path | None = None,
        *,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], str] = today,
    ):
        self.endpoint, self.cache, self.retries = endpoint, Path(cache) if cache else None, retries
        self.backoff, self.max_wait, self.timeout, self.sleep, self.clock = (
            backoff,
            max_wait,
            timeout,
            sleep,
            clock,
        )
        self.fetched = 0  # queries sent to the service (not answered from the cache)

    def key(self, query: str) -> str:
        return hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()

    def select(self, query: str) -> tuple[list[dict], str]:
        """The solutions of a SELECT query (SPARQL JSON bindings) and the date they were retrieved."""
        path = self.cache / f"{self.key(query)}.json" if self.cache else None
        if path is not None and path.is_file():
            entry = json.loads(path.read_text(encoding="utf-8"))
            return entry["results"]["results"]["bindings"], entry["retrieved"]
        document = self._with_retries(query)
        retrieved = self.clock()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            staging = path.with_suffix(".tmp")
            entry = {"endpoint": self.endpoint, "query": query, "retrieved": retrieved, "results": document}
            staging.write_text(
                json.dumps(entry, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
            )
            staging.replace(path)
        return document["results"]["bindings"], retrieved

    def _with_retries(self, query: str) -> dict:
        for attempt in range(self.retries + 1):
            try:
                return self._fetch(query)
            except Transient as error:
                if attempt == self.retries:
                    raise ServiceError(
                        f"{self.endpoint} did not answer after {attempt + 1} attempts (last: {error})"
                    ) from None
                wait = error.retry_after if error.retry_after is not None else self.backoff * 2**attempt
                self.sleep(min(wait, self.max_wait))
        raise AssertionError("unreachable")  # pragma: no cover

    def _fetch(self, query: str) -> dict:
        self.fetched += 1
        client = SPARQLWrapper(self.endpoint, agent=USER_AGENT)
        client.setQuery(query)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(max(1, round(self.timeout)))
        try:
            body = client.query().response.read()
        except EndPointInternalError:
            raise Transient("HTTP 500") from None
        except QueryBadFormed as error:
            raise ServiceError(f"{self.endpoint} rejected the query: {_short(error)}") from None
        except HTTPError as error:
            if error.code in TRANSIENT_STATUS:
                raise Transient(f"HTTP {error.code}", retry_after(error.headers.get("Retry-After"))) from None
            raise ServiceError(f"{self.endpoint} answered HTTP {error.code} {error.reason}") from None
        except SPARQLWrapperException as error:
            raise ServiceError(f"{self.endpoint} answered with an error: {_short(error)}") from None
        except TimeoutError:
            raise Transient(f"no answer within {self.timeout:g} s") from None
        except URLError as error:
            raise Transient(f"cannot reach it: {error.reason}") from None
        except OSError as error:  # connection reset or dropped mid-answer
            raise Transient(f"connection failed: {error}") from None
        try:
            document = json.loads(body)
            document["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise Transient("the answer is not SPARQL JSON results") from None
        return document


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:300]
