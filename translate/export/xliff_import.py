"""Bring an agency's XLIFF back into a workflow catalog, keeping its states.

The rule (what ``hexaglot import-xliff`` does with each unit of the file):

1. A unit whose id is not a segment of the catalog, or whose English source differs from the catalog's
   (the source changed after the export), is skipped and listed.
2. An empty or untranslated unit changes nothing: an import never erases a translation.
3. A unit equal to the catalog (same text and state) changes nothing.
4. **Approved work is never overwritten silently**: a unit that would change an approved segment (other
   text or another state) is a *conflict*; the segment is kept and listed, unless
   ``--overwrite-approved`` is given (then it is replaced and listed as overwritten).
5. A unit whose state is behind the catalog's (a draft over a translated segment, say) is skipped and
   listed: work does not go backwards (:attr:`SegmentState.rank`: untranslated < draft < rejected <
   translated < approved; a draft over a rejected segment is skipped, as the merge driver would keep the rejection).
6. Anything else is taken over with the unit's state (draft, translated, approved, rejected with the
   note as the rejection comment), provenance ``{"origin": "xliff", "by": ..., "file": ...}``, and one
   journal record per segment (so velocity and burn-down count the agency's work).

The file is read and checked completely first; the catalog is then changed in one locked transaction of
the review store (re-read from disk, written atomically), and the journal records are appended after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate import journal
from translate.catalog import (
    Catalog,
    Provenance,
    SegmentState,
    approve,
    count_words,
    now_iso,
    reject,
    review_of,
    set_draft,
    set_meta,
    set_translated,
    state_of,
)
from translate.errors import BadInputError
from translate.formats.xliff import XliffUnit, read_xliff
from translate.lang import require_code, resolve_code
from translate.store import catalog_transaction, no_catalog, sync_language
from translate.workflow import Workflow

ACTION = {
    SegmentState.DRAFT: "draft",
    SegmentState.TRANSLATED: "translate",
    SegmentState.APPROVED: "approve",
    SegmentState.REJECTED: "reject",
}


@dataclass
class XliffImportReport:
    """What an import did; ``conflicts`` and ``skipped`` hold ``(segment id, reason)``."""

    lang: str
    units: int = 0
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    overwritten: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


def file_language(path: Path, units: list[XliffUnit], lang: str | None) -> str:
    """The target language: ``lang`` if given (it must agree with the file), else the file's."""
    found = {resolve_code(unit.target_lang) for unit in units if unit.target_lang}
    if lang is not None:
        code = require_code(lang, path)
        if found and found != {code}:
            raise BadInputError(path, f"the file's target language is {', '.join(sorted(map(str, found)))}, not {code}")
        return code
    if len(found) != 1 or None in found:
        raise BadInputError(path, "the file names no single known target language; give --lang")
    return next(iter(found))  # type: ignore[return-value]


def import_xliff(
    workflow: Workflow,
    path: str | Path,
    lang: str | None = None,
    by: str | None = None,
    overwrite_approved: bool = False,
) -> XliffImportReport:
    """Merge ``path`` into the workflow's catalog for its language (see the module docstring for the rule)."""
    source = Path(path)
    units = read_xliff(source)
    code = file_language(source, units, lang)
    if not workflow.catalog_path(code).exists():
        raise no_catalog(workflow, code)
    who = by or f"xliff:{source.name}"
    report = XliffImportReport(lang=code, units=len(units))
    records: list[journal.JournalRecord] = []
    # The working store's transaction: every other writer held back while the catalog is read and changed, so
    # an import never overwrites what a reviewer saved a moment ago; then the PO file is written from the store.
    with catalog_transaction(workflow, code) as catalog:
        _merge(catalog, units, who, source.name, overwrite_approved, report, records)
    sync_language(workflow, code)
    journal.append_many(workflow.journal_path(code), records)
    return report


def _merge(
    catalog: Catalog,
    units: list[XliffUnit],
    who: str,
    file_name: str,
    overwrite_approved: bool,
    report: XliffImportReport,
    records: list[journal.JournalRecord],
) -> None:
    index = catalog.index()
    for unit in units:
        entry = index.get(unit.id)
        decision = _decide(unit, entry, overwrite_approved)
        if decision in ("unchanged", "empty"):
            report.unchanged += decision == "unchanged"
            continue
        if decision not in ("apply", "overwrite"):
            kind, reason = decision.split(":", 1)
            (report.conflicts if kind == "conflict" else report.skipped).append((unit.id, reason))
            continue
        assert entry is not None
        before_state, before_text = state_of(entry), entry.msgstr
        _apply(entry, unit, who, file_name)
        if decision == "overwrite":
            report.overwritten.append(unit.id)
        report.updated[unit.state] = report.updated.get(unit.state, 0) + 1
        records.append(
            journal.JournalRecord(
                reviewer=who,
                segment=unit.id,
                action=ACTION[SegmentState(unit.state)],
                state_before=before_state.value,
                state_after=state_of(entry).value,
                before=before_text,
                after=entry.msgstr,
                words=count_words(entry.msgid),
                origin="xliff",
            )
        )
    return report


def _decide(unit: XliffUnit, entry: polib.POEntry | None, overwrite_approved: bool) -> str:
    """``apply``, ``overwrite``, ``unchanged``, ``empty``, ``conflict:<why>`` or ``skip:<why>``."""
    if entry is None:
        return "skip:no such segment in the catalog"
    if unit.source != entry.msgid:
        return "skip:the English source changed since the export"
    incoming = SegmentState(unit.state)
    if incoming is SegmentState.UNTRANSLATED or not unit.target:
        return "empty"
    local = state_of(entry)
    same_note = incoming is not SegmentState.REJECTED or unit.note == str((review_of(entry) or {}).get("comment", ""))
    if incoming is local and unit.target == entry.msgstr and same_note:
        return "unchanged"
    if local is SegmentState.APPROVED:
        if overwrite_approved:
            return "overwrite"
        return f"conflict:approved here, the file differs (its state: {incoming.value})"
    if incoming.is_behind(local):
        return f"skip:{local.value} here, only {incoming.value} in the file"
    return "apply"


def _apply(entry: polib.POEntry, unit: XliffUnit, who: str, file_name: str) -> None:
    state = SegmentState(unit.state)
    provenance = Provenance(origin="xliff", by=who, at=now_iso())
    if state is SegmentState.DRAFT:
        set_draft(entry, unit.target, provenance)
    else:
        set_translated(entry, unit.target, by=who)
        if state is SegmentState.APPROVED:
            approve(entry, by=who)
        elif state is SegmentState.REJECTED:
            reject(entry, by=who, comment=unit.note or "rejected in XLIFF")
    set_meta(entry, "provenance", provenance.to_dict() | {"file": file_name})
