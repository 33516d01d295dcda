"""The embedded working store: one SQLite file per workflow (stdlib ``sqlite3``), WAL mode.

WAL lets readers (status, a reviewer's refresh) run beside the one writer; every write is a short ``BEGIN
IMMEDIATE`` transaction (a save holds it for one UPDATE and the commit: the entry is read and changed before, and
written only if its revision is unchanged). ``synchronous=NORMAL``, SQLite's setting for WAL: a committed save is
in the WAL file when the call returns, so a killed process (SIGKILL, a crash of hexaglot) loses nothing committed;
the WAL is fsynced at checkpoints, so only a power cut or kernel crash could lose the last moments (each review
action is also in the fsynced journal). Writers wait for each other up to ``busy_timeout`` (60 s).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
import time
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
        self._timeout_s = timeout_ms / 1000
        self._gate = os.open(str(self.path) + ".writer", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=timeout_ms / 1000
            )
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
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

    def _enter_gate(self) -> None:
        """Writers queue on an flock before ``BEGIN IMMEDIATE``: a waiter gets the store within a few milliseconds
        of its release, where SQLite's own busy handler sleeps up to 100 ms between tries."""
        deadline = time.monotonic() + self._timeout_s
        pause = 0.0005
        while True:
            try:
                fcntl.flock(self._gate, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise HexaglotError(
                        f"{self.path}: working store busy for over {self._timeout_s:.0f} s (another writer)"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.004)

    @contextlib.contextmanager
    def _write(self, lang: str | None, exclusive: bool) -> Iterator[Any]:
        with self._lock:
            self._enter_gate()
            try:
                with self._transaction() as cur:
                    yield cur
            finally:
                fcntl.flock(self._gate, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        cur = self._conn.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            cur.close()
            message = f"{self.path}: working store busy for over {self._timeout_s:.0f} s: {error}"
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
            os.close(self._gate)
