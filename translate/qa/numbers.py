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
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from translate.lang import get_language

SPACE_SEPARATORS = " \u00a0\u202f\u2009"
"""Spaces that can group digits: space, no-break space, narrow no-break space, thin space."""
ARABIC_DECIMAL = "\u066b"
ARABIC_GROUP = "\u066c"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")

_DIGIT_FOLD = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic ٠-٩
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic ۰-۹
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width ０-９
        "\u066a": "%",  # Arabic percent sign ٪
        "\uff05": "%",  # full-width percent ％
    }
)
"""Length-preserving: positions in the folded text are positions in the original."""

_SYMBOL_PART = r"(?:(?:Add|Rev|Corr|Amend|Suppl?|Sess|Sp)\.\d{1,4}|[A-Z]{1,10}(?:\.\d{1,4})?|\d{1,4})"
UN_SYMBOL_RE = re.compile(rf"(?<![A-Za-z0-9/.\-])[A-Z]{{1,10}}(?:\.\d{{1,4}})?(?:/{_SYMBOL_PART})+")
"""A UN document symbol: A/RES/64/293, E/2013/30, CTOC/COP/2012/15, E/CN.15/2013/L.5, A/55/602/Add.2."""
FOOTNOTE_RE = re.compile(r"\[\^[^\]\s]{1,32}\]")
"""A Markdown footnote marker: [^3], [^note-12]."""

EXTRA_SEPARATORS: dict[str, tuple[str, str]] = {
    "zh": ("", SPACE_SEPARATORS),
    "ar": (",", SPACE_SEPARATORS),
}
"""(decimal, group) separators accepted beyond the language file's: UN Chinese and Arabic group digits with spaces
(每100 000人, لكل 100 000), and UN Arabic writes decimals with a comma (0,7 في المائة). Where a separator is both,
three digits after it make it a group separator (26,750) and anything else a decimal one (0,15)."""

_DIGIT_RUN = re.compile(r"(?<!\d)\d+(?:[.,'\u066b\u066c \u00a0\u202f\u2009]\d+)*")
_GLUED_IDENTIFIER = re.compile(r"\d+\.\d+")
_ROMAN = re.compile(
    r"(?<![\w'’])([IVXLC]{2,7}|[IVX])(?:e|er|ème|es)?(?![\w'’])|(?<=\()([ivx]{1,5})(?=\))|(?<![\w(])([ivx]{1,5})(?=\))"
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?!\w)")
_DECADE_SUFFIX = re.compile(r"(?:'|’)?s(?!\w)")
_MINUTES_BEFORE = re.compile(r"(?:[:.]|h[ \u00a0\u202f]?)$")
_PM = re.compile(r"(?::\d{2})?[ \u00a0]?(?:p\.\s?m\.?|pm)(?!\w)", re.IGNORECASE)
_TENS = frozenset(Decimal(tens) for tens in range(20, 100, 10))
_CHINESE_NUMERAL_RUN = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
TATWEEL = "\u0640"
_WORD_BEFORE = re.compile(r"[A-Za-z0-9.]*$")
_ZH_DECADE = re.compile(
    r"(?:(?<!\d)(\d{1,2})[ \u00a0\u202f\u2009]*)?世纪[ \u00a0\u202f\u2009]*(\d0)[ \u00a0\u202f\u2009]*年代"
)
_ZH_CENTURY_DETERMINERS = frozenset("0123456789零〇一二两三四五六七八九十上本该同这那个下前")
"""What may stand before 世纪 when its number is not written there: 上世纪 (last century), 本世纪, 该世纪 ..."""
_ARABIC_TEN = re.compile("عشرة?")
_ARABIC_DECADES = re.compile(
    "(?<!\\w)(?:[وفبلك]?(?:ال)?)(?:(عشر)|(ثلاث)|(أربع)|(خمس)|(ست)|(سبع)|(ثمان)|(تسع))ينيات(?!\\w)"
)
"""Arabic decades: ثمانينيات (القرن العشرين) = the (19)80s."""
_CHINESE_PERCENT = "百分之"


@dataclass(frozen=True)
class NumberToken:
    """One number found in a text, with every value it may stand for."""

    text: str
    start: int
    end: int
    values: frozenset[Decimal]
    percent: bool = False
    optional: bool = False
    """Number words, month names and Chinese numerals: they may match but are never reported."""
    parts: tuple[Decimal, ...] = ()
    """For a space-grouped number (``5 100``): its groups read as separate numbers."""
    required: frozenset[Decimal] = frozenset()
    """With a multiplier word, the value that must be found on the other side (1.2 billion: 1 200 000 000, so
    that 1.2亿 = 120 000 000 does not pass on its bare 1.2); empty: any of ``values``."""
    word: bool = False
    """A number word, month name or Chinese numeral (not a Roman numeral, not digits)."""
    vague: bool = False
    """A multiplier word on its own (thousands, тысячи, 千): an amount rather than a number; it may pair, and it is
    never required to."""
    identifier: str = ""
    """For a number glued to letters (802.11a, F125, H5N1): the letters and digits before it in its word and the
    number (``"F|125"``), so that the same identifier written again is known; a translation may repeat or
    abbreviate a name (802.11a, 802.11b -> 802.11a, b). Empty for other numbers."""
    companion: Decimal | None = None
    """A second number of the other side this one may also account for: the century of a decade (``1930s``, which
    needs 1930 or 30 itself, may also cover the 20 of ``20 世纪 30 年代``)."""

    def matches(self, pool: frozenset[Decimal]) -> bool:
        """True when this number (or, failing that, each of its space-separated parts) is in ``pool``."""
        if (self.required or self.values) & pool:
            return True
        return bool(self.parts) and all(part in pool for part in self.parts)


@dataclass(frozen=True)
class NumberComparison:
    """The numbers of a source and a target, and what does not correspond."""

    source: tuple[NumberToken, ...]
    target: tuple[NumberToken, ...]
    missing: tuple[NumberToken, ...]
    """Source numbers that the target does not have."""
    extra: tuple[NumberToken, ...]
    """Target numbers that the source does not have."""
    percent_lost: tuple[NumberToken, ...]
    """Source percentages whose value is in the target, but never as a percentage."""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.percent_lost)


@dataclass(frozen=True)
class _Vocabulary:
    """Compiled number vocabulary of one language."""

    words: re.Pattern[str] | None
    word_values: tuple[Decimal, ...]
    multipliers: re.Pattern[str] | None
    multiplier_values: tuple[int, ...]
    bare_multipliers: re.Pattern[str] | None
    months: re.Pattern[str] | None
    percent_after: re.Pattern[str]
    decimal: frozenset[str]
    group: frozenset[str]
    uses_spaces: bool
    chinese: dict[str, Any]


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"({pattern})" for pattern in patterns)


def _word_pattern(patterns: list[str], code: str) -> re.Pattern[str]:
    prefix = r"(?:[وفبلك]?(?:ال)?)" if code == "ar" else ""
    return re.compile(rf"(?<!\w){prefix}(?:{_alternation(patterns)})(?!\w)", re.IGNORECASE)


@cache
def vocabulary(code: str) -> _Vocabulary:
    """The number vocabulary and separators of a language, from ``translate/lang/<code>.py``."""
    language = get_language(code)
    module = importlib.import_module(f"translate.lang.{language.code}")
    words: dict[str, float] = getattr(module, "NUMBER_WORDS", {})
    multipliers: dict[str, int] = getattr(module, "MULTIPLIER_WORDS", {})
    months: tuple[str, ...] = getattr(module, "MONTH_NAMES", ())
    spaced = language.uses_spaces
    multiplier_patterns = list(multipliers)
    if multiplier_patterns:
        tail = r"(?!\w)" if spaced else ""
        multiplier_re = re.compile(rf"[ \u00a0\u202f\u2009]*(?:{_alternation(multiplier_patterns)}){tail}", re.I)
        bare_re = _word_pattern(multiplier_patterns, language.code) if spaced else None
    else:
        multiplier_re = bare_re = None
    percent_words = sorted({"%", *language.percent_words}, key=len, reverse=True)
    percent_tail = r"(?!\w)" if spaced else ""
    percent_re = re.compile(
        rf"[ \u00a0\u202f\u2009]*(?:%|(?:{'|'.join(re.escape(word) for word in percent_words)}){percent_tail})", re.I
    )
    extra_decimal, extra_group = EXTRA_SEPARATORS.get(language.code, ("", ""))
    group = set(language.group_separators) | {ARABIC_GROUP} | set(extra_group)
    if group & set(SPACE_SEPARATORS):
        group |= set(SPACE_SEPARATORS)
    return _Vocabulary(
        words=_word_pattern(list(words), language.code) if words else None,
        word_values=tuple(Decimal(str(value)) for value in words.values()),
        multipliers=multiplier_re,
        multiplier_values=tuple(multipliers.values()),
        bare_multipliers=bare_re,
        months=_word_pattern(list(months), language.code) if months else None,
        percent_after=percent_re,
        decimal=frozenset({language.decimal_separator, ARABIC_DECIMAL, *extra_decimal}),
        group=frozenset(group),
        uses_spaces=spaced,
        chinese={
            "digits": getattr(module, "CHINESE_DIGITS", {}),
            "units": getattr(module, "CHINESE_UNITS", {}),
            "big": getattr(module, "CHINESE_BIG_UNITS", {}),
        },
    )


def mask_symbols(text: str) -> str:
    """Blank out UN document symbols and footnote markers (same length, so positions hold)."""
    text = UN_SYMBOL_RE.sub(lambda match: " " * len(match.group()), text)
    return FOOTNOTE_RE.sub(lambda match: " " * len(match.group()), text)


def _separator_class(separator: str) -> str:
    return " " if separator in SPACE_SEPARATORS else separator


def _read_grouped(digits: list[str], separators: list[str], vocab: _Vocabulary) -> Decimal | None:
    """The value of digit groups joined by separators, or None when this language does not write it so."""
    if not separators:
        return Decimal(digits[0])
    fraction = ""
    if separators[-1] in vocab.group and separators[-1] in vocab.decimal and len(digits[-1]) == 3:
        grouped = _read_grouped(digits, separators, replace(vocab, decimal=frozenset()))
        if grouped is not None:
            return grouped
    if separators[-1] in vocab.decimal:
        fraction = digits[-1]
        digits, separators = digits[:-1], separators[:-1]
    if separators:
        if any(separator not in vocab.group for separator in separators):
            return None
        if len({_separator_class(separator) for separator in separators}) != 1:
            return None
        if not 1 <= len(digits[0]) <= 3 or any(len(group) != 3 for group in digits[1:]):
            return None
    try:
        return Decimal("".join(digits) + ("." + fraction if fraction else ""))
    except InvalidOperation:  # pragma: no cover - digits only
        return None


def _digit_tokens(text: str, vocab: _Vocabulary) -> list[tuple[int, int, Decimal, tuple[Decimal, ...]]]:
    """(start, end, value, parts) for each number written in digits, split where the grouping is not valid."""
    found = []
    for match in _DIGIT_RUN.finditer(text):
        pieces = re.split(r"(\D)", match.group())
        digits, separators = pieces[0::2], pieces[1::2]
        offsets = [match.start()]
        for index, group in enumerate(digits[:-1]):
            offsets.append(offsets[-1] + len(group) + len(separators[index]))
        glued = (
            _GLUED_IDENTIFIER.fullmatch(match.group())
            and _is_glued(text, match.start(), match.end())
            and _multiplier_at(text, match.end(), vocab) is None
        )
        if glued:  # 802.11a, 4.2GHz: a dotted identifier, whatever the language's decimal separator
            found.append((match.start(), match.end(), Decimal(match.group()), ()))
            continue
        start = 0
        while start < len(digits):
            for stop in range(len(digits), start, -1):
                value = _read_grouped(digits[start:stop], separators[start : stop - 1], vocab)
                if value is not None:
                    break
            parts = _space_parts(digits[start:stop], separators[start : stop - 1], vocab)
            end = offsets[stop - 1] + len(digits[stop - 1])
            found.append((offsets[start], end, value, parts))
            start = stop
    return found


def _space_parts(digits: list[str], separators: list[str], vocab: _Vocabulary) -> tuple[Decimal, ...]:
    """The groups of a space-grouped number read as separate numbers (``5 100`` -> 5, 100); () otherwise."""
    if not any(separator in SPACE_SEPARATORS for separator in separators):
        return ()
    if separators[-1] in vocab.decimal:
        return (*(Decimal(group) for group in digits[:-2]), Decimal(f"{digits[-2]}.{digits[-1]}"))
    return tuple(Decimal(group) for group in digits)


def _is_glued(text: str, start: int, end: int) -> bool:
    """True when a number touches an ASCII letter (802.11a, A4): an identifier rather than a quantity."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


def parse_roman(numeral: str) -> int | None:
    """XVII -> 17, iv -> 4; None when it is not a well-formed Roman numeral."""
    values = [_ROMAN_VALUES[char] for char in numeral.lower()]
    total = sum(
        -value if index + 1 < len(values) and value < values[index + 1] else value for index, value in enumerate(values)
    )
    return total if total > 0 and _to_roman(total) == numeral.lower() else None


def _to_roman(number: int) -> str:
    result = ""
    for value, letters in (
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            result, number = result + letters, number - value
    return result


def parse_chinese_numeral(numeral: str, chinese: dict[str, Any]) -> int | None:
    """二十五 -> 25, 一九九九 -> 1999, 三千五百万 -> 35 000 000; None when it is not a number on its own."""
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


def _multiplier_at(text: str, position: int, vocab: _Vocabulary) -> tuple[int, int] | None:
    """(multiplier, end) when a multiplier word follows ``position``."""
    if vocab.multipliers is None:
        return None
    match = vocab.multipliers.match(text, position)
    if match is None or match.lastindex is None:
        return None
    return vocab.multiplier_values[match.lastindex - 1], match.end()


def _make_token(text: str, start: int, end: int, value: Decimal, vocab: _Vocabulary, **extra: Any) -> NumberToken:
    """A token with the multiplier and percent sign that may follow it."""
    values = {value}
    multiplied = _multiplier_at(text, end, vocab)
    if multiplied is not None:
        multiplier, end = multiplied
        values.add(value * multiplier)
        extra["required"] = frozenset({value * multiplier})
    percent = extra.pop("percent", False)
    percent_sign = vocab.percent_after.match(text, end)
    if percent_sign is not None:
        percent, end = True, percent_sign.end()
    return NumberToken(text[start:end], start, end, frozenset(values), percent=percent, **extra)


def extract_numbers(text: str, lang: str) -> list[NumberToken]:
    """Every number in ``text`` read by the rules of language ``lang``, in order of position."""
    return list(_extract_numbers(text, lang))


@lru_cache(maxsize=8192)
def _extract_numbers(text: str, lang: str) -> tuple[NumberToken, ...]:
    """Cached: the English source of a segment is read once for its five translations."""
    if TATWEEL in text:
        return _without_tatweel(text, lang)
    vocab = vocabulary(lang)
    work = mask_symbols(BIDI_CONTROLS.sub(lambda match: " ", text.translate(_DIGIT_FOLD)))
    percent_prefix_ends = {match.end() for match in re.finditer(_CHINESE_PERCENT, work)}
    work = work.replace(_CHINESE_PERCENT, "\x00" * len(_CHINESE_PERCENT))
    tokens: list[NumberToken] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= begin or start >= stop for begin, stop in taken)

    def add(token: NumberToken) -> None:
        tokens.append(token)
        taken.append((token.start, token.end))

    if lang == "zh":
        for token in _chinese_decades(work):
            add(token)
    for start, end, value, parts in _digit_tokens(work, vocab):
        if free(start, end):
            add(_digit_token(work, start, end, value, parts, vocab, percent=start in percent_prefix_ends))
    for start, end, value, percent in _numeral_spans(work, vocab, percent_prefix_ends):
        if free(start, end):
            word = bool(vocab.chinese["digits"])  # a Chinese numeral is a word; a Roman one is not
            add(_make_token(work, start, end, Decimal(value), vocab, optional=True, percent=percent, word=word))
    words: list[NumberToken] = []
    for pattern, values in ((vocab.words, vocab.word_values), (vocab.months, None)):
        for match in pattern.finditer(work) if pattern is not None else ():
            if match.lastindex is not None and free(match.start(), match.end()):
                value = values[match.lastindex - 1] if values is not None else Decimal(match.lastindex)
                words.append(_make_token(work, match.start(), match.end(), value, vocab, optional=True, word=True))
                add(words[-1])
    if lang == "ar":
        for match in _ARABIC_DECADES.finditer(work):
            if free(match.start(), match.end()) and match.lastindex is not None:
                decade = Decimal((match.lastindex + 1) * 10)
                decade_token = NumberToken(
                    match.group(), match.start(), match.end(), frozenset({decade}), optional=True, word=True
                )
                words.append(decade_token)
                add(words[-1])
    compounds = _compounds(work, words)
    inside = {id(word) for word in words for whole in compounds if whole.start <= word.start < word.end <= whole.end}
    tokens = [token for token in tokens if id(token) not in inside] + compounds
    for match in vocab.bare_multipliers.finditer(work) if vocab.bare_multipliers is not None else ():
        if match.lastindex is not None and free(match.start(), match.end()):
            value = frozenset({Decimal(vocab.multiplier_values[match.lastindex - 1])})
            add(
                NumberToken(
                    work[match.start() : match.end()], match.start(), match.end(), value, optional=True, vague=True
                )
            )
    tokens.sort(key=lambda token: token.start)
    return tuple(_with_original_text(token, text) for token in tokens)


def _chinese_decades(work: str) -> Iterator[NumberToken]:
    """Chinese decades with their century: 20 世纪 60 年代 is one number, 1960. A decade after 世纪 with no number
    before it (世纪 60 年代, but not 上世纪 60 年代, "last century's 60s") has lost its century: it stands for no
    value, so that it is reported."""
    for match in _ZH_DECADE.finditer(work):
        century, decade = match.group(1), int(match.group(2))
        if century is not None:
            value = frozenset({Decimal((int(century) - 1) * 100 + decade)})
            yield NumberToken(match.group(), match.start(), match.end(), value)
            continue
        before = work[: match.start()].rstrip(SPACE_SEPARATORS)
        if not before or before[-1] not in _ZH_CENTURY_DETERMINERS:
            yield NumberToken(match.group(), match.start(), match.end(), frozenset())


def _without_tatweel(text: str, lang: str) -> tuple[NumberToken, ...]:
    """Numbers of an Arabic text stretched with tatweel (الخامسـة), read without it, at their places in ``text``."""
    kept = [index for index, char in enumerate(text) if char != TATWEEL]
    tokens = _extract_numbers("".join(text[index] for index in kept), lang)
    moved = []
    for token in tokens:
        start, end = kept[token.start], kept[token.end - 1] + 1
        moved.append(replace(token, text=text[start:end], start=start, end=end))
    return tuple(moved)


def _digit_token(
    work: str, start: int, end: int, value: Decimal, parts: tuple[Decimal, ...], vocab: _Vocabulary, percent: bool
) -> NumberToken:
    """A number in digits, with the readings English writing adds: 6th (optional), 1960s (= 60, 20th century),
    10:08 p.m. (= 22), and minutes 00 (optional: 4 h = 04:00)."""
    token = _make_token(work, start, end, value, vocab, parts=parts, percent=percent)
    values, optional, required, companion = set(token.values), False, token.required, None
    if _ORDINAL_SUFFIX.match(work, end):
        optional = True
    elif _DECADE_SUFFIX.match(work, end) and value >= 100 and value % 10 == 0:
        century = value // 100 + 1
        required = frozenset({value, value % 100} | ({century} if value % 100 == 0 else set()))
        values |= {value % 100, century}
        companion = century
    elif value < 12 and _PM.match(work, end) and not (start and work[start - 1] == ":"):
        values.add(value + 12)
    if work[start:end] == "00" and _MINUTES_BEFORE.search(work, 0, start):
        optional = True
    before = work[start - 1] if start else ""
    glued = (before.isascii() and before.isalpha()) or (
        _GLUED_IDENTIFIER.fullmatch(work[start:end]) is not None and _is_glued(work, start, end)
    )
    identifier = f"{_WORD_BEFORE.search(work, 0, start).group()}|{work[start:end]}" if glued else ""
    return replace(
        token,
        values=frozenset(values),
        optional=optional,
        required=required,
        identifier=identifier,
        companion=companion,
    )


def _numeral_spans(
    work: str, vocab: _Vocabulary, percent_prefix_ends: set[int]
) -> Iterator[tuple[int, int, int, bool]]:
    """(start, end, value, percent) for Chinese numerals (zh) and Roman numerals (other languages)."""
    if vocab.chinese["digits"]:
        for match in _CHINESE_NUMERAL_RUN.finditer(work):
            number = parse_chinese_numeral(match.group(), vocab.chinese)
            if number is not None:
                yield match.start(), match.end(), number, match.start() in percent_prefix_ends
        return
    for match in _ROMAN.finditer(work):
        numeral = next(group for group in match.groups() if group)
        number = parse_roman(numeral)
        if number is not None:
            yield match.start(), match.end(), number, False


def _compounds(work: str, words: list[NumberToken]) -> list[NumberToken]:
    """Tens and units written as one number (optional tokens): fifty-eight, vingt-cinq -> 58, 25; in Arabic the
    units come first: خمسة وعشرون -> 25, and the teens: الثامنة عشرة -> 18."""
    ordered = sorted(words, key=lambda token: token.start)
    found = []
    for first, second in itertools.pairwise(ordered):
        first_value, second_value = min(first.values), min(second.values)
        gap = work[first.end : second.start]
        if gap in ("-", " ", " et ", " y ") and first_value in _TENS and 1 <= second_value <= 9:
            value = first_value + second_value  # fifty-eight
        elif gap == " " and 1 <= first_value <= 9 and second.text.startswith("و") and second_value in _TENS:
            value = first_value + second_value  # خمسة وعشرون
        elif gap == " " and 1 <= first_value <= 9 and _ARABIC_TEN.fullmatch(second.text):
            value = first_value + 10  # ثماني عشرة
        else:
            continue
        span = work[first.start : second.end]
        found.append(
            NumberToken(span, first.start, second.end, frozenset({value}), second.percent, optional=True, word=True)
        )
    return found


def _with_original_text(token: NumberToken, text: str) -> NumberToken:
    original = text[token.start : token.end]
    if original == token.text:
        return token
    return replace(token, text=original)


def _pool(tokens: list[NumberToken]) -> frozenset[Decimal]:
    pool: set[Decimal] = set()
    for token in tokens:
        pool |= token.values
        pool.update(token.parts)
    return frozenset(pool)


@dataclass(frozen=True)
class _Unit:
    """One number to pair in the matching: a token, one part of a split token, or a decade's century."""

    token: int
    """Index of the token it comes from."""
    offers: frozenset[Decimal]
    """The values a number of the other side may take to pair with it."""
    wants: frozenset[Decimal]
    """The values it accepts from a number of the other side."""
    required: bool
    """False for optional tokens, repeated identifiers and centuries: they may pair but are never reported."""
    companion: bool = False
    vague: bool = False
    word: bool = False


def _units(tokens: tuple[NumberToken, ...], split: frozenset[int]) -> list[_Unit]:
    """The units of a side: tokens in ``split`` are read as their space-separated parts; an identifier written
    again (802.11a, 802.11b, 802.11g -> 802.11a, b et g) is required once."""
    units = []
    identifiers: set[str] = set()
    for index, token in enumerate(tokens):
        if index in split:
            units.extend(_Unit(index, frozenset({part}), frozenset({part}), not token.optional) for part in token.parts)
            continue
        required = not token.optional and token.identifier not in identifiers
        if token.identifier:
            identifiers.add(token.identifier)
        units.append(
            _Unit(index, token.values, token.required or token.values, required, vague=token.vague, word=token.word)
        )
        if token.companion is not None:
            companion = frozenset({token.companion})
            units.append(_Unit(index, companion, companion, False, companion=True))
    return units


def _extend_matching(left: list[int], right: list[int], edge: Callable[[int, int], bool]) -> dict[int, int]:
    """Pair units of ``left`` with units of ``right`` (indices; at most one partner each), as many as possible
    (Kuhn's augmenting paths, in the order of ``left``: a unit paired earlier stays paired). Returns left -> right;
    a segment has a few dozen numbers at most."""
    owner: dict[int, int] = {}

    def augment(unit: int, seen: set[int]) -> bool:
        for other in right:
            if other in seen or not edge(unit, other):
                continue
            seen.add(other)
            if other not in owner or augment(owner[other], seen):
                owner[other] = unit
                return True
        return False

    for unit in left:
        augment(unit, set())
    return {unit: other for other, unit in owner.items()}


def _pairing(
    source: tuple[NumberToken, ...], target: tuple[NumberToken, ...], splits: tuple[frozenset[int], frozenset[int]]
) -> tuple[list[int], list[int]]:
    """(source tokens, target tokens) that could not be paired, with the tokens of ``splits`` read as parts.

    Numbers are paired in rounds: numbers that must be paired with numbers that must be paired, both ways (2.5
    million is not 2,5); then number words with number words (eight = huit, one = une); then what is left with a
    word, ordinal or century that may stand for it (six = 6, 12th = 第12, (i) = ’1‘). A word thus stands in for
    one number only.
    A translation may say a number of the source twice (至少50票，如果拿到这50张选票: "at least 50 votes, which
    ..."): such a repeat is accepted when every number of the source has found its partner and none lives on only
    as a word; otherwise the repeat has probably taken the place of one of them (第12选区 changed to 第17选区)."""
    sources, targets = _units(source, splits[0]), _units(target, splits[1])
    if not any(unit.required for unit in sources) and not any(unit.required for unit in targets):
        return [], []
    to_target: dict[int, int] = {}
    to_source: dict[int, int] = {}

    def record(found: dict[int, int], forward: bool) -> None:
        for unit, other in found.items():
            if forward:
                to_target[unit], to_source[other] = other, unit
            else:
                to_source[unit], to_target[other] = other, unit

    def free(units: list[_Unit], paired: dict[int, int], which: Callable[[_Unit], bool]) -> list[int]:
        return [index for index, unit in enumerate(units) if index not in paired and which(unit)]

    def strict(a: int, b: int) -> bool:
        return bool(sources[a].wants & targets[b].offers and targets[b].wants & sources[a].offers)

    # 1. required with required (a decade's century last, so that it never takes a required number's partner)
    left = free(sources, to_target, lambda unit: unit.required) + free(sources, to_target, lambda unit: unit.companion)
    record(_extend_matching(left, free(targets, to_source, lambda unit: unit.required), strict), True)
    # 2. words with words
    record(
        _extend_matching(
            free(sources, to_target, lambda unit: unit.word),
            free(targets, to_source, lambda unit: unit.word),
            lambda a, b: bool(sources[a].offers & targets[b].offers),
        ),
        True,
    )
    # 3. what must be paired with a word, ordinal or century that may stand for it, both ways
    as_word = _extend_matching(
        free(sources, to_target, lambda unit: unit.required),
        free(targets, to_source, lambda unit: not unit.required),
        lambda a, b: bool(sources[a].wants & targets[b].offers),
    )
    record(as_word, True)
    record(
        _extend_matching(
            free(targets, to_source, lambda unit: unit.required),
            free(sources, to_target, lambda unit: not unit.required),
            lambda a, b: bool(targets[a].wants & sources[b].offers),
        ),
        False,
    )
    missing = free(sources, to_target, lambda unit: unit.required)
    extra = free(targets, to_source, lambda unit: unit.required)
    only_as_word = any(not targets[other].required for other in as_word.values())
    if extra and not only_as_word and not free(sources, to_target, lambda unit: not unit.companion and not unit.vague):
        source_values = frozenset().union(*(unit.offers for unit in sources))
        extra = [index for index in extra if not targets[index].wants & source_values]
    return sorted({sources[index].token for index in missing}), sorted({targets[index].token for index in extra})


def _best_pairing(source: tuple[NumberToken, ...], target: tuple[NumberToken, ...]) -> tuple[list[int], list[int]]:
    """Pair the numbers of both sides, reading a space-grouped number (``5 100``) as its parts where that leaves
    fewer numbers unpaired (one token at a time, in order)."""
    splits: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
    best = _pairing(source, target, splits)
    for side, tokens in enumerate((source, target)):
        for index, token in enumerate(tokens):
            if not token.parts or not (best[0] or best[1]):
                continue
            trial = (splits[0] | {index}, splits[1]) if side == 0 else (splits[0], splits[1] | {index})
            result = _pairing(source, target, trial)
            if len(result[0]) + len(result[1]) < len(best[0]) + len(best[1]):
                splits, best = trial, result
    return best


def compare_numbers(source: str, target: str, lang: str, source_lang: str = "en") -> NumberComparison:
    """Compare the numbers of an English source and its translation into ``lang``: each number must be paired with
    one of the other side that may stand for the same value."""
    source_tokens = tuple(extract_numbers(source, source_lang))
    target_tokens = tuple(extract_numbers(target, lang))
    missing, extra = _best_pairing(source_tokens, target_tokens)
    target_pool = _pool(list(target_tokens))
    target_percent_pool = _pool([token for token in target_tokens if token.percent])
    percent_lost = tuple(
        token
        for token in source_tokens
        if token.percent
        and not token.optional
        and token.matches(target_pool)
        and not token.matches(target_percent_pool)
    )
    return NumberComparison(
        source_tokens,
        target_tokens,
        tuple(source_tokens[index] for index in missing),
        tuple(target_tokens[index] for index in extra),
        percent_lost,
    )


def format_value(value: Decimal) -> str:
    """A plain rendering of a value for messages: 1250.5, 2500000."""
    text = format(value.normalize(), "f")
    return text
