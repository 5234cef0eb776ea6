"""Slow and idle clients for bench/attack.py: connections that trickle a header byte a second, and partial
requests that never go on, all from one address, each opened again as soon as the server closes it."""

import socket
import threading
from urllib.parse import urlsplit

TRICKLE = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 500
PARTIAL = b"GET / HTTP/1.1\r\nHo"


class SlowClients:
    """`trickling` + `idle` connections from `source` to `base`, kept open until `stop()`."""

    def __init__(self, base: str, trickling: int, idle: int, source: str = "127.0.0.1"):
        parts = urlsplit(base)
        self.address, self.source = (parts.hostname, parts.port), source
        self.counts = (trickling, idle)
        self.opened = self.refused = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "SlowClients":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.done.set()
        self.thread.join()

    def _connect(self, first: bytes) -> socket.socket | None:
        try:
            sock = socket.create_connection(self.address, timeout=5, source_address=(self.source, 0))
            sock.sendall(first)
            sock.setblocking(False)
            self.opened += 1
            return sock
        except OSError:
            self.refused += 1
            return None

    def _run(self) -> None:
        trickling = [self._connect(TRICKLE[:1]) for _ in range(self.counts[0])]
        idle = [self._connect(PARTIAL) for _ in range(self.counts[1])]
        step = 1
        while not self.done.wait(1.0):
            for n, sock in enumerate(trickling):
                if sock is None or not self._alive(
                    sock, TRICKLE[step % len(TRICKLE) : step % len(TRICKLE) + 1]
                ):
                    trickling[n] = self._connect(TRICKLE[:1])
            for n, sock in enumerate(idle):
                if sock is None or not self._alive(sock, b""):
                    idle[n] = self._connect(PARTIAL)
            step += 1
        for sock in trickling + idle:
            if sock is not None:
                sock.close()

    @staticmethod
    def _alive(sock: socket.socket, data: bytes) -> bool:
        """Send `data` (if any); False, and the socket closed, if the server has closed it."""
        try:
            if sock.recv(4096) == b"":
                raise ConnectionResetError
        except BlockingIOError:
            pass
        except OSError:
            sock.close()
            return False
        try:
            if data:
                sock.send(data)
            return True
        except OSError:
            sock.close()
            return False
