"""Servers the tests start as processes (`duikou serve`, `oxigraph serve`): the command line, the environment,
starting one and waiting until it answers, and stopping them all."""

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.paths import ROOT
from helpers.ports import free_port

DUIKOU = [sys.executable, "-c", "from graph.cli import main; main()"]


def serve_command(port: int, dist: Path, *options: str) -> list[str]:
    """`duikou serve --port PORT [OPTIONS] --dist DIST`, run by this interpreter."""
    return [*DUIKOU, "serve", "--port", str(port), *options, "--dist", str(dist)]


def checkout_env(**variables: str) -> dict[str, str]:
    """This process's environment with the checkout first on PYTHONPATH, and `variables` on top."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **variables}


def wait_until_answers(process, url: str, log, seconds: float, timeout: float, name: str, base: str) -> str:
    """Poll `url` until the server answers (return `base`), or fail with its log if it exits or never does."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                response.read()
            return base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log_text = log.read_text(errors="replace")
                pytest.fail(f"{name} did not answer at {base} (exit {process.poll()}): {log_text}")
            time.sleep(0.05)


class Launcher:
    """Starts servers of one kind, each in a fresh temporary folder (its output in server.log) on a free
    loopback port, and waits until each answers at `probe` (a path); `stop_all()` stops them all."""

    def __init__(self, tmp_path_factory, name: str, probe: str, seconds: float, timeout: float):
        self.tmp, self.name, self.probe, self.seconds, self.timeout = (
            tmp_path_factory,
            name,
            probe,
            seconds,
            timeout,
        )
        self.started: list[subprocess.Popen] = []

    def start(self, command: Callable[[int, Path], list[str]], **popen) -> str:
        """Run `command(port, folder)`; return the server's base URL once it answers."""
        folder, port = self.tmp.mktemp(self.name.split()[0]), free_port()
        with open(folder / "server.log", "wb") as log:
            process = subprocess.Popen(command(port, folder), stdout=log, stderr=subprocess.STDOUT, **popen)
        self.started.append(process)
        base = f"http://127.0.0.1:{port}"
        log_file, seconds, timeout = folder / "server.log", self.seconds, self.timeout
        return wait_until_answers(process, base + self.probe, log_file, seconds, timeout, self.name, base)

    def stop_all(self) -> None:
        stop_all(self.started)


def stop_all(processes) -> None:
    """Terminate every server a fixture started, killing any that will not stop."""
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tagged_processes(tag: str) -> dict[int, int]:
    """{pid: parent pid} of the live processes started with DUIKOU_TAG=tag (a server and its children)."""
    found = {}
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"DUIKOU_TAG={tag}".encode() not in environ.read_bytes().split(b"\0"):
                continue
            fields = (environ.parent / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] not in ("Z", "X"):
            found[int(environ.parent.name)] = int(fields[1])
    return found
