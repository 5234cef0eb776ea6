"""The pools the service tests start: each stopped (and its processes reaped) at the end of its test."""

import pytest
from service_jobs import handler, wait_ready

from graph.service.pool import QueryPool


@pytest.fixture
def start():
    """A factory of pools over `handler`; every pool is stopped (and checked reaped) at the end."""
    pools = []

    def make(**options) -> QueryPool:
        options = {
            "workers": 1,
            "queue_size": 2,
            "timeout": 10.0,
            "short_time": 0.3,
            "memory_mb": 256,
            **options,
        }
        pool = QueryPool(options.pop("handler", handler), **options).start()
        pools.append(pool)
        wait_ready(pool)
        return pool

    yield make
    for pool in pools:
        pool.stop()
