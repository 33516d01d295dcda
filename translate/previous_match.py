"""Re-import's fuzzy matching: for each changed sentence, the most similar old sentence of its document.

The rule (unchanged since the first release): the changed sentences are taken in document order; each takes the
unused old sentence of the same document with the highest ``rapidfuzz.fuzz.ratio`` of at least
:data:`FUZZY_CUTOFF` (the first one in catalog order on a tie), and that old sentence is used up.

Scoring every changed sentence against every old one is quadratic (4,000 changed sentences took 4.3 s, 14,000
would take minutes). :class:`DocumentPool` gives exactly the same answer while scoring few pairs:

1. a seed: the available old sentences in the postings of the query's rarest words (a plain dict of words, read
   rarest first until :data:`SEED_CANDIDATES` are found) are scored with ``process.extractOne``; the best score
   ``m`` is a lower bound of the answer's score. A changed sentence is mostly an old one with a few words edited,
   so ``m`` is mostly the answer itself (85-100), which makes the next bounds tight;
2. only old sentences that can still reach ``m`` are scored: ``ratio = 200 × LCS / (len1 + len2)`` and the LCS is
   at most the shorter length (so the lengths that can reach ``m`` are one slice of the sentences sorted by
   length, found by bisection) and at most the characters the two strings share, counted per character class
   (a float32 minimum and a matrix-vector product over that slice only, never over the whole document);
3. the survivors (all available sentences when at most :data:`DIRECT_SCAN` are left) are scored with
   ``process.extractOne`` in catalog order, so a tie goes to the first, as before, with ``m`` as its cutoff.

Every bound is an upper bound compared with a slack (:data:`_MARGIN`), so a sentence that ties is never pruned; the
seed only decides how tight the bounds are, never the answer.

What it costs (benchmarks/edition_benchmark.py): an edited sentence, whose best old sentence scores 80 or more,
takes 26-40 µs in documents of up to about 2,000 old sentences. A sentence with no close old sentence (two sentences
merged, one split, a rewrite: its best scores 60-80, or nothing reaches 60) cannot be settled without scoring much
of its document, because two unrelated sentences of one length score about 40 but share enough characters for a
bound of about 76; it costs about 0.14 µs per old sentence of the document, what rapidfuzz takes to score one pair.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

import numpy as np
from rapidfuzz import fuzz, process

FUZZY_CUTOFF = 60.0
"""Similarity (rapidfuzz ratio, 0-100) above which a changed sentence inherits an old translation."""
SEED_CANDIDATES = 4
"""Available old sentences taken from the rarest words' postings and scored first to set the bound."""
DIRECT_SCAN = 100
"""With this many old sentences left or fewer, all are scored (the bounds cost more than they save)."""
_CLASSES = 32
"""Character classes for the shared-character bound (code point modulo this: a coarser class only loosens it)."""
_MARGIN = 1e-6
"""Bounds are compared with this slack, so floating-point rounding never prunes a candidate that ties."""
_CUTOFF_SLACK = 1e-3
"""Taken off the seed's score before it is given to ``extractOne`` as the cutoff (it only lets more through)."""


def _words(text: str) -> list[str]:
    return text.casefold().split()


class DocumentPool:
    """The old sentences of one document that a changed sentence may still take, in catalog order.

    Everything per sentence is also kept in order of length, so the sentences whose length can reach a score
    are one slice.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        count = len(texts)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=count)
        self.by_length = np.argsort(lengths, kind="stable")
        self.sorted_lengths = lengths[self.by_length].astype(np.float64)
        self._length_list = lengths[self.by_length].tolist()
        classes = _class_matrix(texts, lengths)
        self.sorted_classes = np.ascontiguousarray(classes[self.by_length])
        self._ones = np.ones(_CLASSES, dtype=np.float32)
        # Which old sentences are still available, by number: one bytearray (read per item by the seed) and a
        # numpy view of the same bytes (read whole by the direct scan).
        self._free = bytearray(b"\x01") * count
        self.available = np.frombuffer(self._free, dtype=np.bool_)
        self.sorted_available = np.ones(count, dtype=bool)
        self.position = np.empty(count, dtype=np.int64)
        self.position[self.by_length] = np.arange(count)
        self.left = count
        self._postings: dict[str, list[int]] | None = None

    def take_best(self, query: str, cutoff: float = FUZZY_CUTOFF) -> tuple[int, float] | None:
        """The number and score of the best available old sentence scoring at least ``cutoff``; it is used up."""
        found = self.best(query, cutoff)
        if found is not None:
            number = found[0]
            self._free[number] = 0  # also self.available[number]
            self.sorted_available[self.position[number]] = False
            self.left -= 1
        return found

    def best(self, query: str, cutoff: float = FUZZY_CUTOFF) -> tuple[int, float] | None:
        """As ``process.extractOne(query, available texts, scorer=fuzz.ratio, score_cutoff=cutoff)``."""
        if not self.left:
            return None
        floor = cutoff  # what the answer scores at least
        if self.left <= DIRECT_SCAN:
            survivors = np.flatnonzero(self.available)
        else:
            floor = max(cutoff, self._seed_score(query))
            survivors = self._may_reach(query, floor)
        if not len(survivors):
            return None
        texts = self.texts
        choices = [texts[number] for number in survivors.tolist()]
        # The seed's best sentence survives with exactly ``floor``, so nothing scoring less can be the answer; telling
        # rapidfuzz lets it give up early on those. The slack keeps its cutoff arithmetic from dropping that sentence.
        found = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=max(cutoff, floor - _CUTOFF_SLACK))
        if found is None:
            return None
        return int(survivors[found[2]]), float(found[1])

    def _seed_score(self, query: str) -> float:
        """The best ratio among a few available old sentences sharing the query's rarest words (0 without any)."""
        postings = self._postings
        if postings is None:
            postings = self._postings = {}
            for number, text in enumerate(self.texts):
                for word in set(_words(text)):
                    postings.setdefault(word, []).append(number)
        lists = sorted((found for word in set(_words(query)) if (found := postings.get(word))), key=len)
        free = self._free
        chosen: dict[int, None] = {}
        for found in lists:
            for number in found:
                if free[number]:
                    chosen[number] = None
            if len(chosen) >= SEED_CANDIDATES:
                break
        if not chosen:
            return 0.0
        texts = self.texts
        return process.extractOne(query, [texts[number] for number in chosen], scorer=fuzz.ratio)[1]

    def _may_reach(self, query: str, bound: float) -> np.ndarray:
        """Available old sentences whose ratio to ``query`` can reach ``bound``, in catalog order."""
        size = len(query)
        share = max(bound - _MARGIN, 0.0) / 200.0
        lengths = self._length_list
        if share >= 0.5:
            low, high = size, size
        else:
            low, high = size * share / (1 - share), size * (1 - share) / share if share else math.inf
        start = bisect_left(lengths, math.floor(low - 1e-9))
        stop = bisect_right(lengths, math.ceil(high + 1e-9)) if high != math.inf else len(lengths)
        if start >= stop:
            return np.zeros(0, dtype=np.int64)
        shared = np.minimum(self.sorted_classes[start:stop], _class_counts(query)) @ self._ones
        keep = shared >= (bound - _MARGIN) / 200.0 * (self.sorted_lengths[start:stop] + size)
        keep &= self.sorted_available[start:stop]
        return np.sort(self.by_length[start:stop][keep])


def _points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _class_counts(text: str) -> np.ndarray:
    """The characters of ``text`` per class (float32: exact for counts below 2**24)."""
    return np.bincount(_points(text) % _CLASSES, minlength=_CLASSES).astype(np.float32)


def _class_matrix(texts: list[str], lengths: np.ndarray) -> np.ndarray:
    """:func:`_class_counts` of every text, one row each, in one pass over all their characters."""
    if not texts:
        return np.zeros((0, _CLASSES), dtype=np.float32)
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    cells = rows * _CLASSES + (_points("".join(texts)) % _CLASSES)
    counts = np.bincount(cells, minlength=len(texts) * _CLASSES)
    return counts.reshape(len(texts), _CLASSES).astype(np.float32)
