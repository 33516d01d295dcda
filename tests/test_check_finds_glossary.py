"""Issue 18 item 5: ``check`` on a workflow's catalog uses the workflow's glossaries, says "no glossary" when none
applies, and points at the msgstr line; ``glossary lookup`` finds partial and inflected words and names the
termbase it searched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.catalog import Catalog
from translate.cli import cli

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "workflows" / "glotip-sample"


def hexaglot(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A copy of the sample job whose French catalog says "trafic de personnes" (forbidden) once."""
    copy = tmp_path / "workflows" / "glotip-sample"
    shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns(".cache", "journal", ".hexaglot"))
    shutil.copytree(REPO / "glossaries", tmp_path / "glossaries")
    catalog = Catalog.load(copy / "translations" / "fr.po")
    entry = next(e for e in catalog if "traite des personnes" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("traite des personnes", "trafic de personnes", 1)
    catalog.save()
    return copy / "translations" / "fr.po"


def test_a_workflow_catalog_is_checked_with_the_workflow_glossary(planted: Path) -> None:
    code, out, err = hexaglot("check", str(planted), "--format", "json")
    assert code == 1
    rows = [row for row in json.loads(out)["findings"] if row["check"] == "glossary-forbidden"]
    assert len(rows) == 1 and rows[0]["term"] == "trafic de personnes"
    assert "glossaries of its workflow" in err and "trafficking.tbx" in err
    line = planted.read_text(encoding="utf-8").splitlines()[rows[0]["line"] - 1]
    assert line.startswith("msgstr") and "trafic de personnes" in line  # the line to edit


def test_a_loose_catalog_says_no_glossary(planted: Path, tmp_path: Path) -> None:
    loose = tmp_path / "fr.po"
    shutil.copy(planted, loose)
    code, out, err = hexaglot("check", str(loose), "--format", "json")
    assert "no glossary" in err and "--glossary" in err
    assert not [row for row in json.loads(out)["findings"] if row["check"].startswith("glossary-")]
    code, out, err = hexaglot("check", str(loose), "--glossary", str(REPO / "glossaries" / "trafficking.tbx"))
    assert code == 1 and "glossary-forbidden" in out and "(--glossary)" in err


GLOSSARY = str(REPO / "glossaries" / "trafficking.tbx")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("traffick", "traffickers"),  # part of a word
        ("victims", "victims-tip"),  # inflected: victim of trafficking
        ("smuggled", "smuggling"),  # same stem as smuggling
        ("États membres", "member-states"),  # French, case and accents aside
        ("торговли людьми", "tip"),  # Russian, inflected
        ("贩运", "trafficking"),  # Chinese, part of a term
    ],
)
def test_glossary_lookup_finds_partial_and_inflected_words(query: str, expected: str) -> None:
    code, out, err = hexaglot("glossary", "lookup", query, "--glossary", GLOSSARY, "--json")
    assert code == 0
    assert expected in [concept["id"] for concept in json.loads(out)]
    assert f"searched {GLOSSARY}" in err and "concepts)" in err


def test_glossary_lookup_names_the_termbase_when_nothing_is_found() -> None:
    code, out, _ = hexaglot("glossary", "lookup", "photosynthesis", "--glossary", GLOSSARY)
    assert code == 0 and out.strip() == f"no glossary entry for 'photosynthesis' in {GLOSSARY}"


def test_tm_search_table_explains_the_score(tmp_path: Path) -> None:
    shutil.copy(REPO / "memories" / "glotip-2022.tmx", tmp_path / "glotip-2022.tmx")
    code, out, _ = hexaglot(
        "tm", "search", "UNODC prepares it every three years under the mandate that the General Assembly gave it.",
        "--memory", str(tmp_path), "--target-lang", "fr", "--min-score", "40",
    )  # fmt: skip
    assert code == 0
    assert "glotip-2022.tmx" in out
    assert "score: how close the memory's English is to the query, 0-100 (100 = identical words" in out
    assert "101 ctx = identical with the same neighbouring sentences" in out
