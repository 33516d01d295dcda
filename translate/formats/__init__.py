"""File formats, one module each: source documents (docx, markdown, text), TMX, TBX, XLIFF."""

from __future__ import annotations

from pathlib import Path

from translate.errors import BadInputError, find_control
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
        problem = "not a regular file (a folder, a pipe or a device)" if source.exists() else "no such file"
        raise BadInputError(source, problem)
    module = importlib.import_module(module_name)
    document = module.read(source)
    for paragraph in document.paragraphs:  # DOCX and PDF text never went through read_utf8
        position = find_control(paragraph.text)
        if position >= 0:
            raise BadInputError(source, _control_problem(paragraph.text[position]), paragraph.locator or None)
    return assign_keys(document)


def _control_problem(character: str) -> str:
    return f"control character U+{ord(character):04X} in the text (binary data or a terminal escape sequence)"


def check_controls(path: str | Path, text: str, unit: str = "") -> None:
    """Refuse ``text`` (the whole content of ``path``) if it holds a control character: the line (or ``unit``
    row) named."""
    position = find_control(text)
    if position >= 0:
        line = text.count("\n", 0, position) + 1
        raise BadInputError(path, _control_problem(text[position]), f"{unit} {line}" if unit else line)


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
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BadInputError(
            path, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8", line
        ) from None
    check_controls(path, text)  # NUL and escape sequences anywhere, not only in the first 4 KB
    return text
