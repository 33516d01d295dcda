"""The glossary CSV contract (CI depends on it).

Header: ``id``, then one column per language code (``en ar zh fr ru es``) holding the preferred term;
optional ``<lang>:admitted`` and ``<lang>:forbidden`` columns with alternatives separated by ``|``;
optional ``note``; optional ``dnt`` (``yes`` marks a do-not-translate term). UTF-8 (a BOM is accepted).

A target cell may be empty (the concept is not translated into that language yet); an empty ``id`` or
``en`` cell, an empty alternative (``a||b``), a duplicate id, an unknown column, a missing language column
or broken quoting is an error naming the file and the row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from translate.errors import BadInputError, control_problem, find_control
from translate.fileio import atomic_write_text
from translate.lang import ALL_LANGUAGES
from translate.termbase import Concept, LangTerms
from translate.utf8 import iter_utf8_lines

SEPARATOR = "|"
TRUE_VALUES = ("yes", "true", "1", "x", "y")


def read_glossary_csv(path: str | Path) -> list[Concept]:
    """Read and validate a glossary CSV; every problem raises :class:`BadInputError` with the row."""
    return list(iter_glossary_csv(path))


def iter_glossary_csv(path: str | Path) -> Iterator[Concept]:
    """The concepts of a glossary CSV, one row at a time (a million concepts convert in bounded memory: only
    the ids seen are kept, for the duplicate check). Every problem raises :class:`BadInputError` with the row;
    a caller writing as it reads writes atomically, so nothing half-written stays."""
    lines = iter_utf8_lines(path, "row")  # the one UTF-8 reader: a bad byte is named at its row
    try:
        reader = csv.reader(lines, strict=True)
        header = _next_row(path, reader, 1)
        if not header:
            raise BadInputError(path, "empty file: expected a header row starting with 'id'", "row 1")
        _check_controls(path, header, 1)
        columns = _check_header(path, [cell.strip() for cell in header])
        seen: dict[str, int] = {}
        while True:
            row_number = reader.line_num + 1  # the line where this record starts
            row = _next_row(path, reader, row_number)
            if row is None:
                return
            if not any(cell.strip() for cell in row):
                continue
            _check_controls(path, row, row_number)
            if len(row) != len(columns):
                raise BadInputError(
                    path, f"{len(row)} fields but the header has {len(columns)} (check quoting)", f"row {row_number}"
                )
            concept = _concept_from_row(path, row_number, dict(zip(columns, row, strict=True)))
            if concept.id in seen:
                raise BadInputError(
                    path, f"duplicate id {concept.id!r} (first on row {seen[concept.id]})", f"row {row_number}"
                )
            seen[concept.id] = row_number
            yield concept
    finally:
        lines.close()


def _next_row(path: str | Path, reader: Any, row_number: int) -> list[str] | None:
    """The next record (starting on line ``row_number``), or None at the end; broken quoting names the row where
    the record starts, bad UTF-8 (or UTF-16, binary data) the line."""
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as error:
        raise BadInputError(path, f"broken CSV quoting: {error}", f"row {row_number}") from None


def _check_controls(path: str | Path, row: list[str], row_number: int) -> None:
    for cell in row:
        position = find_control(cell)
        if position >= 0:
            raise BadInputError(path, control_problem(cell[position]), f"row {row_number}")


def _check_header(path: str | Path, columns: list[str]) -> list[str]:
    if columns[0] != "id":
        raise BadInputError(path, f"the first column must be 'id', not {columns[0]!r}", "row 1")
    allowed = {"id", "note", "dnt", *ALL_LANGUAGES}
    allowed |= {f"{lang}:{kind}" for lang in ALL_LANGUAGES for kind in ("admitted", "forbidden")}
    for column in columns:
        if column not in allowed:
            raise BadInputError(path, f"unknown column {column!r} (languages: {', '.join(ALL_LANGUAGES)})", "row 1")
    duplicates = {column for column in columns if columns.count(column) > 1}
    if duplicates:
        raise BadInputError(path, f"column {sorted(duplicates)[0]!r} appears twice", "row 1")
    missing = [lang for lang in ALL_LANGUAGES if lang not in columns]
    if missing:
        raise BadInputError(path, f"missing language column(s): {', '.join(missing)}", "row 1")
    return columns


def _split(path: str | Path, row_number: int, column: str, value: str) -> tuple[str, ...]:
    value = value.strip()
    if not value:
        return ()
    parts = tuple(part.strip() for part in value.split(SEPARATOR))
    if any(not part for part in parts):
        raise BadInputError(path, f"empty term in column {column!r} ({value!r})", f"row {row_number}")
    return parts


def _concept_from_row(path: str | Path, row_number: int, cells: dict[str, str]) -> Concept:
    concept_id = cells["id"].strip()
    if not concept_id:
        raise BadInputError(path, "empty id", f"row {row_number}")
    terms: dict[str, LangTerms] = {}
    for lang in ALL_LANGUAGES:
        preferred = cells[lang].strip()
        if SEPARATOR in preferred:
            raise BadInputError(
                path,
                f"column {lang!r} holds one preferred term; put variants in '{lang}:admitted'",
                f"row {row_number}",
            )
        admitted = _split(path, row_number, f"{lang}:admitted", cells.get(f"{lang}:admitted", ""))
        forbidden = _split(path, row_number, f"{lang}:forbidden", cells.get(f"{lang}:forbidden", ""))
        if not preferred and admitted:
            raise BadInputError(
                path, f"'{lang}:admitted' given but the preferred {lang} term is empty", f"row {row_number}"
            )
        if preferred or forbidden:
            terms[lang] = LangTerms(preferred or None, admitted, forbidden)
    if "en" not in terms or not terms["en"].preferred:
        raise BadInputError(path, f"empty term: concept {concept_id!r} has no English term", f"row {row_number}")
    dnt = cells.get("dnt", "").strip().casefold() in TRUE_VALUES
    note = cells.get("note", "").strip()
    return Concept(concept_id, terms, note=note, dnt=dnt, origin=f"{path}:row {row_number}")


def glossary_csv_text(concepts: Iterable[Concept]) -> str:
    """Render concepts in the CSV contract (all columns, languages in UN order)."""
    concepts = list(concepts)
    columns = ["id"]
    for lang in ALL_LANGUAGES:
        columns += [lang, f"{lang}:admitted", f"{lang}:forbidden"]
    columns += ["note", "dnt"]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for concept in concepts:
        row = [concept.id]
        for lang in ALL_LANGUAGES:
            terms = concept.target_terms(lang)
            row += [terms.preferred or "", SEPARATOR.join(terms.admitted), SEPARATOR.join(terms.forbidden)]
        row += [concept.note, "yes" if concept.dnt else ""]
        writer.writerow(row)
    return buffer.getvalue()


def write_glossary_csv(path: str | Path, concepts: Iterable[Concept]) -> None:
    atomic_write_text(path, glossary_csv_text(concepts))
