"""``hexaglot assign`` / ``review`` / ``merge-driver`` on bad input: exit 2, one line, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from review_support import make_job

HEXAGLOT = str(Path(sys.executable).parent / "hexaglot")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([HEXAGLOT, *args], capture_output=True, text=True, timeout=60)


def test_review_without_a_catalog_says_to_import_first(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    wf.catalog_path("fr").unlink()
    result = run("review", str(wf.root), "--lang", "fr", "--reviewer", "claire")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert "fr.po" in result.stderr and "hexaglot import" in result.stderr


def test_review_of_a_wrongly_encoded_catalog_names_file_and_line(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    path = wf.catalog_path("fr")
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    result = run("review", str(wf.root), "--lang", "fr", "--reviewer", "claire")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert f"{path}:1: not valid UTF-8" in result.stderr


def test_unknown_stage_and_language_are_usage_errors(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    result = run("review", str(wf.root), "--lang", "fr", "--stage", "proofreading")
    assert result.returncode == 2 and "no such stage" in result.stderr
    result = run("review", str(wf.root), "--lang", "de")
    assert result.returncode == 2 and "'de'" in result.stderr


def test_assign_on_a_broken_workflow_is_one_line(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    (wf.root / "workflow.yaml").write_text("name: x\nsources: [a.md]\nreviewers: {fr: {editing: [bob]}}\n")
    before = wf.catalog_path("fr").read_bytes()
    result = run("assign", str(wf.root))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "workflow.yaml:" in result.stderr and "reviewers.fr.editing: no such stage" in result.stderr
    assert wf.catalog_path("fr").read_bytes() == before


def test_help_lists_the_keys() -> None:
    result = run("review", "--help")
    assert result.returncode == 0
    assert "a accept" in result.stdout and "--bidi" in result.stdout
