"""No debugger, whatever the environment says, and nothing left behind when a server stops."""

import signal
import subprocess
import time
import uuid

from attack_server import FOREVER, SERVER_PROCESSES, exchange, later, processes, settled

from graph.paths import ROOT
from helpers.servers import checkout_env, serve_command
from webui import create_app

# -- debug, and what is left when the server stops ---------------------------------------------------


def test_debug_stays_off_whatever_the_environment_says(served_dist, monkeypatch):
    """`create_app` forces DEBUG off; `serve --dev` runs Flask's server with debug off and no .env files."""
    from flask import Flask

    from webui.server import serve

    for name in ("DUIKOU_DEBUG", "FLASK_DEBUG", "DUIKOU_TESTING"):
        monkeypatch.setenv(name, "1")
    app = create_app({"DIST": served_dist, "DEBUG": True})
    assert app.debug is False and app.config["DEBUG"] is False
    ran = {}
    monkeypatch.setattr(Flask, "run", lambda self, **options: ran.update(options, debug_now=self.debug))
    serve(port=1, dev=True, settings={"DIST": served_dist})
    assert (ran["debug"], ran["use_reloader"], ran["load_dotenv"], ran["debug_now"]) == (
        False,
        False,
        False,
        False,
    )


def test_a_stopped_server_leaves_no_process_and_debug_was_never_on(served_dist, tmp_path):
    """A server started with every debug switch on: no debugger; SIGTERM: every process it made is gone."""
    from helpers.ports import free_port

    tag, port = uuid.uuid4().hex, free_port()
    env = checkout_env(DUIKOU_TAG=tag, DUIKOU_DEBUG="1", FLASK_DEBUG="1", DUIKOU_QUERY_TIMEOUT="1")
    command = serve_command(port, served_dist, "--workers", "2")
    with open(tmp_path / "server.log", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                exchange(base, params={"query": "ASK {}"})
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, (
                    tmp_path / "server.log"
                ).read_text()
                time.sleep(0.1)
        _, headers, body, _ = exchange(
            base, path="/", params={"__debugger__": "yes", "cmd": "resource", "f": "debugger.js"}
        )
        assert "javascript" not in headers.get("Content-Type", "") and "Werkzeug" not in body
        attack = later(base, params={"query": FOREVER})
        time.sleep(0.3)
        assert len(settled(SERVER_PROCESSES, tag)) == SERVER_PROCESSES
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        attack["thread"].join()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    deadline = time.monotonic() + 5
    while processes(tag):
        assert time.monotonic() < deadline, f"left behind: {processes(tag)}"
        time.sleep(0.05)
