"""Pre-translation from the translation memory, before MT (``hexaglot draft`` / ``run`` call it first).

For each active catalog entry that is untranslated (or holds an MT draft):

* a context match (score 101: same source, same previous and next segment) or an exact match (score 100)
  becomes a draft (``fuzzy``) with provenance ``{"origin": "tm", "memory": "<file>#<tuid>", "score": ...}``:
  never approved without a human;
* otherwise fuzzy matches scoring at least ``wf.tm.fuzzy_threshold`` are kept for the reviewer in the
  entry's ``tm`` metadata (``{"matches": [{"source", "target", "score", "origin"}]}``).

Translated, approved and rejected segments, and drafts that did not come from MT, are never touched.
The context of an entry is the msgid of the previous and the next active entry.
"""

from __future__ import annotations

from typing import Any

from translate.catalog import Catalog, Provenance, SegmentState, get_meta, now_iso, provenance_of, set_draft, set_meta
from translate.memory.score import EXACT_SCORE
from translate.memory.store import Match, Memory
from translate.workflow import Workflow

KEPT_FUZZY_MATCHES = 3


def _may_fill(entry: Any) -> bool:
    from translate.catalog import state_of

    if entry.msgid_plural:
        return False  # a memory's one target sentence cannot fill plural forms
    state = state_of(entry)
    if state == SegmentState.UNTRANSLATED:
        return True
    if state == SegmentState.DRAFT:
        provenance = provenance_of(entry)
        return provenance is not None and provenance.origin == "mt"
    return False


def pretranslate_catalog(wf: Workflow, catalog: Catalog, memory: Memory) -> dict[str, int]:
    """Fill drafts from ``memory`` into ``catalog`` (not saved: the caller saves).

    Returns counts: ``context`` and ``exact`` (drafts written), ``fuzzy`` (entries given fuzzy matches),
    ``none`` (nothing at or above the threshold), ``skipped`` (entries left alone for their state).
    """
    counts = {"context": 0, "exact": 0, "fuzzy": 0, "none": 0, "skipped": 0}
    entries = list(catalog)
    if not memory.files:
        counts["none"] = sum(1 for entry in entries if _may_fill(entry))
        counts["skipped"] = len(entries) - counts["none"]
        return counts
    threshold = float(wf.tm.fuzzy_threshold)
    source_lang = wf.source_language
    for position, entry in enumerate(entries):
        if not _may_fill(entry):
            counts["skipped"] += 1
            continue
        previous = entries[position - 1].msgid if position > 0 else None
        following = entries[position + 1].msgid if position + 1 < len(entries) else None
        matches = memory.search(
            entry.msgid,
            source_lang,
            catalog.lang,
            min_score=min(threshold, EXACT_SCORE),
            limit=KEPT_FUZZY_MATCHES,
            context=(previous, following),
        )
        best = matches[0] if matches else None
        if best is not None and best.score >= EXACT_SCORE and best.target:
            _fill(entry, best)
            counts["context" if best.context else "exact"] += 1
        elif matches:
            set_meta(entry, "tm", {"matches": [match.to_dict() for match in matches]})
            counts["fuzzy"] += 1
        else:
            if get_meta(entry, "tm") is not None:
                set_meta(entry, "tm", None)
            counts["none"] += 1
    return counts


def _fill(entry: Any, match: Match) -> None:
    set_draft(entry, match.target, Provenance(origin="tm", memory=match.origin, score=match.score, at=now_iso()))
    set_meta(entry, "tm", None)
