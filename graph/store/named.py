"""Named queries: one SPARQL file per question in `queries/`, with a `#+` YAML header that describes it.

The file stays plain SPARQL (the header is comments), its stem is its name and URL, and its parameters
are ordinary variables listed in the header. A request's strings become rdflib terms only after they
pass their declared type, and are then bound by the store, never pasted into the text.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from graph.errors import ParameterError, QueryNotFound
from graph.namespaces import ID
from graph.paths import QUERIES
from graph.store.result import Result

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$")
TYPES = ("iri", "string", "language", "integer", "code", "date", "county", "unit", "entity")
# an IRI of a county, a unit, or either (or any organisation or division): the web forms also take a code or
# a name for these and resolve it to the IRI before binding (webui.sparql.picker); here they are IRIs
IRI_TYPES = ("iri", "county", "unit", "entity")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None = None
    description: dict[str, str] = field(default_factory=dict)
    required: bool = False

    def parse(self, value: str) -> Identifier:
        """Turn a request string into a term of this parameter's type, or raise ParameterError."""
        value = value.strip()
        if self.type in IRI_TYPES:
            if value.startswith("id:"):
                value = str(ID) + value[3:]
            if not IRI.match(value):
                raise ParameterError(f"{self.name}: {value!r} is not an http(s) IRI (or id:PATH)")
            return URIRef(value)
        if self.type == "language":
            if not LANGUAGE.match(value):
                raise ParameterError(f"{self.name}: {value!r} is not a language tag such as zh or en")
            return Literal(value.lower())
        if self.type == "integer":
            if not re.fullmatch(r"-?\d{1,9}", value):
                raise ParameterError(f"{self.name}: {value!r} is not an integer")
            return Literal(int(value), datatype=XSD.integer)
        if self.type == "code":
            if not re.fullmatch(r"\d{6}", value):
                raise ParameterError(f"{self.name}: {value!r} is not a 6-digit division code")
            return Literal(value)
        if self.type == "date":
            return Literal(parse_date(self.name, value).isoformat(), datatype=XSD.date)
        return Literal(value)


def parse_date(name: str, value: str) -> datetime.date:
    """A day written YYYY-MM-DD that is on the calendar (2023-02-30 is not), or ParameterError."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ParameterError(f"{name}: {value!r} is not a calendar date written YYYY-MM-DD")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    title: dict[str, str]
    description: dict[str, str]
    parameters: tuple[Parameter, ...] = ()
    tags: tuple[str, ...] = ()
    lists: dict[str, str] = field(default_factory=dict)  # column → separator of a GROUP_CONCAT list
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # column → its title, by language
    header: dict = field(default_factory=dict, compare=False, repr=False)

    def bindings(self, values: dict[str, str] | None = None) -> dict[str, Identifier]:
        """Terms for every parameter: the given value, else its default; unknown or missing ones fail."""
        values = dict(values or {})
        known = {p.name for p in self.parameters}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ParameterError(
                f"{self.name} has no parameter {', '.join(unknown)} "
                f"(it takes: {', '.join(sorted(known)) or 'none'})"
            )
        bound = {}
        for parameter in self.parameters:
            value = values.get(parameter.name) or parameter.default
            if value is None or value == "":
                if parameter.required:
                    raise ParameterError(f"{self.name}: parameter {parameter.name} is required")
                continue
            bound[parameter.name] = parameter.parse(str(value))
        return bound

    def run(self, store, values: dict[str, str] | None = None, limit: int | None = None) -> Result:
        return sorted_lists(store.query(self.text, self.bindings(values), limit=limit), self.lists)


def sorted_lists(result: Result, lists: dict[str, str]) -> Result:
    """`result` with the items of each list column (a GROUP_CONCAT, by its separator) in sorted order:
    SPARQL leaves the order of GROUP_CONCAT to the engine, and engines differ (the header's `lists`)."""
    if not lists or result.kind != "bindings":
        return result
    columns = {result.variables.index(name): separator for name, separator in lists.items()}
    rows = [
        tuple(_sorted_items(term, columns[i]) if i in columns else term for i, term in enumerate(row))
        for row in result.rows
    ]
    return Result("bindings", variables=result.variables, rows=rows, truncated=result.truncated)


def _sorted_items(term, separator: str):
    if not isinstance(term, Literal):
        return term
    items = separator.join(sorted(str(term).split(separator)))
    return Literal(items, lang=term.language, datatype=term.datatype)


def _localised(value, where: Path, key: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value} if value else {}
    if not isinstance(value, dict) or not value:
        raise ValueError(f"{where}: header {key!r} must be text or a mapping of language to text")
    return {str(k): str(v) for k, v in value.items()}


def parse_header(text: str, path: Path) -> dict:
    """The YAML carried by the `#+` comment lines at the top of a query file."""
    lines = [
        line[2:].removeprefix(" ") if len(line) > 2 else ""
        for line in text.splitlines()
        if line.startswith("#+")
    ]
    header = yaml.safe_load("\n".join(lines)) if lines else {}
    if not isinstance(header, dict):
        raise ValueError(f"{path}: the #+ header is not a YAML mapping")
    return header


def load_query(path: Path) -> NamedQuery:
    """Read one `.rq` file; a malformed header is a ValueError naming the file."""
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, path)
    name = path.stem
    if not NAME.match(name):
        raise ValueError(f"{path}: query names are lowercase words joined by hyphens")
    parameters = []
    for pname, spec in (header.get("parameters") or {}).items():
        spec = spec or {}
        if spec.get("type", "string") not in TYPES:
            raise ValueError(f"{path}: parameter {pname} has type {spec.get('type')!r}, not one of {TYPES}")
        default = spec.get("default")
        parameters.append(
            Parameter(
                str(pname),
                spec.get("type", "string"),
                None if default is None else str(default),
                _localised(spec.get("description", ""), path, f"{pname} description"),
                bool(spec.get("required", False)),
            )
        )
    tags = header.get("tags") or []
    if not isinstance(tags, list):
        raise ValueError(f"{path}: header 'tags' must be a list")
    lists = header.get("lists") or {}
    if not isinstance(lists, dict) or not all(isinstance(v, str) and v for v in lists.values()):
        raise ValueError(f"{path}: header 'lists' must map each list column to its separator")
    columns = header.get("columns") or {}
    if not isinstance(columns, dict):
        raise ValueError(f"{path}: header 'columns' must map each column to its title in zh and en")
    return NamedQuery(
        name=name,
        path=path,
        text=text,
        title=_localised(header.get("title", name), path, "title"),
        description=_localised(header.get("description", ""), path, "description"),
        parameters=tuple(parameters),
        tags=tuple(str(t) for t in tags),
        lists={str(k): v for k, v in lists.items()},
        columns={str(k): _localised(v, path, f"{k} title") for k, v in columns.items()},
        header=header,
    )


def _read(directory: Path, pattern: str) -> dict[str, NamedQuery]:
    return {q.name: q for q in map(load_query, sorted(Path(directory).glob(pattern)))}


class Catalogue:
    """The named queries of a folder, read once: the public ones (`*.rq`), the web UI's own (`ui/`) and
    the data-quality checks (`checks/*-violation.rq`, each must return zero rows on good data)."""

    def __init__(self, directory: Path = QUERIES):
        self.directory = Path(directory)

    @cached_property
    def _public(self) -> dict[str, NamedQuery]:
        return _read(self.directory, "*.rq")

    @cached_property
    def _ui(self) -> dict[str, NamedQuery]:
        return _read(self.directory / "ui", "*.rq")

    @cached_property
    def _checks(self) -> dict[str, NamedQuery]:
        return _read(self.directory / "checks", "*-violation.rq")

    def all(self) -> dict[str, NamedQuery]:
        """Every public named query, by name."""
        return self._public

    def ui(self) -> dict[str, NamedQuery]:
        """The web UI's own queries, by name (not public: no page, no CLI name)."""
        return self._ui

    def checks(self) -> dict[str, NamedQuery]:
        """The data-quality checks, by name."""
        return self._checks

    def get(self, name: str, *, ui: bool = False) -> NamedQuery:
        """The public query `name` (with `ui`, else the web UI's own of that name), or QueryNotFound."""
        if name in self._public:
            return self._public[name]
        if ui and name in self._ui:
            return self._ui[name]
        raise QueryNotFound(f"no named query {name!r}; there are: {', '.join(sorted(self._public))}")


@lru_cache(maxsize=8)
def catalogue(directory: Path = QUERIES) -> Catalogue:
    """The catalogue of `directory`, one per folder and process."""
    return Catalogue(directory)
