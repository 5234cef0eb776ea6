"""Length-prefixed frames over a stream socket: how the server, the pool's broker and its workers talk.

A frame is 8 bytes of big-endian length, then that many bytes. Blocking helpers serve the simple ends
(a web worker waiting for its answer, a query worker waiting for its job); `Channel` buffers both ways
on a non-blocking socket for the broker, which must never wait on any one peer.
"""

import socket
import struct

LENGTH = struct.Struct("!Q")
CHUNK = 1 << 16


def send_frame(sock: socket.socket, data: bytes) -> None:
    """Send one frame (blocking)."""
    sock.sendall(LENGTH.pack(len(data)) + data)


def _exactly(sock: socket.socket, size: int) -> bytes | None:
    parts, missing = [], size
    while missing:
        part = sock.recv(min(missing, 1 << 20))
        if not part:
            return None
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def recv_frame(sock: socket.socket) -> bytes | None:
    """The next frame (blocking), or None when the peer closed the connection."""
    head = _exactly(sock, LENGTH.size)
    if head is None:
        return None
    (size,) = LENGTH.unpack(head)
    return _exactly(sock, size) if size else b""


class Channel:
    """A non-blocking socket with an inbox that yields whole frames and an outbox flushed when writable."""

    def __init__(self, sock: socket.socket):
        sock.setblocking(False)
        self.sock, self.inbox, self.outbox = sock, bytearray(), bytearray()
        self.closed_by_peer = False

    def fileno(self) -> int:
        return self.sock.fileno()

    def receive(self) -> list[bytes]:
        """Read what is there; return the frames now complete (`closed_by_peer` tells of EOF)."""
        try:
            while True:
                data = self.sock.recv(CHUNK)
                if not data:
                    self.closed_by_peer = True
                    break
                self.inbox += data
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self.closed_by_peer = True
        frames = []
        while len(self.inbox) >= LENGTH.size:
            (size,) = LENGTH.unpack_from(self.inbox)
            if len(self.inbox) < LENGTH.size + size:
                break
            frames.append(bytes(self.inbox[LENGTH.size : LENGTH.size + size]))
            del self.inbox[: LENGTH.size + size]
        return frames

    def queue(self, *frames: bytes) -> None:
        """Add frames to the outbox and send as much as the socket takes now."""
        for data in frames:
            self.outbox += LENGTH.pack(len(data)) + data
        self.flush()

    def flush(self) -> bool:
        """Send what the socket takes now; True when the outbox is empty."""
        try:
            while self.outbox:
                sent = self.sock.send(self.outbox[: 1 << 20])
                del self.outbox[:sent]
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self.outbox.clear()
            self.closed_by_peer = True
        return not self.outbox

    def close(self) -> None:
        self.sock.close()
