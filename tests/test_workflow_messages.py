"""Issue 18 item 2: workflow.yaml errors in the user's words, and missing glossaries or memories reported by import."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli import cli
from translate.errors import BadInputError
from translate.workflow import load_workflow


def _error(tmp_path: Path, yaml_text: str) -> str:
    (tmp_path / "workflow.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(BadInputError) as raised:
        load_workflow(tmp_path)
    return str(raised.value).removeprefix(str(tmp_path / "workflow.yaml") + ":")


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("name: x\nsources: [a.md]\ntarget_languages: fr\n", "3: target_languages must be a list like [ar, zh, fr]"),
        (
            "name: x\nsources: [a.md]\ntarget_language: [fr]\n",
            "3: unknown key target_language (did you mean target_languages?)",
        ),
        ("name: x\nsources: [a.md]\nglosaries: [g.tbx]\n", "3: unknown key glosaries (did you mean glossaries?)"),
        ("name: x\nsources: a.md\n", "2: sources must be a list like [sources/report.docx, sources/annex.md]"),
        ("name: x\n", "1: sources is required: the documents to translate, like [sources/report.docx]"),
        ("name: x\nsources: [a.md]\ntm: {fuzzy_threshold: x}\n", "3: tm.fuzzy_threshold must be a number, not 'x'"),
        ("name: x\nsources: [a.md]\ntm: {fuzzy_threshold: 200}\n", "3: tm.fuzzy_threshold must be at most 100"),
        ("name: x\nsources: [a.md]\nmt:\n  fr: {modle: x}\n", "4: unknown key mt.fr.modle (did you mean model?)"),
        (
            "name: x\nsources: [a.md]\nmt:\n  fr: {engine: deepl}\n",
            "4: mt.fr.engine: 'deepl' is not one of marian, nllb, m2m100, ctranslate2, apertium, none",
        ),
        ("name: x\nsources: [a.md]\nstages:\n  - nme: edit\n", "4: unknown key stages.0.nme (did you mean name?)"),
        (
            "name: x\nsources: [a.md]\nreviewers:\n  fr:\n    translation: amelie\n",
            "5: reviewers.fr.translation must be a list like [amelie, {name: claire, senior: true}]",
        ),
        ("name: x\nsources: [a.md]\nzzz: 1\n", "3: unknown key zzz (known keys: name, source_language,"),
        (
            "name: x\nsources: [a.md]\nreviewers:\n  # fr:\n",
            "3: reviewers is empty: fill it in like {fr: {translation: [amelie], revision: [claire]}}",
        ),
        ("name: x\nsources: [a.md]\ntarget_languages: [fr, de]\n", "3: target_languages: 'de' is not one of"),
    ],
)
def test_validation_errors_read_as_instructions(tmp_path: Path, yaml_text: str, expected: str) -> None:
    message = _error(tmp_path, yaml_text)
    assert message.startswith(expected), message
    assert "Input should" not in message and "Extra inputs" not in message and "Field required" not in message


@pytest.mark.parametrize("key", ["glossaries", "memories"])
def test_import_reports_a_missing_glossary_or_memory_at_its_line(tmp_path: Path, key: str) -> None:
    (tmp_path / "a.md").write_text("# Title\n\nVictims were detected in 148 countries.\n", encoding="utf-8")
    (tmp_path / "here.tbx").write_text("", encoding="utf-8")
    (tmp_path / "workflow.yaml").write_text(
        f"name: x\nsources: [a.md]\n{key}:\n  - here.tbx\n  - ../missing/trafficking.tbx\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["import", str(tmp_path)])
    assert result.exit_code == 2
    assert "workflow.yaml:5:" in result.stderr
    assert f"{key}: no such" in result.stderr and "../missing/trafficking.tbx" in result.stderr
    assert not (tmp_path / "translations").exists()  # reported before anything is written
