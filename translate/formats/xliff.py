"""XLIFF 1.2 and 2.0: read what other CAT tools send back, write what agencies need.

Reading (:func:`read_xliff`) accepts both versions and returns one :class:`XliffUnit` per translatable
segment (a 1.2 ``<trans-unit>``, a 2.0 ``<segment>``). Parsing is safe: lxml with entity resolution,
DTD loading and network off; a DOCTYPE with an internal subset is refused (:mod:`translate.xmlsafe`). Anything malformed
raises :class:`~translate.errors.BadInputError` naming the file and the line.

States: ``XliffUnit.state`` is always a hexaglot state (:class:`~translate.states.SegmentState` value);
the raw XLIFF state is kept in ``xliff_state``. The writers use this mapping, and the reader maps back,
so a round trip through hexaglot's own files keeps all five states exactly::

    hexaglot      XLIFF 1.2 (<target state=...>, approved= on <trans-unit>)   XLIFF 2.0 (<segment state= subState=>)
    untranslated  needs-translation, empty target                            initial, no target
    draft         needs-review-translation (+ state-qualifier leveraged-*)   initial   hexaglot:draft
    translated    translated                                                 translated
    approved      final, approved="yes"                                      final
    rejected      needs-translation, hx:state="rejected" + review note       initial   hexaglot:rejected

Files from other tools map as follows: no or empty target -> untranslated; 1.2 ``approved="yes"``,
``final`` or ``signed-off`` -> approved; 1.2 ``translated`` -> translated; any other 1.2 state with a
target (``new``, ``needs-*``) -> draft; 2.0 ``final`` or ``reviewed`` -> approved, ``translated`` ->
translated, ``initial`` with a target -> draft. A target with no state attribute at all (common in
hand-kept files such as Symfony's) counts as translated. A ``hexaglot:`` subState (2.0) or ``hx:state`` attribute
(1.2) wins over the standard attributes. The rejection comment travels as a note (1.2
``<note from="hexaglot-review">``, 2.0 ``<note category="hexaglot-review">``).

Inline formatting: hexaglot's placeholders (:mod:`translate.formats.inline`, ``<1>..</1>``, ``<2/>``) are
written as XLIFF inline elements, 2.0 ``<pc id="1">..</pc>`` and ``<ph id="2"/>``, 1.2
``<bpt id="1">..</bpt>..<ept id="1">..</ept>`` and ``<x id="2"/>``, and read back from those and from
``<g>``, ``<ph>``, ``<x>``, ``<sc>``/``<ec>`` with numeric ids (1-999), so a CAT tool's protected tags
come back as the same placeholders. Other inline elements are flattened: ``mrk`` (and ``g``/``pc``
without a numeric id) keep their content; ``bx``, ``ex``, ``it``, ``sm``, ``em`` are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from translate import xmlsafe
from translate.errors import BadInputError
from translate.fileio import atomic_write_bytes
from translate.lang import resolve_code
from translate.states import SegmentState

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
HEXAGLOT_NS = "urn:hexaglot:xliff"
"""Namespace of hexaglot's own attribute in XLIFF 1.2 (``hx:state``); foreign tools keep or ignore it."""
SUBSTATE_PREFIX = "hexaglot:"
REVIEW_NOTE = "hexaglot-review"
VERSIONS = ("1.2", "2.0")

_STATE_TO_12: dict[str, str] = {
    SegmentState.UNTRANSLATED: "needs-translation",
    SegmentState.DRAFT: "needs-review-translation",
    SegmentState.TRANSLATED: "translated",
    SegmentState.APPROVED: "final",
    SegmentState.REJECTED: "needs-translation",
}
_STATE_TO_20: dict[str, tuple[str, str | None]] = {
    SegmentState.UNTRANSLATED: ("initial", None),
    SegmentState.DRAFT: ("initial", "hexaglot:draft"),
    SegmentState.TRANSLATED: ("translated", None),
    SegmentState.APPROVED: ("final", None),
    SegmentState.REJECTED: ("initial", "hexaglot:rejected"),
}
_QUALIFIER_BY_ORIGIN = {"mt": "leveraged-mt", "tm": "leveraged-tm", "previous-source": "leveraged-inherited"}
_STATE_VALUES = {state.value for state in SegmentState}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class XliffUnit:
    """One translatable segment of an XLIFF file.

    ``state`` is the hexaglot state (untranslated, draft, translated, approved, rejected); ``xliff_state``
    is the state as written in the file (1.2 ``state`` attribute, 2.0 ``state[/subState]``).
    """

    id: str
    source: str
    target: str = ""
    state: str = SegmentState.UNTRANSLATED.value
    source_lang: str = "en"
    target_lang: str = ""
    line: int = 0
    """Line of the ``<trans-unit>`` / ``<segment>`` in the file (0 for units built in memory)."""
    xliff_state: str = ""
    note: str = ""
    """The review comment (why a segment was rejected)."""
    original: str = ""
    """The ``original`` attribute of the enclosing ``<file>``: the source document."""
    origin: str = ""
    """Provenance origin of a draft (mt, tm, ...), written as a 1.2 state-qualifier."""

    @property
    def lang(self) -> str:
        """The hexaglot code of the target language (``zh-CN`` -> ``zh``); the raw tag if unknown."""
        return resolve_code(self.target_lang) or self.target_lang


# --- reading -----------------------------------------------------------------------------------------


def read_xliff(path: str | Path) -> list[XliffUnit]:
    """Every translatable segment of an XLIFF 1.2 or 2.0 file, in document order."""
    root = _parse(Path(path))
    namespace = etree.QName(root).namespace
    local = etree.QName(root).localname
    if local != "xliff":
        raise BadInputError(path, f"not XLIFF: the root element is <{local}>", root.sourceline)
    version = root.get("version", "")
    if namespace == XLIFF12_NS or (namespace is None and version.startswith("1.")):
        return _unique(path, list(_read_12(root, namespace, Path(path))))
    if namespace == XLIFF20_NS or version.startswith("2."):
        return _unique(path, list(_read_20(root, namespace, Path(path))))
    raise BadInputError(path, f"unsupported XLIFF version {version!r} (namespace {namespace})", root.sourceline)


def _unique(path: str | Path, units: list[XliffUnit]) -> list[XliffUnit]:
    """Refuse a unit id given twice: which of the two translations is the work would be a guess."""
    first: dict[str, int] = {}
    for unit in units:
        if unit.id in first:
            raise BadInputError(path, f"unit id {unit.id!r} appears twice (first on line {first[unit.id]})", unit.line)
        first[unit.id] = unit.line
    return units


def _parse(path: Path) -> etree._Element:
    """Parse safely (:mod:`translate.xmlsafe`: no entities, DTD or network; its DOCTYPE rule; no C1 controls)."""
    root = xmlsafe.parse_file(path, remove_comments=True)
    xmlsafe.check_tree_controls(path, root)
    return root


def _q(namespace: str | None, name: str) -> str:
    return f"{{{namespace}}}{name}" if namespace else name


def _inline_text(element: etree._Element | None) -> str:
    """The text of ``<source>``/``<target>`` with inline elements as hexaglot placeholders (module docstring)."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # entity references and processing instructions
            if isinstance(child, etree._Entity):
                parts.append(child.text or "")
            parts.append(child.tail or "")
            continue
        local = etree.QName(child).localname
        tag_id = child.get("id", "")
        numbered = bool(_PLACEHOLDER_ID.fullmatch(tag_id))
        if local in ("g", "pc"):
            content = _inline_text(child)
            parts.append(f"<{tag_id}>{content}</{tag_id}>" if numbered else content)
        elif local == "mrk":
            parts.append(_inline_text(child))
        elif local in ("bpt", "sc") and numbered:
            parts.append(f"<{tag_id}>")
        elif local in ("ept", "ec"):
            pair = child.get("rid") or child.get("startRef") or tag_id
            if _PLACEHOLDER_ID.fullmatch(pair):
                parts.append(f"</{pair}>")
        elif local in ("ph", "x") and numbered:
            parts.append(f"<{tag_id}/>")
        parts.append(child.tail or "")
    return "".join(parts)


_PLACEHOLDER_ID = re.compile(r"[1-9][0-9]{0,2}")


def _write_inline(element: etree._Element, text: str, version: str) -> None:
    """Put ``text`` into ``<source>``/``<target>``: placeholders as XLIFF inline elements (2.0 ``<pc>`` and
    ``<ph>``; 1.2 ``<bpt>``/``<ept>`` and ``<x>``). Malformed placeholders stay as text."""
    from translate.formats.inline import find_tags, is_well_formed

    text = _clean(text)
    tags = find_tags(text) if "<" in text else []
    if not tags or not is_well_formed(text):
        element.text = text
        return
    ns = etree.QName(element).namespace
    parents = [element]
    last: etree._Element | None = None
    position = 0

    def add_text(value: str) -> None:
        if not value:
            return
        if last is None:
            parents[-1].text = (parents[-1].text or "") + value
        else:
            last.tail = (last.tail or "") + value

    for tag in tags:
        add_text(text[position : tag.start])
        position = tag.end
        if version == "2.0" and tag.kind == "open":
            child = etree.SubElement(parents[-1], _q(ns, "pc"), id=tag.id)
            parents.append(child)
            last = None
            continue
        if version == "2.0" and tag.kind == "close":
            last = parents.pop()
            continue
        if version == "2.0":
            last = etree.SubElement(parents[-1], _q(ns, "ph"), id=tag.id)
        elif tag.kind == "open":
            last = etree.SubElement(parents[-1], _q(ns, "bpt"), id=tag.id)
            last.text = tag.text
        elif tag.kind == "close":
            last = etree.SubElement(parents[-1], _q(ns, "ept"), id=tag.id)
            last.text = tag.text
        else:
            last = etree.SubElement(parents[-1], _q(ns, "x"), id=tag.id)
    add_text(text[position:])


def _read_12(root: etree._Element, ns: str | None, path: Path) -> Iterable[XliffUnit]:
    for file_element in root.iter(_q(ns, "file")):
        source_lang = file_element.get("source-language", "")
        target_lang = file_element.get("target-language", "")
        original = file_element.get("original", "")
        for unit in file_element.iter(_q(ns, "trans-unit")):
            if unit.get("translate") == "no":
                continue
            unit_id = unit.get("id")
            if not unit_id:
                raise BadInputError(path, "<trans-unit> without an id", unit.sourceline)
            source = unit.find(_q(ns, "source"))
            if source is None:
                raise BadInputError(path, f"<trans-unit id={unit_id!r}> has no <source>", unit.sourceline)
            target = unit.find(_q(ns, "target"))
            text = _inline_text(target)
            raw_state = target.get("state", "") if target is not None else ""
            own = target.get(_q(HEXAGLOT_NS, "state"), "") if target is not None else ""
            qualifier = target.get("state-qualifier", "") if target is not None else ""
            yield XliffUnit(
                id=unit_id,
                source=_inline_text(source),
                target=text,
                state=_state_from_12(text, raw_state, unit.get("approved") == "yes", own),
                source_lang=source_lang,
                target_lang=(target.get(_XML_LANG) if target is not None else None) or target_lang,
                line=unit.sourceline or 0,
                xliff_state=raw_state,
                note=_note(unit, ns, "from"),
                original=original,
                origin=_origin_from_qualifier(qualifier),
            )


def _state_from_12(text: str, state: str, approved: bool, own: str) -> str:
    if not text.strip():  # a whitespace-only target is no translation
        return SegmentState.UNTRANSLATED.value
    if own in _STATE_VALUES and own != SegmentState.UNTRANSLATED:
        return own
    if approved or state in ("final", "signed-off"):
        return SegmentState.APPROVED.value
    if state in ("translated", ""):
        return SegmentState.TRANSLATED.value
    return SegmentState.DRAFT.value


def _origin_from_qualifier(qualifier: str) -> str:
    for origin, value in _QUALIFIER_BY_ORIGIN.items():
        if value == qualifier:
            return origin
    return ""


def _note(element: etree._Element, ns: str | None, attribute: str) -> str:
    """The hexaglot review note of a unit (1.2 ``from=``, 2.0 ``category=``)."""
    for note in element.iter(_q(ns, "note")):
        if note.get(attribute) == REVIEW_NOTE:
            return note.text or ""
    return ""


def _read_20(root: etree._Element, ns: str | None, path: Path) -> Iterable[XliffUnit]:
    source_lang = root.get("srcLang", "")
    target_lang = root.get("trgLang", "")
    for file_element in root.iter(_q(ns, "file")):
        original = file_element.get("original", "")
        for unit in file_element.iter(_q(ns, "unit")):
            if unit.get("translate") == "no":
                continue
            unit_id = unit.get("id")
            if not unit_id:
                raise BadInputError(path, "<unit> without an id", unit.sourceline)
            segments = unit.findall(_q(ns, "segment"))
            note = _note(unit, ns, "category")
            for number, segment in enumerate(segments, start=1):
                source = segment.find(_q(ns, "source"))
                if source is None:
                    raise BadInputError(path, f"<segment> of unit {unit_id!r} has no <source>", segment.sourceline)
                text = _inline_text(segment.find(_q(ns, "target")))
                state = segment.get("state", "")
                sub_state = segment.get("subState", "")
                segment_id = unit_id if len(segments) == 1 else f"{unit_id}/{segment.get('id') or number}"
                yield XliffUnit(
                    id=segment_id,
                    source=_inline_text(source),
                    target=text,
                    state=_state_from_20(text, state, sub_state),
                    source_lang=source_lang,
                    target_lang=target_lang,
                    line=segment.sourceline or 0,
                    xliff_state=f"{state}/{sub_state}" if sub_state else state,
                    note=note,
                    original=original,
                )


def _state_from_20(text: str, state: str, sub_state: str) -> str:
    if not text.strip():  # a whitespace-only target is no translation
        return SegmentState.UNTRANSLATED.value
    if sub_state.startswith(SUBSTATE_PREFIX):
        own = sub_state[len(SUBSTATE_PREFIX) :]
        if own in _STATE_VALUES and own != SegmentState.UNTRANSLATED:
            return own
    if state in ("final", "reviewed"):
        return SegmentState.APPROVED.value
    if state in ("translated", ""):
        return SegmentState.TRANSLATED.value
    return SegmentState.DRAFT.value


# --- writing -----------------------------------------------------------------------------------------


def xliff_bytes(units: Sequence[XliffUnit], version: str, source_lang: str, target_lang: str) -> bytes:
    """Serialise ``units`` (hexaglot states) as an XLIFF ``version`` document, one ``<file>`` per original."""
    if version == "1.2":
        root = _build_12(units, source_lang, target_lang)
    elif version == "2.0":
        root = _build_20(units, source_lang, target_lang)
    else:
        raise ValueError(f"XLIFF version must be one of {', '.join(VERSIONS)}, not {version!r}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_xliff(
    path: str | Path, units: Sequence[XliffUnit], version: str = "2.0", source_lang: str = "en", target_lang: str = ""
) -> None:
    """Write ``units`` to ``path`` atomically as XLIFF 1.2 or 2.0."""
    atomic_write_bytes(path, xliff_bytes(units, version, source_lang, target_lang))


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (C0 controls other than tab and newlines)."""
    return _NOT_XML.sub("", text)


def _by_original(units: Sequence[XliffUnit]) -> dict[str, list[XliffUnit]]:
    groups: dict[str, list[XliffUnit]] = {}
    for unit in units:
        groups.setdefault(unit.original or "hexaglot", []).append(unit)
    return groups


def _build_12(units: Sequence[XliffUnit], source_lang: str, target_lang: str) -> etree._Element:
    root = etree.Element(_q(XLIFF12_NS, "xliff"), nsmap={None: XLIFF12_NS, "hx": HEXAGLOT_NS}, version="1.2")
    for original, group in _by_original(units).items():
        file_element = etree.SubElement(
            root,
            _q(XLIFF12_NS, "file"),
            {"original": original, "source-language": source_lang, "target-language": target_lang},
            datatype="plaintext",
        )
        body = etree.SubElement(file_element, _q(XLIFF12_NS, "body"))
        for unit in group:
            _unit_12(body, unit)
    return root


def _unit_12(body: etree._Element, unit: XliffUnit) -> None:
    state = SegmentState(unit.state)
    element = etree.SubElement(body, _q(XLIFF12_NS, "trans-unit"), id=unit.id)
    element.set(_XML_SPACE, "preserve")
    if state is SegmentState.APPROVED:
        element.set("approved", "yes")
    _write_inline(etree.SubElement(element, _q(XLIFF12_NS, "source")), unit.source, "1.2")
    target = etree.SubElement(element, _q(XLIFF12_NS, "target"), state=_STATE_TO_12[state])
    _write_inline(target, unit.target if state is not SegmentState.UNTRANSLATED else "", "1.2")
    if state is SegmentState.REJECTED:
        target.set(_q(HEXAGLOT_NS, "state"), state.value)
    if state is SegmentState.DRAFT and unit.origin in _QUALIFIER_BY_ORIGIN:
        target.set("state-qualifier", _QUALIFIER_BY_ORIGIN[unit.origin])
    if unit.note:
        etree.SubElement(element, _q(XLIFF12_NS, "note"), {"from": REVIEW_NOTE}).text = _clean(unit.note)


def _build_20(units: Sequence[XliffUnit], source_lang: str, target_lang: str) -> etree._Element:
    root = etree.Element(
        _q(XLIFF20_NS, "xliff"), nsmap={None: XLIFF20_NS}, version="2.0", srcLang=source_lang, trgLang=target_lang
    )
    for number, (original, group) in enumerate(_by_original(units).items(), start=1):
        file_element = etree.SubElement(root, _q(XLIFF20_NS, "file"), id=f"f{number}", original=original)
        for unit in group:
            _unit_20(file_element, unit)
    return root


def _unit_20(file_element: etree._Element, unit: XliffUnit) -> None:
    state = SegmentState(unit.state)
    element = etree.SubElement(file_element, _q(XLIFF20_NS, "unit"), id=unit.id)
    if unit.note:
        notes = etree.SubElement(element, _q(XLIFF20_NS, "notes"))
        etree.SubElement(notes, _q(XLIFF20_NS, "note"), category=REVIEW_NOTE).text = _clean(unit.note)
    xliff_state, sub_state = _STATE_TO_20[state]
    segment = etree.SubElement(element, _q(XLIFF20_NS, "segment"), state=xliff_state)
    if sub_state:
        segment.set("subState", sub_state)
    source = etree.SubElement(segment, _q(XLIFF20_NS, "source"))
    _write_inline(source, unit.source, "2.0")
    source.set(_XML_SPACE, "preserve")
    if state is not SegmentState.UNTRANSLATED:
        target = etree.SubElement(segment, _q(XLIFF20_NS, "target"))
        _write_inline(target, unit.target, "2.0")
        target.set(_XML_SPACE, "preserve")
