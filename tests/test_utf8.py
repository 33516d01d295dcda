"""One UTF-8 reader (translate/utf8.py): every whole-file text reader names the bad line (or CSV row) alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.catalog import read_po
from translate.errors import BadInputError
from translate.formats import read_source
from translate.formats.glossary_csv import read_glossary_csv
from translate.mt.evaluate import read_lines
from translate.workflow import load_workflow

LATIN1 = "d\xe9j\xe0 vu".encode("latin-1")
PROBLEM = "not valid UTF-8 (byte 0xe9); save the file as UTF-8"
PO_HEAD = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "x"\nmsgstr "'


@pytest.mark.parametrize(
    ("name", "head", "read", "where"),
    [
        ("fr.po", PO_HEAD, read_po, 6),
        ("workflow.yaml", b"name: job\nsource_language: en\n# ", load_workflow, 3),
        ("terms.csv", b"id,en,ar,zh,fr,ru,es\nc1,trafficking,,,traite,,\nc2,smuggling,,,", read_glossary_csv, "row 3"),
        ("report.txt", b"Trafficking fell.\n\nSmuggling rose: ", read_source, 3),
        ("hypothesis.txt", b"one\ntwo\n", read_lines, 3),
    ],
)
def test_a_file_that_is_not_utf8_is_refused_at_its_line(tmp_path: Path, name: str, head: bytes, read, where) -> None:
    path = tmp_path / name
    path.write_bytes(head + LATIN1 + b'"\n')
    with pytest.raises(BadInputError) as refused:
        read(path)
    assert (refused.value.problem, refused.value.where) == (PROBLEM, where)


def test_utf16_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("Trafficking fell.\n".encode("utf-16"))
    with pytest.raises(BadInputError, match=r"report.txt:1: not valid UTF-8: a binary file or UTF-16 text"):
        read_source(path)


def test_a_long_glossary_csv_is_read_as_it_streams_and_names_the_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    rows = [f"c{n},term {n},,,terme {n},,\n".encode() for n in range(1, 20_000)]
    rows[12_344] = b"c12345,smuggling,,," + LATIN1 + b",,\n"  # row 12 346 (the header is row 1)
    path.write_bytes(b"id,en,ar,zh,fr,ru,es\n" + b"".join(rows))
    with pytest.raises(BadInputError) as refused:
        read_glossary_csv(path)
    assert (refused.value.problem, refused.value.where) == (PROBLEM, "row 12346")
