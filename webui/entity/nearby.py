"""The entities a 404's path could be near, found without scoring every entity of its kind.

webui.entity.index scores a candidate by edit distance between paths, by one path beginning the other,
and by the likeness of its names to the path's last segment, and suggests those within CLOSE (0.4).
Each way needs something cheap to look up, so the shortlist here holds every entity that could come
within it, and the scorer runs on those only:

- edit distance d ≤ 0.4 × the longer path: then the lengths differ by at most d, so the candidate's path
  is between 0.6 and 1/0.6 times as long as the asked one (a list of paths per length);
- one path beginning the other: the paths in sorted order (those the asked one begins) and a lookup of
  each of its beginnings;
- a name with SequenceMatcher ratio ≥ 0.6: the matching characters are at most those both have, so
  10 × shared ≥ 3 × (both lengths) (for each character, the distinct names that have it, and how often);
  the ratio itself is then found once for each such name, however many entities have it.
"""

from bisect import bisect_left
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from math import ceil, floor

MIN_NAME, CLOSE = 3, 0.4  # shorter names are not compared; the highest score suggested (webui.entity.index)
# most extra characters a prefix match may have within CLOSE (17 and 15), and one for rounding
LONGER_PREFIX, SHORTER_PREFIX = 18, 16
Candidate = tuple[str, str, tuple[tuple[str, str], ...]]  # path, IRI, names as (text, language tag)


class Kind:
    """Every entity of one kind (`unit`): its paths by length and in order, and its names by character."""

    def __init__(self, entries: list[Candidate]):
        self.entries = entries
        self.rests = [path.partition("/")[2] for path, _, _ in entries]
        self.by_rest = {rest: number for number, rest in enumerate(self.rests)}
        self.ordered = sorted(self.rests)
        self.by_length: dict[int, list[int]] = defaultdict(list)
        for number, rest in enumerate(self.rests):
            self.by_length[len(rest)].append(number)
        self.names: dict[str, list[int]] = {}  # each distinct name (lower case) and the entities having it
        for number, (_, _, names) in enumerate(entries):
            for text, _ in names:
                if len(text) >= MIN_NAME:
                    having = self.names.setdefault(text.lower(), [])
                    if not having or having[-1] != number:
                        having.append(number)
        self.name_list = list(self.names)
        self.by_char: dict[str, list[tuple[int, int]]] = defaultdict(list)  # char → (name number, count)
        for number, name in enumerate(self.name_list):
            for char, count in Counter(name).items():
                self.by_char[char].append((number, count))

    def shortlist(self, rest: str) -> list[Candidate]:
        """Every entity that could score within CLOSE of the path `kind/rest`, in no particular order."""
        found: set[int] = set()
        size = len(rest)
        for length in range(floor(0.6 * size), ceil(size / 0.6) + 1):
            found.update(self.by_length.get(length, ()))
        if size >= 3:  # the paths `rest` begins
            index = bisect_left(self.ordered, rest)
            while index < len(self.ordered) and self.ordered[index].startswith(rest):
                if len(self.ordered[index]) <= size + LONGER_PREFIX:
                    found.add(self.by_rest[self.ordered[index]])
                index += 1
        for length in range(max(3, size - SHORTER_PREFIX), size):  # the paths that begin `rest`
            if rest[:length] in self.by_rest:
                found.add(self.by_rest[rest[:length]])
        found.update(self._named_like(rest.rsplit("/", 1)[-1].lower()))
        return [self.entries[number] for number in sorted(found)]

    def _named_like(self, tail: str) -> set[int]:
        """The entities with a name sharing enough characters with `tail` to have a ratio ≥ 0.6."""
        shared: Counter = Counter()
        for char, wanted in Counter(tail).items():
            for number, count in self.by_char.get(char, ()):
                shared[number] += min(count, wanted)
        found: set[int] = set()
        for number, common in shared.items():
            name = self.name_list[number]
            if 10 * common < 3 * (len(tail) + len(name)) - 1:  # − 1: rounding's margin
                continue
            if 1.0 - SequenceMatcher(None, tail, name).ratio() <= CLOSE:  # as the scorer compares them
                found.update(self.names[name])
        return found


def by_kind(entries: list[Candidate]) -> dict[str, Kind]:
    """The entries (valid paths) grouped by kind, each kind indexed."""
    kinds: dict[str, list[Candidate]] = defaultdict(list)
    for entry in entries:
        kinds[entry[0].partition("/")[0]].append(entry)
    return {kind: Kind(found) for kind, found in kinds.items()}
