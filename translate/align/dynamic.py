"""Dynamic programming over two sequences, as Gale and Church (1993) align sentences: each step takes a *bead*
of ``k`` items from the English side and ``l`` from the other (1:1, 1:0, 0:1, 2:1, 1:2, 2:2 ...) and the path
of least total cost wins.

The search runs in a band around the diagonal (or, for a second pass, in a corridor around an earlier path), and
one row at a time with numpy: the beads that come from earlier rows are a vectorised minimum, and the 0:1 beads
inside a row (target items with no English) are a running minimum. A 100-page document pair is aligned in
seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

Bead = tuple[int, int]
Path = list[tuple[int, int, int, int]]
"""Beads ``(i, k, j, n)``: English items ``i .. i+k`` linked with target items ``j .. j+n``."""
RowCost = Callable[[Bead, int, int, int], np.ndarray]
"""row_cost(bead, i, j_from, j_to): the costs of the beads that *start* at English item ``i`` and target items
``j_from .. j_to`` (inclusive), as a float array."""

PARAGRAPH_BEADS: tuple[Bead, ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
SENTENCE_BEADS: tuple[Bead, ...] = PARAGRAPH_BEADS
FIRST_PASS_BEADS: tuple[Bead, ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
"""The first, wide search over paragraphs: the common shapes only (the second pass, near its path, has all)."""


def band_width(n: int, m: int) -> int:
    """Half-width of the band: the difference in length plus a margin that grows with the square root."""
    return abs(n - m) + 30 + int(3 * max(n, m) ** 0.5)


def band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows' first and last searched columns around the diagonal."""
    width = band_width(n, m)
    rows = np.arange(n + 1)
    centre = np.rint(rows * (m / n)).astype(np.int64) if n else np.zeros(1, dtype=np.int64)
    low = np.clip(centre - width, 0, m)
    high = np.clip(centre + width, 0, m)
    low[0], high[n] = 0, m
    return _connected(low, high)


def corridor(path: Path, n: int, m: int, margin: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """The cells within ``margin`` of an earlier path."""
    low = np.full(n + 1, m, dtype=np.int64)
    high = np.zeros(n + 1, dtype=np.int64)
    for i, k, j, size in path:
        for row in range(i, i + k + 1):
            low[row] = min(low[row], j)
            high[row] = max(high[row], j + size)
    low = np.clip(low - margin, 0, m)
    high = np.clip(high + margin, 0, m)
    low[0], high[n] = 0, m
    return _connected(low, high)


def _connected(low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's band starts no later than the previous one ends, and ends no earlier than the next starts."""
    low = np.minimum.accumulate(low[::-1])[::-1]
    high = np.maximum.accumulate(high)
    return low, high


def align(
    n: int,
    m: int,
    row_cost: RowCost,
    beads: Sequence[Bead] = SENTENCE_BEADS,
    limits: tuple[np.ndarray, np.ndarray] | None = None,
) -> Path:
    """The least-cost path as beads ``(i, k, j, l)`` in order, covering ``0..n`` and ``0..m`` exactly."""
    if n == 0 and m == 0:
        return []
    low, high = limits if limits is not None else band(n, m)
    steps = [bead for bead in beads if bead[0] > 0]
    insert = (0, 1) in beads
    table: list[np.ndarray] = []
    choice: list[np.ndarray] = []
    for i in range(n + 1):
        lo, hi = int(low[i]), int(high[i])
        best = np.full(hi - lo + 1, np.inf)
        chosen = np.full(hi - lo + 1, -1, dtype=np.int64)
        if i == 0:
            best[0 - lo] = 0.0
        for number, (k, size) in enumerate(steps):
            if i - k < 0:
                continue
            _relax(best, chosen, number, table[i - k], int(low[i - k]), int(high[i - k]), lo, hi, k, size, i, row_cost)
        if insert:
            _insertions(best, chosen, lo, hi, i, row_cost, len(steps))
        table.append(best)
        choice.append(chosen)
    return _trace(n, m, low, choice, [*steps, (0, 1)])


def _relax(
    best: np.ndarray,
    chosen: np.ndarray,
    number: int,
    previous: np.ndarray,
    prev_lo: int,
    prev_hi: int,
    lo: int,
    hi: int,
    k: int,
    size: int,
    i: int,
    row_cost: RowCost,
) -> None:
    """Beads of ``k`` English items ending in row ``i``: from row ``i - k``, ``size`` columns back."""
    start = max(lo, prev_lo + size)
    stop = min(hi, prev_hi + size)
    if start > stop:
        return
    origins = previous[start - size - prev_lo : stop - size - prev_lo + 1]
    candidate = origins + row_cost((k, size), i - k, start - size, stop - size)
    window = best[start - lo : stop - lo + 1]
    better = candidate < window
    window[better] = candidate[better]
    chosen[start - lo : stop - lo + 1][better] = number


def _insertions(best: np.ndarray, chosen: np.ndarray, lo: int, hi: int, i: int, row_cost: RowCost, number: int) -> None:
    """0:1 beads along the row: best[j] = min(best[j], best[j-1] + cost(j-1)), as a running minimum."""
    if hi <= lo:
        return
    steps = np.concatenate(([0.0], np.cumsum(row_cost((0, 1), i, lo, hi - 1))))
    shifted = best - steps
    running = np.minimum.accumulate(shifted)
    positions = np.arange(len(best))
    origin = np.maximum.accumulate(np.where(shifted <= running, positions, -1))
    updated = running + steps
    moved = (origin < positions) & (updated < best)
    best[moved] = updated[moved]
    chosen[moved] = number


def _trace(n: int, m: int, low: np.ndarray, choice: list[np.ndarray], beads: Sequence[Bead]) -> Path:
    path: Path = []
    i, j = n, m
    while i > 0 or j > 0:
        number = int(choice[i][j - int(low[i])])
        if number < 0:
            raise RuntimeError(f"no alignment path reaches ({i}, {j})")
        k, size = beads[number]
        i, j = i - k, j - size
        path.append((i, k, j, size))
    path.reverse()
    return path
