"""``hexaglot check``: PO files, XLIFF files and workflows; JSON, JUnit, GitHub and SARIF output; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from lxml import etree

from translate.catalog import Catalog
from translate.cli import main

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = str(REPO / "glossaries" / "trafficking.tbx")
GLOSSARY_IDS = "glossary-missing,glossary-forbidden,glossary-dnt"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


def make_po(path: Path, lang: str | None, pairs: list[tuple[str, str]], header: bool = True) -> Path:
    catalog = Catalog.new(path, lang or "fr", "test")
    if not header:
        del catalog.po.metadata["Language"]
    for number, (source, target) in enumerate(pairs, start=1):
        catalog.po.append(polib.POEntry(msgctxt=f"p{number}", msgid=source, msgstr=target))
    catalog.save()
    return path


@pytest.fixture
def french_po(tmp_path: Path) -> Path:
    return make_po(
        tmp_path / "fr.po",
        "fr",
        [
            (
                "Victims of trafficking in persons were detected.",
                "Des victimes du trafic de personnes ont été détectées.",
            ),
            ("Member States reported 25 cases.", "Les États Membres ont signalé 25 cas."),
            ("Drug trafficking grew.", "Le trafic de drogues a augmenté."),
            ("Not yet translated.", ""),
        ],
    )


def test_json_contract_and_exit_1_on_error(french_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["check", str(french_po), "--glossary", GLOSSARY, "--format", "json"], capsys)
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"findings", "summary"}
    glossary_rows = [row for row in report["findings"] if row["check"].startswith("glossary-")]
    assert len(glossary_rows) == 1
    row = glossary_rows[0]
    assert set(row) == {"file", "line", "msgctxt", "msgid", "lang", "check", "severity", "message", "term"}
    assert row["check"] == "glossary-forbidden" and row["lang"] == "fr" and row["msgctxt"] == "p1"
    assert row["file"] == str(french_po) and row["severity"] == "error"
    assert row["term"] == "victimes du trafic"
    assert french_po.read_text(encoding="utf-8").splitlines()[row["line"] - 1].startswith("msgstr")
    assert report["summary"]["segments"] == 3  # the empty translation is not checked by default
    assert report["summary"]["errors"] >= 1


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = make_po(
        tmp_path / "ru.po",
        "ru",
        [("Member States fight trafficking in persons.", "Государства-члены борются с торговлей людьми.")],
    )
    code, out, _ = run_cli(["check", str(po), "--glossary", GLOSSARY], capsys)
    assert code == 0, out
    assert "1 segments in 1 files checked: 0 errors" in out


def test_language_from_option_when_header_lacks_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = make_po(tmp_path / "x.po", None, [("Member States", "各成员国")], header=False)
    code, _, err = run_cli(["check", str(po), "--glossary", GLOSSARY], capsys)
    assert code == 2 and "no Language header" in err
    code, out, _ = run_cli(["check", str(po), "--glossary", GLOSSARY, "--lang", "zh", "--checks", GLOSSARY_IDS], capsys)
    assert code == 1 and "[glossary-forbidden] zh (p1)" in out


def test_github_annotations(french_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        ["check", str(french_po), "--glossary", GLOSSARY, "--format", "github", "--checks", GLOSSARY_IDS], capsys
    )
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"::error file={french_po},line=")
    assert "title=glossary-forbidden (fr)::" in first


def test_junit_is_well_formed(french_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run_cli(
        ["check", str(french_po), "--glossary", GLOSSARY, "--format", "junit", "--checks", GLOSSARY_IDS], capsys
    )
    root = etree.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "1"
    failure = root.find(".//failure")
    assert failure.get("type") == "glossary-forbidden"


def test_sarif_2_1_0(french_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run_cli(["check", str(french_po), "--glossary", GLOSSARY, "--format", "sarif"], capsys)
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"glossary-missing", "glossary-forbidden", "glossary-dnt"} <= set(rules)
    result = next(r for r in run["results"] if r["ruleId"] == "glossary-forbidden")
    assert rules[result["ruleIndex"]] == "glossary-forbidden" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_checks_skip_and_states_options(french_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        ["check", str(french_po), "--glossary", GLOSSARY, "--format", "json", "--skip", "glossary-forbidden"], capsys
    )
    assert "glossary-forbidden" not in {row["check"] for row in json.loads(out)["findings"]}
    code, out, _ = run_cli(
        ["check", str(french_po), "--glossary", GLOSSARY, "--format", "json", "--states", "approved"], capsys
    )
    assert code == 0 and json.loads(out)["summary"]["segments"] == 0
    code, _, err = run_cli(["check", str(french_po), "--checks", "no-such-check"], capsys)
    assert code == 2 and "unknown check 'no-such-check'" in err
    code, _, err = run_cli(["check", str(french_po), "--states", "finished"], capsys)
    assert code == 2 and "unknown state" in err


def test_bad_inputs_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    code, _, err = run_cli(["check", str(broken)], capsys)
    assert code == 2 and err.startswith(f"hexaglot: {broken}") and "Traceback" not in err
    code, _, err = run_cli(["check", str(tmp_path / "missing.po")], capsys)
    assert code == 2 and "no such file" in err
    bad_glossary = tmp_path / "g.csv"
    bad_glossary.write_text("id,en\nx,y\n", encoding="utf-8")
    po = make_po(tmp_path / "fr.po", "fr", [("Member States", "États membres")])
    code, _, err = run_cli(["check", str(po), "--glossary", str(bad_glossary)], capsys)
    assert code == 2 and f"{bad_glossary}:row 1: missing language column" in err


def test_workflow_folder_uses_its_glossaries(sample_workflow: Path, capsys: pytest.CaptureFixture[str]) -> None:
    translations = sample_workflow / "translations"
    make_po(translations / "zh.po", "zh", [("Member States reported.", "各成员国报告了。")])
    make_po(translations / "es.po", "es", [("Victims of trafficking", "Víctimas de la trata")])
    code, out, _ = run_cli(["check", str(sample_workflow), "--format", "json", "--checks", GLOSSARY_IDS], capsys)
    report = json.loads(out)
    assert code == 1
    assert [(row["lang"], row["check"]) for row in report["findings"]] == [("zh", "glossary-forbidden")]
    assert report["summary"]["files"] == 2


XLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file source-language="en" target-language="es" datatype="plaintext" original="report.docx"><body>
    <trans-unit id="s1"><source>Trafficking in persons is not smuggling of migrants.</source>
      <target>El tráfico de personas no es tráfico ilícito de migrantes.</target></trans-unit>
    <trans-unit id="s2"><source>Member States</source><target>Estados Miembros</target></trans-unit>
  </body></file>
</xliff>"""


def test_xliff_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "es.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    code, out, _ = run_cli(
        ["check", str(path), "--glossary", GLOSSARY, "--format", "json", "--checks", GLOSSARY_IDS], capsys
    )
    rows = json.loads(out)["findings"]
    assert code == 1
    assert [(row["msgctxt"], row["check"], row["lang"]) for row in rows] == [("s1", "glossary-forbidden", "es")]
    assert rows[0]["line"] == 4


def test_real_symfony_xliff_in_five_languages(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = shared_data / "xliff-symfony-validators" / "Resources" / "translations"
    files = [str(folder / f"validators.{code}.xlf") for code in ("ar", "zh_CN", "fr", "ru", "es")]
    code, out, _ = run_cli(["check", *files, "--glossary", GLOSSARY, "--format", "json"], capsys)
    report = json.loads(out)
    assert report["summary"]["files"] == 5
    assert set(report["summary"]["by_lang"]) <= {"ar", "zh", "fr", "ru", "es"}
    assert report["summary"]["segments"] > 400
    assert code in (0, 1) and code == (1 if report["summary"]["errors"] else 0)
