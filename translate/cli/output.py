"""Consoles for command output that fits: a terminal's width, or never cut when piped or redirected.

rich lays tables out for 80 columns when stdout is not a terminal, so ``hexaglot status | less`` showed
``Approv…`` and ``191 (272…``. :func:`console` gives a console as wide as any table needs in that case (no colour
codes either), and the terminal's own width otherwise.
"""

from __future__ import annotations

import re
import sys
from typing import IO

from rich.console import Console
from rich.table import Table

PIPE_WIDTH = 10_000
"""Width of a console writing to a pipe or a file: tables take their natural width and are never cut."""


def is_terminal(stderr: bool = False) -> bool:
    stream = sys.stderr if stderr else sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def console(stderr: bool = False) -> Console:
    """A rich console for stdout (or stderr): the terminal's width there, full width when piped or redirected."""
    if is_terminal(stderr):
        return Console(stderr=stderr)
    stream = sys.stderr if stderr else sys.stdout
    return Console(file=_NoTrailingSpaces(stream), width=PIPE_WIDTH, color_system=None, highlight=False)


class _NoTrailingSpaces:
    """A text stream that drops the spaces rich pads titles and captions with to the table's width."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(_TRAILING.sub("\n", text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.stream.fileno()


_TRAILING = re.compile(r"[ \t]+\n")


def natural_width(table: object) -> int:
    """The width a rich renderable takes when nothing limits it."""
    from rich.measure import Measurement

    wide = Console(width=PIPE_WIDTH)
    return Measurement.get(wide, wide.options, table).maximum  # type: ignore[arg-type]


def compact(table: Table) -> Table:
    """The same table with single spaces between columns and a rule under the header only (about 20 % narrower)."""
    from rich import box

    table.box = box.SIMPLE_HEAD
    table.show_edge = False
    table.padding = (0, 0)
    table.collapse_padding = True
    return table


def print_fitting(out: Console, tables: list[Table], plain_lines: list[str]) -> None:
    """The first of ``tables`` (widest layout first) that fits the console's width; else the same figures as plain
    lines: a cell is never cut."""
    for table in tables:
        if natural_width(table) <= out.width:
            out.print(table)
            return
    for line in plain_lines:
        out.print(line, markup=False, highlight=False)
