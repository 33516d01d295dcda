"""Numeral readers shared across areas: Roman numerals (QA number check, DOCX list numbering), Chinese numerals
and Arabic-Indic / full-width digits (QA number check).

Nothing here depends on another hexaglot module: the vocabularies (Chinese digits and units) come from the language
files and are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_ROMAN_STEPS = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_ROMAN_VALUES = {letters: value for value, letters in _ROMAN_STEPS if len(letters) == 1}


def to_roman(number: int) -> str:
    """17 -> ``xvii`` (lower case; ``.upper()`` for capitals); 0 or less -> empty."""
    result = ""
    for value, letters in _ROMAN_STEPS:
        while number >= value:
            result, number = result + letters, number - value
    return result


def parse_roman(numeral: str) -> int | None:
    """XVII -> 17, iv -> 4; None when it is not a well-formed (canonical) Roman numeral."""
    lowered = numeral.lower()
    if not lowered or any(char not in _ROMAN_VALUES for char in lowered):
        return None
    values = [_ROMAN_VALUES[char] for char in lowered]
    total = sum(
        -value if index + 1 < len(values) and value < values[index + 1] else value for index, value in enumerate(values)
    )
    return total if total > 0 and to_roman(total) == lowered else None


CHINESE_NUMERAL_RUN = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
"""A run of Chinese numeral characters (a candidate for :func:`parse_chinese_numeral`)."""


def parse_chinese_numeral(numeral: str, chinese: Mapping[str, Any]) -> int | None:
    """二十五 -> 25, 一九九九 -> 1999, 三千五百万 -> 35 000 000; None when it is not a number on its own.

    ``chinese`` holds the vocabulary of ``translate/lang/zh.py``: ``{"digits", "units", "big"}``.
    """
    digits, units, big = chinese["digits"], chinese["units"], chinese["big"]
    if not any(char in digits for char in numeral) and not numeral.startswith("十"):
        return None
    if len(numeral) > 1 and all(char in digits for char in numeral):
        return int("".join(str(digits[char]) for char in numeral))
    total = section = number = 0
    for char in numeral:
        if char in digits:
            number = digits[char]
        elif char in units:
            section += (number or 1) * units[char]
            number = 0
        elif char in big:
            section += number
            total = (total + section) * big[char] if big[char] > 10**4 else total + section * big[char]
            section = number = 0
    return total + section + number


ARABIC_DECIMAL = "\u066b"
"""Arabic decimal separator ٫."""
ARABIC_GROUP = "\u066c"
"""Arabic thousands separator ٬."""

DIGIT_FOLD = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic ٠-٩
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic ۰-۹
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width ０-９
        "\u066a": "%",  # Arabic percent sign ٪
        "\uff05": "%",  # full-width percent ％
    }
)
"""Arabic-Indic, extended Arabic-Indic and full-width digits and percent signs to ASCII, for ``str.translate``.
Length-preserving: positions in the folded text are positions in the original."""


def fold_digits(text: str) -> str:
    """``١٢٣٫٥٪`` -> ``123٫5%``: every digit as an ASCII digit, same length."""
    return text.translate(DIGIT_FOLD)


ARABIC_TEN = re.compile("عشرة?")
"""Arabic ten (عشر, عشرة), the second word of a teen: ثماني عشرة = 18."""
ARABIC_DECADES = re.compile(
    "(?<!\\w)(?:[وفبلك]?(?:ال)?)(?:(عشر)|(ثلاث)|(أربع)|(خمس)|(ست)|(سبع)|(ثمان)|(تسع))ينيات(?!\\w)"
)
"""Arabic decades: ثمانينيات (القرن العشرين) = the (19)80s; group n (1-based) is the decade (n + 1) * 10."""


def arabic_decade(match: re.Match[str]) -> int | None:
    """The decade an :data:`ARABIC_DECADES` match stands for (ثمانينيات -> 80)."""
    return (match.lastindex + 1) * 10 if match.lastindex is not None else None
