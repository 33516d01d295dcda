"""Durable, concurrent-safe review actions on a language catalog.

Every action (accept, edit, reject, assign) is one *transaction*: take the catalog's lock (``filelock``),
re-read the PO file from disk, apply this reviewer's change to the one segment it concerns, write the file
atomically (temp file, fsync, rename: :func:`translate.fileio.atomic_write_text`), append a journal line
(O_APPEND, fsync), release the lock. So

* a change is on disk before the review app reads the next key; a killed app loses at most what was being typed;
* two reviewers saving the same language file at the same time lose nothing: each save merges one segment into
  the file as it is on disk *now*, never writes back a stale copy of the other segments;
* two reviewers on the *same segment*: an accept or reject of text that someone else changed since the reviewer
  saw it is refused (:class:`StaleSegmentError`, the app then shows the new text); an edit is saved and the
  other person's version is kept in the ``merged`` meta.

What *accept* means depends on the stage (see :func:`accept_target`): in any stage but the workflow's last
(``translation`` in the default ``[translation, revision]``) accept marks the segment **translated**; in the
last stage, or when no stage is known, accept **approves** it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from translate import journal
from translate.catalog import (
    LOCK_TIMEOUT_S,
    Catalog,
    SegmentState,
    approve,
    catalog_lock,
    count_words,
    provenance_of,
    reject,
    review_of,
    set_meta,
    set_translated,
    state_of,
)
from translate.errors import BadInputError, HexaglotError

if TYPE_CHECKING:
    from translate.workflow import Workflow


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def accept_target(stage: str | None, stage_names: Sequence[str]) -> SegmentState:
    """The state an *accept* leads to: translated in an early stage, approved in the last stage or with none."""
    if stage is None or not stage_names or stage == stage_names[-1] or stage not in stage_names:
        return SegmentState.APPROVED
    return SegmentState.TRANSLATED


class StaleSegmentError(HexaglotError):
    """The segment changed on disk (another reviewer) since the reviewer looked at it."""

    def __init__(self, segment_id: str, by: str) -> None:
        self.segment_id = segment_id
        self.by = by
        super().__init__(f"{segment_id}: changed by {by} meanwhile; review the new text")


@dataclass(frozen=True)
class ActionResult:
    """What one review action did to one segment (as it is now on disk)."""

    segment: str
    action: str
    state_before: SegmentState
    state_after: SegmentState
    before: str
    after: str


class ReviewStore:
    """One language catalog, changed one segment at a time under a lock."""

    def __init__(
        self,
        catalog_path: str | Path,
        lang: str,
        *,
        journal_path: str | Path | None = None,
        lock_path: str | Path | None = None,
        timeout: float = LOCK_TIMEOUT_S,
    ) -> None:
        self.path = Path(catalog_path)
        self.lang = lang
        self.journal_path = Path(journal_path) if journal_path else None
        self.lock_path = Path(lock_path) if lock_path else self.path.with_name(f".{self.path.name}.lock")
        self.timeout = timeout
        self.last_catalog: Catalog | None = None
        """The catalog as written by the last transaction (fresh from disk, with everybody's changes)."""
        self._written: tuple[int, int, int] | None = None

    @classmethod
    def for_workflow(cls, wf: Workflow, lang: str) -> ReviewStore:
        """The store of ``lang`` in workflow ``wf``; the lock lives in the workflow's (git-ignored) cache."""
        return cls(
            wf.catalog_path(lang),
            lang,
            journal_path=wf.journal_path(lang),
            lock_path=wf.lock_path(lang),
        )

    # Reading and transactions ------------------------------------------------------------------------

    def load(self) -> Catalog:
        """The catalog as on disk (renames are atomic, so an unlocked read always sees a whole file)."""
        if not self.path.exists():
            raise BadInputError(self.path, "no catalog for this language; run 'hexaglot import' first")
        catalog = Catalog.load(self.path, self.lang)
        self.last_catalog = catalog
        return catalog

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Catalog]:
        """Lock, re-read from disk, let the caller change the catalog, write it atomically, unlock.

        The re-read is skipped when the file is exactly the one this store wrote last (same inode, size and
        time: every save is a rename to a new inode, so any other writer's save is noticed). If the caller
        raises, nothing is written.
        """
        with catalog_lock(self.lock_path, self.path, self.timeout):
            catalog = self._fresh()
            try:
                yield catalog
                catalog.save()
            except BaseException:
                self._written = None  # the in-memory copy may be half changed: re-read next time
                self.last_catalog = None
                raise
            self._written = _signature(self.path)
            self.last_catalog = catalog

    def _fresh(self) -> Catalog:
        if self.last_catalog is not None and self._written is not None and self._written == _signature(self.path):
            return self.last_catalog
        return self.load()

    def _entry(self, catalog: Catalog, segment_id: str) -> polib.POEntry:
        entry = catalog.entry(segment_id)
        if entry is None:
            raise HexaglotError(f"{self.path}: no segment {segment_id!r} (removed by a re-import?)")
        return entry

    def _record(self, entry: polib.POEntry, result: ActionResult, reviewer: str | None, stage: str | None) -> None:
        if self.journal_path is None:
            return
        journal.append(
            self.journal_path,
            {
                "reviewer": reviewer or "",
                "segment": result.segment,
                "action": result.action,
                "state_before": str(result.state_before),
                "state_after": str(result.state_after),
                "before": result.before,
                "after": result.after,
                "words": count_words(entry.msgid),
                "stage": stage or "",
            },
        )

    def _change(
        self,
        segment_id: str,
        action: str,
        reviewer: str | None,
        stage: str | None,
        change: Callable[[polib.POEntry], None],
        seen: str | None = None,
        overwrite: bool = False,
    ) -> ActionResult:
        """Apply ``change`` to one segment in a transaction, then journal it.

        ``seen`` is the text the reviewer was looking at. If someone else changed the segment since, an accept or
        reject would sign off text the reviewer never saw: :class:`StaleSegmentError`. An edit (``overwrite``)
        still saves what was typed, and keeps the other version in the ``merged`` meta, as the merge driver does.
        """
        with self.transaction() as catalog:
            entry = self._entry(catalog, segment_id)
            state_before, before = state_of(entry), entry.msgstr
            if seen is not None and entry.msgstr != seen:
                if not overwrite:
                    raise StaleSegmentError(segment_id, _last_by(entry))
                other = {"side": "concurrent", "msgstr": entry.msgstr, "state": str(state_before)}
                other["by"] = _last_by(entry)
                change(entry)
                set_meta(entry, "merged", other)
            else:
                change(entry)
            result = ActionResult(segment_id, action, state_before, state_of(entry), before, entry.msgstr)
        self._record(entry, result, reviewer, stage)
        return result

    # Actions -----------------------------------------------------------------------------------------

    def accept(
        self,
        segment_id: str,
        reviewer: str | None,
        *,
        stage: str | None = None,
        target: SegmentState = SegmentState.APPROVED,
        text: str | None = None,
        seen: str | None = None,
    ) -> ActionResult:
        """Accept the segment (with ``text`` if the reviewer changed it): translated or approved (``target``)."""
        by = reviewer or "reviewer"

        def change(entry: polib.POEntry) -> None:
            new_text = entry.msgstr if text is None else text
            if not new_text.strip():
                raise HexaglotError(f"{segment_id}: nothing to accept (empty translation)")
            if target == SegmentState.APPROVED:
                approve(entry, by=by, text=new_text)
            else:
                set_translated(entry, new_text, by=by)

        return self._change(segment_id, "accept", reviewer, stage, change, seen)

    def edit(
        self, segment_id: str, reviewer: str | None, text: str, *, stage: str | None = None, seen: str | None = None
    ) -> ActionResult:
        """Save the reviewer's own text: the segment becomes translated (a human wrote it; it awaits revision)."""
        if not text.strip():
            raise HexaglotError(f"{segment_id}: an edit cannot empty the translation")

        def change(entry: polib.POEntry) -> None:
            set_translated(entry, text, by=reviewer or "reviewer")

        return self._change(segment_id, "edit", reviewer, stage, change, seen, overwrite=True)

    def reject(
        self, segment_id: str, reviewer: str | None, comment: str, *, stage: str | None = None, seen: str | None = None
    ) -> ActionResult:
        """Reject with a comment saying why; the text stays for the translator."""
        if not comment.strip():
            raise HexaglotError(f"{segment_id}: a rejection needs a comment")

        def change(entry: polib.POEntry) -> None:
            if not entry.msgstr:
                raise HexaglotError(f"{segment_id}: nothing to reject (untranslated)")
            reject(entry, by=reviewer or "reviewer", comment=comment)

        return self._change(segment_id, "reject", reviewer, stage, change, seen)


def _last_by(entry: polib.POEntry) -> str:
    review = review_of(entry) or {}
    provenance = provenance_of(entry)
    return str(review.get("by") or (provenance.by if provenance else None) or "someone")
