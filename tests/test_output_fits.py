"""Issue 18 item 4: output that fits every terminal and pipe; reviewers listed only where they have work;
velocity and ETA only with enough journal history, with the days they are based on."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from translate import journal
from translate.cli import cli
from translate.cli.status_cmd import print_status_table, velocity_text
from translate.report.progress import velocity
from translate.report.status import collect_status
from translate.workflow import load_workflow

STATE_HEADERS = ("Untranslated", "Draft", "Translated", "Approved", "Rejected")


def hexaglot(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drafted(sample_workflow: Path) -> Path:
    """The sample imported, drafted from the memory (no MT), French assigned to its three reviewers."""
    assert hexaglot("run", str(sample_workflow), "--no-draft")[0] == 0
    assert hexaglot("draft", str(sample_workflow), "--engine", "none")[0] == 0
    assert hexaglot("assign", str(sample_workflow), "--lang", "fr")[0] == 0
    return sample_workflow


def test_piped_tables_are_never_cut(drafted: Path) -> None:
    code, out, _ = hexaglot("status", str(drafted))
    assert code == 0
    assert "…" not in out
    for header in (*STATE_HEADERS, "% approved"):
        assert header in out
    for cell in _cells(drafted):  # every cell whole (was "191 (272…" when piped)
        assert cell in out
    assert not any(line != line.rstrip() for line in out.splitlines())  # no padding to a width
    code, out, _ = hexaglot("status", str(drafted), "--by", "document")
    assert "…" not in out
    assert all(header in out for header in (*STATE_HEADERS, "Approved %"))
    assert "chapter-2-regional-findings" in out


def _cells(drafted: Path) -> set[str]:
    status = collect_status(load_workflow(drafted))
    return {f"{b['segments']} ({b['words']})" for counts in status["languages"].values() for b in counts.values()}


def _render(drafted: Path, width: int) -> str:
    workflow = load_workflow(drafted)
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None)
    print_status_table(workflow, collect_status(workflow), console=console)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [100, 80, 60, 40])
def test_terminal_tables_fit_without_cutting_a_cell(drafted: Path, width: int) -> None:
    out = _render(drafted, width)
    assert "…" not in out
    assert all(len(line) <= width for line in out.splitlines())
    for cell in _cells(drafted):
        segments, words = cell.split(" ")
        assert (cell in out) or (f"{segments} ({words[1:-1]} words)" in out.replace("\n", " ")), cell


def test_percent_columns_carry_the_sign(drafted: Path) -> None:
    for by in ("document", "reviewer", "stage"):
        _, out, _ = hexaglot("status", str(drafted), "--by", by)
        rows = [line for line in out.splitlines() if line.startswith("│")]
        assert rows and all("0% │" in row for row in rows), by


def test_by_reviewer_lists_a_reviewer_only_under_the_languages_of_their_work(drafted: Path) -> None:
    _, out, _ = hexaglot("status", str(drafted), "--by", "reviewer")
    amelie = [line for line in out.splitlines() if "amelie.laurent" in line]
    assert len(amelie) == 1 and "│ fr " in amelie[0]  # French only, not five rows
    code, page, _ = hexaglot("status", str(drafted), "--format", "html")
    assert code == 0
    reviewers = page.split("<h2>By reviewer</h2>", 1)[1]
    assert reviewers.count("amelie.laurent") == 1
    assert "nadia.haddad" not in reviewers  # listed in workflow.yaml for Arabic, never assigned


def test_html_without_output_goes_to_stdout(drafted: Path, tmp_path: Path) -> None:
    code, out, err = hexaglot("status", str(drafted), "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "Wrote" not in out
    code, out, err = hexaglot("status", str(drafted), "--format", "html", "-o", str(tmp_path / "p.html"))
    assert code == 0 and str(tmp_path / "p.html") in err and out == ""
    assert (tmp_path / "p.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


TODAY = dt.date(2026, 12, 7)


def _approvals(days: list[int], words: int = 50) -> list[dict]:
    return [
        {"time": f"{(TODAY - dt.timedelta(days=d)).isoformat()}T10:00:00Z", "words": words,
         "state_before": "draft", "state_after": "approved"}
        for d in days
    ]  # fmt: skip


def test_velocity_needs_enough_history_and_names_its_span() -> None:
    young = velocity(_approvals([0, 0]), "fr", 1000, today=TODAY).to_dict()
    assert not young["enough_history"]
    text = velocity_text(young)
    assert "not enough journal history" in text and "ETA 20" not in text and "1 day(s)" in text
    seasoned = velocity(_approvals([0, 2, 4, 6]), "fr", 1000, today=TODAY).to_dict()
    assert seasoned["enough_history"]
    text = velocity_text(seasoned)
    assert "28.6 words/day over 7 days (2026-12-01 to 2026-12-07, approvals on 4 of them)" in text
    assert "ETA 2027-01-11" in text
    assert "no approvals journaled yet" in velocity_text(velocity([], "fr", 1000, today=TODAY).to_dict())


def test_status_and_html_say_when_history_is_too_short(drafted: Path) -> None:
    workflow = load_workflow(drafted)
    journal.append(workflow.journal_path("fr"), _approvals([0])[0] | {"time": dt.datetime.now(dt.UTC).isoformat()})
    _, out, _ = hexaglot("status", str(drafted))
    fr = next(line for line in out.splitlines() if line.startswith("  fr: ") and "journal" in line)
    assert "not enough journal history for words/day and ETA" in fr
    _, page, _ = hexaglot("status", str(drafted), "--format", "html")
    assert "not enough history" in page
