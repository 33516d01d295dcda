"""A translation memory: TMX files (the truth) and the index cache built from them.

A memory is a list of TMX files, usually every ``*.tmx`` of a folder such as ``memories/``. Searching needs
an index per source language; it is built on first use and kept under a cache folder (``<folder>/.cache/``
for a memory folder, ``<workflow>/.cache/tm/`` for a workflow) that carries its own ``.gitignore``. The cache
is rebuilt when the list of files changes or a file's size, modification time and SHA-256 no longer match.
Builds take a file lock and publish atomically, so concurrent readers always see a complete index.

Per unit the cache keeps: the source text, each target language's text, the origin (file and ``tuid``) and
a hash of the context (the ``x-context-prev`` / ``x-context-next`` properties).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock

from translate.errors import BadInputError
from translate.fileio import atomic_open, atomic_write_text
from translate.formats.tmx import TmxReader, TranslationUnit
from translate.memory.index import DEFAULT_CANDIDATES, DEFAULT_POSTING_BUDGET, TokenIndex
from translate.memory.score import CONTEXT_SCORE, EXACT_SCORE, context_key, finish_score, match_tokens

CACHE_VERSION = 2
"""Bump when tokenization or the cache layout changes: older caches are rebuilt."""
DEFAULT_MIN_SCORE = 65.0


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def signature(path: Path, known: dict[str, Any] | None = None) -> dict[str, Any]:
    """Size, mtime and SHA-256 of a file (the hash reused from ``known`` when size and mtime match)."""
    stat = path.stat()
    entry = {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if known and known.get("size") == stat.st_size and known.get("mtime_ns") == stat.st_mtime_ns:
        entry["sha256"] = known["sha256"]
    else:
        entry["sha256"] = sha256_of(path)
    return entry


# --- the per-language unit table ---------------------------------------------------------------------


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


def _hash_context(key: str | None) -> int:
    if key is None:
        return 0
    value = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)
    return value or 1


class LanguageIndex:
    """Everything needed to search the units that have a ``source_lang`` variant."""

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
        """The best ``limit`` matches scoring at least ``min_score``, best first."""
        if target_lang not in self.targets or limit <= 0:
            return []
        has_target = self.targets[target_lang][1]
        query_tokens = match_tokens(query, self.source_lang)
        query_string, known = self.tokens.query_string(query_tokens)
        cutoff = max(min(min_score, 100.0), 0.0) / 100.0
        if exhaustive:
            units, sims = self.tokens.similarities(query_string, None, cutoff)
        else:
            found = self.tokens.candidates(known, limit=candidates, posting_budget=posting_budget)
            units, sims = self.tokens.similarities(query_string, found, cutoff)
        keep = has_target[units]
        units, sims = units[keep], sims[keep]
        if not query_tokens and not exhaustive:
            units, sims = self._identical(query, target_lang)
        wanted = _hash_context(context_key(*context)) if context else 0
        return self._finish(query, query_tokens, units, sims * 100.0, target_lang, min_score, limit, wanted)

    def _identical(self, query: str, target_lang: str) -> tuple[np.ndarray, np.ndarray]:
        """Units without any word token (a lone symbol, a number-free heading): scanned for equal text."""
        has_target = self.targets[target_lang][1]
        empty = np.flatnonzero((np.diff(self.tokens.tok_off) == 0) & has_target)
        same = np.array([n for n in empty.tolist() if self.sources[n].strip() == query.strip()], dtype=np.int64)
        return same, np.ones(len(same))

    def _finish(
        self,
        query: str,
        query_tokens: list[str],
        units: np.ndarray,
        bases: np.ndarray,
        target_lang: str,
        min_score: float,
        limit: int,
        wanted_context: int,
    ) -> list[Match]:
        order = np.lexsort((units, -bases))
        results: list[tuple[tuple[float, float, int], Match]] = []
        for position in order.tolist():
            base = float(bases[position])
            if len(results) >= limit and np.floor(base + 1e-9) < results[limit - 1][1].score:
                break
            number = int(units[position])
            source = self.sources[number]
            detail = finish_score(
                query, source, query_tokens, match_tokens(source, self.source_lang), base, self.source_lang
            )
            score = detail.score
            in_context = score == EXACT_SCORE and wanted_context != 0 and int(self.contexts[number]) == wanted_context
            if in_context:
                score = CONTEXT_SCORE
            if score < min_score:
                continue
            match = Match(
                source=source,
                target=self.targets[target_lang][0][number],
                score=score,
                origin=self.origin(number),
                context=in_context,
                numbers=detail.numbers,
                penalties=detail.penalties,
                base=detail.base,
            )
            results.append(((-score, -detail.base, number), match))
            results.sort(key=lambda item: item[0])
            del results[limit:]
        return [match for _, match in results]


def build_language_index(
    source_lang: str,
    files: Sequence[tuple[Path, Path]],
) -> LanguageIndex:
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
    for file_number, (_label_path, read_path) in enumerate(files):
        before = len(sources)
        for position, (tuid, texts, previous, following) in enumerate(TmxReader(read_path).compact(), start=1):
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
                0 if previous is None and following is None else _hash_context(context_key(previous, following))
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
        "version": CACHE_VERSION,
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


# --- the memory ----------------------------------------------------------------------------------------


class Memory:
    """TMX files plus their index cache."""

    def __init__(self, files: Sequence[str | Path], cache_dir: str | Path, directory: str | Path | None = None):
        self.files = [Path(path) for path in files]
        self.cache_dir = Path(cache_dir)
        self.directory = Path(directory) if directory is not None else None
        """The folder new TMX files are imported into (a folder memory only)."""
        self._loaded: dict[str, tuple[str, LanguageIndex]] = {}
        self._checked: dict[str, list[tuple[int, int]]] = {}

    @classmethod
    def from_directory(cls, directory: str | Path) -> Memory:
        """Every ``*.tmx`` in ``directory``; the cache goes to ``directory/.cache/tm``."""
        folder = Path(directory)
        if folder.exists() and not folder.is_dir():
            raise BadInputError(folder, "a memory must be a folder of TMX files")
        return cls(sorted(folder.glob("*.tmx")) if folder.is_dir() else [], folder / ".cache" / "tm", folder)

    # Cache -------------------------------------------------------------------------------------------

    def _pointer(self, source_lang: str) -> Path:
        return self.cache_dir / f"index-{source_lang}.json"

    def _prepare_cache(self) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        for folder in {self.cache_dir, self.cache_dir.parent} if self.cache_dir.name == "tm" else {self.cache_dir}:
            ignore = folder / ".gitignore"
            if folder.name in (".cache", "tm") and not ignore.exists():
                with contextlib.suppress(OSError):
                    ignore.write_text("# hexaglot index cache: rebuilt from the TMX files\n*\n", encoding="utf-8")

    def _fresh_pointer(self, source_lang: str) -> dict[str, Any] | None:
        """The cache pointer if it still matches the files (updating recorded mtimes when only they changed)."""
        pointer_path = self._pointer(source_lang)
        try:
            pointer = json.loads(pointer_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if pointer.get("version") != CACHE_VERSION or not (self.cache_dir / pointer.get("folder", "?")).is_dir():
            return None
        recorded = pointer.get("files", [])
        if [entry.get("path") for entry in recorded] != [str(path.resolve()) for path in self.files]:
            return None
        current = []
        for path, known in zip(self.files, recorded, strict=True):
            try:
                current.append(signature(path, known))
            except OSError:
                return None
        if [entry["sha256"] for entry in current] != [entry["sha256"] for entry in recorded]:
            return None
        if current != recorded:
            pointer["files"] = current
            with contextlib.suppress(OSError):
                atomic_write_text(pointer_path, json.dumps(pointer, indent=1))
        return pointer

    def _refresh_files(self) -> None:
        if self.directory is not None and self.directory.is_dir():
            self.files = sorted(self.directory.glob("*.tmx"))

    def _stamp(self) -> list[tuple[int, int]]:
        """Modification time and size of each file: a loaded index is re-checked when they change.

        A folder memory also looks for TMX files added or removed since it was opened.
        """
        self._refresh_files()
        stamps = []
        for path in self.files:
            try:
                stat = path.stat()
            except OSError:
                stamps.append((-1, -1))
            else:
                stamps.append((stat.st_mtime_ns, stat.st_size))
        return stamps

    def index(self, source_lang: str = "en") -> LanguageIndex:
        """The index of the units with a ``source_lang`` variant: loaded from the cache or (re)built."""
        loaded = self._loaded.get(source_lang)
        stamp = self._stamp()
        if loaded is not None and self._checked.get(source_lang) == stamp:
            return loaded[1]
        pointer = self._fresh_pointer(source_lang)
        self._checked[source_lang] = stamp
        if pointer is not None and loaded is not None and loaded[0] == pointer["folder"]:
            return loaded[1]
        if pointer is None:
            self._prepare_cache()
            with FileLock(str(self.cache_dir / f"index-{source_lang}.lock")):
                pointer = self._fresh_pointer(source_lang)
                if pointer is None:
                    built = build_language_index(source_lang, [(path, path) for path in self.files])
                    self._publish(source_lang, built)
                    return built
        try:
            index = LanguageIndex.load(self.cache_dir / pointer["folder"])
        except (OSError, ValueError, KeyError):
            self._pointer(source_lang).unlink(missing_ok=True)
            return self.index(source_lang)
        self._loaded[source_lang] = (pointer["folder"], index)
        return index

    def _publish(self, source_lang: str, built: LanguageIndex) -> None:
        """Write the index into a fresh folder, then switch the pointer to it atomically."""
        folder = Path(tempfile.mkdtemp(prefix=f"index-{source_lang}-", dir=self.cache_dir))
        built.save(folder)
        signatures = [signature(path) for path in self.files]
        pointer = {"version": CACHE_VERSION, "folder": folder.name, "files": signatures}
        atomic_write_text(self._pointer(source_lang), json.dumps(pointer, indent=1))
        for stale in self.cache_dir.glob(f"index-{source_lang}-*"):
            if stale.is_dir() and stale.name != folder.name:
                shutil.rmtree(stale, ignore_errors=True)
        self._loaded[source_lang] = (folder.name, built)

    # Import / export ---------------------------------------------------------------------------------

    def import_files(self, paths: Sequence[str | Path], source_lang: str = "en") -> dict[str, int]:
        """Copy TMX files into the memory folder and rebuild the index: all files are read and validated
        before anything is copied, so a bad file leaves the memory exactly as it was.

        Returns units with a ``source_lang`` variant per imported file.
        """
        if self.directory is None:
            raise BadInputError("--memory", "importing needs a memory folder")
        incoming = [Path(path) for path in paths]
        for path in incoming:
            if not path.is_file():
                raise BadInputError(path, "no such file")
        destinations = {path.name: self.directory / path.name for path in incoming}
        if len(destinations) != len(incoming):
            raise BadInputError(incoming[0], "two files to import have the same name")
        replaced = {dest.resolve() for dest in destinations.values()}
        existing = [path for path in self.files if path.resolve() not in replaced]
        plan = [(path, path) for path in existing] + [(destinations[path.name], path) for path in incoming]
        plan.sort(key=lambda item: item[0].name)
        built = build_language_index(source_lang, plan)
        self.directory.mkdir(parents=True, exist_ok=True)
        for path in incoming:
            destination = destinations[path.name]
            if destination.resolve() == path.resolve():
                continue
            with open(path, "rb") as source, atomic_open(destination, "wb", encoding=None) as target:
                shutil.copyfileobj(source, target, 1 << 20)
            _readable(destination)
        self.files = [label for label, _ in plan]
        self._prepare_cache()
        self._loaded = {}
        self._checked = {}
        with FileLock(str(self.cache_dir / f"index-{source_lang}.lock")):
            self._publish(source_lang, built)
        counts = dict(zip(built.meta["labels"], built.meta["units_per_file"], strict=True))
        return {path.name: counts.get(file_label(destinations[path.name]), 0) for path in incoming}

    def units(self) -> Iterator[tuple[Path, TranslationUnit]]:
        """Every unit of every file, streamed."""
        for path in self.files:
            for unit in TmxReader(path):
                yield path, unit

    # Search --------------------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        source_lang: str = "en",
        target_lang: str = "fr",
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        limit: int = 5,
        exhaustive: bool = False,
        context: tuple[str | None, str | None] | None = None,
    ) -> list[Match]:
        """Best matches of ``query`` (see :meth:`LanguageIndex.search`)."""
        self._refresh_files()
        if not self.files:
            return []
        return self.index(source_lang).search(
            query, target_lang, min_score=min_score, limit=limit, exhaustive=exhaustive, context=context
        )

    def stats(self, source_lang: str = "en") -> dict[str, Any]:
        """Files, units and target languages, from the (fresh) index."""
        self._refresh_files()
        if not self.files:
            return {"files": [], "units": 0, "targets": {}, "cache": str(self.cache_dir)}
        index = self.index(source_lang)
        meta = index.meta
        return {
            "source_lang": source_lang,
            "files": [
                {"file": label, "units": count}
                for label, count in zip(meta["labels"], meta["units_per_file"], strict=True)
            ],
            "units": meta["units"],
            "targets": meta["target_units"],
            "vocabulary": meta["vocabulary"],
            "cache": str(self.cache_dir),
            "cache_bytes": _folder_size(self.cache_dir),
            "build_seconds": meta["build_seconds"],
        }


def _readable(path: Path) -> None:
    """Give a file written through a temporary file the usual permissions (0644 under umask 022)."""
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~umask)


def _folder_size(folder: Path) -> int:
    total = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                total += (Path(root) / name).stat().st_size
    return total


def iter_memory_units(files: Iterable[Path]) -> Iterator[TranslationUnit]:
    for path in files:
        yield from TmxReader(path)
