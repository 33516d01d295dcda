"""Measure the QA checks on real six-language text: alarms on the official translations, recall on planted errors.

    .venv/bin/python benchmarks/qa_eval.py [--data ../shared/data] [--json FILE] [--examples N] [--show-missed]

1. Every registered QA check runs over the official translations in ``../shared/data`` (sdg-translations 6-way
   TSV, udhr 6-way TSV, un-ga-resolutions-sample, flores200-devtest, ntrex128): alarms per check, language and
   corpus, with examples to inspect.
2. Errors are planted into copies of real targets that the check passes (a changed digit, a wrong decimal or
   group separator, a dropped number or symbol, a missing French no-break space, an ASCII quote or comma in
   Chinese, a Latin comma in Arabic, a missing ¿, a doubled word, tatweel, a truncated or empty target, the source
   left untranslated, a second different translation of the same source) and recall per planted kind is counted.
   ``--show-missed`` prints every missed plant in full beside the clean target it was planted in. A plant must be
   a real error: a Chinese colon between digits (10：08 -> 10:08) and an Arabic comma between digits (15،00) or
   between a Latin name and a year ((Toto، 2004), written (Oravec, 2002) in the official Arabic text) are not
   swapped for their ASCII forms, which are correct there.
3. The length-ratio statistics are re-derived from FLORES-200 + NTREX-128 and printed beside the constants.

The loader and the planters are imported by tests/test_qa_real.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from translate.lang import get_language  # noqa: E402
from translate.qa.base import CheckContext, Segment, load_all_checks  # noqa: E402
from translate.qa.checks import (  # noqa: E402
    ENUMERATION_MARKERS,
    LENGTH_RATIO_LONG_SOURCE,
    LENGTH_RATIO_MIN_SOURCE,
    LENGTH_RATIO_STATS,
    NO_BREAK_SPACES,
    QA_CHECK_IDS,
    collapse_spaces,
    find_symbols,
    legitimately_identical,
    length_band,
)
from translate.qa.numbers import extract_numbers  # noqa: E402

DATA = REPO.parent / "shared" / "data"
LANGS = ("ar", "zh", "fr", "ru", "es")
FLORES = {"en": "eng_Latn", "ar": "arb_Arab", "zh": "zho_Hans", "fr": "fra_Latn", "ru": "rus_Cyrl", "es": "spa_Latn"}
NTREX = {"en": "src.eng", "ar": "ref.arb", "zh": "ref.zho-CN", "fr": "ref.fra", "ru": "ref.rus", "es": "ref.spa"}
UN_GA = {
    "en": "UN.ar-en.en", "ar": "UN.ar-en.ar", "zh": "UN.en-zh.zh",
    "fr": "UN.en-fr.fr", "ru": "UN.en-ru.ru", "es": "UN.en-es.es",
}  # fmt: skip


# --- loading ------------------------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def _from_columns(corpus: str, ids: list[str], columns: dict[str, list[str]]) -> list[Segment]:
    segments = []
    for lang in LANGS:
        for index, key in enumerate(ids):
            source, target = columns["en"][index].strip(), columns[lang][index].strip()
            if source and target:
                segments.append(Segment(source, target, lang, id=f"{corpus}:{key}", file=corpus, line=index + 1))
    return segments


def _from_tsv(corpus: str, path: Path) -> list[Segment]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return _from_columns(
        corpus, [row["id"] for row in rows], {lang: [row[lang] for row in rows] for lang in ("en", *LANGS)}
    )


def _from_files(corpus: str, paths: dict[str, Path]) -> list[Segment]:
    columns = {lang: _lines(path) for lang, path in paths.items()}
    if len({len(column) for column in columns.values()}) != 1:
        raise ValueError(f"{corpus}: files are not line-aligned")
    return _from_columns(corpus, [str(number + 1) for number in range(len(columns["en"]))], columns)


def load_corpora(data: Path = DATA) -> dict[str, list[Segment]]:
    """corpus name -> English-source segments for the five targets, from the real data folder."""
    return {
        "sdg": _from_tsv("sdg", data / "sdg-translations" / "sdg_goals_targets_indicators_6way.tsv"),
        "udhr": _from_tsv("udhr", data / "udhr" / "udhr_articles_6way.tsv"),
        "un-ga": _from_files("un-ga", {lang: data / "un-ga-resolutions-sample" / name for lang, name in UN_GA.items()}),
        "flores": _from_files(
            "flores", {lang: data / "flores200-devtest" / f"{code}.devtest" for lang, code in FLORES.items()}
        ),
        "ntrex": _from_files(
            "ntrex", {lang: data / "ntrex128" / f"newstest2019-{code}.txt" for lang, code in NTREX.items()}
        ),
    }


# --- running ------------------------------------------------------------------------------------------------


GLOSSARY = REPO / "glossaries" / "trafficking.csv"
GLOSSARY_CHECK_IDS = ("glossary-missing", "glossary-forbidden", "glossary-dnt")
"""The terms checks, run with the shipped glossary (their precision and recall per term are measured in detail by
``benchmarks/glossary_eval.py``; here they count among the error alarms on official text and the planted errors)."""


def qa_checks() -> list:
    """One instance of every QA check and of the glossary checks."""
    registry = load_all_checks()
    return [registry[check_id]() for check_id in (*QA_CHECK_IDS, *GLOSSARY_CHECK_IDS)]


_GLOSSARIES: list = []


def glossaries() -> list:
    """The shipped glossary, loaded once."""
    if not _GLOSSARIES:
        from translate.glossary import load_glossaries

        _GLOSSARIES.append(load_glossaries([GLOSSARY]))
    return _GLOSSARIES


def context_for(segments: list[Segment]) -> CheckContext:
    return CheckContext(glossaries=glossaries(), segments=segments)


def findings_for(segment: Segment, check, context: CheckContext) -> list:
    return list(check.run(segment, context)) if check.applies_to(segment, context) else []


def real_alarms(corpora: dict[str, list[Segment]]) -> dict[tuple[str, str, str], list[tuple[Segment, str]]]:
    """(corpus, check, lang) -> [(segment, message)] on the official translations."""
    alarms: dict[tuple[str, str, str], list[tuple[Segment, str]]] = defaultdict(list)
    checks = qa_checks()
    for corpus, segments in corpora.items():
        context = context_for(segments)
        for segment in segments:
            for check in checks:
                for finding in findings_for(segment, check, context):
                    alarms[(corpus, check.id, segment.lang)].append((segment, finding.message))
    return alarms


OFFICIAL = ("sdg", "udhr", "un-ga")
"""The corpora of official UN translations: on them, every error-severity alarm must be a real discrepancy."""
REVIEWED = Path(__file__).with_name("qa_official_reviewed.tsv")


def reviewed_alarms(path: Path = REVIEWED) -> dict[tuple[str, str, str], str]:
    """(check, lang, segment id) -> the reviewer's reason, from ``qa_official_reviewed.tsv``."""
    rows = [line.split("\t") for line in _lines(path) if line and not line.startswith("#")]
    return {(check, lang, segment): reason for check, lang, segment, reason in rows[1:]}


def official_errors(corpora: dict[str, list[Segment]]) -> dict[tuple[str, str, str], str]:
    """(check, lang, segment id) -> message, for every error-severity alarm on the official corpora."""
    found: dict[tuple[str, str, str], str] = {}
    checks = qa_checks()
    for corpus in OFFICIAL:
        context = context_for(corpora[corpus])
        for segment in corpora[corpus]:
            for check in checks:
                for finding in findings_for(segment, check, context):
                    if finding.severity == "error":
                        found[(check.id, segment.lang, segment.id)] = finding.message
    return found


# --- planting -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    kind: str
    check: str
    segment: Segment
    context_extra: tuple[Segment, ...] = ()


Planter = Callable[[Segment, random.Random], "Planted | None"]
ARABIC_WORD = re.compile("[\u0621-\u064a]{3,}")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
LATIN_OR_CYRILLIC_WORD = re.compile(r"(?<!\w)[^\W\d_]{3,}(?!\w)")


def _retarget(segment: Segment, target: str, kind: str) -> Segment:
    return replace(segment, target=target, id=f"{segment.id}#{kind}")


def _digit_tokens(segment: Segment) -> list:
    return [
        token
        for token in extract_numbers(segment.target, segment.lang)
        if not token.optional and any(c.isdigit() for c in token.text)
    ]


def plant_changed_digit(segment: Segment, rng: random.Random) -> Planted | None:
    tokens = _digit_tokens(segment)
    if not tokens:
        return None
    token = rng.choice(tokens)
    positions = [
        index
        for index in range(token.start, token.end)
        if segment.target[index].isascii() and segment.target[index].isdigit()
    ]
    if not positions:
        return None
    index = rng.choice(positions)
    digit = str((int(segment.target[index]) + rng.randint(1, 8)) % 10)
    target = segment.target[:index] + digit + segment.target[index + 1 :]
    return Planted("changed digit", "numbers", _retarget(segment, target, "digit"))


def plant_wrong_separator(segment: Segment, rng: random.Random) -> Planted | None:
    """Write a number with the other convention's separators: fr 7,5 -> 7.5; es 100.000 -> 100,000; zh 7.5 -> 7,5."""
    tokens = [token for token in _digit_tokens(segment) if re.search(r"\d[.,\u00a0\u202f\u2009 ]\d", token.text)]
    if not tokens:
        return None
    token = rng.choice(tokens)
    comma_decimal = get_language(segment.lang).decimal_separator == ","
    swap = (
        {",": ".", ".": ",", "\u00a0": ",", "\u202f": ",", "\u2009": ",", " ": ","}
        if comma_decimal
        else {",": ".", ".": ","}
    )
    leading = re.match(r"[\d.,\u00a0\u202f\u2009 ]*\d", token.text)
    if leading is None or token.time:
        return None  # a time (下午3时30分) or a number after its name: not a separator to swap
    number = leading.group()
    wrong = "".join(swap.get(char, char) for char in number)
    target = segment.target[: token.start] + wrong + segment.target[token.start + len(number) :]
    before = {value for token in extract_numbers(segment.target, segment.lang) for value in token.values}
    after = {value for token in extract_numbers(target, segment.lang) for value in token.values}
    if before == after:
        return None  # this language reads both ways alike (Arabic 0.7 = 0,7): not an error there
    return Planted("wrong separator", "numbers", _retarget(segment, target, "separator"))


def plant_dropped_number(segment: Segment, rng: random.Random) -> Planted | None:
    tokens = _digit_tokens(segment)
    source_values = [token.values for token in extract_numbers(segment.source, "en") if not token.optional]
    unique = [
        token
        for token in tokens
        if sum(bool(token.values & other.values) for other in extract_numbers(segment.target, segment.lang)) == 1
        and any(token.values & values for values in source_values)
        and not token.parts
    ]
    if not unique:
        return None
    token = rng.choice(unique)
    target = segment.target[: token.start] + segment.target[token.end :]
    return Planted("dropped number", "numbers", _retarget(segment, target, "dropped-number"))


def _symbol_error(segment: Segment, symbol: str, rng: random.Random, how: str) -> Planted:
    if rng.random() < 0.5:
        return Planted(
            f"{how} UN symbol dropped",
            "un-symbols",
            _retarget(segment, segment.target.replace(symbol, "", 1), "symbol"),
        )
    altered = re.sub(r"\d(?=\D*$)", lambda match: str((int(match.group()) + 1) % 10), symbol, count=1)
    target = segment.target.replace(symbol, altered, 1)
    return Planted(f"{how} UN symbol altered", "un-symbols", _retarget(segment, target, "symbol"))


def plant_real_symbol_error(segment: Segment, rng: random.Random) -> Planted | None:
    """Drop or alter a UN symbol that the real source and target share (rare in this data: un-ga line 2)."""
    symbols = [symbol for symbol in find_symbols(segment.target) if symbol in segment.source]
    return _symbol_error(segment, rng.choice(symbols), rng, "real") if symbols else None


SYMBOLS = ("E/2013/30", "A/RES/64/293", "CTOC/COP/2012/15", "E/CN.15/2013/L.5", "A/55/602/Add.2", "S/RES/2331")


def plant_inserted_symbol_error(segment: Segment, rng: random.Random) -> Planted | None:
    """Cite a UN symbol in both source and target (as the report does), then drop or alter it in the target."""
    symbol = rng.choice(SYMBOLS)
    cited = replace(segment, source=f"{segment.source} ({symbol})", target=f"{segment.target} ({symbol})")
    return _symbol_error(cited, symbol, rng, "cited")


def plant_dropped_footnote(segment: Segment, rng: random.Random) -> Planted | None:
    """A footnote marker in the source that the target lost."""
    planted = replace(segment, source=f"{segment.source}[^{rng.randint(1, 99)}]", id=f"{segment.id}#footnote")
    return Planted("footnote marker dropped", "un-symbols", planted)


def plant_dropped_bracket(segment: Segment, rng: random.Random) -> Planted | None:
    markers = {match.end() - 1 for match in ENUMERATION_MARKERS.finditer(segment.target)}
    positions = [index for index, char in enumerate(segment.target) if char in ")）]" and index not in markers]
    if not positions:
        return None
    index = rng.choice(positions)
    return Planted(
        "dropped bracket",
        "brackets",
        _retarget(segment, segment.target[:index] + segment.target[index + 1 :], "bracket"),
    )


def plant_quote_error(segment: Segment, rng: random.Random) -> Planted | None:
    """zh: ASCII quote or comma; fr/ru: ASCII quotes for « »; ar: Latin comma for ،; es: ¿ dropped."""
    target = segment.target
    if segment.lang == "zh":
        options = [
            (old, new)
            for old, new in (("“", '"'), ("”", '"'), ("，", ","), ("；", ";"), ("：", ":"))
            if _replaceable(target, old, between_digits=False)
        ]
    elif segment.lang in ("fr", "ru"):
        options = [(old, '"') for old in ("«", "»") if old in target]
    elif segment.lang == "ar":
        options = [("،", ",")] if _replaceable(target, "،", between_digits=False, arabic_context=True) else []
    else:
        options = [(old, "") for old in ("¿", "¡") if old in target]
    if not options:
        return None
    old, new = rng.choice(options)
    if segment.lang in ("fr", "ru") and new == '"':
        target = re.sub(f"[{NO_BREAK_SPACES}]?([«»])[{NO_BREAK_SPACES}]?", '"', target)
        kind = "ASCII quotes for « »"
    else:
        spot = rng.choice(
            _replaceable(target, old, between_digits=segment.lang == "es", arabic_context=segment.lang == "ar")
        )
        target = target[:spot] + new + target[spot + 1 :]
        kind = {"zh": f"ASCII {new} in Chinese", "ar": "Latin comma in Arabic", "es": f"{old} dropped"}[segment.lang]
    return Planted(kind, "quotes", _retarget(segment, target, "quote"))


def _replaceable(text: str, mark: str, between_digits: bool, arabic_context: bool = False) -> list[int]:
    """Where ``mark`` may be swapped for its ASCII form so as to make a real error. Not between digits: 10：08 ->
    10:08 and 15،00 -> 15,00 are correct times and numbers in Chinese and Arabic. In Arabic (``arabic_context``),
    only next to an Arabic word: a Latin comma between a Latin name and a year, (Toto, 2004), is how the official
    Arabic FLORES text writes it too (flores:692, (Oravec, 2002))."""
    spots = []
    for match in re.finditer(re.escape(mark), text):
        before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
        previous, following = before[-1:], after[:1]
        if not between_digits and previous.isdigit() and following.isdigit():
            continue
        if arabic_context and not (ARABIC_LETTER.match(previous) or ARABIC_LETTER.match(following)):
            continue
        spots.append(match.start())
    return spots


def plant_missing_nbsp(segment: Segment, rng: random.Random) -> Planted | None:
    if segment.lang != "fr":
        return None
    spots = [
        match for match in re.finditer(f"[{NO_BREAK_SPACES}](?=[;:!?»])|(?<=«)[{NO_BREAK_SPACES}]", segment.target)
    ]
    if not spots:
        return None
    spot = rng.choice(spots)
    replacement = rng.choice([" ", ""])
    target = segment.target[: spot.start()] + replacement + segment.target[spot.end() :]
    kind = "ordinary space for no-break space" if replacement else "no-break space removed"
    return Planted(kind, "punctuation-spacing", _retarget(segment, target, "nbsp"))


def plant_untranslated(segment: Segment, rng: random.Random) -> Planted | None:
    if len(segment.source) < LENGTH_RATIO_MIN_SOURCE or legitimately_identical(segment.source, segment.lang):
        return None
    return Planted("source copied", "untranslated", _retarget(segment, segment.source, "untranslated"))


def plant_empty(segment: Segment, rng: random.Random) -> Planted | None:
    return Planted("empty target", "empty", _retarget(segment, rng.choice(["", " ", "\u00a0"]), "empty"))


def plant_doubled_word(segment: Segment, rng: random.Random) -> Planted | None:
    if segment.lang == "zh":
        positions = [match.start() for match in re.finditer("的(?![的确])", segment.target)]
        if not positions:
            return None
        index = rng.choice(positions)
        return Planted(
            "doubled 的",
            "doubled-words",
            _retarget(segment, segment.target[:index] + "的" + segment.target[index:], "doubled"),
        )
    pattern = ARABIC_WORD if segment.lang == "ar" else LATIN_OR_CYRILLIC_WORD
    text = unicodedata.normalize("NFC", segment.target)
    allowed = get_language(segment.lang).allowed_doubled_words
    words = [word for word in pattern.finditer(text) if word.group().casefold() not in allowed]
    if not words:
        return None
    word = rng.choice(words)
    target = text[: word.end()] + " " + word.group() + text[word.end() :]
    return Planted("doubled word", "doubled-words", _retarget(segment, target, "doubled"))


def plant_length(segment: Segment, rng: random.Random) -> Planted | None:
    """Keep only the first third of the target (a translation cut short) for sources of 60 characters or more."""
    if len(collapse_spaces(segment.source)) < LENGTH_RATIO_LONG_SOURCE:
        return None
    target = segment.target[: max(1, len(segment.target) // 3)]
    return Planted("target cut to a third", "length-ratio", _retarget(segment, target, "cut"))


def plant_inconsistent(segment: Segment, rng: random.Random) -> Planted | None:
    """A second segment with the same source and a different target (its last word dropped)."""
    words = segment.target.split()
    if len(words) < 2:
        return None
    twin = replace(segment, target=" ".join(words[:-1]), id=f"{segment.id}#twin")
    return Planted("same source, other target", "inconsistent", twin, context_extra=(twin,))


MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "ar": ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
           "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
           "كانون الأول/ديسمبر"),
}  # fmt: skip
"""Month names as UN dates write them (Russian in the genitive, Arabic with both names)."""


def _date(lang: str, day: int, month: int, year: int) -> str:
    if lang == "zh":
        return f"{year}年{month}月{day}日"
    name = MONTHS[lang][month - 1]
    return {
        "en": f"{day} {name} {year}",
        "fr": f"{day} {name} {year}",
        "es": f"{day} de {name} de {year}",
        "ru": f"{day} {name} {year} года",
        "ar": f"{day} {name} {year}",
    }[lang]


def _time(lang: str, hours: int, minutes: int) -> str:
    """A 24-hour time as UN style writes it in ``lang`` (English: 12-hour with a.m. / p.m.)."""
    if lang == "en":
        return f"{(hours - 1) % 12 + 1}.{minutes:02d} {'a.m.' if hours < 12 else 'p.m.'}"
    if lang == "zh":
        return f"{'上午' if hours < 12 else '下午'}{(hours - 1) % 12 + 1}时{minutes:02d}分"
    return {
        "fr": f"{hours} h {minutes:02d}",
        "es": f"{hours}.{minutes:02d} horas",
        "ru": f"{hours} ч. {minutes:02d} м.",
        "ar": f"الساعة {hours}:{minutes:02d}",
    }[lang]


def _cited(segment: Segment, english: str, right: str, wrong: str, kind: str) -> Planted | None:
    """Cite a date or time in both source and target, written right in each language, then get it wrong in the
    target. The right version must pass: otherwise the plant would prove nothing."""
    from translate.qa.numbers import compare_numbers

    source, target = f"{segment.source} ({english})", f"{segment.target} ({right})"
    if not compare_numbers(source, target, segment.lang).ok:
        return None
    planted = replace(segment, source=source, target=f"{segment.target} ({wrong})", id=f"{segment.id}#{kind}")
    return Planted(kind, "numbers", planted)


def plant_wrong_month(segment: Segment, rng: random.Random) -> Planted | None:
    """A date cited in the source (17 December 1999) whose month the target changes (17 novembre 1999)."""
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1990, 2025)
    other = (month + rng.randint(1, 11) - 1) % 12 + 1
    lang = segment.lang
    return _cited(
        segment, _date("en", day, month, year), _date(lang, day, month, year), _date(lang, day, other, year), "month"
    )


def plant_wrong_date(segment: Segment, rng: random.Random) -> Planted | None:
    """A date cited in the source (17 December 1999) whose day or year the target changes (18 décembre 1999)."""
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1990, 2025)
    wrong_day, wrong_year = (day, year + rng.choice((-1, 1))) if rng.random() < 0.5 else (day % 28 + 1, year)
    lang = segment.lang
    english, right = _date("en", day, month, year), _date(lang, day, month, year)
    return _cited(segment, english, right, _date(lang, wrong_day, month, wrong_year), "date")


def plant_wrong_time(segment: Segment, rng: random.Random) -> Planted | None:
    """A time cited in the source (3.30 p.m.) that the target writes the language's way with another hour."""
    hours, minutes = rng.randint(1, 23), rng.choice((0, 15, 30, 45))
    other = (hours + rng.randint(1, 11)) % 24 or 12  # never the same hour on a 12-hour clock (13 -> 1)
    lang = segment.lang
    return _cited(
        segment, _time("en", hours, minutes), _time(lang, hours, minutes), _time(lang, other, minutes), "time"
    )


WRONG_TERM_WORD = {"ar": "المشكلة", "zh": "问题", "fr": "problème", "ru": "проблема", "es": "problema"}


def _term_spans(segment: Segment) -> list[tuple[object, list[tuple[int, int]], str]]:
    """(concept terms, spans of an accepted target term, normalised target) for each glossary term of the source
    that the official target renders with an accepted term."""
    from translate.glossary.matching import analyzer_for, chinese_normalize

    (glossary,) = glossaries()
    hits = glossary.find_source_terms(segment.source)
    if not hits:
        return []
    lang = segment.lang
    text = chinese_normalize(segment.target) if lang == "zh" else analyzer_for(lang).normalize(segment.target)
    analyzed = glossary.analyze_target(text, lang)
    found = []
    for hit in hits:
        terms = hit.target_terms(lang)
        if hit.concept.dnt or not terms.accepted:
            continue
        spans = sorted({(s.start, s.end) for term in terms.accepted for s in analyzed.find(term)})
        spans = [span for span in spans if not any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in spans)]
        if spans:
            found.append((terms, spans, text))
    return found


def _replace_term(segment: Segment, rng: random.Random, forbidden: bool) -> Planted | None:
    candidates = [
        (terms, spans, text) for terms, spans, text in _term_spans(segment) if terms.forbidden or not forbidden
    ]
    if not candidates:
        return None
    terms, spans, text = rng.choice(candidates)
    replacement = rng.choice(terms.forbidden) if forbidden else WRONG_TERM_WORD[segment.lang]
    for start, end in reversed(spans):
        text = text[:start] + replacement + text[end:]
    if forbidden:
        return Planted("forbidden term", "glossary-forbidden", _retarget(segment, text, "term-forbidden"))
    return Planted("term replaced by another word", "glossary-missing", _retarget(segment, text, "term-missing"))


def plant_forbidden_term(segment: Segment, rng: random.Random) -> Planted | None:
    """The target's glossary term replaced by the concept's forbidden term (traite -> trafic de personnes)."""
    return _replace_term(segment, rng, forbidden=True)


def plant_missing_term(segment: Segment, rng: random.Random) -> Planted | None:
    """The target's glossary term replaced by an unrelated word."""
    return _replace_term(segment, rng, forbidden=False)


def plant_number_style(segment: Segment, rng: random.Random) -> Planted | None:
    """Arabic: a number of four digits or more written with its groups in visual order (100 000 -> 000 100), or
    in Arabic-Indic digits."""
    if segment.lang != "ar":
        return None
    tokens = [token for token in _digit_tokens(segment) if re.fullmatch(r"\d{1,3}(?:[ \u00a0,]?\d{3})+", token.text)]
    if not tokens:
        return None
    token = rng.choice(tokens)
    digits = re.sub(r"\D", "", token.text)
    if digits.endswith("000") and rng.random() < 0.5:  # only a last group of 000 shows the visual order
        groups = [digits[max(0, end - 3) : end] for end in range(len(digits), 0, -3)]
        written, kind = " ".join(groups), "digit groups in visual order"
    else:
        written, kind = digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")), "Arabic-Indic digits"
    target = segment.target[: token.start] + written + segment.target[token.end :]
    return Planted(kind, "number-style", _retarget(segment, target, "number-style"))


def plant_tatweel(segment: Segment, rng: random.Random) -> Planted | None:
    if segment.lang != "ar":
        return None
    words = list(ARABIC_WORD.finditer(segment.target))
    if not words:
        return None
    word = rng.choice(words)
    index = word.start() + 1
    return Planted(
        "tatweel", "tatweel", _retarget(segment, segment.target[:index] + "\u0640" + segment.target[index:], "tatweel")
    )


def plant_tag_error(segment: Segment, rng: random.Random) -> Planted | None:
    """An italic title (``<1>..</1>`` around words of source and target) that the translation loses, leaves
    unclosed, or gains a placeholder the source does not have."""
    source_words, target_words = segment.source.split(), segment.target.split()
    if len(source_words) < 3 or len(target_words) < 3:
        return None
    source = " ".join(["<1>" + source_words[0], source_words[1] + "</1>", *source_words[2:]])
    how = rng.choice(("lost", "unclosed", "extra"))
    if how == "lost":
        target = segment.target
    elif how == "unclosed":
        target = " ".join(["<1>" + target_words[0], *target_words[1:]])
    else:
        target = " ".join(
            ["<1>" + target_words[0], target_words[1] + "</1>", "<2/>" + target_words[2], *target_words[3:]]
        )
    planted = replace(segment, source=source, target=target, id=f"{segment.id}#tags")
    return Planted(f"tags-{how}", "tags", planted)


PLANTERS: tuple[Planter, ...] = (
    plant_changed_digit,
    plant_wrong_separator,
    plant_dropped_number,
    plant_wrong_month,
    plant_wrong_time,
    plant_number_style,
    plant_real_symbol_error,
    plant_inserted_symbol_error,
    plant_dropped_footnote,
    plant_dropped_bracket,
    plant_quote_error,
    plant_missing_nbsp,
    plant_untranslated,
    plant_empty,
    plant_doubled_word,
    plant_length,
    plant_inconsistent,
    plant_tatweel,
    plant_tag_error,
    # added for issue 15 after the figures above were taken: last, so that the earlier planters draw the same
    # random numbers and their recall compares like for like
    plant_wrong_date,
    plant_forbidden_term,
    plant_missing_term,
)


def plant_errors(segments: list[Segment], seed: int = 7, per_kind: int = 200) -> Iterator[tuple[Planted, Segment]]:
    """Planted errors (with the clean segment they came from), at most ``per_kind`` per planter and language."""
    rng = random.Random(seed)
    checks = {check.id: check for check in qa_checks()}
    clean_context = context_for(segments)
    for planter in PLANTERS:
        for lang in LANGS:
            pool = [segment for segment in segments if segment.lang == lang]
            rng.shuffle(pool)
            made = 0
            for segment in pool:
                if made >= per_kind:
                    break
                planted = planter(segment, rng)
                if planted is None or (
                    planted.segment.target == segment.target and planted.segment.source == segment.source
                ):
                    continue
                if findings_for(segment, checks[planted.check], clean_context):
                    continue  # the real target already fails this check: a plant would prove nothing
                made += 1
                yield planted, segment


@dataclass(frozen=True)
class Missed:
    """A planted error that its check did not catch: the clean segment and the planted one."""

    original: Segment
    planted: Segment


def planted_recall(segments: list[Segment], seed: int = 7, per_kind: int = 200) -> dict[tuple[str, str, str], list]:
    """(check, kind, lang) -> [caught, planted, [Missed, ...]] (every miss is kept)."""
    checks = {check.id: check for check in qa_checks()}
    results: dict[tuple[str, str, str], list] = defaultdict(lambda: [0, 0, []])
    for planted, original in plant_errors(segments, seed, per_kind):
        context = context_for([original, *planted.context_extra])
        caught = bool(findings_for(planted.segment, checks[planted.check], context))
        row = results[(planted.check, planted.kind, planted.segment.lang)]
        row[0] += caught
        row[1] += 1
        if not caught:
            row[2].append(Missed(original, planted.segment))
    return results


def _print_missed(missed: list[Missed], lang: str, show_all: bool) -> None:
    """The missed plants of one row: three shortened lines, or (``--show-missed``) each in full with the clean
    target it was planted in."""
    for miss in missed if show_all else missed[:3]:
        if not show_all:
            print(f"  - missed {lang}: {miss.planted.source[:100]!r} -> {miss.planted.target[:100]!r}")
            continue
        print(f"  - missed {lang} {miss.original.id}\n    - en:      {miss.planted.source!r}")
        if miss.planted.source != miss.original.source:
            print(f"    - en was:  {miss.original.source!r}")
        print(f"    - clean:   {miss.original.target!r}\n    - planted: {miss.planted.target!r}")


# --- length statistics --------------------------------------------------------------------------------------


def length_statistics(corpora: dict[str, list[Segment]]) -> dict[str, dict[str, tuple[float, float, int]]]:
    """lang -> band -> (mean, standard deviation, pairs) of ln(target/source length) on FLORES + NTREX."""
    samples: dict[tuple[str, str], list[float]] = defaultdict(list)
    for corpus in ("flores", "ntrex"):
        for segment in corpora[corpus]:
            source, target = collapse_spaces(segment.source), collapse_spaces(segment.target)
            if len(source) >= LENGTH_RATIO_MIN_SOURCE:
                samples[(segment.lang, length_band(len(source)))].append(math.log(len(target) / len(source)))
    return {
        lang: {
            band: (statistics.mean(values), statistics.pstdev(values), len(values))
            for (code, band), values in samples.items()
            if code == lang
        }
        for lang in LANGS
    }


# --- report -------------------------------------------------------------------------------------------------


# --- spelling (issue 18 item 6) -----------------------------------------------------------------------------

SPELLING_CORPORA = ("sdg", "udhr", "un-ga")
"""Official UN text, where every alarm of the spelling check is counted against it."""
SPELLING_REVIEWED = Path(__file__).with_name("qa_spelling_reviewed.tsv")
"""Misspellings of the official text itself, reviewed by hand: alarms on them are right, every other is false."""
TYPO_KINDS = ("deleted letter", "swapped letters", "wrong letter", "doubled letter")


def _alphabet(lang: str) -> str:
    return {
        "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
        "fr": "abcdefghijlmnopqrstuvéèà",
        "ru": "абвгдежзиклмнопрстуфхцчшщыьэюя",
        "es": "abcdefghijlmnopqrstuvzñáéó",
    }[lang]


def reviewed_misspellings(path: Path = SPELLING_REVIEWED) -> set[tuple[str, str, str]]:
    """(lang, segment id, word) of the official text's own misspellings."""
    rows = [line.split("\t") for line in _lines(path) if line and not line.startswith("#")]
    return {(lang, segment, word) for lang, segment, word, _reason in rows[1:]}


def plant_typo(word: str, kind: str, lang: str, rng: random.Random) -> str:
    """One keyboard-style slip in ``word`` (never its first letter, which names would make ambiguous)."""
    position = rng.randrange(1, len(word) - 1)
    if kind == "deleted letter":
        return word[:position] + word[position + 1 :]
    if kind == "swapped letters":
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if kind == "doubled letter":
        return word[:position] + word[position] + word[position:]
    letter = rng.choice([char for char in _alphabet(lang) if char != word[position]])
    return word[:position] + letter + word[position + 1 :]


def spelling_eval(
    corpora: dict[str, list[Segment]], seed: int = 7, per_kind: int = 100, langs: tuple[str, ...] = ()
) -> dict:
    """Alarms per 1,000 words of the official corpora (and false alarms: those not on a misspelling of
    ``qa_spelling_reviewed.tsv``), and recall on typos planted into words the dictionary knows (a plant that happens
    to be another real word is drawn again); ``langs``: these languages only (all by default)."""
    from translate.qa.spelling import SPELLING_LANGUAGES, WORD, _known, accepted_words, misspelled, unavailable_reason

    rng = random.Random(seed)
    context = CheckContext(glossaries=glossaries())
    real = reviewed_misspellings()
    figures: dict = {"alarms": {}, "recall": {}, "skipped": {}}
    for lang in langs or SPELLING_LANGUAGES:
        reason = unavailable_reason(lang)
        if reason:
            figures["skipped"][lang] = reason
            continue
        accepted = accepted_words(context, lang)
        segments = [s for corpus in SPELLING_CORPORA for s in corpora[corpus] if s.lang == lang and s.target]
        words = flagged = false = 0
        examples: Counter[str] = Counter()
        for segment in segments:
            words += len(WORD.findall(segment.target))
            for start, end in misspelled(segment.target, lang, accepted, segment.source):
                flagged += 1
                false += (lang, segment.id, segment.target[start:end]) not in real
                examples[segment.target[start:end]] += 1
        figures["alarms"][lang] = {
            "words": words,
            "alarms": flagged,
            "false_alarms": false,
            "examples": examples.most_common(12),
        }
        pool = [s for corpus in corpora.values() for s in corpus if s.lang == lang and s.target]
        for kind in TYPO_KINDS:
            caught = planted = tries = 0
            while planted < per_kind and tries < per_kind * 50:
                tries += 1
                segment = rng.choice(pool)
                candidates = [
                    m
                    for m in WORD.finditer(segment.target)
                    if len(m.group(0)) >= 5 and not any(c.isupper() for c in m.group(0))
                ]
                if not candidates:
                    continue
                match = rng.choice(candidates)
                word = match.group(0)
                typo = plant_typo(word, kind, lang, rng)
                if typo == word or not _known(lang, word) or _known(lang, typo):
                    continue
                target = segment.target[: match.start()] + typo + segment.target[match.end() :]
                spans = misspelled(target, lang, accepted, segment.source)
                planted += 1
                caught += any(start <= match.start() < end for start, end in spans)
            figures["recall"][f"{lang}|{kind}"] = [caught, planted]
    return figures


def print_spelling(figures: dict) -> None:
    print("\n## Spelling (Hunspell through pyenchant) on the official corpora (" + ", ".join(SPELLING_CORPORA) + ")\n")
    print(
        "| lang | words | alarms | per 1,000 words | false alarms (not in qa_spelling_reviewed.tsv) | per 1,000 words "
        "| most frequent |\n|---|---:|---:|---:|---:|---:|---|"
    )
    for lang, row in figures["alarms"].items():
        common = ", ".join(f"{word} ×{count}" for word, count in row["examples"][:6])
        per = 1000 / row["words"]
        print(
            f"| {lang} | {row['words']:,} | {row['alarms']} | {per * row['alarms']:.2f} | {row['false_alarms']} "
            f"| {per * row['false_alarms']:.2f} | {common} |"
        )
    for lang, reason in figures["skipped"].items():
        print(f"| {lang} | – | – | – | – | – | skipped: {reason} |")
    print("\n| lang | " + " | ".join(TYPO_KINDS) + " | recall |\n|---|" + "---:|" * (len(TYPO_KINDS) + 1))
    for lang in figures["alarms"]:
        rows = [figures["recall"][f"{lang}|{kind}"] for kind in TYPO_KINDS]
        cells = " | ".join(f"{c}/{p}" for c, p in rows)
        total = sum(c for c, _ in rows) / max(1, sum(p for _, p in rows))
        print(f"| {lang} | {cells} | {total:.1%} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument("--examples", type=int, default=3, help="alarm examples shown per check and language")
    parser.add_argument("--per-kind", type=int, default=200, help="planted errors per kind and language")
    parser.add_argument(
        "--show-missed", action="store_true", help="print every missed planted error in full, with its clean target"
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed of the planting")
    parser.add_argument("--spelling-only", action="store_true", help="only the spelling check's figures")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    corpora = load_corpora(args.data)
    if args.spelling_only:
        figures = spelling_eval(corpora, seed=args.seed, per_kind=min(args.per_kind, 100))
        print_spelling(figures)
        if args.json:
            args.json.write_text(json.dumps({"spelling": figures}, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0
    segments = [segment for corpus in corpora.values() for segment in corpus]
    started = time.perf_counter()
    alarms = real_alarms(corpora)
    elapsed = time.perf_counter() - started
    print(f"## Alarms on the official translations ({len(segments)} segments, {elapsed:.1f} s for all checks)\n")
    print("| check | corpus | " + " | ".join(LANGS) + " |\n|---|---|" + "---|" * len(LANGS))
    for check_id in (*QA_CHECK_IDS, *GLOSSARY_CHECK_IDS):
        for corpus, corpus_segments in corpora.items():
            counts = [len(alarms.get((corpus, check_id, lang), [])) for lang in LANGS]
            totals = Counter(segment.lang for segment in corpus_segments)
            print(
                f"| {check_id} | {corpus} | "
                + " | ".join(f"{count}/{totals[lang]}" for count, lang in zip(counts, LANGS, strict=True))
                + " |"
            )
    if args.examples:
        print("\n### Examples\n")
        for (_corpus, check_id, lang), found in sorted(alarms.items()):
            for segment, message in found[: args.examples]:
                print(
                    f"- {check_id} {lang} {segment.id}: {message}\n"
                    f"  - en: {segment.source[:160]}\n  - {lang}: {segment.target[:160]}"
                )
    errors, reviewed = official_errors(corpora), reviewed_alarms()
    print("\n## Error-severity alarms on the official corpora (" + ", ".join(OFFICIAL) + ")\n")
    print("| check | " + " | ".join(LANGS) + " | reviewed | unreviewed |\n|---|" + "---|" * (len(LANGS) + 2))
    for check_id in sorted({key[0] for key in errors}):
        keys = [key for key in errors if key[0] == check_id]
        cells = " | ".join(str(sum(key[1] == lang for key in keys)) for lang in LANGS)
        known = sum(key in reviewed for key in keys)
        print(f"| {check_id} | {cells} | {known} | {len(keys) - known} |")
    for key, message in sorted(errors.items()):
        if key not in reviewed:
            print(f"- unreviewed {' '.join(key)}: {message}")
    for key in sorted(set(reviewed) - set(errors)):
        print(f"- reviewed but no longer raised: {' '.join(key)}")
    recall = planted_recall(segments, seed=args.seed, per_kind=args.per_kind)
    print(
        "\n## Planted errors caught\n\n| check | planted error | "
        + " | ".join(LANGS)
        + " | recall |\n|---|---|"
        + "---|" * (len(LANGS) + 1)
    )
    by_kind: dict[tuple[str, str], dict[str, list]] = defaultdict(dict)
    for (check_id, kind, lang), row in recall.items():
        by_kind[(check_id, kind)][lang] = row
    for (check_id, kind), rows in sorted(by_kind.items()):
        caught = sum(row[0] for row in rows.values())
        planted = sum(row[1] for row in rows.values())
        cells = " | ".join(f"{rows[lang][0]}/{rows[lang][1]}" if lang in rows else "–" for lang in LANGS)
        print(f"| {check_id} | {kind} | {cells} | {caught / planted:.1%} |")
        for lang, row in rows.items():
            _print_missed(row[2], lang, args.show_missed)
    print("\n## Length ratio ln(target/source characters), FLORES-200 + NTREX-128\n")
    print("| lang | band | pairs | mean | sd | constant (mean, sd) |\n|---|---|---|---|---|---|")
    stats = length_statistics(corpora)
    for lang in LANGS:
        for band, (mean, spread, count) in sorted(stats[lang].items()):
            print(f"| {lang} | {band} | {count} | {mean:.3f} | {spread:.3f} | {LENGTH_RATIO_STATS[lang][band]} |")
    spelling = spelling_eval(corpora, seed=args.seed, per_kind=min(args.per_kind, 100))
    print_spelling(spelling)
    if args.json:
        payload = {
            "spelling": spelling,
            "alarms": {"|".join(key): len(found) for key, found in alarms.items()},
            "official_errors": {"|".join(key): key in reviewed for key in errors},
            "recall": {"|".join(key): row[:2] for key, row in recall.items()},
            "length": stats,
            "seconds": elapsed,
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
