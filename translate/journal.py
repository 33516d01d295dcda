"""The append-only review journal of a language: ``workflows/<job>/journal/<lang>.jsonl``.

One JSON object a line, never rewritten::

    {"time": "2026-11-27T10:02:11Z", "reviewer": "claire", "segment": "chapter-1:9f3a2c:1",
     "action": "accept", "state_before": "draft", "state_after": "approved",
     "before": "...", "after": "...", "words": 23, "stage": "revision"}

``action`` is one of accept, edit, reject, approve, translate, draft, assign. ``words`` is the English source
word count of the segment, so velocity (source words approved per day) needs no catalog.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.catalog import now_iso
from translate.fileio import open_append


@dataclass(frozen=True)
class JournalRecord:
    """One line of the journal (the module docstring's fields); ``time`` is set when it is appended."""

    reviewer: str
    segment: str
    action: str
    state_before: str
    state_after: str
    before: str = ""
    after: str = ""
    words: int = 0
    """English source words of the segment."""
    stage: str = ""
    origin: str | None = None
    """Where the change came from when not from the review app (``xliff``); left out of the line when None."""
    override: str | None = None
    """An accept of a segment with error-severity findings: the reviewer's reason (left out when None)."""
    errors: list[str] | None = None
    """With ``override``: the errors accepted, ``"check: message"``."""
    copied_from: str | None = None
    """A ``propagate``: the segment whose translation was copied to this identical one."""
    time: str | None = None

    def to_dict(self) -> dict[str, Any]:
        fields = dataclasses.asdict(self)
        return {key: value for key, value in fields.items() if value is not None or key not in _OPTIONAL}


_OPTIONAL = ("origin", "override", "errors", "copied_from", "time")


def _line(record: JournalRecord | Mapping[str, Any], time: str) -> str:
    fields = record.to_dict() if isinstance(record, JournalRecord) else dict(record)
    if fields.get("time") is None:
        fields.pop("time", None)
    return json.dumps({"time": time, **fields}, ensure_ascii=False, sort_keys=True) + "\n"


def append(path: str | Path, record: JournalRecord | Mapping[str, Any], *, fsync: bool = True) -> None:
    """Append one record (O_APPEND: concurrent writers never interleave a line), fsynced unless ``fsync`` is
    False (review saves: the action is already committed in the working store; the line survives a killed process
    either way)."""
    append_many(path, [record], fsync=fsync)


def append_many(path: str | Path, records: Iterable[JournalRecord | Mapping[str, Any]], *, fsync: bool = True) -> None:
    """Append records in one write (one ``time`` for all of them unless a record has its own): a bulk change
    (``assign``, ``import-xliff``) is one durable append."""
    time = now_iso()
    text = "".join(_line(record, time) for record in records)
    if not text:
        return
    journal = Path(path)
    journal.parent.mkdir(parents=True, exist_ok=True)
    fd = open_append(journal)  # never through a symbolic link
    try:
        os.write(fd, text.encode("utf-8"))
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
