"""The review queue and actions, independent of the screen (the Textual app is a view of a :class:`ReviewSession`).

Queue: the segments of one language that await a human, **drafts first, then translated, then rejected, then
untranslated**, each group in document order. With a reviewer, only the segments assigned to them in their stage
(``hexaglot assign``); in an early stage (translation) the already translated ones are not in the queue.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polib

from translate.catalog import SegmentState, count_words, state_of
from translate.review.findings import FindingsCache, load_glossary
from translate.review.routing import assigned_to
from translate.review.store import ActionResult, ReviewStore, StaleSegmentError, accept_target
from translate.workflow import Workflow

QUEUE_ORDER = (SegmentState.DRAFT, SegmentState.TRANSLATED, SegmentState.REJECTED, SegmentState.UNTRANSLATED)
"""The order a reviewer meets segments in (work to check first): a priority, not the order of progress
(:attr:`SegmentState.rank`)."""
MEMORY_FLUSH_EVERY = 25
"""Approved segments go to the workflow memory on quit and after every this many approvals."""


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


def reviewer_stage(wf: Workflow, lang: str, reviewer: str | None) -> str | None:
    """The stage a reviewer works in for ``lang``: the last workflow stage that lists them (None: not listed)."""
    if reviewer is None:
        return None
    found = None
    for stage in wf.stages:
        if any(person.name == reviewer for person in wf.reviewers_for(lang, stage.name)):
            found = stage.name
    return found


def awaiting_states(target: SegmentState) -> tuple[SegmentState, ...]:
    """States that still need a human before reaching ``target``."""
    if target == SegmentState.TRANSLATED:
        return (SegmentState.DRAFT, SegmentState.REJECTED, SegmentState.UNTRANSLATED)
    return QUEUE_ORDER


def build_queue(
    entries: list[polib.POEntry], target: SegmentState, reviewer: str | None, stage: str | None
) -> list[str]:
    """Segment ids in review order (see the module docstring)."""
    wanted = awaiting_states(target)
    mine = [
        entry
        for entry in entries
        if entry.msgctxt
        and state_of(entry) in wanted
        and (reviewer is None or (stage is not None and assigned_to(entry, stage) == reviewer))
    ]
    return [entry.msgctxt for state in QUEUE_ORDER for entry in mine if state_of(entry) == state]


@dataclass
class ReviewSession:
    """One reviewer's pass over one language."""

    wf: Workflow
    lang: str
    reviewer: str | None = None
    stage: str | None = None
    by: str | None = None
    """Who is recorded as acting (journal, review meta): the reviewer, else $HEXAGLOT_USER or the login name."""
    store: ReviewStore = field(init=False)
    target: SegmentState = field(init=False)
    queue: list[str] = field(init=False)
    entries: dict[str, polib.POEntry] = field(init=False)
    findings: FindingsCache = field(init=False)
    glossary: Any = field(init=False)
    acted: set[str] = field(default_factory=set)
    approvals_since_flush: int = 0
    memory_updates: int = 0

    def __post_init__(self) -> None:
        if self.by is None:
            self.by = self.reviewer or os.environ.get("HEXAGLOT_USER") or _login_name()
        if self.stage is None:
            self.stage = reviewer_stage(self.wf, self.lang, self.reviewer)
        self.store = ReviewStore.for_workflow(self.wf, self.lang)
        self.target = accept_target(self.stage, [stage.name for stage in self.wf.stages])
        catalog = self.store.load()
        self._take(catalog.index())
        self.queue = build_queue(list(catalog), self.target, self.reviewer, self.stage)
        self.glossary = load_glossary(self.wf)
        self.findings = FindingsCache(
            list(self.entries.values()),
            self.lang,
            self.glossary,
            {"workflow_root": str(self.wf.root), "spelling_suggestions": True},
        )

    # State -------------------------------------------------------------------------------------------

    def _take(self, index: dict[str, polib.POEntry]) -> None:
        self.entries = index

    def refresh_if_changed(self) -> bool:
        """Take in what someone else saved since (another reviewer, a draft run): only the changed segments are
        read from the working store."""
        if not self.store.refresh() or self.store.last_catalog is None:
            return False
        self._take(self.store.last_catalog.index())
        self.findings.update(list(self.entries.values()))
        return True

    def entry(self, segment_id: str) -> polib.POEntry | None:
        return self.entries.get(segment_id)

    def findings_for(self, segment_id: str) -> list[Any]:
        """QA and glossary findings of the segment as it is now."""
        entry = self.entries.get(segment_id)
        return self.findings.get(entry) if entry is not None else []

    def is_done(self, segment_id: str) -> bool:
        entry = self.entries.get(segment_id)
        if entry is None:
            return True
        state = state_of(entry)
        return segment_id in self.acted or state == SegmentState.APPROVED or state == self.target

    def progress(self) -> tuple[int, int, int, int]:
        """(segments done, segments in queue, words done, words in queue)."""
        done = words_done = words_all = 0
        for segment_id in self.queue:
            entry = self.entries.get(segment_id)
            words = count_words(entry.msgid) if entry is not None else 0
            words_all += words
            if self.is_done(segment_id):
                done += 1
                words_done += words
        return done, len(self.queue), words_done, words_all

    def search(self, query: str, start: int) -> int | None:
        """Queue position of the next segment (after ``start``, wrapping) whose source or text contains ``query``."""
        needle = query.casefold().strip()
        if not needle or not self.queue:
            return None
        for step in range(1, len(self.queue) + 1):
            position = (start + step) % len(self.queue)
            entry = self.entries.get(self.queue[position])
            if entry is not None and (needle in entry.msgid.casefold() or needle in entry.msgstr.casefold()):
                return position
        return None

    def next_with_findings(self, start: int) -> int | None:
        for step in range(1, len(self.queue) + 1):
            position = (start + step) % len(self.queue)
            if self.findings_for(self.queue[position]):
                return position
        return None

    # Actions (each on disk when it returns) ----------------------------------------------------------

    def _after(self, result: ActionResult) -> ActionResult:
        catalog = self.store.last_catalog
        if catalog is not None:
            self._take(catalog.index())
        self.acted.add(result.segment)
        self.findings.update(list(self.entries.values()))
        if result.state_after == SegmentState.APPROVED and result.state_before != SegmentState.APPROVED:
            self.approvals_since_flush += 1
            if self.approvals_since_flush >= MEMORY_FLUSH_EVERY:
                self.flush_memory()
        return result

    def accept(self, segment_id: str, text: str | None = None) -> ActionResult:
        seen = self._seen(segment_id)
        return self._guard(
            lambda: self.store.accept(segment_id, self.by, stage=self.stage, target=self.target, text=text, seen=seen)
        )

    def edit(self, segment_id: str, text: str) -> ActionResult:
        seen = self._seen(segment_id)
        return self._guard(lambda: self.store.edit(segment_id, self.by, text, stage=self.stage, seen=seen))

    def fixed_text(self, segment_id: str) -> str | None:
        """The translation with the QA checks' automatic fixes applied (French no-break spaces, Arabic digit
        groups), or None when no check has a fix for it."""
        entry = self.entries.get(segment_id)
        if entry is None or not entry.msgstr:
            return None
        from translate.qa.fix import fixed_target
        from translate.review.findings import qa_segment

        fixed = fixed_target(qa_segment(entry, self.lang))
        return fixed if fixed != entry.msgstr else None

    def fix(self, segment_id: str) -> ActionResult | None:
        """Save the automatically fixed translation as an edit (None: nothing to fix)."""
        fixed = self.fixed_text(segment_id)
        return self.edit(segment_id, fixed) if fixed is not None else None

    def reject(self, segment_id: str, comment: str) -> ActionResult:
        seen = self._seen(segment_id)
        return self._guard(lambda: self.store.reject(segment_id, self.by, comment, stage=self.stage, seen=seen))

    def _seen(self, segment_id: str) -> str | None:
        entry = self.entries.get(segment_id)
        return entry.msgstr if entry is not None else None

    def _guard(self, action: Callable[[], ActionResult]) -> ActionResult:
        """Run a store action; if the segment changed under us, show the new text before re-raising."""
        try:
            result = action()
        except StaleSegmentError:
            self.store.refresh()
            self._take((self.store.last_catalog or self.store.load()).index())
            self.findings.update(list(self.entries.values()))
            raise
        return self._after(result)

    def flush_memory(self) -> int:
        """Approved segments into the workflow memory (translate.memory.writeback)."""
        from translate.memory.writeback import update_memory_from_workflow

        self.store.flush()  # quitting: the PO file gets every save of the session (and the memory reads it)
        if self.approvals_since_flush == 0:
            return 0
        added = update_memory_from_workflow(self.wf, langs=[self.lang])
        self.approvals_since_flush = 0
        self.memory_updates += 1
        return added
