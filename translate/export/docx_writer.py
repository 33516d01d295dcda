"""The translated report as DOCX: the source .docx with its paragraphs' text replaced, everything else kept.

The first DOCX source is the template: styles, headings, list numbering, tables, section layout, headers,
images and footnotes stay as they are. For each translatable paragraph found by the reader
(:mod:`translate.formats.docx`, locators ``p<n>`` body paragraph, ``t<t>.<r>.<c>.<p>`` table cell,
``fn<id>`` footnote) the runs are replaced by new runs with the paragraph's own formatting; text inside an
inline placeholder (``<1>..</1>``) gets the formatting the placeholder stands for back (italic, bold,
superscript, hyperlink ...). Footnote reference runs are put back where the translation has its ``[^N]``
markers, N being the printed number (a marker the translation lost is appended at the end of the
paragraph, so no footnote is ever orphaned); images and bookmarks in the paragraph are kept. Every other
source of the workflow (Markdown, text, another DOCX) is added in workflow order with the template's
styles (Title, Heading N, footnotes, tables) by :mod:`.docx_build`.

Labels: a paragraph whose label the target language writes differently (Arabic ``1 -``, ``(أ)``,
``أولا -``; French ``a)``) gets the label as text, followed by the numbering level's tab and indent,
instead of Word's automatic number.

Marks: a draft (``--include-drafts``) is highlighted yellow, an English stand-in for a segment without an
approved translation is highlighted light grey and tagged ``en-US`` (in Arabic wrapped in the Unicode
isolates LRI ... PDI, so that its punctuation stays at its end inside a right-to-left paragraph).

Arabic: every paragraph of the body, the tables and the footnotes is right to left (``w:bidi`` on, whatever
the source said: LibreOffice writes ``<w:bidi w:val="0"/>`` on each paragraph), its alignment keeps its
meaning (``left`` is the leading edge of a right-to-left paragraph in Word and LibreOffice, so start stays
start), every Arabic run ``w:rtl``, tables ``w:bidiVisual``, sections ``w:bidi``, and the document defaults
(``w:docDefaults``) are right to left with Arabic as the complex-script language. Styles and runs that are
bold, italic or sized for Latin text get the same for complex scripts (``w:bCs``, ``w:iCs``, ``w:szCs``),
so an Arabic heading keeps its size and weight. Each language's script font is set (``w:rFonts w:cs`` for
Arabic, ``w:eastAsia`` for Chinese) in the defaults, the styles and the runs. Every language sets its
proofing language on the runs and in the defaults.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import OxmlElement
from lxml import etree

from translate import xmlsafe
from translate.errors import BadInputError
from translate.export.content import Piece, TranslatedParagraph, separators
from translate.fileio import atomic_write_bytes
from translate.formats.document import SourceDocument
from translate.formats.docx import footnote_numbers, footnotes_part, paragraph_text
from translate.formats.docx_inline import FEATURE_ELEMENTS, run_features
from translate.formats.inline import InlineCode, chunks, strip_tags
from translate.lang import get_language
from translate.patterns import FOOTNOTE_MARKER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

LRI, PDI = "\u2066", "\u2069"
"""Unicode left-to-right isolate around English stand-ins in Arabic paragraphs."""
HIGHLIGHT = {"draft": "yellow", "source": "lightGray"}


def proofing_lang(lang: str) -> tuple[str, str]:
    """The ``w:lang`` attribute and locale of a language's proofing (``Language.proofing``)."""
    attribute, locale = get_language(lang).proofing
    return (attribute, locale) if attribute else ("val", lang)


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


R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
HYPERLINK_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


FOOTNOTES_SKELETON = (
    f'<w:footnotes xmlns:w="{W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


@dataclass
class Footnotes:
    """The footnotes part of the output (python-docx keeps it as bytes: parsed once, written back once)."""

    part: object | None
    root: etree._Element | None

    def ensure(self, word: docx.document.Document) -> etree._Element:
        """The ``w:footnotes`` root, creating the part when the template has none."""
        if self.root is None:
            from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
            from docx.opc.packuri import PackURI
            from docx.opc.part import Part

            self.root = etree.fromstring(FOOTNOTES_SKELETON, xmlsafe.parser())
            self.part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, b"", word.part.package)
            word.part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
        return self.root

    def save(self) -> None:
        if self.part is not None and self.root is not None and not hasattr(self.part, "element"):
            self.part._blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass
class WriteContext:
    """What every paragraph of one output needs: the language, the package, footnote reference runs."""

    word: docx.document.Document
    lang: str
    rtl: bool
    notes: Footnotes
    note_ids: dict[str, str] = field(default_factory=dict)
    """Printed footnote number -> ``w:id`` (for the document being written)."""


def write_docx(documents: list[tuple[SourceDocument, list[TranslatedParagraph]]], lang: str, output: Path) -> None:
    """Write the translation of ``documents`` (in this order) into one DOCX at ``output`` atomically.

    The first DOCX among them is the template and is translated in place; the others are added before or
    after its body, in order, with its styles (python-docx's default template when there is no DOCX).
    """
    from translate.export import docx_build

    template = next((doc for doc, _ in documents if doc.path.suffix.lower() == ".docx"), None)
    word = _open(template.path) if template is not None else docx.Document()
    if template is None:
        docx_build.clear_body(word)
    rtl = get_language(lang).is_rtl
    part, root = footnotes_part(word, template.path if template else output)
    notes = Footnotes(part, root)
    footnotes = {} if root is None else {n.get(f"{_W}id", ""): n for n in root.iterchildren(f"{_W}footnote")}
    body = word.element.body
    first_child = body[0] if len(body) else None
    before = True
    for document, paragraphs in documents:
        if document is template:
            context = WriteContext(word, lang, rtl, notes, {v: k for k, v in footnote_numbers(body).items()})
            _translate_in_place(context, paragraphs, footnotes)
            before = False
            continue
        context = WriteContext(word, lang, rtl, notes)
        anchor = first_child if before and first_child is not None else None
        docx_build.add_document(context, paragraphs, anchor, page_break=template is not None)
    _set_document_language(word, lang, rtl, notes.root)
    notes.save()
    buffer = io.BytesIO()
    word.save(buffer)
    atomic_write_bytes(output, buffer.getvalue())


def _translate_in_place(
    context: WriteContext, paragraphs: list[TranslatedParagraph], footnotes: dict[str, etree._Element]
) -> None:
    body = context.word.element.body
    body_paragraphs = list(body.iterchildren(f"{_W}p"))
    tables = list(body.iterchildren(f"{_W}tbl"))
    for translated in paragraphs:
        element = _locate(translated.paragraph.locator, body_paragraphs, tables, footnotes)
        if element is None:
            continue
        if translated.paragraph.kind == "footnote":
            _replace_footnote(context, element, translated)
        else:
            _replace_paragraph(context, element, translated)


def _open(source: Path) -> docx.document.Document:
    try:
        return docx.Document(str(source))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise BadInputError(source, f"not a readable DOCX file ({error.__class__.__name__}: {error})") from None


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


def _replace_paragraph(context: WriteContext, element: etree._Element, translated: TranslatedParagraph) -> None:
    paragraph = translated.paragraph
    original = paragraph_text(element, {v: k for k, v in context.note_ids.items()})
    typed = _typed_label(original, strip_tags(paragraph.text))
    template = _template_rpr(element)
    references = _footnote_reference_runs(element)
    objects = [run for run in element.iter(f"{_W}r") if any(run.find(f".//{tag}") is not None for tag in _OBJECTS)]
    separator = ""
    if not typed and paragraph.label and translated.label != paragraph.label:
        separator = _number_as_text(context.word, element)
    for child in list(element):
        if child.tag not in _KEPT_IN_PARAGRAPH:
            element.remove(child)
    for run in objects:
        element.append(run)
    if typed:
        label = translated.label if typed == paragraph.label else typed
        element.append(make_run(context, label + " ", template, "approved"))
    elif separator:
        element.append(make_run(context, translated.label, template, "approved"))
        element.append(_tab_run(template) if separator == "\t" else make_run(context, " ", template, "approved"))
    append_pieces(context, element, translated.pieces, template, references, paragraph.codes)


def _replace_footnote(context: WriteContext, footnote: etree._Element, translated: TranslatedParagraph) -> None:
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
        first.append(_mark_reference(run, context.rtl))
    if marks:
        first.append(make_run(context, " ", template, "approved"))
    append_pieces(context, first, translated.pieces, template, {}, translated.paragraph.codes)
    for extra in with_text[1:]:
        footnote.remove(extra)


def append_pieces(
    context: WriteContext,
    element: etree._Element,
    pieces: list[Piece],
    template: etree._Element | None,
    references: dict[str, etree._Element],
    codes: dict[str, InlineCode],
) -> None:
    """Append the runs of ``pieces`` to a paragraph: placeholders rebuilt as formatting and hyperlinks,
    ``[^N]`` markers as the footnote reference runs ``references`` (by ``w:id``)."""
    links: dict[str, etree._Element] = {}
    for separator, piece in zip(separators(pieces, context.lang), pieces, strict=True):
        if separator:
            element.append(make_run(context, separator, template, "approved"))
        whole = piece.text.strip()
        if piece.kind == "source" and context.rtl and whole:
            whole = f"{LRI}{whole}{PDI}"  # one isolate around the English sentence, across its runs
        for text, stack, _standalone in chunks(whole):
            if not text:
                continue
            container = _container(context, element, stack, codes, links)
            rpr = _formatted(template, stack, codes)
            position = 0
            for match in FOOTNOTE_MARKER.finditer(text):
                note_id = context.note_ids.get(match.group(1), match.group(1))
                reference = references.pop(note_id, None)
                if reference is None:
                    continue  # a marker with no footnote behind it stays as text
                if match.start() > position:
                    run = make_run(context, text[position : match.start()], rpr, piece.kind, isolate=False)
                    container.append(run)
                element.append(_mark_reference(reference, context.rtl))
                container = _container(context, element, stack, codes, links, fresh=True)
                position = match.end()
            if position < len(text):
                container.append(make_run(context, text[position:], rpr, piece.kind, isolate=False))
    for reference in references.values():  # markers the translation lost: keep the footnotes anyway
        element.append(_mark_reference(reference, context.rtl))


def _container(
    context: WriteContext,
    paragraph: etree._Element,
    stack: tuple[str, ...],
    codes: dict[str, InlineCode],
    links: dict[str, etree._Element],
    fresh: bool = False,
) -> etree._Element:
    """Where a run goes: the paragraph, or the ``w:hyperlink`` of the link placeholder it is in."""
    link = next((tag for tag in stack if tag in codes and codes[tag].kind == "link"), None)
    if link is None:
        return paragraph
    hyperlink = links.get(link)
    if hyperlink is None or fresh or hyperlink.getparent() is not paragraph or paragraph[-1] is not hyperlink:
        hyperlink = _new("hyperlink")
        code = codes[link]
        native = code.native if isinstance(code.native, dict) else {}
        attributes = dict(native.get("attrs") or {})
        if not attributes and code.attrs.get("href"):
            href = code.attrs["href"]
            if href.startswith("#"):
                attributes[f"{_W}anchor"] = href[1:]
            else:
                attributes[R_ID] = context.word.part.relate_to(href, HYPERLINK_RELATIONSHIP, is_external=True)
        for key, value in attributes.items():
            hyperlink.set(key, value)
        paragraph.append(hyperlink)
        links[link] = hyperlink
    return hyperlink


def _formatted(
    template: etree._Element | None, stack: tuple[str, ...], codes: dict[str, InlineCode]
) -> etree._Element | None:
    """The run properties of text inside the placeholders ``stack``: the paragraph's, plus each one's."""
    if not stack:
        return template
    rpr = copy.deepcopy(template) if template is not None else _new("rPr")
    for tag in stack:
        code = codes.get(tag)
        if code is None:
            continue
        for element in _code_elements(code):
            put_child(rpr, copy.deepcopy(element), RPR_ORDER)
    return rpr


def _code_elements(code: InlineCode) -> list[etree._Element]:
    """The run-property elements that make a placeholder's formatting."""
    if code.kind == "link":
        native = code.native if isinstance(code.native, dict) else {}
        link_rpr = native.get("rpr")
        if link_rpr is not None:
            return [child for child in link_rpr if etree.QName(child).localname in ("rStyle", "color", "u")]
        return [_element("rStyle", val="Hyperlink"), _element("color", val="0563C1"), _element("u", val="single")]
    if isinstance(code.native, list):
        return list(code.native)
    values = {
        "b": [("b", {}), ("bCs", {})],
        "i": [("i", {}), ("iCs", {})],
        "u": [("u", {"val": "single"})],
        "s": [("strike", {})],
        "sup": [("vertAlign", {"val": "superscript"})],
        "sub": [("vertAlign", {"val": "subscript"})],
    }
    return [_element(name, **attributes) for name, attributes in values.get(code.kind, [])]


def _element(name: str, **attributes: str) -> etree._Element:
    element = _new(name)
    for key, value in attributes.items():
        element.set(f"{_W}{key}", value)
    return element


def _typed_label(original: str, text: str) -> str:
    """A paragraph number typed in the text ("12.", "(a)"), which the reader moved to the label."""
    if original != text and original.endswith(text):
        return original[: len(original) - len(text)].strip()
    return ""


def _template_rpr(element: etree._Element) -> etree._Element | None:
    """The paragraph's own run formatting: the first text run's, without the inline formatting (bold,
    italic ... that not all of its text has: that comes back through the placeholders)."""
    runs = [
        run
        for run in element.iter(f"{_W}r")
        if any((t.text or "").strip() for t in run.findall(f"{_W}t")) and run.find(f"{_W}footnoteReference") is None
    ]
    plain = [run for run in runs if not any(a.tag == f"{_W}hyperlink" for a in run.iterancestors())] or runs
    if not plain:
        return None
    rpr = plain[0].find(f"{_W}rPr")
    if rpr is None:
        return None
    rpr = copy.deepcopy(rpr)
    common = set.intersection(*(set(run_features(run.find(f"{_W}rPr"))) for run in runs))
    for kind, names in FEATURE_ELEMENTS.items():
        if kind not in common:
            for name in names:
                for child in rpr.findall(f"{_W}{name}"):
                    rpr.remove(child)
    return rpr


def _footnote_reference_runs(element: etree._Element) -> dict[str, etree._Element]:
    runs = {}
    for run in element.iter(f"{_W}r"):
        reference = run.find(f"{_W}footnoteReference")
        if reference is not None:
            runs[reference.get(f"{_W}id", "")] = run
    return runs


def make_run(
    context: WriteContext, text: str, template: etree._Element | None, kind: str, isolate: bool = True
) -> etree._Element:
    """A run of ``text`` with ``template``'s formatting, marked as ``kind`` (draft, English stand-in); an English
    stand-in in a right-to-left paragraph is wrapped in a left-to-right isolate unless ``isolate`` is False
    (the caller wraps the whole sentence)."""
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
        if context.rtl:
            _set_child(rpr, "rtl", RPR_ORDER)
            complex_script_twins(rpr)
        attribute, value = proofing_lang(context.lang)
        _set_child(rpr, "lang", RPR_ORDER, {attribute: value})
        set_script_fonts(rpr, context.lang, only_existing=True)
    if len(rpr):
        run.append(rpr)
    if isolate and kind == "source" and context.rtl and text.strip():
        text = f"{LRI}{text}{PDI}"  # an English sentence inside a right-to-left paragraph keeps its full stop
    t = _new("t")
    run.append(t)
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def _tab_run(template: etree._Element | None) -> etree._Element:
    run = _new("r")
    if template is not None:
        run.append(copy.deepcopy(template))
    run.append(_new("tab"))
    return run


def _mark_reference(run: etree._Element, rtl: bool) -> etree._Element:
    if rtl:
        _set_child(_get_or_add(run, "rPr", first=True), "rtl", RPR_ORDER)
    return run


# --- labels as text ----------------------------------------------------------------------------------


def _number_as_text(word: docx.document.Document, element: etree._Element) -> str:
    """Switch off the automatic number of a paragraph (its label is written as text instead), keeping the
    numbering level's indent; returns what follows the number (a tab, a space or nothing)."""
    ppr = _get_or_add(element, "pPr", first=True)
    num_id, ilvl = _numbering_of(word, element)
    level = _numbering_level(word, num_id, ilvl)
    for old in ppr.findall(f"{_W}numPr"):
        ppr.remove(old)
    numpr = _set_child(ppr, "numPr", PPR_ORDER)
    _set_child(numpr, "ilvl", ["ilvl", "numId"], {"val": "0"})
    _set_child(numpr, "numId", ["ilvl", "numId"], {"val": "0"})
    if level is None:
        return " "
    indent = level.find(f"{_W}pPr/{_W}ind")
    if indent is not None and ppr.find(f"{_W}ind") is None:
        put_child(ppr, copy.deepcopy(indent), PPR_ORDER)
    suffix = level.find(f"{_W}suff")
    value = suffix.get(f"{_W}val") if suffix is not None else "tab"
    return {"tab": "\t", "space": " "}.get(value or "tab", "")


def _numbering_of(word: docx.document.Document, element: etree._Element) -> tuple[str, str]:
    numpr = element.find(f"{_W}pPr/{_W}numPr")
    num_id = ilvl = ""
    if numpr is not None:
        num_id = _val(numpr.find(f"{_W}numId"))
        ilvl = _val(numpr.find(f"{_W}ilvl"))
    style = element.find(f"{_W}pPr/{_W}pStyle")
    style_id = _val(style)
    seen: set[str] = set()
    while not num_id and style_id and style_id not in seen:
        seen.add(style_id)
        found = word.styles.element.get_by_id(style_id)
        if found is None:
            break
        numpr = found.find(f"{_W}pPr/{_W}numPr")
        if numpr is not None:
            num_id = _val(numpr.find(f"{_W}numId"))
            ilvl = ilvl or _val(numpr.find(f"{_W}ilvl"))
        style_id = _val(found.find(f"{_W}basedOn"))
    return num_id, ilvl or "0"


def _numbering_level(word: docx.document.Document, num_id: str, ilvl: str) -> etree._Element | None:
    try:
        root = word.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return None
    for num in root.iterchildren(f"{_W}num"):
        if num.get(f"{_W}numId") != num_id:
            continue
        abstract_id = _val(num.find(f"{_W}abstractNumId"))
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            if abstract.get(f"{_W}abstractNumId") == abstract_id:
                for level in abstract.iterchildren(f"{_W}lvl"):
                    if level.get(f"{_W}ilvl", "0") == ilvl:
                        return level
    return None


def _val(element: etree._Element | None) -> str:
    return element.get(f"{_W}val", "") if element is not None else ""


# --- document-wide settings --------------------------------------------------------------------------


def _set_document_language(
    word: docx.document.Document, lang: str, rtl: bool, footnotes_root: etree._Element | None
) -> None:
    styles = word.styles.element
    defaults = styles.find(f"{_W}docDefaults")
    if defaults is None:
        defaults = _new("docDefaults")
        styles.insert(0, defaults)
    rpr = _get_or_add(_set_child(defaults, "rPrDefault", DOC_DEFAULTS_ORDER), "rPr")
    attribute, value = proofing_lang(lang)
    _set_child(rpr, "lang", RPR_ORDER, {attribute: value})
    set_script_fonts(rpr, lang)
    for style_rpr in styles.iter(f"{_W}rPr"):
        set_script_fonts(style_rpr, lang, only_existing=True)
    word.core_properties.language = lang
    if not rtl:
        return
    ppr = _get_or_add(_set_child(defaults, "pPrDefault", DOC_DEFAULTS_ORDER), "pPr")
    right_to_left(ppr)
    for style_rpr in styles.iter(f"{_W}rPr"):
        complex_script_twins(style_rpr)
    for style_ppr in styles.iter(f"{_W}pPr"):
        if style_ppr.find(f"{_W}bidi") is not None:
            right_to_left(style_ppr)
    for section in word.element.body.iter(f"{_W}sectPr"):
        _set_child(section, "bidi", SECTPR_ORDER)
    roots = [word.element.body]
    if footnotes_root is not None:
        roots.extend(
            note
            for note in footnotes_root.iterchildren(f"{_W}footnote")
            if note.get(f"{_W}type") not in ("separator", "continuationSeparator", "continuationNotice")
        )
    for root in roots:
        for paragraph in root.iter(f"{_W}p"):
            right_to_left(_get_or_add(paragraph, "pPr", first=True))
        for table in root.iter(f"{_W}tbl"):
            _set_child(_get_or_add(table, "tblPr", first=True), "bidiVisual", TBLPR_ORDER)


def right_to_left(ppr: etree._Element) -> None:
    """Make a paragraph right to left, whatever it said (``<w:bidi w:val="0"/>`` included). Its ``w:jc``
    stays: in a right-to-left paragraph ``left`` is the leading edge (right), in Word and LibreOffice."""
    bidi = _set_child(ppr, "bidi", PPR_ORDER)
    bidi.attrib.pop(f"{_W}val", None)


def complex_script_twins(rpr: etree._Element) -> None:
    """Bold, italic and size for complex scripts (Arabic) wherever they are set for Latin text, replacing the
    source's own: an English document's complex-script size is a fallback for text it does not hold
    (LibreOffice writes 12 pt on every style), while the Arabic translation must look as the Latin design."""
    for latin, complex_script in (("b", "bCs"), ("i", "iCs"), ("sz", "szCs")):
        element = rpr.find(f"{_W}{latin}")
        if element is None:
            continue
        old = rpr.find(f"{_W}{complex_script}")
        if old is not None:
            rpr.remove(old)
        twin = _new(complex_script)
        for key, value in element.attrib.items():
            twin.set(key, value)
        put_child(rpr, twin, RPR_ORDER)


def set_script_fonts(rpr: etree._Element, lang: str, only_existing: bool = False) -> None:
    """The language's script font (``w:cs`` for Arabic, ``w:eastAsia`` for Chinese) in ``w:rFonts``."""
    fonts = get_language(lang).fonts
    if not fonts:
        return
    element = rpr.find(f"{_W}rFonts")
    if element is None:
        if only_existing:
            return
        element = _set_child(rpr, "rFonts", RPR_ORDER)
    for attribute, name in fonts:
        element.set(f"{_W}{attribute}", name)
        theme = {"cs": "cstheme", "eastAsia": "eastAsiaTheme"}.get(attribute)
        if theme:
            element.attrib.pop(f"{_W}{theme}", None)


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


def put_child(parent: etree._Element, child: etree._Element, order: list[str]) -> None:
    """Put ``child`` into ``parent`` at its schema place, replacing an element of the same name."""
    name = etree.QName(child).localname
    for old in parent.findall(f"{_W}{name}"):
        parent.remove(old)
    rank = order.index(name) if name in order else len(order)
    for sibling in parent:
        local = etree.QName(sibling).localname if isinstance(sibling.tag, str) else ""
        if local in order and order.index(local) > rank:
            sibling.addprevious(child)
            return
    parent.append(child)


def _set_child(
    parent: etree._Element, name: str, order: list[str], attributes: dict[str, str] | None = None
) -> etree._Element:
    """Get or insert ``w:<name>`` in ``parent`` at the place the schema requires, and set its attributes."""
    child = parent.find(f"{_W}{name}")
    if child is None:
        child = _new(name)
        put_child(parent, child, order)
    for key, value in (attributes or {}).items():
        child.set(f"{_W}{key}", value)
    return child
