"""The per-client budget of ad-hoc queries: one at a time, so many seconds and so many errors a minute.

A client is its IP address and User-Agent, as at the Wikidata Query Service. X-Forwarded-For counts only
when the request comes from a proxy listed in TRUSTED_PROXIES; otherwise anyone could claim any address.
The address is what counts: a User-Agent costs nothing to change, so it only refines the address. Each
client runs one query at a time within its budget, and all the clients of one address together run at
most CLIENTS_PER_ADDRESS queries at once within that many budgets: 24 User-Agents from one address get
what two clients get, and other addresses keep theirs.

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
ADDRESS = "address "  # the ledger's key for all the clients of an address: no client key starts so


@dataclass
class Usage:
    running: int = 0
    spans: deque = field(default_factory=deque)  # (when it ended, seconds)
    errors: deque = field(default_factory=deque)  # when


@dataclass(frozen=True)
class Limits:
    running: int
    seconds: float
    errors: int


class Ledger:
    """What each client, and each address, used in the last minute; `admit` before a query, `settle` after."""

    def __init__(
        self,
        seconds: float,
        errors: int,
        window: float = WINDOW,
        clients: int = MAX_CLIENTS,
        per_address: int = 2,
    ):
        self.seconds, self.errors, self.window, self.clients = seconds, errors, window, clients
        self.usage: OrderedDict[str, Usage] = OrderedDict()
        self.client_limits = Limits(1, seconds, errors)
        self.address_limits = Limits(per_address, seconds * per_address, errors * per_address)

    def _both(self, client: str, now: float) -> tuple[tuple[Usage, Limits, str], ...]:
        """The client's usage and its address's, each with its limits and whose it is."""
        address = address_of(client)
        return (
            (self._of(client, now), self.client_limits, "your"),
            (self._of(ADDRESS + address, now), self.address_limits, f"your address's ({address})"),
        )

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
        """None (and the query counts as running, for the client and its address), or the refusal."""
        both = self._both(client, now)
        refusal = next(filter(None, (self._refusal(*entry, now) for entry in both)), None)
        if refusal is None:
            for usage, _, _ in both:
                usage.running += 1
        return refusal

    def check(self, client: str, now: float) -> BudgetExceeded | None:
        """The refusal `admit` would send, changing nothing: for an answer that runs no query (a cached
        one), which costs no time yet is refused while the client has a query running or no budget left."""
        if client not in self.usage:
            return None
        return next(filter(None, (self._refusal(*e, now) for e in self._both(client, now))), None)

    def _refusal(self, usage: Usage, limits: Limits, whose: str, now: float) -> BudgetExceeded | None:
        if usage.running >= limits.running:
            if limits.running == 1:
                return BudgetExceeded(
                    "one query at a time: your previous query is still running; wait for its answer", 1
                )
            return BudgetExceeded(
                f"{limits.running} queries at a time from one address: {whose} queries are still "
                "running; wait for their answers",
                1,
            )
        if self._total(usage) >= limits.seconds:
            return BudgetExceeded(
                f"query-time budget used up: {whose} queries ran {self._total(usage):.1f} s "
                f"in the last minute (the limit is {limits.seconds:g} s)",
                self._under_budget_from(usage, limits.seconds) + self.window - now,
            )
        if len(usage.errors) >= limits.errors:
            return BudgetExceeded(
                f"error budget used up: {len(usage.errors)} of {whose} queries failed in "
                f"the last minute (the limit is {limits.errors}); check your queries",
                usage.errors[0] + self.window - now,
            )
        return None

    @staticmethod
    def _total(usage: Usage) -> float:
        return sum(seconds for _, seconds in usage.spans)

    def _under_budget_from(self, usage: Usage, budget: float) -> float:
        """When the query whose leaving the window brings the client back under its time budget ended."""
        used = self._total(usage)
        for ended, seconds in usage.spans:
            used -= seconds
            if used < budget:
                return ended
        return usage.spans[-1][0]

    def settle(self, client: str, seconds: float, failed: bool, now: float) -> None:
        """Record a finished (or refused, or abandoned) query: its time, and whether it failed."""
        for usage, _, _ in self._both(client, now):
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
    return Ledger(
        settings["TIME_BUDGET"], settings["ERROR_BUDGET"], per_address=settings["CLIENTS_PER_ADDRESS"]
    )


def address_of(client: str) -> str:
    """The address part of a client key (`client_key`)."""
    return client.split(" ", 1)[0]


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
