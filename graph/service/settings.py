"""Every setting of the web app, its default and a one-line description, in one documented table.

Settings come from these defaults, then `DUIKOU_*` environment variables (values read as JSON when they
parse, so `DUIKOU_QUERY_TIMEOUT=5` is a number and `DUIKOU_SERVICE_ALLOWLIST='["https://…"]'` a list),
then the mapping given to `create_app`. `markdown()` renders the table for the README.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import SettingError
from graph.paths import DIST


def _text(value) -> str:
    return str(value or "").strip()


def _base(value) -> str:
    text = _text(value)
    if not text.startswith(("http://", "https://")):
        raise ValueError(text)
    return text if text.endswith("/") else text + "/"


def _address(value) -> str:
    """An http(s) address, or empty."""
    text = _text(value)
    if text and not text.startswith(("http://", "https://")):
        raise ValueError(text)
    return text


def _feedback(value) -> str:
    """An http(s) or mailto: address, or empty."""
    text = _text(value)
    if text and not text.startswith(("http://", "https://", "mailto:")):
        raise ValueError(text)
    return text


def _iris(value) -> tuple[str, ...]:
    return tuple(value.replace(",", " ").split() if isinstance(value, str) else value)


def _networks(value) -> tuple[str, ...]:
    """IP addresses or networks (`10.0.0.0/8`), checked."""
    import ipaddress

    items = _iris(value)
    for item in items:
        ipaddress.ip_network(item, strict=False)
    return items


@dataclass(frozen=True)
class Setting:
    default: object
    description: str
    convert: Callable[[Any], Any] = _text  # from what config holds (text, JSON) to the setting's type


SETTINGS = {
    "DIST": Setting(DIST, "Folder of the built graph (`duikou build --out`) the embedded store loads.", Path),
    "ENDPOINT": Setting(
        "", "URL of a remote SPARQL 1.1 endpoint to query instead; empty: the embedded store."
    ),
    "QUERY_TIMEOUT": Setting(
        10, "Seconds a query may run before it is stopped and answered with 503.", float
    ),
    "ROW_LIMIT": Setting(
        10000, "Most rows (or triples) in one answer; a longer one is cut and flagged.", int
    ),
    "MAX_BODY": Setting(
        65536, "Largest request body and query text, in bytes; more is refused with 413.", int
    ),
    "SERVICE_ALLOWLIST": Setting(
        [], "Endpoint IRIs a query may call with SERVICE; any other gets 403.", _iris
    ),
    "BASE_IRI": Setting(
        "https://w3id.org/duikou/",
        "The IRI base the graph is minted under; its id/ IRIs map onto this site's paths.",
        _base,
    ),
    "PUBLIC_URL": Setting(
        "",
        "Base URL the app is served at, for the service description and the base of a query's relative "
        "IRIs; empty: the loopback address `duikou serve` listens on (needed on any other).",
    ),
    "PUBLISHER": Setting(
        "duikou project",
        "Who publishes the dataset and its catalogue (DCAT dcterms:publisher, and the contact point's name).",
    ),
    "CONTACT_URL": Setting(
        "",
        "Address (https://…) where users reach the publisher (DCAT contact point); empty: none is given.",
        _address,
    ),
    "FEEDBACK_URL": Setting(
        "",
        "Where readers report an error (https://… or mailto:…), linked from /about; empty: /about says that "
        "none is configured and how to propose a fix in the repository.",
        _feedback,
    ),
    # -- limits of the public service (graph/pool.py, webui/budget.py, webui/caching.py) --------------
    "QUERY_WORKERS": Setting(
        0,
        "Processes that run ad-hoc queries (`duikou serve`); 0: one per core but one, at least 1. "
        "One more is kept for short queries.",
        int,
    ),
    "QUEUE_SIZE": Setting(
        16, "Ad-hoc queries that may wait for a free query process; more are refused with 503.", int
    ),
    "SHORT_QUERY_TIME": Setting(
        1,
        "Seconds a query may run on the process kept for short queries before it must wait for another one.",
        float,
    ),
    "WORKER_MEMORY_MB": Setting(
        512, "Memory (MiB) a query process may add to the loaded graph; a query needing more gets 503.", float
    ),
    "TIME_BUDGET": Setting(
        30, "Seconds of query time one client (IP and User-Agent) may use per minute; then 429.", float
    ),
    "ERROR_BUDGET": Setting(30, "Failed queries one client may send per minute; then 429.", int),
    "CLIENTS_PER_ADDRESS": Setting(
        2,
        "Clients (User-Agents) of one IP address that count apart: together they run at most this many "
        "queries at once, within this many time and error budgets; then 429.",
        int,
    ),
    "TRUSTED_PROXIES": Setting(
        [],
        "Addresses (or networks) of proxies whose X-Forwarded-For names the client; none by default.",
        _networks,
    ),
    "CACHE_MAX_AGE": Setting(
        3600, "Seconds browsers and caches may keep a successful GET answer (Cache-Control max-age).", int
    ),
}
POSITIVE = (
    "QUERY_TIMEOUT",
    "ROW_LIMIT",
    "MAX_BODY",
    "QUEUE_SIZE",
    "SHORT_QUERY_TIME",
    "WORKER_MEMORY_MB",
    "TIME_BUDGET",
    "ERROR_BUDGET",
    "CLIENTS_PER_ADDRESS",
)
NOT_NEGATIVE = ("QUERY_WORKERS", "CACHE_MAX_AGE")


def defaults() -> dict:
    """The default value of every setting."""
    return {name: setting.default for name, setting in SETTINGS.items()}


def normalised(config) -> dict:
    """The settings read from `config`, converted to their types, or SettingError naming the bad one."""
    values: dict[str, Any] = {}
    for name, setting in SETTINGS.items():
        try:
            values[name] = setting.convert(config[name])
        except (TypeError, ValueError):
            message = f"setting {name} (env DUIKOU_{name}) has a wrong value: {config[name]!r}"
            raise SettingError(message) from None
        if name in POSITIVE and values[name] <= 0:
            raise SettingError(f"setting {name} (env DUIKOU_{name}) must be positive, not {values[name]}")
        if name in NOT_NEGATIVE and values[name] < 0:
            raise SettingError(f"setting {name} (env DUIKOU_{name}) must not be negative, not {values[name]}")
    return values


def markdown() -> str:
    """The settings as a Markdown table, ready for the README."""
    lines = ["| setting (env `DUIKOU_…`) | default | what it does |", "|---|---|---|"]
    for name, setting in SETTINGS.items():
        default = "dist/" if name == "DIST" else setting.default
        lines.append(f"| `{name}` | `{default!r}` | {setting.description} |")
    return "\n".join(lines)
