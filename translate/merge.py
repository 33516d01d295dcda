"""Segment-wise 3-way merge of PO catalogs, for ``git merge`` (``hexaglot merge-driver %O %A %B``).

Git gives the common ancestor (*base*, ``%O``), our version (``%A``, the result is written there) and theirs
(``%B``). Entries are matched by segment id (``msgctxt``; the ``msgid`` for entries without one). The rule, per
segment:

1. changed on one side only (or the same change on both): take that side;
2. added on one side: add it (in that side's order); removed on one side and untouched on the other: remove it;
   removed on one side and changed on the other: keep the changed one, except when the removing side is a
   re-import that moved the segment to a new id (its new entry's ``#| msgctxt`` names the old one): then a
   person's newer work from the other side goes onto the new entry (rule 4) and the old id goes;
3. changed differently on both sides, the same English: **a person's work beats a machine's** (translated,
   approved and rejected are a person's; drafts and untranslated a machine's or nobody's) whatever the times;
   **between two people's work the later action wins** (review / provenance time: a newer correction or a
   rejection with its comment is not beaten by an older approval); on equal times, and between two machines'
   drafts, the more advanced state (approved > translated > rejected > draft > untranslated), then the later,
   then ours;
4. the English differs and one side kept the base's English: that side did translation work, the other
   re-imported a changed source. The result has the new English; a person's translation from the first side
   goes onto it as a draft (``fuzzy``, the previous English as ``#| msgid``) to be reviewed against it.

**Nothing is dropped.** Every losing version is kept in the entry's translator comment as
``hexaglot-merged: {"msgstr", "state", "by", "at", "side", "comment"?, "earlier": [...]}``: the latest loser's
fields, with every version kept by earlier merges (and the review store's concurrent saves) under ``earlier``
(:func:`other_versions` lists them all, :func:`keep_version` adds one). Comment lines, flags and metas
(assignments, notes) that only the losing side has are kept too.

The merge is *truly conflicting* (exit 1: git leaves the file marked as conflicted, with the merged result in it
and the other version in ``hexaglot-merged``) when the result would hide a person's text under an approval: both
sides approved different texts, or one side's approval wins over a different translation written on the other
side (the approver never saw it). A person must decide. Every other case exits 0 and is listed on stderr: the
result is a state that goes back to review (translated, rejected, draft) or an approval of the same text.

The header is ours, with the later ``PO-Revision-Date``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate.catalog import (
    META_PREFIX,
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


HUMAN_STATES = frozenset({SegmentState.TRANSLATED, SegmentState.APPROVED, SegmentState.REJECTED})
"""States only a person gives (a machine writes drafts)."""
_STATE_FLAGS = ("fuzzy", "hx-approved", "hx-rejected")


def _timestamp(entry: polib.POEntry) -> str:
    review = review_of(entry) or {}
    provenance = provenance_of(entry)
    return max(str(review.get("at") or ""), str((provenance.at if provenance else None) or ""))


def _winner(ours: polib.POEntry, theirs: polib.POEntry) -> str:
    """'ours' or 'theirs' by the module docstring's rule: a person's work beats a machine's; between people the
    later action; then the more advanced state; then ours."""
    human_ours, human_theirs = state_of(ours) in HUMAN_STATES, state_of(theirs) in HUMAN_STATES
    if human_ours != human_theirs:
        return "ours" if human_ours else "theirs"
    time_ours, time_theirs = _timestamp(ours), _timestamp(theirs)
    if human_ours and time_ours != time_theirs:
        return "ours" if time_ours > time_theirs else "theirs"
    rank_ours, rank_theirs = state_of(ours).rank, state_of(theirs).rank
    if rank_ours != rank_theirs:
        return "ours" if rank_ours > rank_theirs else "theirs"
    return "theirs" if time_theirs > time_ours else "ours"


def _translation(entry: polib.POEntry) -> str | dict[str, str]:
    """What the translator wrote: the msgstr, or a plural entry's forms."""
    if entry.msgid_plural:
        return {str(index): text for index, text in sorted(entry.msgstr_plural.items())}
    return entry.msgstr


def other_versions(entry: polib.POEntry) -> list[dict]:
    """Every losing version kept on ``entry`` by merges, the most recent first (``hexaglot-merged``: the latest
    loser's fields, the earlier ones under ``earlier``)."""
    meta = get_meta(entry, MERGED_META)
    if not meta:
        return []
    latest = {key: value for key, value in meta.items() if key != "earlier"}
    earlier = [version for version in meta.get("earlier") or [] if isinstance(version, dict)]
    return ([latest] if latest else []) + earlier


def keep_version(entry: polib.POEntry, record: dict) -> None:
    """Add ``record`` (a losing version) to ``entry``'s kept versions, on top; nothing kept before is dropped."""
    _set_versions(entry, [record, *other_versions(entry)])


def _same_version(one: dict, other: dict) -> bool:
    fields = ("msgstr", "msgstr_plural", "state", "by", "at", "comment")
    return all(one.get(name) == other.get(name) for name in fields)


def _set_versions(entry: polib.POEntry, versions: list[dict]) -> None:
    unique: list[dict] = []
    current = {"msgstr": entry.msgstr, "state": str(state_of(entry))}
    for version in versions:
        if any(_same_version(version, seen) for seen in unique):
            continue
        same_comment = not version.get("comment") or version.get("comment") == (review_of(entry) or {}).get("comment")
        if version.get("msgstr_plural") is None and _same_version(version, {**version, **current}) and same_comment:
            continue  # the entry itself, as it stands now
        unique.append(version)
    if not unique:
        set_meta(entry, MERGED_META, None)
        return
    set_meta(entry, MERGED_META, {**unique[0], **({"earlier": unique[1:]} if unique[1:] else {})})


def _record(other: polib.POEntry, side: str) -> dict:
    """``other`` as a kept version: its text, state, who and when, the rejection's comment."""
    review = review_of(other) or {}
    provenance = provenance_of(other)
    translation = _translation(other)
    record: dict = {"side": side, "state": str(state_of(other))}
    if isinstance(translation, dict):
        record["msgstr_plural"] = translation
        record["msgstr"] = translation.get("0", "")
    else:
        record["msgstr"] = translation
    record["by"] = review.get("by") or (provenance.by if provenance else None) or ""
    if _timestamp(other):
        record["at"] = _timestamp(other)
    if review.get("comment"):
        record["comment"] = review["comment"]
    return record


def _absorb(kept: polib.POEntry, other: polib.POEntry, side: str | None, base: polib.POEntry | None) -> None:
    """Everything ``other`` added that ``kept`` lacks: its version (``side`` given), the versions it kept, the
    linguists' own comment lines, flags and metas (an assignment, a note) not about its text. What ``other`` only
    still has from ``base`` is not brought back (the kept side removed it)."""
    versions = ([_record(other, side)] if side else []) + other_versions(other)
    base_lines = set((base.tcomment or "").splitlines()) if base is not None else set()
    base_flags = set(base.flags) if base is not None else set()
    for line in (other.tcomment or "").splitlines():
        if line in base_lines:
            continue
        if line.startswith(META_PREFIX):
            key = line[len(META_PREFIX) :].split(":", 1)[0]
            value = get_meta(other, key)
            if key not in _TEXT_METAS and value is not None and get_meta(kept, key) is None:
                set_meta(kept, key, value)
        elif line not in (kept.tcomment or "").splitlines():
            kept.tcomment = "\n".join([*(kept.tcomment or "").splitlines(), line])
    for flag in other.flags:
        if flag not in _STATE_FLAGS and flag not in kept.flags and flag not in base_flags:
            kept.flags.append(flag)
    _set_versions(kept, other_versions(kept) + versions)


_TEXT_METAS = frozenset({"provenance", "review", "mt", "tm", "terms", MERGED_META})
"""Metas that describe an entry's text: they travel with the text, never onto another one."""


def _hidden_by_approval(kept: polib.POEntry, other: polib.POEntry) -> bool:
    """True when ``kept`` would hide a person's different text under an approval: two approvals of different texts,
    or an approval that never saw a translation written on the other side. A rejection's text is not hidden: it
    was refused (its comment is kept)."""
    if state_of(kept) is not SegmentState.APPROVED or _translation(kept) == _translation(other):
        return False
    return state_of(other) in (SegmentState.APPROVED, SegmentState.TRANSLATED)


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
    if base is not None and ours.msgid != theirs.msgid and base.msgid in (ours.msgid, theirs.msgid):
        source, work = (theirs, ours) if ours.msgid == base.msgid else (ours, theirs)
        return _onto_new_source(key, source, work, "ours" if work is ours else "theirs", report, base)
    side = _winner(ours, theirs)
    kept, other = (ours, theirs) if side == "ours" else (theirs, ours)
    if _translation(kept) == _translation(other) and state_of(kept) == state_of(other):
        _absorb(kept, other, None, base)  # only comments or metadata differ: both sides' are kept
        return kept
    if _hidden_by_approval(kept, other):
        report.conflicts.append(key[1])
    else:
        report.resolved.append(key[1])
    _absorb(kept, other, "theirs" if side == "ours" else "ours", base)
    return kept


def _onto_new_source(
    key: tuple[str, str, bool],
    source: polib.POEntry,
    work: polib.POEntry,
    side: str,
    report: MergeReport,
    base: polib.POEntry,
) -> polib.POEntry:
    """One side re-imported a changed English sentence, the other worked on its translation: the new English, with
    the newer translation on it as a draft to review against it (the previous English shown); the re-import's
    carried translation is kept as a version."""
    report.resolved.append(key[1])
    if state_of(work) not in HUMAN_STATES or _translation(work) == _translation(source):
        _absorb(source, work, side, base)
        return source
    carried = _record(source, "ours" if side == "theirs" else "theirs")
    _carry_translation(work, source)
    _absorb(source, work, None, base)
    keep_version(source, carried)
    keep_version(source, _record(work, side))
    return source


def _carry_translation(work: polib.POEntry, target: polib.POEntry) -> None:
    """``work``'s translation onto ``target`` (a changed English) as a fuzzy draft showing the previous English."""
    if work.msgid_plural and target.msgid_plural:
        target.msgstr_plural = dict(work.msgstr_plural)
    else:
        target.msgstr = work.msgstr
    target.fuzzy = True
    target.flags = [flag for flag in target.flags if flag not in ("hx-approved", "hx-rejected")]
    if target.previous_msgid is None:
        target.previous_msgid = work.msgid
    review = review_of(work) or {}
    provenance = provenance_of(target)
    carried = provenance.to_dict() if provenance else {"origin": "previous-source"}
    carried |= {"previous_state": str(state_of(work)), "by": review.get("by") or carried.get("by")}
    set_meta(target, "provenance", {key: value for key, value in carried.items() if value is not None})
    set_meta(target, "review", None)


def _successors(base: dict, side: dict) -> dict[str, tuple[str, str, bool]]:
    """Entries a side added whose ``#| msgctxt`` names an active base entry: a re-import moved that segment there."""
    found: dict[str, tuple[str, str, bool]] = {}
    for key, entry in side.items():
        if key in base or entry.obsolete or not entry.previous_msgctxt:
            continue
        found.setdefault(entry.previous_msgctxt, key)
    return found


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
    order = _merged_order(ours, theirs)
    resolved: dict[tuple[str, str, bool], polib.POEntry | None] = {}
    moved = {"ours": _successors(base_index, ours_index), "theirs": _successors(base_index, theirs_index)}
    for key in order:
        base_entry, ours_entry, theirs_entry = base_index.get(key), ours_index.get(key), theirs_index.get(key)
        entry = _resolve(key, base_entry, ours_entry, theirs_entry, report)
        resolved[key] = entry
        # removed by one side's re-import (moved to a new id) and worked on by the other: onto the new id
        remover = "ours" if ours_entry is None else "theirs" if theirs_entry is None else None
        if entry is not None and base_entry is not None and remover and key[1] in moved[remover]:
            successor = (ours_index if remover == "ours" else theirs_index)[moved[remover][key[1]]]
            if state_of(entry) in HUMAN_STATES and _translation(entry) != _translation(successor):
                carried = _record(successor, remover)
                _carry_translation(entry, successor)
                keep_version(successor, carried)
                keep_version(successor, _record(entry, "theirs" if remover == "ours" else "ours"))
            resolved[key] = None
    for key in order:
        entry = resolved[key]
        if entry is not None:
            merged.append(entry)
    return merged, report


def merge_files(base: str | Path, ours: str | Path, theirs: str | Path) -> MergeReport:
    """Git's contract: merge ``%O`` (base), ``%A`` (ours) and ``%B`` (theirs) and write the result to ``%A``."""
    merged, report = merge_po(read_po(base), read_po(ours), read_po(theirs))
    atomic_write_text(ours, str(merged))
    return report
