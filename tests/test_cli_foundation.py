"""The foundation's commands end to end (click's CliRunner) and bad input: exit 2, one line, nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.catalog import STATES, Catalog
from translate.cli import cli

TARGETS = ["ar", "zh", "fr", "ru", "es"]


def run(*args: str) -> tuple[int, str, str]:
    """Run ``hexaglot`` in-process through the real entry point (exit codes as a shell sees them)."""
    runner = CliRunner()
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_run_on_the_sample_prints_all_five_languages(sample_workflow: Path) -> None:
    code, out, err = run("run", str(sample_workflow))
    assert code == 0, err
    for lang in TARGETS:
        assert f"│ {lang} " in out
    assert "Imported" in err
    for lang in TARGETS:
        assert Catalog.load(sample_workflow / "translations" / f"{lang}.po").po.metadata["Language"] == lang


def test_status_json_contract(sample_workflow: Path) -> None:
    assert run("import", str(sample_workflow))[0] == 0
    code, out, _ = run("status", str(sample_workflow), "--format", "json")
    assert code == 0
    status = json.loads(out)
    assert set(status) == {"workflow", "languages"}
    assert status["workflow"] == "glotip-sample"
    assert list(status["languages"]) == TARGETS
    totals = set()
    for lang, counts in status["languages"].items():
        assert list(counts) == [state.value for state in STATES]
        assert all(set(bucket) == {"segments", "words"} for bucket in counts.values())
        entries = Catalog.load(sample_workflow / "translations" / f"{lang}.po").po
        live = [entry for entry in entries if not entry.obsolete]
        assert sum(bucket["segments"] for bucket in counts.values()) == len(live)  # every segment counted once
        totals.add(sum(bucket["words"] for bucket in counts.values()))
    assert len(totals) == 1 and totals.pop() >= 2500  # the same English words in each language


def test_status_csv(sample_workflow: Path) -> None:
    run("import", str(sample_workflow))
    code, out, _ = run("status", str(sample_workflow), "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "workflow,language,state,segments,words"
    assert len(lines) == 1 + 5 * 5


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            "name: x\nsources: [a.md]\nbad: !!python/object/apply:os.system ['echo pwned']\n",
            "workflow.yaml:3: invalid YAML",
        ),
        ("name: x\nsources: [a.md]\ntarget_languages: [fr, de]\n", "workflow.yaml:3: target_languages"),
        ("name: x\nsources: [a.pdf]\n", "workflow.yaml:2: sources"),
        ("name: x\nsources: [a.md\n", "workflow.yaml"),
        ("sources: [a.md]\n", "workflow.yaml:1: name is required"),
        ("- just\n- a list\n", "workflow.yaml:1: the workflow must be a mapping"),
        (
            "name: x\nsources: [a.md]\nreviewers:\n  fr:\n    translation: [amelie]\n    revise: [x]\n",
            "workflow.yaml:6: reviewers.fr.revise: no such stage",
        ),
    ],
)
def test_bad_workflow_yaml_exits_2_with_one_line(tmp_path: Path, yaml_text: str, expected: str) -> None:
    (tmp_path / "workflow.yaml").write_text(yaml_text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "translate.cli", "import", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "translations").exists()


def test_wrongly_encoded_source_exits_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Traite des êtres humains\n".encode("utf-16"))
    (tmp_path / "workflow.yaml").write_text("name: x\nsources: [a.txt]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "translate.cli", "run", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "a.txt" in result.stderr and "UTF-8" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "translations").exists()


def test_help_does_not_import_torch_or_transformers() -> None:
    code = (
        "import sys\n"
        "from translate.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'ctranslate2', 'textual') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in result.stdout


def test_every_command_has_help() -> None:
    from translate.cli import COMMANDS

    for name in COMMANDS:
        code, out, err = run(name, "--help")
        assert code == 0, (name, err)
        assert "Usage:" in out
