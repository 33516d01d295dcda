"""A translation memory: TMX files (the truth) and the index cache built from them (the :class:`Memory` facade).

A memory is a list of TMX files, usually every ``*.tmx`` of a folder such as ``memories/``. Searching needs
an index per source language; it is kept under a cache folder (``<folder>/.cache/`` for a memory folder,
``<workflow>/.cache/tm/`` for a workflow) that carries its own ``.gitignore``:

* :mod:`translate.memory.storage` - the index segments on disk and the search across them;
* :mod:`translate.memory.freshness` - which segment covers which file (size, mtime, SHA-256) and what is new;
* this module - the memory: files, index kept fresh incrementally, import, search, statistics.

Updates take a file lock and publish atomically, so concurrent readers always see a complete index.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import numpy as np

from translate.errors import BadInputError
from translate.fileio import atomic_open, file_lock, file_stamp
from translate.formats.tmx import TmxReader, TranslationUnit
from translate.memory.freshness import (
    CACHE_VERSION,
    MAX_DEAD_SHARE,
    MAX_SEGMENTS,
    Plan,
    SegmentPlan,
    make_plan,
    prepare_cache,
    read_pointer,
    signature,
    write_pointer,
)
from translate.memory.storage import (
    DEFAULT_MIN_SCORE,
    LanguageIndex,
    Match,
    Part,
    SegmentedIndex,
    build_language_index,
    file_label,
)

__all__ = ["CACHE_VERSION", "DEFAULT_MIN_SCORE", "LanguageIndex", "Match", "Memory", "SegmentedIndex", "file_label"]

INDEX_LOCK_TIMEOUT_S = 3600
"""How long a command waits for another one rebuilding the same index."""


# --- the memory ----------------------------------------------------------------------------------------


class Memory:
    """TMX files plus their index cache."""

    def __init__(self, files: Sequence[str | Path], cache_dir: str | Path, directory: str | Path | None = None):
        self.files = [Path(path) for path in files]
        self.cache_dir = Path(cache_dir)
        self.directory = Path(directory) if directory is not None else None
        """The folder new TMX files are imported into (a folder memory only)."""
        self._segments: dict[str, LanguageIndex] = {}
        """Loaded segments by cache folder name (a folder's content never changes)."""
        self._views: dict[str, SegmentedIndex] = {}
        self._checked: dict[str, list[tuple[int, int]]] = {}

    @classmethod
    def from_directory(cls, directory: str | Path) -> Memory:
        """Every ``*.tmx`` in ``directory``; the cache goes to ``directory/.cache/tm``."""
        folder = Path(directory)
        if folder.exists() and not folder.is_dir():
            raise BadInputError(folder, "a memory must be a folder of TMX files")
        return cls(sorted(folder.glob("*.tmx")) if folder.is_dir() else [], folder / ".cache" / "tm", folder)

    # Cache -------------------------------------------------------------------------------------------

    def _lock(self, source_lang: str) -> AbstractContextManager[None]:
        prepare_cache(self.cache_dir)
        return file_lock(self.cache_dir / f"index-{source_lang}.lock", INDEX_LOCK_TIMEOUT_S)  # no symlinks

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
                stamp = file_stamp(path)
            except OSError:
                stamp = None
            stamps.append((stamp.mtime_ns, stamp.size) if stamp else (-1, -1))
        return stamps

    def index(self, source_lang: str = "en") -> SegmentedIndex:
        """The index of the units with a ``source_lang`` variant, fresh: the segments that cover the files,
        plus one built from the files added or changed since (the only part that costs anything to update)."""
        stamp = self._stamp()
        view = self._views.get(source_lang)
        if view is not None and self._checked.get(source_lang) == stamp:
            return view
        plan = make_plan(self.cache_dir, self.files, read_pointer(self.cache_dir, source_lang))
        if plan.uncovered or self._must_compact(plan):
            with self._lock(source_lang):
                plan = make_plan(self.cache_dir, self.files, read_pointer(self.cache_dir, source_lang))
                if self._must_compact(plan):
                    plan = self._rebuild(source_lang)
                elif plan.uncovered:
                    plan = self._add_segment(source_lang, plan, [(path, path) for path in plan.uncovered])
        elif plan.touched:
            with contextlib.suppress(OSError):
                write_pointer(self.cache_dir, source_lang, plan.pointer())
        try:
            view = self._view(plan)
        except (OSError, ValueError, KeyError):  # a segment folder vanished or is damaged: start again
            with self._lock(source_lang):
                view = self._view(self._rebuild(source_lang))
        self._views[source_lang] = view
        self._checked[source_lang] = stamp
        return view

    def compact(self, source_lang: str = "en") -> dict[str, Any]:
        """Rebuild one segment from every file (``hexaglot tm compact``); returns :meth:`stats`."""
        self._refresh_files()
        with self._lock(source_lang):
            plan = self._rebuild(source_lang)
        self._views[source_lang] = self._view(plan)
        self._checked[source_lang] = self._stamp()
        return self.stats(source_lang)

    def _must_compact(self, plan: Plan) -> bool:
        if len(plan.segments) + (1 if plan.uncovered else 0) > MAX_SEGMENTS:
            return True
        dead = total = 0
        for segment in plan.segments:
            counts = self._units_per_file(segment)
            live = set(segment.live_files)
            total += sum(counts)
            dead += sum(count for n, count in enumerate(counts) if n not in live)
        return total > 0 and dead > MAX_DEAD_SHARE * total

    def _units_per_file(self, segment: SegmentPlan) -> list[int]:
        loaded = self._segments.get(segment.folder)
        if loaded is not None:
            return list(loaded.meta["units_per_file"])
        try:
            meta = json.loads((self.cache_dir / segment.folder / "meta.json").read_text(encoding="utf-8"))
            return list(meta["units_per_file"])
        except (OSError, ValueError, KeyError):
            return [0] * len(segment.records)

    def _rebuild(self, source_lang: str) -> Plan:
        """One segment from every file (under the lock)."""
        built = build_language_index(source_lang, [(path, path) for path in self.files])
        return self._publish(source_lang, Plan(), built, self.files)

    def _add_segment(self, source_lang: str, plan: Plan, files: list[tuple[Path, Path]]) -> Plan:
        """A new segment from ``files`` (label path, path to read) beside the plan's segments (under the lock)."""
        built = build_language_index(source_lang, files)
        return self._publish(source_lang, plan, built, [label for label, _ in files])

    def _publish(self, source_lang: str, plan: Plan, built: LanguageIndex, labels: list[Path]) -> Plan:
        """Write the segment into a fresh folder, then switch the pointer to the plan's segments plus it."""
        prepare_cache(self.cache_dir)
        folder = Path(tempfile.mkdtemp(prefix=f"index-{source_lang}-", dir=self.cache_dir))
        built.save(folder)
        records = [signature(path, plan.signatures.get(str(path.resolve()))) for path in labels]
        plan.segments.append(SegmentPlan(folder.name, records, list(range(len(records)))))
        pointer = plan.pointer()
        write_pointer(self.cache_dir, source_lang, pointer)
        self._segments[folder.name] = built
        keep = {segment["folder"] for segment in pointer["segments"]}
        for stale in self.cache_dir.glob(f"index-{source_lang}-*"):
            if stale.is_dir() and stale.name not in keep:
                shutil.rmtree(stale, ignore_errors=True)
                self._segments.pop(stale.name, None)
        return plan

    def _view(self, plan: Plan) -> SegmentedIndex:
        """The plan's segments (loaded once per folder), with masks and ranks in the memory's file order."""
        ranks = {str(path.resolve()): rank for rank, path in enumerate(self.files)}
        parts = []
        for segment in plan.segments:
            loaded = self._segments.get(segment.folder)
            if loaded is None:
                loaded = self._segments[segment.folder] = LanguageIndex.load(self.cache_dir / segment.folder)
            count = len(segment.records)
            file_ranks = np.full(max(count, 1), len(self.files), dtype=np.int64)
            for position in segment.live_files:
                file_ranks[position] = ranks.get(segment.records[position]["path"], len(self.files))
            live = None
            if len(segment.live_files) < count:
                alive = np.zeros(max(count, 1), dtype=bool)
                alive[segment.live_files] = True
                live = alive[loaded.file_of.astype(np.int64)]
            parts.append(Part(loaded, live, file_ranks))
        return SegmentedIndex(parts)

    # Import / export ---------------------------------------------------------------------------------

    def import_files(
        self, paths: Sequence[str | Path], source_lang: str = "en", *, merge: bool = False
    ) -> dict[str, int]:
        """Copy TMX files into the memory folder and index them: all files are read and validated before
        anything is copied, so a bad file leaves the memory exactly as it was. Only the imported files are
        indexed (a new segment beside the existing ones).

        A file whose name is already in the folder never replaces it: the same bytes are nothing to do; other
        content is refused (:class:`BadInputError`), or with ``merge`` its units are added to the existing
        file's (units already there, same texts in the same languages, are not repeated). Each destination's
        lock (:func:`translate.memory.locks.tmx_lock`, also held by the approved write-back) is held from the
        read of the existing file to the write of the new one.

        Returns units with a ``source_lang`` variant per imported file.
        """
        if self.directory is None:
            raise BadInputError("--memory", "importing needs a memory folder")
        incoming = [Path(path) for path in paths]
        for path in incoming:
            if not path.is_file():
                problem = "not a regular file (a folder, a pipe or a device)" if path.exists() else "no such file"
                raise BadInputError(path, problem)
        destinations = {path.name: self.directory / path.name for path in incoming}
        if len(destinations) != len(incoming):
            raise BadInputError(incoming[0], "two files to import have the same name")
        from translate.memory.locks import tmx_lock

        with contextlib.ExitStack() as stack:
            for name in sorted(destinations):
                stack.enter_context(tmx_lock(destinations[name]))
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hexaglot-tm-import-")))
            sources = {path.name: _import_source(path, destinations[path.name], merge, scratch) for path in incoming}
            plan_files = sorted(((destinations[name], source) for name, source in sources.items() if source),
                                key=lambda item: item[0].name)  # fmt: skip
            built = build_language_index(source_lang, plan_files) if plan_files else None
            self.directory.mkdir(parents=True, exist_ok=True)
            for destination, source in plan_files:
                if destination.resolve() == source.resolve():
                    continue
                with open(source, "rb") as handle, atomic_open(destination, "wb", encoding=None) as target:
                    shutil.copyfileobj(handle, target, 1 << 20)
                _readable(destination)
            self._refresh_files()
            if built is not None:
                new = {str(label.resolve()) for label, _ in plan_files}
                with self._lock(source_lang):
                    plan = make_plan(self.cache_dir, self.files, read_pointer(self.cache_dir, source_lang))
                    plan.uncovered = [path for path in plan.uncovered if str(path.resolve()) not in new]
                    plan = self._publish(source_lang, plan, built, [label for label, _ in plan_files])
        self._views.pop(source_lang, None)
        self._checked.pop(source_lang, None)
        counts = dict(zip(built.meta["labels"], built.meta["units_per_file"], strict=True)) if built else {}
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
        """Best matches of ``query`` (see :meth:`SegmentedIndex.search`)."""
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
        files: list[tuple[int, str, int]] = []
        targets: dict[str, int] = {}
        vocabulary: set[str] = set()
        for part in index.parts:
            segment = part.segment
            live = part.live
            for number, (label, count) in enumerate(
                zip(segment.meta["labels"], segment.meta["units_per_file"], strict=True)
            ):
                if int(part.file_ranks[number]) < len(self.files):
                    files.append((int(part.file_ranks[number]), label, count))
            for lang, (_blob, has) in segment.targets.items():
                targets[lang] = targets.get(lang, 0) + int((has if live is None else has & live).sum())
            vocabulary.update(segment.tokens.vocab)
        files.sort()
        return {
            "source_lang": source_lang,
            "files": [{"file": label, "units": count} for _rank, label, count in files],
            "units": sum(count for _rank, _label, count in files),
            "targets": dict(sorted(targets.items())),
            "vocabulary": len(vocabulary),
            "cache": str(self.cache_dir),
            "cache_bytes": _folder_size(self.cache_dir),
            "build_seconds": round(sum(part.segment.meta["build_seconds"] for part in index.parts), 3),
        }


def _import_source(path: Path, destination: Path, merge: bool, scratch: Path) -> Path | None:
    """What to copy to ``destination`` for an import of ``path`` (None: it is already there, byte for byte)."""
    if not destination.exists() or destination.resolve() == path.resolve():
        return path
    if destination.read_bytes() == path.read_bytes():
        return None
    if not merge:
        existing = sum(1 for _ in TmxReader(destination))
        raise BadInputError(
            path,
            f"{destination} already exists with other content ({existing} units); an import never replaces a "
            "memory: rename the file, or give --merge to add its units to the existing file",
        )
    from translate.formats.tmx import write_tmx

    reader = TmxReader(destination)
    units = list(reader)
    seen = {_unit_texts(unit) for unit in units}
    for unit in TmxReader(path):
        if _unit_texts(unit) not in seen:
            seen.add(_unit_texts(unit))
            units.append(unit)
    merged = scratch / destination.name
    write_tmx(merged, units, srclang=reader.header.srclang or _srclang(units), header=reader.header)
    return merged


def _unit_texts(unit: TranslationUnit) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((variant.xml_lang, variant.text) for variant in unit.variants))


def _srclang(units: list[TranslationUnit]) -> str:
    for unit in units:
        if unit.variants:
            return unit.variants[0].xml_lang
    return "en"


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
