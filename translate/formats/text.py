"""Plain text sources: paragraphs are separated by blank lines; "12." and "(a)" labels are recognised."""

from __future__ import annotations

from pathlib import Path

from translate.formats.document import Paragraph, SourceDocument, document_name
from translate.segmentation import split_label
from translate.utf8 import read_utf8


def read(path: Path) -> SourceDocument:
    document = SourceDocument(path=path, name=document_name(path), format="text")
    block: list[str] = []
    block_line = 0
    for number, line in enumerate(read_utf8(path).splitlines(), start=1):
        if line.strip():
            if not block:
                block_line = number
            block.append(line.strip())
            continue
        _flush(document, block, block_line)
        block = []
    _flush(document, block, block_line)
    return document


def _flush(document: SourceDocument, lines: list[str], line: int) -> None:
    if not lines:
        return
    label, text = split_label(" ".join(lines))
    kind = "list-item" if label else "paragraph"
    document.paragraphs.append(Paragraph(text=text, kind=kind, label=label, locator=f"l{line}", line=line))
