"""The stored form of a memory's index: segments of units, each read from some TMX files, and a search across them.

A **segment** (:class:`LanguageIndex`) holds the units with a ``source_lang`` variant of one or more TMX files:
the source text, each target language's text, the origin (file and ``tuid``), a hash of the context (the
``x-context-prev`` / ``x-context-next`` properties) and the token index (:mod:`translate.memory.index`). A memory's
index is a list of segments (:class:`SegmentedIndex`): usually one large segment built from every file and a few
small ones built from the files added or changed since (a write-back of approvals, a small ``tm import``), so that
adding units costs in proportion to the new units. Units of a file that changed since its segment was built are
masked out of that segment (the file's new content is in a newer segment).

Search gives the same matches as one segment built from every file: the token similarity does not depend on the
token ids; candidates are chosen in each segment, scored exactly, and ranked together, ties going to the unit
that comes first in the memory's file order (as in a single segment).
"""

from __future__ import annotations

import hashlib
import json
import mmap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from translate.formats.tmx import TmxReader
from translate.memory.index import DEFAULT_CANDIDATES, DEFAULT_POSTING_BUDGET, TokenIndex
from translate.memory.score import context_key, finish_score, in_context_score, match_tokens

DEFAULT_MIN_SCORE = 65.0
SMALL_SEGMENT = 2_000
"""Segments up to this many units are scored whole (exhaustively): as cheap as their candidate search."""


@dataclass
class Match:
    """One memory match for a query."""

    source: str
    target: str
    score: int
    origin: str
    """``<folder>/<file>#<tuid>``, e.g. ``memories/glotip-2022.tmx#17``."""
    context: bool = False
    """True for a context match (score 101): same previous and next source segments."""
    numbers: dict[str, list[str]] | None = None
    penalties: list[str] = field(default_factory=list)
    base: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: source, target, score, origin (+ ``context: true``, ``numbers`` when they apply)."""
        data: dict[str, Any] = {
            "source": self.source,
            "target": self.target,
            "score": self.score,
            "origin": self.origin,
        }
        if self.context:
            data["context"] = True
        if self.numbers:
            data["numbers"] = self.numbers
        return data


def file_label(path: Path) -> str:
    """How an origin names a file: its folder and name (``memories/glotip-2022.tmx``)."""
    parent = path.parent.name
    return f"{parent}/{path.name}" if parent else path.name


class _Blob:
    """Many strings as one UTF-8 byte string and offsets (memory-mapped when loaded)."""

    def __init__(self, data: bytes | mmap.mmap, offsets: np.ndarray) -> None:
        self.data = data
        self.offsets = offsets

    @classmethod
    def from_strings(cls, texts: Sequence[str | None]) -> _Blob:
        encoded = [(text or "").encode("utf-8") for text in texts]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
        return cls(b"".join(encoded), offsets)

    def __getitem__(self, number: int) -> str:
        offsets = self.offsets
        return self.data[int(offsets[number]) : int(offsets[number + 1])].decode("utf-8")

    def save(self, folder: Path, name: str) -> None:
        (folder / f"{name}.bin").write_bytes(bytes(self.data))
        np.save(folder / f"{name}_off.npy", self.offsets)

    @classmethod
    def load(cls, folder: Path, name: str) -> _Blob:
        path = folder / f"{name}.bin"
        data: bytes | mmap.mmap = b""
        if path.stat().st_size:
            with open(path, "rb") as handle:
                data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return cls(data, np.load(folder / f"{name}_off.npy"))


def hash_context(key: str | None) -> int:
    """64-bit hash of a context key (0: no context)."""
    if key is None:
        return 0
    value = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)
    return value or 1


class LanguageIndex:
    """One segment: everything needed to search the units of some files that have a ``source_lang`` variant."""

    def __init__(
        self,
        source_lang: str,
        tokens: TokenIndex,
        sources: _Blob,
        targets: dict[str, tuple[_Blob, np.ndarray]],
        files: list[str],
        file_of: np.ndarray,
        tuids: _Blob,
        contexts: np.ndarray,
        meta: dict[str, Any],
    ) -> None:
        self.source_lang = source_lang
        self.tokens = tokens
        self.sources = sources
        self.targets = targets
        self.files = files
        self.file_of = file_of
        self.tuids = tuids
        self.contexts = contexts
        self.meta = meta
        per_file = np.asarray(meta.get("units_per_file", [self.size]), dtype=np.int64)
        self.file_start = np.concatenate([[0], np.cumsum(per_file)[:-1]]).astype(np.int64)

    @property
    def size(self) -> int:
        return self.tokens.n

    def origin(self, number: int) -> str:
        return f"{self.files[int(self.file_of[number])]}#{self.tuids[number]}"

    def save(self, folder: Path) -> None:
        self.tokens.save(folder)
        self.sources.save(folder, "src")
        self.tuids.save(folder, "tuid")
        for lang, (blob, has) in self.targets.items():
            blob.save(folder, f"tgt_{lang}")
            np.save(folder / f"has_{lang}.npy", has)
        np.save(folder / "file_of.npy", self.file_of)
        np.save(folder / "ctx.npy", self.contexts)
        (folder / "meta.json").write_text(json.dumps(self.meta, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LanguageIndex:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        targets = {
            lang: (_Blob.load(folder, f"tgt_{lang}"), np.load(folder / f"has_{lang}.npy")) for lang in meta["targets"]
        }
        return cls(
            meta["source_lang"],
            TokenIndex.load(folder),
            _Blob.load(folder, "src"),
            targets,
            meta["labels"],
            np.load(folder / "file_of.npy"),
            _Blob.load(folder, "tuid"),
            np.load(folder / "ctx.npy"),
            meta,
        )

    # Search --------------------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        target_lang: str,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        limit: int = 5,
        exhaustive: bool = False,
        context: tuple[str | None, str | None] | None = None,
        candidates: int = DEFAULT_CANDIDATES,
        posting_budget: int | None = DEFAULT_POSTING_BUDGET,
    ) -> list[Match]:
        """The best ``limit`` matches scoring at least ``min_score``, best first (this segment alone)."""
        return SegmentedIndex([Part(self, None)]).search(
            query,
            target_lang,
            min_score=min_score,
            limit=limit,
            exhaustive=exhaustive,
            context=context,
            candidates=candidates,
            posting_budget=posting_budget,
        )

    def scored(
        self,
        query_tokens: list[str],
        query: str,
        target_lang: str,
        cutoff: float,
        *,
        live: np.ndarray | None,
        exhaustive: bool,
        candidates: int,
        posting_budget: int | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Units (not masked, with a ``target_lang`` text) and their token similarity (0-1) >= ``cutoff``."""
        if target_lang not in self.targets or self.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        has_target = self.targets[target_lang][1]
        if not query_tokens:
            if exhaustive:
                units, sims = self.tokens.similarities("", None, cutoff)
            else:
                units, sims = self._identical(query, has_target)
        else:
            query_string, known = self.tokens.query_string(query_tokens)
            if exhaustive or self.size <= SMALL_SEGMENT:
                units, sims = self.tokens.similarities(query_string, None, cutoff)
            else:
                found = self.tokens.candidates(known, limit=candidates, posting_budget=posting_budget, live=live)
                units, sims = self.tokens.similarities(query_string, found, cutoff)
        keep = has_target[units]
        if live is not None:
            keep &= live[units]
        return units[keep], sims[keep]

    def _identical(self, query: str, has_target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Units without any word token (a lone symbol, a number-free heading): scanned for equal text."""
        empty = np.flatnonzero((np.diff(self.tokens.tok_off) == 0) & has_target)
        same = np.array([n for n in empty.tolist() if self.sources[n].strip() == query.strip()], dtype=np.int64)
        return same, np.ones(len(same))


@dataclass
class Part:
    """A segment as a memory uses it: which units are masked out, and where its files rank in the memory."""

    segment: LanguageIndex
    live: np.ndarray | None
    """False for units of files changed or removed since the segment was built (None: all live)."""
    file_ranks: np.ndarray | None = None
    """Rank in the memory's file order of each of the segment's files (None: the segment's own order)."""

    def order_keys(self, units: np.ndarray) -> np.ndarray:
        """A key per unit that sorts as unit numbers do in one segment built from the memory's files in order."""
        segment = self.segment
        files = segment.file_of[units].astype(np.int64)
        ranks = files if self.file_ranks is None else self.file_ranks[files]
        return (ranks << 32) + (units - segment.file_start[files])


class SegmentedIndex:
    """The index of a memory: its segments, searched together."""

    def __init__(self, parts: list[Part]) -> None:
        self.parts = parts

    @property
    def size(self) -> int:
        return sum(int(part.live.sum()) if part.live is not None else part.segment.size for part in self.parts)

    def search(
        self,
        query: str,
        target_lang: str,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        limit: int = 5,
        exhaustive: bool = False,
        context: tuple[str | None, str | None] | None = None,
        candidates: int = DEFAULT_CANDIDATES,
        posting_budget: int | None = DEFAULT_POSTING_BUDGET,
    ) -> list[Match]:
        """The best ``limit`` matches scoring at least ``min_score``, best first."""
        if limit <= 0 or not self.parts:
            return []
        source_lang = self.parts[0].segment.source_lang
        query_tokens = match_tokens(query, source_lang)
        cutoff = max(min(min_score, 100.0), 0.0) / 100.0
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for number, part in enumerate(self.parts):
            units, sims = part.segment.scored(
                query_tokens,
                query,
                target_lang,
                cutoff,
                live=part.live,
                exhaustive=exhaustive,
                candidates=candidates,
                posting_budget=posting_budget,
            )
            if len(units):
                found.append((np.full(len(units), number), units, sims * 100.0, part.order_keys(units)))
        if not found:
            return []
        parts, units, bases, keys = (np.concatenate(column) for column in zip(*found, strict=True))
        wanted = hash_context(context_key(*context)) if context else 0
        return self._finish(query, query_tokens, parts, units, bases, keys, target_lang, min_score, limit, wanted)

    def _finish(
        self,
        query: str,
        query_tokens: list[str],
        parts: np.ndarray,
        units: np.ndarray,
        bases: np.ndarray,
        keys: np.ndarray,
        target_lang: str,
        min_score: float,
        limit: int,
        wanted_context: int,
    ) -> list[Match]:
        order = np.lexsort((keys, -bases))
        results: list[tuple[tuple[float, float, int], Match]] = []
        for position in order.tolist():
            base = float(bases[position])
            if len(results) >= limit and np.floor(base + 1e-9) < results[limit - 1][1].score:
                break
            segment = self.parts[int(parts[position])].segment
            number = int(units[position])
            source = segment.sources[number]
            detail = finish_score(
                query, source, query_tokens, match_tokens(source, segment.source_lang), base, segment.source_lang
            )
            score, in_context = in_context_score(detail.score, wanted_context, int(segment.contexts[number]))
            if score < min_score:
                continue
            match = Match(
                source=source,
                target=segment.targets[target_lang][0][number],
                score=score,
                origin=segment.origin(number),
                context=in_context,
                numbers=detail.numbers,
                penalties=detail.penalties,
                base=detail.base,
            )
            results.append(((-score, -detail.base, int(keys[position])), match))
            results.sort(key=lambda item: item[0])
            del results[limit:]
        return [match for _, match in results]


PROGRESS_UNITS = 5_000
"""Units read between two updates of a progress bar (``tm import`` on a terminal)."""


def build_language_index(source_lang: str, files: Sequence[tuple[Path, Path]]) -> LanguageIndex:
    """Read the TMX files (``(label path, path to read)``) and index the units with a ``source_lang`` variant.

    Raises BadInputError for the first malformed file; nothing is written here.
    """
    started = time.perf_counter()
    sources: list[str] = []
    targets: dict[str, list[str | None]] = {}
    file_of: list[int] = []
    tuids: list[str] = []
    contexts: list[int] = []
    per_file: list[int] = []
    from translate.progress import advance

    for file_number, (label_path, read_path) in enumerate(files):
        before = len(sources)
        for position, (tuid, texts, previous, following) in enumerate(TmxReader(read_path).compact(), start=1):
            if not position % PROGRESS_UNITS:
                advance(PROGRESS_UNITS, description=f"indexing {label_path.name}")
            source = texts.get(source_lang)
            if source is None:
                continue
            number = len(sources)
            sources.append(source)
            for lang, text in texts.items():
                if lang == source_lang:
                    continue
                column = targets.setdefault(lang, [])
                if len(column) < number:
                    column.extend([None] * (number - len(column)))
                column.append(text)
            file_of.append(file_number)
            tuids.append(tuid if tuid is not None else str(position))
            contexts.append(
                0 if previous is None and following is None else hash_context(context_key(previous, following))
            )
        per_file.append(len(sources) - before)
    count = len(sources)
    token_lists = [match_tokens(text, source_lang) for text in sources]
    tokens = TokenIndex.build(token_lists)
    del token_lists
    target_blobs: dict[str, tuple[_Blob, np.ndarray]] = {}
    for lang, column in sorted(targets.items()):
        column.extend([None] * (count - len(column)))
        has = np.fromiter((text is not None for text in column), dtype=bool, count=count)
        target_blobs[lang] = (_Blob.from_strings(column), has)
    labels = [file_label(label) for label, _ in files]
    meta = {
        "source_lang": source_lang,
        "units": count,
        "targets": sorted(target_blobs),
        "target_units": {lang: int(has.sum()) for lang, (_, has) in target_blobs.items()},
        "labels": labels,
        "units_per_file": per_file,
        "vocabulary": len(tokens.vocab),
        "build_seconds": round(time.perf_counter() - started, 3),
    }
    return LanguageIndex(
        source_lang,
        tokens,
        _Blob.from_strings(sources),
        target_blobs,
        labels,
        np.asarray(file_of, dtype=np.uint16 if len(files) < 65_535 else np.uint32),
        _Blob.from_strings(tuids),
        np.asarray(contexts, dtype=np.int64),
        meta,
    )
