"""The one UTF-8 text reader: every text file hexaglot reads whole (sources, PO, workflow.yaml, glossary CSV, MT
evaluation lines) goes through :func:`read_utf8`, which names the bad line (or CSV row) of a file that is not UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from translate.errors import BadInputError, check_regular_file, control_problem, find_control

__all__ = ["check_controls", "control_problem", "decode_utf8", "iter_utf8_lines", "read_utf8"]

BOM = b"\xef\xbb\xbf"


def _where(line: int, unit: str) -> str | int:
    return f"{unit} {line}" if unit else line


def check_controls(path: str | Path, text: str, unit: str = "") -> None:
    """Refuse ``text`` (the whole content of ``path``) if it holds a control character: the line (or ``unit``
    row) named."""
    position = find_control(text)
    if position >= 0:
        line = text.count("\n", 0, position) + 1
        raise BadInputError(path, control_problem(text[position]), _where(line, unit))


def decode_utf8(raw: bytes, path: str | Path, unit: str = "", *, bom: bool = True, controls: bool = True) -> str:
    """``raw`` (the bytes of ``path``) as text; not UTF-8, UTF-16 or binary: :class:`BadInputError` at the line
    (``unit="row"``: "row N"). ``bom``: a UTF-8 byte-order mark is allowed (and dropped); ``controls``: control
    characters (escape sequences, NUL) are refused too."""
    if bom and raw.startswith(BOM):
        raw = raw[len(BOM) :]
    if b"\x00" in raw[:4096]:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise BadInputError(
            path, "not valid UTF-8: a binary file or UTF-16 text (save it as UTF-8)", _where(line, unit)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        raise BadInputError(path, problem, _where(line, unit)) from None
    if controls:
        check_controls(path, text, unit)  # NUL and escape sequences anywhere, not only in the first 4 KB
    return text


def read_utf8(path: str | Path, unit: str = "", *, bom: bool = True, controls: bool = True) -> str:
    """The text of the file at ``path`` (see :func:`decode_utf8`); unreadable: :class:`BadInputError`."""
    check_regular_file(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise BadInputError(path, f"cannot read: {error.strerror}") from None
    return decode_utf8(raw, path, unit, bom=bom, controls=controls)


def iter_utf8_lines(path: str | Path, unit: str = "", *, bom: bool = True) -> Iterator[str]:
    """The lines of the file at ``path`` (line ends kept), decoded one at a time in bounded memory (a million-row
    CSV), with :func:`decode_utf8`'s errors at the exact line. Control characters are the caller's to check."""
    check_regular_file(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in finally
    except OSError as error:
        raise BadInputError(path, f"cannot read: {error.strerror}") from None
    try:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and bom and raw.startswith(BOM):
                raw = raw[len(BOM) :]
            if b"\x00" in raw:
                raise BadInputError(
                    path, "not valid UTF-8: a binary file or UTF-16 text (save it as UTF-8)", _where(number, unit)
                )
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                problem = f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
                raise BadInputError(path, problem, _where(number, unit)) from None
    finally:
        handle.close()
