"""The build's exceptions: each names the input file and line so the fix is one look away."""
from pathlib import Path

from graph.paths import relative


class BuildError(Exception):
    """The graph cannot be built from the inputs as they are."""


class SourceError(BuildError):
    """A row of a table, or a line of the notice, is wrong or does not match the rest."""

    def __init__(self, path: Path, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        where = relative(path) if line is None else f"{relative(path)}:{line}"
        super().__init__(f"{where}: {message}")


class ValidationFailed(BuildError):
    """The built graph does not conform to the SHACL shapes."""

    def __init__(self, report_text: str):
        self.report_text = report_text
        super().__init__("the built graph does not conform to ontology/shapes.ttl:\n" + report_text)
