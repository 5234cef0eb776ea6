"""A free loopback port, for tests that start a server: one helper every test folder can import (a
conftest cannot be imported by name once another folder has its own conftest)."""

import socket


def free_port() -> int:
    """A loopback port nobody listens on (just now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
