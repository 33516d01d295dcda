"""Automatic fixes: the edits some checks attach to their findings (``Finding.fix``), applied to PO files.

``hexaglot check --fix`` applies them before it checks: French no-break spaces (``punctuation-spacing``) and Arabic
digits (``number-style``). A fix only changes spacing or the way a number is written, never a word or a value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from translate.qa.base import CheckContext, Segment, run_checks

FIXABLE_CHECKS = ("punctuation-spacing", "number-style")
"""The checks whose findings carry a fix."""
_ROUNDS = 3
"""A fix of one check may reveal another's: the checks run again on the fixed text, at most this many times."""


def fixed_target(segment: Segment, only: Iterable[str] = FIXABLE_CHECKS) -> str:
    """The segment's target with every automatic fix of the ``only`` checks applied."""
    wanted = [check for check in only if check in FIXABLE_CHECKS]
    target = segment.target
    for _ in range(_ROUNDS):
        current = Segment(segment.source, target, segment.lang, segment.id, flags=segment.flags)
        findings = [finding for _, finding in run_checks([current], CheckContext(), wanted) if finding.fix]
        if not findings:
            break
        target = findings[0].apply_fix(target)
    return target


def fix_po_files(segments: Sequence[Segment], only: Iterable[str] = FIXABLE_CHECKS) -> dict[str, int]:
    """Apply the fixes to the PO files the segments come from (each file written once, atomically, only where an
    entry's translation is still the checked one); returns file -> number of entries fixed."""
    from translate.catalog import read_po
    from translate.fileio import atomic_write_text

    wanted = list(only)
    changes: dict[str, dict[tuple[str | None, str], tuple[str, str]]] = {}
    for segment in segments:
        if not segment.file or not segment.file.endswith(".po") or not segment.target.strip():
            continue
        target = fixed_target(segment, wanted)
        if target != segment.target:
            changes.setdefault(segment.file, {})[(segment.id, segment.source)] = (segment.target, target)
    fixed: dict[str, int] = {}
    for file, edits in changes.items():
        po = read_po(file)
        count = 0
        for entry in po:
            change = edits.get((entry.msgctxt, entry.msgid))
            if change is not None and not entry.obsolete and entry.msgstr == change[0]:
                entry.msgstr = change[1]
                count += 1
        if count:
            po.wrapwidth = 0
            atomic_write_text(Path(file), str(po))
            fixed[file] = count
    return fixed
