"""Segment-wise 3-way merge of PO catalogs, for ``git merge`` (``hexaglot merge-driver %O %A %B``).

Git gives the common ancestor (*base*, ``%O``), our version (``%A``, the result is written there) and theirs
(``%B``). Entries are matched by segment id (``msgctxt``; the ``msgid`` for entries without one). The rule, per
segment:

1. changed on one side only (or the same change on both): take that side;
2. added on one side: add it (in that side's order); removed on one side and untouched on the other: remove it;
   removed on one side and changed on the other: keep the changed one;
3. changed differently on both sides: keep the version in the more advanced state
   (approved > translated > rejected > draft > untranslated); on a tie, the one reviewed or written later
   (review / provenance time), then ours. The other version is kept in the entry's translator comment as
   ``hexaglot-merged: {"msgstr": ..., "state": ..., "by": ..., "side": ...}`` so nothing is lost.

The merge is *truly conflicting* (exit 1: git leaves the file marked as conflicted, with the merged result in
it) only when both sides **approved** different texts of the same segment: two revisers disagree, and a
person must decide. Every other case exits 0.

The header is ours, with the later ``PO-Revision-Date``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate.catalog import (
    WRAP_WIDTH,
    SegmentState,
    get_meta,
    provenance_of,
    read_po,
    review_of,
    set_meta,
    state_of,
)
from translate.fileio import atomic_write_text

MERGED_META = "merged"


@dataclass
class MergeReport:
    """What a merge did: counts of segments taken from each side, resolved by rule, truly conflicting."""

    from_ours: int = 0
    from_theirs: int = 0
    added: int = 0
    removed: int = 0
    resolved: list[str] = field(default_factory=list)
    """Segments changed on both sides and resolved by state (the other version kept in a comment)."""
    conflicts: list[str] = field(default_factory=list)
    """Segments approved with different texts on both sides."""

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _key(entry: polib.POEntry) -> tuple[str, str, bool]:
    """Segment id (or msgid), and whether obsolete: an obsolete entry may share its id with an active one."""
    if entry.msgctxt:
        return ("ctxt", entry.msgctxt, entry.obsolete)
    return ("id", entry.msgid, entry.obsolete)


def _text(entry: polib.POEntry | None) -> str | None:
    """The entry as it would be written: equality of this means 'unchanged'."""
    return None if entry is None else entry.__unicode__(wrapwidth=WRAP_WIDTH)


def _index(po: polib.POFile) -> dict[tuple[str, str, bool], polib.POEntry]:
    return {_key(entry): entry for entry in po}


def _timestamp(entry: polib.POEntry) -> str:
    review = review_of(entry) or {}
    provenance = provenance_of(entry)
    return max(str(review.get("at") or ""), str((provenance.at if provenance else None) or ""))


def _winner(ours: polib.POEntry, theirs: polib.POEntry) -> str:
    """'ours' or 'theirs': the more advanced state, then the later action, then ours."""
    rank_ours, rank_theirs = state_of(ours).rank, state_of(theirs).rank
    if rank_ours != rank_theirs:
        return "ours" if rank_ours > rank_theirs else "theirs"
    return "theirs" if _timestamp(theirs) > _timestamp(ours) else "ours"


def _record_other(kept: polib.POEntry, other: polib.POEntry, side: str) -> None:
    review = review_of(other) or {}
    provenance = provenance_of(other)
    record = {
        "side": side,
        "msgstr": other.msgstr,
        "state": str(state_of(other)),
        "by": review.get("by") or (provenance.by if provenance else None) or "",
    }
    if review.get("comment"):
        record["comment"] = review["comment"]
    previous = get_meta(kept, MERGED_META)
    if previous == record:
        return
    set_meta(kept, MERGED_META, record)


def _resolve(
    key: tuple[str, str, bool],
    base: polib.POEntry | None,
    ours: polib.POEntry | None,
    theirs: polib.POEntry | None,
    report: MergeReport,
) -> polib.POEntry | None:
    """The merged entry for one segment (None: removed)."""
    base_text, ours_text, theirs_text = _text(base), _text(ours), _text(theirs)
    if ours_text == theirs_text:
        return ours
    if ours_text == base_text:
        report.from_theirs += 1
        if theirs is None:
            report.removed += 1
        elif base is None:
            report.added += 1
        return theirs
    if theirs_text == base_text:
        report.from_ours += 1
        return ours
    # Changed on both sides, differently.
    if ours is None or theirs is None:
        kept = ours if ours is not None else theirs
        report.resolved.append(key[1])
        return kept
    side = _winner(ours, theirs)
    kept, other = (ours, theirs) if side == "ours" else (theirs, ours)
    if kept.msgstr == other.msgstr and state_of(kept) == state_of(other):
        return kept  # only comments or metadata differ: nothing worth recording
    if state_of(ours) == state_of(theirs) == SegmentState.APPROVED:
        report.conflicts.append(key[1])
    else:
        report.resolved.append(key[1])
    _record_other(kept, other, "theirs" if side == "ours" else "ours")
    return kept


def _merged_order(ours: polib.POFile, theirs: polib.POFile) -> list[tuple[str, str, bool]]:
    """Our order, with segments only theirs has inserted after their predecessor in their file."""
    order = [_key(entry) for entry in ours]
    present = set(order)
    for position, entry in enumerate(theirs):
        key = _key(entry)
        if key in present:
            continue
        previous = _key(theirs[position - 1]) if position > 0 else None
        at = order.index(previous) + 1 if previous in present else len(order)
        order.insert(at, key)
        present.add(key)
    return order


def merge_po(base: polib.POFile, ours: polib.POFile, theirs: polib.POFile) -> tuple[polib.POFile, MergeReport]:
    """Merge two edited versions of one catalog segment by segment (see the module docstring)."""
    report = MergeReport()
    base_index, ours_index, theirs_index = _index(base), _index(ours), _index(theirs)
    merged = polib.POFile(wrapwidth=WRAP_WIDTH)
    merged.header = ours.header
    merged.metadata = dict(ours.metadata)
    merged.metadata_is_fuzzy = ours.metadata_is_fuzzy
    their_date = theirs.metadata.get("PO-Revision-Date", "")
    if their_date > merged.metadata.get("PO-Revision-Date", ""):
        merged.metadata["PO-Revision-Date"] = their_date
    for key in _merged_order(ours, theirs):
        entry = _resolve(key, base_index.get(key), ours_index.get(key), theirs_index.get(key), report)
        if entry is not None:
            merged.append(entry)
    return merged, report


def merge_files(base: str | Path, ours: str | Path, theirs: str | Path) -> MergeReport:
    """Git's contract: merge ``%O`` (base), ``%A`` (ours) and ``%B`` (theirs) and write the result to ``%A``."""
    merged, report = merge_po(read_po(base), read_po(ours), read_po(theirs))
    atomic_write_text(ours, str(merged))
    return report
