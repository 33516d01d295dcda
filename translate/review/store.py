"""Durable, concurrent-safe review actions on a language catalog, through the working store.

Every action (accept, edit, reject) is one *store transaction* on one segment (:mod:`translate.store`: SQLite in
WAL mode or PostgreSQL): lock that segment's row, apply this reviewer's change to it, commit, then append a journal
line (O_APPEND, fsync). The time a save takes does not depend on the size of the catalog. So

* a change is committed before the review app reads the next key; a killed app loses at most what was being typed;
* two reviewers saving the same language at the same time lose nothing and do not queue behind a file rewrite;
* two reviewers on the *same segment*: an accept or reject of text that someone else changed since the reviewer
  saw it is refused (:class:`StaleSegmentError`, the app then shows the new text); an edit is saved and the
  other person's version is kept in the ``merged`` meta.

The PO file is written from the store on :meth:`ReviewStore.flush` (quitting the app), on ``hexaglot sync`` and
before any command that reads catalogs; :meth:`ReviewStore.load` first reads back edits made to the file.

What *accept* means depends on the stage (see :func:`accept_target`): in any stage but the workflow's last
(``translation`` in the default ``[translation, revision]``) accept marks the segment **translated**; in the
last stage, or when no stage is known, accept **approves** it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from translate import journal
from translate.catalog import (
    Catalog,
    SegmentState,
    approve,
    count_words,
    get_meta,
    now_iso,
    provenance_of,
    reject,
    review_of,
    set_meta,
    set_translated,
    state_of,
)
from translate.errors import HexaglotError
from translate.merge import keep_version

if TYPE_CHECKING:
    from translate.workflow import Workflow


def accept_target(stage: str | None, stage_names: Sequence[str]) -> SegmentState:
    """The state an *accept* leads to: translated in an early stage, approved in the last stage or with none."""
    if stage is None or not stage_names or stage == stage_names[-1] or stage not in stage_names:
        return SegmentState.APPROVED
    return SegmentState.TRANSLATED


class StageError(HexaglotError):
    """An action the reviewer's stage does not allow on the segment as it is (approve a draft in revision...)."""


class SaveError(HexaglotError):
    """A save that did not reach the disk (full disk, read-only store, I/O error): nothing of it was kept.

    Exit code 1: the command ends with the work saved before it kept, and says what was not saved."""

    exit_code = 1


class JournalError(SaveError):
    """The save is in the store but its journal line could not be written; ``result`` says what was saved."""

    def __init__(self, message: str, result: ActionResult) -> None:
        super().__init__(message)
        self.result = result


OVERRIDE_META = "override"


def text_digest(text: str) -> str:
    """A short fingerprint of a translation: an override holds only for the text it was given for."""
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def override_of(entry: polib.POEntry) -> dict | None:
    """The error override (``{"by", "at", "reason", "errors", "text"}``) that holds for the entry's current text."""
    value = get_meta(entry, OVERRIDE_META)
    if not value or value.get("text") != text_digest(entry.msgstr):
        return None
    return value


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
    """One language of a workflow in the working store, changed one segment at a time."""

    def __init__(self, wf: Workflow, lang: str) -> None:
        from translate.store import open_store

        self.wf = wf
        self.lang = lang
        self.path = wf.catalog_path(lang)
        self.journal_path: Path | None = wf.journal_path(lang)
        self.store = open_store(wf)
        self.last_catalog: Catalog | None = None
        """The catalog as loaded, kept up to date with this store's own saves and :meth:`refresh`."""
        self.rev = 0
        """The store revision ``last_catalog`` reflects (other people's saves after it: :meth:`refresh`)."""
        self._where: dict[str, int] = {}
        self._known = False

    @classmethod
    def for_workflow(cls, wf: Workflow, lang: str) -> ReviewStore:
        return cls(wf, lang)

    # Reading ---------------------------------------------------------------------------------------------

    def load(self) -> Catalog:
        """The catalog as the store holds it, after reading back any edit made to the PO file."""
        from translate.store import catalog_from_store, no_catalog, sync_language

        if not self.path.exists() and self.store.catalog_state(self.lang) is None:
            raise no_catalog(self.wf, self.lang)
        sync_language(self.wf, self.lang, write=False, store=self.store)
        self.rev = self.store.revision(self.lang)
        catalog = catalog_from_store(self.wf, self.lang, self.store)
        assert catalog is not None
        self._keep(catalog)
        return catalog

    def _keep(self, catalog: Catalog) -> None:
        self.last_catalog = catalog
        self._where = {entry.msgctxt: n for n, entry in enumerate(catalog.po) if entry.msgctxt and not entry.obsolete}

    def _replace(self, entry: polib.POEntry) -> None:
        """Put a fresh copy of one entry into ``last_catalog``."""
        if self.last_catalog is None:
            return
        position = self._where.get(entry.msgctxt or "")
        if position is None:
            self.last_catalog = None  # a segment we never saw (re-import): load again next time
            return
        self.last_catalog.po[position] = entry

    def refresh(self) -> list[str]:
        """Take the segments other people saved since :attr:`rev` into ``last_catalog``; their ids."""
        if self.last_catalog is None:
            self.load()
            return []
        changed = self.store.changed_since(self.lang, self.rev)
        for row in changed:
            self._replace(row.to_entry())
            self.rev = max(self.rev, row.rev)
        return [row.key for row in changed]

    def flush(self) -> None:
        """Write the PO file from the store (quitting the app): the record in git is up to date."""
        from translate.store import sync_language

        sync_language(self.wf, self.lang, store=self.store)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Catalog]:
        """Every other writer of this language held back while the caller changes the catalog (bulk operations:
        ``assign``, ``import-xliff``); the entries it changed are written in one commit. If the caller raises,
        nothing is written."""
        from translate.store import catalog_transaction

        with catalog_transaction(self.wf, self.lang, self.store) as catalog:
            yield catalog
        self.rev = self.store.revision(self.lang)
        self._keep(catalog)

    # Saving one segment ------------------------------------------------------------------------------------

    def _record(
        self,
        entry: polib.POEntry,
        result: ActionResult,
        reviewer: str | None,
        stage: str | None,
        extra: dict | None = None,
    ) -> None:
        if self.journal_path is None:
            return
        journal.append(
            self.journal_path,
            journal.JournalRecord(
                reviewer=reviewer or "",
                segment=result.segment,
                action=result.action,
                state_before=str(result.state_before),
                state_after=str(result.state_after),
                before=result.before,
                after=result.after,
                words=count_words(entry.msgid),
                stage=stage or "",
                **(extra or {}),
            ),
            fsync=False,  # the save itself is committed in the store; a killed process still leaves the line
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
        extra: dict | None = None,
    ) -> ActionResult:
        """Apply ``change`` to one segment in one store transaction, then journal it.

        ``seen`` is the text the reviewer was looking at. If someone else changed the segment since, an accept or
        reject would sign off text the reviewer never saw: :class:`StaleSegmentError`. An edit (``overwrite``)
        still saves what was typed, and keeps the other version in the ``merged`` meta, as the merge driver does.
        """
        if not self._known:
            if self.store.catalog_state(self.lang) is None:
                self.load()  # first use of this language: read its PO file in
            self._known = True

        def apply(entry: polib.POEntry) -> None:
            if seen is not None and entry.msgstr != seen:
                if not overwrite:
                    raise StaleSegmentError(segment_id, _last_by(entry))
                other = {"side": "concurrent", "msgstr": entry.msgstr, "state": str(state_of(entry))}
                other["by"] = _last_by(entry)
                change(entry)
                keep_version(entry, other)  # on top of the versions kept before: none is dropped
            else:
                change(entry)

        try:
            done = self.store.change(self.lang, segment_id, apply)
        except KeyError:
            raise HexaglotError(f"{self.path}: no segment {segment_id!r} (removed by a re-import?)") from None
        except HexaglotError:
            raise
        except Exception as error:
            if not _is_io_error(error):
                raise
            raise SaveError(f"{segment_id}: not saved ({_reason(error)}); nothing of this {action} was kept") from None
        entry = done.after
        result = ActionResult(segment_id, action, done.before_state, state_of(entry), done.before_text, entry.msgstr)
        self._replace(entry)
        if action == "propagate" and (result.before, result.state_before) == (result.after, result.state_after):
            return result  # nothing to propagate to this one: no journal line
        try:
            self._record(entry, result, reviewer, stage, extra)
        except OSError as error:
            raise JournalError(
                f"{segment_id}: saved, but its journal line was not written to {self.journal_path} ({_reason(error)})",
                result,
            ) from None
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
        allowed: Collection[SegmentState] | None = None,
        override: dict | None = None,
    ) -> ActionResult:
        """Accept the segment (with ``text`` if the reviewer changed it): translated or approved (``target``).

        ``allowed``: the states the segment may be in (checked inside the transaction; else :class:`StageError`).
        ``override``: ``{"reason", "errors"}`` when the reviewer accepts error-severity findings deliberately; kept
        as meta ``override`` (for this text only) and in the journal line."""
        by = reviewer or "reviewer"

        def change(entry: polib.POEntry) -> None:
            new_text = entry.msgstr if text is None else text
            if not new_text.strip():
                raise HexaglotError(f"{segment_id}: nothing to accept (empty translation)")
            state = state_of(entry)
            if allowed is not None and state not in allowed:
                raise StageError(f"{segment_id}: {state}: {_why_not(state, target)}")
            if target == SegmentState.APPROVED:
                approve(entry, by=by, text=new_text)
            else:
                set_translated(entry, new_text, by=by)
            if override:
                set_meta(entry, OVERRIDE_META, {**override, "by": by, "at": now_iso(), "text": text_digest(new_text)})
            else:
                set_meta(entry, OVERRIDE_META, None)

        extra = {"override": override["reason"], "errors": list(override["errors"])} if override else None
        return self._change(segment_id, "accept", reviewer, stage, change, seen, extra=extra)

    def edit(
        self, segment_id: str, reviewer: str | None, text: str, *, stage: str | None = None, seen: str | None = None
    ) -> ActionResult:
        """Save the reviewer's own text: the segment becomes translated (a human wrote it; it awaits revision)."""
        if not text.strip():
            raise HexaglotError(f"{segment_id}: an edit cannot empty the translation")

        def change(entry: polib.POEntry) -> None:
            set_translated(entry, text, by=reviewer or "reviewer")
            set_meta(entry, OVERRIDE_META, None)

        return self._change(segment_id, "edit", reviewer, stage, change, seen, overwrite=True)

    def propagate(
        self, segment_id: str, reviewer: str | None, text: str, *, origin: str, stage: str | None = None
    ) -> ActionResult | None:
        """Give ``segment_id`` (a segment with the same English as ``origin``) the translation ``text``: it
        becomes translated (journaled as ``propagate``). An approved segment or one with that text already is left
        alone (None)."""
        skipped = False

        def change(entry: polib.POEntry) -> None:
            nonlocal skipped
            if state_of(entry) == SegmentState.APPROVED or entry.msgstr == text:
                skipped = True
                return
            set_translated(entry, text, by=reviewer or "reviewer")
            set_meta(entry, OVERRIDE_META, None)

        result = self._change(segment_id, "propagate", reviewer, stage, change, extra={"copied_from": origin})
        return None if skipped else result

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
            set_meta(entry, OVERRIDE_META, None)

        return self._change(segment_id, "reject", reviewer, stage, change, seen)


def _last_by(entry: polib.POEntry) -> str:
    review = review_of(entry) or {}
    provenance = provenance_of(entry)
    return str(review.get("by") or (provenance.by if provenance else None) or "someone")


def _why_not(state: SegmentState, target: SegmentState) -> str:
    if target == SegmentState.TRANSLATED:
        return "already approved; the translation stage cannot take an approval back (edit it to correct it)"
    if state in (SegmentState.DRAFT, SegmentState.UNTRANSLATED):
        return "not translated yet: a segment reaches revision after the translation stage (or a senior reviser)"
    if state == SegmentState.REJECTED:
        return "rejected: it goes back to its translator first"
    return "not open to approval in this stage"


def _is_io_error(error: BaseException) -> bool:
    """A failure of the disk or the database server (full, read-only, gone), not a bug."""
    if isinstance(error, OSError):
        return True
    import sqlite3

    if isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError):
        return True
    return type(error).__module__.startswith("psycopg") and type(error).__name__ in ("OperationalError", "DiskFull")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror}{where}"
    return str(error) or type(error).__name__
