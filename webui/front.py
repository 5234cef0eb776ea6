"""nginx in front of gunicorn, so that slow or idle clients cost a connection in nginx, never a worker thread.

gunicorn's gthread workers read a request's header and body in a pool thread on a blocking socket: a
hundred clients sending a byte a second held every thread and took the site offline. nginx (Debian's
package) reads each request whole, with a timeout for the header and for the body, refuses a body over
MAX_BODY (chunked or not) with 413, limits the requests one address may have in progress, and only then
hands it to gunicorn, on a Unix socket in a private (0700) folder that nothing else can reach; it also
takes the answer at once and feeds slow readers itself. The client's address goes in X-Duikou-Client,
which the app believes only from that socket (webui.http.client_address).

Each web worker listens on a socket of its own (`web-N.sock`, N its slot), and nginx sends each request to
the worker with the fewest in progress. With one shared socket, nginx's few kept-alive connections were
accepted by whichever worker woke first, often all by one, which then ran Python on one core while the
other idled (a fifth less throughput). A worker started in a slot that another still holds (a respawn, a
reload) takes the socket's name over; the old one finishes what it has.

nginx runs as one process (`master_process off`: on two cores one event loop is plenty), in the foreground,
a child of the `duikou serve` process (gunicorn's arbiter) that Linux kills when that process dies
(PR_SET_PDEATHSIG), so no nginx outlives the server, whatever kills it. Signals go to the arbiter, as
before: SIGHUP reaches gunicorn and leaves nginx alone; SIGTERM and SIGINT stop gunicorn, and then nginx.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from string import Template

from gunicorn.sock import UnixSocket

from graph.errors import AddressInUse, FrontError
from graph.service.sandbox import die_with_parent
from webui.http.headers import SECURITY

CONFIG = Path(__file__).with_name("front.conf")
HEADER_TIMEOUT = 10  # seconds for a whole request header
BODY_TIMEOUT = 10  # seconds between two reads of a body
PER_ADDRESS = 64  # requests one address may have in progress (its header read) at once
CONNECTIONS = 8192  # connections nginx holds at once, slow ones included
START_SECONDS = 10


def nginx() -> str | None:
    """The nginx program, if installed (Debian puts it in /usr/sbin, not always on a user's PATH)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


@dataclass
class Front:
    """nginx listening on `host`:`port`, passing requests to gunicorn at `socket` (in `folder`)."""

    host: str
    port: int
    folder: Path
    max_body: int
    read_timeout: float
    workers: int = 1
    process: subprocess.Popen | None = None

    @property
    def socket(self) -> Path:
        """gunicorn's own listener (which it needs to start; nginx sends nothing there)."""
        return self.folder / "web.sock"

    def worker_socket(self, slot: int) -> Path:
        return self.folder / f"web-{slot}.sock"

    def hooks(self) -> dict:
        """gunicorn's pre_fork and post_fork settings that give each worker the socket of its slot."""

        def pre_fork(arbiter, worker) -> None:
            held = Counter(getattr(w, "slot", None) for w in arbiter.WORKERS.values())
            worker.slot = min(range(self.workers), key=lambda slot: (held[slot], slot))

        def post_fork(arbiter, worker) -> None:
            path = str(self.worker_socket(worker.slot))
            worker.sockets = [UnixSocket(path, arbiter.cfg, arbiter.log)]

        return {"pre_fork": pre_fork, "post_fork": post_fork}

    def config(self) -> str:
        """nginx's configuration for this server."""
        listen = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
        return Template(CONFIG.read_text(encoding="utf-8")).substitute(
            folder=self.folder,
            user=user,
            files=CONNECTIONS * 2 + 64,
            connections=CONNECTIONS,
            header_timeout=HEADER_TIMEOUT,
            body_timeout=BODY_TIMEOUT,
            max_body=self.max_body,
            per_address=PER_ADDRESS,
            servers="\n".join(
                f"        server unix:{self.worker_socket(n)} fail_timeout=1s;" for n in range(self.workers)
            ),
            listen=listen,
            read_timeout=int(self.read_timeout),
        )

    def start(self, program: str) -> None:
        """Start nginx; return once it listens (FrontError with its own words if it cannot)."""
        check_free(self.host, self.port)
        path = self.folder / "nginx.conf"
        path.write_text(self.config(), encoding="utf-8")
        (self.folder / "refusal.conf").write_text(refusal_headers(), encoding="utf-8")
        log = open(self.folder / "nginx.log", "wb")  # noqa: SIM115 - nginx writes to it until it stops
        self.process = subprocess.Popen(
            [program, "-p", str(self.folder), "-c", str(path), "-e", "stderr"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            preexec_fn=lambda: die_with_parent(signal.SIGTERM),  # before any thread starts
        )
        log.close()
        deadline = time.monotonic() + START_SECONDS
        while not listening(self.host, self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                said = (self.folder / "nginx.log").read_text(errors="replace").strip().splitlines()
                self.stop()
                raise FrontError(f"nginx did not start: {said[-1] if said else 'no message'}")
            time.sleep(0.02)

    def stop(self, wait: float = 5.0) -> None:
        """Stop nginx (it finishes nothing: gunicorn has already answered or been stopped)."""
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        except ChildProcessError:
            pass  # reaped by gunicorn's arbiter already


def refusal_headers() -> str:
    """nginx directives that give its own refusals the type and headers of the app's (webui.http)."""
    headers = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-store", **SECURITY}
    lines = ['default_type "text/plain; charset=utf-8";']
    lines += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def check_free(host: str, port: int) -> None:
    """AddressInUse, in one line, if another program listens on `host`:`port`."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise AddressInUse(f"cannot listen on {host}:{port}: {error.strerror}") from None


def listening(host: str, port: int) -> bool:
    """True once something accepts connections on `host`:`port`."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
