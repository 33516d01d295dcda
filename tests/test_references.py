"""References are identifiers, not decimals (issue 11 item 3): target 16.2, indicator 16.2.2, paragraph 5.3 and
table 4.1 survive MT as written and the QA ``numbers`` check compares them verbatim, in all five languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mt_model import tiny_m2m100_fixture, tiny_marian_fixture  # noqa: F401 - session fixtures

from translate.lang import TARGET_LANGUAGES
from translate.mt import create_engine
from translate.mt.protect import Protector, find_spans
from translate.qa.numbers import compare_numbers
from translate.references import dotted_references

SOURCE = "Progress towards target 16.2 is measured by indicator 16.2.2 (see paragraph 5.3 and table 4.1)."
OFFICIAL_STYLE = {
    "ar": "يقاس التقدم نحو الغاية 16.2 بالمؤشر 16.2.2 (انظر الفقرة 5.3 والجدول 4.1).",
    "zh": "具体目标16.2的进展由指标16.2.2衡量（见第5.3段和表4.1）。",
    "fr": "Les progrès vers la cible 16.2 sont mesurés par l’indicateur 16.2.2 (voir le paragraphe 5.3 et le "
    "tableau 4.1).",
    "ru": "Прогресс в достижении задачи 16.2 измеряется показателем 16.2.2 (см. пункт 5.3 и таблицу 4.1).",
    "es": "El progreso hacia la meta 16.2 se mide con el indicador 16.2.2 (véanse el párrafo 5.3 y el cuadro 4.1).",
}


def _found(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in dotted_references(text, lang)]


@pytest.mark.parametrize("lang", ["en", *TARGET_LANGUAGES])
def test_every_language_knows_its_reference_words(lang: str) -> None:
    text = SOURCE if lang == "en" else OFFICIAL_STYLE[lang]
    assert _found(text, lang) == ["16.2", "16.2.2", "5.3", "4.1"]


def test_lists_codes_and_what_is_not_a_reference() -> None:
    assert _found("targets 16.2 and 16.3, and indicators 5.2.1, 8.7.1 or 16.2.2", "en") == [
        "16.2", "16.3", "5.2.1", "8.7.1", "16.2.2"
    ]  # fmt: skip
    assert _found("SDG 16.2; targets 16.a and 5.c.1", "en") == ["16.2", "16.a", "5.c.1"]
    assert _found("In 2020, 1.5 per cent of 2.5 million victims; a ratio of 3.2 in 16 countries.", "en") == []
    assert _found("un aumento del 1,5 % y 1.250.000 víctimas; la meta 16,2", "es") == []  # 16,2 is no reference
    assert _found("задачи 16.2 и 16.3; задаче 5.2", "ru") == ["16.2", "16.3", "5.2"]


@pytest.mark.parametrize("lang", TARGET_LANGUAGES)
def test_qa_compares_references_verbatim(lang: str) -> None:
    assert compare_numbers(SOURCE, OFFICIAL_STYLE[lang], lang).ok
    if lang in ("fr", "ru", "es"):  # where a decimal is written with a comma
        localised = OFFICIAL_STYLE[lang].replace("16.2 ", "16,2 ", 1)
        comparison = compare_numbers(SOURCE, localised, lang)
        assert not comparison.ok
        assert [token.text for token in comparison.missing] == ["16.2"]
        assert [token.text for token in comparison.extra] == ["16,2"]


def test_the_numbers_check_message_names_a_reference() -> None:
    from translate.qa.checks import _expected

    missing = compare_numbers(SOURCE, OFFICIAL_STYLE["es"].replace("meta 16.2", "meta 16,2"), "es").missing
    assert _expected(missing[0], "es") == "16.2 (a reference: written as in the source)"


@pytest.mark.parametrize("lang", TARGET_LANGUAGES)
def test_references_are_protected_as_written(lang: str) -> None:
    spans = find_spans(SOURCE, (), lang)
    assert [(span.kind, span.output) for span in spans] == [
        ("reference", "16.2"), ("reference", "16.2.2"), ("reference", "5.3"), ("reference", "4.1")
    ]  # fmt: skip
    assert [span.output for span in find_spans("In 2020, 1,250.5 victims", (), "es")] == ["2020", "1.250,5"]


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium-eng-spa is not installed")
def test_target_16_2_survives_apertium_and_the_numbers_check() -> None:
    engine = create_engine("apertium", None, "es")
    engine.resolve()
    job = Protector(engine, "es").translate([SOURCE], [find_spans(SOURCE, (), "es")])[0]
    assert "16.2" in job.output and "16.2.2" in job.output and "16,2" not in job.output
    assert compare_numbers(SOURCE, job.output, "es").ok  # "mesa 4.1": the source's reference, written as in it
    assert not compare_numbers(SOURCE, job.output.replace("16.2 ", "16,2 "), "es").ok


@pytest.mark.parametrize("lang", TARGET_LANGUAGES)
def test_target_16_2_survives_a_neural_model_in_every_language(lang: str, tiny_m2m100: Path) -> None:
    engine = create_engine("m2m100", str(tiny_m2m100), lang, beam_size=1)
    engine.resolve()
    job = Protector(engine, lang).translate([SOURCE], [find_spans(SOURCE, (), lang)])[0]
    for reference in ("16.2", "16.2.2", "5.3", "4.1"):
        assert reference in job.output
    missing = compare_numbers(SOURCE, job.output, lang).missing
    assert not [token for token in missing if token.reference]
