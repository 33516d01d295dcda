"""The shared numeral readers (translate/numerals.py): one Roman helper for QA and DOCX list numbering."""

from __future__ import annotations

import pytest

from translate.formats.docx import format_number
from translate.numerals import fold_digits, parse_roman, to_roman


@pytest.mark.parametrize(
    ("number", "roman"),
    [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"), (40, "xl"), (90, "xc"), (400, "cd"), (1999, "mcmxcix")],
)
def test_roman_round_trip(number: int, roman: str) -> None:
    assert to_roman(number) == roman
    assert parse_roman(roman.upper()) == number


def test_parse_roman_rejects_non_canonical_and_non_roman() -> None:
    assert parse_roman("IIII") is None
    assert parse_roman("VX") is None
    assert parse_roman("abc") is None
    assert parse_roman("") is None


def test_docx_list_numbering_uses_the_same_roman_numerals() -> None:
    assert format_number(1994, "upperRoman") == "MCMXCIV"
    assert format_number(48, "lowerRoman") == "xlviii"
    assert [parse_roman(format_number(n, "upperRoman")) for n in range(1, 60)] == list(range(1, 60))


def test_fold_digits_keeps_positions() -> None:
    text = "نسبة ٢٥٫٥٪ في ١٩٩٩"
    folded = fold_digits(text)
    assert folded == "نسبة 25٫5% في 1999"
    assert len(folded) == len(text)
