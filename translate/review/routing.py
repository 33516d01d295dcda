"""``hexaglot assign``: route each segment of a language to one reviewer per stage.

Rules, per language and stage (reviewers from ``workflow.yaml``: ``reviewers.<lang>.<stage>``):

1. **Stable.** A segment already assigned to a reviewer still listed for the stage keeps that reviewer. Only new
   segments (or those of a reviewer no longer listed) are routed; re-running changes nothing else.
2. **Senior reviser.** A *draft* that needs a senior eye goes to a ``senior: true`` reviewer of the stage (the
   least loaded one): a draft with glossary or QA findings, a TM draft scoring under 100, or a draft with fuzzy TM
   matches kept for the reviewer (meta ``tm``).
3. **Whole paragraphs, consecutive paragraphs.** The other segments move paragraph by paragraph (all sentences
   of a paragraph to one person). A new paragraph in a document that already has assigned segments goes to the
   reviewer of its nearest assigned neighbour in that document. New documents are cut, in document order, into
   consecutive runs, one per reviewer, sized so that English source words balance across the stage's
   (non-senior, when there are any) reviewers, counting what they already have.
4. ``max_words`` caps a reviewer's total; when everybody is full the least loaded reviewer still gets the work and
   the report says so.

Assignments are stored per entry as meta ``assign`` (``{"translation": "amelie", "revision": "claire"}``) and
journaled (action ``assign``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import polib

from translate import journal
from translate.catalog import SegmentState, count_words, get_meta, provenance_of, set_meta, state_of
from translate.formats.document import split_segment_id
from translate.journal import JournalRecord
from translate.review.findings import load_glossary, qa_findings
from translate.review.store import ReviewStore
from translate.workflow import Reviewer, Workflow

ASSIGN_META = "assign"


@dataclass
class StageReport:
    """Per reviewer: segments and English source words now assigned in the stage."""

    stage: str
    segments: dict[str, int] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    newly_assigned: int = 0
    to_senior: int = 0
    over_capacity: list[str] = field(default_factory=list)


@dataclass
class AssignReport:
    lang: str
    stages: list[StageReport] = field(default_factory=list)


def assigned_to(entry: polib.POEntry, stage: str) -> str | None:
    """The reviewer of ``entry`` in ``stage`` (meta ``assign``), or None."""
    value = (get_meta(entry, ASSIGN_META) or {}).get(stage)
    return str(value) if value else None


def _set_assignment(entry: polib.POEntry, stage: str, reviewer: str) -> None:
    current = dict(get_meta(entry, ASSIGN_META) or {})
    current[stage] = reviewer
    set_meta(entry, ASSIGN_META, current)


def needs_senior(entry: polib.POEntry, findings: Sequence[Any]) -> bool:
    """A draft with findings, a TM draft under 100 or fuzzy TM matches: for the senior reviser (rule 2)."""
    if state_of(entry) != SegmentState.DRAFT:
        return False
    if findings:
        return True
    provenance = provenance_of(entry)
    tm_score = provenance.score if provenance is not None and provenance.origin == "tm" else None
    if tm_score is not None and float(tm_score) < 100:
        return True
    tm = get_meta(entry, "tm") or {}
    return bool(tm.get("matches"))


def _paragraph_of(entry: polib.POEntry) -> tuple[str, str]:
    """(document, paragraph key) of a segment id; an id of another shape is its own paragraph."""
    try:
        document, key, _n = split_segment_id(entry.msgctxt or "")
    except ValueError:
        return (entry.msgctxt or entry.msgid, "")
    return (document, key)


class _Loads:
    """Words per reviewer of one stage, with ``max_words`` capacity."""

    def __init__(self, reviewers: Sequence[Reviewer]) -> None:
        self.reviewers = {reviewer.name: reviewer for reviewer in reviewers}
        self.words = {reviewer.name: 0 for reviewer in reviewers}
        self.segments = {reviewer.name: 0 for reviewer in reviewers}

    def add(self, name: str, entry: polib.POEntry) -> None:
        self.words[name] += count_words(entry.msgid)
        self.segments[name] += 1

    def room(self, name: str, words: int = 0) -> bool:
        cap = self.reviewers[name].max_words
        return cap is None or self.words[name] + words <= cap

    def least_loaded(self, names: Sequence[str], words: int = 0) -> str:
        with_room = [name for name in names if self.room(name, words)]
        return min(with_room or names, key=lambda name: (self.words[name], list(self.reviewers).index(name)))


def _neighbours(documents: list[str], current: list[str | None], pool: Sequence[str]) -> list[str | None]:
    """For every position, the reviewer (in ``pool``) of the nearest assigned segment of the same document,
    looking back first, then forward. Two linear passes."""
    wanted = set(pool)
    back: list[str | None] = [None] * len(documents)
    last: str | None = None
    for position, document in enumerate(documents):
        if position and documents[position - 1] != document:
            last = None
        back[position] = last
        if current[position] in wanted:
            last = current[position]
    ahead: list[str | None] = [None] * len(documents)
    last = None
    for position in range(len(documents) - 1, -1, -1):
        if position < len(documents) - 1 and documents[position + 1] != documents[position]:
            last = None
        ahead[position] = last
        if current[position] in wanted:
            last = current[position]
    return [b or a for b, a in zip(back, ahead, strict=True)]


def _paragraph_units(entries: list[polib.POEntry], positions: list[int]) -> list[list[int]]:
    """Consecutive positions grouped by paragraph, in catalog (= document) order."""
    units: list[list[int]] = []
    for position in positions:
        paragraph = _paragraph_of(entries[position])
        if units and _paragraph_of(entries[units[-1][-1]]) == paragraph and units[-1][-1] == position - 1:
            units[-1].append(position)
        else:
            units.append([position])
    return units


def assign_stage(
    entries: list[polib.POEntry], stage: str, reviewers: Sequence[Reviewer], senior_ids: set[str]
) -> StageReport:
    """Route the unassigned ``entries`` of one stage (rules 1-4); changes the entries' ``assign`` meta."""
    report = StageReport(stage)
    loads = _Loads(reviewers)
    valid = set(loads.reviewers)
    seniors = [r.name for r in reviewers if r.senior]
    pool = [r.name for r in reviewers if not r.senior] or [r.name for r in reviewers]
    current = [name if name in valid else None for name in (assigned_to(entry, stage) for entry in entries)]
    new: list[int] = []
    for position, entry in enumerate(entries):
        if current[position] is not None:
            loads.add(current[position], entry)
        else:
            new.append(position)
    regular: list[int] = []
    for position in new:
        entry = entries[position]
        if seniors and entry.msgctxt in senior_ids:
            name = loads.least_loaded(seniors, count_words(entry.msgid))
            _set_assignment(entry, stage, name)
            loads.add(name, entry)
            report.to_senior += 1
        else:
            regular.append(position)
    neighbours = _neighbours([_paragraph_of(entry)[0] for entry in entries], current, pool)
    _route_paragraphs(entries, _paragraph_units(entries, regular), stage, pool, loads, neighbours)
    report.newly_assigned = len(new)
    report.words = dict(loads.words)
    report.segments = dict(loads.segments)
    report.over_capacity = [name for name in loads.reviewers if not loads.room(name)]
    return report


def _route_paragraphs(
    entries: list[polib.POEntry],
    units: list[list[int]],
    stage: str,
    pool: Sequence[str],
    loads: _Loads,
    neighbours: list[str | None],
) -> None:
    """Rule 3: neighbours first, then balanced consecutive runs over the new documents."""
    fresh: list[list[int]] = []
    for unit in units:
        words = sum(count_words(entries[p].msgid) for p in unit)
        name = neighbours[unit[0]]
        if name is not None and loads.room(name, words):
            for position in unit:
                _set_assignment(entries[position], stage, name)
                loads.add(name, entries[position])
        else:
            fresh.append(unit)
    if not fresh:
        return
    new_words = sum(count_words(entries[p].msgid) for unit in fresh for p in unit)
    target = (sum(loads.words[name] for name in pool) + new_words) / len(pool)
    # One run per reviewer, least loaded first; a reviewer's run ends when the next paragraph would take them
    # further past the target than it leaves them short of it (or past their max_words).
    waiting = sorted(pool, key=lambda name: (loads.words[name], list(pool).index(name)))
    current, took = waiting.pop(0), False
    for unit in fresh:
        words = sum(count_words(entries[p].msgid) for p in unit)
        while waiting and _run_is_over(loads, current, words, target, took):
            current, took = waiting.pop(0), False
        if not loads.room(current, words):
            current = loads.least_loaded(pool, words)  # everybody is full: the least loaded still gets it
        for position in unit:
            _set_assignment(entries[position], stage, current)
            loads.add(current, entries[position])
        took = True


def _run_is_over(loads: _Loads, name: str, words: int, target: float, took: bool) -> bool:
    if not loads.room(name, words):
        return True
    if not took and loads.words[name] < target:
        return False  # everyone takes at least one paragraph while under target
    return loads.words[name] + words / 2 > target


def assign_language(wf: Workflow, lang: str, *, reviewer_journal: bool = True) -> AssignReport:
    """Route one language's catalog (locked read-merge-write through :class:`ReviewStore`)."""
    report = AssignReport(lang)
    stages = [stage.name for stage in wf.stages if wf.reviewers_for(lang, stage.name)]
    if not stages:
        return report
    store = ReviewStore.for_workflow(wf, lang)
    settled = _settled_report(wf, lang, stages, store)
    if settled is not None:
        return settled  # every segment already has a listed reviewer in every stage: nothing to route
    glossary = load_glossary(wf)
    with store.transaction() as catalog:
        entries = list(catalog)
        before = {entry.msgctxt: dict(get_meta(entry, ASSIGN_META) or {}) for entry in entries}
        senior_stages = [s for s in stages if any(r.senior for r in wf.reviewers_for(lang, s))]
        drafts = [
            entry
            for entry in entries
            if state_of(entry) == SegmentState.DRAFT
            and any(assigned_to(entry, stage) not in _names(wf, lang, stage) for stage in senior_stages)
        ]
        findings = qa_findings(drafts, lang, glossary) if drafts else {}
        senior_ids = {entry.msgctxt for entry in drafts if needs_senior(entry, findings.get(entry.msgctxt, []))}
        for stage in stages:
            report.stages.append(assign_stage(entries, stage, wf.reviewers_for(lang, stage), senior_ids))
    if reviewer_journal:
        _journal_changes(wf, lang, entries, before)
    store.flush()  # the PO file in git shows the assignments
    return report


def _settled_report(wf: Workflow, lang: str, stages: list[str], store: ReviewStore) -> AssignReport | None:
    """The report of a re-run that has nothing to route, from the working store's rows (no PO parsed), or None
    when some segment lacks a listed reviewer in some stage."""
    from translate.store import sync_language

    if not store.path.exists() and store.store.catalog_state(lang) is None:
        return None
    sync_language(wf, lang, store=store.store)
    rows = store.store.summary(lang)
    report = AssignReport(lang)
    for stage in stages:
        reviewers = wf.reviewers_for(lang, stage)
        loads = _Loads(reviewers)
        for _key, _state, words, assign, _origin in rows:
            name = json.loads(assign).get(stage) if assign else None
            if name not in loads.reviewers:
                return None
            loads.words[name] += words
            loads.segments[name] += 1
        stage_report = StageReport(stage, segments=dict(loads.segments), words=dict(loads.words))
        stage_report.over_capacity = [name for name in loads.reviewers if not loads.room(name)]
        report.stages.append(stage_report)
    return report


def _names(wf: Workflow, lang: str, stage: str) -> set[str]:
    return {reviewer.name for reviewer in wf.reviewers_for(lang, stage)}


def _journal_changes(wf: Workflow, lang: str, entries: list[polib.POEntry], before: dict[str, dict]) -> None:
    """One ``assign`` record per new assignment, written in one durable append."""
    records = []
    for entry in entries:
        for stage, name in (get_meta(entry, ASSIGN_META) or {}).items():
            if before.get(entry.msgctxt, {}).get(stage) == name:
                continue
            state = str(state_of(entry))
            records.append(
                JournalRecord(
                    reviewer=name,
                    segment=entry.msgctxt,
                    action="assign",
                    state_before=state,
                    state_after=state,
                    words=count_words(entry.msgid),
                    stage=stage,
                )
            )
    journal.append_many(wf.journal_path(lang), records)


def assign_workflow(wf: Workflow, langs: Sequence[str] | None = None) -> list[AssignReport]:
    """``hexaglot assign``: every language (or ``langs``) that has a catalog."""
    reports = []
    for lang in langs or wf.target_languages:
        if wf.catalog_path(lang).exists():
            reports.append(assign_language(wf, lang))
    return reports
