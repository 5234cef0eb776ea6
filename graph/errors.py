"""Every exception of the project, under one root, so that the CLI and the web map each kind to one answer.

Classes that were a built-in's subclass stay so (`LookupError`, `ValueError`, `RuntimeError`), and those that
carry a `retry_after` keep it for the Retry-After header.
"""

from pathlib import Path

from graph.paths import relative


class DuikouError(Exception):
    """The root: anything the project itself raises on purpose."""


# -- inputs and the build -------------------------------------------------------------------------------


class BuildError(DuikouError):
    """The graph cannot be built from the inputs as they are."""


class SourceError(BuildError):
    """A row of a table, or a line of the notice, is wrong or does not match the rest."""

    def __init__(self, path: Path, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        where = relative(path) if line is None else f"{relative(path)}:{line}"
        super().__init__(f"{where}: {message}")


class ShapesError(BuildError):
    """The shapes ask for something the validation engine cannot check as they say it."""


class DivisionNotFound(DuikouError, LookupError):
    """No division, or more than one, has that name within that parent."""


class NoBuild(DuikouError, FileNotFoundError):
    """There is no built graph where one was expected: run `duikou build` first."""


class DamagedBuild(NoBuild):
    """A build is there but cannot be served: its record is unreadable, or a file differs from what the record
    says the build wrote (truncated, emptied, changed). The message names the file."""


class PublishError(BuildError):
    """The build could not be written (no space left, a read-only or too small file system): the message names
    the file, and the last good build stays in place."""


class UnsafeInput(DuikouError, ValueError):
    """The input was refused before (or instead of) parsing; the message says why."""


# -- stores and named queries ---------------------------------------------------------------------------


class StoreError(DuikouError):
    """The store could not answer: unreachable, timed out, or refused the query. The message says which."""


class QuerySyntaxError(StoreError):
    """The query text does not parse; the message carries the parser's words and position."""


class QueryTimeout(StoreError):
    """The query ran past its time limit and was stopped."""


class QueryNotFound(DuikouError, LookupError):
    """No named query has that name."""


class ParameterError(DuikouError, ValueError):
    """A parameter value does not fit its declared type, or is unknown, or is missing."""


# -- the service: untrusted SPARQL under limits ---------------------------------------------------------


class QueryRefused(DuikouError):
    """The query is well formed but not allowed here."""


class UpdateRefused(QueryRefused):
    """SPARQL Update was sent to a read-only endpoint."""


class ServiceRefused(QueryRefused):
    """The query would call a SERVICE that is not on the allow-list (or could not be checked)."""


class QueryTooComplex(QuerySyntaxError):
    """The query nests too deeply (or is too long) for the checker to parse."""


class BudgetExceeded(QueryRefused):
    """The client has a query running, or used up its time or error budget: 429 with Retry-After."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message, retry_after)
        self.retry_after = retry_after

    def __str__(self) -> str:
        return self.args[0]


class PoolBusy(StoreError):
    """Every query process is busy and the queue is full (or the query waited too long): 503."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


class WorkerCrashed(StoreError):
    """The query process died without answering: out of memory, or a crash in native code (503)."""


class ChildCrashed(DuikouError, RuntimeError):
    """The child ended without an answer (killed by a signal or crashed in native code)."""


# -- link discovery -------------------------------------------------------------------------------------


class ServiceError(DuikouError):
    """The service gave no answer: after the retries, or at once for an error that retrying cannot fix."""


class Transient(DuikouError):
    """An answer worth asking for again, possibly after the time the service asked us to wait."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


# -- serving --------------------------------------------------------------------------------------------


class AddressInUse(DuikouError):
    """Something else already listens on the address asked for."""


class FrontError(DuikouError):
    """The front server (nginx) could not start; the message says what it said."""


class SettingError(DuikouError, ValueError):
    """A setting's value is not of its kind; the message names the setting."""
