"""The translated report as DOCX: the source .docx with its paragraphs' text replaced, everything else kept.

The source file is the template: styles, headings, list numbering, tables, section layout, headers, images
and footnotes stay as they are. For each translatable paragraph found by the reader
(:mod:`translate.formats.docx`, locators ``p<n>`` body paragraph, ``t<t>.<r>.<c>.<p>`` table cell,
``fn<id>`` footnote) the runs are replaced by new runs that copy the first text run's formatting; the
footnote reference runs are put back where the translation has its ``[^N]`` markers (a marker the
translation lost is appended at the end of the paragraph, so no footnote is ever orphaned); images and
bookmarks in the paragraph are kept.

Marks: a draft (``--include-drafts``) is highlighted yellow, an English stand-in for a segment without an
approved translation is highlighted light grey and tagged ``en-US`` (in Arabic wrapped in the Unicode
isolates LRI ... PDI, so that its punctuation stays at its end inside a right-to-left paragraph).

Arabic: every written paragraph gets ``w:bidi``, every Arabic run ``w:rtl``, tables ``w:bidiVisual``,
sections ``w:bidi``, and the document defaults (``w:docDefaults``) are right to left with Arabic as the
complex-script language. Every language sets its proofing language on the runs and in the defaults.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import OxmlElement
from lxml import etree

from translate.errors import BadInputError
from translate.export.content import Piece, TranslatedParagraph, separators
from translate.fileio import atomic_write_bytes
from translate.formats.document import FOOTNOTE_MARKER
from translate.formats.docx import footnotes_part, paragraph_text
from translate.lang import get_language

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

LRI, PDI = "\u2066", "\u2069"
"""Unicode left-to-right isolate around English stand-ins in Arabic paragraphs."""
HIGHLIGHT = {"draft": "yellow", "source": "lightGray"}
PROOFING_LANG = {
    "ar": ("bidi", "ar-SA"),
    "zh": ("eastAsia", "zh-CN"),
    "fr": ("val", "fr-FR"),
    "ru": ("val", "ru-RU"),
    "es": ("val", "es-ES"),
}

# Child order that the OOXML schema requires (ECMA-376 Part 1, CT_PPr, CT_RPr, CT_SectPr, CT_TblPr).
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
SECTPR_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]
TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
]
DOC_DEFAULTS_ORDER = ["rPrDefault", "pPrDefault"]
_KEPT_IN_PARAGRAPH = {f"{_W}pPr", f"{_W}bookmarkStart", f"{_W}bookmarkEnd"}
_OBJECTS = (f"{_W}drawing", f"{_W}pict", f"{_W}object")
_TABLE_LOCATOR = re.compile(r"^t(\d+)\.(\d+)\.(\d+)\.(\d+)$")


def write_docx(source: Path, paragraphs: list[TranslatedParagraph], lang: str, output: Path) -> None:
    """Write the translation of ``source`` to ``output`` atomically."""
    word = _open(source)
    rtl = get_language(lang).is_rtl
    body_paragraphs = [child for child in word.element.body.iterchildren(f"{_W}p")]
    tables = [child for child in word.element.body.iterchildren(f"{_W}tbl")]
    footnotes_part, footnotes_root, footnotes = _footnotes(word, source)
    for translated in paragraphs:
        element = _locate(translated.paragraph.locator, body_paragraphs, tables, footnotes)
        if element is None:
            continue
        if translated.paragraph.kind == "footnote":
            _replace_footnote(element, translated, lang, rtl)
        else:
            _replace_paragraph(element, translated, lang, rtl)
    if footnotes_part is not None and not hasattr(footnotes_part, "element"):
        footnotes_part._blob = etree.tostring(footnotes_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _set_document_language(word, lang, rtl, tables)
    buffer = io.BytesIO()
    word.save(buffer)
    atomic_write_bytes(output, buffer.getvalue())


def _open(source: Path) -> docx.document.Document:
    try:
        return docx.Document(str(source))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise BadInputError(source, f"not a readable DOCX file ({error.__class__.__name__}: {error})") from None


def _footnotes(
    word: docx.document.Document, source: Path
) -> tuple[object | None, etree._Element | None, dict[str, etree._Element]]:
    """The footnotes part and its ``w:footnote`` elements by id (python-docx has no footnote API)."""
    part, root = footnotes_part(word, source)
    if root is None:
        return None, None, {}
    return part, root, {note.get(f"{_W}id", ""): note for note in root.iterchildren(f"{_W}footnote")}


def _locate(
    locator: str, body: list[etree._Element], tables: list[etree._Element], footnotes: dict[str, etree._Element]
) -> etree._Element | None:
    if locator.startswith("fn"):
        return footnotes.get(locator[2:])
    if locator.startswith("p") and locator[1:].isdigit():
        index = int(locator[1:])
        return body[index] if index < len(body) else None
    match = _TABLE_LOCATOR.match(locator)
    if match:
        table, row, cell, para = (int(group) for group in match.groups())
        try:
            tr = list(tables[table].iterchildren(f"{_W}tr"))[row]
            tc = list(tr.iterchildren(f"{_W}tc"))[cell]
            return list(tc.iterchildren(f"{_W}p"))[para]
        except IndexError:
            return None
    return None


# --- paragraphs --------------------------------------------------------------------------------------


def _replace_paragraph(element: etree._Element, translated: TranslatedParagraph, lang: str, rtl: bool) -> None:
    original = paragraph_text(element)
    prefix = _typed_label(original, translated.paragraph.text)
    template = _template_rpr(element)
    references = _footnote_reference_runs(element)
    objects = [run for run in element.iter(f"{_W}r") if any(run.find(f".//{tag}") is not None for tag in _OBJECTS)]
    for child in list(element):
        if child.tag not in _KEPT_IN_PARAGRAPH:
            element.remove(child)
    for run in objects:
        element.append(run)
    if prefix:
        element.append(_run(prefix + " ", template, "approved", lang, rtl))
    _append_pieces(element, translated.pieces, template, references, lang, rtl)
    if rtl:
        _set_child(_get_or_add(element, "pPr", first=True), "bidi", PPR_ORDER)


def _replace_footnote(footnote: etree._Element, translated: TranslatedParagraph, lang: str, rtl: bool) -> None:
    paragraphs = [p for p in footnote.iterchildren(f"{_W}p")]
    with_text = [p for p in paragraphs if paragraph_text(p)] or paragraphs[:1]
    if not with_text:
        return
    first = with_text[0]
    template = _template_rpr(first)
    marks = [run for run in first.iter(f"{_W}r") if run.find(f"{_W}footnoteRef") is not None]
    for child in list(first):
        if child.tag not in _KEPT_IN_PARAGRAPH:
            first.remove(child)
    for run in marks:
        first.append(run)
    if marks:
        first.append(_run(" ", template, "approved", lang, rtl))
    _append_pieces(first, translated.pieces, template, {}, lang, rtl)
    for extra in with_text[1:]:
        footnote.remove(extra)
    if rtl:
        _set_child(_get_or_add(first, "pPr", first=True), "bidi", PPR_ORDER)


def _append_pieces(
    element: etree._Element,
    pieces: list[Piece],
    template: etree._Element | None,
    references: dict[str, etree._Element],
    lang: str,
    rtl: bool,
) -> None:
    for separator, piece in zip(separators(pieces, lang), pieces, strict=True):
        if separator:
            element.append(_run(separator, template, "approved", lang, rtl))
        position = 0
        text = piece.text.strip()
        for match in FOOTNOTE_MARKER.finditer(text):
            reference = references.pop(match.group(1), None)
            if reference is None:
                continue  # a marker with no footnote behind it stays as text
            if match.start() > position:
                element.append(_run(text[position : match.start()], template, piece.kind, lang, rtl))
            element.append(_mark_reference(reference, rtl))
            position = match.end()
        if position < len(text):
            element.append(_run(text[position:], template, piece.kind, lang, rtl))
    for reference in references.values():  # markers the translation lost: keep the footnotes anyway
        element.append(_mark_reference(reference, rtl))


def _typed_label(original: str, text: str) -> str:
    """A paragraph number typed in the text ("12.", "(a)"), which the reader moved to the label."""
    if original != text and original.endswith(text):
        return original[: len(original) - len(text)].strip()
    return ""


def _template_rpr(element: etree._Element) -> etree._Element | None:
    """The formatting of the first run that holds text (footnote references do not count)."""
    for run in element.iter(f"{_W}r"):
        texts = run.findall(f"{_W}t")
        if any((t.text or "").strip() for t in texts) and run.find(f"{_W}footnoteReference") is None:
            rpr = run.find(f"{_W}rPr")
            return copy.deepcopy(rpr) if rpr is not None else None
    return None


def _footnote_reference_runs(element: etree._Element) -> dict[str, etree._Element]:
    runs = {}
    for run in element.iter(f"{_W}r"):
        reference = run.find(f"{_W}footnoteReference")
        if reference is not None:
            runs[reference.get(f"{_W}id", "")] = run
    return runs


def _run(text: str, template: etree._Element | None, kind: str, lang: str, rtl: bool) -> etree._Element:
    run = _new("r")
    rpr = copy.deepcopy(template) if template is not None else _new("rPr")
    for name in ("highlight", "rtl", "lang"):
        for old in rpr.findall(f"{_W}{name}"):
            rpr.remove(old)
    if kind in HIGHLIGHT:
        _set_child(rpr, "highlight", RPR_ORDER, {"val": HIGHLIGHT[kind]})
    if kind == "source":
        _set_child(rpr, "lang", RPR_ORDER, {"val": "en-US"})
    else:
        if rtl:
            _set_child(rpr, "rtl", RPR_ORDER)
        attribute, value = PROOFING_LANG.get(lang, ("val", lang))
        _set_child(rpr, "lang", RPR_ORDER, {attribute: value})
    if len(rpr):
        run.append(rpr)
    if kind == "source" and rtl and text.strip():
        text = f"{LRI}{text}{PDI}"  # an English sentence inside a right-to-left paragraph keeps its full stop
    t = _new("t")
    run.append(t)
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def _mark_reference(run: etree._Element, rtl: bool) -> etree._Element:
    if rtl:
        _set_child(_get_or_add(run, "rPr", first=True), "rtl", RPR_ORDER)
    return run


# --- document-wide settings --------------------------------------------------------------------------


def _set_document_language(word: docx.document.Document, lang: str, rtl: bool, tables: list[etree._Element]) -> None:
    styles = word.styles.element
    defaults = styles.find(f"{_W}docDefaults")
    if defaults is None:
        defaults = _new("docDefaults")
        styles.insert(0, defaults)
    rpr = _get_or_add(_set_child(defaults, "rPrDefault", DOC_DEFAULTS_ORDER), "rPr")
    attribute, value = PROOFING_LANG.get(lang, ("val", lang))
    _set_child(rpr, "lang", RPR_ORDER, {attribute: value})
    word.core_properties.language = lang
    if not rtl:
        return
    ppr = _get_or_add(_set_child(defaults, "pPrDefault", DOC_DEFAULTS_ORDER), "pPr")
    _set_child(ppr, "bidi", PPR_ORDER)
    for section in word.element.body.iter(f"{_W}sectPr"):
        _set_child(section, "bidi", SECTPR_ORDER)
    for table in tables:
        _set_child(_get_or_add(table, "tblPr", first=True), "bidiVisual", TBLPR_ORDER)


def _new(name: str) -> etree._Element:
    """A new ``w:<name>`` element of python-docx's element classes."""
    return OxmlElement(f"w:{name}")


def _get_or_add(parent: etree._Element, name: str, first: bool = False) -> etree._Element:
    child = parent.find(f"{_W}{name}")
    if child is None:
        child = _new(name)
        if first:
            parent.insert(0, child)
        else:
            parent.append(child)
    return child


def _set_child(
    parent: etree._Element, name: str, order: list[str], attributes: dict[str, str] | None = None
) -> etree._Element:
    """Get or insert ``w:<name>`` in ``parent`` at the place the schema requires, and set its attributes."""
    child = parent.find(f"{_W}{name}")
    if child is None:
        child = _new(name)
        rank = order.index(name)
        for sibling in parent:
            local = etree.QName(sibling).localname if isinstance(sibling.tag, str) else ""
            if local in order and order.index(local) > rank:
                sibling.addprevious(child)
                break
        else:
            parent.append(child)
    for key, value in (attributes or {}).items():
        child.set(f"{_W}{key}", value)
    return child
