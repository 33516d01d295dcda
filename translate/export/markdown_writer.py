"""The translated report as Markdown, rebuilt from the source's structure (any source format).

Headings become ``#`` lines at their level, list items keep their labels (``-`` for bullets, ``1.``,
``(a)`` as printed) and nesting, quotes become ``>``, DOCX table cells become a pipe table per table,
footnotes become ``[^N]: text`` definitions at the end. Markdown inline markup written in a Markdown
source travels inside the segments, so it comes back as it was.

Marks: ``[DRAFT]`` before a sentence that is not approved yet (only with ``--include-drafts``), ``[EN]``
before an English stand-in for a sentence without an approved translation. Arabic output is wrapped in
``<div dir="rtl">`` so that Markdown viewers that render HTML show it right to left.
"""

from __future__ import annotations

import re
from pathlib import Path

from translate.export.content import Piece, TranslatedParagraph, separators
from translate.fileio import atomic_write_text
from translate.formats.inline import InlineCode, find_tags, has_tags
from translate.lang import get_language
from translate.patterns import FOOTNOTE_MARKER

MARKS = {"draft": "[DRAFT] ", "source": "[EN] ", "approved": ""}
_TABLE_LOCATOR = re.compile(r"^t(\d+)\.(\d+)\.(\d+)\.(\d+)$")
_BULLETS = {"•", "-", "*", "+", "◦", "▪", "–"}


def marked_text(pieces: list[Piece], lang: str, codes: dict[str, InlineCode] | None = None) -> str:
    """The paragraph's text with the draft and English marks, placeholders as Markdown formatting."""
    return "".join(
        separator + MARKS[piece.kind] + inline_markdown(piece.text.strip(), codes or {})
        for separator, piece in zip(separators(pieces, lang), pieces, strict=True)
    )


_MARKUP = {"b": ("**", "**"), "i": ("*", "*"), "s": ("~~", "~~"), "u": ("<u>", "</u>")}
_MARKUP |= {"sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>")}


def inline_markdown(text: str, codes: dict[str, InlineCode]) -> str:
    """Placeholders as Markdown: ``*italic*``, ``**bold**``, ``[link](url)``, ``<sup>``; white space at the
    inner edge of a pair moves outside it (``*word *`` is not emphasis in CommonMark)."""
    if not has_tags(text):
        return text
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"<([1-9][0-9]{0,2})>(\s+)", r"\2<\1>", text)
        text = re.sub(r"(\s+)</([1-9][0-9]{0,2})>", r"</\2>\1", text)
    output: list[str] = []
    position = 0
    for tag in find_tags(text):
        output.append(text[position : tag.start])
        position = tag.end
        code = codes.get(tag.id)
        if code is None:
            continue
        if code.kind == "link":
            output.append("[" if tag.kind == "open" else f"]({code.attrs.get('href', '')})")
        elif code.kind in _MARKUP and tag.kind != "standalone":
            output.append(_MARKUP[code.kind][0 if tag.kind == "open" else 1])
        elif tag.kind == "standalone":
            output.append(code.attrs.get("text", "<br>" if code.kind == "break" else ""))
    output.append(text[position:])
    return "".join(output)


def render_markdown(documents: list[list[TranslatedParagraph]], lang: str) -> str:
    """One Markdown text for the given documents, in order."""
    blocks: list[str] = []
    used: set[str] = set()
    for paragraphs in documents:
        labels = _footnote_labels(paragraphs, used)
        blocks.extend(_relabel(block, labels) for block in _document_blocks(paragraphs, lang))
    text = "\n\n".join(block for block in blocks if block) + "\n"
    if get_language(lang).is_rtl:
        text = f'<div dir="rtl" lang="{lang}">\n\n{text}\n</div>\n'
    return text


def _footnote_labels(paragraphs: list[TranslatedParagraph], used: set[str]) -> dict[str, str]:
    """Footnote labels of one document in the combined output: numbers go on from the documents before
    (as a word processor prints them: the annex's first footnote after the report's three is 4); a
    non-numeric label is renamed (``note`` -> ``note-b``) where an earlier document used it."""
    labels: dict[str, str] = {}
    numbered = sum(1 for label in used if label.isdigit())
    for translated in paragraphs:
        label = translated.paragraph.footnote_id
        if translated.paragraph.kind != "footnote" or not label:
            continue
        if label.isdigit():
            numbered += 1
            used.add(str(numbered))
            labels[label] = str(numbered)
            continue
        new, suffix = label, 1
        while new in used:
            new, suffix = f"{label}-{chr(ord('a') + suffix)}", suffix + 1
        used.add(new)
        labels[label] = new
    return labels


def _relabel(block: str, labels: dict[str, str]) -> str:
    if not any(key != value for key, value in labels.items()):
        return block
    return FOOTNOTE_MARKER.sub(lambda m: f"[^{labels.get(m.group(1), m.group(1))}]", block)


def write_markdown(documents: list[list[TranslatedParagraph]], lang: str, output: Path) -> None:
    atomic_write_text(output, render_markdown(documents, lang))


def _document_blocks(paragraphs: list[TranslatedParagraph], lang: str) -> list[str]:
    blocks: list[str] = []
    footnotes: list[str] = []
    table: dict[tuple[int, int], list[str]] = {}
    table_id: str | None = None
    row_of: dict[str, int] = {}
    for translated in paragraphs:
        paragraph = translated.paragraph
        text = marked_text(translated.pieces, lang, paragraph.codes)
        cell = _cell(paragraph.locator, row_of, table) if paragraph.kind == "table-cell" else None
        if table and (cell is None or cell[0] != table_id):
            blocks.append(_pipe_table(table))
            table, row_of = {}, {}
            if cell is not None:
                cell = _cell(paragraph.locator, row_of, table)
        if cell is not None:
            table_id = cell[0]
            table.setdefault(cell[1:], []).append(text)
        elif paragraph.kind == "footnote":
            footnotes.append(f"[^{paragraph.footnote_id}]: {text}")
        else:
            blocks.append(_block(paragraph.kind, paragraph.level, translated.label, text))
    if table:
        blocks.append(_pipe_table(table))
    if footnotes:
        blocks.append("\n".join(footnotes))
    return blocks


def _cell(locator: str, row_of: dict[str, int], table: dict[tuple[int, int], list[str]]) -> tuple[str, int, int]:
    """(table, row, column) of a table cell: from a DOCX locator ``t<t>.<r>.<c>.<p>``, or for a Markdown
    table (every cell of a row shares the row's line locator ``l<n>``) by counting rows and cells."""
    match = _TABLE_LOCATOR.match(locator)
    if match:
        return match.group(1), int(match.group(2)), int(match.group(3))
    row = row_of.setdefault(locator, len(row_of))
    column = sum(1 for (r, _) in table if r == row)
    return "md", row, column


def _block(kind: str, level: int, label: str, text: str) -> str:
    if kind == "title":
        return f"# {text}"
    if kind == "heading":
        return f"{'#' * min(max(level, 1), 6)} {label + ' ' if label else ''}{text}"
    if kind == "quote":
        return f"> {text}"
    if kind == "list-item":
        indent = "   " * max(level, 0)
        if not label or label in _BULLETS:
            return f"{indent}- {text}"
        if re.fullmatch(r"\d{1,9}[.)]", label):
            return f"{indent}{label} {text}"
        return f"{indent}{_escape_label(label)} {text}"
    return text


def _escape_label(label: str) -> str:
    """A label such as ``(a)`` or ``12.`` printed as text, not turned into a Markdown list."""
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", label)


def _pipe_table(cells: dict[tuple[int, int], list[str]]) -> str:
    rows = max(row for row, _ in cells) + 1
    columns = max(column for _, column in cells) + 1
    lines = []
    for row in range(rows):
        values = [" ".join(cells.get((row, column), [])).replace("|", "\\|") for column in range(columns)]
        lines.append("| " + " | ".join(values) + " |")
        if row == 0:
            lines.append("|" + "---|" * columns)
    return "\n".join(lines)
