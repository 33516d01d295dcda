"""The review queue and actions, independent of the screen (the Textual app is a view of a :class:`ReviewSession`).

**Who.** A reviewer is named by ``--reviewer``, else ``HEXAGLOT_REVIEWER``, else ``git config user.name``
(:func:`resolve_reviewer`) and must be one of the workflow's reviewers for the language; they work in the last
stage that lists them (or ``--stage``, which must list them).

**Stage rules** (:meth:`ReviewSession.accept`, checked again inside the store transaction):

* in an early stage (``translation``) *accept* makes a segment **translated**; it cannot take an approval back;
* in the workflow's last stage (``revision``) *accept* **approves**, and only a segment already translated
  (a segment reaches revision after translation). A *senior* reviser of that stage may also approve a draft
  (``hexaglot assign`` routes the risky drafts to them). A one-stage workflow approves in that stage;
* ``--all`` (a lead) opens every segment of the language, not only those assigned to them, with the same rules;
* accepting a segment with error-severity findings needs an override with a reason (:class:`OverrideNeeded`).

**Queue.** The segments in scope (assigned to the reviewer in their stage; everything with ``--all``) through a
filter (:data:`FILTERS`): ``awaiting`` (default: what the stage still has to do, drafts first, then translated,
rejected, untranslated, each in document order), ``mine``, ``findings``, ``all`` or a state. The filter and the
current segment are kept across restarts (``.cache/review/<lang>-<reviewer>.json``); progress is counted from
the catalog, not from this session.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from translate.catalog import SegmentState, count_words, state_of
from translate.errors import HexaglotError
from translate.review.findings import FindingsCache, load_glossary
from translate.review.routing import assigned_to
from translate.review.store import (
    ActionResult,
    JournalError,
    ReviewStore,
    SaveError,
    StaleSegmentError,
    accept_target,
    override_of,
)
from translate.workflow import Workflow

QUEUE_ORDER = (SegmentState.DRAFT, SegmentState.TRANSLATED, SegmentState.REJECTED, SegmentState.UNTRANSLATED)
"""The order a reviewer meets segments in (work to check first): a priority, not the order of progress
(:attr:`SegmentState.rank`)."""
MEMORY_FLUSH_EVERY = 25
"""Approved segments go to the workflow memory on quit and after every this many approvals."""
FILTERS = ("awaiting", "mine", "findings", "all", *(state.value for state in SegmentState))
"""Queue filters: what awaits me, all mine (any state), mine with findings, everything in scope, or one state."""
REVIEWER_ENV = "HEXAGLOT_REVIEWER"


class OverrideNeeded(HexaglotError):
    """Accepting a segment with error-severity findings needs an explicit reason."""

    def __init__(self, segment_id: str, errors: list[str]) -> None:
        self.segment_id = segment_id
        self.errors = errors
        super().__init__(f"{segment_id}: {len(errors)} error(s) ({errors[0]}); accepting needs an override reason")


# Identity --------------------------------------------------------------------------------------------------


def _git_user_name(cwd: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "config", "user.name"], cwd=cwd, capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = done.stdout.strip()
    return name or None


def language_reviewers(wf: Workflow, lang: str) -> list[str]:
    """Every reviewer named for ``lang`` in any stage, in workflow order."""
    names: list[str] = []
    for stage in wf.stages:
        for person in wf.reviewers_for(lang, stage.name):
            if person.name not in names:
                names.append(person.name)
    return names


def resolve_reviewer(wf: Workflow, lang: str, given: str | None = None) -> str:
    """The reviewer's name as workflow.yaml spells it, from ``given`` (``--reviewer``), ``$HEXAGLOT_REVIEWER``
    or ``git config user.name`` (matched ignoring case); a clear :class:`HexaglotError` (exit 2) otherwise."""
    names = language_reviewers(wf, lang)
    where = wf.root / "workflow.yaml"
    if not names:
        raise HexaglotError(f"{where}: no reviewers for {lang}; add them under reviewers.{lang}.<stage>")
    source, name = "--reviewer", given
    if not name:
        source, name = REVIEWER_ENV, os.environ.get(REVIEWER_ENV) or None
    if not name:
        source, name = "git config user.name", _git_user_name(wf.root)
    if not name:
        raise HexaglotError(
            f"who is reviewing? pass --reviewer NAME, set {REVIEWER_ENV} or git config user.name "
            f"(reviewers of {lang}: {', '.join(names)})"
        )
    if name in names:
        return name
    folded = [known for known in names if known.casefold() == name.strip().casefold()]
    if folded:
        return folded[0]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise HexaglotError(
        f"{source} {name!r} is not a reviewer of {lang} in {where} (reviewers: {', '.join(names)}){hint}"
    )


def reviewer_stage(wf: Workflow, lang: str, reviewer: str | None) -> str | None:
    """The stage a reviewer works in for ``lang``: the last workflow stage that lists them (None: not listed)."""
    if reviewer is None:
        return None
    found = None
    for stage in wf.stages:
        if any(person.name == reviewer for person in wf.reviewers_for(lang, stage.name)):
            found = stage.name
    return found


def is_senior(wf: Workflow, lang: str, reviewer: str | None, stage: str | None) -> bool:
    if reviewer is None or stage is None:
        return False
    return any(person.name == reviewer and person.senior for person in wf.reviewers_for(lang, stage))


# Stage rules ------------------------------------------------------------------------------------------------


def awaiting_states(target: SegmentState, senior: bool = False, first_stage: bool = True) -> tuple[SegmentState, ...]:
    """States that still need this stage's work: the translation stage takes drafts, rejected and untranslated
    segments; revision takes translated ones (a senior reviser drafts too); a one-stage workflow takes all."""
    if target == SegmentState.TRANSLATED:
        return (SegmentState.DRAFT, SegmentState.REJECTED, SegmentState.UNTRANSLATED)
    if first_stage:
        return QUEUE_ORDER
    return (SegmentState.DRAFT, SegmentState.TRANSLATED) if senior else (SegmentState.TRANSLATED,)


def acceptable_states(target: SegmentState, senior: bool = False, first_stage: bool = True) -> set[SegmentState]:
    """States from which *accept* is allowed (an approved segment may be approved again: a no-op)."""
    if target == SegmentState.TRANSLATED:
        return {SegmentState.DRAFT, SegmentState.REJECTED, SegmentState.TRANSLATED}
    if first_stage:
        return set(SegmentState)
    allowed = {SegmentState.TRANSLATED, SegmentState.APPROVED}
    if senior:
        allowed |= {SegmentState.DRAFT, SegmentState.REJECTED}
    return allowed


def build_queue(
    entries: list[polib.POEntry],
    target: SegmentState,
    reviewer: str | None,
    stage: str | None,
    *,
    senior: bool = False,
    first_stage: bool = True,
    everything: bool = False,
) -> list[str]:
    """Segment ids awaiting this reviewer, in review order (see the module docstring)."""
    wanted = awaiting_states(target, senior, first_stage)
    mine = [
        entry
        for entry in entries
        if entry.msgctxt and state_of(entry) in wanted and in_scope(entry, reviewer, stage, everything)
    ]
    return [entry.msgctxt for state in QUEUE_ORDER for entry in mine if state_of(entry) == state]


def in_scope(entry: polib.POEntry, reviewer: str | None, stage: str | None, everything: bool) -> bool:
    if everything or reviewer is None:
        return True
    return stage is not None and assigned_to(entry, stage) == reviewer


@dataclass
class ReviewSession:
    """One reviewer's pass over one language (``reviewer`` None: a read-only look, no action allowed)."""

    wf: Workflow
    lang: str
    reviewer: str | None = None
    stage: str | None = None
    by: str | None = None
    """Who is recorded as acting (journal, review meta): the reviewer."""
    everything: bool = False
    """``--all``: every segment of the language is in scope, not only the reviewer's."""
    queue_filter: str | None = None
    """One of :data:`FILTERS`; None: the one kept from the last session (default ``awaiting``)."""
    store: ReviewStore = field(init=False)
    target: SegmentState = field(init=False)
    queue: list[str] = field(init=False)
    entries: dict[str, polib.POEntry] = field(init=False)
    findings: FindingsCache = field(init=False)
    glossary: Any = field(init=False)
    acted: set[str] = field(default_factory=set)
    approvals_since_flush: int = 0
    memory_updates: int = 0
    failures: list[str] = field(default_factory=list)
    """What could not be saved (the command exits non-zero and says so)."""
    start_id: str | None = None
    """The segment to open first: where the reviewer was when they last quit, if it is in the queue."""

    def __post_init__(self) -> None:
        if self.by is None:
            self.by = self.reviewer
        stage_names = [stage.name for stage in self.wf.stages]
        if self.stage is None:
            self.stage = reviewer_stage(self.wf, self.lang, self.reviewer)
        self.senior = is_senior(self.wf, self.lang, self.reviewer, self.stage)
        self.first_stage = not stage_names or self.stage in (None, stage_names[0])
        self.store = ReviewStore.for_workflow(self.wf, self.lang)
        self.target = accept_target(self.stage, stage_names)
        catalog = self.store.load()
        self.order = [entry.msgctxt for entry in catalog if entry.msgctxt]
        self._take(catalog.index())
        self.glossary = load_glossary(self.wf)
        self.findings = FindingsCache(
            list(self.entries.values()),
            self.lang,
            self.glossary,
            {"workflow_root": str(self.wf.root), "spelling_suggestions": True},
        )
        saved = self._load_view()
        if self.queue_filter is None:
            self.queue_filter = saved.get("filter") if saved.get("filter") in FILTERS else "awaiting"
        if self.queue_filter not in FILTERS:
            raise HexaglotError(f"queue filter {self.queue_filter!r}: use one of {', '.join(FILTERS)}")
        self.queue = self.build(self.queue_filter)
        last = saved.get("segment")
        self.start_id = last if isinstance(last, str) and last in self.queue else None

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

    def errors_for(self, segment_id: str) -> list[str]:
        """Error-severity findings of the segment as ``"check: message"``."""
        return [f"{f.check}: {f.message}" for f in self.findings_for(segment_id) if f.severity == "error"]

    def _errors_of_text(self, segment_id: str, text: str) -> list[str]:
        """Error-severity findings the segment would have with ``text`` (an accept with an edited text)."""
        entry = self.entries.get(segment_id)
        if entry is None:
            return []
        candidate = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=text, flags=list(entry.flags))
        candidate.occurrences = list(entry.occurrences)
        return [f"{f.check}: {f.message}" for f in self.findings.get(candidate) if f.severity == "error"]

    # Queue ---------------------------------------------------------------------------------------------

    def scope(self) -> list[str]:
        """The segments this reviewer answers for, in document order."""
        return [
            key
            for key in self.order
            if (entry := self.entries.get(key)) is not None
            and in_scope(entry, self.reviewer, self.stage, self.everything)
        ]

    def build(self, queue_filter: str) -> list[str]:
        """The queue through one of :data:`FILTERS`."""
        if queue_filter == "awaiting":
            entries = [self.entries[key] for key in self.order if key in self.entries]
            return build_queue(
                entries,
                self.target,
                self.reviewer,
                self.stage,
                senior=self.senior,
                first_stage=self.first_stage,
                everything=self.everything,
            )
        scope = self.scope()
        if queue_filter == "mine":
            if self.reviewer is None or self.stage is None:
                return scope
            return [key for key in scope if assigned_to(self.entries[key], self.stage) == self.reviewer]
        if queue_filter == "all":
            return scope
        if queue_filter == "findings":
            return [key for key in scope if self.findings_for(key)]
        return [key for key in scope if state_of(self.entries[key]).value == queue_filter]

    def set_filter(self, queue_filter: str) -> None:
        if queue_filter not in FILTERS:
            raise HexaglotError(f"queue filter {queue_filter!r}: use one of {', '.join(FILTERS)}")
        self.queue_filter = queue_filter
        self.queue = self.build(queue_filter)

    def locate(self, wanted: str) -> int | None:
        """Queue position of a segment given by its number in the queue (``12``) or its id; a segment in scope
        but outside the current filter switches the filter to ``all``."""
        wanted = wanted.strip()
        if wanted.isdigit():
            number = int(wanted)
            return number - 1 if 1 <= number <= len(self.queue) else None
        matches = [key for key in self.queue if key == wanted] or [key for key in self.queue if key.endswith(wanted)]
        if matches:
            return self.queue.index(matches[0])
        scope = self.scope()
        if wanted in scope:
            self.set_filter("all")
            return self.queue.index(wanted)
        return None

    # Kept across restarts ------------------------------------------------------------------------------------

    @property
    def view_path(self) -> Path:
        who = self.reviewer or "anyone"
        return self.wf.cache_dir / "review" / f"{self.lang}-{who}{'-all' if self.everything else ''}.json"

    def _load_view(self) -> dict[str, Any]:
        try:
            value = json.loads(self.view_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def save_view(self, segment_id: str | None) -> None:
        """Keep the filter and the current segment for the next session (a cache: failures are ignored)."""
        from translate.fileio import atomic_write_text

        with contextlib.suppress(OSError):
            self.view_path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.view_path, json.dumps({"filter": self.queue_filter, "segment": segment_id}) + "\n")

    # Progress ------------------------------------------------------------------------------------------

    def is_done(self, segment_id: str) -> bool:
        """The segment is at or past what this stage makes of it (counted from the catalog)."""
        entry = self.entries.get(segment_id)
        if entry is None:
            return True
        state = state_of(entry)
        return state == SegmentState.APPROVED or state == self.target

    def progress(self) -> tuple[int, int, int, int]:
        """(segments done, segments in scope, words done, words in scope), from the catalog as it is now."""
        done = words_done = words_all = 0
        scope = self.scope()
        for segment_id in scope:
            entry = self.entries.get(segment_id)
            words = count_words(entry.msgid) if entry is not None else 0
            words_all += words
            if self.is_done(segment_id):
                done += 1
                words_done += words
        return done, len(scope), words_done, words_all

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

    def neighbours(self, segment_id: str) -> tuple[polib.POEntry | None, polib.POEntry | None]:
        """The segments before and after ``segment_id`` in the document (not in the queue)."""
        try:
            position = self.order.index(segment_id)
        except ValueError:
            return None, None
        before = self.entries.get(self.order[position - 1]) if position > 0 else None
        after = self.entries.get(self.order[position + 1]) if position + 1 < len(self.order) else None
        return before, after

    # Actions (each on disk when it returns) ----------------------------------------------------------

    def _require_reviewer(self) -> str:
        if not self.reviewer or self.by is None:
            raise HexaglotError("no reviewer: this session is read-only (pass --reviewer)")
        return self.by

    def _after(self, result: ActionResult) -> ActionResult:
        catalog = self.store.last_catalog
        if catalog is not None:
            self._take(catalog.index())
        self.acted.add(result.segment)
        self.findings.update(list(self.entries.values()))
        if result.state_after == SegmentState.APPROVED and result.state_before != SegmentState.APPROVED:
            self.approvals_since_flush += 1
            if self.approvals_since_flush >= MEMORY_FLUSH_EVERY:
                with contextlib.suppress(HexaglotError, OSError):
                    self.flush_memory()  # retried on quit, where a failure is reported
        return result

    def accept(self, segment_id: str, text: str | None = None, override: str | None = None) -> ActionResult:
        """Accept (translated or approved by the stage); errors in the findings need ``override`` (a reason)."""
        by = self._require_reviewer()
        seen = self._seen(segment_id)
        errors = self.errors_for(segment_id) if text is None else self._errors_of_text(segment_id, text)
        if errors and not (override or "").strip():
            raise OverrideNeeded(segment_id, errors)
        details = {"reason": override.strip(), "errors": errors} if errors and override else None
        allowed = acceptable_states(self.target, self.senior, self.first_stage)
        return self._guard(
            lambda: self.store.accept(
                segment_id,
                by,
                stage=self.stage,
                target=self.target,
                text=text,
                seen=seen,
                allowed=allowed,
                override=details,
            )
        )

    def edit(self, segment_id: str, text: str) -> ActionResult:
        by = self._require_reviewer()
        seen = self._seen(segment_id)
        return self._guard(lambda: self.store.edit(segment_id, by, text, stage=self.stage, seen=seen))

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
        by = self._require_reviewer()
        seen = self._seen(segment_id)
        return self._guard(lambda: self.store.reject(segment_id, by, comment, stage=self.stage, seen=seen))

    def identical(self, segment_id: str) -> list[str]:
        """Other segments of the language with the same English (in document order)."""
        entry = self.entries.get(segment_id)
        if entry is None:
            return []
        return [key for key in self.order if key != segment_id and (other := self.entries.get(key)) is not None
                and other.msgid == entry.msgid]  # fmt: skip

    def propagate(self, segment_id: str) -> list[str]:
        """Copy the segment's translation to its identical segments that are not approved (each journaled);
        the ids changed."""
        by = self._require_reviewer()
        entry = self.entries.get(segment_id)
        if entry is None or not entry.msgstr.strip():
            raise HexaglotError(f"{segment_id}: nothing to propagate (untranslated)")
        text, changed = entry.msgstr, []
        for key in self.identical(segment_id):
            result = self._guard_many(
                lambda key=key: self.store.propagate(key, by, text, origin=segment_id, stage=self.stage)
            )
            if result is not None:
                changed.append(key)
        return changed

    def _guard_many(self, action: Callable[[], ActionResult | None]) -> ActionResult | None:
        result = action()
        if result is not None:
            self._after(result)
        return result

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
        except JournalError as error:
            self.failures.append(str(error))
            self._after(error.result)
            raise
        except SaveError as error:
            self.failures.append(str(error))
            raise
        return self._after(result)

    def overridden(self) -> list[str]:
        """Segments of the language whose errors were accepted by an override that still holds."""
        return [key for key, entry in self.entries.items() if override_of(entry) is not None]

    def _unresolved(self, _wf: Workflow, entries: list[polib.POEntry], _lang: str) -> set[str]:
        """The memory write-back's ``hold_back``: approved segments with errors and no override, from this
        session's findings cache (each text checked once per session, not once per flush)."""
        return {
            entry.msgctxt
            for entry in entries
            if entry.msgctxt
            and state_of(entry) == SegmentState.APPROVED
            and override_of(entry) is None
            and any(finding.severity == "error" for finding in self.findings.get(entry))
        }

    def flush_memory(self) -> int:
        """Approved segments into the workflow memory (translate.memory.writeback)."""
        from translate.memory.writeback import update_memory_from_workflow

        self.store.flush()  # quitting: the PO file gets every save of the session (and the memory reads it)
        if self.approvals_since_flush == 0:
            return 0
        added = update_memory_from_workflow(self.wf, langs=[self.lang], hold_back=self._unresolved)
        self.approvals_since_flush = 0
        self.memory_updates += 1
        return added
