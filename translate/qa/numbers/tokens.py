"""Token reading for the QA ``numbers`` check: every number of a text, read by its language's rules, as a
:class:`NumberToken` with the set of values it may stand for (see :mod:`translate.qa.numbers` for the whole
picture). Numeral readers (Roman, Chinese, Arabic-Indic digits) live in :mod:`translate.numerals`; the pairing of
two sides' tokens in :mod:`translate.qa.numbers.pairing`.
"""

from __future__ import annotations

import importlib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from translate.lang import SOURCE_LANGUAGE, get_language
from translate.lang.ar import TATWEEL
from translate.numerals import (
    ARABIC_DECADES,
    ARABIC_DECIMAL,
    ARABIC_GROUP,
    ARABIC_TEN,
    CHINESE_NUMERAL_RUN,
    DIGIT_FOLD,
    arabic_decade,
    parse_chinese_numeral,
    parse_roman,
)
from translate.patterns import FOOTNOTE_MARKER, UN_SYMBOL
from translate.references import dotted_references, reference_value

SPACE_SEPARATORS = " \u00a0\u202f\u2009"
"""Spaces that can group digits: space, no-break space, narrow no-break space, thin space."""
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


_DIGIT_RUN = re.compile(r"(?<!\d)\d+(?:[.,'\u066b\u066c \u00a0\u202f\u2009]\d+)*")
_GLUED_IDENTIFIER = re.compile(r"\d+\.\d+")
_ROMAN = re.compile(
    r"(?<![\w'’])([IVXLC]{2,7}|[IVX])(?:e|er|ème|es)?(?![\w'’])|(?<=\()([ivx]{1,5})(?=\))|(?<![\w(])([ivx]{1,5})(?=\))"
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?!\w)")
_DECADE_SUFFIX = re.compile(r"(?:'|’)?s(?!\w)")
_MINUTES_BEFORE = re.compile(r"(?:[:.]|h[ \u00a0\u202f]?)$")
_PM = re.compile(r"(?::\d{2})?[ \u00a0]?(?:p\.\s?m\.?|pm)(?!\w)", re.IGNORECASE)
_TENS = frozenset(Decimal(tens) for tens in range(20, 100, 10))
_WORD_BEFORE = re.compile(r"[A-Za-z0-9.]*$")
_ZH_DECADE = re.compile(
    r"(?:(?<!\d)(\d{1,2})[ \u00a0\u202f\u2009]*)?世纪[ \u00a0\u202f\u2009]*(\d0)[ \u00a0\u202f\u2009]*年代"
)
_ZH_CENTURY_DETERMINERS = frozenset("0123456789零〇一二两三四五六七八九十上本该同这那个下前")
"""What may stand before 世纪 when its number is not written there: 上世纪 (last century), 本世纪, 该世纪 ..."""
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
    logical: str = ""
    """For digit groups typed in visual order (Arabic ``000 100`` for 100 000): the number written in logical order
    (groups joined by U+00A0), which the ``number-style`` check offers as its fix. Empty otherwise."""
    time: bool = False
    """A clock time (10.30 a.m., 15 h 30, 下午3时30分): one number whose value is :func:`time_value`."""
    reference: bool = False
    """A reference (target 16.2, table 4.1: :mod:`translate.references`): its value stands for the text as
    written, so that it pairs only with the same text (16.2, never 16,2)."""

    def matches(self, pool: frozenset[Decimal]) -> bool:
        """True when this number (or, failing that, each of its space-separated parts) is in ``pool``."""
        if (self.required or self.values) & pool:
            return True
        return bool(self.parts) and all(part in pool for part in self.parts)


TIME_BASE = 1_000_000
"""Times are numbers of their own: -(TIME_BASE + hours * 100 + minutes), a value no digits can be read as."""


MONTH_BASE = 2_000_000
"""Months in dates are numbers of their own too: -(MONTH_BASE + month), so that July is never the digit 7 of the
other side (4th July -> 7 juillet is an error) except where the language writes the month in digits (7月)."""


def month_value(month: int) -> Decimal:
    """The value of a month named in a date."""
    return Decimal(-(MONTH_BASE + month))


def time_value(hours: int, minutes: int) -> Decimal:
    """The value of a clock time (24-hour), distinct from every number written in digits."""
    return Decimal(-(TIME_BASE + hours * 100 + minutes))


_DATE_BEFORE_MONTH = re.compile(r"(?<!\d)\d{1,2}(?:er|º|°)?[ \u00a0\u202f]*(?:de[ \u00a0]+)?$")
_DATE_AFTER_MONTH = re.compile(
    r"[ \u00a0\u202f]*(?:/[ \u00a0]*\S+[ \u00a0]*)?,?[ \u00a0\u202f]*(?:de[l]?[ \u00a0]+)?\d{4}(?!\d)"
)
_MONTH_JOINER = re.compile(r"[ \u00a0]*/[ \u00a0]*")
"""Between the two names of one month in Arabic: كانون الأول/ ديسمبر."""


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
    times: tuple[re.Pattern[str], ...] = ()
    reference_letter: re.Pattern[str] | None = None
    """A spelled-out letter after a number that follows a reference noun (القرار 217 ألف): see Language."""
    visual_order: bool = False
    source: bool = False
    """The source language (English): its months in a date must be in the translation."""
    month_after: re.Pattern[str] | None = None
    """What follows a month written in digits (zh: 12月)."""


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"({pattern})" for pattern in patterns)


def _word_pattern(patterns: list[str], code: str) -> re.Pattern[str]:
    attached = get_language(code).word_prefixes
    prefix = f"(?:{attached})" if attached else ""
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
    extra_decimal, extra_group = language.also_decimal_separators, language.also_group_separators
    group = set(language.group_separators) | {ARABIC_GROUP} | set(extra_group)
    if group & set(SPACE_SEPARATORS):
        group |= set(SPACE_SEPARATORS)
    reference_letter = None
    if language.reference_letters and language.reference_nouns:
        letters = "|".join(language.reference_letters)
        reference_letter = re.compile(rf"[ \u00a0]+(?:{letters})(?!\w)")
    return _Vocabulary(
        times=tuple(re.compile(pattern, re.IGNORECASE) for pattern in language.time_patterns),
        reference_letter=reference_letter,
        visual_order=language.visual_digit_order,
        source=language.code == SOURCE_LANGUAGE,
        month_after=re.compile(rf"[ \u00a0]*{re.escape(language.month_suffix)}") if language.month_suffix else None,
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


@cache
def _reference_noun_before(code: str) -> re.Pattern[str] | None:
    """The reference noun that must stand right before a number for a letter word after it to be a letter."""
    nouns = get_language(code).reference_nouns
    return re.compile(rf"(?<!\w)(?:{nouns})[ \u00a0]+$") if nouns else None


def mask_symbols(text: str) -> str:
    """Blank out UN document symbols and footnote markers (same length, so positions hold)."""
    text = UN_SYMBOL.sub(lambda match: " " * len(match.group()), text)
    return FOOTNOTE_MARKER.sub(lambda match: " " * len(match.group()), text)


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


def _visual_order(digits: list[str], separators: list[str]) -> Decimal | None:
    """The value of space-separated digit groups typed in visual order (``000 100`` = 100 000, ``000 1`` = 1 000):
    a first group of 000 never starts a real number."""
    if len(digits) < 2 or digits[0] != "000" or any(separator not in SPACE_SEPARATORS for separator in separators):
        return None
    logical = digits[::-1]
    if not 1 <= len(logical[0]) <= 3 or logical[0].startswith("0") or any(len(group) != 3 for group in logical[1:]):
        return None
    return Decimal("".join(logical))


def _digit_tokens(text: str, vocab: _Vocabulary) -> list[tuple[int, int, Decimal, tuple[Decimal, ...]]]:
    """(start, end, value, parts) for each number written in digits, split where the grouping is not valid."""
    found = []
    for match in _DIGIT_RUN.finditer(text):
        pieces = re.split(r"(\D)", match.group())
        digits, separators = pieces[0::2], pieces[1::2]
        visual = _visual_order(digits, separators) if vocab.visual_order else None
        if visual is not None:
            found.append((match.start(), match.end(), visual, ()))
            continue
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
    if percent and "required" not in extra and not extra.get("optional"):
        values.add(value / 100)  # 50 per cent = la moitié, 25 per cent = un quart
    return NumberToken(text[start:end], start, end, frozenset(values), percent=percent, **extra)


def extract_numbers(text: str, lang: str, references: tuple[str, ...] = ()) -> list[NumberToken]:
    """Every number in ``text`` read by the rules of language ``lang``, in order of position.

    ``references``: the source's references (16.2, 4.1); written exactly so in ``text``, they are those references
    even without a reference word before them (MT may write "mesa 4.1" for table 4.1).
    """
    return list(_extract_numbers(text, lang, references))


def _reference_spans(work: str, lang: str, references: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = dotted_references(work, lang)
    for reference in references:
        for match in re.finditer(rf"(?<![\w.,]){re.escape(reference)}(?![\w]|[.,]\d)", work):
            if all(match.end() <= start or match.start() >= end for start, end in spans):
                spans.append(match.span())
    return sorted(spans)


@lru_cache(maxsize=8192)
def _extract_numbers(text: str, lang: str, references: tuple[str, ...] = ()) -> tuple[NumberToken, ...]:
    """Cached: the English source of a segment is read once for its five translations."""
    if TATWEEL in text:
        return _without_tatweel(text, lang, references)
    if not unicodedata.is_normalized("NFC", text):
        return _composed(text, lang, references)
    vocab = vocabulary(lang)
    work = mask_symbols(BIDI_CONTROLS.sub(lambda match: " ", text.translate(DIGIT_FOLD)))
    percent_prefix_ends = {match.end() for match in re.finditer(_CHINESE_PERCENT, work)}
    work = work.replace(_CHINESE_PERCENT, "\x00" * len(_CHINESE_PERCENT))
    tokens: list[NumberToken] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= begin or start >= stop for begin, stop in taken)

    def add(token: NumberToken) -> None:
        tokens.append(token)
        taken.append((token.start, token.end))

    script = get_language(lang).script
    if script == "Hans":  # Chinese numerals: 九十年代
        for token in _chinese_decades(work):
            add(token)
    for token in _times(work, vocab):
        if free(token.start, token.end):
            add(token)
    for start, end in _reference_spans(work, lang, references):  # target 16.2: a name, compared as written
        if free(start, end):
            value = frozenset({Decimal(reference_value(work[start:end]))})
            add(NumberToken(work[start:end], start, end, value, reference=True))
    for start, end, value, parts in _digit_tokens(work, vocab):
        if free(start, end):
            token = _digit_token(work, start, end, value, parts, vocab, percent=start in percent_prefix_ends)
            month_after = vocab.month_after
            if month_after is not None and 1 <= value <= 12 and value == int(value) and month_after.match(work, end):
                token = replace(token, values=token.values | {month_value(int(value))})  # 12月: the month
            if _visual_order(re.split(r"\D", work[start:end]), re.findall(r"\D", work[start:end])) is not None:
                groups = re.split(r"\D", work[start:end])[::-1]
                token = replace(token, logical="\u00a0".join(groups))
            add(_with_reference_letter(work, token, vocab, lang))
    for start, end, value, percent in _numeral_spans(work, vocab, percent_prefix_ends):
        if free(start, end):
            word = bool(vocab.chinese["digits"])  # a Chinese numeral is a word; a Roman one is not
            token = _make_token(work, start, end, Decimal(value), vocab, optional=True, percent=percent, word=word)
            if vocab.month_after is not None and 1 <= value <= 12 and vocab.month_after.match(work, end):
                token = replace(token, values=token.values | {month_value(value)})  # 十月: the month
            add(token)
    words: list[NumberToken] = []
    for pattern, values in ((vocab.months, None), (vocab.words, vocab.word_values)):
        for match in pattern.finditer(work) if pattern is not None else ():
            if match.lastindex is not None and free(match.start(), match.end()):
                if values is None and vocab.source and match.group()[:1].islower():
                    continue  # English writes its months with a capital: "who may have played" names no month
                value = values[match.lastindex - 1] if values is not None else Decimal(match.lastindex)
                optional = values is not None or not _in_date(work, match.start(), match.end(), vocab)
                token = _make_token(work, match.start(), match.end(), value, vocab, optional=optional, word=True)
                if values is None:  # a month: its own value, and (outside a date) its number (December = 12月)
                    month = frozenset({month_value(int(value))})
                    token = replace(token, values=month if not optional else month | {value}, required=month)
                words.append(token)
                add(words[-1])
    separate = {id(word) for word in words}
    words = _merge_month_names(work, words)
    tokens = [token for token in tokens if id(token) not in separate] + words
    if script == "Arab":  # Arabic decades in words
        for match in ARABIC_DECADES.finditer(work):
            value = arabic_decade(match)
            if free(match.start(), match.end()) and value is not None:
                decade = Decimal(value)
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


_COLON_TIME = re.compile(r"(?<![\d.,:/])(?P<h>[0-2]?\d):(?P<m>[0-5]\d)(?![\d:])")
"""A time written 10:08 or 23:35 in any language; without a.m. / p.m. it may be on a 12-hour clock."""


def _times(work: str, vocab: _Vocabulary) -> Iterator[NumberToken]:
    """Clock times in the language's UN style: 10.30 a.m., 3.30 p.m., 15 h 30, 15.30 horas, 下午3时30分. A time is
    one number (24-hour); its hour and minutes are its parts, for a side that writes the time another way."""
    seen: list[tuple[int, int]] = []
    for pattern in (*vocab.times, _COLON_TIME):
        for match in pattern.finditer(work):
            if any(match.start() < end and start < match.end() for start, end in seen):
                continue
            hours, minutes = int(match.group("h")), int(match.group("m") or 0)
            groups = match.groupdict()
            if groups.get("pm") and hours < 12:
                hours += 12
            elif groups.get("am") and hours == 12:
                hours = 0
            if hours > 24 or minutes > 59:
                continue
            seen.append((match.start(), match.end()))
            values = {time_value(hours, minutes)}
            lenient = "pm" in pattern.groupindex or pattern is _COLON_TIME
            if lenient and not (groups.get("am") or groups.get("pm")) and hours < 12:
                values.add(time_value(hours + 12, minutes))  # a 12-hour clock without its a.m. / p.m. word
            yield NumberToken(
                match.group(),
                match.start(),
                match.end(),
                frozenset(values),
                parts=(Decimal(hours), Decimal(minutes)) if minutes else (Decimal(hours),),
                required=frozenset(values),
                time=True,
            )


def _in_date(work: str, start: int, end: int, vocab: _Vocabulary) -> bool:
    """A month name in a date: after a day (17 December, 17 de diciembre, 17 декабря) or before a year (December
    1999, diciembre de 1999, كانون الأول/ ديسمبر 1999). There the month must be the same on both sides."""
    if not vocab.source:
        return False  # a month the English does not name is no error: the date may be written another way there
    if not work[start].isupper():
        return False  # English "may", "march": a verb unless capitalised
    return bool(_DATE_BEFORE_MONTH.search(work, 0, start) or _DATE_AFTER_MONTH.match(work, end))


def _merge_month_names(work: str, words: list[NumberToken]) -> list[NumberToken]:
    """One month named twice (كانون الأول/ ديسمبر, the Levantine and the Egyptian name) is one month."""
    merged: list[NumberToken] = []
    for token in sorted(words, key=lambda word: word.start):
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.values == token.values
            and _MONTH_JOINER.fullmatch(work, previous.end, token.start)
        ):
            optional = previous.optional and token.optional
            merged[-1] = replace(
                previous, text=work[previous.start : token.end], end=token.end, optional=optional, word=True
            )
            continue
        merged.append(token)
    return merged


def _with_reference_letter(work: str, token: NumberToken, vocab: _Vocabulary, lang: str) -> NumberToken:
    """A number after a reference noun followed by a spelled-out letter (القرار 217 ألف = resolution 217 A): the
    letter is part of the number's name, not the multiplier "thousand"."""
    if vocab.reference_letter is None or not token.required:
        return token
    number_end = token.start + len(re.match(r"[\d\s\u00a0\u202f.,\u066b\u066c]*\d", work[token.start :]).group())
    letter = vocab.reference_letter.match(work, number_end)
    before = _reference_noun_before(lang)
    if letter is None or before is None or not before.search(work, 0, token.start):
        return token
    value = Decimal(re.sub(r"\D", "", work[token.start : number_end]))
    return replace(
        token, text=work[token.start : letter.end()], end=letter.end(), values=frozenset({value}), required=frozenset()
    )


def _composed(text: str, lang: str, references: tuple[str, ...] = ()) -> tuple[NumberToken, ...]:
    """Numbers of a text stored decomposed (NFD: por millón), read in its composed form (NFC) and placed back
    at their positions in ``text``."""
    pieces: list[str] = []
    origins: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            composed = unicodedata.normalize("NFC", text[start:index])
            pieces.append(composed)
            origins.extend([(start, index)] * len(composed))
            start = index
    tokens = _extract_numbers("".join(pieces), lang, references)
    placed = []
    for token in tokens:
        begin, finish = origins[token.start][0], origins[token.end - 1][1]
        placed.append(replace(token, text=text[begin:finish], start=begin, end=finish))
    return tuple(placed)


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


def _without_tatweel(text: str, lang: str, references: tuple[str, ...] = ()) -> tuple[NumberToken, ...]:
    """Numbers of an Arabic text stretched with tatweel (الخامسـة), read without it, at their places in ``text``."""
    kept = [index for index, char in enumerate(text) if char != TATWEEL]
    tokens = _extract_numbers("".join(text[index] for index in kept), lang, references)
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
        for match in CHINESE_NUMERAL_RUN.finditer(work):
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
        elif gap == " " and 1 <= first_value <= 9 and ARABIC_TEN.fullmatch(second.text):
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


def format_value(value: Decimal) -> str:
    """A plain rendering of a value for messages: 1250.5, 2500000."""
    text = format(value.normalize(), "f")
    return text
