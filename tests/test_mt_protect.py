"""Protected spans and glossary terms through MT: found in real UN text, kept by every strategy and engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mt_model import tiny_ct2_fixture, tiny_marian_fixture  # noqa: F401 - session fixtures

from translate.mt import create_engine
from translate.mt.protect import (
    STRATEGIES,
    Protector,
    TermSpec,
    find_spans,
    join_pieces,
    normalize_outside,
    span_present,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
GA_RESOLUTION = SHARED / "un-ga-resolutions-sample" / "UN.ar-en.en"

SENTENCES = [
    "In 2020, 50,000 victims were detected in 141 countries (E/2013/30).[^3]",
    "See resolution A/RES/64/293 at https://www.unodc.org/glotip.",
    "Trafficking in persons is a crime.",
]


def _terms(text: str, lang: str) -> list[TermSpec]:
    """Glossary hits as the pipeline builds them, for the one term these sentences use."""
    target = {"fr": "traite des personnes", "es": "trata de personas"}[lang]
    start = text.lower().find("trafficking in persons")
    if start < 0:
        return []
    return [TermSpec("tip", start, start + 22, text[start : start + 22], target)]


def test_spans_in_a_real_general_assembly_resolution() -> None:
    if not GA_RESOLUTION.exists():
        pytest.skip("../shared/data/un-ga-resolutions-sample is absent")
    line = GA_RESOLUTION.read_text(encoding="utf-8").splitlines()[1]
    spans = find_spans(line)
    texts = {(span.kind, span.text) for span in spans}
    assert ("symbol", "A/55/602/Add.2") in texts
    assert ("number", "2000") in texts and ("number", "106") in texts
    assert not any(span.text.startswith("81") for span in spans), "81st is a word to translate, not a number"
    first = GA_RESOLUTION.read_text(encoding="utf-8").splitlines()[0]
    assert [span.text for span in find_spans(first)] == ["55/100"]


def test_span_kinds_and_overlaps() -> None:
    text = (
        "UNODC (https://www.unodc.org/unodc/glotip.html). Symbols E/CN.15/2019/L.5 and S/RES/2331 (2016)[^12], 1,250.5"
    )
    unodc = text.find("unodc.org") + 0
    spans = find_spans(
        text, [TermSpec("unodc", unodc, unodc + 5, "unodc", "ONUDC"), TermSpec("u", 0, 5, "UNODC", "ONUDC")]
    )
    found = [(span.kind, span.text) for span in spans]
    assert found == [
        ("term", "UNODC"),
        ("url", "https://www.unodc.org/unodc/glotip.html"),
        ("symbol", "E/CN.15/2019/L.5"),
        ("symbol", "S/RES/2331 (2016)"),
        ("footnote", "[^12]"),
        ("number", "1,250.5"),
    ]
    assert spans[0].output == "ONUDC"
    assert find_spans("HIV/AIDS and ODA/GNI, the 81st meeting") == []


def test_moses_normalisation_leaves_spans_alone() -> None:
    text = "He said \u201cit\u2019s\u201d \u2013 ( see E/2013/30 ) and https://x.org/a\u2013b\u2026"
    spans = find_spans(text)
    normalized = normalize_outside(text, spans)
    assert normalized.startswith('He said "it\'s" - (see E/2013/30) and')
    assert "https://x.org/a\u2013b" in normalized, "the URL keeps its en dash"
    assert normalized.endswith("...")


def test_chinese_pieces_are_rejoined_without_spaces() -> None:
    assert join_pieces("人口 贩运 受害者 在 2020 年", "zh") == "人口贩运受害者在2020年"
    assert join_pieces("la  traite   des personnes", "fr") == "la traite des personnes"


def test_term_presence_is_case_insensitive_and_uses_accepted_forms() -> None:
    span = find_spans(
        "Trafficking in persons.",
        [TermSpec("tip", 0, 22, "Trafficking in persons", "trata de personas", ("trata de personas", "trata"))],
    )[0]
    assert span_present("La Trata de Personas es un delito.", span, "es")
    assert not span_present("El tráfico de personas es un delito.", span, "es")


@pytest.mark.skipif(
    shutil.which("apertium") is None, reason="apertium is not installed (apt-get install apertium-eng-spa)"
)
def test_apertium_keeps_placeholders_terms_and_symbols() -> None:
    engine = create_engine("apertium", None, "es")
    engine.resolve()
    protector = Protector(engine, "es")
    assert protector.strategy == "placeholder"
    spans = [find_spans(text, _terms(text, "es")) for text in SENTENCES]
    jobs = protector.translate(SENTENCES, spans)
    for job in jobs:
        for span in job.spans:
            assert span_present(job.output, span, "es"), (span, job.output)
    assert jobs[2].output.startswith("Trata de personas"), "a term first in the sentence keeps the capital"
    assert "https://www.unodc.org/glotip" in jobs[1].output and "A/RES/64/293" in jobs[1].output
    assert "Trafficking" not in jobs[2].output
    # Rule-based MT copies the placeholders: every span came back without any repair.
    assert protector.stats.kept_by_model == protector.stats.spans == sum(len(s) for s in spans)
    assert protector.stats.repaired_segments == 0


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_strategy_keeps_every_span_with_a_random_weight_model(strategy: str, tiny_marian: Path) -> None:
    engine = create_engine("marian", str(tiny_marian), "fr", beam_size=1, batch_size=4)
    protector = Protector(engine, "fr", strategy)
    spans = [find_spans(text, _terms(text, "fr")) for text in SENTENCES]
    jobs = protector.translate(SENTENCES, spans)
    assert len(jobs) == len(SENTENCES)
    for job in jobs:
        assert job.output.strip()
        for span in job.spans:
            assert span_present(job.output, span, "fr"), (strategy, span, job.output)
            if span.kind != "term":
                assert span.output in job.output
    assert protector.stats.missing_after == 0
    if strategy == "prefix":
        # Random weights never produce the spans themselves: constrained decoding forced them in.
        assert protector.stats.forced > 0


def test_ctranslate2_target_prefix_forces_the_term(tiny_ct2: Path) -> None:
    engine = create_engine("ctranslate2", str(tiny_ct2), "fr", beam_size=2)
    source = SENTENCES[2]
    forced = engine.translate([source, source], "fr", ["traite des personnes", None])
    assert forced[0].startswith("traite des personnes")
    protector = Protector(engine, "fr", "prefix")
    jobs = protector.translate([source], [find_spans(source, _terms(source, "fr"))])
    assert jobs[0].output.startswith("Traite des personnes")
    assert protector.stats.forced == 1 and protector.stats.repaired_segments == 0


def test_numbers_and_percentages_come_out_in_the_target_format() -> None:
    """MT drafts write numbers the target language's way, value unchanged, so the numbers check accepts them."""
    from translate.qa.base import CheckContext, Segment, run_checks

    text = "In 2020, 50,000 victims (30.5 per cent) were detected, against 1,250.5 in 2018 and 61% in E/2013/30."

    def outputs(lang: str) -> dict[str, str]:
        return {span.text: span.output for span in find_spans(text, lang=lang) if span.kind in ("number", "percent")}

    assert outputs("fr")["50,000"] == "50\u202f000"
    assert outputs("fr")["30.5 per cent"] == "30,5\u00a0%"
    assert outputs("es")["1,250.5"] == "1.250,5"
    assert outputs("ru")["61%"] == "61 процент"
    assert outputs("ru")["30.5 per cent"] == "30,5 процента"
    assert outputs("zh")["30.5 per cent"] == "30.5%"
    assert outputs("ar")["30.5 per cent"] == "30.5 في المائة"
    assert outputs("fr")["2020"] == "2020"
    assert "E/2013/30" not in outputs("fr") and "2013" not in outputs("fr")
    for lang in ("ar", "zh", "fr", "ru", "es"):
        for source, output in outputs(lang).items():
            segment = Segment(source=source, target=output, lang=lang)
            found = [finding for _, finding in run_checks([segment], CheckContext(), only=["numbers"])]
            assert not found, (lang, source, output, found)


def test_find_spans_without_a_language_keeps_numbers_as_written() -> None:
    spans = find_spans("Victims rose by 30.5 per cent to 50,000.")
    assert [(span.kind, span.output) for span in spans] == [("percent", "30.5 per cent"), ("number", "50,000")]
