"""The working store interface, shared by the SQLite and PostgreSQL back ends (same tables, same SQL but for
placeholders, locking and the revision counter).

Tables (created and upgraded by numbered migrations, recorded in ``hx_migrations``)::

    hx_catalogs(lang PK, head, po_sha, synced_rev)
        head       the PO header (text before the first entry)
    hx_bases(lang PK, base_text)  (schema 2; before, a column of hx_catalogs, now always '')
        base_text  the PO text as last written to or read from the file: the merge base for edits made to the file
        po_sha     sha256 of that text: the file changed (by hand, by git, by an import) when its hash differs
        synced_rev the revision the file was written at: the store is ahead of the file when a row has a later one
    hx_revision(value)
        the revision counter (SQLite; PostgreSQL uses the sequence hx_rev, so that writers never queue on one row)
    hx_segments(lang, obsolete, skey, position, msgid, state, words, assign, origin, entry, rev, updated_at)
        one row per PO entry (see :mod:`translate.store.rows`); PK (lang, obsolete, skey); ``fields`` (schema 2)
        the entry as JSON, so that a save rebuilds it without the PO parser

Concurrency: a change to one segment locks that row only (PostgreSQL ``FOR UPDATE`` on the row, and ``FOR SHARE`` on
the language's catalog row; SQLite: one short write transaction, WAL readers never wait). Whole-language operations
(reading back an edited PO file, bulk writes such as ``assign``) lock the language's catalog row ``FOR UPDATE``,
which waits for the segment changes in flight and holds new ones back meanwhile.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import polib

from translate.catalog import SegmentState, now_iso, state_of
from translate.errors import HexaglotError
from translate.store.rows import Row, entry_text

ROW_COLUMNS = "skey, obsolete, position, msgid, state, words, assign, origin, entry, rev, updated_at, fields"

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE hx_catalogs (
            lang TEXT PRIMARY KEY,
            head TEXT NOT NULL,
            base_text TEXT NOT NULL,
            po_sha TEXT NOT NULL,
            synced_rev BIGINT NOT NULL
        );
        CREATE TABLE hx_segments (
            lang TEXT NOT NULL,
            obsolete INTEGER NOT NULL,
            skey TEXT NOT NULL,
            position INTEGER NOT NULL,
            msgid TEXT NOT NULL,
            state TEXT NOT NULL,
            words INTEGER NOT NULL,
            assign TEXT,
            origin TEXT,
            entry TEXT NOT NULL,
            rev BIGINT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (lang, obsolete, skey)
        );
        CREATE INDEX hx_segments_rev ON hx_segments (lang, rev);
        CREATE TABLE hx_revision (id INTEGER PRIMARY KEY, value BIGINT NOT NULL);
        INSERT INTO hx_revision (id, value) VALUES (1, 0);
        """,
    ),
    (
        2,
        """
        ALTER TABLE hx_segments ADD COLUMN fields TEXT;
        CREATE TABLE hx_bases (lang TEXT PRIMARY KEY, base_text TEXT NOT NULL);
        INSERT INTO hx_bases (lang, base_text) SELECT lang, base_text FROM hx_catalogs;
        UPDATE hx_catalogs SET base_text = '';
        """,
    ),
    (
        3,
        """
        CREATE TABLE hx_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
)
"""Numbered schema changes, applied in order once each; add new ones at the end, never edit an applied one."""


class StaleRowError(Exception):
    """A conditional write found the row changed since it was read."""


@dataclass(frozen=True)
class CatalogState:
    lang: str
    head: str
    po_sha: str
    synced_rev: int


@dataclass
class Change:
    """What :meth:`WorkingStore.change` did to one segment."""

    before_state: SegmentState
    before_text: str
    after: polib.POEntry
    rev: int


class _Retry(Exception):
    """The row changed between the read and the conditional write (rolled back; read again)."""


MAX_RETRIES = 20


class WorkingStore(ABC):
    """Reviews, drafts and assignments of every language of one workflow, transactionally.

    Subclasses give the connection, the placeholder, the locking statements and the revision counter.
    """

    placeholder = "?"
    kind = "store"
    location = ""

    # --- back-end specific -----------------------------------------------------------------------------

    @abstractmethod
    def _connection(self) -> Any: ...

    @abstractmethod
    @contextlib.contextmanager
    def _write(self, lang: str | None, exclusive: bool) -> Iterator[Any]:
        """A write transaction (a cursor); ``exclusive`` holds back every other writer of ``lang``."""

    @abstractmethod
    def _next_rev(self, cur: Any) -> int: ...

    @abstractmethod
    def _lock_row(self, cur: Any, lang: str, key: str) -> Row | None:
        """Read (and lock, where the back end locks rows) one active segment row."""

    @abstractmethod
    def close(self) -> None: ...

    def _migrate(self, cur: Any) -> None:
        """Apply the migrations not yet recorded (the caller holds an exclusive transaction)."""
        cur.execute("CREATE TABLE IF NOT EXISTS hx_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        cur.execute("SELECT version FROM hx_migrations")
        applied = {int(version) for (version,) in cur.fetchall()}
        for version, script in MIGRATIONS:
            if version in applied:
                continue
            for statement in self._adapt_migration(script).split(";"):
                if statement.strip():
                    cur.execute(statement)
            cur.execute(
                self._sql("INSERT INTO hx_migrations (version, applied_at) VALUES (?, ?)"), (version, now_iso())
            )

    def _adapt_migration(self, script: str) -> str:
        return script

    def claim(self, workflow: str) -> None:
        """Bind the store to one workflow (its rows are keyed by language only): a second workflow pointed at the
        same database is refused rather than mixed in."""
        with self._write(None, exclusive=True) as cur:
            cur.execute(self._sql("SELECT value FROM hx_meta WHERE key = ?"), ("workflow",))
            found = cur.fetchone()
            if found is None:
                cur.execute(self._sql("INSERT INTO hx_meta (key, value) VALUES (?, ?)"), ("workflow", workflow))
            elif found[0] != workflow:
                raise HexaglotError(
                    f"store {self.location}: it holds workflow {found[0]!r}, not {workflow!r}; "
                    "give each workflow its own database"
                )

    def schema_version(self) -> int:
        found = self._read("SELECT max(version) FROM hx_migrations")
        return int(found[0][0] or 0)

    # --- SQL helpers ---------------------------------------------------------------------------------------

    def _sql(self, statement: str) -> str:
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

    def _read(self, statement: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        conn = self._connection()
        with self._read_transaction(conn) as cur:
            cur.execute(self._sql(statement), tuple(params))
            return list(cur.fetchall())

    @contextlib.contextmanager
    def _read_transaction(self, conn: Any) -> Iterator[Any]:
        cur = conn.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @staticmethod
    def _row(values: tuple[Any, ...]) -> Row:
        skey, obsolete, position, msgid, state, words, assign, origin, entry, rev, updated_at, fields = values
        return Row(skey, bool(obsolete), position, msgid, state, words, assign, origin, entry, rev, updated_at, fields)

    def _insert(self, cur: Any, lang: str, rows: Iterable[Row]) -> None:
        cur.executemany(
            self._sql(
                "INSERT INTO hx_segments (lang, skey, obsolete, position, msgid, state, words, assign, origin, entry, "
                "rev, updated_at, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            ),
            [
                (lang, r.key, int(r.obsolete), r.position, r.msgid, r.state, r.words, r.assign, r.origin, r.entry,
                 r.rev, r.updated_at, r.fields)
                for r in rows
            ],
        )  # fmt: skip

    def _update(self, cur: Any, lang: str, row: Row) -> None:
        cur.execute(
            self._sql(
                "UPDATE hx_segments SET position = ?, msgid = ?, state = ?, words = ?, assign = ?, origin = ?, "
                "entry = ?, rev = ?, updated_at = ?, fields = ? WHERE lang = ? AND obsolete = ? AND skey = ?"
            ),
            (row.position, row.msgid, row.state, row.words, row.assign, row.origin, row.entry, row.rev,
             row.updated_at, row.fields, lang, int(row.obsolete), row.key),
        )  # fmt: skip

    # --- reading ---------------------------------------------------------------------------------------------

    def catalog_state(self, lang: str) -> CatalogState | None:
        found = self._read("SELECT lang, head, po_sha, synced_rev FROM hx_catalogs WHERE lang = ?", (lang,))
        return CatalogState(*found[0]) if found else None

    def base_text(self, lang: str) -> str:
        """The PO text as last written to or read from the file (the merge base)."""
        found = self._read("SELECT base_text FROM hx_bases WHERE lang = ?", (lang,))
        return str(found[0][0]) if found else ""

    def languages(self) -> list[str]:
        return [lang for (lang,) in self._read("SELECT lang FROM hx_catalogs ORDER BY lang")]

    def rows(self, lang: str, active_only: bool = False) -> list[Row]:
        """Every row of ``lang`` (active ones first), in file order."""
        where = " AND obsolete = 0" if active_only else ""
        found = self._read(
            f"SELECT {ROW_COLUMNS} FROM hx_segments WHERE lang = ?{where} ORDER BY obsolete, position", (lang,)
        )
        return [self._row(values) for values in found]

    def snapshot_rows(self, lang: str) -> list[Row]:
        """Every row of ``lang`` as one consistent, commit-ordered snapshot (what the PO file is written from)."""
        return self.rows(lang)

    def row(self, lang: str, key: str) -> Row | None:
        found = self._read(
            f"SELECT {ROW_COLUMNS} FROM hx_segments WHERE lang = ? AND obsolete = 0 AND skey = ?", (lang, key)
        )
        return self._row(found[0]) if found else None

    def revision(self, lang: str) -> int:
        """The latest revision of any row of ``lang`` (0 when empty)."""
        found = self._read("SELECT max(rev) FROM hx_segments WHERE lang = ?", (lang,))
        return int(found[0][0] or 0) if found else 0

    def changed_since(self, lang: str, rev: int) -> list[Row]:
        """Active rows written after revision ``rev`` (what other people saved since a reviewer last looked)."""
        found = self._read(
            f"SELECT {ROW_COLUMNS} FROM hx_segments WHERE lang = ? AND rev > ? AND obsolete = 0 ORDER BY rev",
            (lang, rev),
        )
        return [self._row(values) for values in found]

    def counts(self, lang: str) -> dict[str, tuple[int, int]]:
        """Active segments and English words per state: ``{state: (segments, words)}``."""
        found = self._read(
            "SELECT state, count(*), sum(words) FROM hx_segments WHERE lang = ? AND obsolete = 0 GROUP BY state",
            (lang,),
        )
        return {state: (int(segments), int(words or 0)) for state, segments, words in found}

    def draft_origins(self, lang: str) -> dict[str, int]:
        """Active drafts per origin (``mt``, ``tm``, ...; ``unknown`` when none is recorded), counted in the store."""
        found = self._read(
            "SELECT CASE WHEN origin IS NULL OR origin = '' THEN 'unknown' ELSE origin END AS kind, count(*) "
            "FROM hx_segments WHERE lang = ? AND obsolete = 0 AND state = 'draft' GROUP BY kind",
            (lang,),
        )
        return {str(origin): int(count) for origin, count in found}

    def summary(self, lang: str) -> list[tuple[str, str, int, str | None, str | None]]:
        """(key, state, words, assign JSON, draft origin) of every active row, in file order: what status,
        assignments and reports need without parsing PO."""
        return [
            (key, state, int(words), assign, origin)
            for key, state, words, assign, origin in self._read(
                "SELECT skey, state, words, assign, origin FROM hx_segments WHERE lang = ? AND obsolete = 0 "
                "ORDER BY position",
                (lang,),
            )
        ]

    # --- writing ---------------------------------------------------------------------------------------------

    def replace_language(self, lang: str, head: str, rows: list[Row], base_text: str, po_sha: str) -> int:
        """Load a whole catalog (first use of a language): every row, and the file it came from as merge base."""
        with self._write(lang, exclusive=True) as cur:
            rev = self._next_rev(cur)
            at = now_iso()
            for row in rows:
                row.rev, row.updated_at = rev, row.updated_at or at
            cur.execute(self._sql("DELETE FROM hx_segments WHERE lang = ?"), (lang,))
            cur.execute(self._sql("DELETE FROM hx_catalogs WHERE lang = ?"), (lang,))
            cur.execute(self._sql("DELETE FROM hx_bases WHERE lang = ?"), (lang,))
            cur.execute(
                self._sql(
                    "INSERT INTO hx_catalogs (lang, head, base_text, po_sha, synced_rev) VALUES (?, ?, '', ?, ?)"
                ),
                (lang, head, po_sha, rev),
            )
            cur.execute(self._sql("INSERT INTO hx_bases (lang, base_text) VALUES (?, ?)"), (lang, base_text))
            self._insert(cur, lang, rows)
        return rev

    def change(self, lang: str, key: str, apply: Callable[[polib.POEntry], None]) -> Change:
        """One segment's transaction, O(1) in the size of the catalog: read the row, let ``apply`` change the
        entry (nothing is written if it raises), then write it only if the row is still the one read (same
        revision); if someone saved the segment in between, read it again and re-apply. The write lock is held
        only for the one UPDATE and the commit."""
        for _attempt in range(MAX_RETRIES):
            row = self.row(lang, key)
            if row is None:
                raise KeyError(key)
            entry = row.to_entry()
            before_state, before_text = state_of(entry), entry.msgstr
            apply(entry)
            text = entry_text(entry)
            if text == row.entry:
                return Change(before_state, before_text, entry, row.rev)
            new = Row.from_entry(entry, row.position, text)
            try:
                with self._write(lang, exclusive=False) as cur:
                    new.rev, new.updated_at = self._next_rev(cur), now_iso()
                    cur.execute(
                        self._sql(
                            "UPDATE hx_segments SET msgid = ?, state = ?, words = ?, assign = ?, origin = ?, "
                            "entry = ?, rev = ?, updated_at = ?, fields = ? "
                            "WHERE lang = ? AND obsolete = 0 AND skey = ? AND rev = ?"
                        ),
                        (new.msgid, new.state, new.words, new.assign, new.origin, new.entry, new.rev, new.updated_at,
                         new.fields, lang, key, row.rev),
                    )  # fmt: skip
                    if cur.rowcount != 1:
                        raise _Retry
            except _Retry:
                continue
            return Change(before_state, before_text, entry, new.rev)
        raise StaleRowError(f"{key}: changed {MAX_RETRIES} times while being saved")

    @contextlib.contextmanager
    def exclusive(self, lang: str) -> Iterator[LanguageWriter]:
        """Hold back every other writer of ``lang`` while the caller reads and writes rows (bulk operations)."""
        with self._write(lang, exclusive=True) as cur:
            yield LanguageWriter(self, cur, lang)

    def set_synced(self, lang: str, base_text: str, po_sha: str, synced_rev: int, head: str | None = None) -> None:
        with self._write(lang, exclusive=False) as cur:
            self._set_synced(cur, lang, base_text, po_sha, synced_rev, head)

    def _set_synced(
        self, cur: Any, lang: str, base_text: str, po_sha: str, synced_rev: int, head: str | None = None
    ) -> None:
        cur.execute(
            self._sql("UPDATE hx_catalogs SET po_sha = ?, synced_rev = ? WHERE lang = ?"), (po_sha, synced_rev, lang)
        )
        cur.execute(self._sql("UPDATE hx_bases SET base_text = ? WHERE lang = ?"), (base_text, lang))
        if head is not None:
            cur.execute(self._sql("UPDATE hx_catalogs SET head = ? WHERE lang = ?"), (head, lang))


class LanguageWriter:
    """Rows of one language inside an exclusive transaction (see :meth:`WorkingStore.exclusive`)."""

    def __init__(self, store: WorkingStore, cur: Any, lang: str) -> None:
        self.store, self.cur, self.lang = store, cur, lang
        self._rev: int | None = None

    @property
    def rev(self) -> int:
        """The revision this transaction writes (allocated on first use)."""
        if self._rev is None:
            self._rev = self.store._next_rev(self.cur)
        return self._rev

    def rows(self) -> list[Row]:
        self.cur.execute(
            self.store._sql(f"SELECT {ROW_COLUMNS} FROM hx_segments WHERE lang = ? ORDER BY obsolete, position"),
            (self.lang,),
        )
        return [self.store._row(values) for values in self.cur.fetchall()]

    def row(self, key: str) -> Row | None:
        """One active row."""
        self.cur.execute(
            self.store._sql(f"SELECT {ROW_COLUMNS} FROM hx_segments WHERE lang = ? AND obsolete = 0 AND skey = ?"),
            (self.lang, key),
        )
        found = self.cur.fetchone()
        return self.store._row(found) if found else None

    def state(self) -> CatalogState | None:
        self.cur.execute(
            self.store._sql("SELECT lang, head, po_sha, synced_rev FROM hx_catalogs WHERE lang = ?"),
            (self.lang,),
        )
        found = self.cur.fetchone()
        return CatalogState(*found) if found else None

    def write(self, rows: Iterable[Row]) -> int:
        """Update (or insert) these rows with a new revision; returns how many."""
        at = now_iso()
        count = 0
        for row in rows:
            row.rev, row.updated_at = self.rev, at
            self.cur.execute(
                self.store._sql("SELECT 1 FROM hx_segments WHERE lang = ? AND obsolete = ? AND skey = ?"),
                (self.lang, int(row.obsolete), row.key),
            )
            if self.cur.fetchone():
                self.store._update(self.cur, self.lang, row)
            else:
                self.store._insert(self.cur, self.lang, [row])
            count += 1
        return count

    def reposition(self, positions: dict[tuple[bool, str], int]) -> None:
        self.cur.executemany(
            self.store._sql("UPDATE hx_segments SET position = ? WHERE lang = ? AND obsolete = ? AND skey = ?"),
            [(position, self.lang, int(obsolete), key) for (obsolete, key), position in positions.items()],
        )

    def delete(self, keys: Iterable[tuple[bool, str]]) -> None:
        self.cur.executemany(
            self.store._sql("DELETE FROM hx_segments WHERE lang = ? AND obsolete = ? AND skey = ?"),
            [(self.lang, int(obsolete), key) for obsolete, key in keys],
        )

    def set_head(self, head: str) -> None:
        self.cur.execute(self.store._sql("UPDATE hx_catalogs SET head = ? WHERE lang = ?"), (head, self.lang))

    def set_synced(self, base_text: str, po_sha: str, synced_rev: int) -> None:
        self.store._set_synced(self.cur, self.lang, base_text, po_sha, synced_rev)
