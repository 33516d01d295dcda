"""The cost of linking English items to target items: length, anchors, words and, where MT is at hand, similarity.

* **Length** (Gale and Church): a translation's length in characters is about ``ratio`` times the English
  one, with a variance growing with the length. ``ratio`` is measured on the document pair itself (Chinese is
  about a third of the English, French and Spanish about 1.15), so no table has to be right for every text.
* **Anchors** (:mod:`translate.align.anchors`): each strong anchor on one side only costs, each shared anchor
  earns; weak anchors only earn.
* **Words** (:mod:`translate.align.lexicon`): the overlap of cognate and lexicon keys earns above a base rate.
* **MT similarity** (the Bleualign idea): with an engine, the chrF of the English item's machine translation
  against the target item earns in proportion (sentence level).
* A prior per bead shape: 1:1 is by far the most common; omissions, additions, merges and splits cost more.

Costs are computed a row at a time with numpy (:meth:`CostModel.row_cost`): the features of every English and
target bead are precomputed, and shared anchors and keys are counted through postings lists.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from translate.align.anchors import Anchors
from translate.align.lexicon import overlap

BEAD_PRIOR: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.02),
    (0, 1): -math.log(0.02),
    (2, 1): -math.log(0.045),
    (1, 2): -math.log(0.045),
    (2, 2): -math.log(0.011),
    (3, 1): -math.log(0.004),
    (1, 3): -math.log(0.004),
}
"""-log P(bead shape), after Gale and Church's counts, with omissions and additions made likelier (real
document pairs differ by whole paragraphs more often than their parliamentary proceedings did)."""

VARIANCE = 6.8
"""Gale and Church's variance of the target length per English character."""
STRONG_MISMATCH = 2.5
STRONG_MATCH = 2.0
WEAK_MATCH = 0.7
MT_WEIGHT = 4.0
LEXICAL_WEIGHT = 14.0
LEXICAL_BASE = 0.1
"""Word evidence: key overlap above ``LEXICAL_BASE`` earns, below it costs."""
CELL_MERGE_COST = 1e6
"""A merged bead that holds a table cell: as good as impossible."""
ORPHAN_KEYS = 8
ORPHAN_COST = 3.0
"""An item of a merged bead (2:1, 1:2 ...) with at least ``ORPHAN_KEYS`` keys and none shared with the other side
costs ``ORPHAN_COST``: it is likelier an omission or an addition than half of a merge."""

_TABLE_STEP = 0.01
_TABLE_X = np.arange(0.0, 12.0 + _TABLE_STEP, _TABLE_STEP)
_TABLE_COST = np.array([-math.log(max(math.erfc(x / math.sqrt(2)), 1e-300)) for x in _TABLE_X])


@dataclass
class Item:
    """One paragraph or sentence as the aligner sees it."""

    text: str
    length: int
    anchors: Anchors
    mt: str | None = None
    keys: frozenset[str] = frozenset()
    """Cognate and lexicon keys (:mod:`translate.align.lexicon`)."""
    cell: bool = False
    """A table cell: linked alone or left alone, never merged with its neighbours (rows are often reordered)."""


@dataclass
class _Bead:
    """The joined features of ``k`` consecutive items."""

    length: int
    strong: frozenset[str]
    """Strong anchors as counted keys ("2030#1", "2030#2"), so that a set intersection counts min(a, b)."""
    weak: frozenset[str]
    keys: frozenset[str]
    counter: Counter[str]
    text: str
    cell: bool = False
    """A bead of several items that holds a table cell."""


def _counted(counter: Counter[str]) -> frozenset[str]:
    return frozenset(f"{key}#{n}" for key, count in counter.items() for n in range(1, count + 1))


def _join(items: Sequence[Item], english: bool) -> _Bead:
    strong: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    for item in items:
        strong.update(item.anchors.strong)
        weak.update(item.anchors.weak)
    keys = frozenset().union(*(item.keys for item in items)) if len(items) > 1 else items[0].keys
    text = " ".join((item.mt or "") if english else item.text for item in items)
    cell = len(items) > 1 and any(item.cell for item in items)
    return _Bead(sum(item.length for item in items), _counted(strong), frozenset(weak), keys, strong, text, cell)


class _Side:
    """The beads of one side for each size 1..3, and postings (feature -> bead starts) for the target side."""

    def __init__(self, items: Sequence[Item], english: bool, sizes: Sequence[int]) -> None:
        self.beads: dict[int, list[_Bead]] = {}
        self.lengths: dict[int, np.ndarray] = {}
        self.strong_sizes: dict[int, np.ndarray] = {}
        self.key_sizes: dict[int, np.ndarray] = {}
        self.cells: dict[int, np.ndarray] = {}
        self.postings: dict[tuple[int, str], dict[str, np.ndarray]] = {}
        for size in sizes:
            beads = [_join(items[start : start + size], english) for start in range(len(items) - size + 1)]
            self.beads[size] = beads
            self.lengths[size] = np.array([bead.length for bead in beads], dtype=np.float64)
            self.strong_sizes[size] = np.array([len(bead.strong) for bead in beads], dtype=np.float64)
            self.key_sizes[size] = np.array([len(bead.keys) for bead in beads], dtype=np.float64)
            self.cells[size] = np.array([bead.cell for bead in beads], dtype=bool)
            if not english:
                for feature in ("strong", "weak", "keys"):
                    self.postings[(size, feature)] = _postings(getattr(bead, feature) for bead in beads)
                common = _common_keys(self.postings[(size, "keys")], len(beads))
                for key in common:
                    del self.postings[(size, "keys")][key]


def _postings(sets: object) -> dict[str, np.ndarray]:
    found: dict[str, list[int]] = {}
    for position, features in enumerate(sets):  # type: ignore[arg-type]
        for feature in features:
            found.setdefault(feature, []).append(position)
    return {feature: np.array(positions, dtype=np.int64) for feature, positions in found.items()}


COMMON_SHARE = 0.25
"""A key found in more than this share of the target items (and in more than 20) tells nothing: it is dropped
from the postings, which also keeps the search fast."""


def _common_keys(postings: dict[str, np.ndarray], items: int) -> list[str]:
    limit = max(20, int(COMMON_SHARE * items))
    return [key for key, positions in postings.items() if len(positions) > limit]


def _shared(features: frozenset[str], postings: dict[str, np.ndarray], start: int, stop: int) -> np.ndarray:
    """How many of ``features`` each target bead ``start .. stop`` has."""
    hits = [postings[feature] for feature in features if feature in postings]
    if not hits:
        return np.zeros(stop - start + 1)
    positions = np.concatenate(hits)
    positions = positions[(positions >= start) & (positions <= stop)]
    return np.bincount(positions - start, minlength=stop - start + 1).astype(np.float64)


@dataclass
class CostModel:
    """Costs for one document pair: ``english`` and ``target`` items and the measured length ratio."""

    english: Sequence[Item]
    target: Sequence[Item]
    ratio: float
    use_mt: bool = False
    largest: int = 3
    """The largest number of items on one side of a bead."""
    _english: _Side = field(init=False)
    _target: _Side = field(init=False)

    def __post_init__(self) -> None:
        self._english = _Side(self.english, True, range(1, min(self.largest, len(self.english)) + 1))
        self._target = _Side(self.target, False, range(1, min(self.largest, len(self.target)) + 1))

    def row_cost(self, bead: tuple[int, int], i: int, start: int, stop: int) -> np.ndarray:
        """Costs of the beads ``english[i:i+k] <-> target[j:j+l]`` for ``j`` in ``start .. stop``."""
        k, size = bead
        prior = BEAD_PRIOR[bead]
        if k == 0:
            return prior + 0.5 * STRONG_MISMATCH * self._target.strong_sizes[1][start : stop + 1]
        english = self._english.beads[k][i]
        if english.cell:
            return np.full(stop - start + 1, CELL_MERGE_COST)
        if size == 0:
            return np.full(stop - start + 1, prior + 0.5 * STRONG_MISMATCH * len(english.strong))
        target = self._target
        lengths = target.lengths[size][start : stop + 1]
        total = prior + _length_costs(english.length, lengths, self.ratio)
        if size > 1:
            total[target.cells[size][start : stop + 1]] = CELL_MERGE_COST
        matched = _shared(english.strong, target.postings[(size, "strong")], start, stop)
        unmatched = len(english.strong) + target.strong_sizes[size][start : stop + 1] - 2 * matched
        total += STRONG_MISMATCH * unmatched - STRONG_MATCH * matched
        if english.weak:
            total -= WEAK_MATCH * _shared(english.weak, target.postings[(size, "weak")], start, stop)
        if english.keys:
            key_sizes = target.key_sizes[size][start : stop + 1]
            shared = _shared(english.keys, target.postings[(size, "keys")], start, stop)
            with np.errstate(divide="ignore", invalid="ignore"):
                lexical = np.where(key_sizes > 0, shared / np.sqrt(len(english.keys) * key_sizes), LEXICAL_BASE)
            total -= LEXICAL_WEIGHT * (lexical - LEXICAL_BASE)
            if k > 1 or size > 1:
                total += self._orphans(english, i, k, size, start, stop)
        if self.use_mt and english.text.strip():
            for offset in range(stop - start + 1):
                reference = target.beads[size][start + offset].text
                total[offset] -= MT_WEIGHT * (similarity(english.text, reference) - 0.2)
        return total

    def _orphans(self, english: _Bead, i: int, k: int, size: int, start: int, stop: int) -> np.ndarray:
        """The cost of the items of a merged bead that share no word with the other side (an omitted paragraph
        absorbed by its neighbour's link looks like that): each item with enough keys and none shared."""
        target = self._target
        cost = np.zeros(stop - start + 1)
        if k > 1:
            for offset in range(k):
                keys = self._english.beads[1][i + offset].keys
                if len(keys) >= ORPHAN_KEYS:
                    cost += ORPHAN_COST * (_shared(keys, target.postings[(size, "keys")], start, stop) == 0)
        if size > 1:
            last = len(target.beads[1]) - 1
            for offset in range(size):
                low, high = start + offset, min(stop + offset, last)
                if low > high:
                    continue
                shared = _shared(english.keys, target.postings[(1, "keys")], low, high)
                lonely = (target.key_sizes[1][low : high + 1] >= ORPHAN_KEYS) & (shared == 0)
                cost[: high - low + 1] += ORPHAN_COST * lonely
        return cost

    def score(self, i: int, k: int, j: int, size: int) -> float:
        """A confidence in 0..1 for a link: length agreement times anchor and word agreement (and MT)."""
        if not k or not size:
            return 0.0
        return _bead_score(self._english.beads[k][i], self._target.beads[size][j], (k, size), self.ratio, self.use_mt)


def pair_score(english: Item, target: Item, ratio: float, use_mt: bool = False) -> float:
    """:meth:`CostModel.score` of a 1:1 link, without a model."""
    return _bead_score(_join([english], True), _join([target], False), (1, 1), ratio, use_mt)


def _bead_score(english: _Bead, target: _Bead, shape: tuple[int, int], ratio: float, use_mt: bool) -> float:
    delta = length_delta(english.length, target.length, ratio)
    value = math.exp(-(delta**2) / 8.0)
    matched = len(english.strong & target.strong)
    unmatched = len(english.strong) + len(target.strong) - 2 * matched
    if matched or unmatched:
        value *= (1 + 2 * matched) / (1 + 2 * matched + unmatched)
    if min(len(english.keys), len(target.keys)) >= 4:  # enough words for their absence to mean something
        value *= min(1.0, 0.6 + 2 * overlap(english.keys, target.keys))
    if shape != (1, 1):
        value *= 0.9
    if use_mt and english.text.strip():
        value = 0.5 * value + 0.5 * min(1.0, similarity(english.text, target.text) * 2)
    return value


def length_delta(english: float, target: float, ratio: float) -> float:
    """Gale and Church's delta: how many standard deviations ``target`` is from ``ratio`` x ``english``."""
    expected = (english + target / ratio) / 2
    return (target / ratio - english) / math.sqrt(VARIANCE * max(expected, 1.0))


def _length_costs(english: float, targets: np.ndarray, ratio: float) -> np.ndarray:
    """-log of the two-sided tail probability of the length delta, for many targets at once."""
    scaled = targets / ratio
    deltas = np.abs(scaled - english) / np.sqrt(VARIANCE * np.maximum((english + scaled) / 2, 1.0))
    costs = np.interp(deltas, _TABLE_X, _TABLE_COST)
    beyond = deltas > _TABLE_X[-1]
    if beyond.any():
        costs[beyond] += (deltas[beyond] - _TABLE_X[-1]) * _TABLE_X[-1]
    return costs


def similarity(hypothesis: str, reference: str) -> float:
    """chrF (sacrebleu) of a machine translation against a target text, in 0..1."""
    from sacrebleu.metrics import CHRF

    if not hypothesis.strip() or not reference.strip():
        return 0.0
    return CHRF().sentence_score(hypothesis, [reference]).score / 100.0
