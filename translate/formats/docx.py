"""Word sources through python-docx: paragraphs, headings, list numbering, tables and footnotes.

Body paragraphs keep their style; a heading's level comes from its style ("Heading 2"); list numbers are
computed from ``numbering.xml`` (decimal, letters, roman numerals, bullets) the way Word prints them and
kept as the paragraph's label; footnote references become ``[^N]`` in the text and each footnote's text
becomes a paragraph of kind ``footnote`` (python-docx has no footnote API: the part is read with lxml).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from translate import xmlsafe
from translate.errors import BadInputError
from translate.formats.document import Paragraph, ParagraphKind, SourceDocument, document_name
from translate.formats.docx_inline import InlineContext, paragraph_content
from translate.formats.inline import InlineCode
from translate.numerals import to_roman
from translate.segmentation import split_label

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
NS = {"w": W}


def _xpath(element: etree._Element, expression: str) -> str:
    """XPath string value; bypasses python-docx's own ``xpath`` override so it works on any element."""
    return etree._Element.xpath(element, expression, namespaces=NS)


MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_XML_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200
"""Bounds on a DOCX package (a zip): members, inflated sizes, and the compression ratio of any member over 1 MB
(Word's XML compresses 5-20 times; a zip bomb of zeros a thousand times)."""


def check_package(path: Path) -> None:
    """Refuse a DOCX that would inflate beyond the bounds above, or one with an XML part that breaks the DOCTYPE
    rule (:mod:`translate.xmlsafe`: no internal subset), before python-docx parses any part."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise BadInputError(path, f"not a readable DOCX file (not a zip package: {error})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise BadInputError(path, f"{len(members):,} parts in the package (at most {MAX_MEMBERS:,})")
        total = 0
        for member in members:
            total += member.file_size
            limit = MAX_XML_BYTES if member.filename.endswith((".xml", ".rels")) else MAX_MEMBER_BYTES
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > limit or total > MAX_TOTAL_BYTES or (member.file_size > 2**20 and ratio > MAX_RATIO):
                raise BadInputError(
                    path,
                    f"part {member.filename} inflates to {member.file_size:,} bytes ({ratio:.0f} times its "
                    "compressed size): refused as a zip bomb",
                )
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                try:
                    data = archive.read(member)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
                    raise BadInputError(path, f"part {member.filename} cannot be read ({error})") from None
                xmlsafe.check_doctype(data, path, member.filename)


def read(path: Path) -> SourceDocument:
    check_package(path)
    try:
        word = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise BadInputError(path, f"not a readable DOCX file ({error.__class__.__name__}: {error})") from None
    document = SourceDocument(path=path, name=document_name(path), format="docx")
    numbering = _Numbering(word)
    context = InlineContext(footnote_numbers(word.element.body), _hyperlink_targets(word))
    body_index = 0
    table_index = 0
    for child in word.element.body.iterchildren():
        if child.tag == f"{_W}p":
            _add_body_paragraph(document, word, child, body_index, numbering, context)
            body_index += 1
        elif child.tag == f"{_W}tbl":
            _add_table(document, child, table_index, context)
            table_index += 1
    for footnote_id, number, text, codes in _footnotes(word, path, context):
        document.paragraphs.append(
            Paragraph(
                text=text,
                kind="footnote",
                style="footnote text",
                locator=f"fn{footnote_id}",
                line=0,
                footnote_id=number,
                codes=codes,
            )
        )
    return document


def footnote_numbers(body: etree._Element) -> dict[str, str]:
    """Each footnote's printed number by its ``w:id``: footnotes are numbered in the order they are referenced
    (the ids are the producer's own: LibreOffice gives its separators 0 and 1, Word -1 and 0)."""
    numbers: dict[str, str] = {}
    for reference in body.iter(f"{_W}footnoteReference"):
        note_id = reference.get(f"{_W}id", "")
        if note_id in numbers or reference.get(f"{_W}customMarkFollows") in ("1", "true", "on"):
            continue
        numbers[note_id] = str(len(numbers) + 1)
    return numbers


def _hyperlink_targets(word: docx.document.Document) -> dict[str, str]:
    return {rid: rel.target_ref for rid, rel in word.part.rels.items() if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK}


def paragraph_text(element: etree._Element, numbers: dict[str, str] | None = None) -> str:
    """The visible text of a ``w:p``: runs, tabs, breaks, hyperlinks, insertions; footnote refs as ``[^N]``
    (N the printed number where ``numbers`` gives it, else the ``w:id``)."""
    return " ".join("".join(_texts(element, numbers or {})).split())


def _texts(element: etree._Element, numbers: dict[str, str]) -> Iterator[str]:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            yield " "
        elif tag == f"{_W}noBreakHyphen":
            yield "\u2011"
        elif tag == f"{_W}footnoteReference":
            note_id = child.get(f"{_W}id", "")
            yield f"[^{numbers.get(note_id, note_id)}]"
        else:
            yield from _texts(child, numbers)


_SKIPPED = {f"{_W}{name}" for name in ("del", "instrText", "delText", "footnoteRef", "pPr", "rPr", "moveFrom")}


def _add_body_paragraph(
    document: SourceDocument,
    word: docx.document.Document,
    element: etree._Element,
    index: int,
    numbering: _Numbering,
    context: InlineContext,
) -> None:
    text, codes = paragraph_content([element], context)
    if not text:
        return
    style = _style_name(word, element)
    kind, level = _kind_of(style)
    label = numbering.label(element, word)
    if label:
        kind = "list-item" if kind == "paragraph" else kind
    elif kind in ("paragraph", "list-item"):
        label, text = split_label(text)
        if label and kind == "paragraph":
            kind = "list-item"
    document.paragraphs.append(
        Paragraph(
            text=text,
            kind=kind,
            level=level,
            label=label,
            style=style,
            locator=f"p{index}",
            line=index + 1,
            codes=codes,
        )
    )


def _add_table(document: SourceDocument, table: etree._Element, table_index: int, context: InlineContext) -> None:
    for row_index, row in enumerate(table.iterchildren(f"{_W}tr")):
        for cell_index, cell in enumerate(row.iterchildren(f"{_W}tc")):
            for para_index, element in enumerate(cell.iterchildren(f"{_W}p")):
                text, codes = paragraph_content([element], context)
                if text:
                    locator = f"t{table_index}.{row_index}.{cell_index}.{para_index}"
                    document.paragraphs.append(
                        Paragraph(text=text, kind="table-cell", style="table", locator=locator, line=0, codes=codes)
                    )


def _style_name(word: docx.document.Document, element: etree._Element) -> str:
    style_id = _xpath(element, "string(./w:pPr/w:pStyle/@w:val)")
    if not style_id:
        return "Normal"
    style = word.styles.element.get_by_id(style_id)
    return style.name_val if style is not None and style.name_val else style_id


def _kind_of(style: str) -> tuple[ParagraphKind, int]:
    lowered = style.lower()
    if lowered == "title":
        return "title", 0
    if lowered.startswith("heading"):
        digits = "".join(ch for ch in lowered if ch.isdigit())
        return "heading", _bounded_int(digits, 1, 1, 9)
    if lowered.startswith("list"):
        digits = "".join(ch for ch in lowered if ch.isdigit())
        return "list-item", _bounded_int(digits, 1, 1, 9) - 1
    if "quote" in lowered:
        return "quote", 0
    return "paragraph", 0


def footnotes_part(word: docx.document.Document, path: Path) -> tuple[object | None, etree._Element | None]:
    """The footnotes part of a Word document and its root ``w:footnotes`` element, or (None, None).

    python-docx has no footnote API: the part's XML is parsed here by :mod:`translate.xmlsafe`.
    """
    for relationship in word.part.rels.values():
        if relationship.reltype != RELATIONSHIP_TYPE.FOOTNOTES or relationship.is_external:
            continue
        part = relationship.target_part
        root = getattr(part, "element", None)
        if root is None:
            root = xmlsafe.parse_bytes(part.blob, f"{path}:word/footnotes.xml")
        return part, root
    return None, None


def _footnotes(
    word: docx.document.Document, path: Path, context: InlineContext
) -> list[tuple[str, str, str, dict[str, InlineCode]]]:
    """(w:id, printed number, text, codes) of every footnote with text, in printed order."""
    _, root = footnotes_part(word, path)
    if root is None:
        return []
    notes = []
    for footnote in root.iterchildren(f"{_W}footnote"):
        if footnote.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text, codes = paragraph_content(list(footnote.iterchildren(f"{_W}p")), context)
        if text:
            note_id = footnote.get(f"{_W}id") or ""
            notes.append((note_id, context.footnotes.get(note_id, note_id), text, codes))
    referenced = [note for note in notes if note[0] in context.footnotes]
    referenced.sort(key=lambda note: int(note[1]))
    return referenced + [note for note in notes if note[0] not in context.footnotes]


# --- list numbering ----------------------------------------------------------------------------------


def _letters(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, number_format: str) -> str:
    """Format a list counter as Word does for ``w:numFmt`` (``none``: no number)."""
    if number_format == "none":
        return ""
    formats = {
        "lowerLetter": _letters(number),
        "upperLetter": _letters(number).upper(),
        "lowerRoman": to_roman(number),
        "upperRoman": to_roman(number).upper(),
    }
    return formats.get(number_format, str(number))


class _Numbering:
    """Counts list items per numbering instance and level, as Word prints them."""

    def __init__(self, word: docx.document.Document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = word.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        ns = {"w": W}
        abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall("w:abstractNum", ns):
            levels = {}
            for lvl in abstract.findall("w:lvl", ns):
                ilvl = _bounded_int(lvl.get(f"{_W}ilvl", "0"), 0, 0, MAX_LEVEL)
                fmt = _xpath(lvl, "string(w:numFmt/@w:val)") or "decimal"
                text = _xpath(lvl, "string(w:lvlText/@w:val)")
                start = _bounded_int(_xpath(lvl, "string(w:start/@w:val)"), 1, 0, MAX_START)
                levels[ilvl] = (fmt, text, start)
            abstract_levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall("w:num", ns):
            num_id = num.get(f"{_W}numId", "")
            abstract_id = _xpath(num, "string(w:abstractNumId/@w:val)")
            self.abstract_of[num_id] = abstract_id
            for ilvl, spec in abstract_levels.get(abstract_id, {}).items():
                self.levels[(num_id, ilvl)] = spec

    def label(self, element: etree._Element, word: docx.document.Document) -> str:
        num_id, ilvl = self._num_pr(element, word)
        if not num_id or num_id == "0" or (num_id, ilvl) not in self.levels:
            return ""
        fmt, text, start = self.levels[(num_id, ilvl)]
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "•"
        label = text
        for level in range(ilvl + 1):
            level_fmt = self.levels.get((num_id, level), (fmt, "", 1))[0]
            value = counters[level] or self.levels.get((num_id, level), (fmt, "", 1))[2]
            label = label.replace(f"%{level + 1}", format_number(value, level_fmt))
        return label.strip()

    def _num_pr(self, element: etree._Element, word: docx.document.Document) -> tuple[str, int]:
        num_id = _xpath(element, "string(./w:pPr/w:numPr/w:numId/@w:val)")
        ilvl = _xpath(element, "string(./w:pPr/w:numPr/w:ilvl/@w:val)")
        style_id = _xpath(element, "string(./w:pPr/w:pStyle/@w:val)")
        seen: set[str] = set()
        while not num_id and style_id and style_id not in seen:
            seen.add(style_id)
            style = word.styles.element.get_by_id(style_id)
            if style is None:
                break
            num_id = _xpath(style, "string(./w:pPr/w:numPr/w:numId/@w:val)")
            ilvl = ilvl or _xpath(style, "string(./w:pPr/w:numPr/w:ilvl/@w:val)")
            style_id = _xpath(style, "string(./w:basedOn/@w:val)")
        return num_id, _bounded_int(ilvl, 0, 0, MAX_LEVEL)


MAX_LEVEL = 8
"""Word's list levels are 0 to 8."""
MAX_START = 32767
"""Word's largest list start value."""


def _bounded_int(value: str, default: int, low: int, high: int) -> int:
    """A numbering attribute as Word reads it: a number within bounds; a word, an empty or a huge value -> the
    default or the nearest bound (``w:ilvl="x"`` is level 0, ``w:start="abc"`` starts at 1)."""
    text = value.strip()
    if not text or len(text) > 12 or not text.lstrip("-").isdigit():
        return default
    return min(max(int(text), low), high)
