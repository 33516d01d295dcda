"""File formats, one module each: source documents (docx, markdown, text), TMX, TBX, XLIFF."""

from __future__ import annotations

from pathlib import Path

from translate.errors import BadInputError
from translate.formats.document import SourceDocument, assign_keys

SOURCE_READERS = {
    ".docx": "translate.formats.docx",
    ".md": "translate.formats.markdown",
    ".markdown": "translate.formats.markdown",
    ".txt": "translate.formats.text",
    ".pdf": "translate.formats.pdf",
}


def read_source(path: str | Path) -> SourceDocument:
    """Read a .docx, .md, .txt or .pdf source into paragraphs with stable keys."""
    import importlib

    source = Path(path)
    module_name = SOURCE_READERS.get(source.suffix.lower())
    if module_name is None:
        raise BadInputError(source, f"unsupported source format {source.suffix!r} (use .docx, .md, .txt or .pdf)")
    if not source.is_file():
        raise BadInputError(source, "no such file")
    module = importlib.import_module(module_name)
    return assign_keys(module.read(source))


def read_utf8(path: Path) -> str:
    """Read a text file as UTF-8 (a BOM is allowed); anything else is a :class:`BadInputError` naming the line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BadInputError(path, f"cannot read: {error.strerror}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4096]:
        raise BadInputError(
            path, "binary file or UTF-16 text (save it as UTF-8)", raw[: raw.index(b"\x00")].count(b"\n") + 1
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BadInputError(
            path, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8", line
        ) from None
