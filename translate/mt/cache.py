"""The MT cache: a segment whose source, engine and model are unchanged is never translated twice.

One SQLite file per workflow (``<workflow>/.cache/mt-cache.sqlite``; a cache, never the truth, ignored by
git). The key is a hash of the engine, the model (with a fingerprint of its weight files), the target
language, the protection strategy, the approved terms forced into the segment, the English source and
:data:`RULES_VERSION`, the version of the batching and protection rules: when those change, every key changes,
and a cache written under older rules is emptied when it is opened (its ``user_version`` is older), so a
translation made by a broken rule (Apertium's line-joined batches, which shifted drafts onto the wrong
segments) is never served again.
Each batch is committed as soon as it is translated, so a killed run loses nothing already translated.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

CACHE_FILE = "mt-cache.sqlite"
RULES_VERSION = 2
"""1: line-joined Apertium batches; 2: segment-safe batching for every engine, long segments split at clauses,
references (target 16.2) protected."""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    lang TEXT NOT NULL,
    source TEXT NOT NULL,
    output TEXT NOT NULL,
    at TEXT NOT NULL
)
"""


def cache_key(engine: str, model: str, lang: str, source: str, extra: Iterable[str] = ()) -> str:
    """Stable hash of everything that decides the MT output of a segment."""
    payload = json.dumps([RULES_VERSION, engine, model, lang, source, sorted(extra)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class MTCache:
    """Translations by key; a damaged cache file is set aside and a new one started (it is only a cache)."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / CACHE_FILE
        try:
            self.connection = self._open()
        except sqlite3.DatabaseError:
            self.path.replace(self.path.with_suffix(".damaged"))
            self.connection = self._open()

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(_SCHEMA)
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version < RULES_VERSION:  # written under older batching or protection rules: never served again
            connection.execute("DELETE FROM translations")
            connection.execute(f"PRAGMA user_version = {int(RULES_VERSION)}")
        connection.commit()
        return connection

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(f"SELECT key, output FROM translations WHERE key IN ({marks})", chunk)
            found.update(dict(rows.fetchall()))
        return found

    def put_many(self, rows: Iterable[tuple[str, str, str, str, str, str, str]]) -> None:
        """Store ``(key, engine, model, lang, source, output, at)`` rows and commit."""
        self.connection.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?, ?)", list(rows))
        self.connection.commit()

    def __len__(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()
