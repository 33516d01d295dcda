"""Import a workflow's sources into its catalogs, and re-import them after the source changed.

Nothing translated is ever lost, as with gettext's msgmerge:

* a segment whose English is unchanged keeps its translation and state, even when its paragraph moved or
  another sentence of its paragraph changed (its id may change; the entry travels with it);
* a segment whose English changed takes the translation of the most similar old segment of the same
  document, becomes a draft (``fuzzy``) and shows the previous English as ``#| msgid``;
* sentences that the splitter now cuts or joins differently (its rules changed: "annex I. The ...", a label
  "A." now kept out of the text) keep their translation: an old sentence now cut in two gives each part its
  share of the translation (cut by the target language's rules; the whole translation goes to the first part,
  as a draft, when the cuts do not correspond), old sentences now joined give their translations joined;
* a segment that disappeared moves to the obsolete entries (``#~``) with its translation, and comes back
  from there if its English reappears.

All sources are read before anything is written: a bad source leaves every catalog as it was.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translate.catalog import (
    Catalog,
    Provenance,
    SegmentState,
    catalog_lock,
    has_translation,
    now_iso,
    set_meta,
    state_of,
)
from translate.formats import read_source
from translate.formats.document import Paragraph, SourceDocument, segment_id, split_segment_id
from translate.formats.inline import has_tags, local_numbers, split_tagged, strip_tags
from translate.patterns import FOOTNOTE_PATTERN
from translate.previous_match import FUZZY_CUTOFF, DocumentPool
from translate.segmentation import join_sentences, sentence_spans, split_label, split_sentences
from translate.workflow import Workflow


@dataclass(frozen=True)
class SourceSegment:
    """One sentence of the source, ready to become a catalog entry."""

    id: str
    text: str
    document: str
    reference: str
    line: int
    description: str


@dataclass
class LanguageImport:
    """What a (re-)import did to one language's catalog."""

    kept: int = 0
    changed: int = 0
    new: int = 0
    obsoleted: int = 0
    revived: int = 0


@dataclass
class ImportReport:
    segments: int = 0
    words: int = 0
    documents: list[str] = field(default_factory=list)
    languages: dict[str, LanguageImport] = field(default_factory=dict)


def describe(paragraph: Paragraph) -> str:
    """The extracted comment (``#.``) that tells the translator what the segment is."""
    if paragraph.kind == "heading":
        return f"heading {paragraph.level}"
    if paragraph.kind == "footnote":
        return f"footnote {paragraph.footnote_id}"
    if paragraph.kind == "list-item":
        return f"list item {paragraph.label}".strip()
    return paragraph.kind


UNSPLIT_KINDS = frozenset({"title", "heading", "table-cell"})
"""Paragraph kinds kept whole: a heading such as "Chapter 1. Overview" is one segment."""


def paragraph_sentences(paragraph: Paragraph) -> list[str]:
    """The sentence segments of one paragraph (placeholders numbered from 1 in each)."""
    return [text for text, _ in paragraph_segments(paragraph)]


def paragraph_segments(paragraph: Paragraph) -> list[tuple[str, dict[str, str]]]:
    """Each sentence segment of a paragraph with ``{placeholder id in the segment: id in the paragraph}``.

    Sentences are found in the text without placeholders, so formatting never changes where a sentence ends;
    a paragraph without inline formatting splits exactly as its plain text.
    """
    text = paragraph.text
    if not has_tags(text):
        sentences = [text] if paragraph.kind in UNSPLIT_KINDS else split_sentences(text, "en")
        return [(sentence, {}) for sentence in sentences]
    plain = strip_tags(text)
    if paragraph.kind in UNSPLIT_KINDS:
        spans = [(0, len(plain))]
    else:
        spans = [(sentence.start, sentence.end) for sentence in sentence_spans(plain, "en")]
    return [local_numbers(piece) for piece in split_tagged(text, spans) if strip_tags(piece).strip()]


def segment_document(document: SourceDocument, root: Path) -> list[SourceSegment]:
    """Split every paragraph of ``document`` into sentence segments with stable ids."""
    try:
        reference = document.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        reference = document.path.name
    segments = []
    for paragraph in document.paragraphs:
        for n, sentence in enumerate(paragraph_sentences(paragraph), start=1):
            segments.append(
                SourceSegment(
                    id=segment_id(document.name, paragraph.key, n),
                    text=sentence,
                    document=document.name,
                    reference=reference,
                    line=paragraph.line,
                    description=describe(paragraph),
                )
            )
    return segments


def read_workflow_documents(workflow: Workflow) -> list[SourceDocument]:
    """The workflow's sources as documents; two sources with the same stem get the suffix in their name."""
    documents: list[SourceDocument] = []
    names: set[str] = set()
    from translate.progress import advance

    for path in workflow.source_paths():
        document = read_source(path)
        advance(description=f"import: read {path.name}")
        if document.name in names:
            document.name = f"{document.name}-{path.suffix.lstrip('.').lower()}"
        names.add(document.name)
        documents.append(document)
    return documents


def read_workflow_sources(workflow: Workflow) -> list[SourceSegment]:
    """Every source segment of the workflow, in document order (raises before anything is written)."""
    segments: list[SourceSegment] = []
    for document in read_workflow_documents(workflow):
        segments.extend(segment_document(document, workflow.root))
    return segments


def import_workflow(workflow: Workflow, langs: list[str] | None = None) -> ImportReport:
    """Read the sources and create or update ``translations/<lang>.po`` for every target language.

    The matching (the slow part) runs on a copy of each catalog read without its lock; the lock is held only to
    read the catalog again, apply the matches and write it. When the copy's sentences and translated-or-not
    states are still those of the file (a reviewer's save changes a translation, not those) the matches are
    reused; otherwise the merge runs again under the lock. Either way the write starts from the file as it is.
    """
    from translate.catalog import count_words
    from translate.progress import advance, set_total

    languages = langs or list(workflow.target_languages)
    set_total(len(workflow.sources) + 3 * len(languages))  # read each source; match, merge, write each language
    segments = read_workflow_sources(workflow)
    report = ImportReport(
        segments=len(segments),
        words=sum(count_words(segment.text) for segment in segments),
        documents=sorted({segment.document for segment in segments}),
    )
    languages = langs or list(workflow.target_languages)
    from translate.store import sync_workflow

    sync_workflow(workflow, languages)  # every save in the working store is in the files the import reads
    plans: dict[str, tuple[tuple, dict[int, tuple[int, float]]]] = {}
    for lang in languages:
        draft = _load_or_new(workflow, lang)
        key = _match_key(draft.po)
        choices: dict[int, tuple[int, float]] = {}
        merge_segments(draft, segments, record=choices)
        plans[lang] = (key, choices)
        advance(description=f"import: matched {lang}")
    with contextlib.ExitStack() as locks:
        for lang in languages:
            locks.enter_context(catalog_lock(workflow.lock_path(lang), workflow.catalog_path(lang)))
        catalogs: list[Catalog] = []
        for lang in languages:
            catalog = _load_or_new(workflow, lang)
            key, choices = plans[lang]
            try:
                reuse = choices if _match_key(catalog.po) == key else None
                report.languages[lang] = merge_segments(catalog, segments, choices=reuse)
            except _StaleChoices:  # cannot happen with the same key; never write a doubtful merge
                catalog = _load_or_new(workflow, lang)
                report.languages[lang] = merge_segments(catalog, segments)
            catalogs.append(catalog)
            advance(description=f"import: merged {lang}")
        for catalog in catalogs:
            catalog.save()
            advance(description=f"import: wrote {catalog.lang}")
    sync_workflow(workflow, languages)  # and the import's changes are read back into the store
    return report


def _load_or_new(workflow: Workflow, lang: str) -> Catalog:
    path = workflow.catalog_path(lang)
    return Catalog.load(path, lang) if path.exists() else Catalog.new(path, lang, workflow.name)


def _match_key(entries: list[polib.POEntry]) -> tuple:
    """What the merge's decisions depend on: each entry's id, English, obsolete flag and translated-or-not."""
    return tuple((entry.msgctxt, entry.msgid, entry.obsolete, has_translation(entry)) for entry in entries)


def merge_segments(
    catalog: Catalog,
    segments: list[SourceSegment],
    *,
    record: dict[int, tuple[int, float]] | None = None,
    choices: dict[int, tuple[int, float]] | None = None,
) -> LanguageImport:
    """Bring ``catalog`` in line with ``segments`` without losing any translation (see the module docstring).

    ``record`` receives the fuzzy matches made (segment position -> position of the old entry among the active
    ones, score); ``choices`` replays such a record on a catalog with the same :func:`_match_key`.
    """
    stats = LanguageImport()
    old_active = [entry for entry in catalog.po if not entry.obsolete and entry.msgid]
    old_obsolete = [entry for entry in catalog.po if entry.obsolete]
    unused = {id(entry): entry for entry in old_active}
    by_id = {entry.msgctxt: entry for entry in old_active}
    by_text: dict[tuple[str, str], list[polib.POEntry]] = {}
    by_plain: dict[tuple[str, str], list[polib.POEntry]] = {}
    for entry in old_active:
        by_text.setdefault((_document_of(entry), entry.msgid), []).append(entry)
        by_plain.setdefault((_document_of(entry), strip_tags(entry.msgid)), []).append(entry)

    new_entries: list[polib.POEntry | None] = []
    pending: list[int] = []
    for position, segment in enumerate(segments):
        entry = _exact_match(segment, by_id, by_text, unused)
        if entry is not None:
            stats.kept += 1
        new_entries.append(entry)
        if entry is None:
            pending.append(position)

    still_pending = []
    for position in pending:  # the same words, other formatting placeholders: kept (before any fuzzy match)
        entry = _same_words(segments[position], by_plain, unused)
        if entry is not None:
            stats.kept += 1
            new_entries[position] = entry
        else:
            still_pending.append(position)
    pending = still_pending
    resegmented = _resegmented(segments, pending, old_active, unused, catalog.lang)
    for position, entry in resegmented.items():
        new_entries[position] = entry
        stats.kept += 1
    pending = [position for position in pending if position not in resegmented]

    matcher = _FuzzyMatcher(old_active, unused) if choices is None else None
    revivable = {(entry.msgid): entry for entry in old_obsolete}
    for position in pending:
        segment = segments[position]
        entry = _revive(segment, revivable, old_obsolete)
        if entry is not None:
            stats.revived += 1
            new_entries[position] = entry
            continue
        found = matcher.take(segment) if matcher is not None else choices.get(position)  # type: ignore[union-attr]
        if found is not None:
            old = old_active[found[0]]
            if id(old) not in unused:
                raise _StaleChoices(position)
            del unused[id(old)]
            entry = _changed_entry(segment, old, found[1])
            if record is not None:
                record[position] = found
            stats.changed += 1
        else:
            entry = polib.POEntry(msgctxt=segment.id, msgid=segment.text, msgstr="")
            stats.new += 1
        new_entries[position] = entry

    active = []
    for segment, entry in zip(segments, new_entries, strict=True):
        assert entry is not None
        _describe_entry(entry, segment)
        active.append(entry)
    for entry in unused.values():
        if has_translation(entry):  # a plural entry's forms too
            entry.obsolete = True
            old_obsolete.append(entry)
            stats.obsoleted += 1
    catalog.po[:] = active + [entry for entry in old_obsolete if entry.obsolete]
    return stats


class _StaleChoices(Exception):
    """A replayed fuzzy match names an old entry that an earlier step of this merge already took."""


class _FuzzyMatcher:
    """The unused translated old entries grouped by document once, one :class:`DocumentPool` each."""

    def __init__(self, old_active: list[polib.POEntry], unused: dict[int, polib.POEntry]) -> None:
        self.members: dict[str, list[int]] = {}
        for number, entry in enumerate(old_active):
            if has_translation(entry) and id(entry) in unused:
                self.members.setdefault(_document_of(entry), []).append(number)
        self.texts = {document: [old_active[n].msgid for n in numbers] for document, numbers in self.members.items()}
        self.pools: dict[str, DocumentPool] = {}

    def take(self, segment: SourceSegment) -> tuple[int, float] | None:
        """The best unused old entry of the segment's document (position among the active ones, score)."""
        members = self.members.get(segment.document)
        if not members:
            return None
        pool = self.pools.get(segment.document)
        if pool is None:
            pool = self.pools[segment.document] = DocumentPool(self.texts[segment.document])
        found = pool.take_best(segment.text, FUZZY_CUTOFF)
        return None if found is None else (members[found[0]], found[1])


_MAX_PARTS = 12
"""At most this many sentences are taken as one old sentence cut anew (or joined anew)."""


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _resegmented(
    segments: list[SourceSegment],
    pending: list[int],
    old_active: list[polib.POEntry],
    unused: dict[int, polib.POEntry],
    lang: str,
) -> dict[int, polib.POEntry]:
    """New entries for pending segments whose English is old sentences cut or joined differently.

    Three cases, tried in this order for each run of consecutive pending segments of one document:
    an old sentence now cut into several (``vol. I. Contributions ...``), an old sentence that lost its label
    (``A. Introduction`` -> ``Introduction``, the label now kept out of the text) and old consecutive sentences
    now joined into one. The translation is never lost: it is cut, stripped of the same label or joined."""
    by_text: dict[tuple[str, str], polib.POEntry] = {}
    by_unlabelled: dict[tuple[str, str], polib.POEntry] = {}
    for entry in old_active:
        if id(entry) in unused and entry.msgstr:
            key = (_document_of(entry), _collapse(entry.msgid))
            by_text.setdefault(key, entry)
            label, rest = split_label(entry.msgid)
            if label:
                by_unlabelled.setdefault((key[0], _collapse(rest)), entry)
    by_document: dict[str, list[polib.POEntry]] = {}
    for entry in old_active:
        by_document.setdefault(_document_of(entry), []).append(entry)
    documents = {name: (entries, _starts_of(entries)) for name, entries in by_document.items()}
    found: dict[int, polib.POEntry] = {}
    waiting = set(pending)
    for position in pending:
        if position not in waiting:
            continue
        segment = segments[position]
        run = [position]
        while len(run) < _MAX_PARTS and run[-1] + 1 in waiting and segments[run[-1] + 1].document == segment.document:
            run.append(run[-1] + 1)
        for stop in range(len(run), 1, -1):
            parts = [segments[index] for index in run[:stop]]
            old = by_text.get((segment.document, _collapse(" ".join(part.text for part in parts))))
            if old is not None and id(old) in unused:
                del unused[id(old)]
                for index, entry in zip(run[:stop], _cut(old, parts, lang), strict=True):
                    found[index] = entry
                    waiting.discard(index)
                break
        if position not in waiting:
            continue
        old = by_unlabelled.get((segment.document, _collapse(segment.text)))
        if old is not None and id(old) in unused:
            del unused[id(old)]
            found[position] = _unlabelled(old, segment, lang)
            waiting.discard(position)
            continue
        joined = _joined_run(segment, documents, unused)
        if joined:
            for entry in joined:
                del unused[id(entry)]
            found[position] = _join(joined, segment, lang)
            waiting.discard(position)
    return found


def _carry(old: polib.POEntry, segment: SourceSegment, text: str, keep_state: bool) -> polib.POEntry:
    """A new entry for ``segment`` with ``text`` and the old entry's comments and flags; a draft showing the old
    English unless ``keep_state``."""
    entry = polib.POEntry(
        msgctxt=segment.id,
        msgid=segment.text,
        msgstr=text,
        tcomment=old.tcomment,
        flags=[flag for flag in old.flags if not flag.startswith("hx-")] if not keep_state else list(old.flags),
    )
    if not text:
        entry.fuzzy = False
        return entry
    if not keep_state:
        entry.previous_msgid = old.msgid
        entry.previous_msgctxt = old.msgctxt
        was = state_of(old)
        entry.fuzzy = True
        set_meta(entry, "review", None)
        set_meta(
            entry,
            "provenance",
            Provenance(origin="previous-source", score=100.0, at=now_iso(), by=None).to_dict()
            | {"previous_state": was.value},
        )
    return entry


def _cut(old: polib.POEntry, parts: list[SourceSegment], lang: str) -> list[polib.POEntry]:
    """An old sentence now cut into ``parts``: its translation cut the same way by the target language's rules
    (each part keeps the old state), or, when the cuts do not correspond, all of it on the first part (a draft)
    and nothing on the others."""
    pieces = split_sentences(old.msgstr, lang)
    if len(pieces) == len(parts):
        return [_carry(old, part, piece, keep_state=True) for part, piece in zip(parts, pieces, strict=True)]
    return [_carry(old, parts[0], old.msgstr, keep_state=False)] + [
        polib.POEntry(msgctxt=part.id, msgid=part.text, msgstr="") for part in parts[1:]
    ]


def _unlabelled(old: polib.POEntry, segment: SourceSegment, lang: str) -> polib.POEntry:
    """An old sentence whose label is now kept out of the text: the translation loses the same label."""
    label = split_label(old.msgid)[0]
    target_label, rest = split_label(old.msgstr)
    if target_label == label:
        return _carry(old, segment, rest, keep_state=True)
    return _carry(old, segment, old.msgstr, keep_state=False)


_SENTENCE_END_IN = re.compile(rf"[.!?…][\"'”’»)\]]*(?:{FOOTNOTE_PATTERN})*(?= )")


def _joined_run(
    segment: SourceSegment,
    documents: dict[str, tuple[list[polib.POEntry], dict[str, int]]],
    unused: dict[int, polib.POEntry],
) -> list[polib.POEntry]:
    """Consecutive unused old sentences of the segment's document whose English joined is the segment's: the
    first one ends where a sentence of the segment may end (each such place is looked up, not every entry)."""
    wanted = _collapse(segment.text)
    entries, starts = documents.get(segment.document, ([], {}))
    for end in _SENTENCE_END_IN.finditer(wanted):
        first = starts.get(wanted[: end.end()])
        if first is None:
            continue
        text = ""
        for last in range(first, min(first + _MAX_PARTS, len(entries))):
            if id(entries[last]) not in unused:
                break
            text = _collapse(f"{text} {entries[last].msgid}")
            if text == wanted:
                run = entries[first : last + 1]
                return run if any(part.msgstr for part in run) else []
            if not wanted.startswith(text):
                break
    return []


def _starts_of(entries: list[polib.POEntry]) -> dict[str, int]:
    """An old document's sentences (collapsed) -> their position in it."""
    found: dict[str, int] = {}
    for position, entry in enumerate(entries):
        found.setdefault(_collapse(entry.msgid), position)
    return found


def _join(old: list[polib.POEntry], segment: SourceSegment, lang: str) -> polib.POEntry:
    """Old consecutive sentences now one: their translations joined; the state kept when they all had it and
    all were translated."""
    text = join_sentences([entry.msgstr for entry in old], lang)
    same = len({state_of(entry) for entry in old}) == 1 and all(entry.msgstr for entry in old)
    return _carry(old[0], segment, text, keep_state=same)


def _document_of(entry: polib.POEntry) -> str:
    try:
        return split_segment_id(entry.msgctxt or "")[0]
    except ValueError:
        return ""


def _exact_match(
    segment: SourceSegment,
    by_id: dict[str | None, polib.POEntry],
    by_text: dict[tuple[str, str], list[polib.POEntry]],
    unused: dict[int, polib.POEntry],
) -> polib.POEntry | None:
    """The old entry with the same English: same id first, then the same sentence elsewhere in the document."""
    entry = by_id.get(segment.id)
    if entry is not None and entry.msgid == segment.text and id(entry) in unused:
        del unused[id(entry)]
        return entry
    for candidate in by_text.get((segment.document, segment.text), []):
        if id(candidate) in unused:
            del unused[id(candidate)]
            candidate.msgctxt = segment.id
            return candidate
    return None


def _same_words(
    segment: SourceSegment, by_plain: dict[tuple[str, str], list[polib.POEntry]], unused: dict[int, polib.POEntry]
) -> polib.POEntry | None:
    """The old entry with the same words and other inline placeholders (formatting added, removed or moved, or
    a catalog made before placeholders existed): it keeps its translation and state under the new English."""
    for candidate in by_plain.get((segment.document, strip_tags(segment.text)), []):
        if id(candidate) in unused:
            del unused[id(candidate)]
            candidate.msgctxt = segment.id
            candidate.msgid = segment.text
            if not has_tags(segment.text):
                candidate.msgstr = strip_tags(candidate.msgstr)
            return candidate
    return None


def _revive(
    segment: SourceSegment, revivable: dict[str, polib.POEntry], obsolete: list[polib.POEntry]
) -> polib.POEntry | None:
    """An obsolete entry whose English is back."""
    entry = revivable.pop(segment.text, None)
    if entry is None or not entry.obsolete:
        return None
    entry.obsolete = False
    entry.msgctxt = segment.id
    obsolete.remove(entry)
    return entry


def _changed_entry(segment: SourceSegment, old: polib.POEntry, score: float) -> polib.POEntry:
    """The old entry's translation for the changed sentence, as a fuzzy draft showing the previous English."""
    entry = polib.POEntry(
        msgctxt=segment.id,
        msgid=segment.text,
        msgstr=old.msgstr,
        tcomment=old.tcomment,
        flags=[flag for flag in old.flags if not flag.startswith("hx-")],
        previous_msgid=old.msgid,
        previous_msgctxt=old.msgctxt,
    )
    if old.msgid_plural:  # a plural entry's forms travel with it (the English plural shown as it was)
        entry.msgid_plural = old.msgid_plural
        entry.msgstr_plural = dict(old.msgstr_plural)
        entry.previous_msgid_plural = old.msgid_plural
    was = state_of(old)
    entry.fuzzy = True
    set_meta(entry, "review", None)
    set_meta(
        entry,
        "provenance",
        Provenance(origin="previous-source", score=round(score, 1), at=now_iso(), by=None).to_dict()
        | {"previous_state": was.value},
    )
    if was is SegmentState.UNTRANSLATED:
        entry.fuzzy = False
    return entry


def _describe_entry(entry: polib.POEntry, segment: SourceSegment) -> None:
    entry.occurrences = [(segment.reference, str(segment.line))] if segment.line else [(segment.reference, "")]
    entry.comment = segment.description
