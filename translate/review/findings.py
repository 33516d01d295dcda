"""What a reviewer (and the router) needs to know about a segment beyond its text: glossary terms, QA findings.

The glossary and the QA checks are other areas' modules; both are optional here. A missing module or an
unreadable glossary degrades to "no terms" / "no findings" rather than stopping a review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polib

from translate.catalog import state_of
from translate.errors import HexaglotError

if TYPE_CHECKING:
    from translate.qa.base import Segment
    from translate.workflow import Workflow


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in the English source: ``start``/``end`` index the source text."""

    start: int
    end: int
    source: str
    targets: tuple[str, ...] = ()
    note: str = ""


def load_glossary(wf: Workflow) -> Any | None:
    """The workflow's glossaries as one object, or None when there are none or the glossary area is absent."""
    paths = [path for path in wf.glossary_paths() if path.exists()]
    if not paths:
        return None
    try:
        from translate.glossary import load_glossaries
    except ImportError:
        return None
    try:
        return load_glossaries(paths)
    except HexaglotError:
        raise
    except Exception:  # the glossary area is being written concurrently: never stop a review for it
        return None


def _first(obj: Any, names: Iterable[str], default: Any = None) -> Any:
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value not in (None, ""):
            return value
    return default


def _targets(hit: Any, lang: str) -> tuple[str, ...]:
    entry = _first(hit, ("entry", "term", "concept"), hit)
    for name in ("targets_for", "target_terms", "preferred"):
        method = getattr(entry, name, None)
        if callable(method):
            try:
                value = method(lang)
            except Exception:
                continue
            if value:
                return tuple(str(item) for item in (value if isinstance(value, list | tuple) else [value]))
    targets = _first(entry, ("targets", "translations"), None)
    if isinstance(targets, dict):
        value = targets.get(lang)
        if value:
            return tuple(str(v) for v in (value if isinstance(value, list | tuple) else [value]))
    target = _first(hit, ("target",), None)
    return (str(target),) if target else ()


def source_terms(glossary: Any | None, text: str, lang: str) -> list[TermHit]:
    """Glossary terms in the English ``text`` (via ``glossary.find_source_terms``), adapted to :class:`TermHit`."""
    if glossary is None or not hasattr(glossary, "find_source_terms"):
        return []
    try:
        found = list(glossary.find_source_terms(text))
    except Exception:
        return []
    hits: list[TermHit] = []
    for hit in found:
        span = _first(hit, ("span",), None)
        start = _first(hit, ("start",), span[0] if span else None)
        end = _first(hit, ("end",), span[1] if span else None)
        surface = str(_first(hit, ("text", "surface", "matched", "source"), ""))
        if start is None and surface:
            position = text.casefold().find(surface.casefold())
            start, end = (position, position + len(surface)) if position >= 0 else (None, None)
        if start is None or end is None:
            continue
        entry = _first(hit, ("entry", "term", "concept"), hit)
        note = str(_first(entry, ("note", "definition"), "") or "")
        hits.append(TermHit(int(start), int(end), text[int(start) : int(end)], _targets(hit, lang), note))
    return hits


def qa_segment(entry: polib.POEntry, lang: str) -> Segment:
    from translate.qa.base import Segment

    file, line = (entry.occurrences[0][0], None) if entry.occurrences else (None, None)
    return Segment(
        source=entry.msgid,
        target=entry.msgstr,
        lang=lang,
        id=entry.msgctxt,
        file=file,
        line=line,
        flags=tuple(entry.flags),
        state=str(state_of(entry)),
    )


def qa_findings(entries: list[polib.POEntry], lang: str, glossary: Any | None = None) -> dict[str, list[Any]]:
    """QA and glossary findings per segment id, for translated text only (an empty draft has nothing to check)."""
    from translate.qa.base import CheckContext, run_checks

    segments = [qa_segment(entry, lang) for entry in entries if entry.msgstr]
    context = CheckContext(glossaries=[glossary] if glossary is not None else [], segments=segments)
    found: dict[str, list[Any]] = {}
    try:
        for segment, finding in run_checks(segments, context):
            found.setdefault(segment.id or "", []).append(finding)
    except HexaglotError:
        raise
    except Exception:  # a check being written concurrently may fail: show the rest of the review
        return found
    return found
