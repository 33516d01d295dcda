"""Locale-aware number extraction and comparison for the QA ``numbers`` check.

A number is read the way its language writes it, so that ``1,250.5`` (en) equals ``1 250,5`` (fr, ru; with a
space, U+00A0 or U+202F), ``1.250,5`` or ``1 250,5`` (es) and ``1,250.5`` or ``١٬٢٥٠٫٥`` (ar). Each number becomes
a :class:`NumberToken` holding the *set* of values it may stand for:

- a multiplier word after it adds the multiplied value: ``2.5 million`` = {2.5, 2 500 000} = ``250万`` = {250,
  2 500 000}; ``1.2 billion`` = ``12亿`` = ``1 200 millones`` (``mil millones``), ``миллиона``, ``مليون``, ``百万``;
- a percentage (``%``, ``per cent``, ``pour cent``, ``por ciento``, ``процента``, ``في المائة``, ``百分之``) is
  marked, and a percentage that is no longer one in the target is reported;
- Arabic-Indic and full-width digits are read as digits; ``٫`` is a decimal and ``٬`` a group separator;
- a space-grouped number (``5 100``) may also be read as its parts (``5``, ``100``) when that is what matches.

Number words (``two``, ``deux``, ``пяти``), month names (``December`` = 12, so that ``17 December 1999`` equals
``1999年12月17日``) and Chinese numerals (``第一条``, ``百分之二十五``) are *optional* tokens: they can stand for a
number of the other side but are never reported as missing or extra. The vocabulary lives in each language file
(``NUMBER_WORDS``, ``MULTIPLIER_WORDS``, ``MONTH_NAMES``; zh: ``CHINESE_DIGITS`` and units).

UN document symbols (``E/CN.15/2013/L.5``) and footnote markers (``[^3]``) are masked before numbers are read:
the ``un-symbols`` check compares them as whole strings.

Comparison is by count: each number of one side is paired with its own number of the other side (a maximum
bipartite matching over the values they may stand for), so that a number written twice in the source must be
written twice in the translation, and a number word or ordinal (``second``, ``12th``) stands in for one digit
number only. A decade stands for one number and may also cover its century (``1930s`` = ``20 世纪 30 年代``),
and a space-grouped number is read as its parts only when that pairs more numbers.

The package is split by concern: :mod:`.tokens` reads the numbers of one text, :mod:`.pairing` pairs the numbers
of a source and a target; the numeral readers (Roman, Chinese, Arabic-Indic) are in :mod:`translate.numerals`.
"""

from __future__ import annotations

from translate.numerals import parse_chinese_numeral, parse_roman
from translate.qa.numbers.pairing import NumberComparison, compare_numbers
from translate.qa.numbers.tokens import (
    BIDI_CONTROLS,
    SPACE_SEPARATORS,
    NumberToken,
    extract_numbers,
    format_value,
    mask_symbols,
    vocabulary,
)

__all__ = [
    "BIDI_CONTROLS",
    "SPACE_SEPARATORS",
    "NumberComparison",
    "NumberToken",
    "compare_numbers",
    "extract_numbers",
    "format_value",
    "mask_symbols",
    "parse_chinese_numeral",
    "parse_roman",
    "vocabulary",
]
