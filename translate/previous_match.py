"""Re-import's fuzzy matching: for each changed sentence, the most similar old sentence of its document.

The rule (unchanged since the first release): the changed sentences are taken in document order; each takes the
unused old sentence of the same document with the highest ``rapidfuzz.fuzz.ratio`` of at least
:data:`FUZZY_CUTOFF` (the first one in catalog order on a tie), and that old sentence is used up.

Scoring every changed sentence against every old one is quadratic (4,000 changed sentences took 4.3 s, 14,000
would take minutes). :class:`DocumentPool` gives exactly the same answer while scoring few pairs:

1. the old sentences sharing the most words with the query (the memory's token index, :mod:`translate.memory.index`)
   are scored first; the best of them is a lower bound ``m`` of the answer's score;
2. only old sentences that can still reach ``m`` are scored: ``ratio = 200 × LCS / (len1 + len2)`` and the LCS is
   at most the shorter length and at most the characters the two strings share (counted per character class),
   two upper bounds computed for all candidates at once with numpy;
3. the survivors (all of them when at most :data:`DIRECT_SCAN` are left) are scored with ``process.extractOne``
   in catalog order, so a tie goes to the first, as before.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from translate.memory.index import TokenIndex

FUZZY_CUTOFF = 60.0
"""Similarity (rapidfuzz ratio, 0-100) above which a changed sentence inherits an old translation."""
SEED_CANDIDATES = 8
"""Old sentences sharing the most words with the query, scored first to set the bound."""
DIRECT_SCAN = 1_500
"""With this many old sentences left or fewer, all are scored (the bounds cost more than they save)."""
SEED_POSTINGS = 2_000
"""Postings read for the seeds, rarest words first (the bound only needs a good guess, not the best)."""
_CLASSES = 32
"""Character classes for the shared-character bound (code point modulo this: a coarser class only loosens it)."""
_MARGIN = 1e-6
"""Bounds are compared with this slack, so floating-point rounding never prunes a candidate that ties."""


def _words(text: str) -> list[str]:
    return text.casefold().split()


class DocumentPool:
    """The old sentences of one document that a changed sentence may still take, in catalog order.

    Everything per sentence is also kept in order of length, so the sentences whose length can reach a score
    are one slice.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.by_length = np.argsort(lengths, kind="stable")
        self.sorted_lengths = lengths[self.by_length]
        classes = np.stack([_class_counts(text) for text in texts]) if texts else np.zeros((0, _CLASSES))
        self.sorted_classes = np.ascontiguousarray(classes[self.by_length], dtype=np.int16)
        self.available = np.ones(len(texts), dtype=bool)
        self.sorted_available = np.ones(len(texts), dtype=bool)
        self.position = np.empty(len(texts), dtype=np.int64)
        self.position[self.by_length] = np.arange(len(texts))
        self.left = len(texts)
        self._words: TokenIndex | None = None
        self._word_ids: dict[str, int] = {}

    def take_best(self, query: str, cutoff: float = FUZZY_CUTOFF) -> tuple[int, float] | None:
        """The number and score of the best available old sentence scoring at least ``cutoff``; it is used up."""
        found = self.best(query, cutoff)
        if found is not None:
            self.available[found[0]] = False
            self.sorted_available[self.position[found[0]]] = False
            self.left -= 1
        return found

    def best(self, query: str, cutoff: float = FUZZY_CUTOFF) -> tuple[int, float] | None:
        """As ``process.extractOne(query, available texts, scorer=fuzz.ratio, score_cutoff=cutoff)``."""
        if not self.left:
            return None
        if self.left <= DIRECT_SCAN:
            survivors = np.flatnonzero(self.available)
        else:
            survivors = self._may_reach(query, max(cutoff, self._seed_score(query)))
        if not len(survivors):
            return None
        choices = [self.texts[number] for number in survivors.tolist()]
        found = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            return None
        return int(survivors[found[2]]), float(found[1])

    def _seed_score(self, query: str) -> float:
        """The best ratio among the available old sentences sharing the most rare words with ``query``."""
        if self._words is None:
            self._words = TokenIndex.build([_words(text) for text in self.texts])
            self._word_ids = {word: number for number, word in enumerate(self._words.vocab)}
        word_ids = self._word_ids
        known = {word_ids[word] for word in _words(query) if word in word_ids}
        if not known:
            return 0.0
        index = self._words
        ids = np.fromiter(known, dtype=np.int64, count=len(known))
        starts, ends = index.post_off[ids], index.post_off[ids + 1]
        order = np.argsort(ends - starts, kind="stable")
        taken = np.cumsum((ends - starts)[order]) <= SEED_POSTINGS
        taken[0] = True
        chosen = order[taken]
        units = np.concatenate([index.post[starts[n] : ends[n]] for n in chosen.tolist()])
        weights = np.repeat(np.log1p(index.n / (ends - starts)[chosen]), (ends - starts)[chosen])
        units, inverse = np.unique(units, return_inverse=True)
        overlap = np.bincount(inverse, weights=weights)
        keep = self.available[units]
        units, overlap = units[keep], overlap[keep]
        if len(units) > SEED_CANDIDATES:
            units = units[np.argpartition(-overlap, SEED_CANDIDATES - 1)[:SEED_CANDIDATES]]
        if not len(units):
            return 0.0
        return max(fuzz.ratio(query, self.texts[number]) for number in units.tolist())

    def _may_reach(self, query: str, bound: float) -> np.ndarray:
        """Available old sentences whose ratio to ``query`` can reach ``bound``, in catalog order."""
        size = len(query)
        share = max(bound - _MARGIN, 0.0) / 200.0
        if share >= 0.5:
            low, high = size, size
        else:
            low, high = size * share / (1 - share), size * (1 - share) / share if share else np.inf
        start = int(np.searchsorted(self.sorted_lengths, np.floor(low - 1e-9), side="left"))
        stop = int(np.searchsorted(self.sorted_lengths, np.ceil(high + 1e-9), side="right"))
        if start >= stop:
            return np.zeros(0, dtype=np.int64)
        shared = np.minimum(self.sorted_classes[start:stop], _class_counts(query).astype(np.int16)).sum(axis=1)
        keep = 200.0 * shared >= (bound - _MARGIN) * (self.sorted_lengths[start:stop] + size)
        keep &= self.sorted_available[start:stop]
        return np.sort(self.by_length[start:stop][keep])


def _class_counts(text: str) -> np.ndarray:
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return np.bincount(points % _CLASSES, minlength=_CLASSES).astype(np.int32)
