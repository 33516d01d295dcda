"""Progress bars for long commands, shown on a terminal only.

A command opens a bar around its work with :func:`progress_bar`; the code doing the work reports with
:func:`advance` and :func:`set_total`, which do nothing when no bar is open (a library call, a test) or when
stderr is not a terminal (CI logs, ``2> file``, pipes): output meant for files and scripts stays clean. The bar
is rich's, on stderr, and disappears when the work is done (the command's own summary follows it).

::

    with progress_bar("import: reading sources"):
        import_workflow(workflow)          # calls set_total(...) then advance() after each step
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

_ACTIVE: ContextVar[Any | None] = ContextVar("hexaglot_progress", default=None)


class _Bar:
    def __init__(self, progress: Any, task: Any) -> None:
        self.progress = progress
        self.task = task

    def advance(self, steps: float, description: str | None) -> None:
        if description is None:
            self.progress.advance(self.task, steps)
        else:
            self.progress.update(self.task, advance=steps, description=description)

    def set_total(self, total: float | None) -> None:
        self.progress.update(self.task, total=total)


def shows_progress() -> bool:
    """Whether a bar would be drawn: stderr is an interactive terminal."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def progress_bar(description: str, total: float | None = None, unit: str = "steps") -> Iterator[None]:
    """Show a bar while the block runs (on a terminal; quiet otherwise). Nested bars: the outer one is kept."""
    if _ACTIVE.get() is not None or not shows_progress():
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn(unit)]
    with Progress(*columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True) as progress:
        token = _ACTIVE.set(_Bar(progress, progress.add_task(description, total=total)))
        try:
            yield
        finally:
            _ACTIVE.reset(token)


def advance(steps: float = 1, description: str | None = None) -> None:
    """One more step done (and optionally what the bar says now); nothing when no bar is shown."""
    bar = _ACTIVE.get()
    if bar is not None:
        bar.advance(steps, description)


def set_total(total: float | None) -> None:
    """How many steps the work has, once the code doing it knows; nothing when no bar is shown."""
    bar = _ACTIVE.get()
    if bar is not None:
        bar.set_total(total)
