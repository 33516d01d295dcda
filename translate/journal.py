"""The append-only review journal of a language: ``workflows/<job>/journal/<lang>.jsonl``.

One JSON object a line, never rewritten::

    {"time": "2026-11-27T10:02:11Z", "reviewer": "claire", "segment": "chapter-1:9f3a2c:1",
     "action": "accept", "state_before": "draft", "state_after": "approved",
     "before": "...", "after": "...", "words": 23, "stage": "revision"}

``action`` is one of accept, edit, reject, approve, translate, draft, assign. ``words`` is the English source
word count of the segment, so velocity (source words approved per day) needs no catalog.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from translate.catalog import now_iso
from translate.fileio import open_append


def append(path: str | Path, record: dict[str, Any], *, fsync: bool = True) -> None:
    """Append one record (O_APPEND: concurrent writers never interleave a line), fsynced unless ``fsync`` is
    False (review saves: the action is already committed in the working store; the line survives a killed process
    either way)."""
    journal = Path(path)
    journal.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"time": now_iso(), **record}, ensure_ascii=False, sort_keys=True) + "\n"
    fd = open_append(journal)  # never through a symbolic link
    try:
        os.write(fd, line.encode("utf-8"))
        if fsync:
            os.fsync(fd)
    finally:
        os.close(fd)


def read(path: str | Path) -> Iterator[dict[str, Any]]:
    """Every record; a torn last line (a crash mid-write) is skipped."""
    journal = Path(path)
    if not journal.exists():
        return
    with journal.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record
