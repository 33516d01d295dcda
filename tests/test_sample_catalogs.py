"""The sample workflow's committed catalogs: what this project's own CI checks on every change.

`hexaglot check` (glossary and QA checks) must pass over them, msgfmt must accept them, and they must be in step
with the sources (a re-import on a copy changes no segment).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.catalog import Catalog
from translate.cli import cli
from translate.importer import import_workflow
from translate.workflow import load_workflow

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "workflows" / "glotip-sample"
LANGS = ("ar", "zh", "fr", "ru", "es")


def test_every_language_has_a_committed_catalog() -> None:
    for lang in LANGS:
        assert (SAMPLE / "translations" / f"{lang}.po").is_file(), lang


def test_hexaglot_check_passes_on_the_sample_catalogs() -> None:
    result = CliRunner().invoke(cli, ["check", str(SAMPLE), "--format", "json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    errors = [finding for finding in report["findings"] if finding["severity"] == "error"]
    assert result.exit_code == 0, errors
    assert not errors
    assert report["summary"]


def test_check_catches_a_smuggling_word_planted_in_a_copy(tmp_path: Path) -> None:
    """The same CI gate fails when a translator writes the smuggling word for trafficking in persons."""
    copy = tmp_path / "workflows" / "glotip-sample"
    shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns(".cache", "journal"))
    shutil.copytree(REPO / "glossaries", tmp_path / "glossaries")
    catalog = Catalog.load(copy / "translations" / "fr.po")
    entry = next(e for e in catalog if "traite des personnes" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("traite des personnes", "trafic de personnes")
    catalog.save()
    result = CliRunner().invoke(cli, ["check", str(copy), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1
    checks = {(f["check"], f["lang"]) for f in json.loads(result.stdout)["findings"]}
    assert ("glossary-forbidden", "fr") in checks


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_sample_catalogs() -> None:
    for lang in LANGS:
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(SAMPLE / "translations" / f"{lang}.po")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr


def test_sample_catalogs_are_in_step_with_the_sources(tmp_path: Path) -> None:
    copy = tmp_path / "glotip-sample"
    shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns(".cache", "journal"))
    report = import_workflow(load_workflow(copy))
    for lang, stats in report.languages.items():
        assert stats.new == stats.changed == stats.obsoleted == 0, (lang, stats)
