"""Errors that end a command with exit code 2 and one clear line, never a traceback."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL and the C1 controls: what a terminal may act on (escape sequences)."""


class HexaglotError(Exception):
    """A problem the user can fix: bad input, bad usage, a missing model. Exit code 2."""

    exit_code = 2


class BadInputError(HexaglotError):
    """A file that cannot be read as what it claims to be.

    The message always names the file and, where known, the place in it (line, row, field)::

        workflows/x/workflow.yaml:7: target_languages: 'de' is not one of ar, zh, fr, ru, es
    """

    def __init__(self, path: str | Path, problem: str, where: str | int | None = None) -> None:
        self.path = str(path)
        self.where = where
        self.problem = problem
        location = f"{self.path}:{where}" if where not in (None, "") else self.path
        super().__init__(f"{location}: {problem}")


class PartialWorkError(HexaglotError):
    """A command stopped after saving part of its work (what was saved is kept). Exit code 1."""

    exit_code = 1


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b`` escapes instead of reaching the terminal."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def find_control(text: str) -> int:
    """The offset of the first control character in ``text`` that no document holds (C0 but tab, newline,
    carriage return and form feed; DEL; C1), or -1."""
    match = _SOURCE_CONTROL.search(text)
    return match.start() if match else -1


_SOURCE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def os_error_message(error: OSError, path: str | Path | None = None) -> str:
    """One line for an operating-system error: the path and the reason (``memories/x.tmx: Permission denied``)."""
    where = path if path is not None else error.filename
    reason = error.strerror or error.__class__.__name__
    if error.errno == errno.ENOSPC:
        reason = "No space left on device (free some space and run the command again)"
    elif error.errno == errno.EROFS:
        reason = "Read-only file system"
    elif isinstance(error, IsADirectoryError) or error.errno == errno.EISDIR:
        reason = "is a folder, not a file"
    if error.filename2 is not None and path is None:
        return f"{error.filename} -> {error.filename2}: {reason}"
    return f"{where}: {reason}" if where is not None else reason


def control_problem(character: str) -> str:
    """The one-line problem for a control character found in a text."""
    return f"control character U+{ord(character):04X} in the text (binary data or a terminal escape sequence)"


def check_regular_file(path: str | Path) -> None:
    """Refuse a folder, a FIFO or a device named as an input file (reading a FIFO would wait forever). A missing
    file is left to the reader's own message."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise BadInputError(path, "not a regular file (a folder, a pipe or a device)")
