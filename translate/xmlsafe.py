"""The one safe way hexaglot reads XML (DOCX parts, TMX, TBX, XLIFF, pdftotext's output).

Entities are never resolved, DTDs never loaded, the network never touched, no huge trees. Malformed XML is refused
at its line.

**The DOCTYPE rule**, the same for every XML hexaglot reads (DOCX parts, TMX, TBX, XLIFF): a DOCTYPE may name the
root element and an external DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, as real TMX files do; the DTD is never
loaded); a DOCTYPE with an internal subset (``<!DOCTYPE x [ ... ]>``, where entities, elements, attributes and
notations are declared: an XML bomb, an external entity, default attributes) is refused with a
:class:`~translate.errors.BadInputError` at the DOCTYPE's line, whatever it declares and whatever the encoding
(UTF-16 and UTF-32 hide ``<!ENTITY`` from a byte search). :func:`doctype_problem` reads the prolog from the bytes,
before any parser (python-docx's included) sees them; after parsing, :func:`check_parsed_doctype` refuses any
declaration lxml reports, so a prolog the scan could not decode is still held to the rule.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from translate.errors import BadInputError, check_regular_file, control_problem, find_control

SAFE_OPTIONS: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
PROLOG_LIMIT = 1 << 20
"""Bytes read from a streamed file's start for the DOCTYPE rule (a prolog is a few hundred bytes; a longer one,
comments, is still checked after parsing by :func:`check_parsed_doctype`)."""

INTERNAL_SUBSET = "a DOCTYPE with an internal subset ([...]) is not allowed"
"""The start of every refusal by the DOCTYPE rule."""
ENTITIES_REFUSED = f"{INTERNAL_SUBSET}: it declares entities (an XML bomb or an external entity)"
DECLARATIONS_REFUSED = f"{INTERNAL_SUBSET} (a DOCTYPE may only name an external DTD, which is never loaded)"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UNMARKED = (  # XML 1.0 appendix F: the first characters "<?xm" or "<" without a byte order mark
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"\x4c\x6f\xa7\x94", "cp037"),  # "<?xm" in EBCDIC
    (b"<\x00", "utf-16-le"),  # "<" then any character, as the parser also reads it
    (b"\x00<", "utf-16-be"),
)
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']""")
_SPACES = re.compile(r"\s*")
_NAME = re.compile(r"[^\s\[>]+")
_EXTERNAL_ID = re.compile(r"\s+(SYSTEM|PUBLIC)")
_LITERAL = re.compile(r"""\s+(?:"[^"]*"|'[^']*')""")


def parser(**extra: Any) -> etree.XMLParser:
    """A parser with the safe options (``extra``: remove_comments, remove_pis, ...)."""
    return etree.XMLParser(**SAFE_OPTIONS, **extra)


def prolog_text(data: bytes) -> str | None:
    """The start of an XML document as text, in the encoding its byte order mark, first bytes or declaration give
    (None: an encoding Python does not know; the parser then refuses the file)."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(encoding, errors="replace")
    for start, encoding in _UNMARKED:
        if data.startswith(start):
            text = data.decode(encoding, errors="replace")
            if encoding == "cp037":
                return text
            declared = _DECLARED_ENCODING.match(text.encode("ascii", errors="replace"))
            return text if declared is None else _decode_declared(data, declared.group(1).decode(), encoding)
    declared = _DECLARED_ENCODING.match(data)
    if declared is None:
        return data.decode("latin-1")  # an ASCII-compatible encoding: the markup reads the same in any of them
    return _decode_declared(data, declared.group(1).decode("ascii"), "latin-1")


def _decode_declared(data: bytes, name: str, fallback: str) -> str | None:
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    if codec.name.startswith(("utf-16", "utf-32")) and fallback.startswith(("utf-16", "utf-32")):
        return data.decode(fallback, errors="replace")  # the first bytes already told the byte order
    if codec.name.startswith(("utf-16", "utf-32")):
        return data.decode("latin-1")  # "UTF-16" declared in single bytes: malformed, the parser says so
    return data.decode(codec.name, errors="replace")


def doctype_problem(data: bytes) -> tuple[str, int] | None:
    """What the DOCTYPE rule refuses in the XML document that ``data`` starts, and the DOCTYPE's line (None:
    nothing, or a prolog that ends before the DOCTYPE's end, which the parser then reads)."""
    text = prolog_text(data)
    if text is None:
        return None
    position = _skip_misc(text, 0)
    if position < 0 or not text.startswith("<!DOCTYPE", position):
        return None
    line = text.count("\n", 0, position) + 1
    cursor = _after_external_id(text, position + len("<!DOCTYPE"))
    if cursor < 0:
        return None
    cursor = _SPACES.match(text, cursor).end()
    if not text.startswith("[", cursor):
        return None  # ">" (the rule accepts it) or malformed (the parser refuses it)
    subset = text[cursor : text.find("]", cursor) + 1 or len(text)]
    if "<!ENTITY" in subset:
        return ENTITIES_REFUSED, line
    return DECLARATIONS_REFUSED, line


def _skip_misc(text: str, position: int) -> int:
    """Where the first markup after the XML declaration, comments, processing instructions and spaces starts
    (-1: the text ends inside one of them)."""
    while True:
        position = _SPACES.match(text, position).end()
        for start, end in (("<?", "?>"), ("<!--", "-->")):
            if text.startswith(start, position):
                close = text.find(end, position + len(start))
                if close < 0:
                    return -1
                position = close + len(end)
                break
        else:
            return position


def _after_external_id(text: str, position: int) -> int:
    """Where a DOCTYPE's name and optional ``SYSTEM "…"`` / ``PUBLIC "…" "…"`` end (-1: malformed)."""
    after_spaces = _SPACES.match(text, position).end()
    name = _NAME.match(text, after_spaces)
    if after_spaces == position or name is None:
        return -1
    position = name.end()
    keyword = _EXTERNAL_ID.match(text, position)
    if keyword is None:
        return position
    position = keyword.end()
    for _ in range(1 if keyword.group(1) == "SYSTEM" else 2):
        literal = _LITERAL.match(text, position)
        if literal is None:
            return -1
        position = literal.end()
    return position


def check_doctype(data: bytes, path: str | Path, part: str = "") -> None:
    """Apply the DOCTYPE rule to the bytes of an XML document read from ``path`` (``part``: its name inside a
    package, as DOCX's ``word/document.xml``)."""
    found = doctype_problem(data)
    if found is not None:
        problem, line = found
        raise BadInputError(path, f"part {part}: {problem}" if part else problem, line)


def check_file_doctype(handle: IO[bytes], path: str | Path) -> str | None:
    """:func:`check_doctype` on the start of an open file (streamed formats: TMX); the file is rewound. Returns the
    encoding to give :func:`iterparse`: lxml's incremental parser misreads UTF-32 behind a byte order mark unless
    told (None: let it detect)."""
    data = handle.read(PROLOG_LIMIT)
    handle.seek(0)
    check_doctype(data, path)
    return "UTF-32" if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else None


def check_parsed_doctype(root: etree._Element, path: str | Path) -> None:
    """The rule after parsing: any entity or element declaration lxml reports is refused (an internal subset the
    byte scan could not read)."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    if any(True for _ in dtd.iterentities()):
        raise BadInputError(path, ENTITIES_REFUSED)
    if any(True for _ in dtd.iterelements()):
        raise BadInputError(path, DECLARATIONS_REFUSED)


def parse_bytes(data: bytes, path: str | Path, **extra: Any) -> etree._Element:
    """The root of the XML document ``data`` (read from ``path``), or BadInputError: a DOCTYPE the rule refuses,
    malformed (at its line), or empty."""
    check_doctype(data, path)
    try:
        root = etree.fromstring(data, parser(**extra))
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else None)
        raise BadInputError(path, f"malformed XML: {error.msg}", line) from None
    if root is None:
        raise BadInputError(path, "empty XML document")
    check_parsed_doctype(root, path)
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
    """``lxml.etree.iterparse`` with the safe options (streamed formats: TMX). Call :func:`check_file_doctype`
    before and :func:`check_parsed_doctype` on the first element's root."""
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
