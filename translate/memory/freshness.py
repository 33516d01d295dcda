"""Is the index cache still the TMX files? Which of its segments cover which files, and what must be added.

The cache folder holds, per source language, a pointer ``index-<lang>.json``::

    {"version": 3, "segments": [{"folder": "index-en-x1y2", "files": [{"path", "size", "mtime_ns", "sha256"}]}]}

and one folder per segment (see :mod:`translate.memory.storage`). A file of the memory is **covered** by the last
segment that recorded it with its current SHA-256 (the hash is only recomputed when size or modification time
changed); its units in any other segment are masked out. Files that no segment covers (added, or changed since)
go into a new segment, built from them alone: the cost of an update is the size of what changed, not of the
memory. Segments whose files are all gone or changed are dropped from the pointer; ``tm compact`` (or too many
segments) rebuilds one segment from every file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.fileio import atomic_write_text, file_stamp

CACHE_VERSION = 3
"""Bump when tokenization or the cache layout changes: older caches are rebuilt."""
MAX_SEGMENTS = 8
"""More segments than this and the next update rebuilds one segment from every file (a compaction)."""
MAX_DEAD_SHARE = 0.5
"""Or when more than this share of the indexed units are masked (files changed since their segment)."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def signature(path: Path, known: dict[str, Any] | None = None) -> dict[str, Any]:
    """Size, mtime and SHA-256 of a file (the hash reused from ``known`` when size and mtime match)."""
    stamp = file_stamp(path)
    if stamp is None:
        raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
    entry = {"path": str(path.resolve()), "size": stamp.size, "mtime_ns": stamp.mtime_ns}
    if known and known.get("size") == stamp.size and known.get("mtime_ns") == stamp.mtime_ns:
        entry["sha256"] = known["sha256"]
    else:
        entry["sha256"] = sha256_of(path)
    return entry


@dataclass
class SegmentPlan:
    """One segment of the pointer and what is still live in it."""

    folder: str
    records: list[dict[str, Any]]
    live_files: list[int]
    """Numbers (in the segment) of the files it covers."""
    units_per_file: list[int] | None = None


@dataclass
class Plan:
    """The segments to search and the files no segment covers yet."""

    segments: list[SegmentPlan] = field(default_factory=list)
    uncovered: list[Path] = field(default_factory=list)
    signatures: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Current signature of each file, by resolved path."""
    touched: bool = False
    """Recorded modification times changed (content the same): worth writing back to the pointer."""

    def pointer(self) -> dict[str, Any]:
        """The pointer for these segments (records refreshed where only the modification time changed)."""
        segments = []
        for segment in self.segments:
            records = [self.signatures.get(record["path"], record) for record in segment.records]
            records = [
                fresh if fresh.get("sha256") == old.get("sha256") else old
                for fresh, old in zip(records, segment.records, strict=True)
            ]
            segments.append({"folder": segment.folder, "files": records})
        return {"version": CACHE_VERSION, "segments": segments}


def pointer_path(cache_dir: Path, source_lang: str) -> Path:
    return cache_dir / f"index-{source_lang}.json"


def read_pointer(cache_dir: Path, source_lang: str) -> dict[str, Any] | None:
    """The pointer, or None when missing, unreadable or from another cache version."""
    try:
        pointer = json.loads(pointer_path(cache_dir, source_lang).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(pointer, dict) or pointer.get("version") != CACHE_VERSION:
        return None
    segments = pointer.get("segments")
    if not isinstance(segments, list):
        return None
    return pointer


def write_pointer(cache_dir: Path, source_lang: str, pointer: dict[str, Any]) -> None:
    atomic_write_text(pointer_path(cache_dir, source_lang), json.dumps(pointer, indent=1))


def make_plan(cache_dir: Path, files: list[Path], pointer: dict[str, Any] | None) -> Plan:
    """Which segments cover which of ``files``, and which files need a new segment (see the module docstring)."""
    plan = Plan()
    current = {str(path.resolve()): path for path in files}
    segments = pointer["segments"] if pointer else []
    covered: dict[str, tuple[int, int]] = {}
    for number, segment in enumerate(segments):
        folder = segment.get("folder", "")
        if not folder or not (cache_dir / folder).is_dir():
            continue
        for position, record in enumerate(segment.get("files", [])):
            path = current.get(record.get("path", ""))
            if path is None:
                continue
            fresh = _current_signature(plan, path, record)
            if fresh is not None and fresh["sha256"] == record.get("sha256"):
                covered[str(path.resolve())] = (number, position)
                if fresh != record:
                    plan.touched = True
    live: dict[int, list[int]] = {}
    for number, position in covered.values():
        live.setdefault(number, []).append(position)
    for number, segment in enumerate(segments):
        if number in live:
            plan.segments.append(SegmentPlan(segment["folder"], segment["files"], sorted(live[number])))
    plan.uncovered = [path for key, path in current.items() if key not in covered]
    return plan


def _current_signature(plan: Plan, path: Path, known: dict[str, Any]) -> dict[str, Any] | None:
    key = str(path.resolve())
    if key not in plan.signatures:
        try:
            plan.signatures[key] = signature(path, known)
        except OSError:
            return None
    return plan.signatures[key]


def prepare_cache(cache_dir: Path) -> None:
    """Create the cache folder with a ``.gitignore`` (in ``.cache`` and ``tm``) so git never sees it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for folder in {cache_dir, cache_dir.parent} if cache_dir.name == "tm" else {cache_dir}:
        ignore = folder / ".gitignore"
        if folder.name in (".cache", "tm") and not ignore.exists():
            with contextlib.suppress(OSError):
                ignore.write_text("# hexaglot index cache: rebuilt from the TMX files\n*\n", encoding="utf-8")
