"""The QA checks: numbers, UN symbols, brackets, quotes, spacing, untranslated, empty, doubled words, length,
consistency, tatweel and inline placeholders (tags), each a small registered :class:`~translate.qa.base.Check`
with a stable id.

Every check documents itself through its class attributes (``example_good`` passes, ``example_bad`` fails; the
tests run both). Errors are what changes meaning (numbers, symbols, an empty target); warnings are style and
typography. A segment flagged ``ignore-<id>`` in its PO entry is skipped by that check (see ``Check.applies_to``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import ClassVar

from translate.lang import TARGET_LANGUAGES, get_language
from translate.lang.ar import TATWEEL
from translate.patterns import FOOTNOTE_MARKER, HAN, UN_SYMBOL, symbol_key
from translate.qa.base import Check, CheckContext, Finding, Segment, register
from translate.qa.numbers import (
    BIDI_CONTROLS,
    NumberToken,
    compare_numbers,
    extract_numbers,
    format_value,
    mask_symbols,
)

NO_BREAK_SPACES = "\u00a0\u202f\u2009"
"""Accepted before French ; : ! ? and inside « »: no-break space, narrow no-break space (and thin space)."""
ARABIC_LETTERS = "\u0621-\u064a\u066e-\u06d3"


def collapse_spaces(text: str) -> str:
    """Whitespace runs (any kind) to one space, trimmed."""
    return " ".join(text.split())


class QACheck(Check):
    """A QA check: runs only on segments that have a target (the ``empty`` check handles the rest)."""

    example_context: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    """Other segments (lang, source, target) that a cross-segment check's examples are checked among."""

    def applies_to(self, segment: Segment, context: CheckContext) -> bool:
        return super().applies_to(segment, context) and bool(segment.target.strip())


# --- numbers -----------------------------------------------------------------------------------------------


def render_number(value: Decimal, lang: str) -> str:
    """How ``lang`` writes a value: 1250.5 -> 1 250,5 (fr, narrow no-break space), 1.250,5 (es), 1,250.5 (zh)."""
    language = get_language(lang)
    text = format_value(value)
    whole, _, fraction = text.partition(".")
    if len(whole) > 3:
        groups = []
        while len(whole) > 3:
            whole, groups = whole[:-3], [whole[-3:], *groups]
        whole = language.group_separators[0].join([whole, *groups])
    return whole + (language.decimal_separator + fraction if fraction else "")


def _expected(token: NumberToken, lang: str) -> str:
    """``1,250.5 (in fr: 1 250,5)``: the source number and, when it differs, how the target language writes it."""
    if token.reference:
        return f"{token.text.strip()} (a reference: written as in the source)"
    if token.required or ("." not in token.text and "," not in token.text):
        return token.text.strip()
    # a percentage also stands for its fraction (25 per cent = un quart): the number written is the larger value
    local = render_number(max(token.values) if token.percent else min(token.values), lang)
    return token.text.strip() if local == token.text.strip() else f"{token.text.strip()} (in {lang}: {local})"


def _describe(tokens: Iterable[NumberToken]) -> str:
    return ", ".join(token.text.strip() for token in tokens)


@register
class NumbersCheck(QACheck):
    id = "numbers"
    name = "Numbers"
    description = (
        "Every number of the source is in the target as often, and vice versa, read by each language's rules:"
        " 1,250.5 (en) = 1 250,5 (fr, ru) = 1.250,5 (es) = 1 250.5 (ar, UN style; Arabic-Indic digits are read"
        " too); 2.5 million = 250万; 10.30 a.m. = 10 h 30; 17 December = 17 décembre; percentages stay percentages."
    )
    severity = "error"
    example_good = (
        "fr",
        "Of the 1,250.5 tonnes, 25 per cent were seized in 2013.",
        "Sur 1 250,5 tonnes, 25 % ont été saisies en 2013.",
    )
    example_bad = (
        "fr",
        "Of the 1,250.5 tonnes, 25 per cent were seized in 2013.",
        "Sur 1.250,5 tonnes, 25 % ont été saisies en 2013.",
    )

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        comparison = compare_numbers(segment.source, segment.target, segment.lang)
        if comparison.ok:
            return
        problems = []
        if comparison.missing:
            expected = "; ".join(_expected(token, segment.lang) for token in comparison.missing)
            problems.append(f"missing in the translation: {expected}")
        if comparison.extra:
            problems.append(f"not in the source: {_describe(comparison.extra)}")
        if comparison.percent_lost:
            problems.append(f"no longer a percentage: {_describe(comparison.percent_lost)}")
        yield self.finding(
            "numbers differ: " + "; ".join(problems),
            missing=[token.text for token in comparison.missing],
            extra=[token.text for token in comparison.extra],
            percent_lost=[token.text for token in comparison.percent_lost],
        )


# --- number style (Arabic) ---------------------------------------------------------------------------------

_ARABIC_INDIC = re.compile("[\u0660-\u0669\u06f0-\u06f9]+")
_INDIC_TO_ASCII = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)


@register
class NumberStyleCheck(QACheck):
    id = "number-style"
    name = "Number style"
    description = (
        "Numbers whose value is right but whose writing is not UN Arabic style: digit groups typed in visual order"
        " so that a right-to-left line shows them right (000 100 for 100 000; fixed by writing the groups in logical"
        " order joined by no-break spaces), and Arabic-Indic digits (١٢٣; UN Arabic uses 0-9)."
    )
    severity = "warning"
    languages = ("ar",)
    example_good = ("ar", "per 100,000 population", "لكل 100\u00a0000 نسمة")
    example_bad = ("ar", "per 100,000 population", "لكل 000 100 نسمة")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        edits: list[tuple[int, int, str]] = []
        problems: list[str] = []
        for token in extract_numbers(segment.target, segment.lang):
            if token.logical:
                start = token.start + len(token.text) - len(token.text.lstrip())
                number = re.match(r"[\d\s\u00a0\u202f]*\d", segment.target[start:]).group()
                edits.append((start, start + len(number), token.logical))
                problems.append(f"digit groups in visual order: {number} is {token.logical.replace(chr(0xA0), ' ')}")
        for match in _ARABIC_INDIC.finditer(segment.target):
            if not any(start <= match.start() < end for start, end, _ in edits):
                edits.append((match.start(), match.end(), match.group().translate(_INDIC_TO_ASCII)))
                problems.append(f"Arabic-Indic digits {match.group()}: UN Arabic writes 0-9")
        if problems:
            yield self.finding("; ".join(problems), problems=problems, fix=sorted(edits))


# --- UN document symbols and footnote markers ---------------------------------------------------------------


def find_symbols(text: str) -> list[str]:
    """UN document symbols and footnote markers in ``text``, in order."""
    text = BIDI_CONTROLS.sub("", text)
    found = (match.group() for match in UN_SYMBOL.finditer(text))
    symbols = [symbol_key(symbol) for symbol in found if any(char.isdigit() for char in symbol)]
    return symbols + [match.group() for match in FOOTNOTE_MARKER.finditer(text)]


@register
class UnSymbolsCheck(QACheck):
    id = "un-symbols"
    name = "UN document symbols and footnote markers"
    description = (
        "UN document symbols (E/2013/30, A/RES/64/293, E/CN.15/2013/L.5) and footnote markers ([^3]) are kept exactly."
    )
    severity = "error"
    example_good = ("es", "See resolution A/RES/64/293.[^3]", "Véase la resolución A/RES/64/293.[^3]")
    example_bad = ("es", "See resolution A/RES/64/293.[^3]", "Véase la resolución A/RES/64/239.")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        source, target = Counter(find_symbols(segment.source)), Counter(find_symbols(segment.target))
        missing, extra = sorted((source - target).elements()), sorted((target - source).elements())
        if missing or extra:
            parts = [f"missing {', '.join(missing)}"] if missing else []
            parts += [f"not in the source {', '.join(extra)}"] if extra else []
            yield self.finding("symbols differ: " + "; ".join(parts), missing=missing, extra=extra)


# --- brackets --------------------------------------------------------------------------------------------------

BRACKET_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))


ENUMERATION_MARKERS = re.compile(
    r"(?:(?<=\s)|^|\()(?:[a-z]|[ivx]{1,4}|\d{1,2}|[\u0621-\u064a]|[一二三四五六七八九十]{1,3})\)"
)
"""List markers written (a) in English but a) in French, Spanish and Russian UN texts, (أ) in Arabic, (一) in
Chinese."""
NAME_QUALIFIER = re.compile(r"\((?:the|(?:[A-Z][\w’'-]*|of|the)(?: (?:[A-Z][\w’'-]*|of|the))* of(?: the)?)\)")
"""The bracketed qualifier of a UN country name: Iran (Islamic Republic of), Bolivia (Plurinational State of),
Netherlands (Kingdom of the), Bahamas (the); Chinese writes these names without brackets (伊朗伊斯兰共和国)."""
ACRONYM_GLOSS = re.compile(r"\(\s*[A-Z][A-Z0-9./&-]{1,15}\s*\)")
"""An English acronym in brackets, (UNODC): French and Spanish leave out those that have no local form."""


LATIN_GLOSS = re.compile(r"\(\s*[A-Za-z][A-Za-z0-9 .,'’&/\-]*\)")
"""A bracketed name or acronym in Latin script: Chinese, Arabic and Russian translators add the original after a
transliteration (罗克汉普顿 (Rockhampton)) or drop the English acronym; neither is a bracket error."""


def _strip_markers(text: str) -> str:
    """Blank out list markers, but not a bracket that closes one opened earlier: "(see …, para. 12)"."""
    pieces: list[str] = []
    last = 0
    depth = 0
    for match in ENUMERATION_MARKERS.finditer(text):
        before = text[last : match.start()]
        depth += before.count("(") - before.count(")")
        marker = match.group()
        if not marker.startswith("(") and depth > 0:
            pieces.append(before + marker)
            depth -= 1
        else:
            pieces.append(before + " ")
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _is_name(gloss: str) -> bool:
    return all(word[0].isupper() or word[0].isdigit() for word in re.findall(r"[\w’'.\-]+", gloss))


def _bracket_counts(text: str, is_source: bool, without_glosses: bool, lang: str = "") -> Counter[str]:
    """Brackets of a text, leaving out list markers, the language's own bracketed idioms (zh 和(或)), the
    qualifiers of country names in languages that write them without brackets, and, if asked, Latin-script glosses
    (any in the target; names and acronyms in the English source)."""
    language = get_language(lang) if lang else None
    folded = unicodedata.normalize("NFKC", FOOTNOTE_MARKER.sub("", text))
    if language is not None and not is_source and language.bracket_idioms:
        folded = re.sub(language.bracket_idioms, " ", folded)
    if language is not None and is_source and language.drops_name_qualifiers:
        folded = NAME_QUALIFIER.sub(" ", folded)
    folded = _strip_markers(folded)
    if without_glosses:
        folded = LATIN_GLOSS.sub(
            lambda match: " " if not is_source or _is_name(match.group()) else match.group(), folded
        )
    return Counter(char for char in folded if char in "()[]{}")


def _balanced(text: str) -> bool:
    depth: dict[str, int] = defaultdict(int)
    closing = {close: open_ for open_, close in BRACKET_PAIRS}
    for char in _strip_markers(unicodedata.normalize("NFKC", text)):
        if char in closing:
            depth[closing[char]] -= 1
            if depth[closing[char]] < 0:
                return False
        elif char in "([{":
            depth[char] += 1
    return not any(depth.values())


@register
class BracketsCheck(QACheck):
    id = "brackets"
    name = "Brackets"
    description = (
        "Round, square and curly brackets (full-width ones count as their ASCII forms) match the source and are"
        " balanced."
    )
    severity = "warning"
    example_good = ("zh", "Member States (including Mexico)", "会员国（包括墨西哥）")
    example_bad = ("zh", "Member States (including Mexico)", "会员国（包括墨西哥")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        lang = segment.lang
        source = _bracket_counts(segment.source, is_source=True, without_glosses=False, lang=lang)
        target = _bracket_counts(segment.target, is_source=False, without_glosses=False, lang=lang)
        balanced = _balanced(segment.target) or not _balanced(segment.source)
        if balanced and source == target:
            return
        if balanced and get_language(lang).drops_acronyms:
            kept = {match.group().strip("() ") for match in ACRONYM_GLOSS.finditer(segment.target)}
            dropped = ACRONYM_GLOSS.sub(
                lambda match: match.group() if match.group().strip("() ") in kept else " ", segment.source
            )
            if _bracket_counts(dropped, is_source=True, without_glosses=False, lang=lang) == target:
                return
        if balanced and not get_language(lang).is_latin_script:  # a transliteration with the original (Rockhampton)
            bare_source = _bracket_counts(segment.source, is_source=True, without_glosses=True)
            if bare_source == _bracket_counts(segment.target, is_source=False, without_glosses=True):
                return
        differing = sorted(char for char in set(source) | set(target) if source[char] != target[char])
        counts = ", ".join(f"“{char}” {source[char]}→{target[char]}" for char in differing)
        message = f"brackets differ from the source ({counts})" if differing else "brackets not balanced"
        yield self.finding(message, source=dict(source), target=dict(target))


# --- quotes and language punctuation ------------------------------------------------------------------------

CJK_PUNCTUATION = "“”‘’《》〈〉「」『』（）【】、。，；：？！"
"""Chinese quotation marks, brackets and full-width punctuation: ASCII punctuation next to them is Chinese text too."""
_ZH_ASCII_PUNCT = re.compile(
    f"[{HAN}{CJK_PUNCTUATION}][,;:?!]|[,;:?!](?=[{HAN}{CJK_PUNCTUATION}])"
    "|(?<=[A-Za-z0-9])[,;](?=[A-Za-z])"  # glued between Latin words inside Chinese text (19:30 BST,Ballynagard)
)
_AR_LATIN_PUNCT = re.compile(
    f"[{ARABIC_LETTERS}][\u064b-\u0652]?\\s?[,;?]"  # after an Arabic word
    f"|(?<!\\d)[,;?](?=\\s?[{ARABIC_LETTERS}])"  # before one
    f"|\\d[,;](?=\\s[{ARABIC_LETTERS}])"  # after a number, before an Arabic word (1963, توقفت)
)


def source_quotes_balanced(source: str) -> bool:
    """False when the English source opens or closes a quotation it does not close or open (a quote running over
    several segments): then the target's marks cannot be balanced either."""
    return source.count('"') % 2 == 0 and source.count("\u201c") == source.count("\u201d")


def _quote_problems(text: str, lang: str, source: str = "") -> list[str]:
    problems = []
    language = get_language(lang)
    if not language.straight_quotes and '"' in text:
        expected = " or ".join(f"{opening} {closing}" for opening, closing in language.quotes)
        problems.append(f'ASCII quotation mark " — use {expected}')
    for pair in language.quotes if source_quotes_balanced(source) else ():
        if text.count(pair[0]) != text.count(pair[1]):
            problems.append(f"unbalanced {pair[0]} {pair[1]}")
    if language.script == "Hans":
        found = sorted(
            {
                match.group()[-1] if match.group()[-1] in ",;:?!" else match.group()[0]
                for match in _ZH_ASCII_PUNCT.finditer(text)
            }
        )
        if found:
            problems.append(f"ASCII punctuation {' '.join(found)} in Chinese text — use full-width ，；：？！")
    if language.script == "Arab":
        found = sorted({char for match in _AR_LATIN_PUNCT.finditer(text) for char in match.group() if char in ",;?"})
        if found:
            problems.append(f"Latin punctuation {' '.join(found)} after Arabic — use ، ؛ ؟")
    if language.inverted_marks:
        for mark, opening in (("?", "¿"), ("!", "¡")):
            if text.count(mark) > text.count(opening):
                problems.append(f"{mark} without opening {opening}")
    return problems


@register
class QuotesCheck(QACheck):
    id = "quotes"
    name = "Quotes and language punctuation"
    description = (
        "Quotation marks and punctuation of the target language: « » in French, « » „ “ in Russian, “ ” 《》 and"
        " full-width ，；：？！ in Chinese, ، ؛ ؟ in Arabic, opening ¿ ¡ in Spanish; pairs balanced."
    )
    severity = "warning"
    languages = ("fr", "ru", "zh", "ar", "es")
    example_good = (
        "zh",
        'The report "Global Report", published today; read it.',
        "今天发表的报告《全球报告》；请阅读。",
    )
    example_bad = ("zh", 'The report "Global Report", published today; read it.', '今天发表的报告"全球报告";请阅读。')

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        problems = _quote_problems(segment.target, segment.lang, segment.source)
        if problems:
            yield self.finding("; ".join(problems), problems=problems)


# --- French spacing -----------------------------------------------------------------------------------------

_FRENCH_HIGH = re.compile("[;:!?]")


def french_spacing_problems(text: str) -> list[str]:
    """Where French typography wants a no-break space and there is none (or an ordinary, breakable one)."""
    return [problem for problem, _ in french_spacing_edits(text)]


def french_spacing_fix(text: str) -> str:
    """The text with French spacing right: U+202F before ; ! ? and U+00A0 before : and inside « »."""
    return Finding(
        "punctuation-spacing", "warning", "", fix=tuple(edit for _, edit in french_spacing_edits(text))
    ).apply_fix(text)


def french_spacing_edits(text: str) -> list[tuple[str, tuple[int, int, str]]]:
    """(problem, edit) for each place that needs a no-break space: the edit replaces the ordinary space (or inserts
    the missing one) with U+202F before ; ! ? and U+00A0 before : and inside « » (the Imprimerie nationale's rule,
    which UN French follows)."""
    found: list[tuple[str, tuple[int, int, str]]] = []
    for match in _FRENCH_HIGH.finditer(text):
        position = match.start()
        before = text[position - 1] if position else ""
        after = text[position + 1] if position + 1 < len(text) else ""
        if not before or before in NO_BREAK_SPACES or before in ";:!?.…([«":
            continue
        if after.isalnum() or (after and after in "/\\=&"):  # 15:00, http://, a?b=c: not sentence punctuation
            continue
        kind = "ordinary space" if before == " " else "no space"
        space = "\u00a0" if match.group() == ":" else "\u202f"
        edit = (position - 1, position, space) if before == " " else (position, position, space)
        found.append((f"{kind} before {match.group()} at {position}", edit))
    for match in re.finditer("«", text):
        after = text[match.end() : match.end() + 1]
        if after and after not in NO_BREAK_SPACES:
            edit = (match.end(), match.end() + 1, "\u00a0") if after == " " else (match.end(), match.end(), "\u00a0")
            found.append((f"{'ordinary space' if after == ' ' else 'no space'} after « at {match.start()}", edit))
    for match in re.finditer("»", text):
        before = text[match.start() - 1 : match.start()]
        if before and before not in NO_BREAK_SPACES:
            start = match.start()
            edit = (start - 1, start, "\u00a0") if before == " " else (start, start, "\u00a0")
            found.append((f"{'ordinary space' if before == ' ' else 'no space'} before » at {match.start()}", edit))
    found.sort(key=lambda item: item[1][:2])
    return found


@register
class PunctuationSpacingCheck(QACheck):
    id = "punctuation-spacing"
    name = "French punctuation spacing"
    description = (
        "French puts a no-break space (U+00A0, or narrow U+202F) before ; : ! ? and inside « »; an ordinary"
        " space can break the line before the mark, and no space at all is English typography."
    )
    severity = "warning"
    languages = ("fr",)
    example_good = ("fr", "Victims: who are they?", "Victimes\u00a0: qui sont-elles\u202f?")
    example_bad = ("fr", "Victims: who are they?", "Victimes : qui sont-elles?")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        found = french_spacing_edits(segment.target)
        if found:
            problems = [problem for problem, _ in found]
            yield self.finding(
                "no-break space needed: " + "; ".join(problems), problems=problems, fix=[edit for _, edit in found]
            )


# --- untranslated -------------------------------------------------------------------------------------------

_NAME_JOINERS = frozenset(
    {"de", "del", "des", "du", "la", "le", "les", "el", "los", "las", "y", "et", "and", "of", "the", "da", "van", "von"}
)
_CODE_LIKE = re.compile(r"^[A-Z0-9][A-Z0-9.\-/&+]*$")


def legitimately_identical(text: str, lang: str) -> bool:
    """True for targets that may equal the source: no letters, symbols and codes, names in Latin script (fr, es)."""
    stripped = mask_symbols(text)
    if not any(char.isalpha() for char in stripped):
        return True
    words = re.findall(r"[\w'’.\-&]+", stripped)
    if all(_CODE_LIKE.match(word) for word in words):
        return True  # UNODC, HIV, COVID-19, GLOTIP
    if get_language(lang).is_latin_script and len(words) <= 6:
        return all(word[0].isupper() or word.lower() in _NAME_JOINERS or word[0].isdigit() for word in words)
    return False


@register
class UntranslatedCheck(QACheck):
    id = "untranslated"
    name = "Untranslated"
    description = (
        "The target is the source unchanged — except where that is right: numbers and symbols only, acronyms and"
        " codes, and (in French and Spanish) proper names written in Latin script."
    )
    severity = "warning"
    example_good = ("fr", "Sierra Leone", "Sierra Leone")
    example_bad = ("fr", "Trafficking in persons", "Trafficking in persons")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        source, target = collapse_spaces(segment.source), collapse_spaces(segment.target)
        if source.casefold() == target.casefold() and not legitimately_identical(source, segment.lang):
            yield self.finding("the target is the source text unchanged")


# --- empty --------------------------------------------------------------------------------------------------


@register
class EmptyCheck(Check):
    id = "empty"
    name = "Empty translation"
    description = "A segment with a source text has an empty (or blank) translation although it is not untranslated."
    severity = "error"
    example_good = ("ru", "Victims of trafficking", "Жертвы торговли людьми")
    example_bad = ("ru", "Victims of trafficking", " ")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        if segment.state == "untranslated" or not segment.source.strip():
            return
        if not segment.target.strip():
            yield self.finding("the translation is empty")


# --- doubled words ------------------------------------------------------------------------------------------

_DOUBLED = re.compile(r"(?<!\w)(\w+)(?:\s+)(\1)(?!\w)", re.IGNORECASE)


def doubled_words(text: str, lang: str, source: str = "") -> list[str]:
    """Words written twice in a row, except the legitimate ones: allowed doubles, doubles the source has too
    (Pago Pago, Roa Roa), and in Arabic, Russian or Chinese one- or two-letter doubles that spell out an acronym of
    the source (BBC: بي بي سي)."""
    language = get_language(lang)
    allowed = language.allowed_doubled_words
    text, source = unicodedata.normalize("NFC", text), unicodedata.normalize("NFC", source)
    source_doubles = {match.group(1).casefold() for match in _DOUBLED.finditer(source)}
    spelled_acronym = not language.is_latin_script and re.search(r"\b[A-Z]{2,}", source) is not None
    found = [
        match.group(1)
        for match in _DOUBLED.finditer(text)
        if not match.group(1).isdigit()
        and match.group(1).casefold() not in allowed | source_doubles
        and not (spelled_acronym and len(match.group(1)) <= 2)
        and (language.uses_spaces or match.group(1).isascii())
    ]
    doubled = language.doubled_characters
    if doubled:
        found += [next(group for group in match.groups() if group) for match in re.finditer(doubled, text)]
    return found


@register
class DoubledWordsCheck(QACheck):
    id = "doubled-words"
    name = "Doubled words"
    description = (
        "The same word twice in a row (« de de », “the the”, 的的), except words doubled on purpose (nous nous)."
    )
    severity = "warning"
    example_good = ("fr", "We commit ourselves", "Nous nous engageons")
    example_bad = ("fr", "The victims of trafficking", "Les victimes de de la traite")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        found = doubled_words(segment.target, segment.lang, segment.source)
        if found:
            yield self.finding(f"doubled word: {', '.join(found)}", words=found)


# --- length ratio -------------------------------------------------------------------------------------------

LENGTH_RATIO_STATS: dict[str, dict[str, tuple[float, float]]] = {
    code: {"short": language.length_ratio_short, "long": language.length_ratio_long}
    for code in TARGET_LANGUAGES
    if (language := get_language(code)).length_ratio_short and language.length_ratio_long
}
"""lang: band -> (mean, standard deviation), from the language files (``Language.length_ratio_short/long``)."""
LENGTH_RATIO_MIN_SOURCE = 20
"""Sources shorter than this (titles, labels) vary too much to judge."""
LENGTH_RATIO_LONG_SOURCE = 60
LENGTH_RATIO_Z = 4.0
"""How many standard deviations from the mean make an outlier (0.3 % of the real pairs exceed it)."""


def length_band(source_length: int) -> str:
    return "long" if source_length >= LENGTH_RATIO_LONG_SOURCE else "short"


def length_z_score(source: str, target: str, lang: str) -> float | None:
    """How unusual the target's length is for this pair, in standard deviations; None when not judged."""
    source, target = collapse_spaces(source), collapse_spaces(target)
    if lang not in LENGTH_RATIO_STATS or len(source) < LENGTH_RATIO_MIN_SOURCE or not target:
        return None
    mean, spread = LENGTH_RATIO_STATS[lang][length_band(len(source))]
    return (math.log(len(target) / len(source)) - mean) / spread


@register
class LengthRatioCheck(QACheck):
    id = "length-ratio"
    name = "Length ratio"
    description = (
        "The target is much shorter or longer than translations into this language usually are (more than 4 standard"
        " deviations from the mean length ratio measured on FLORES-200 and NTREX-128): a part left out or repeated."
    )
    severity = "warning"
    languages = tuple(LENGTH_RATIO_STATS)
    example_good = (
        "es",
        "Most detected victims of trafficking are women and girls.",
        "La mayoría de las víctimas de la trata detectadas son mujeres y niñas.",
    )
    example_bad = ("es", "Most detected victims of trafficking are women and girls.", "La mayoría.")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        z_score = length_z_score(segment.source, segment.target, segment.lang)
        if z_score is not None and abs(z_score) > LENGTH_RATIO_Z:
            size = "shorter" if z_score < 0 else "longer"
            yield self.finding(
                f"the translation is unusually {size} ({z_score:+.1f} standard deviations)", z=round(z_score, 2)
            )


# --- consistency --------------------------------------------------------------------------------------------

CONSISTENCY_STATES = frozenset({"approved", None})
"""States whose targets count: approved ones (and, in files without states, every target)."""


def _consistency_index(context: CheckContext) -> dict[tuple[str, str], dict[str, list[Segment]]]:
    """(lang, normalised source) -> normalised target -> segments, over every segment of the run."""
    index = context.cache.get("inconsistent")
    if index is None:
        index = defaultdict(lambda: defaultdict(list))
        for segment in context.segments:
            if segment.state in CONSISTENCY_STATES and segment.target.strip():
                key = (segment.lang, collapse_spaces(segment.source))
                index[key][collapse_spaces(segment.target)].append(segment)
        context.cache["inconsistent"] = index
    return index


@register
class InconsistentCheck(QACheck):
    id = "inconsistent"
    name = "Inconsistent translations"
    description = "The same source text has different approved translations elsewhere in the checked segments."
    severity = "warning"
    example_context = (("fr", "Trafficking in persons", "Traite des personnes"),)
    example_good = ("fr", "Trafficking in persons", "Traite des personnes")
    example_bad = ("fr", "Trafficking in persons", "Traite d’êtres humains")

    def applies_to(self, segment: Segment, context: CheckContext) -> bool:
        return super().applies_to(segment, context) and segment.state in CONSISTENCY_STATES

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        variants = _consistency_index(context).get((segment.lang, collapse_spaces(segment.source)), {})
        mine = collapse_spaces(segment.target)
        others = {target: segments for target, segments in variants.items() if target != mine}
        if others:
            where = [other.id for segments in others.values() for other in segments if other.id]
            yield self.finding(
                f"translated differently elsewhere: {' | '.join(sorted(others))}", others=sorted(others), segments=where
            )


# --- tatweel ------------------------------------------------------------------------------------------------


@register
class TatweelCheck(QACheck):
    id = "tatweel"
    name = "Tatweel (kashida)"
    description = (
        "Arabic text contains tatweel (U+0640, kashida), a stretching character that has no place in UN documents."
    )
    severity = "warning"
    languages = ("ar",)
    example_good = ("ar", "Trafficking in persons", "الاتجار بالأشخاص")
    example_bad = ("ar", "Trafficking in persons", "الاتجـــار بالأشخاص")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        count = segment.target.count(TATWEEL)
        if count:
            words = [word for word in segment.target.split() if TATWEEL in word]
            yield self.finding(f"tatweel in {', '.join(words)}", count=count)


# --- inline placeholders -----------------------------------------------------------------------------------


@register
class TagsCheck(QACheck):
    id = "tags"
    name = "Inline formatting placeholders"
    description = (
        "The translation keeps every inline placeholder of the source (<1>...</1> italic titles, bold, links, "
        "superscripts; <2/> standalone), adds none, keeps pairs well formed and keeps each placeholder inside the "
        "same pair as in the source; siblings may change order."
    )
    severity = "warning"
    sees_placeholders = True
    example_good = (
        "fr",
        "See <1>Official Records of the <2>General Assembly</2></1>.",
        "Voir <1>Documents officiels de l'<2>Assemblée générale</2></1>.",
    )
    example_bad = (
        "fr",
        "See <1>Official Records of the <2>General Assembly</2></1>.",
        "Voir <1>Documents officiels</1> de l'<2>Assemblée générale</2>.",
    )

    def applies_to(self, segment: Segment, context: CheckContext) -> bool:
        return super().applies_to(segment, context) and ("<" in segment.source or "<" in segment.target)

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        from translate.formats.inline import compare_tags

        result = compare_tags(segment.source, segment.target)
        if result.missing:
            yield self.finding(f"missing placeholder {', '.join(result.missing)}", missing=list(result.missing))
        if result.extra:
            yield self.finding(f"placeholder not in the source: {', '.join(result.extra)}", extra=list(result.extra))
        for problem in result.malformed:
            yield self.finding(problem)
        if result.misnested:
            names = ", ".join(result.misnested)
            yield self.finding(f"placeholder moved out of its pair: {names}", misnested=list(result.misnested))


QA_CHECK_IDS = (
    "numbers",
    "number-style",
    "un-symbols",
    "brackets",
    "quotes",
    "punctuation-spacing",
    "untranslated",
    "empty",
    "doubled-words",
    "length-ratio",
    "inconsistent",
    "tatweel",
    "tags",
)
"""The stable ids of the QA checks (docs/ARCHITECTURE.md)."""


# --- line breaks ----------------------------------------------------------------------------------------------


@register
class NewlinesCheck(QACheck):
    id = "newlines"
    name = "Line breaks"
    description = (
        "The translation has as many line breaks as the source: a one-line segment stays on one line, and a"
        " line break of the source (a list item, an address) is kept."
    )
    severity = "warning"
    example_good = ("fr", "Vienna\nAustria", "Vienne\nAutriche")
    example_bad = ("fr", "Trafficking in persons increased.", "La traite des personnes\na augmenté.")

    def run(self, segment: Segment, context: CheckContext) -> Iterator[Finding]:
        source = segment.source.strip("\n").count("\n")
        target = segment.target.strip("\n").count("\n")
        if source != target:
            yield self.finding(
                f"{target} line break(s) in the translation, {source} in the source", source=source, target=target
            )
