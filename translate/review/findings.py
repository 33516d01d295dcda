"""What a reviewer (and the router) needs to know about a segment beyond its text: glossary terms, QA findings.

The glossary and the QA checks are other areas' modules; both are optional here. A missing module or an
unreadable glossary degrades to "no terms" / "no findings" rather than stopping a review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polib

if TYPE_CHECKING:
    from translate.qa.base import Segment
    from translate.workflow import Workflow


@dataclass(frozen=True)
class ShownTerm:
    """A glossary term found in the English source: ``start``/``end`` index the source text."""

    start: int
    end: int
    source: str
    targets: tuple[str, ...] = ()
    """Preferred term first, then admitted variants."""
    forbidden: tuple[str, ...] = ()
    note: str = ""
    dnt: bool = False


def load_glossary(wf: Workflow) -> Any | None:
    """The workflow's glossaries as one object, or None when it has none."""
    from translate.glossary import load_glossaries

    paths = [path for path in wf.glossary_paths() if path.exists()]
    if not paths:
        return None
    return load_glossaries(paths)


def source_terms(glossary: Any | None, text: str, lang: str) -> list[ShownTerm]:
    """Glossary terms in the English ``text`` (``Glossary.find_source_terms``) with their ``lang`` terms."""
    if glossary is None:
        return []
    hits: list[ShownTerm] = []
    for hit in glossary.find_source_terms(text):
        terms = hit.target_terms(lang)
        hits.append(
            ShownTerm(
                start=hit.start,
                end=hit.end,
                source=hit.text,
                targets=terms.accepted,
                forbidden=terms.forbidden,
                note=hit.concept.note,
                dnt=hit.concept.dnt,
            )
        )
    return hits


def qa_segment(entry: polib.POEntry, lang: str) -> Segment:
    """The entry as the QA checks see it: :func:`translate.qa.inputs.entry_segment`, as ``hexaglot check`` does."""
    from translate.qa.inputs import entry_segment

    return entry_segment(entry, lang)


def qa_findings(entries: list[polib.POEntry], lang: str, glossary: Any | None = None) -> dict[str, list[Any]]:
    """QA and glossary findings per segment id, for translated text only (an empty draft has nothing to check)."""
    from translate.qa.base import CheckContext, run_checks

    segments = [segment for segment in (qa_segment(entry, lang) for entry in entries) if segment.target]
    context = CheckContext(glossaries=[glossary] if glossary is not None else [], segments=segments)
    found: dict[str, list[Any]] = {}
    for segment, finding in run_checks(segments, context):
        found.setdefault(segment.id or "", []).append(finding)
    return found


class FindingsCache:
    """QA and glossary findings computed on demand, one segment at a time, with the whole catalog as context.

    A review session shows one segment at a time; checking all of a 5,000-segment catalog up front would delay
    the start by seconds. Results are kept per (segment, text, flags).
    """

    def __init__(
        self, entries: list[polib.POEntry], lang: str, glossary: Any | None = None, options: dict | None = None
    ) -> None:
        self.lang = lang
        self.glossary = glossary
        self.options = dict(options or {})
        """Check options, e.g. ``workflow_root`` for the workflow's spelling word lists."""
        self._entries = entries
        self._context: Any | None = None
        self._found: dict[tuple[str, str, tuple[str, ...]], list[Any]] = {}

    def update(self, entries: list[polib.POEntry]) -> None:
        """The catalog changed (a save): cross-segment checks need the new set of segments."""
        self._entries = entries
        self._context = None

    def _get_context(self) -> Any:
        if self._context is None:
            from translate.qa.base import CheckContext

            all_segments = (qa_segment(entry, self.lang) for entry in self._entries)
            segments = [segment for segment in all_segments if segment.target]
            self._context = CheckContext(
                glossaries=[self.glossary] if self.glossary is not None else [], segments=segments, options=self.options
            )
        return self._context

    def get(self, entry: polib.POEntry) -> list[Any]:
        segment = qa_segment(entry, self.lang)
        if not segment.target:
            return []
        key = (entry.msgctxt or entry.msgid, segment.target, tuple(entry.flags))
        found = self._found.get(key)
        if found is None:
            from translate.qa.base import run_checks

            found = [finding for _, finding in run_checks([segment], self._get_context())]
            self._found[key] = found
        return found


def unresolved_errors(wf: Workflow, entries: list[polib.POEntry], lang: str) -> set[str]:
    """Ids of the approved ``entries`` with error-severity QA or glossary findings and no override that holds for
    their text (see :func:`translate.review.store.override_of`)."""
    from translate.catalog import SegmentState, state_of
    from translate.review.store import override_of

    approved = [
        entry
        for entry in entries
        if entry.msgctxt and state_of(entry) == SegmentState.APPROVED and override_of(entry) is None
    ]
    if not approved:
        return set()
    found = qa_findings(approved, lang, load_glossary(wf))
    return {key for key, items in found.items() if any(item.severity == "error" for item in items)}
