"""Markdown sources (CommonMark via markdown-it-py, footnotes via mdit-py-plugins).

Headings, paragraphs, ordered and bullet list items (their numbers become labels), block quotes, table
cells and footnote definitions become paragraphs. Inline markup stays in the text as written, so that
``**emphasis**`` and ``[^1]`` travel with the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from translate.formats import read_utf8
from translate.formats.document import Paragraph, ParagraphKind, SourceDocument, document_name
from translate.segmentation import split_label


@dataclass
class _Context:
    kind: ParagraphKind = "paragraph"
    label: str = ""
    level: int = 0
    style: str = "paragraph"
    footnote_id: str | None = None


def read(path: Path) -> SourceDocument:
    text = read_utf8(path)
    parser = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    tokens = parser.parse(text)
    document = SourceDocument(path=path, name=document_name(path), format="markdown")
    _walk(tokens, document)
    return document


def _walk(tokens: list[Token], document: SourceDocument) -> None:
    stack: list[_Context] = [_Context()]
    list_depth = 0
    pending_label = ""
    last_line = 0
    for position, token in enumerate(tokens):
        kind = token.type
        if token.map:
            last_line = token.map[0] + 1
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            pending_label = f"{token.info}{token.markup}" if token.info else token.markup
            stack.append(_Context("list-item", "", list_depth - 1, "list-item"))
        elif kind == "blockquote_open":
            stack.append(_Context("quote", style="blockquote"))
        elif kind == "footnote_open":
            label = str((token.meta or {}).get("label", ""))
            stack.append(_Context("footnote", style="footnote", footnote_id=label))
        elif kind in ("th_open", "td_open"):
            stack.append(_Context("table-cell", style="table-cell"))
        elif kind in ("list_item_close", "blockquote_close", "footnote_close", "th_close", "td_close"):
            stack.pop()
        elif kind == "heading_open":
            level = int(token.tag[1])
            heading = _Context("heading", level=level, style=f"heading {level}")
            _add(document, tokens[position + 1], heading, last_line)
        elif kind == "inline" and tokens[position - 1].type in ("paragraph_open", "th_open", "td_open"):
            context = stack[-1]
            label = pending_label if context.kind == "list-item" else ""
            pending_label = ""
            _add(document, token, context, last_line, label)


def _add(document: SourceDocument, inline: Token, context: _Context, line: int, label: str = "") -> None:
    text = " ".join(inline.content.split())
    if not text:
        return
    kind = context.kind
    if not label and kind in ("paragraph", "list-item"):
        label, text = split_label(text)
        if label and kind == "paragraph":
            kind = "list-item"
    document.paragraphs.append(
        Paragraph(
            text=text,
            kind=kind,
            level=context.level,
            label=label,
            style=context.style,
            locator=f"l{line}",
            line=line,
            footnote_id=context.footnote_id,
        )
    )
