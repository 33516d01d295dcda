"""What goes into an exported document: each source paragraph with its segments' text and how sure it is.

A segment of the translated report is one of three kinds of :class:`Piece`:

* ``approved``: the approved translation;
* ``draft``: a translation not yet approved (draft, translated or rejected), only with ``include_drafts``;
* ``source``: the English source, standing in for a segment that has no (approved) translation.

Writers mark ``draft`` and ``source`` pieces visibly (highlighted runs in DOCX, ``[DRAFT]`` / ``[EN]`` in
Markdown), so an unfinished report can never pass for a finished one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

import polib

from translate.catalog import SegmentState, count_words, state_of
from translate.errors import BadInputError
from translate.formats.document import Paragraph, SourceDocument, segment_id
from translate.formats.inline import renumber
from translate.importer import paragraph_segments, read_workflow_documents
from translate.lang.base import LabelStyle
from translate.segmentation import join_sentences
from translate.workflow import Workflow

PieceKind = Literal["approved", "draft", "source"]
DRAFT_STATES = (SegmentState.DRAFT, SegmentState.TRANSLATED, SegmentState.REJECTED)


@dataclass(frozen=True)
class Piece:
    """One sentence of the output and where its text comes from."""

    text: str
    kind: PieceKind
    segment: str


@dataclass
class TranslatedParagraph:
    paragraph: Paragraph
    pieces: list[Piece]
    """The paragraph's segments; placeholders in their text carry the paragraph's ids (``paragraph.codes``)."""
    label: str = ""
    """The label as the target language prints it (``1 -``, ``(أ)``); the source's label when not localized."""

    def text(self, lang: str) -> str:
        """The paragraph's output text, sentences joined the way ``lang`` joins them."""
        return join_pieces(self.pieces, lang)


@dataclass
class ExportCounts:
    """How complete an export is, in segments and English source words."""

    approved: int = 0
    drafts: int = 0
    source: int = 0
    words_approved: int = 0
    words_total: int = 0
    documents: list[str] = field(default_factory=list)

    def add(self, piece: Piece, words: int) -> None:
        self.words_total += words
        if piece.kind == "approved":
            self.approved += 1
            self.words_approved += words
        elif piece.kind == "draft":
            self.drafts += 1
        else:
            self.source += 1


def separators(pieces: list[Piece], lang: str) -> list[str]:
    """What goes before each piece: nothing before the first, then a space (none in Chinese, except next to
    an English stand-in)."""
    between = join_sentences(["a", "b"], lang)[1:-1]
    result = [""]
    for before, piece in itertools.pairwise(pieces):
        result.append(" " if "source" in (before.kind, piece.kind) else between)
    return result


def join_pieces(pieces: list[Piece], lang: str) -> str:
    """The pieces as one paragraph of text."""
    return "".join(sep + piece.text.strip() for sep, piece in zip(separators(pieces, lang), pieces, strict=True))


def workflow_documents(workflow: Workflow) -> list[SourceDocument]:
    """The workflow's sources read as the importer reads them (same document names, same paragraph keys)."""
    return read_workflow_documents(workflow)


def pick_documents(documents: list[SourceDocument], wanted: str | None) -> list[SourceDocument]:
    """The documents an export covers: ``wanted`` (a document name or file name), else all of them."""
    if wanted:
        chosen = [doc for doc in documents if wanted in (doc.name, doc.path.name, doc.path.stem)]
        if not chosen:
            names = ", ".join(doc.name for doc in documents) or "none"
            raise BadInputError(wanted, f"no such source document in this workflow (documents: {names})")
        return chosen
    return documents


def piece_for(entry: polib.POEntry | None, source: str, sid: str, include_drafts: bool) -> Piece:
    """The output of one segment under the export rule (approved only, or with drafts)."""
    if entry is None or entry.msgid != source:
        return Piece(source, "source", sid)
    state = state_of(entry)
    if state is SegmentState.APPROVED:
        return Piece(entry.msgstr, "approved", sid)
    if include_drafts and state in DRAFT_STATES and entry.msgstr:
        return Piece(entry.msgstr, "draft", sid)
    return Piece(source, "source", sid)


def translate_document(
    document: SourceDocument, index: dict[str, polib.POEntry], include_drafts: bool, counts: ExportCounts | None = None
) -> list[TranslatedParagraph]:
    """Every paragraph of ``document`` with its pieces, segment ids computed exactly as the importer does."""
    result = []
    for paragraph in document.paragraphs:
        pieces = []
        for n, (sentence, numbers) in enumerate(paragraph_segments(paragraph), start=1):
            sid = segment_id(document.name, paragraph.key, n)
            piece = piece_for(index.get(sid), sentence, sid, include_drafts)
            if numbers:
                piece = Piece(renumber(piece.text, numbers), piece.kind, piece.segment)
            pieces.append(piece)
            if counts is not None:
                counts.add(piece, count_words(sentence))
        result.append(TranslatedParagraph(paragraph, pieces, paragraph.label))
    if counts is not None:
        counts.documents.append(document.name)
    return result


def localize_labels(paragraphs: list[TranslatedParagraph], style: LabelStyle | None) -> None:
    """Set each paragraph's output label in ``style`` (None keeps the source's labels)."""
    previous_letter = ""
    for translated in paragraphs:
        label = translated.paragraph.label
        if style is None or not label:
            continue
        translated.label = style.localize(label, previous_letter)
        if "(" in label or label.endswith(")"):
            previous_letter = label
