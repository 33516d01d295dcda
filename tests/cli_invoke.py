"""Run ``hexaglot`` in-process through its real entry point, catching what a shell would see."""

from __future__ import annotations

import contextlib
import faulthandler
import io
import traceback
from dataclasses import dataclass

from translate.cli import main

HANG_S = 300


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    crash: str = ""


def invoke(*args: str) -> Outcome:
    """Run ``hexaglot`` in-process through its real entry point; an exception that escapes it is a crash."""
    out, err = io.StringIO(), io.StringIO()
    crash = ""
    code = 0
    # A command that hangs (a FIFO read, a runaway loop) ends the test run with the stacks instead of a hang.
    faulthandler.dump_traceback_later(HANG_S, exit=True)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        except BaseException:
            crash = traceback.format_exc()
            code = -1
        finally:
            faulthandler.cancel_dump_traceback_later()
    return Outcome(code, out.getvalue(), err.getvalue(), crash)
