"""The per-client budget of ad-hoc queries: one at a time, so many seconds and so many errors a minute.

A client is its IP address and User-Agent, as at the Wikidata Query Service. X-Forwarded-For counts only
when the request comes from a proxy listed in TRUSTED_PROXIES; otherwise anyone could claim any address.

Where the budget is kept. Served by `duikou serve`, every ad-hoc query of every web process passes the
pool's broker (graph.service.broker), a single process: the `Ledger` lives there and the broker asks it before
queueing and tells it when a query ends. Nothing is shared between processes but that one socket, so
there are no locks, no files and nothing to go stale: a query is "running" exactly while its connection
is open. An app without a pool (tests, scripts) keeps a Ledger of its own behind a thread lock.
The ledger counts the total time of every query, fast ones too, and every query that failed. An answer
from /sparql's cache runs no query: it costs nothing, but is refused (`check`) as a query would be.
"""

import hashlib
import ipaddress
import threading
import time
from collections import OrderedDict, deque
from contextlib import contextmanager
from dataclasses import dataclass, field

from graph.errors import BudgetExceeded

WINDOW = 60.0
MAX_CLIENTS = 50_000


@dataclass
class Usage:
    running: int = 0
    spans: deque = field(default_factory=deque)  # (when it ended, seconds)
    errors: deque = field(default_factory=deque)  # when


class Ledger:
    """What each client used in the last minute; `admit` before a query, `settle` after it."""

    def __init__(self, seconds: float, errors: int, window: float = WINDOW, clients: int = MAX_CLIENTS):
        self.seconds, self.errors, self.window, self.clients = seconds, errors, window, clients
        self.usage: OrderedDict[str, Usage] = OrderedDict()

    def _of(self, client: str, now: float) -> Usage:
        usage = self.usage.setdefault(client, Usage())
        self.usage.move_to_end(client)
        while usage.spans and usage.spans[0][0] <= now - self.window:
            usage.spans.popleft()
        while usage.errors and usage.errors[0] <= now - self.window:
            usage.errors.popleft()
        while len(self.usage) > self.clients:
            oldest, old = next(iter(self.usage.items()))
            if old.running:
                self.usage.move_to_end(oldest)
                break
            del self.usage[oldest]
        return usage

    def admit(self, client: str, now: float) -> BudgetExceeded | None:
        """None (and the query counts as running), or the refusal to send."""
        usage = self._of(client, now)
        refusal = self._refusal(usage, now)
        if refusal is None:
            usage.running += 1
        return refusal

    def check(self, client: str, now: float) -> BudgetExceeded | None:
        """The refusal `admit` would send, changing nothing: for an answer that runs no query (a cached
        one), which costs no time yet is refused while the client has a query running or no budget left."""
        if client not in self.usage:
            return None
        return self._refusal(self._of(client, now), now)

    def _refusal(self, usage: Usage, now: float) -> BudgetExceeded | None:
        if usage.running:
            return BudgetExceeded(
                "one query at a time: your previous query is still running; wait for its answer", 1
            )
        if self._total(usage) >= self.seconds:
            return BudgetExceeded(
                f"query-time budget used up: your queries ran {self._total(usage):.1f} s "
                f"in the last minute (the limit is {self.seconds:g} s)",
                self._under_budget_from(usage) + self.window - now,
            )
        if len(usage.errors) >= self.errors:
            return BudgetExceeded(
                f"error budget used up: {len(usage.errors)} of your queries failed in "
                f"the last minute (the limit is {self.errors}); check your queries",
                usage.errors[0] + self.window - now,
            )
        return None

    @staticmethod
    def _total(usage: Usage) -> float:
        return sum(seconds for _, seconds in usage.spans)

    def _under_budget_from(self, usage: Usage) -> float:
        """When the query whose leaving the window brings the client back under its time budget ended."""
        used = self._total(usage)
        for ended, seconds in usage.spans:
            used -= seconds
            if used < self.seconds:
                return ended
        return usage.spans[-1][0]

    def settle(self, client: str, seconds: float, failed: bool, now: float) -> None:
        """Record a finished (or refused, or abandoned) query: its time, and whether it failed."""
        usage = self._of(client, now)
        usage.running = max(0, usage.running - 1)
        if seconds > 0:
            usage.spans.append((now, seconds))
        if failed:
            usage.errors.append(now)


class LocalGate:
    """A Ledger for one process (an app without a pool): the same rules behind a lock."""

    def __init__(self, ledger: Ledger):
        self.ledger, self.lock = ledger, threading.Lock()

    def check(self, client: str) -> None:
        """Raise the BudgetExceeded that `spend` would, without spending anything."""
        with self.lock:
            refusal = self.ledger.check(client, time.monotonic())
        if refusal is not None:
            raise refusal

    @contextmanager
    def spend(self, client: str):
        """Admit the client (or raise BudgetExceeded), then record the time and outcome of the block."""
        with self.lock:
            refusal = self.ledger.admit(client, time.monotonic())
        if refusal is not None:
            raise refusal
        started, failed = time.monotonic(), True
        try:
            yield
            failed = False
        finally:
            with self.lock:
                now = time.monotonic()
                self.ledger.settle(client, now - started, failed, now)


def ledger_for(settings: dict) -> Ledger:
    return Ledger(settings["TIME_BUDGET"], settings["ERROR_BUDGET"])


def client_address(remote: str, forwarded: str, trusted: tuple[str, ...]) -> str:
    """The client's IP: the peer, or, behind trusted proxies, the last X-Forwarded-For hop not one of them."""
    address = remote or ""
    if not _listed(address, trusted):
        return address
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        address = hop
        if not _listed(hop, trusted):
            break
    return address


def _listed(address: str, trusted: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in trusted)


def client_key(remote: str, forwarded: str, user_agent: str, trusted: tuple[str, ...]) -> str:
    """The client's identity: its address and a digest of its User-Agent."""
    agent = hashlib.sha256(user_agent.encode("utf-8", "replace")).hexdigest()[:16]
    return f"{client_address(remote, forwarded, trusted)} {agent}"
