"""Running the checks over groups of segments: one task per language of a group, in forked workers when the
run is large; the findings as the JSON contract's rows and the summary (``hexaglot check``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.qa.base import CheckContext, Finding, Segment, load_all_checks, run_checks


@dataclass
class Group:
    """Segments checked together with the same glossaries (one workflow, or the loose files)."""

    segments: list[Segment] = field(default_factory=list)
    glossary_paths: list[Path] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    glossaries: list[Any] | None = None
    """Glossaries already loaded (API use); None: load ``glossary_paths``."""
    workflow_root: str | None = None
    """The workflow folder (its spelling word lists), for a workflow and its catalogs."""


PARALLEL_MIN_SEGMENTS = 2_000
"""Below this many segments one process is faster than forking workers."""
_TASKS: list[tuple[list[Segment], list[Any], list[str], dict[str, Any]]] = []
"""Work for forked workers (inherited, not pickled): segments, glossaries, check ids, context options."""


def run_groups(
    groups: Sequence[Group], only: list[str], states: set[str] | None, jobs: int = 1
) -> tuple[list[dict], dict]:
    """Run the checks; return the findings (JSON contract rows, by file and line) and the summary.

    Each language of each group is one task; with ``jobs`` > 1 the tasks run in forked worker processes
    (cross-segment checks such as ``inconsistent`` then see the segments of their own language).
    """
    from translate.glossary import load_glossaries

    tasks: list[tuple[list[Segment], list[Any], list[str], dict[str, Any]]] = []
    glossary_cache: dict[tuple[str, ...], Any] = {}
    checked = 0
    for group in groups:
        key = tuple(str(path) for path in group.glossary_paths)
        if key and key not in glossary_cache and group.glossaries is None:
            glossary_cache[key] = load_glossaries(group.glossary_paths)
        glossaries = group.glossaries if group.glossaries is not None else [glossary_cache[key]] if key else []
        segments = [
            segment
            for segment in group.segments
            if (segment.state in states if states is not None else bool(segment.target))
        ]
        checked += len(segments)
        by_lang: dict[str, list[Segment]] = {}
        for segment in segments:
            by_lang.setdefault(segment.lang, []).append(segment)
        options = {"workflow_root": group.workflow_root} if group.workflow_root else {}
        tasks.extend((lang_segments, glossaries, only, options) for lang_segments in by_lang.values())
    from translate.progress import set_total

    set_total(checked)
    rows = _run_tasks(tasks, jobs if checked >= PARALLEL_MIN_SEGMENTS else 1)
    rows.sort(key=lambda row: (row["file"] or "", row["line"] or 0))
    summary = summarize(rows, checked, sum(len(group.files) for group in groups))
    notes = _spelling_notes({segment.lang for group in groups for segment in group.segments}, only)
    if notes:
        summary["notes"] = notes
    return rows, summary


def _spelling_notes(langs: set[str], only: Sequence[str]) -> list[str]:
    """Languages of the run the ``spelling`` check could not cover, and why (Chinese; a missing dictionary)."""
    if "spelling" not in only:
        return []
    from translate.qa.spelling import unavailable_reason

    return [f"spelling: {reason}" for lang in sorted(langs) if (reason := unavailable_reason(lang))]


def _run_task(number: int, report: bool = False) -> list[dict[str, Any]]:
    """One task's rows; with ``report`` (in the main process) the progress bar advances segment by segment."""
    from translate.progress import advance

    segments, glossaries, only, options = _TASKS[number]
    context = CheckContext(glossaries=glossaries, segments=segments, options=options)
    rows = []
    for start in range(0, len(segments), PROGRESS_CHUNK):
        chunk = segments[start : start + PROGRESS_CHUNK]
        rows += [finding_row(checked, finding) for checked, finding in run_checks(chunk, context, only)]
        if report:
            advance(len(chunk), description=f"check {chunk[0].lang}")
    return rows


PROGRESS_CHUNK = 256
"""Segments checked between two updates of the progress bar."""


def _run_tasks(
    tasks: list[tuple[list[Segment], list[Any], list[str], dict[str, Any]]], jobs: int
) -> list[dict[str, Any]]:
    import multiprocessing

    _TASKS[:] = tasks
    try:
        if jobs > 1 and len(tasks) > 1 and "fork" in multiprocessing.get_all_start_methods():
            load_all_checks()  # import the check modules once, before forking
            from translate.progress import advance

            results = []
            with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
                for number, result in enumerate(pool.imap(_run_task, range(len(tasks)), chunksize=1)):
                    results.append(result)
                    advance(len(tasks[number][0]), description=f"check {tasks[number][0][0].lang}")
        else:
            results = [_run_task(number, report=True) for number in range(len(tasks))]
    finally:
        _TASKS.clear()
    return [row for result in results for row in result]


def finding_row(segment: Segment, finding: Finding) -> dict[str, Any]:
    return {
        "file": segment.file,
        "line": segment.line,
        "msgctxt": segment.id,
        "msgid": segment.source,
        "lang": segment.lang,
        "check": finding.check,
        "severity": finding.severity,
        "message": finding.message,
        "term": finding.term,
    }


def summarize(rows: list[dict[str, Any]], checked: int, files: int) -> dict[str, Any]:
    severities = Counter(row["severity"] for row in rows)
    return {
        "files": files,
        "segments": checked,
        "findings": len(rows),
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "info": severities.get("info", 0),
        "by_check": dict(sorted(Counter(row["check"] for row in rows).items())),
        "by_lang": dict(sorted(Counter(row["lang"] for row in rows).items())),
    }
