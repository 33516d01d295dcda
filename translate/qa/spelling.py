"""The ``spelling`` check: words of an Arabic, French, Russian or Spanish translation that Hunspell does not know.

Dictionaries are the distribution's Hunspell ones (Debian ``hunspell-ar``, ``hunspell-fr``, ``hunspell-ru``,
``hunspell-es``), reached through pyenchant, the maintained binding of Enchant (``libenchant-2-2``; its Hunspell
provider reads ``/usr/share/hunspell``). spylls, a pure-Python Hunspell, was the alternative: it needs no C library,
but it has had no release since 2021 and is about a hundred times slower per word.

Accepted without a dictionary look-up:

* the glossary's terms (every word of every term in the target language and in English);
* UN country and area names in the six languages (``../shared/data/unterm-country-names``: UNTERM short and
  formal names and the M49 names), when that folder is there;
* in Arabic, the UNBIS Thesaurus labels (``../shared/data/unbis-thesaurus``) and the metric units Ayaspell lacks;
  words built regularly on a dictionary word (proclitics, feminine, nisba, plural, participle: see
  ``translate.lang.ar.spelling_derived``) and names of the English source written in Arabic letters
  (``translate.lang.ar.writes_source_name``): each language's rules are its file's ``spelling`` field;
* the workflow's own word list, ``workflows/<job>/spelling/<lang>.txt`` (one word or phrase a line, ``#``
  comments), for the names and terms of the job;
* words that also occur in the English source (names, English titles kept as they are), acronyms and other words
  with a capital after the first letter, words with digits, single letters, URLs and e-mail addresses, and Latin
  words in Arabic and Russian text (English stand-ins).

Chinese is not spell-checked: it has no spaces between words and Debian ships no Hunspell dictionary for it. A
missing binding or dictionary is not an error: the check does not apply, and :func:`unavailable_reason` says why.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, ClassVar

from translate.lang import TARGET_LANGUAGES, get_language
from translate.lang.base import SpellingRules
from translate.patterns import FOOTNOTE_PATTERN
from translate.qa.base import Check, CheckContext, Finding, Segment, register

SPELLING_LANGUAGES = tuple(code for code in TARGET_LANGUAGES if get_language(code).spelling.checked)
"""The target languages whose file names a Hunspell dictionary (``Language.spelling``: ar, fr, ru, es)."""
COUNTRY_NAMES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "unterm-country-names"
"""``../shared/data/unterm-country-names`` seen from the repository root (skipped cleanly when absent)."""
_COUNTRY_COLUMNS = {
    "en": ("UNTERM English Short", "UNTERM English Formal", "official_name_en"),
    "ar": ("UNTERM Arabic Short", "UNTERM Arabic Formal", "official_name_ar"),
    "fr": ("UNTERM French Short", "UNTERM French Formal", "official_name_fr"),
    "ru": ("UNTERM Russian Short", "UNTERM Russian Formal", "official_name_ru"),
    "es": ("UNTERM Spanish Short", "UNTERM Spanish Formal", "official_name_es"),
}
ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u00ad\u200b-\u200d"
"""Arabic diacritics, Quranic marks and tatweel, the soft hyphen and zero-width (non-)joiners: part of a word,
but not of its spelling (че\xadловек is человек)."""
_LETTER = rf"(?:[^\W\d_]|[{ARABIC_MARKS}\u0300-\u036f])"
"""A letter, or a mark that belongs to one (Arabic diacritics; combining accents of text not in NFC)."""
WORD = re.compile(rf"{_LETTER}+(?:['’\-]{_LETTER}+)*")
_UNCHECKED = re.compile(rf"https?://\S+|www\.\S+|\S+@\S+\.\w+|{FOOTNOTE_PATTERN}")
_MARKS = re.compile(f"[{ARABIC_MARKS}]")
MAX_SUGGESTED = 3
"""Words of one segment for which suggestions are looked up (Hunspell's suggest is the slow part, 0.1-0.3 s a
word): only where ``context.options["spelling_suggestions"]`` asks for them (the review app, one segment at a
time), not in ``check`` over a whole report or in routing."""


# --- dictionaries ------------------------------------------------------------------------------------------


@cache
def _rules(lang: str) -> SpellingRules:
    """The language file's spelling rules (an unknown code: not checked)."""
    try:
        return get_language(lang).spelling
    except KeyError:
        return SpellingRules()


@cache
def _dictionary(lang: str) -> tuple[Any | None, str | None]:
    """(pyenchant Dict, None) for ``lang``, or (None, why not)."""
    rules = _rules(lang)
    if not rules.checked:
        return None, rules.unchecked_reason or f"{lang}: no spelling check for this language"
    try:
        import enchant
    except (ImportError, OSError) as error:  # OSError: pyenchant installed, libenchant missing
        return (
            None,
            f"the Enchant binding is not available ({error}); pip install pyenchant, apt-get install libenchant-2-2",
        )
    broker = enchant.Broker()
    broker.set_ordering("*", "hunspell,aspell,myspell")
    for tag in rules.dictionary_tags:
        if broker.dict_exists(tag):
            return broker.request_dict(tag), None
    return None, f"no Hunspell dictionary for {lang} (apt-get install {rules.package or 'its Hunspell dictionary'})"


def unavailable_reason(lang: str) -> str | None:
    """Why ``lang`` cannot be spell-checked here, or None when it can."""
    return _dictionary(lang)[1]


def dictionary_name(lang: str) -> str:
    found = _dictionary(lang)[0]
    return f"{found.tag} Hunspell" if found is not None else "no"


@lru_cache(maxsize=200_000)
def _known(lang: str, word: str) -> bool:
    found = _dictionary(lang)[0]
    return found is None or found.check(word)


# --- accepted words ----------------------------------------------------------------------------------------


def fold(word: str) -> str:
    """The form words are compared in: NFC, Arabic marks dropped, typographic apostrophe straightened, case folded."""
    return _MARKS.sub("", unicodedata.normalize("NFC", word)).replace("’", "'").casefold()


def _words_of(phrases: Iterable[str]) -> set[str]:
    return {fold(word) for phrase in phrases for word in WORD.findall(phrase)}


@lru_cache(maxsize=8)
def country_words(lang: str, folder: Path = COUNTRY_NAMES) -> frozenset[str]:
    """Every word of the UN names of countries and areas in ``lang`` and English (empty when the data is absent)."""
    table = folder / "data" / "country-codes.csv"
    if not table.is_file():
        return frozenset()
    columns = (*_COUNTRY_COLUMNS.get(lang, ()), *_COUNTRY_COLUMNS["en"])
    with table.open(encoding="utf-8-sig", newline="") as handle:
        names = [row.get(column) or "" for row in csv.DictReader(handle) for column in columns]
    return frozenset(_words_of(names))


THESAURUS = COUNTRY_NAMES.parent / "unbis-thesaurus" / "unbis_labels_6lang.tsv"
"""``../shared/data/unbis-thesaurus``: the UN's controlled vocabulary (UNBIS Thesaurus), labels in six languages."""


@lru_cache(maxsize=8)
def thesaurus_words(lang: str, path: Path = THESAURUS) -> frozenset[str]:
    """Every word of the UNBIS Thesaurus labels in ``lang`` (Arabic also without its article: الجينات, جينات);
    empty for other languages or when the data is absent."""
    rules = _rules(lang)
    if not rules.thesaurus_labels or not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8", newline="") as handle:
        labels = [row.get(lang) or "" for row in csv.DictReader(handle, delimiter="\t")]
    words = _words_of(labels)
    if rules.article:
        size = len(rules.article)
        words |= {word[size:] for word in words if word.startswith(rules.article) and len(word) > size + 2}
    return frozenset(words)


@cache
def language_words(lang: str) -> frozenset[str]:
    """Words the language file lists for the dictionary's gaps (Arabic metric units: واط)."""
    return frozenset(_words_of(_rules(lang).extra_words))


def glossary_words(glossaries: Iterable[Any], lang: str) -> frozenset[str]:
    """Every word of the glossaries' terms in ``lang`` and in English."""
    phrases: list[str] = []
    for glossary in glossaries:
        for concept in glossary:
            for code in (lang, "en"):
                terms = concept.target_terms(code)
                phrases += [*terms.accepted, *terms.forbidden]
    return frozenset(_words_of(phrases))


def word_list_path(workflow_root: str | Path, lang: str) -> Path:
    """The workflow's own accepted words: ``workflows/<job>/spelling/<lang>.txt``."""
    return Path(workflow_root) / "spelling" / f"{lang}.txt"


@lru_cache(maxsize=32)
def _word_list(path: str, mtime_ns: int) -> frozenset[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(_words_of(line.split("#", 1)[0] for line in lines))


def workflow_words(workflow_root: str | Path | None, lang: str) -> frozenset[str]:
    if workflow_root is None:
        return frozenset()
    path = word_list_path(workflow_root, lang)
    try:
        return _word_list(str(path), path.stat().st_mtime_ns)
    except (OSError, UnicodeDecodeError):
        return frozenset()


def accepted_words(context: CheckContext, lang: str) -> frozenset[str]:
    """Glossary terms, country names, UNBIS labels (Arabic) and the workflow's list, computed once per check run."""
    key = f"spelling-accepted-{lang}"
    if key not in context.cache:
        root = context.options.get("workflow_root")
        context.cache[key] = (
            glossary_words(context.glossaries, lang)
            | country_words(lang)
            | thesaurus_words(lang)
            | workflow_words(root, lang)
        )
    return context.cache[key]


# --- the check ---------------------------------------------------------------------------------------------


def misspelled(
    target: str, lang: str, accepted: frozenset[str] = frozenset(), source: str = ""
) -> list[tuple[int, int]]:
    """Spans of the words of ``target`` that the ``lang`` dictionary does not know and nothing accepts."""
    if _dictionary(lang)[0] is None:
        return []
    masked = _UNCHECKED.sub(lambda match: " " * len(match.group(0)), target)
    in_source = _words_of([source]) if source else set()
    rules = _rules(lang)
    bare_source = {_strip_accents(word) for word in in_source} if rules.source_cognates else set()
    names = _source_name_keys(lang, source) if rules.source_names and source else frozenset()
    own = language_words(lang)
    spans = []
    abbreviations = _abbreviations(lang)
    for match in WORD.finditer(masked):
        word = match.group(0)
        if not _needs_checking(word, lang) or fold(word) in accepted or fold(word) in in_source or fold(word) in own:
            continue
        if masked[match.end() : match.end() + 1] == "." and fold(word) in abbreviations:
            continue  # párr., núm.: the language's abbreviations
        if masked[match.end() : match.end() + 1] == "-" and fold(word) in rules.prefixes:
            continue  # a prefix standing for a compound: микро-, малых и средних
        if _spelled_right(word, lang, accepted) or (bare_source and _cognate(word, bare_source, lang)):
            continue
        if not (names and rules.writes_source_name and rules.writes_source_name(fold(word), names, _lookup(lang))):
            spans.append((match.start(), match.end()))
    return spans


@lru_cache(maxsize=4096)
def _source_name_keys(lang: str, source: str) -> frozenset[str]:
    """The keys of the English source's names in ``lang``'s script (``SpellingRules.source_names``)."""
    make = _rules(lang).source_names
    return make(tuple(WORD.findall(source))) if make else frozenset()


@cache
def _lookup(lang: str) -> Callable[[str], bool]:
    """``lang``'s dictionary as a function of a word (for the language file's rules)."""
    return lambda word: _known(lang, word)


@lru_cache(maxsize=8)
def _abbreviations(lang: str) -> frozenset[str]:
    from translate.lang import get_language

    return frozenset(fold(word) for word in get_language(lang).abbreviations)


def _needs_checking(word: str, lang: str) -> bool:
    bare = _MARKS.sub("", unicodedata.normalize("NFC", word))
    if len(bare) < 2 or any(char.isupper() for char in bare[1:]):
        return False  # a letter, an acronym (ONUDC, ЮНОДК), a name like McDonald
    return not (_rules(lang).latin_words_are_foreign and bare.isascii())  # an English stand-in (ar, ru)


def _spelled_right(word: str, lang: str, accepted: frozenset[str]) -> bool:
    rules = _rules(lang)
    form = _MARKS.sub("", unicodedata.normalize("NFC", word)).replace("’", "'")
    for letter, read_as in rules.letter_folds:
        form = form.replace(letter, read_as)
    if _known(lang, form) or (form[:1].isupper() and _known(lang, form.lower())):
        return True
    if rules.letter_folds and _known(lang, _MARKS.sub("", word)):
        return True  # the word as written (Hunspell lists a few words with ё)
    if _morphology_knows(rules, form):
        return True
    if _derived(form.lower(), lang, accepted):
        return True
    parts = re.split(r"['\-]", form)
    if len(parts) > 1:  # a compound or an elision the dictionary lists by its parts
        return all(
            not part
            or fold(part) in accepted
            or _known(lang, part)
            or _derived(part.lower(), lang, accepted)
            or len(part) < 2
            for part in parts
        )
    return form[:1].isupper() and not _near_known(form, lang)


def _derived(word: str, lang: str, accepted: frozenset[str] = frozenset()) -> bool:
    """A word built regularly on one the dictionary knows: by the language file's own rule (``derived``: Arabic
    proclitics and endings), an adverb (``adverb_suffix``: Spanish -mente) or a productive prefix."""
    rules = _rules(lang)
    if rules.derived is not None:
        own = language_words(lang)

        def listed(form: str) -> bool:
            return form in accepted or form in own

        return rules.derived(word, lambda form: listed(form) or _known(lang, form), listed)
    suffix = rules.adverb_suffix
    if suffix and word.endswith(suffix) and len(word) > 8 and _known(lang, word[: -len(suffix)]):
        return True
    for prefix in rules.prefixes:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and (_known(lang, rest) or _morphology_knows(rules, rest)):
            return True
    return False


@lru_cache(maxsize=20_000)
def _near_known(word: str, lang: str) -> bool:
    """Whether a dictionary word is one edit away (a letter deleted, added, changed, or two swapped): then an
    unknown capitalized word is a slip of it (Organizacion, Nacoines) rather than a name the dictionary lacks
    (Sendái, Дохинской). Candidates are generated and looked up (Hunspell's own suggest takes 0.1-0.3 s a word)."""
    lower = word.lower()
    letters = _rules(lang).alphabet
    splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
    candidates = {left + right[1:] for left, right in splits if right}
    candidates |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    candidates |= {left + letter + right[1:] for left, right in splits if right for letter in letters}
    candidates |= {left + letter + right for left, right in splits for letter in letters}
    candidates.discard(lower)
    return any(len(candidate) > 1 and (_known(lang, candidate) or _known(lang, candidate.capitalize()))
               for candidate in candidates)  # fmt: skip


def _morphology_knows(rules: SpellingRules, word: str) -> bool:
    """Whether the language's morphological dictionary (``SpellingRules.morphology``) knows ``word``."""
    return rules.morphology == "pymorphy3" and _morph_knows(word)


def _morph_knows(word: str) -> bool:
    """Russian: OpenCorpora's dictionary (pymorphy3) knows newer vocabulary than hunspell-ru (биоразнообразие,
    гендерный, домохозяйство)."""
    try:
        from translate.glossary.matching import _morph

        return bool(_morph().word_is_known(word.lower()))
    except ImportError:
        return False


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


COGNATE_PREFIX = 7
"""French and Spanish words sharing this many first letters (accents aside) with a word of the English source are
cognates the dictionary may lack (desertificación, resilientes for desertification, resilient)."""


def _cognate(word: str, source_words: set[str], lang: str) -> bool:
    """A word of the English source starts with the same letters, and no dictionary word is one edit away (then it
    is a slip: détectéés for détectées)."""
    bare = _strip_accents(fold(word))
    if len(bare) <= COGNATE_PREFIX:
        return False
    stem = bare[:COGNATE_PREFIX]
    return any(candidate.startswith(stem) for candidate in source_words) and not _near_known(word, lang)


def suggestions(word: str, lang: str) -> list[str]:
    found = _dictionary(lang)[0]
    if found is None:
        return []
    try:
        return list(found.suggest(_MARKS.sub("", word)))[:3]
    except Exception:  # a dictionary that cannot suggest still checks
        return []


@register
class SpellingCheck(Check):
    id = "spelling"
    name = "Spelling"
    description = (
        "Words the language's Hunspell dictionary does not know (ar, fr, ru, es), other than glossary terms, "
        "UN country names, the workflow's word list (spelling/<lang>.txt) and words of the English source. "
        "Chinese is not spell-checked."
    )
    severity: ClassVar = "warning"
    languages = SPELLING_LANGUAGES
    example_good = ("fr", "Victims of trafficking were detected.", "Des victimes de la traite ont été détectées.")
    example_bad = ("fr", "Victims of trafficking were detected.", "Des victimes de la traite ont été détectéés.")

    def applies_to(self, segment: Segment, context: CheckContext) -> bool:
        return (
            super().applies_to(segment, context)
            and bool(segment.target.strip())
            and _dictionary(segment.lang)[0] is not None
        )

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        spans = misspelled(segment.target, segment.lang, accepted_words(context, segment.lang), segment.source)
        if not spans:
            return
        words = list(dict.fromkeys(segment.target[start:end] for start, end in spans))
        suggest = bool(context.options.get("spelling_suggestions"))
        shown = []
        for number, word in enumerate(words):
            offered = suggestions(word, segment.lang) if suggest and number < MAX_SUGGESTED else []
            shown.append(f"{word} ({', '.join(offered)}?)" if offered else word)
        yield self.finding(
            f"not in the {dictionary_name(segment.lang)} dictionary: {'; '.join(shown)} "
            f"(a correct word? add it to the workflow's spelling/{segment.lang}.txt)",
            words=words,
            spans=spans,
        )


# --- the review app ----------------------------------------------------------------------------------------


def highlight_misspellings(text: Any, findings: Iterable[Finding], style: str = "underline bold red") -> None:
    """Underline, in a rich ``Text`` of the target, the words the ``spelling`` findings name (the review app)."""
    words = [word for finding in findings if finding.check == "spelling" for word in finding.details.get("words", ())]
    if words:
        text.highlight_regex(
            r"(?<![\w'’-])(?:"
            + "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
            + r")(?![\w'’-])",
            style,
        )
