"""Issue 18 item 6: the ``spelling`` check (Hunspell through pyenchant) for ar, fr, ru, es.

Tests that need the binding or a dictionary skip with the reason when they are missing (``.ci/run`` installs
them: hunspell-ar, hunspell-fr, hunspell-ru, hunspell-es, libenchant-2-2; pyenchant from pyproject.toml)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.text import Text

from translate.catalog import Catalog
from translate.cli import cli
from translate.qa import spelling
from translate.qa.base import CheckContext, Segment, load_all_checks, run_checks

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "glossaries" / "trafficking.tbx"


def needs(lang: str) -> None:
    reason = spelling.unavailable_reason(lang)
    if reason:
        pytest.skip(reason)


def findings(lang: str, source: str, target: str, context: CheckContext | None = None) -> list:
    segment = Segment(source=source, target=target, lang=lang, id="s1")
    return [finding for _, finding in run_checks([segment], context or CheckContext(), ["spelling"])]


# Real sentences: the official UDHR article 1 and the UN name of the Office, each with one slip planted.
CASES = {
    "fr": (
        "All human beings are born free and equal in dignity and rights.",
        "Tous les êtres humains naissent libres et égaux en dignité et en droits.",
        "Tous les êtres humains naissent libres et égaux en dignitée et en droits.",
        "dignitée",
    ),
    "es": (
        "All human beings are born free and equal in dignity and rights.",
        "Todos los seres humanos nacen libres e iguales en dignidad y derechos.",
        "Todos los seres humanos nacen libres e iguales en dignidad y derehcos.",
        "derehcos",
    ),
    "ru": (
        "All human beings are born free and equal in dignity and rights.",
        "Все люди рождаются свободными и равными в своем достоинстве и правах.",
        "Все люди рождаются свободными и равными в своем достоинстве и првах.",
        "првах",
    ),
    "ar": (
        "All human beings are born free and equal in dignity and rights.",
        "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق.",
        "يولد جميع الناس أحرارًا متسوايين في الكرامة والحقوق.",
        "متسوايين",
    ),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_official_text_passes_and_a_planted_slip_is_found(lang: str) -> None:
    needs(lang)
    source, clean, typo, word = CASES[lang]
    assert findings(lang, source, clean) == []
    found = findings(lang, source, typo)
    assert len(found) == 1 and found[0].severity == "warning" and found[0].check == "spelling"
    assert found[0].details["words"] == [word]
    assert word in found[0].message and "Hunspell" in found[0].message
    start, end = found[0].details["spans"][0]
    assert typo[start:end] == word


def test_the_check_documents_itself() -> None:
    needs("fr")
    check = load_all_checks()["spelling"]
    assert check.severity == "warning" and set(check.languages) == {"ar", "fr", "ru", "es"}
    assert findings(*check.example_good) == [] and findings(*check.example_bad)


def test_acronyms_names_from_the_source_numbers_and_urls_are_not_words_to_check() -> None:
    needs("fr")
    target = "L'ONUDC et Interpol ont publié le rapport GLOTIP 2024 (https://www.unodc.org/glotip) à Vienne."
    assert findings("fr", "UNODC and Interpol published GLOTIP 2024 in Vienna.", target) == []


def test_glossary_terms_are_accepted(tmp_path: Path) -> None:
    needs("es")
    csv = tmp_path / "terms.csv"
    csv.write_text(
        "id,en,ar,zh,fr,ru,es\nempowerment,empowerment,تمكين,赋权,autonomisation,расширение прав,empoderamiento\n",
        encoding="utf-8",
    )
    from translate.glossary import load_glossaries

    target = "El empoderamiento de las víctimas es prioritario."
    assert findings("es", "Victims' empowerment is a priority.", target)  # hunspell-es lacks the word
    context = CheckContext(glossaries=[load_glossaries([csv])])
    assert findings("es", "Victims' empowerment is a priority.", target, context) == []


def test_un_country_names_are_accepted(shared_data: Path) -> None:
    needs("ar")
    names = spelling.country_words("ar")
    assert names, "the UNTERM country names are in ../shared/data"
    arabic = sorted(word for word in names if len(word) > 4 and "\u0621" <= word[0] <= "\u064a")
    flagged = [word for word in arabic if spelling.misspelled(f"وفد {word} تكلم.", "ar")]
    assert flagged, "some UN names in Arabic are not in Ayaspell"  # (Arabic has no capitals to tell names)
    segment = Segment("The delegation spoke.", f"وفد {flagged[0]} تكلم.", "ar")
    assert [f for _, f in run_checks([segment], CheckContext(), ["spelling"])] == []  # accepted via the names


def test_country_names_skip_cleanly_when_the_data_is_absent(tmp_path: Path) -> None:
    assert spelling.country_words("fr", tmp_path / "nothing-here") == frozenset()


def test_the_workflow_word_list_is_accepted_in_check(sample_workflow: Path) -> None:
    needs("es")
    assert CliRunner().invoke(cli, ["import", str(sample_workflow), "--lang", "es"]).exit_code == 0
    path = sample_workflow / "translations" / "es.po"
    catalog = Catalog.load(path)
    entry = next(iter(catalog))
    entry.msgstr = "Panorama mundial del empoderamiento de la trata de personas"
    catalog.save()

    def spelling_rows() -> list[dict]:
        result = CliRunner().invoke(cli, ["check", str(sample_workflow), "--lang", "es", "--format", "json"])
        return [row for row in json.loads(result.stdout)["findings"] if row["check"] == "spelling"]

    assert [row["msgctxt"] for row in spelling_rows()] == [entry.msgctxt]
    (sample_workflow / "spelling").mkdir()
    (sample_workflow / "spelling" / "es.txt").write_text("# words of this job\nempoderamiento\n", encoding="utf-8")
    assert spelling_rows() == []


def test_chinese_is_skipped_with_a_note(tmp_path: Path) -> None:
    po = tmp_path / "zh.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "s1"\nmsgid "Victims were detected."\nmsgstr "发现了受害者。"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(po), "--checks", "spelling"])
    assert result.exit_code == 0
    assert "note: spelling: Chinese is not spell-checked" in result.stdout
    result = CliRunner().invoke(cli, ["check", str(po), "--checks", "spelling", "--format", "json"])
    assert json.loads(result.stdout)["summary"]["notes"] == [
        "spelling: Chinese is not spell-checked (no spaces between words, no Hunspell dictionary)"
    ]


def test_a_missing_dictionary_means_no_check_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spelling, "_dictionary", lambda lang: (None, f"no Hunspell dictionary for {lang} (test)"))
    assert findings("fr", "Victims.", "Des victimmes.") == []
    assert spelling.unavailable_reason("fr") == "no Hunspell dictionary for fr (test)"


def test_the_review_app_underlines_the_misspelled_words() -> None:
    needs("fr")
    source, _, typo, word = CASES["fr"]
    text = Text(typo)
    spelling.highlight_misspellings(text, findings("fr", source, typo))
    styled = [(span.start, span.end, str(span.style)) for span in text.spans]
    start = typo.index(word)
    assert styled == [(start, start + len(word), "underline bold red")]


def test_a_review_session_uses_the_workflow_word_list(sample_workflow: Path) -> None:
    needs("es")
    from translate.review.session import ReviewSession
    from translate.workflow import load_workflow

    assert CliRunner().invoke(cli, ["import", str(sample_workflow), "--lang", "es"]).exit_code == 0
    path = sample_workflow / "translations" / "es.po"
    catalog = Catalog.load(path)
    entry = next(iter(catalog))
    entry.msgstr = "Panorama del empoderamiento"
    catalog.save()
    session = ReviewSession(load_workflow(sample_workflow), "es")
    assert "spelling" in [f.check for f in session.findings_for(entry.msgctxt)]
    shutil.rmtree(sample_workflow / ".hexaglot", ignore_errors=True)
    (sample_workflow / "spelling").mkdir()
    (sample_workflow / "spelling" / "es.txt").write_text("empoderamiento\n", encoding="utf-8")
    session = ReviewSession(load_workflow(sample_workflow), "es")
    assert "spelling" not in [f.check for f in session.findings_for(entry.msgctxt)]


def test_the_review_app_shows_the_slip_underlined(sample_workflow: Path) -> None:
    needs("fr")
    import asyncio

    from translate.review.app import ReviewApp
    from translate.review.session import ReviewSession
    from translate.workflow import load_workflow

    assert CliRunner().invoke(cli, ["import", str(sample_workflow), "--lang", "fr"]).exit_code == 0
    catalog = Catalog.load(sample_workflow / "translations" / "fr.po")
    entry = next(iter(catalog))
    entry.msgstr = "Panorama mondial de la traite des persones"
    entry.flags.append("fuzzy")
    catalog.save()
    session = ReviewSession(load_workflow(sample_workflow), "fr")
    app = ReviewApp(session)
    shown: list = []

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.current_id == entry.msgctxt
            shown.append(app.query_one("#target-view").render())
            await pilot.press("q")

    asyncio.run(main())
    text = shown[0]
    plain = str(text)
    start = plain.index("persones")
    assert any(span.start == start and "underline" in str(span.style) for span in text.spans), text.spans
