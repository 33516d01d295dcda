"""Markdown sources (CommonMark via markdown-it-py, footnotes via mdit-py-plugins).

Headings, paragraphs, ordered and bullet list items (their numbers become labels), block quotes, table
cells and footnote definitions become paragraphs. Inline formatting becomes placeholders, as in every
format (:mod:`translate.formats.inline`): ``*emphasis*``, ``**strong**``, ``[links](url)`` and the HTML
``<sup>``, ``<sub>``, ``<u>`` pairs; footnote references stay ``[^1]``. A paragraph without such formatting
keeps its text exactly as written (code spans, escapes and all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from translate.formats.document import Paragraph, ParagraphKind, SourceDocument, document_name
from translate.formats.inline import InlineCode
from translate.segmentation import split_label
from translate.utf8 import read_utf8


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


_PAIRED = {"em_open": "i", "strong_open": "b", "s_open": "s", "link_open": "link"}
_CLOSING = {"em_close", "strong_close", "s_close", "link_close"}
_HTML_PAIRS = {"sup": "sup", "sub": "sub", "u": "u", "b": "b", "i": "i", "em": "i", "strong": "b"}
_HTML_TAG = re.compile(r"^<(/?)([a-z]+)\s*>$", re.IGNORECASE)


def inline_content(inline: Token) -> tuple[str, dict[str, InlineCode]]:
    """The text of an inline token with placeholders for its formatting, and what they stand for."""
    children = inline.children or []
    if not any(child.type in _PAIRED or _html_pair(child) for child in children):
        return " ".join(inline.content.split()), {}
    parts: list[str] = []
    codes: dict[str, InlineCode] = {}
    stack: list[str] = []
    autolink = False
    for child in children:
        kind = child.type
        if autolink:
            autolink = kind != "link_close"
            continue
        if kind == "link_open" and child.markup == "autolink":
            parts.append(f"<{child.attrGet('href')}>")
            autolink = True
        elif kind in _PAIRED or ((html := _html_pair(child)) and not html[0]):
            code_kind = _PAIRED[kind] if kind in _PAIRED else html[1]
            tag_id = str(len(codes) + 1)
            attrs = {"href": str(child.attrGet("href"))} if code_kind == "link" else {}
            codes[tag_id] = InlineCode(tag_id, code_kind, attrs)
            stack.append(tag_id)
            parts.append(f"<{tag_id}>")
        elif (kind in _CLOSING or _html_pair(child)) and stack:
            parts.append(f"</{stack.pop()}>")
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "code_inline":
            parts.append(f"{child.markup}{child.content}{child.markup}")
        elif kind == "footnote_ref":
            parts.append(f"[^{(child.meta or {}).get('label', '')}]")
        else:
            parts.append(child.content)
    parts.extend(f"</{tag_id}>" for tag_id in reversed(stack))
    return " ".join("".join(parts).split()), codes


def _html_pair(token: Token) -> tuple[bool, str] | None:
    """(closing, kind) of an inline HTML tag hexaglot turns into a placeholder (``<sup>``, ``</sup>`` ...)."""
    if token.type != "html_inline":
        return None
    match = _HTML_TAG.match(token.content.strip())
    if match is None or match.group(2).lower() not in _HTML_PAIRS:
        return None
    return bool(match.group(1)), _HTML_PAIRS[match.group(2).lower()]


def _add(document: SourceDocument, inline: Token, context: _Context, line: int, label: str = "") -> None:
    text, codes = inline_content(inline)
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
            codes=codes,
        )
    )
