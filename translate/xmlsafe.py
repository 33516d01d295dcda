"""The one safe way hexaglot reads XML (DOCX parts, TMX, TBX, XLIFF, pdftotext's output).

Entities are never resolved, DTDs never loaded, the network never touched, no huge trees. The DOCTYPE rule for
TMX, TBX and XLIFF: a plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is accepted (and its DTD not loaded); a DOCTYPE
with an internal subset that declares anything (entities: an XML bomb or an external entity; elements, attributes)
is refused with a :class:`~translate.errors.BadInputError` at the DOCTYPE's line. DOCX parts, which never carry a
DOCTYPE, refuse any (:func:`has_doctype`, checked on the package before python-docx parses it). Malformed XML is
refused at its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from translate.errors import BadInputError, check_regular_file, control_problem, find_control

SAFE_OPTIONS: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def parser(**extra: Any) -> etree.XMLParser:
    """A parser with the safe options (``extra``: remove_comments, remove_pis, ...)."""
    return etree.XMLParser(**SAFE_OPTIONS, **extra)


def doctype_problem(tree: etree._ElementTree) -> str | None:
    """What the DOCTYPE rule refuses in ``tree`` (None: nothing)."""
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return None
    if any(True for _ in dtd.iterentities()):
        return "a DOCTYPE that declares entities is not allowed (entity declarations: XML bomb or external entity)"
    if any(True for _ in dtd.iterelements()):
        return "a DOCTYPE that declares elements is not allowed"
    return None


def has_doctype(data: bytes) -> bool:
    """Whether an XML document has a DOCTYPE or an entity declaration, in whatever encoding it is written (UTF-16
    hides it from a byte search). DOCX parts never have one: a DOCX refuses any (before python-docx parses it)."""
    head = data[:4]
    encoding = "utf-8"
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or head in (b"<\x00\x00\x00", b"\x00\x00\x00<"):
        encoding = "utf-32"
        if head in (b"<\x00\x00\x00",):
            encoding = "utf-32-le"
        elif head == b"\x00\x00\x00<":
            encoding = "utf-32-be"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif head.startswith(b"<\x00"):
        encoding = "utf-16-le"
    elif head.startswith(b"\x00<"):
        encoding = "utf-16-be"
    text = data.decode(encoding, errors="replace")
    return "<!doctype" in text.lower() or "<!entity" in text.lower()


def _doctype_line(data: bytes) -> int:
    position = data.find(b"<!DOCTYPE")
    return data[:position].count(b"\n") + 1 if position >= 0 else 1


def check_doctype(root: etree._Element, path: str | Path, data: bytes | None = None) -> None:
    """Apply the DOCTYPE rule to a parsed document (``data``: its bytes, for the line; else the file's head)."""
    problem = doctype_problem(root.getroottree())
    if problem is None:
        return
    if data is None:
        try:
            with open(path, "rb") as handle:
                data = handle.read(1 << 16)
        except OSError:
            data = b""
    raise BadInputError(path, problem, _doctype_line(data))


def parse_bytes(data: bytes, path: str | Path, **extra: Any) -> etree._Element:
    """The root of the XML document ``data`` (read from ``path``), or BadInputError: malformed (at its line),
    empty, or a DOCTYPE the rule refuses."""
    try:
        root = etree.fromstring(data, parser(**extra))
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else None)
        raise BadInputError(path, f"malformed XML: {error.msg}", line) from None
    if root is None:
        raise BadInputError(path, "empty XML document")
    check_doctype(root, path, data)
    return root


def parse_file(path: str | Path, **extra: Any) -> etree._Element:
    """:func:`parse_bytes` of the file at ``path`` (unreadable, a folder or a FIFO: BadInputError)."""
    check_regular_file(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise BadInputError(path, f"cannot read: {error.strerror}") from None
    return parse_bytes(data, path, **extra)


def iterparse(source: Any, **extra: Any) -> Iterator[tuple[str, etree._Element]]:
    """``lxml.etree.iterparse`` with the safe options (streamed formats: TMX). Call :func:`check_doctype` on the
    first element's root."""
    return etree.iterparse(source, **SAFE_OPTIONS, **extra)


def check_tree_controls(path: str | Path, root: etree._Element) -> None:
    """Refuse an XML tree whose text or attributes hold a control character XML 1.0 lets through (DEL and the C1
    controls, ``\\x85``, ``\\x9b``): escape sequences, not terms or translations."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for value in (element.text or "", element.tail or "", *element.attrib.values()):
            position = find_control(value)
            if position >= 0:
                raise BadInputError(path, control_problem(value[position]), f"line {element.sourceline}")
