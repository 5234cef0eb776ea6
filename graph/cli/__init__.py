"""The `duikou` command: one module per command group, each command a thin wrapper over a library function.

Exit codes mean something (as pySHACL's do), and one table maps every project exception to one:

- 0: success; the graph conforms.
- 1: the data is wrong or a service failed: a build error, violations, unmatched links, a store or service
  that did not answer, an address in use (`BuildError` and its `SourceError`, `StoreError`, `ServiceError`,
  `AddressInUse`: any `DuikouError` not named below).
- 2: the input could not be read or the command was used wrongly: no build (`NoBuild`), unreadable or refused
  RDF (`UnsafeInput`), an unknown query or parameter (`QueryNotFound`, `ParameterError`), a bad setting
  (`SettingError`), and click's usage errors.

An error is one line on stderr, `error: …` (a failed validation prints its report first), never a traceback.
`duikou serve` lives with the web app and is loaded by name when it is listed or run, so that `graph` never
imports `webui`.
"""

import importlib

import click

from graph.cli.common import EXIT_DATA, EXIT_UNREADABLE
from graph.errors import DuikouError, NoBuild, ParameterError, QueryNotFound, SettingError, UnsafeInput

EXIT_CODES: tuple[tuple[type[DuikouError], int], ...] = (
    (NoBuild, EXIT_UNREADABLE),
    (UnsafeInput, EXIT_UNREADABLE),
    (QueryNotFound, EXIT_UNREADABLE),
    (ParameterError, EXIT_UNREADABLE),
    (SettingError, EXIT_UNREADABLE),
    (DuikouError, EXIT_DATA),
)
LAZY_COMMANDS = {"serve": "webui.server:serve_command"}  # name → "module:attribute" of a click command


def exit_code(error: DuikouError) -> int:
    """The exit code of an exception: that of the first class of EXIT_CODES it is an instance of."""
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


class DuikouGroup(click.Group):
    """A click group that turns the project's exceptions into one `error:` line and their exit code, and
    loads the commands of LAZY_COMMANDS by name only when they are listed or run."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DuikouError as error:
            for note in getattr(error, "__notes__", ()):
                click.echo(note, err=True)
            click.echo(f"error: {error}", err=True)
            ctx.exit(exit_code(error))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, _, attribute = LAZY_COMMANDS[name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{LAZY_COMMANDS[name]} is not a click command")
            return command
        return super().get_command(ctx, name)


@click.group(cls=DuikouGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """duikou: the knowledge graph of 国办发〔2021〕15号, built from the notice and curated tables."""


def _register() -> None:
    """Attach the command groups (imported here: they import nothing of this module)."""
    from graph.cli import build, export, links, query

    for command in (
        build.build,
        build.validate_command,
        export.export,
        export.stats,
        query.query,
        query.push,
        links.links,
        links.link,
    ):
        main.add_command(command)


_register()
