"""The QA checks on real six-language text (../shared/data): few alarms on the official translations, the real
discrepancies found, and every planted error caught. Skips when the data is absent."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from translate.qa.checks import LENGTH_RATIO_STATS, QA_CHECK_IDS

QA_EVAL_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "qa_eval.py"


def _load_qa_eval():
    spec = importlib.util.spec_from_file_location("qa_eval", QA_EVAL_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("qa_eval", module)
    spec.loader.exec_module(module)
    return module


qa_eval = _load_qa_eval()


@pytest.fixture(scope="module")
def corpora(shared_data):
    return qa_eval.load_corpora(shared_data)


@pytest.fixture(scope="module")
def alarms(corpora):
    return qa_eval.real_alarms(corpora)


def _count(alarms, check_id, corpora=None, lang=None):
    return sum(
        len(found)
        for (corpus, check, code), found in alarms.items()
        if check == check_id and (corpora is None or corpus in corpora) and (lang is None or code == lang)
    )


def test_corpora_are_aligned_and_complete(corpora):
    sizes = Counter({name: len(segments) for name, segments in corpora.items()})
    assert sizes == {"sdg": 455 * 5, "udhr": 81 * 5, "un-ga": 15 * 5, "flores": 1012 * 5, "ntrex": 1997 * 5}


def test_no_alarm_where_the_official_translations_agree(alarms):
    """UDHR: only the typography of two languages alarms; symbols and emptiness never misfire anywhere."""
    udhr = {(check_id, lang) for (corpus, check_id, lang), found in alarms.items() if corpus == "udhr" and found}
    assert udhr == {("quotes", "zh"), ("punctuation-spacing", "fr")}
    for check_id in ("un-symbols", "empty"):
        assert _count(alarms, check_id) == 0
    assert _count(alarms, "untranslated", corpora={"sdg", "udhr", "un-ga", "flores"}) == 0


def test_udhr_alarms_are_real_typography(alarms):
    """The Chinese UDHR uses ASCII commas between Chinese words; the French one an ordinary space before ;."""
    chinese = alarms[("udhr", "quotes", "zh")]
    assert all("ASCII punctuation" in message for _, message in chinese)
    french = alarms[("udhr", "punctuation-spacing", "fr")]
    assert all("ordinary space before ;" in message for _, message in french)


def test_numbers_alarm_rate_on_news_is_low(alarms, corpora):
    for lang in qa_eval.LANGS:
        total = sum(1 for corpus in ("flores", "ntrex") for segment in corpora[corpus] if segment.lang == lang)
        assert _count(alarms, "numbers", corpora={"flores", "ntrex"}, lang=lang) / total < 0.03, lang


def test_real_discrepancies_are_found(alarms):
    def ids(corpus, check_id, lang):
        return {segment.id for segment, _ in alarms.get((corpus, check_id, lang), [])}

    # Arabic SDG 16.2.2: "per 100,000" written "000 100" (digit groups in visual order): a style warning with a
    # fix, no longer a numbers error (the value is right)
    assert "sdg:global_indicators:16-2-2-title" in ids("sdg", "number-style", "ar")
    assert "sdg:global_indicators:16-2-2-title" not in ids("sdg", "numbers", "ar")
    # the Arabic SDG targets justify lines with tatweel (حصـة الطـاقـة)
    assert "sdg:global_targets:7-2-title" in ids("sdg", "tatweel", "ar")
    # one indicator repeated under two numbers, translated two ways ("100.000 habitantes" / "personas")
    assert {"sdg:global_indicators:11-5-1-title", "sdg:global_indicators:13-1-1-title"} <= ids(
        "sdg", "inconsistent", "es"
    )
    # NTREX Spanish: "mantuvo con con el presidente"
    assert "flores:26" in ids("flores", "doubled-words", "es")
    # the English resolution cites "A/55/602/Add.2 and Corr.1"; the Spanish, Russian and Chinese texts drop Corr.1
    for lang in ("es", "ru", "zh"):
        assert "un-ga:2" in ids("un-ga", "numbers", lang), lang
    # the official Spanish FLORES text writes the bird-flu strain H5N1 as H5N5
    assert "flores:187" in ids("flores", "numbers", "es")
    # ASCII colon between a Latin name and a Chinese quotation mark (告诉CNN:“印尼...)
    assert "ntrex:1764" in ids("ntrex", "quotes", "zh")


def test_every_error_on_official_text_is_a_reviewed_real_discrepancy(corpora):
    """Issue 15's goal: no false error on official UN text. Every error-severity alarm on the SDG, UDHR and GA
    55/100 translations is listed, with the reason it is real, in benchmarks/qa_official_reviewed.tsv; and every
    listed one is still found (a fix that silences a real discrepancy is a regression too)."""
    errors, reviewed = qa_eval.official_errors(corpora), qa_eval.reviewed_alarms()
    assert sorted(set(errors) - set(reviewed)) == []
    assert sorted(set(reviewed) - set(errors)) == []
    assert all(reason.strip() for reason in reviewed.values())


def test_every_planted_error_is_caught(corpora):
    segments = [segment for corpus in corpora.values() for segment in corpus]
    recall = qa_eval.planted_recall(segments, seed=11, per_kind=25)
    planted_checks = {check_id for check_id, _, _ in recall}
    assert planted_checks == set(QA_CHECK_IDS) | {"glossary-missing", "glossary-forbidden"}
    total_caught = sum(row[0] for row in recall.values())
    total_planted = sum(row[1] for row in recall.values())
    assert total_planted > 1500
    assert total_caught / total_planted >= 0.99
    by_check: dict[str, list[int]] = {}
    for (check_id, _kind, _lang), (caught, planted, _missed) in recall.items():
        row = by_check.setdefault(check_id, [0, 0])
        row[0] += caught
        row[1] += planted
    # length-ratio is statistical: a Chinese target cut to a third can still look like a concise translation;
    # doubled-words lets a name the source doubles itself (Roa Roa) be written three times. Numbers, symbols and
    # punctuation catch every planted error (issue 7, "Done when").
    floors = {"doubled-words": 0.97, "length-ratio": 0.85}
    for check_id, (caught, planted) in by_check.items():
        assert caught / planted >= floors.get(check_id, 1.0), (check_id, caught, planted)
    for check_id in ("numbers", "un-symbols", "brackets", "quotes", "punctuation-spacing"):
        assert by_check[check_id][0] == by_check[check_id][1], (check_id, by_check[check_id])
    # issue 15: numbers, dates, months, times, symbols and terms, each caught in all five languages
    for check_id, kind in [("numbers", "changed digit"), ("numbers", "date"), ("numbers", "month"),
                           ("numbers", "time"), ("un-symbols", "footnote marker dropped"),
                           ("glossary-forbidden", "forbidden term"),
                           ("glossary-missing", "term replaced by another word")]:  # fmt: skip
        for lang in qa_eval.LANGS:
            caught, planted, _ = recall[(check_id, kind, lang)]
            assert planted > 0 and caught == planted, (check_id, kind, lang, caught, planted)


def test_length_ratio_constants_match_the_data(corpora):
    measured = qa_eval.length_statistics(corpora)
    for lang, bands in LENGTH_RATIO_STATS.items():
        for band, (mean, spread) in bands.items():
            real_mean, real_spread, count = measured[lang][band]
            assert count > 250
            assert abs(real_mean - mean) < 0.01 and abs(real_spread - spread) < 0.01, (lang, band)
