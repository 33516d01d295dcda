"""Progress beyond the per-language counts: groupings, velocity, ETA and burn-down for project leads.

* :func:`grouped_status` counts segments and source words per state for each language, grouped by
  ``document`` (the segment id's first part), ``reviewer`` or ``stage`` (from the ``assign`` metadata that
  ``hexaglot assign`` writes: ``{stage: reviewer}``; a segment without an assignment is in ``(unassigned)``).
  Its JSON shape: ``{"workflow": NAME, "by": BY, "groups": {GROUP: {LANG: {STATE: {"segments", "words"}}}}}``
  (all five states every time), plus for reviewer and stage ``"activity": {GROUP: {LANG: {"actions",
  "words_approved"}}}`` from the journal.
* :func:`velocity` reads a language's journal: source words approved per day, net of un-approvals, over
  the last ``window_days`` days (fewer when the journal is younger), and the ETA of the words still
  unapproved at that pace.
* :func:`burndown` gives, for each day from the first journal record to today, the source words not yet
  approved at the end of that day (today's count plus the approvals journaled after that day).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from translate import journal
from translate.catalog import Catalog, SegmentState, count_words, get_meta, state_of
from translate.report.status import catalog_counts, empty_counts, load_catalogs
from translate.workflow import Workflow

GROUPINGS = ("language", "document", "reviewer", "stage")
UNASSIGNED = "(unassigned)"
DEFAULT_WINDOW_DAYS = 14
MIN_APPROVAL_DAYS = 3
"""A pace from fewer days with approvals than this is noise: tables and the HTML page say so instead."""
APPROVED = SegmentState.APPROVED.value


# --- grouping ----------------------------------------------------------------------------------------


def _groups_of(entry: Any, by: str) -> list[str]:
    if by == "document":
        return [(entry.msgctxt or "").split(":", 1)[0] or "(none)"]
    assignment = get_meta(entry, "assign") or {}
    values = list(assignment.values()) if by == "reviewer" else list(assignment.keys())
    return sorted({str(value) for value in values if value}) or [UNASSIGNED]


def status_from_catalogs(workflow: Workflow, catalogs: dict[str, Catalog | None]) -> dict[str, Any]:
    """:func:`~translate.report.status.collect_status`'s object from catalogs already loaded."""
    languages = {lang: catalog_counts(c) if c is not None else empty_counts() for lang, c in catalogs.items()}
    return {"workflow": workflow.name, "languages": languages}


def grouped_status(
    workflow: Workflow,
    by: str,
    langs: list[str] | None = None,
    catalogs: dict[str, Catalog | None] | None = None,
) -> dict[str, Any]:
    """Counts per group, language and state (see the module docstring for the shape).

    ``catalogs`` (from :func:`~translate.report.status.load_catalogs`) saves re-reading the PO files.
    """
    if by not in GROUPINGS[1:]:
        raise ValueError(f"group by one of {', '.join(GROUPINGS[1:])}")
    groups: dict[str, dict[str, dict[str, dict[str, int]]]] = {}
    catalogs = catalogs if catalogs is not None else load_catalogs(workflow, langs)
    for lang, catalog in catalogs.items():
        for entry in catalog or ():
            state = state_of(entry).value
            words = count_words(entry.msgid)
            for group in _groups_of(entry, by):
                per_lang = groups.setdefault(group, {})
                bucket = per_lang.setdefault(lang, empty_counts())[state]
                bucket["segments"] += 1
                bucket["words"] += words
    ordered = {group: {lang: groups[group].get(lang, empty_counts()) for lang in catalogs} for group in _order(groups)}
    result: dict[str, Any] = {"workflow": workflow.name, "by": by, "groups": ordered}
    if by in ("reviewer", "stage"):
        result["activity"] = journal_activity(workflow, by, list(catalogs))
    return result


def _order(groups: dict[str, Any]) -> list[str]:
    """Groups sorted by name, the unassigned ones last."""
    return sorted(groups, key=lambda name: (name == UNASSIGNED, name))


def journal_activity(workflow: Workflow, by: str, langs: list[str]) -> dict[str, dict[str, dict[str, int]]]:
    """Per reviewer (or stage) and language: journaled actions (assignments excluded) and words approved."""
    activity: dict[str, dict[str, dict[str, int]]] = {}
    for lang in langs:
        for record in journal.read(workflow.journal_path(lang)):
            if record.get("action") == "assign":
                continue
            name = str(record.get("reviewer" if by == "reviewer" else "stage") or UNASSIGNED)
            bucket = activity.setdefault(name, {}).setdefault(lang, {"actions": 0, "words_approved": 0})
            bucket["actions"] += 1
            bucket["words_approved"] += _approved_delta(record)
    return {name: activity[name] for name in _order(activity)}


# --- velocity, ETA, burn-down --------------------------------------------------------------------------


def _approved_delta(record: dict[str, Any]) -> int:
    """+words when a record approves a segment, -words when it takes an approval back, else 0."""
    before = record.get("state_before") == APPROVED
    after = record.get("state_after") == APPROVED
    words = record.get("words") or 0
    if not isinstance(words, int):
        return 0
    return words if after and not before else -words if before and not after else 0


def _day(record: dict[str, Any]) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(str(record.get("time", "")).replace("Z", "+00:00")).date()
    except ValueError:
        return None


def approvals_by_day(records: Iterable[dict[str, Any]]) -> dict[dt.date, int]:
    """Net source words approved on each UTC day."""
    days: dict[dt.date, int] = defaultdict(int)
    for record in records:
        delta = _approved_delta(record)
        day = _day(record)
        if delta and day is not None:
            days[day] += delta
    return dict(sorted(days.items()))


@dataclass
class Velocity:
    """A language's pace: ``words_per_day`` approved over ``window_days``; ``eta`` None when the pace is 0."""

    lang: str
    words_per_day: float
    window_days: int
    words_remaining: int
    days_left: float | None
    eta: str | None
    """ISO date when the remaining words would be approved at this pace."""
    approval_days: int = 0
    """Days of the window with approvals journaled."""
    first_day: str | None = None
    """The first day with an approval in the whole journal."""
    since: str | None = None
    until: str | None = None
    """The days the pace is measured over (the window, ISO dates)."""
    min_days: int = MIN_APPROVAL_DAYS
    enough_history: bool = False
    """Approvals on at least ``min_days`` days of the window: only then is the pace shown as a figure."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def velocity(
    records: Iterable[dict[str, Any]],
    lang: str,
    words_remaining: int,
    today: dt.date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> Velocity:
    """Words approved per day over the last ``window_days`` days (counted from the first approval if later)."""
    today = today or dt.datetime.now(dt.UTC).date()
    days = approvals_by_day(records)
    if not days:
        return Velocity(lang, 0.0, 0, words_remaining, None if words_remaining else 0.0, None)
    first = min(days)
    window = max(1, min(window_days, (today - first).days + 1))
    start = today - dt.timedelta(days=window - 1)
    in_window = [day for day in days if start <= day <= today]
    span = {
        "approval_days": len(in_window),
        "first_day": first.isoformat(),
        "since": start.isoformat(),
        "until": today.isoformat(),
        "enough_history": len(in_window) >= MIN_APPROVAL_DAYS,
    }
    approved = sum(days[day] for day in in_window)
    pace = max(0.0, approved / window)
    if words_remaining <= 0:
        return Velocity(lang, round(pace, 1), window, 0, 0.0, today.isoformat(), **span)
    if pace <= 0:
        return Velocity(lang, 0.0, window, words_remaining, None, None, **span)
    days_left = words_remaining / pace
    eta = today + dt.timedelta(days=int(-(-days_left // 1)))
    return Velocity(lang, round(pace, 1), window, words_remaining, round(days_left, 1), eta.isoformat(), **span)


def burndown(
    records: Iterable[dict[str, Any]], words_remaining: int, today: dt.date | None = None
) -> list[tuple[str, int]]:
    """``[(ISO day, words not yet approved at the end of it), ...]`` from the first journal day to today.

    Anchored on today's count (``words_remaining``, from the catalog) and walked back through the journal's
    approvals, so the last point is always the truth even if some approvals were never journaled.
    """
    today = today or dt.datetime.now(dt.UTC).date()
    materialised = list(records)
    days = approvals_by_day(materialised)
    journal_days = [day for day in (_day(record) for record in materialised) if day is not None]
    if not journal_days:
        return []
    first = min(journal_days)
    end = max(today, max(journal_days))
    series = []
    remaining = words_remaining
    day = end
    while day >= first:
        series.append((day.isoformat(), max(0, remaining)))
        remaining += days.get(day, 0)
        day -= dt.timedelta(days=1)
    return series[::-1]


def language_progress(
    workflow: Workflow,
    status: dict[str, Any],
    today: dt.date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> dict[str, dict[str, Any]]:
    """Per language: velocity/ETA and the burn-down series, from its journal and the status counts."""
    progress = {}
    for lang, counts in status["languages"].items():
        total = sum(bucket["words"] for bucket in counts.values())
        remaining = total - counts[APPROVED]["words"]
        records = list(journal.read(workflow.journal_path(lang)))
        pace = velocity(records, lang, remaining, today, window_days)
        progress[lang] = {
            "velocity": pace.to_dict(),
            "burndown": burndown(records, remaining, today),
            "words_total": total,
        }
    return progress


# --- errors accepted by override ---------------------------------------------------------------------------


def overridden_errors(workflow: Workflow, langs: list[str]) -> dict[str, dict[str, int]]:
    """Per language: segments whose error-severity findings were accepted by an override that still stands
    (their last journaled action is an accept with ``override``), and how many errors those were."""
    result = {}
    for lang in langs:
        last: dict[str, dict[str, Any]] = {}
        for record in journal.read(workflow.journal_path(lang)):
            if record.get("action") != "assign" and isinstance(record.get("segment"), str):
                last[record["segment"]] = record
        standing = [record for record in last.values() if record.get("override")]
        errors = sum(len(record.get("errors") or []) for record in standing)
        result[lang] = {"segments": len(standing), "errors": errors}
    return result
