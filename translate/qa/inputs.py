"""The single PO/XLIFF -> :class:`~translate.qa.base.Segment` converter (``hexaglot check`` and the review app's
findings): the target of a plural entry is its first form, the line is the ``msgstr``'s (where a finding is fixed).
"""

from __future__ import annotations

from pathlib import Path

import polib

from translate.catalog import read_po, state_of
from translate.errors import BadInputError
from translate.formats.xliff import read_xliff
from translate.lang import require_code, resolve_code
from translate.qa.base import Segment

PO_SUFFIXES = (".po", ".pot")
XLIFF_SUFFIXES = (".xlf", ".xliff", ".xlif")


def entry_segment(entry: polib.POEntry, lang: str, file: str | None = None, lines: list[str] | None = None) -> Segment:
    """One PO entry as a segment; ``lines`` (the file's lines) give the ``msgstr`` line, else it has none (a
    catalog built from the working store: the review app)."""
    target = entry.msgstr or (entry.msgstr_plural.get(0, "") if entry.msgstr_plural else "")
    return Segment(
        source=entry.msgid,
        target=target,
        lang=lang,
        id=entry.msgctxt,
        file=file,
        line=msgstr_line(lines, entry.linenum) if lines is not None else None,
        flags=tuple(entry.flags),
        state=state_of(entry).value,
    )


def po_segments(path: Path, default_lang: str | None = None) -> list[Segment]:
    """The active entries of a PO file; its language from the ``Language`` header, else ``default_lang``."""
    po = read_po(path)
    header = po.metadata.get("Language", "").strip()
    lang = require_code(header, path, "Language") if header else None
    lang = lang or default_lang
    if lang is None:
        raise BadInputError(path, "no Language header; give the language with --lang")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [entry_segment(entry, lang, str(path), lines) for entry in po if not entry.obsolete]


def msgstr_line(lines: list[str], entry_line: int) -> int:
    """The 1-based line of an entry's ``msgstr`` (where a finding is fixed), from polib's first line of the entry."""
    for number in range(max(entry_line, 1) - 1, len(lines)):
        if lines[number].startswith("msgstr"):
            return number + 1
    return entry_line


def xliff_segments(path: Path, default_lang: str | None = None) -> list[Segment]:
    """The units of an XLIFF file; each one's language from the file, else ``default_lang``. A file for another
    language (not hexaglot's, or not ``default_lang``) is refused, never checked as the one asked for."""
    segments = []
    for unit in read_xliff(path):
        lang = resolve_code(unit.target_lang) if unit.target_lang else None
        if unit.target_lang and (lang is None or (default_lang and lang != default_lang)):
            asked = f", not {default_lang}" if default_lang else ""
            raise BadInputError(path, f"the file's target language is {unit.target_lang!r}{asked}", unit.line)
        lang = lang or default_lang
        if lang is None:
            raise BadInputError(path, "no target language (target-language / trgLang); give it with --lang", unit.line)
        segments.append(
            Segment(
                source=unit.source,
                target=unit.target,
                lang=lang,
                id=unit.id,
                file=str(path),
                line=unit.line,
                state=unit.state,
            )
        )
    return segments


def file_segments(path: Path, default_lang: str | None = None) -> list[Segment]:
    """The segments of a PO or XLIFF file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in PO_SUFFIXES:
        return po_segments(path, default_lang)
    if suffix in XLIFF_SUFFIXES:
        return xliff_segments(path, default_lang)
    raise BadInputError(path, "not a PO or XLIFF file (expected .po, .xlf, .xliff) nor a workflow folder")
