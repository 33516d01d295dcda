"""PDF sources, read through poppler's ``pdftotext -bbox-layout`` (Debian package ``poppler-utils``).

pdftotext groups the words of each page into blocks, which are the paragraphs of a typeset document. Page
numbers and running heads or feet (the same short text on three pages or more) are dropped; a word broken by a
hyphen at a line end is joined; a paragraph cut by a page break is joined when it ends without a full stop and
the next page's first block starts in lower case. Labels ("12.", "(a)") are kept apart as in the other readers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from translate import xmlsafe
from translate.errors import BadInputError
from translate.formats.document import Paragraph, SourceDocument, document_name
from translate.segmentation import split_label

TIMEOUT_SECONDS = 120
_XHTML = "{http://www.w3.org/1999/xhtml}"
_PAGE_NUMBER = re.compile(r"^[\s\-–—]*(?:\d{1,4}|[ivxlcIVXLC]{1,6})[\s\-–—]*$")
_ENDS_SENTENCE = re.compile(r"[.!?:;。！？»”)\]]\s*$")


def read(path: Path) -> SourceDocument:
    pages = _pages(_bbox_layout(path), path)
    document = SourceDocument(path=path, name=document_name(path), format="pdf")
    repeated = _running_text(pages)
    blocks: list[tuple[int, str]] = []
    for number, page in enumerate(pages, start=1):
        for position, text in enumerate(page):
            if _PAGE_NUMBER.match(text) or text in repeated:
                continue
            if position == 0 and blocks and _continues(blocks[-1][1], text):
                blocks[-1] = (blocks[-1][0], f"{blocks[-1][1]} {text}")
                continue
            blocks.append((number, text))
    for index, (page, text) in enumerate(blocks, start=1):
        label, body = split_label(text)
        kind = "list-item" if label else "paragraph"
        document.paragraphs.append(Paragraph(text=body, kind=kind, label=label, locator=f"page{page}", line=index))
    return document


def _bbox_layout(path: Path) -> bytes:
    program = shutil.which("pdftotext")
    if program is None:
        raise BadInputError(path, "reading PDF needs pdftotext (Debian package poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="hexaglot-pdf-") as scratch:
        output = Path(scratch) / "layout.html"
        try:
            result = subprocess.run(
                [program, "-enc", "UTF-8", "-bbox-layout", "-q", str(path), str(output)],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise BadInputError(path, f"pdftotext took longer than {TIMEOUT_SECONDS} s") from None
        if result.returncode != 0 or not output.is_file():
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise BadInputError(path, f"not a readable PDF ({message[-1] if message else 'pdftotext failed'})")
        return output.read_bytes()


def _pages(layout: bytes, path: Path) -> list[list[str]]:
    try:
        root = xmlsafe.parse_bytes(layout, path)
    except BadInputError as error:
        raise BadInputError(path, f"pdftotext gave unreadable output ({error.problem})") from None
    pages = []
    for page in root.iter(f"{_XHTML}page"):
        blocks = []
        for block in page.iter(f"{_XHTML}block"):
            lines = [
                " ".join(word.text or "" for word in line.iter(f"{_XHTML}word")) for line in block.iter(f"{_XHTML}line")
            ]
            text = _join_lines([line for line in lines if line.strip()])
            if text:
                blocks.append(text)
        pages.append(blocks)
    return pages


def _join_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        line = line.strip()
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return " ".join(text.split())


def _running_text(pages: list[list[str]]) -> frozenset[str]:
    """Short texts that appear on three pages or more: running heads and feet."""
    if len(pages) < 3:
        return frozenset()
    counts = Counter(text for page in pages for text in set(page) if len(text) <= 120)
    return frozenset(text for text, count in counts.items() if count >= 3)


def _continues(previous: str, text: str) -> bool:
    """A paragraph cut by a page break: no full stop before it, lower case after it."""
    return not _ENDS_SENTENCE.search(previous) and text[:1].islower()
