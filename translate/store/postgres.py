"""The working store on a PostgreSQL server (``store: postgresql://user@host:port/database`` in workflow.yaml), for
teams on several machines. Same tables and the same interface as the SQLite store (:mod:`translate.store.base`).

* Credentials: libpq's own sources only, ``PGPASSWORD`` or ``~/.pgpass`` (``PGPASSFILE``); a URL with a password is
  refused when the workflow is loaded.
* Row-level concurrency: a save takes a *shared* advisory lock on its language and ``FOR UPDATE`` on its own row, so
  reviewers saving different segments never wait for each other; whole-language operations (reading back an
  edited PO file, ``assign``, writing the PO file) take the *exclusive* advisory lock, which waits for the saves in
  flight. Revisions come from the sequence ``hx_rev`` (no row that every writer updates).
* Migrations are versioned in ``hx_migrations`` and applied under an advisory lock, so that many processes starting
  at once apply each one once.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from collections.abc import Iterator
from typing import Any

from translate.errors import HexaglotError
from translate.store.base import ROW_COLUMNS, Row, WorkingStore

LOCK_TIMEOUT = "60s"
_MIGRATION_LOCK = 0x68786D67  # "hxmg"


def _lang_lock(lang: str) -> int:
    return zlib.crc32(f"hexaglot-store:{lang}".encode()) & 0x7FFFFFFF


class PostgresStore(WorkingStore):
    placeholder = "%s"
    kind = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ModuleNotFoundError:  # pragma: no cover - a dependency
            raise HexaglotError("store: postgresql needs psycopg (pip install 'psycopg[binary]')") from None
        self._psycopg = psycopg
        self.location = url
        self._lock = threading.RLock()
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=15)
            self._conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        except psycopg.Error as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise HexaglotError(f"store {url}: cannot connect: {first}") from None
        with self._write(None, exclusive=True) as cur:
            self._migrate(cur)

    def _connection(self) -> Any:
        return self._conn

    def _adapt_migration(self, script: str) -> str:
        return script.replace(
            "CREATE TABLE hx_revision (id INTEGER PRIMARY KEY, value BIGINT NOT NULL);", "CREATE SEQUENCE hx_rev;"
        ).replace("INSERT INTO hx_revision (id, value) VALUES (1, 0);", "")

    @contextlib.contextmanager
    def _read_transaction(self, conn: Any) -> Iterator[Any]:
        with self._lock, conn.cursor() as cur:
            yield cur

    @contextlib.contextmanager
    def _write(self, lang: str | None, exclusive: bool) -> Iterator[Any]:
        psycopg = self._psycopg
        with self._lock:
            try:
                with self._conn.transaction(), self._conn.cursor() as cur:
                    key = _MIGRATION_LOCK if lang is None else _lang_lock(lang)
                    if exclusive:
                        cur.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
                    else:
                        cur.execute("SELECT pg_advisory_xact_lock_shared(%s)", (key,))
                    yield cur
            except psycopg.errors.LockNotAvailable as error:
                raise HexaglotError(f"store {self.location}: busy for over {LOCK_TIMEOUT}: {error}") from None
            except psycopg.OperationalError as error:
                raise HexaglotError(f"store {self.location}: {str(error).strip()}") from None

    def _next_rev(self, cur: Any) -> int:
        cur.execute("SELECT nextval('hx_rev')")
        return int(cur.fetchone()[0])

    def _lock_row(self, cur: Any, lang: str, key: str) -> Row | None:
        cur.execute(
            f"SELECT {ROW_COLUMNS} FROM hx_segments WHERE lang = %s AND obsolete = 0 AND skey = %s FOR UPDATE",
            (lang, key),
        )
        found = cur.fetchone()
        return self._row(found) if found else None

    def snapshot_rows(self, lang: str) -> list[Row]:
        """Every row, read while no save is in flight: the revisions seen are all committed in order (a sequence
        value taken by a transaction still open could otherwise commit below the highest one seen)."""
        with self._write(lang, exclusive=True) as cur:
            cur.execute(
                f"SELECT {ROW_COLUMNS} FROM hx_segments WHERE lang = %s ORDER BY obsolete, position",
                (lang,),
            )
            return [self._row(values) for values in cur.fetchall()]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
