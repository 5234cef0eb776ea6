"""`duikou serve`: a listening socket per web worker, the address held by the master, and the warm-up
done once before forking."""

import gc
import socket
import subprocess
import time

import pytest

from graph.errors import AddressInUse
from graph.paths import ROOT
from graph.store.named import catalogue
from helpers.ports import free_port
from helpers.servers import checkout_env, serve_command
from webui.server import gunicorn_options, reserve
from webui.state import of
from webui.warm import warm


def listening_sockets(port: int) -> int:
    """How many sockets listen on 127.0.0.1:`port` (the kernel's own table)."""
    wanted = f"0100007F:{port:04X}"
    with open("/proc/net/tcp") as table:
        rows = [line.split() for line in table.readlines()[1:]]
    return sum(1 for row in rows if row[1] == wanted and row[3] == "0A")  # 0A: LISTEN


def test_gunicorn_gives_each_worker_its_own_socket():
    assert gunicorn_options("127.0.0.1", 8000, 4, 10)["reuse_port"] is True


def test_each_worker_listens_on_its_own_socket(start_duikou):
    base = start_duikou(workers=3, front=False)
    port = int(base.rsplit(":", 1)[1])
    deadline = time.monotonic() + 20  # the server answers once its first worker listens; the others follow
    while listening_sockets(port) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listening_sockets(port) == 3  # the master's socket holds the address but does not listen


def test_the_held_address_takes_no_connections():
    port = free_port()
    with reserve("127.0.0.1", port), pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)


def test_workers_bind_beside_the_held_address():
    port = free_port()
    with reserve("127.0.0.1", port), socket.socket() as worker:
        worker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        worker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        worker.bind(("127.0.0.1", port))
        worker.listen()
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass


@pytest.mark.parametrize("shared", [False, True], ids=["plain listener", "SO_REUSEPORT listener"])
def test_an_address_in_use_is_refused_at_once(shared):
    with socket.socket() as other:
        if shared:  # another server of ours would join the workers' group, were it not refused first
            other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(AddressInUse, match=f"cannot listen on 127.0.0.1:{port}"):
            reserve("127.0.0.1", port)


def test_serve_on_a_port_in_use_says_so_and_exits(served_dist):
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        done = subprocess.run(
            serve_command(port, served_dist),
            capture_output=True,
            text=True,
            timeout=60,
            env=checkout_env(),
            cwd=ROOT,
        )
    assert done.returncode == 1
    assert f"error: cannot listen on 127.0.0.1:{port}" in done.stderr


def test_warm_loads_queries_compiles_templates_renders_home_and_indexes(app):
    catalogue.cache_clear()
    warm(app)
    assert {"_public", "_ui"} <= vars(catalogue()).keys()  # queries/ and queries/ui/ read
    assert {q.name for q in catalogue().ui().values()} >= {"entity-statements"}
    templates = app.jinja_env.list_templates(filter_func=lambda name: name.endswith(".html"))
    compiled = {key[1] for key in app.jinja_env.cache}
    assert set(templates) <= compiled
    assert len(of(app).responses.entries) == 1  # the home page, kept for every worker
    assert of(app).search is not None  # the search index, shared by every worker
    assert set(of(app).property_labels) == {"zh", "en"}  # what every entity page names
    assert gc.get_freeze_count() > 0  # workers' collections leave what the master made alone
    gc.unfreeze()
