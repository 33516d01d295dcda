"""The embedded working store: one SQLite file per workflow (stdlib ``sqlite3``), WAL mode.

WAL lets readers (status, a reviewer's refresh) run beside the one writer; every write is a short ``BEGIN
IMMEDIATE`` transaction committed with ``synchronous=FULL``, so a committed save survives a killed process (and a
power cut). Writers wait for each other up to ``busy_timeout`` (60 s); a save takes a few milliseconds, so 15
reviewers never come near it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from translate.errors import HexaglotError
from translate.store.base import Row, WorkingStore

BUSY_TIMEOUT_MS = 60_000


class SQLiteStore(WorkingStore):
    placeholder = "?"
    kind = "sqlite"

    def __init__(self, path: str | Path, timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# hexaglot's working store: never committed (the PO catalogs are the record)\n*\n")
        self._lock = threading.RLock()
        try:
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=timeout_ms / 1000
            )
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            with self._write(None, exclusive=True) as cur:
                self._migrate(cur)
        except sqlite3.DatabaseError as error:
            raise HexaglotError(f"{self.path}: cannot open the working store: {error}") from None

    def _connection(self) -> sqlite3.Connection:
        return self._conn

    @contextlib.contextmanager
    def _read_transaction(self, conn: Any) -> Iterator[Any]:
        with self._lock:
            cur = conn.cursor()
            try:
                yield cur
            finally:
                cur.close()

    @contextlib.contextmanager
    def _write(self, lang: str | None, exclusive: bool) -> Iterator[Any]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                cur.close()
                message = f"{self.path}: working store busy for over {BUSY_TIMEOUT_MS // 1000} s: {error}"
                raise HexaglotError(message) from None
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                cur.close()
                raise
            cur.execute("COMMIT")
            cur.close()

    def _next_rev(self, cur: Any) -> int:
        cur.execute("UPDATE hx_revision SET value = value + 1 WHERE id = 1")
        cur.execute("SELECT value FROM hx_revision WHERE id = 1")
        return int(cur.fetchone()[0])

    def _lock_row(self, cur: Any, lang: str, key: str) -> Row | None:
        from translate.store.base import ROW_COLUMNS

        cur.execute(f"SELECT {ROW_COLUMNS} FROM hx_segments WHERE lang = ? AND obsolete = 0 AND skey = ?", (lang, key))
        found = cur.fetchone()
        return self._row(found) if found else None

    def close(self) -> None:
        with self._lock:
            self._conn.close()
