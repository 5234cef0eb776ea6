"""Every setting of the web app, its default and a one-line description, in one documented table.

Settings come from these defaults, then `DUIKOU_*` environment variables (values read as JSON when they
parse, so `DUIKOU_QUERY_TIMEOUT=5` is a number and `DUIKOU_SERVICE_ALLOWLIST='["https://…"]'` a list),
then the mapping given to `create_app`. `markdown()` renders the table for the README.
"""
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.paths import DIST


def _text(value) -> str:
    return str(value or "").strip()


def _base(value) -> str:
    text = _text(value)
    if not text.startswith(("http://", "https://")):
        raise ValueError(text)
    return text if text.endswith("/") else text + "/"


def _iris(value) -> tuple[str, ...]:
    return tuple(value.replace(",", " ").split() if isinstance(value, str) else value)


@dataclass(frozen=True)
class Setting:
    default: object
    description: str
    convert: Callable[[object], object] = _text


SETTINGS = {
    "DIST": Setting(
        DIST, "Folder of the built graph (`duikou build --out`) the embedded store loads.", Path),
    "ENDPOINT": Setting(
        "", "URL of a remote SPARQL 1.1 endpoint to query instead; empty: the embedded store."),
    "QUERY_TIMEOUT": Setting(
        10, "Seconds a query may run before it is stopped and answered with 503.", float),
    "ROW_LIMIT": Setting(
        10000, "Most rows (or triples) in one answer; a longer one is cut and flagged.", int),
    "MAX_BODY": Setting(
        65536, "Largest request body and query text, in bytes; more is refused with 413.", int),
    "SERVICE_ALLOWLIST": Setting(
        [], "Endpoint IRIs a query may call with SERVICE; any other gets 403.", _iris),
    "BASE_IRI": Setting(
        "https://w3id.org/duikou/", "The IRI base the graph is minted under; its id/ IRIs map onto this site's paths.", _base),
    "PUBLIC_URL": Setting(
        "", "Base URL the app is served at, for the service description; empty: the request's."),
}
POSITIVE = ("QUERY_TIMEOUT", "ROW_LIMIT", "MAX_BODY")


class SettingError(ValueError):
    """A setting has a value of the wrong kind."""


def defaults() -> dict:
    """The default value of every setting."""
    return {name: setting.default for name, setting in SETTINGS.items()}


def normalised(config) -> dict:
    """The settings read from `config`, converted to their types, or SettingError naming the bad one."""
    values = {}
    for name, setting in SETTINGS.items():
        try:
            values[name] = setting.convert(config[name])
        except (TypeError, ValueError):
            message = f"setting {name} (env DUIKOU_{name}) has a wrong value: {config[name]!r}"
            raise SettingError(message) from None
        if name in POSITIVE and values[name] <= 0:
            raise SettingError(f"setting {name} (env DUIKOU_{name}) must be positive, not {values[name]}")
    return values


def markdown() -> str:
    """The settings as a Markdown table, ready for the README."""
    lines = ["| setting (env `DUIKOU_…`) | default | what it does |", "|---|---|---|"]
    for name, setting in SETTINGS.items():
        default = "dist/" if name == "DIST" else setting.default
        lines.append(f"| `{name}` | `{default!r}` | {setting.description} |")
    return "\n".join(lines)
