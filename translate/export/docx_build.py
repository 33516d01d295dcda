"""A source that is not the DOCX template (a Markdown annex, a text file, a second DOCX) written into the DOCX.

Each paragraph becomes a Word paragraph in the template's own styles, found by name: the title ``Title``,
headings ``Heading N``, list items with their (localized) label as text, a tab and a hanging indent, quotes
``Quote``, other paragraphs the template's body-text style; table cells a table; footnotes real Word
footnotes (``Footnote Text``, the reference in ``Footnote Reference`` or superscript), numbered on from the
document's. Inline placeholders come back as formatting and hyperlinks as in the template's paragraphs.
"""

from __future__ import annotations

import re

from lxml import etree

from translate.export.content import TranslatedParagraph
from translate.export.docx_writer import (
    _W,
    PPR_ORDER,
    RPR_ORDER,
    WriteContext,
    _element,
    _new,
    _set_child,
    append_pieces,
    make_run,
    put_child,
)
from translate.patterns import FOOTNOTE_MARKER

_TABLE_LOCATOR = re.compile(r"^t(\d+)\.(\d+)\.(\d+)\.(\d+)$")
_BULLETS = {"•", "-", "*", "+", "◦", "▪", "–"}
INDENT = 567
"""Twips per list level (1 cm)."""


def clear_body(word: object) -> None:
    """Empty python-docx's default template (keeps the section properties)."""
    body = word.element.body  # type: ignore[attr-defined]
    for child in list(body):
        if child.tag != f"{_W}sectPr":
            body.remove(child)


def add_document(
    context: WriteContext, paragraphs: list[TranslatedParagraph], anchor: etree._Element | None, page_break: bool
) -> None:
    """Add one translated document's paragraphs before ``anchor`` (or at the end of the body)."""
    body = context.word.element.body
    section = body.find(f"{_W}sectPr")

    def insert(element: etree._Element) -> None:
        if anchor is not None:
            anchor.addprevious(element)
        elif section is not None and section.getparent() is body:
            section.addprevious(element)
        else:
            body.append(element)

    if page_break and anchor is None:
        insert(_page_break())
    _add_footnotes(context, [p for p in paragraphs if p.paragraph.kind == "footnote"])
    table: etree._Element | None = None
    table_key: str | None = None
    row_of: dict[str, int] = {}
    for translated in paragraphs:
        paragraph = translated.paragraph
        if paragraph.kind == "footnote":
            continue
        if paragraph.kind == "table-cell":
            key, row, column = _cell(paragraph.locator, row_of, table_key)
            if table is None or key != table_key:
                table, table_key, row_of = _new_table(), key, {}
                key, row, column = _cell(paragraph.locator, row_of, table_key)
                insert(table)
            _table_cell(table, row, column).append(_paragraph(context, translated))
            continue
        table = None
        insert(_paragraph(context, translated))
    if page_break and anchor is not None:
        insert(_page_break())


def _paragraph(context: WriteContext, translated: TranslatedParagraph) -> etree._Element:
    paragraph = translated.paragraph
    element = _new("p")
    ppr = _new("pPr")
    element.append(ppr)
    style = _paragraph_style(context, paragraph.kind, paragraph.level)
    if style:
        _set_child(ppr, "pStyle", PPR_ORDER, {"val": style})
        numbering = _set_child(ppr, "numPr", PPR_ORDER)  # no automatic number from the style: labels are text
        numbering.append(_element("ilvl", val="0"))
        numbering.append(_element("numId", val="0"))
    label = translated.label
    if paragraph.kind == "list-item" or label:
        indent = INDENT * (max(paragraph.level, 0) + 1)
        _set_child(ppr, "ind", PPR_ORDER, {"left": str(indent), "hanging": str(INDENT)})
        shown = "•" if not label or label in _BULLETS else label
        element.append(make_run(context, shown, None, "approved"))
        tab = _new("r")
        tab.append(_new("tab"))
        element.append(tab)
    references = _references(context, translated)
    append_pieces(context, element, translated.pieces, None, references, paragraph.codes)
    return element


def _references(context: WriteContext, translated: TranslatedParagraph) -> dict[str, etree._Element]:
    """A footnote reference run for each ``[^N]`` of the paragraph that has a footnote."""
    runs = {}
    for piece in translated.pieces:
        for match in FOOTNOTE_MARKER.finditer(piece.text):
            note_id = context.note_ids.get(match.group(1))
            if note_id is not None and note_id not in runs:
                run = _new("r")
                rpr = _reference_rpr(context)
                run.append(rpr)
                reference = _new("footnoteReference")
                reference.set(f"{_W}id", note_id)
                run.append(reference)
                runs[note_id] = run
    return runs


def _reference_rpr(context: WriteContext) -> etree._Element:
    rpr = _new("rPr")
    style = style_id(context, "footnote reference", "footnote anchor", "footnote characters")
    if style:
        _set_child(rpr, "rStyle", RPR_ORDER, {"val": style})
    else:
        put_child(rpr, _element("vertAlign", val="superscript"), RPR_ORDER)
    return rpr


def _add_footnotes(context: WriteContext, footnotes: list[TranslatedParagraph]) -> None:
    if not footnotes:
        return
    root = context.notes.ensure(context.word)
    ids = [int(note.get(f"{_W}id", "0")) for note in root.iterchildren(f"{_W}footnote")]
    next_id = max([*ids, 0]) + 1
    text_style = style_id(context, "footnote text")
    for translated in footnotes:
        label = translated.paragraph.footnote_id or ""
        note = _new("footnote")
        note.set(f"{_W}id", str(next_id))
        context.note_ids[label] = str(next_id)
        next_id += 1
        paragraph = _new("p")
        ppr = _new("pPr")
        paragraph.append(ppr)
        if text_style:
            _set_child(ppr, "pStyle", PPR_ORDER, {"val": text_style})
        else:
            rpr = _new("rPr")
            put_child(rpr, _element("sz", val="20"), RPR_ORDER)
            ppr.append(rpr)
        mark = _new("r")
        mark.append(_reference_rpr(context))
        mark.append(_new("footnoteRef"))
        paragraph.append(mark)
        paragraph.append(make_run(context, " ", None, "approved"))
        append_pieces(context, paragraph, translated.pieces, None, {}, translated.paragraph.codes)
        note.append(paragraph)
        root.append(note)


def style_id(context: WriteContext, *names: str) -> str:
    """The id of the template's style with one of ``names`` (case-insensitive), or ""."""
    wanted = {name.lower() for name in names}
    for style in context.word.styles.element.iterchildren(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None and name.get(f"{_W}val", "").lower() in wanted:
            return style.get(f"{_W}styleId", "")
    return ""


def _paragraph_style(context: WriteContext, kind: str, level: int) -> str:
    if kind == "title":
        return style_id(context, "title")
    if kind == "heading":
        return style_id(context, f"heading {min(max(level, 1), 9)}")
    if kind == "quote":
        return style_id(context, "quote", "quotations")
    if kind == "table-cell":
        return style_id(context, "table contents")
    return style_id(context, "text body", "body text")


def _page_break() -> etree._Element:
    paragraph = _new("p")
    run = _new("r")
    run.append(_element("br", type="page"))
    paragraph.append(run)
    return paragraph


def _cell(locator: str, row_of: dict[str, int], table_key: str | None) -> tuple[str, int, int]:
    """(table, row, column) from a DOCX locator ``t<t>.<r>.<c>.<p>``, or for a Markdown table (every cell of
    a row shares the row's line locator ``l<n>``) by counting rows and cells."""
    match = _TABLE_LOCATOR.match(locator)
    if match:
        return f"t{match.group(1)}", int(match.group(2)), int(match.group(3))
    if locator not in row_of:
        row_of[locator] = len(row_of)
        row_of[f"{locator}#cells"] = 0
    row = row_of[locator]
    column = row_of[f"{locator}#cells"]
    row_of[f"{locator}#cells"] = column + 1
    return table_key if table_key and table_key.startswith("md") else "md", row, column


def _new_table() -> etree._Element:
    table = _new("tbl")
    tblpr = _new("tblPr")
    tblpr.append(_element("tblW", w="0", type="auto"))
    borders = _new("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(side, val="single", sz="4", space="0", color="auto"))
    tblpr.append(borders)
    table.append(tblpr)
    table.append(_new("tblGrid"))
    return table


def _table_cell(table: etree._Element, row: int, column: int) -> etree._Element:
    rows = table.findall(f"{_W}tr")
    while len(rows) <= row:
        table.append(_new("tr"))
        rows = table.findall(f"{_W}tr")
    cells = rows[row].findall(f"{_W}tc")
    while len(cells) <= column:
        cell = _new("tc")
        rows[row].append(cell)
        cells = rows[row].findall(f"{_W}tc")
    grid = table.find(f"{_W}tblGrid")
    while len(grid) < column + 1:
        grid.append(_element("gridCol", w="2400"))
    return cells[column]
