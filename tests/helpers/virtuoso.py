"""A throwaway OpenLink Virtuoso server for the tests: Debian's `virtuoso-opensource-7-bin` (installed by
`.ci/test-deps`), its database in a test's folder, both its ports on 127.0.0.1, and the dba account's
password left at the package's default, for this server only."""

import shutil
from pathlib import Path

from helpers.ports import free_port

BINARY = "virtuoso-t"
PACKAGE = "virtuoso-opensource-7-bin"
DBA = ("dba", "dba")  # the fresh database's administrator: a throwaway server, listening on loopback only

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def missing() -> str:
    """Why a Virtuoso server cannot be started here, or '' when it can."""
    if shutil.which(BINARY):
        return ""
    return (
        f"{BINARY} is missing: the Virtuoso tests need Debian's {PACKAGE}, which `make test` installs "
        f"(as root: sh .ci/test-deps; or apt-get install {PACKAGE})"
    )


def command(http_port: int, folder: Path) -> list[str]:
    """Write the server's virtuoso.ini into `folder` and return the command that runs it in the foreground."""
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(folder=folder, sql_port=free_port(), http_port=http_port), encoding="utf-8")
    return [BINARY, "+foreground", "+configfile", str(ini)]
