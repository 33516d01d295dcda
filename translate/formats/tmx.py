"""TMX 1.4b translation memories: a streaming reader and writer.

Reading uses ``lxml.etree.iterparse`` and frees every ``<tu>`` once read, so memory stays flat in the file
size. Entities are never resolved, DTDs never loaded, the network never touched; a DOCTYPE with an internal
subset (billion laughs, external entities) is refused (:mod:`translate.xmlsafe`). Anything malformed raises
:class:`~translate.errors.BadInputError` naming the file and line.

Inline markup is kept as placeholders in the segment text, the markup itself in ``Variant.codes``::

    <seg>Press <bpt i="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept> now<ph x="2">&lt;br/&gt;</ph></seg>
    text  = "Press {bpt1}Enter{ept2} now{ph3}"
    codes = ('<bpt i="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>', '<ph x="2">&lt;br/&gt;</ph>')

``bpt``, ``ept``, ``ph``, ``it``, ``ut`` and ``x`` become one placeholder each (``{<tag><n>}``, n counting from
1 in the segment); ``hi`` and ``g`` keep their translatable content between ``{hi<n>}`` and ``{/hi<n>}``.
Writing a unit puts the original markup back, so a read-write round trip keeps it.

``xml:lang`` (or TMX 1.1 ``lang``) variants such as en-US, ZH-CN, zh-Hans or es-419 are mapped to hexaglot's
codes with :func:`translate.lang.resolve_code`; the original tag is kept and written back. Unknown languages are
kept too (``lang`` is None). ``tuid``, dates, ``creationid``/``changeid``, ``<prop>`` and ``<note>`` survive a
round trip, at unit and variant level.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from lxml import etree

from translate import xmlsafe
from translate.errors import BadInputError, check_regular_file
from translate.fileio import atomic_open
from translate.lang import resolve_code

_resolve = lru_cache(maxsize=4096)(resolve_code)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOMIC_INLINE = frozenset({"bpt", "ept", "ph", "it", "ut", "x"})
PAIRED_INLINE = frozenset({"hi", "g"})
PLACEHOLDER = re.compile(r"\{(/?)([a-z]+)(\d+)\}")
CONTEXT_PREV = "x-context-prev"
CONTEXT_NEXT = "x-context-next"
"""Unit properties holding the previous and next source segment (a context match needs both)."""
CompactUnit = tuple[str | None, dict[str, str], str | None, str | None]


@dataclass(slots=True)
class Variant:
    """One ``<tuv>``: a language's text of the unit."""

    xml_lang: str
    text: str
    codes: tuple[str, ...] = ()
    """The inline elements behind the placeholders of ``text``, serialised, in order."""
    attributes: dict[str, str] = field(default_factory=dict)
    """Other ``<tuv>`` attributes (creationdate, changeid, ...), kept as written."""
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def lang(self) -> str | None:
        """hexaglot's code for ``xml_lang`` (``es-419`` -> ``es``), None for a language hexaglot lacks."""
        return _resolve(self.xml_lang)


@dataclass(slots=True)
class TranslationUnit:
    """One ``<tu>``."""

    tuid: str | None
    variants: list[Variant] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    """Other ``<tu>`` attributes (creationdate, changedate, creationid, srclang, ...), kept as written."""
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line: int = 0

    def variant(self, lang: str) -> Variant | None:
        """The first variant whose language resolves to ``lang``."""
        for variant in self.variants:
            if variant.lang == lang:
                return variant
        return None

    def text(self, lang: str) -> str | None:
        variant = self.variant(lang)
        return variant.text if variant is not None else None

    def prop(self, kind: str) -> str | None:
        for name, value in self.props:
            if name == kind:
                return value
        return None

    def languages(self) -> list[str]:
        return [variant.lang for variant in self.variants if variant.lang]


@dataclass
class TmxHeader:
    """The ``<header>`` attributes, props and notes."""

    attributes: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def srclang(self) -> str:
        return self.attributes.get("srclang", "")


# --- reading -------------------------------------------------------------------------------------------


class TmxReader:
    """Iterate over the units of a TMX file without holding the file in memory.

    ``header`` is filled once iteration has passed ``<header>``. Any problem raises BadInputError.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.header = TmxHeader()

    def __iter__(self) -> Iterator[TranslationUnit]:
        return self._run(_read_unit)

    def compact(self) -> Iterator[CompactUnit]:
        """Units as ``(tuid, {lang: text}, context previous, context next)``: what an index needs, read
        faster than full units (same validation). ``lang`` is hexaglot's code; the first variant per
        language wins; variants in languages hexaglot lacks are left out."""
        return self._run(_read_compact)

    def _run(self, read: Callable[[Path, etree._Element], Any]) -> Iterator[Any]:
        check_regular_file(self.path)
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed in finally
        except OSError as error:
            raise BadInputError(self.path, f"cannot read: {error.strerror}") from None
        try:
            etree.clear_error_log()  # _first_error reads this parse's log, not an earlier one's
            yield from self._units(handle, read)
        except etree.XMLSyntaxError as error:
            message, line = _first_error(error)
            raise BadInputError(self.path, f"malformed TMX: {message}", line) from None
        except UnicodeDecodeError as error:
            raise BadInputError(self.path, f"not valid UTF-8: {error.reason}") from None
        finally:
            handle.close()

    def _units(self, handle: IO[bytes], read: Callable[[Path, etree._Element], Any]) -> Iterator[Any]:
        encoding = xmlsafe.check_file_doctype(handle, self.path)
        context = xmlsafe.iterparse(
            handle,
            events=("end",),
            tag=("tu", "header", "{*}tu", "{*}header"),
            remove_comments=True,
            remove_pis=True,
            encoding=encoding,
        )
        checked_root = False
        path = self.path
        for _event, element in context:
            if not checked_root:
                self._check_root(element.getroottree().getroot())
                checked_root = True
            if _local(element) == "tu":
                xmlsafe.check_tree_controls(path, element)
                yield read(path, element)
                _free(element)
            else:
                self.header = _read_header(element)
        root = getattr(context, "root", None)
        if root is None:
            raise BadInputError(self.path, "empty file: no <tmx> element", 1)
        if not checked_root:
            self._check_root(root)

    def _check_root(self, root: etree._Element) -> None:
        xmlsafe.check_parsed_doctype(root, self.path)
        if _local(root) != "tmx":
            raise BadInputError(self.path, f"not a TMX file: the root element is <{_local(root)}>", root.sourceline)


def read_tmx(path: str | Path) -> Iterator[TranslationUnit]:
    """The units of a TMX file, streamed."""
    return iter(TmxReader(path))


def _first_error(error: etree.XMLSyntaxError) -> tuple[str, int | None]:
    """The parser's first complaint and its line: iterparse reports "no element found" at line 0 for an undefined
    entity, while its error log holds "Entity 'nbsp' not defined" at the real line."""
    entries = [entry for entry in error.error_log if entry.line]
    if entries:
        message, line = _clean_message(entries[0].message), entries[0].line
    else:
        message, line = _clean_message(error.msg), error.lineno or None
    match = re.match(r"Entity '(\w+)' not defined", message)
    if match:
        message += f" (HTML entities such as &{match.group(1)}; are not XML: write the character itself)"
    return message, line


def _clean_message(message: str) -> str:
    return message.splitlines()[0].strip() if message else "syntax error"


def _local(element: etree._Element) -> str:
    tag = element.tag
    if tag.__class__ is not str:
        return ""
    return tag if tag[0] != "{" else tag.rsplit("}", 1)[-1]


def _free(element: etree._Element) -> None:
    """Drop a finished element from the tree: memory stays flat."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _read_header(element: etree._Element) -> TmxHeader:
    props = [(child.get("type", ""), child.text or "") for child in element if _local(child) == "prop"]
    notes = [child.text or "" for child in element if _local(child) == "note"]
    return TmxHeader(attributes=dict(element.attrib), props=props, notes=notes)


def _read_unit(path: Path, element: etree._Element) -> TranslationUnit:
    attributes = dict(element.attrib)
    tuid = attributes.pop("tuid", None)
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    variants: list[Variant] = []
    for child in element:
        name = _local(child)
        if name == "tuv":
            variants.append(_read_variant(path, child))
        elif name == "prop":
            props.append(_prop(path, child))
        elif name == "note":
            notes.append(child.text or "")
    if not variants:
        raise BadInputError(path, "<tu> without any <tuv>", element.sourceline)
    return TranslationUnit(tuid, variants, attributes, props, notes, element.sourceline or 0)


def _prop(path: Path, element: etree._Element) -> tuple[str, str]:
    kind = element.get("type")
    if not kind:
        raise BadInputError(path, "<prop> without a type attribute", element.sourceline)
    return kind, element.text or ""


def _read_compact(path: Path, element: etree._Element) -> CompactUnit:
    texts: dict[str, str] = {}
    previous = following = None
    found = False
    for child in element:
        name = _local(child)
        if name == "tuv":
            found = True
            xml_lang = child.get(XML_LANG) or child.get("lang")
            if not xml_lang:
                raise BadInputError(path, "<tuv> without xml:lang", child.sourceline)
            segments = [item for item in child if _local(item) == "seg"]
            if len(segments) != 1:
                raise BadInputError(path, f"<tuv> needs exactly one <seg>, found {len(segments)}", child.sourceline)
            segment = segments[0]
            text = segment.text or "" if len(segment) == 0 else _flatten(path, segment)[0]
            lang = _resolve(xml_lang)
            if lang is not None and lang not in texts:
                texts[lang] = text
        elif name == "prop":
            kind, value = _prop(path, child)
            if kind == CONTEXT_PREV:
                previous = value
            elif kind == CONTEXT_NEXT:
                following = value
    if not found:
        raise BadInputError(path, "<tu> without any <tuv>", element.sourceline)
    return element.get("tuid"), texts, previous, following


def _read_variant(path: Path, element: etree._Element) -> Variant:
    attributes = dict(element.attrib)
    xml_lang = attributes.pop(XML_LANG, None) or attributes.pop("lang", None)
    attributes.pop("lang", None)
    if not xml_lang:
        raise BadInputError(path, "<tuv> without xml:lang", element.sourceline)
    segment = None
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    for child in element:
        name = _local(child)
        if name == "seg":
            if segment is not None:
                raise BadInputError(path, "<tuv> needs exactly one <seg>, found more", element.sourceline)
            segment = child
        elif name == "prop":
            props.append(_prop(path, child))
        elif name == "note":
            notes.append(child.text or "")
    if segment is None:
        raise BadInputError(path, "<tuv> needs exactly one <seg>, found none", element.sourceline)
    if len(segment) == 0:
        return Variant(xml_lang, segment.text or "", (), attributes, props, notes)
    text, codes = _flatten(path, segment)
    return Variant(xml_lang, text, tuple(codes), attributes, props, notes)


def _flatten(path: Path, element: etree._Element, codes: list[str] | None = None) -> tuple[str, list[str]]:
    """Segment text with placeholders for inline elements; the elements themselves go to ``codes``."""
    if len(element) == 0:
        return element.text or "", codes if codes is not None else []
    codes = [] if codes is None else codes
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            if isinstance(child, etree._Entity):
                raise BadInputError(path, f"entity reference {child.text} is not allowed", child.sourceline)
            parts.append(child.tail or "")
            continue
        name = _local(child)
        if name in ATOMIC_INLINE:
            codes.append(_serialise(child))
            parts.append(f"{{{name}{len(codes)}}}")
        elif name in PAIRED_INLINE:
            shell = etree.Element(child.tag, attrib=dict(child.attrib))
            codes.append(etree.tostring(shell, encoding="unicode"))
            number = len(codes)
            inner, _ = _flatten(path, child, codes)
            parts.append(f"{{{name}{number}}}{inner}{{/{name}{number}}}")
        else:
            raise BadInputError(path, f"unexpected <{name}> inside <seg>", child.sourceline)
        parts.append(child.tail or "")
    return "".join(parts), codes


def _serialise(element: etree._Element) -> str:
    tail = element.tail
    element.tail = None
    try:
        return etree.tostring(element, encoding="unicode", with_tail=False)
    finally:
        element.tail = tail


# --- writing -------------------------------------------------------------------------------------------


def tmx_date(iso: str | None = None) -> str:
    """TMX's date format (``20261127T224544Z``) from an ISO 8601 UTC time (now when None)."""
    moment = _dt.datetime.fromisoformat(iso.replace("Z", "+00:00")) if iso else _dt.datetime.now(_dt.UTC)
    return moment.astimezone(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def write_tmx(
    path: str | Path,
    units: Iterable[TranslationUnit],
    *,
    srclang: str = "en",
    header: TmxHeader | None = None,
) -> int:
    """Write ``units`` to ``path`` atomically (streamed; nothing half-written). Returns the number of units."""
    with atomic_open(path, "wb", encoding=None) as handle:
        return write_tmx_stream(handle, units, srclang=srclang, header=header)


def write_tmx_stream(
    handle: IO[bytes],
    units: Iterable[TranslationUnit],
    *,
    srclang: str = "en",
    header: TmxHeader | None = None,
) -> int:
    """Write a TMX 1.4 document to a binary stream, one unit at a time."""
    attributes = {
        "creationtool": "hexaglot",
        "creationtoolversion": "1",
        "segtype": "sentence",
        "o-tmf": "hexaglot",
        "adminlang": "en",
        "srclang": srclang,
        "datatype": "plaintext",
    }
    if header is not None:
        attributes.update(header.attributes)
    count = 0
    with etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            xf.write("\n")
            header_element = etree.Element("header", attrib=attributes)
            for kind, value in header.props if header else ():
                etree.SubElement(header_element, "prop", type=kind).text = value
            for note in header.notes if header else ():
                etree.SubElement(header_element, "note").text = note
            xf.write(header_element, pretty_print=True)
            with xf.element("body"):
                xf.write("\n")
                for unit in units:
                    xf.write(unit_element(unit), pretty_print=True)
                    count += 1
            xf.write("\n")
    handle.write(b"\n")
    return count


def unit_element(unit: TranslationUnit) -> etree._Element:
    """The ``<tu>`` element of a unit (placeholders turned back into inline markup)."""
    attrib = {"tuid": unit.tuid} if unit.tuid is not None else {}
    attrib.update(unit.attributes)
    element = etree.Element("tu", attrib=attrib)
    _add_props_and_notes(element, unit.props, unit.notes)
    for variant in unit.variants:
        tuv = etree.SubElement(element, "tuv", attrib={XML_LANG: variant.xml_lang, **variant.attributes})
        _add_props_and_notes(tuv, variant.props, variant.notes)
        seg = etree.SubElement(tuv, "seg")
        _unflatten(seg, variant.text, variant.codes)
    return element


def _add_props_and_notes(element: etree._Element, props: list[tuple[str, str]], notes: list[str]) -> None:
    # TMX 1.4b order: note and prop before tuv/seg.
    for note in notes:
        etree.SubElement(element, "note").text = note
    for kind, value in props:
        etree.SubElement(element, "prop", type=kind).text = value


def _unflatten(seg: etree._Element, text: str, codes: tuple[str, ...]) -> None:
    """Fill ``seg`` with ``text``, turning placeholders that match ``codes`` back into elements."""
    stack = [seg]
    last: etree._Element | None = None
    position = 0

    def add_text(fragment: str) -> None:
        if not fragment:
            return
        parent = stack[-1]
        if last is not None and last.getparent() is parent:
            last.tail = (last.tail or "") + fragment
        else:
            parent.text = (parent.text or "") + fragment

    for match in PLACEHOLDER.finditer(text):
        closing, name, number_text = match.group(1), match.group(2), match.group(3)
        number = int(number_text)
        code = codes[number - 1] if 0 < number <= len(codes) else None
        if code is None or not code.startswith(f"<{name}"):
            continue  # literal text that only looks like a placeholder
        add_text(text[position : match.start()])
        position = match.end()
        if closing:
            if len(stack) > 1:
                last = stack.pop()
            continue
        node = etree.fromstring(code, xmlsafe.parser())
        node.tail = None
        stack[-1].append(node)
        last = node
        if name in PAIRED_INLINE:
            stack.append(node)
            last = None
    add_text(text[position:])
