"""One home for the shared text patterns (translate/patterns.py): MT protection and QA see the same UN symbols and
footnote markers, a Security Council resolution keeps its year."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_qa_checks import findings, passes

from translate.mt.protect import find_spans
from translate.qa.checks import find_symbols
from translate.qa.numbers import extract_numbers
from translate.segmentation import split_sentences

SHARED_UN = Path(__file__).resolve().parents[2] / "shared" / "data" / "un-ga-resolutions-sample" / "UN.ar-en.en"

SENTENCES = [
    "Recalling Security Council resolution S/RES/2331 (2016) and General Assembly resolution A/RES/64/293.",
    "See CTOC/COP/2012/15, E/CN.15/2013/L.5 and A/55/602/Add.2.[^3]",
    "Reports E/2013/30 and A/RES/S-26/2 were noted; HIV/AIDS is no symbol.",
    "The Commission (E/CN.4/Sub.2/2004/1) met in 2016 (see A/RES/70/1).",
]


def _mt_symbols(text: str) -> list[str]:
    return [span.text for span in find_spans(text) if span.kind in ("symbol", "footnote")]


@pytest.mark.parametrize("text", SENTENCES)
def test_mt_protection_and_qa_see_the_same_symbols(text: str) -> None:
    symbols = find_symbols(text)
    assert symbols and all(symbol in text for symbol in symbols)
    assert sorted(_mt_symbols(text)) == sorted(symbols)


def test_the_year_belongs_to_a_security_council_resolution() -> None:
    text = SENTENCES[0]
    assert "S/RES/2331 (2016)" in _mt_symbols(text)  # protected whole in MT
    assert "S/RES/2331 (2016)" in find_symbols(text)  # compared whole in QA
    assert [token.text for token in extract_numbers(text, "en")] == []  # and not also a number
    # Chinese writes it without the space or with full-width brackets: the same symbol.
    assert passes("un-symbols", "zh", text, "回顾安全理事会第S/RES/2331(2016)号决议和大会A/RES/64/293号决议。")
    assert passes("un-symbols", "zh", text, "回顾安全理事会S/RES/2331（2016）号决议和大会A/RES/64/293号决议。")
    # Another year, or none, is a changed symbol.
    french = "Rappelant la résolution S/RES/2331 (2017) et la résolution A/RES/64/293."
    wrong = findings("un-symbols", "fr", text, french)
    assert wrong and wrong[0].details["missing"] == ["S/RES/2331 (2016)"]
    bare = findings("un-symbols", "es", text, "Recordando la resolución S/RES/2331 y la resolución A/RES/64/293.")
    assert [finding.details["missing"] for finding in bare] == [["S/RES/2331 (2016)"]]


def test_symbols_without_spaces_around_them_in_chinese() -> None:
    assert find_symbols("缔约方会议通过了建议（见CTOC/COP/2012/15，第12段）。") == ["CTOC/COP/2012/15"]


def test_a_footnote_marker_is_one_thing_everywhere() -> None:
    """[^*] (a printed mark that is not a number) is a footnote for MT protection, QA and sentence splitting."""
    text = "Trafficking fell.[^*] Convictions rose."
    assert _mt_symbols(text) == ["[^*]"]
    assert find_symbols(text) == ["[^*]"]
    assert split_sentences(text, "en") == ["Trafficking fell.[^*]", "Convictions rose."]


@pytest.mark.skipif(not SHARED_UN.exists(), reason="shared UN data not present")
def test_official_text_same_symbols_for_mt_and_qa() -> None:
    lines = SHARED_UN.read_text(encoding="utf-8").splitlines()
    with_symbols = [line for line in lines if find_symbols(line)]
    assert with_symbols, "the sample cites UN documents"
    for line in lines:
        assert sorted(_mt_symbols(line)) == sorted(find_symbols(line)), line
