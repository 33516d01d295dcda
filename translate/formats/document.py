"""The structure every source reader produces: a document as an ordered list of paragraphs.

Readers (``formats/docx.py``, ``formats/markdown.py``, ``formats/text.py``) turn a source file into a
:class:`SourceDocument`; the importer splits each paragraph into sentence segments whose ids are
``<document>:<paragraph key>:<n>`` (n from 1), and the exporter puts translations back paragraph by paragraph.

Footnote references inside paragraph text are written ``[^N]`` (the Markdown footnote syntax) whatever the
source format, so that checks and MT treat them alike; a footnote's own text is a paragraph of kind
``footnote`` with ``footnote_id`` N.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from translate.formats.inline import InlineCode

ParagraphKind = Literal["title", "heading", "paragraph", "list-item", "footnote", "table-cell", "quote"]


@dataclass
class Paragraph:
    """One translatable paragraph of a source document."""

    text: str
    kind: ParagraphKind = "paragraph"
    level: int = 0
    """Heading level (1 = top) or list nesting level (0 = top)."""
    label: str = ""
    """The paragraph's number or list label as printed ("12.", "(a)", "•"), kept out of the text."""
    style: str = ""
    """The source style name (DOCX paragraph style, Markdown construct)."""
    locator: str = ""
    """Where it is in the source: "p17" (17th body paragraph), "fn3" (footnote 3), "l42" (line 42)."""
    line: int = 0
    """1-based line (text, Markdown) or paragraph number (DOCX), for #: references and findings."""
    footnote_id: str | None = None
    """A footnote's printed number (as its ``[^N]`` markers in the text)."""
    codes: dict[str, InlineCode] = field(default_factory=dict)
    """What the inline placeholders of ``text`` stand for (see :mod:`translate.formats.inline`)."""
    key: str = ""
    """Stable key: a hash of kind and text, with -2, -3 for repeats; filled by :func:`assign_keys`."""


@dataclass
class SourceDocument:
    """A source file read into paragraphs."""

    path: Path
    name: str
    """The document id used in segment ids: the file name without suffix, lower-case, [a-z0-9-]."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    format: str = ""


def document_name(path: Path) -> str:
    """``sources/Chapter 1 - Overview.docx`` -> ``chapter-1-overview``."""
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return stem or "document"


def paragraph_key(paragraph: Paragraph) -> str:
    """Eight hex digits from the paragraph's kind and whitespace-normalised text: stable across other edits."""
    normalised = " ".join(paragraph.text.split())
    digest = hashlib.sha1(f"{paragraph.kind}\x1f{normalised}".encode()).hexdigest()
    return digest[:8]


def assign_keys(document: SourceDocument) -> SourceDocument:
    """Give every paragraph its stable key; identical paragraphs get ``-2``, ``-3`` in document order."""
    seen: dict[str, int] = {}
    for paragraph in document.paragraphs:
        base = paragraph_key(paragraph)
        seen[base] = seen.get(base, 0) + 1
        paragraph.key = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return document


def segment_id(document: str, key: str, n: int) -> str:
    """The msgctxt of the n-th sentence (from 1) of a paragraph."""
    return f"{document}:{key}:{n}"


def split_segment_id(value: str) -> tuple[str, str, int]:
    """Inverse of :func:`segment_id`."""
    document, key, n = value.rsplit(":", 2)
    return document, key, int(n)
