"""Issue 18 item 7: progress bars on the long commands (import, tm import, check, export), on a terminal only."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate import progress
from translate.cli import cli

REPO = Path(__file__).resolve().parents[1]
BAR = "━"


def _with_terminal_stderr(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run hexaglot with stderr on a pseudo-terminal (as in a person's shell) and stdout on a pipe."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "translate.cli", *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=follower
    )
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    out = process.stdout.read().decode("utf-8") if process.stdout else ""
    code = process.wait(timeout=120)
    os.close(leader)
    return code, out, seen.decode("utf-8", "replace")


def test_quiet_when_stderr_is_not_a_terminal(sample_workflow: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (
        ["import", str(sample_workflow)],
        ["check", str(sample_workflow), "--format", "json"],
        ["export", str(sample_workflow), "--lang", "fr", "--format", "md", "-o", str(tmp_path / "fr.md")],
        ["tm", "import", str(REPO / "memories" / "glotip-2022.tmx"), "--memory", str(tmp_path / "tm")],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code in (0, 1), result.output
        assert BAR not in result.stderr and BAR not in result.stdout, args


def test_library_calls_without_a_bar_do_nothing() -> None:
    progress.set_total(10)
    progress.advance(3, description="nothing shown")
    with progress.progress_bar("quiet"):  # pytest's stderr is not a terminal
        progress.advance()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_bars_are_drawn_on_a_terminal_and_stdout_stays_clean(sample_workflow: Path, tmp_path: Path) -> None:
    code, _, err = _with_terminal_stderr(["import", str(sample_workflow)], tmp_path)
    assert code == 0, err
    assert BAR in err and "import" in err
    args = ["check", str(sample_workflow), "--format", "json", "-j", "1", "--states", "untranslated"]
    code, out, err = _with_terminal_stderr(args, tmp_path)
    assert code in (0, 1), err
    assert "check" in err and BAR in err
    assert json.loads(out)["summary"]["segments"] > 0  # the report on stdout is untouched by the bar
    code, _, err = _with_terminal_stderr(
        ["export", str(sample_workflow), "--lang", "fr", "--format", "docx", "-o", str(tmp_path / "fr.docx")], tmp_path
    )
    assert code == 0, err
    assert "export fr" in err and (tmp_path / "fr.docx").is_file()
    memory = tmp_path / "tm"
    code, _, err = _with_terminal_stderr(
        ["tm", "import", str(REPO / "memories" / "glotip-2022.tmx"), "--memory", str(memory)], tmp_path
    )
    assert code == 0, err
    assert "tm import" in err
    shutil.rmtree(memory, ignore_errors=True)
