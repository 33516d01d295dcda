"""The working store: where reviews, drafts and assignments are saved, one transaction per change.

The PO catalogs in git stay the exchange format and the record. The store is the working copy between them:

* a save (accept, edit, reject, one batch of drafts, an assignment run) is one store transaction: O(1) in the size
  of the catalog for one segment, durable when it returns;
* :func:`sync_language` / :func:`sync_workflow` (``hexaglot sync``, quitting the review app, and every command
  before it reads catalogs) reads back edits made to a PO file by hand or by git (pull, merge, an import) with the
  merge driver's rules (:func:`translate.merge.merge_po`: base = the file as the store last wrote or read it,
  ours = the store, theirs = the file), then writes the file from the store when the store is ahead. The file is a
  deterministic function of the store's rows: the same content gives the same bytes.

Where: ``store:`` in workflow.yaml. Absent or ``sqlite``: ``<workflow>/.hexaglot/store.sqlite`` (a folder that
ignores itself in git). ``postgresql://user@host:port/db``: a shared server; the password comes from ``PGPASSWORD``
or ``~/.pgpass`` (``PGPASSFILE``), never from the file. ``HEXAGLOT_STORE`` in the environment overrides the file
(benchmarks, tests).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from translate.catalog import WRAP_WIDTH, Catalog, catalog_lock, read_po
from translate.errors import BadInputError, HexaglotError
from translate.fileio import atomic_write_text
from translate.store.base import CatalogState, Change, WorkingStore
from translate.store.rows import Row, entry_text, head_text, key_of, render, rows_of

if TYPE_CHECKING:
    from translate.workflow import Workflow

__all__ = [
    "Change",
    "SyncReport",
    "WorkingStore",
    "catalog_from_store",
    "catalog_transaction",
    "load_catalog",
    "no_catalog",
    "open_store",
    "require_catalog",
    "store_location",
    "sync_language",
    "sync_workflow",
]

STORE_DIR = ".hexaglot"
_OPEN: dict[str, WorkingStore] = {}


def store_location(wf: Workflow) -> str:
    """The store's location: a PostgreSQL URL or the SQLite file's path."""
    configured = os.environ.get("HEXAGLOT_STORE") or getattr(wf, "store", None) or "sqlite"
    if configured.startswith(("postgresql://", "postgres://")):
        return configured
    if configured != "sqlite":
        raise BadInputError(wf.root / "workflow.yaml", f"store: {configured!r}: use sqlite or postgresql://…", "store")
    return str((wf.root / STORE_DIR / "store.sqlite").resolve())


def open_store(wf: Workflow) -> WorkingStore:
    """The workflow's store, opened once per process (migrated to the current schema on first open)."""
    location = store_location(wf)
    store = _OPEN.get(location)
    if store is None:
        if location.startswith(("postgresql://", "postgres://")):
            from translate.store.postgres import PostgresStore

            store = PostgresStore(location)
        else:
            from translate.store.sqlite import SQLiteStore

            store = SQLiteStore(location)
        store.claim(wf.name)
        _OPEN[location] = store
    return store


def close_stores() -> None:
    """Close every store this process opened (at exit; tests)."""
    while _OPEN:
        _, store = _OPEN.popitem()
        with contextlib.suppress(Exception):  # closing at exit must not fail
            store.close()


atexit.register(close_stores)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class SyncReport:
    """What :func:`sync_language` did."""

    lang: str
    loaded: bool = False
    """The language was new to the store: its PO file was read in whole."""
    read_back: bool = False
    """The PO file had been changed outside the store and was merged in."""
    written: bool = False
    """The PO file was (re)written from the store."""
    changed: int = 0
    """Segments the read-back changed, added or removed in the store."""
    resolved: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def sync_language(wf: Workflow, lang: str, *, write: bool = True, store: WorkingStore | None = None) -> SyncReport:
    """Bring the store and ``lang``'s PO file together (see the module docstring). Holds the catalog lock."""
    store = store or open_store(wf)
    path = wf.catalog_path(lang)
    report = SyncReport(lang)
    with catalog_lock(wf.lock_path(lang), path):
        state = store.catalog_state(lang)
        disk = path.read_bytes() if path.exists() else None
        if state is None:
            if disk is None:
                return report
            _load_whole(store, path, lang, disk)
            report.loaded = True
            return report
        if disk is not None and _sha(disk) != state.po_sha:
            _read_back(store, path, lang, state, report)
        if write and (disk is None or report.read_back or store.revision(lang) > state.synced_rev):
            write_po(store, wf, lang)
            report.written = True
    return report


def sync_workflow(wf: Workflow, langs: list[str] | None = None, *, write: bool = True) -> list[SyncReport]:
    """:func:`sync_language` for every target language (or ``langs``)."""
    return [sync_language(wf, lang, write=write) for lang in (langs or wf.target_languages)]


def _load_whole(store: WorkingStore, path: Path, lang: str, disk: bytes) -> None:
    po = read_po(path)
    store.replace_language(lang, head_text(po), rows_of(po), disk.decode("utf-8"), _sha(disk))


def _read_back(store: WorkingStore, path: Path, lang: str, state: CatalogState, report: SyncReport) -> None:
    """Merge the file's changes into the store: base = the text last synced, ours = the store, theirs = the file."""
    theirs = read_po(path)  # malformed: BadInputError, the store untouched
    with store.exclusive(lang) as tx:
        current = tx.rows()
        if max((row.rev for row in current), default=0) <= state.synced_rev:
            merged = theirs  # nothing saved in the store since the file was written: the file's version is the truth
        else:
            from translate.merge import merge_po

            ours = polib.pofile(render(state.head, current), wrapwidth=WRAP_WIDTH)
            base = polib.pofile(store.base_text(lang), wrapwidth=WRAP_WIDTH)
            merged, merge_report = merge_po(base, ours, theirs)
            report.resolved, report.conflicts = list(merge_report.resolved), list(merge_report.conflicts)
        existing = {(row.obsolete, row.key): row for row in current}
        new_rows = rows_of(merged)
        changed = [row for row in new_rows if (old := existing.get((row.obsolete, row.key))) is None
                   or old.entry != row.entry]  # fmt: skip
        keep = {(row.obsolete, row.key) for row in new_rows}
        removed = [key for key in existing if key not in keep]
        moved = {
            (row.obsolete, row.key): row.position
            for row in new_rows
            if (old := existing.get((row.obsolete, row.key))) is not None and old.position != row.position
        }
        tx.delete(removed)
        tx.write(changed)
        tx.reposition(moved)
        tx.set_head(head_text(merged))
        if changed or removed:
            _ = tx.rev  # a new revision: the file is rewritten from the merged store
        report.changed = len(changed) + len(removed)
        report.read_back = True


def po_text(store: WorkingStore, lang: str) -> tuple[str, int]:
    """The PO text of ``lang`` as the store holds it now, and the revision it shows."""
    state = store.catalog_state(lang)
    if state is None:
        raise HexaglotError(f"{lang}: not in the working store")
    rows = store.snapshot_rows(lang)
    rev = max((row.rev for row in rows), default=0)
    return render(state.head, rows), rev


def write_po(store: WorkingStore, wf: Workflow, lang: str) -> str:
    """Write ``lang``'s PO file from the store (the caller holds the catalog lock); returns the text."""
    text, rev = po_text(store, lang)
    data = text.encode("utf-8")
    atomic_write_text(wf.catalog_path(lang), text)
    store.set_synced(lang, text, _sha(data), rev)
    return text


def catalog_from_store(wf: Workflow, lang: str, store: WorkingStore | None = None) -> Catalog | None:
    """``lang``'s catalog as the store holds it (None: no such language)."""
    store = store or open_store(wf)
    state = store.catalog_state(lang)
    if state is None:
        return None
    po = polib.pofile(render(state.head, store.rows(lang)), wrapwidth=WRAP_WIDTH)
    return Catalog(wf.catalog_path(lang), po, lang)


@contextlib.contextmanager
def catalog_transaction(wf: Workflow, lang: str, store: WorkingStore | None = None) -> Iterator[Catalog]:
    """``lang``'s catalog with every other writer of the language held back while the caller changes it (bulk
    operations: ``assign``, ``import-xliff``); the entries it changed are written in one commit. If the caller
    raises, nothing is written. The PO file is not written (:func:`sync_language` does that)."""
    store = store or open_store(wf)
    path = wf.catalog_path(lang)
    if not path.exists() and store.catalog_state(lang) is None:
        raise no_catalog(wf, lang)
    sync_language(wf, lang, write=False, store=store)
    with store.exclusive(lang) as tx:
        state = tx.state()
        rows = tx.rows()
        before = {(row.obsolete, row.key): row for row in rows}
        po = polib.pofile(render(state.head, rows) if state else "", wrapwidth=WRAP_WIDTH)
        catalog = Catalog(path, po, lang)
        yield catalog
        changed = []
        for position, entry in enumerate(catalog.po):
            text = entry_text(entry)
            row = Row.from_entry(entry, position, text)
            old = before.get((row.obsolete, row.key))
            if old is None or old.entry != text or old.position != position:
                changed.append(row)
        tx.write(changed)
        kept = {(bool(entry.obsolete), key_of(entry)) for entry in catalog.po}
        tx.delete([key for key in before if key not in kept])


def no_catalog(wf: Workflow, lang: str) -> BadInputError:
    """The error for a language that has no catalog yet."""
    return BadInputError(wf.catalog_path(lang), f"no catalog for {lang}: run 'hexaglot import {wf.root}' first")


def load_catalog(wf: Workflow, lang: str) -> Catalog | None:
    """The one catalog loader for a workflow's language: sync ``lang`` (edits to the file read back, the file
    written when the store is ahead) and return its catalog, or None when the language has none yet."""
    sync_language(wf, lang)
    return catalog_from_store(wf, lang)


def require_catalog(wf: Workflow, lang: str) -> Catalog:
    """:func:`load_catalog` for a command that needs the catalog: none yet is :func:`no_catalog`."""
    catalog = load_catalog(wf, lang) if wf.catalog_path(lang).exists() else None
    if catalog is None:
        raise no_catalog(wf, lang)
    return catalog
