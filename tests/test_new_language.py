"""Adding a language is one file: a copy of the package with translate/lang/de.py (and nothing else changed)
imports a workflow into German, resolves German locale tags and checks German numbers by German conventions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]

GERMAN = '''"""German: decimal comma, full stop or no-break space between thousands, „…“ quotes."""

from translate.lang.base import Language

LANGUAGE = Language(
    code="de",
    name="German",
    native_name="Deutsch",
    script="Latn",
    decimal_separator=",",
    group_separators=(".", "\\u00a0"),
    quotes=(("„", "“"), ("‚", "‘")),
    xml_lang_aliases=("de-DE", "de-AT", "de-CH", "deu", "ger"),
    percent_template="{number}\\u00a0%",
    nllb_code="deu_Latn",
    term_keys="snowball",
    snowball_stemmer="german",
    term_skip_words=frozenset({"der", "die", "das", "des", "den", "dem"}),
)
'''

PROBE = """
import json
from translate.lang import ALL_LANGUAGES, TARGET_LANGUAGES, UN_TARGET_LANGUAGES, get_language, resolve_code
from translate.qa.checks import QA_CHECK_IDS
from translate.qa.base import CheckContext, Segment, load_all_checks
german = get_language("de")
numbers = load_all_checks()["numbers"]()
def numbers_ok(target):
    segment = Segment("Convictions rose to 1,250.5 in 2020.", target, "de", id="s1")
    return not list(numbers.run(segment, CheckContext(segments=[segment])))
import pathlib, sys
from translate.glossary import load_glossaries
csv = pathlib.Path(sys.argv[1])
csv.write_text("id,en,ar,zh,fr,ru,es,de\\nc1,victims of trafficking,,,,,,Opfer des Menschenhandels\\n")
glossary = load_glossaries([csv])
source = "Most victims of trafficking were women."
inflected = glossary.check_target(source, "Die meisten Opfern des Menschenhandels waren Frauen.", "de")
missing = glossary.check_target(source, "Die meisten Betroffenen waren Frauen.", "de")
print(json.dumps({
    "term_found": [check.found for check in inflected], "term_missing": [check.missing for check in missing],
    "targets": TARGET_LANGUAGES, "default": UN_TARGET_LANGUAGES, "all": ALL_LANGUAGES,
    "tags": [resolve_code(tag) for tag in ("de-DE", "DE_at", "deu", "de")],
    "number": german.localize_number("1,250.5"), "percent": german.format_percent("30.5"),
    "right": numbers_ok("Die Verurteilungen stiegen 2020 auf 1.250,5."),
    "wrong": numbers_ok("Die Verurteilungen stiegen 2020 auf 1.205,5."),
}))
"""


@pytest.fixture(scope="module")
def package_with_german(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sixth")
    shutil.copytree(ROOT / "translate", root / "translate", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "translate" / "lang" / "de.py").write_text(GERMAN, encoding="utf-8")
    return root


def _run(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd or root, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_sixth_target_language_from_one_file(package_with_german: Path) -> None:
    result = _run(package_with_german, "-c", PROBE, str(package_with_german / "terms.csv"))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["targets"] == ["ar", "zh", "fr", "ru", "es", "de"]
    assert found["default"] == ["ar", "zh", "fr", "ru", "es"]  # a workflow names German to get it
    assert found["tags"] == ["de", "de", "de", "de"]
    assert (found["number"], found["percent"]) == ("1.250,5", "30,5\u00a0%")
    assert found["right"] is True and found["wrong"] is False
    assert found["term_found"] == [["Opfer des Menschenhandels"]]  # found as "Opfern": the Snowball stemmer
    assert found["term_missing"] == [True]


def test_a_workflow_imports_into_the_new_language(package_with_german: Path, tmp_path: Path) -> None:
    job = tmp_path / "job"
    (job / "sources").mkdir(parents=True)
    (job / "sources" / "note.md").write_text(
        "# Trafficking\n\nConvictions rose to 1,250.5 in 2020. Most victims were women.\n", encoding="utf-8"
    )
    (job / "workflow.yaml").write_text("name: job\ntarget_languages: [de]\nsources: [sources/note.md]\n")
    result = _run(package_with_german, "-m", "translate.cli", "import", str(job), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    catalog = polib.pofile(str(job / "translations" / "de.po"))
    assert catalog.metadata["Language"] == "de"
    assert [entry.msgid for entry in catalog] == [
        "Trafficking",
        "Convictions rose to 1,250.5 in 2020.",
        "Most victims were women.",
    ]
    assert not (job / "translations" / "fr.po").exists()


def test_without_the_file_the_language_is_unknown(tmp_path: Path) -> None:
    """The same workflow on the package as it is: German is bad input (exit 2, one line), not a traceback."""
    job = tmp_path / "job"
    (job / "sources").mkdir(parents=True)
    (job / "sources" / "note.md").write_text("Convictions rose.\n", encoding="utf-8")
    (job / "workflow.yaml").write_text("name: job\ntarget_languages: [de]\nsources: [sources/note.md]\n")
    result = _run(ROOT, "-m", "translate.cli", "import", str(job), cwd=tmp_path)
    assert result.returncode == 2
    assert "de" in result.stderr and "Traceback" not in result.stderr
