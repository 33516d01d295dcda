"""The fuzzy index: an inverted index of normalised tokens, top candidates by overlap, exact scoring.

Every unit's normalised tokens (see :mod:`translate.memory.score`) are mapped to one character each (token
ids in frequency order, shifted past control characters and surrogates), so a unit becomes a short string and
``rapidfuzz`` computes the token edit distance in C.

A query:

1. looks up its tokens' postings, rarest first, until ``posting_budget`` postings are taken (the very common
   tokens of a large memory - "the", "of" - add little and cost most);
2. adds their idf weights per unit (``numpy.bincount``) and keeps the ``candidates`` units with the largest
   overlap;
3. scores those exactly with rapidfuzz and finishes the best ones with the penalties of the score.

``exhaustive=True`` skips 1-2 and scores every unit: the ground truth that recall is measured against.

On disk (a cache folder, never the truth): ``vocab.json`` (tokens by id), ``tok.npy``/``tok_off.npy`` (each
unit's token characters as uint32 code points), ``post.npy``/``post_off.npy`` (the units of each token).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from itertools import chain, pairwise
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

FIRST_CODE_POINT = 0x21
SURROGATES = (0xD800, 0xE000)
MAX_TOKENS = 0x10FFFF - FIRST_CODE_POINT - (SURROGATES[1] - SURROGATES[0])
DEFAULT_CANDIDATES = 400
DEFAULT_POSTING_BUDGET = None
"""None: ``n // 16`` postings, at least 20,000 and at most 100,000 (tuned on the benchmark, see the README)."""


def posting_budget_for(units: int) -> int:
    return min(max(20_000, units // 16), 100_000)


def code_points(ids: np.ndarray) -> np.ndarray:
    """Token ids -> code points (skipping control characters and surrogates)."""
    points = np.minimum(ids.astype(np.int64), MAX_TOKENS - 1) + FIRST_CODE_POINT
    points[points >= SURROGATES[0]] += SURROGATES[1] - SURROGATES[0]
    return points


class TokenIndex:
    """Inverted index over the token strings of ``n`` units."""

    def __init__(
        self,
        vocab: list[str],
        tok: np.ndarray,
        tok_off: np.ndarray,
        post: np.ndarray,
        post_off: np.ndarray,
    ) -> None:
        self.vocab = vocab
        points = code_points(np.arange(len(vocab)))
        self.chars = {token: chr(point) for token, point in zip(vocab, points.tolist(), strict=True)}
        self.tok = np.asarray(tok)
        self.tok_off = tok_off
        self.post = np.asarray(post)
        self.post_off = np.asarray(post_off)
        self.n = len(tok_off) - 1
        self._strings: list[str] | None = None
        self._overlap: np.ndarray | None = None
        self._lock = threading.Lock()

    # Building ------------------------------------------------------------------------------------------

    @classmethod
    def build(cls, unit_tokens: Sequence[Sequence[str]]) -> TokenIndex:
        """Index the normalised token lists of the units (ids in descending frequency)."""
        first_seen = {token: number for number, token in enumerate(dict.fromkeys(chain.from_iterable(unit_tokens)))}
        lengths = np.fromiter(map(len, unit_tokens), dtype=np.int64, count=len(unit_tokens))
        total = int(lengths.sum())
        ids = np.fromiter(map(first_seen.__getitem__, chain.from_iterable(unit_tokens)), dtype=np.int64, count=total)
        by_frequency = np.argsort(-np.bincount(ids, minlength=len(first_seen)), kind="stable")
        rank = np.empty_like(by_frequency)
        rank[by_frequency] = np.arange(len(by_frequency))
        ids = rank[ids]
        tokens_in_order = list(first_seen)
        vocab = [tokens_in_order[number] for number in by_frequency.tolist()]
        tok_off = np.zeros(len(unit_tokens) + 1, dtype=np.int64)
        np.cumsum(lengths, out=tok_off[1:])
        tok = code_points(ids).astype("<u4")
        post, post_off = _postings(ids, lengths, len(vocab))
        return cls(vocab, tok, tok_off, post, post_off)

    def save(self, folder: Path) -> None:
        (folder / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        for name in ("tok", "tok_off", "post", "post_off"):
            np.save(folder / f"{name}.npy", getattr(self, name))

    @classmethod
    def load(cls, folder: Path) -> TokenIndex:
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ("tok", "post", "post_off")}
        tok_off = np.load(folder / "tok_off.npy")
        return cls(vocab, arrays["tok"], tok_off, arrays["post"], arrays["post_off"])

    # Querying ------------------------------------------------------------------------------------------

    @property
    def strings(self) -> list[str]:
        """Every unit's token string (built on first use from ``tok``)."""
        if self._strings is None:
            data = np.asarray(self.tok).tobytes().decode("utf-32-le")
            offsets = self.tok_off.tolist()
            self._strings = [data[start:end] for start, end in pairwise(offsets)]
        return self._strings

    def query_string(self, tokens: Sequence[str]) -> tuple[str, list[int]]:
        """The query as a token string (unknown tokens get fresh characters) and its known token ids."""
        chars: list[str] = []
        known: list[int] = []
        fresh = len(self.vocab)
        unknown: dict[str, str] = {}
        for token in tokens:
            char = self.chars.get(token)
            if char is None:
                char = unknown.get(token)
                if char is None:
                    char = chr(int(code_points(np.array([fresh + len(unknown)]))[0]))
                    unknown[token] = char
            else:
                known.append(self._id_of(char))
            chars.append(char)
        return "".join(chars), known

    @staticmethod
    def _id_of(char: str) -> int:
        point = ord(char)
        return point - FIRST_CODE_POINT - (SURROGATES[1] - SURROGATES[0] if point >= SURROGATES[1] else 0)

    def candidates(
        self,
        known_ids: Sequence[int],
        *,
        limit: int = DEFAULT_CANDIDATES,
        posting_budget: int | None = DEFAULT_POSTING_BUDGET,
        live: np.ndarray | None = None,
    ) -> np.ndarray:
        """Unit numbers sharing the most (idf-weighted) tokens with the query, at most ``limit`` of them
        (only units where ``live`` is true, when given).

        The work is proportional to the postings read (at most ``posting_budget`` beyond the rarest token),
        not to the size of the memory: weights are added into a reusable accumulator and reset afterwards.
        """
        if not known_ids or self.n == 0:
            return np.zeros(0, dtype=np.int64)
        ids = np.unique(np.asarray(known_ids, dtype=np.int64))
        starts, ends = self.post_off[ids], self.post_off[ids + 1]
        df = ends - starts
        order = np.argsort(df, kind="stable")
        budget = posting_budget if posting_budget is not None else posting_budget_for(self.n)
        taken = np.cumsum(df[order]) <= budget
        taken[0] = True
        chosen = order[taken]
        weights = np.log1p(self.n / df[chosen]).astype(np.float32)
        post = self.post
        units = np.concatenate(
            [post[start:end] for start, end in zip(starts[chosen].tolist(), ends[chosen].tolist(), strict=True)]
        )
        positions = np.arange(len(units), dtype=np.float32)
        with self._lock:
            accumulator = self._accumulator()
            np.add.at(accumulator, units, np.repeat(weights, df[chosen]))
            overlap = accumulator[units]
            accumulator[units] = positions  # one position survives per unit: keeps each unit once
            once = accumulator[units] == positions
            accumulator[units] = 0
        units, overlap = units[once], overlap[once]
        if live is not None:
            alive = live[units]
            units, overlap = units[alive], overlap[alive]
        if len(units) > limit:
            units = units[np.argpartition(-overlap, limit - 1)[:limit]]
        return units.astype(np.int64)

    def _accumulator(self) -> np.ndarray:
        if self._overlap is None:
            self._overlap = np.zeros(self.n, dtype=np.float32)
        return self._overlap

    def _decoded(self, units: np.ndarray) -> list[str]:
        """The token strings of ``units`` alone, read from ``tok``."""
        tok, offsets = self.tok, self.tok_off
        return [
            np.asarray(tok[int(offsets[unit]) : int(offsets[unit + 1])]).tobytes().decode("utf-32-le")
            for unit in units.tolist()
        ]

    def similarities(self, query: str, units: np.ndarray | None, cutoff: float) -> tuple[np.ndarray, np.ndarray]:
        """Token similarity (0-1) of the query to ``units`` (every unit when None), those >= ``cutoff``."""
        if units is None:
            choices = self.strings
        elif self._strings is not None:
            choices = [self._strings[i] for i in units.tolist()]
        else:  # a few candidates: decode only theirs (a new process need not decode the whole memory first)
            choices = self._decoded(units)
        if not choices:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        scores = process.cdist(
            [query], choices, scorer=Levenshtein.normalized_similarity, score_cutoff=cutoff, dtype=np.float32
        )[0]
        keep = np.flatnonzero(scores >= cutoff - 1e-6)
        numbers = keep if units is None else units[keep]
        return numbers, scores[keep].astype(np.float64)


def _postings(ids: np.ndarray, lengths: np.ndarray, vocab_size: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR inverted index: for each token id, the sorted unique unit numbers that contain it."""
    count = max(len(lengths), 1)
    keys = ids.astype(np.int64) * count
    keys += np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    keys.sort()
    if len(keys):
        distinct = np.empty(len(keys), dtype=bool)
        distinct[0] = True
        np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
        keys = keys[distinct]
    post = (keys % count).astype(np.uint32)
    post_off = np.zeros(vocab_size + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys // count, minlength=vocab_size), out=post_off[1:])
    return post, post_off
