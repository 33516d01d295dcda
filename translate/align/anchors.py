"""What survives translation: the anchors that tie an English paragraph or sentence to its translation.

*Strong* anchors are facts a translation must keep: numbers (read as digit runs, so that 69,627 / 69 627 /
69.627 all give ``69`` and ``627``; Arabic-Indic and full-width digits folded), footnote markers ``[^3]``,
the paragraph's label read as an ordinal ("12.", "(c)", "(ج)", "в)", "（三）", "IV.", "رابعا" ...) and Chinese
ordinals such as 第三条. A strong anchor on one side and not the other is evidence *against* a link.

*Weak* anchors count only when they agree: Latin-script acronyms kept in a non-Latin translation (UNODC in a
Chinese sentence) and glossary concepts found on both sides. A translator may use a synonym or spell an
acronym out, so their absence proves nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from translate.formats.inline import strip_tags
from translate.lang import get_language
from translate.lang.zh import CHINESE_BIG_UNITS, CHINESE_DIGITS, CHINESE_UNITS
from translate.patterns import FOOTNOTE_MARKER

_DIGIT_FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DIGITS = re.compile(r"\d+")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]{1,9}(?![A-Za-z])")
_CHINESE_ORDINAL = re.compile(r"第([零〇一二两三四五六七八九十百千]+)")
_CHINESE_LIST = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]")

LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
ARABIC_LETTERS = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
"""The abjad order in which UN Arabic letters sub-paragraphs: (أ) (ب) (ج) (د) ..."""
CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
ARABIC_ORDINALS = (
    "أولا",
    "ثانيا",
    "ثالثا",
    "رابعا",
    "خامسا",
    "سادسا",
    "سابعا",
    "ثامنا",
    "تاسعا",
    "عاشرا",
)
"""Chapter numbers of UN Arabic documents (I. -> أولا -)."""

_LABEL = re.compile(
    r"""^\s*[(（]?\s*(?:
        (?P<number>\d{1,4})(?:\.\d{1,3})*
      | (?P<roman>[IVXLC]{1,7}|[ivxlc]{1,7})
      | (?P<letter>[a-zA-Z\u0600-\u06ff\u0430-\u044f\u0410-\u042f])
      | (?P<chinese>[一二三四五六七八九十]{1,3})
    )\s*[)）.\-–、]""",
    re.VERBOSE,
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass
class Anchors:
    """The anchors of one paragraph or sentence (or of several joined)."""

    strong: Counter[str] = field(default_factory=Counter)
    weak: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: Anchors) -> Anchors:
        return Anchors(self.strong + other.strong, self.weak + other.weak)

    @property
    def empty(self) -> bool:
        return not self.strong and not self.weak


def roman_value(numeral: str) -> int | None:
    """IV -> 4, xii -> 12; None for what is not a well-formed Roman numeral."""
    values = [_ROMAN_VALUES.get(char) for char in numeral.lower()]
    if not values or None in values:
        return None
    total = 0
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    return total if 0 < total < 400 else None


def chinese_value(numeral: str) -> int | None:
    """三 -> 3, 二十五 -> 25, 一百 -> 100 (ordinals and list numbers, not large figures)."""
    total = section = number = 0
    for char in numeral:
        if char in CHINESE_DIGITS:
            number = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            section += (number or 1) * CHINESE_UNITS[char]
            number = 0
        elif char in CHINESE_BIG_UNITS:
            total += (section + number) * CHINESE_BIG_UNITS[char]
            section = number = 0
        else:
            return None
    value = total + section + number
    return value or None


def label_ordinal(label: str) -> int | None:
    """The position a printed label stands for: "12." -> 12, "(c)" -> 3, "(ج)" -> 3, "в)" -> 3, "IV." -> 4,
    "（三）" -> 3, "رابعا -" -> 4. None when ``label`` is not a label."""
    label = unicodedata.normalize("NFKC", label).translate(_DIGIT_FOLD).strip()
    for position, word in enumerate(ARABIC_ORDINALS, start=1):
        if label.startswith(word):
            return position
    match = _LABEL.match(label + ("." if label and label[-1] not in ").）-–、" else ""))
    if match is None:
        return None
    if match.group("number"):
        return int(match.group("number"))
    roman = match.group("roman")
    if roman and (len(roman) > 1 or roman.isupper()):
        return roman_value(roman)
    if roman:  # a single i, v, x, l or c in lower case is a letter: (c) -> 3
        return _letter_position(roman)
    if match.group("letter"):
        return _letter_position(match.group("letter"))
    return chinese_value(match.group("chinese"))


def _letter_position(letter: str) -> int | None:
    lowered = letter.lower()
    for alphabet in (LATIN_LETTERS, ARABIC_LETTERS, CYRILLIC_LETTERS):
        if lowered in alphabet:
            return alphabet.index(lowered) + 1
    if letter in ("ا", "إ", "آ"):
        return 1
    if letter == "ه" or letter == "ة":
        return ARABIC_LETTERS.index("ه") + 1
    return None


def text_anchors(text: str, lang: str, label: str = "") -> Anchors:
    """The anchors of ``text`` in ``lang`` (its printed ``label`` too, when the reader kept it apart)."""
    folded = unicodedata.normalize("NFKC", strip_tags(text)).translate(_DIGIT_FOLD)  # <1>..</1>: formatting
    strong: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    for marker in FOOTNOTE_MARKER.findall(folded):
        strong[f"fn:{marker}"] += 1
    without_markers = FOOTNOTE_MARKER.sub(" ", folded)
    for digits in _DIGITS.findall(without_markers):
        strong[digits.lstrip("0") or "0"] += 1
    if get_language(lang).script == "Hans":
        for numeral in _CHINESE_ORDINAL.findall(without_markers):
            value = chinese_value(numeral)
            if value is not None:
                strong[str(value)] += 1
    if label:
        ordinal = label_ordinal(label)
    else:
        ordinal = _leading_label(without_markers, lang)
        if ordinal is not None and strong[str(ordinal)] > 0:  # the label's own digits are not a figure
            strong[str(ordinal)] -= 1
            strong += Counter()  # drops the zero count
    if ordinal is not None:
        strong[f"label:{ordinal}"] += 1
    for acronym in _ACRONYM.findall(without_markers):
        weak[f"acr:{acronym}"] += 1
    return Anchors(strong, weak)


def _leading_label(text: str, lang: str) -> int | None:
    stripped = text.lstrip()
    script = get_language(lang).script
    if script == "Hans":
        match = _CHINESE_LIST.match(stripped)
        if match:
            return chinese_value(match.group(1))
    match = re.match(r"^(\S{1,8})\s", stripped)
    if match is None:
        return None
    token = match.group(1)
    arabic_number = (
        script == "Arab" and re.match(r"^\d{1,3}$", token) and stripped[len(token) :].lstrip().startswith("-")
    )
    if not re.search(r"[.)）\-–]$", token) and token not in ARABIC_ORDINALS and not arabic_number:
        return None
    return label_ordinal(token)
