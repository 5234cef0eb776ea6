"""Run a command under two hash seeds, for the tests that what we make does not depend on set order."""

import os
import subprocess


def under_two_hash_seeds(command: list[str], **run) -> list:
    """The standard output of `command` run to success with PYTHONHASHSEED 1, then 2."""
    return [
        subprocess.run(
            command, capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}, **run
        ).stdout
        for seed in ("1", "2")
    ]
