"""A least-recently-used store bounded by what its values cost in bytes, for the answer caches.

The web layer keeps finished answers in memory (webui.http.response_cache for pages, webui.sparql.endpoint for
/sparql); both need the same thing: thread-safe, a fixed byte budget per process, and no single value
so big that it would push many small ones out.
"""

from collections import OrderedDict
from threading import Lock


class SizedLRU:
    """Values by key, least recently used out first, at most `capacity` bytes; none over `largest`."""

    def __init__(self, capacity: int, largest: int):
        self.capacity, self.largest = capacity, largest
        self.entries: OrderedDict = OrderedDict()  # key → (value, cost)
        self.size = self.hits = self.misses = 0
        self.lock = Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key, value, cost: int) -> None:
        """Keep `value` (replacing any under `key`) unless it costs more than `largest`."""
        if cost > self.largest:
            return
        with self.lock:
            if key in self.entries:
                self.size -= self.entries.pop(key)[1]
            self.entries[key] = (value, cost)
            self.size += cost
            while self.size > self.capacity:
                self.size -= self.entries.popitem(last=False)[1][1]
