"""Errors that end a command with exit code 2 and one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path


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
