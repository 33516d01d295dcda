"""File formats, one module each: source documents (docx, markdown, text), TMX, TBX, XLIFF."""

from __future__ import annotations

from pathlib import Path

from translate.errors import BadInputError, find_control
from translate.formats.document import SourceDocument, assign_keys
from translate.utf8 import control_problem

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
            raise BadInputError(source, control_problem(paragraph.text[position]), paragraph.locator or None)
    return assign_keys(document)
