"""Machine drafts (TM, MT) saved through the working store: each save costs what it drafted, not the catalog.

:class:`StoreDraftSaver` replaces the rewrite of the whole PO file after every MT batch: a save writes only the
entries given (or, without a list, the ones that changed since the last save) in one store transaction, and only
into segments that are *still untranslated with the same English*: a draft never replaces a human's work or a
re-imported source. Only the draft's own parts are written (msgstr, the fuzzy flag, the provenance, review, mt,
terms and tm metas); any other comment line, flag or assignment on the stored segment is kept. Each save is
durable when it returns, so a killed ``draft`` loses at most the batch in flight (which the MT cache makes cheap to
redo). The PO file is written once, when drafting of the language ends (:func:`translate.store.sync_language`).
"""

from __future__ import annotations

from collections.abc import Iterable

import polib

from translate.catalog import DRAFT_METAS, Catalog, SegmentState, copy_draft, state_of
from translate.store.rows import Row, entry_text, key_of

__all__ = ["DRAFT_METAS", "StoreDraftSaver"]


class StoreDraftSaver:
    """Saves a machine writer's drafts into the store (the interface of :class:`translate.catalog.DraftSaver`)."""

    def __init__(self, catalog: Catalog, store: object, lang: str) -> None:
        from translate.store.base import WorkingStore

        assert isinstance(store, WorkingStore)
        self.catalog = catalog
        self.store = store
        self.lang = lang
        self._saved: dict[str, str] = {
            entry.msgctxt: entry_text(entry)
            for entry in catalog
            if entry.msgctxt and state_of(entry) is SegmentState.UNTRANSLATED
        }
        """The candidates (untranslated when loaded) and their text as last saved."""
        self._by_id = {entry.msgctxt: entry for entry in catalog if entry.msgctxt in self._saved}
        self.skipped = 0
        """Drafts not written because a human or a re-import changed the segment meanwhile."""
        self.saves = 0

    def save(self, entries: Iterable[polib.POEntry] | None = None) -> int:
        """Write the given entries (default: every candidate changed since the last save); returns how many."""
        pending: list[polib.POEntry] = []
        for entry in entries if entries is not None else self._by_id.values():
            if entry.msgctxt not in self._saved:
                continue
            text = entry_text(entry)
            if text != self._saved[entry.msgctxt]:
                pending.append(entry)
        if not pending:
            return 0
        written = 0
        with self.store.exclusive(self.lang) as tx:
            rows = []
            for entry in pending:
                stored_row = tx.row(key_of(entry))
                self._saved[entry.msgctxt] = entry_text(entry)
                if stored_row is None or stored_row.msgid != entry.msgid or stored_row.state != "untranslated":
                    self.skipped += entry.msgstr != ""
                    continue
                stored = stored_row.to_entry()
                copy_draft(entry, stored)
                rows.append(Row.from_entry(stored, stored_row.position))
            written = tx.write(rows)
        self.saves += 1
        return written
