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
  :func:`_arabic_derived`) and names of the English source written in Arabic letters (:func:`_arabic_name`);
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
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, ClassVar

from translate.patterns import FOOTNOTE_PATTERN
from translate.qa.base import Check, CheckContext, Finding, Segment, register

SPELLING_LANGUAGES = ("ar", "fr", "ru", "es")
DICTIONARY_TAGS: dict[str, tuple[str, ...]] = {
    "ar": ("ar", "ar_SA", "ar_EG"),
    "fr": ("fr_FR", "fr"),
    "ru": ("ru_RU", "ru"),
    "es": ("es_ES", "es"),
}
DEBIAN_PACKAGES = {"ar": "hunspell-ar", "fr": "hunspell-fr", "ru": "hunspell-ru", "es": "hunspell-es"}
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
def _dictionary(lang: str) -> tuple[Any | None, str | None]:
    """(pyenchant Dict, None) for ``lang``, or (None, why not)."""
    if lang not in DICTIONARY_TAGS:
        return None, f"{lang}: no spelling check for this language"
    try:
        import enchant
    except (ImportError, OSError) as error:  # OSError: pyenchant installed, libenchant missing
        return (
            None,
            f"the Enchant binding is not available ({error}); pip install pyenchant, apt-get install libenchant-2-2",
        )
    broker = enchant.Broker()
    broker.set_ordering("*", "hunspell,aspell,myspell")
    for tag in DICTIONARY_TAGS[lang]:
        if broker.dict_exists(tag):
            return broker.request_dict(tag), None
    return None, f"no Hunspell dictionary for {lang} (apt-get install {DEBIAN_PACKAGES[lang]})"


def unavailable_reason(lang: str) -> str | None:
    """Why ``lang`` cannot be spell-checked here, or None when it can."""
    if lang == "zh":
        return "Chinese is not spell-checked (no spaces between words, no Hunspell dictionary)"
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
THESAURUS_LANGUAGES = ("ar",)
"""Languages whose UNBIS labels are taken as accepted words. Not French and Spanish: their labels are upper case
without accents (TRAITE DES ETRES HUMAINS), which would accept a missing accent."""


@lru_cache(maxsize=8)
def thesaurus_words(lang: str, path: Path = THESAURUS) -> frozenset[str]:
    """Every word of the UNBIS Thesaurus labels in ``lang`` (Arabic also without its article: الجينات, جينات);
    empty for other languages or when the data is absent."""
    if lang not in THESAURUS_LANGUAGES or not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8", newline="") as handle:
        labels = [row.get(lang) or "" for row in csv.DictReader(handle, delimiter="\t")]
    words = _words_of(labels)
    if lang == "ar":
        words |= {word[2:] for word in words if word.startswith("ال") and len(word) > 4}
    return frozenset(words)


@cache
def language_words(lang: str) -> frozenset[str]:
    """Words the language file lists for the dictionary's gaps (Arabic metric units: واط)."""
    if lang != "ar":
        return frozenset()
    from translate.lang.ar import UNIT_WORDS

    return frozenset(_words_of(UNIT_WORDS))


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
    bare_source = {_strip_accents(word) for word in in_source} if lang in ("fr", "es") else set()
    names = _source_name_skeletons(source) if lang == "ar" and source else frozenset()
    own = language_words(lang)
    spans = []
    abbreviations = _abbreviations(lang)
    for match in WORD.finditer(masked):
        word = match.group(0)
        if not _needs_checking(word, lang) or fold(word) in accepted or fold(word) in in_source or fold(word) in own:
            continue
        if masked[match.end() : match.end() + 1] == "." and fold(word) in abbreviations:
            continue  # párr., núm.: the language's abbreviations
        if masked[match.end() : match.end() + 1] == "-" and fold(word) in PREFIXES.get(lang, ()):
            continue  # a prefix standing for a compound: микро-, малых и средних
        if _spelled_right(word, lang, accepted) or (bare_source and _cognate(word, bare_source, lang)):
            continue
        if not (names and _arabic_name(fold(word), names)):
            spans.append((match.start(), match.end()))
    return spans


@lru_cache(maxsize=4096)
def _source_name_skeletons(source: str) -> frozenset[str]:
    """Consonant skeletons of the capitalized words of an English source (names: Beijing, Aichi, Swaziland)."""
    from translate.lang.ar import latin_name_skeletons

    names = [word for word in WORD.findall(source) if word[:1].isupper() and len(word) >= 4 and word.isascii()]
    return frozenset(skeleton for name in names for skeleton in latin_name_skeletons(name) if skeleton)


def _arabic_name(word: str, names: frozenset[str]) -> bool:
    """A name of the English source written in Arabic letters (Arabic has no capitals to tell names by), unless it
    is a slip in a name Ayaspell knows."""
    return _transliterates(word, names) and not _vowel_slip(word)


def _vowel_slip(word: str) -> bool:
    """Whether Ayaspell knows ``word`` with one long vowel (ا و ي) more or less, or a doubled letter single: a
    slip in a name it knows (إفرقيا for إفريقيا, بااتون), not a name it lacks. (Any one edit is too loose a test
    in Arabic, where most words are one letter from another.)"""
    from translate.lang.ar import LONG_VOWELS

    candidates = {
        word[:i] + word[i + 1 :] for i, letter in enumerate(word) if letter in LONG_VOWELS or word[i - 1 : i] == letter
    }
    candidates |= {word[:i] + vowel + word[i:] for i in range(1, len(word) + 1) for vowel in LONG_VOWELS}
    return any(_known("ar", candidate) for candidate in candidates if len(candidate) > 2)


def _transliterates(word: str, names: frozenset[str]) -> bool:
    """An Arabic word (or its stem after proclitics) of four letters or more written as a name of the source is:
    بيجين for Beijing, آيتشي for Aichi, وسوازيلند for Swaziland. Arabic has no capitals to tell names by."""
    from translate.lang.ar import name_skeleton, proclitic_splits

    stems = [word, *(stem for _, stem in proclitic_splits(word, min_stem=4))]
    return any(len(stem) >= 4 and name_skeleton(stem) in names for stem in stems)


@lru_cache(maxsize=8)
def _abbreviations(lang: str) -> frozenset[str]:
    from translate.lang import get_language

    return frozenset(fold(word) for word in get_language(lang).abbreviations)


def _needs_checking(word: str, lang: str) -> bool:
    bare = _MARKS.sub("", unicodedata.normalize("NFC", word))
    if len(bare) < 2 or any(char.isupper() for char in bare[1:]):
        return False  # a letter, an acronym (ONUDC, ЮНОДК), a name like McDonald
    return not (lang in ("ar", "ru") and bare.isascii())  # an English stand-in in Arabic or Russian text


def _spelled_right(word: str, lang: str, accepted: frozenset[str]) -> bool:
    form = _MARKS.sub("", unicodedata.normalize("NFC", word)).replace("’", "'")
    if lang == "ru":
        form = form.replace("ё", "е").replace("Ё", "Е")
    if _known(lang, form) or (form[:1].isupper() and _known(lang, form.lower())):
        return True
    if lang == "ru" and _known(lang, _MARKS.sub("", word)):
        return True
    if lang == "ru" and _morph_knows(form):
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


PREFIXES: dict[str, tuple[str, ...]] = {
    "fr": ("micro", "macro", "multi", "inter", "intra", "trans", "sous", "post", "anti", "auto", "bio", "éco",
           "néo", "péri", "psycho", "pré", "re", "ré", "co", "dé", "non", "sur", "supra", "agro", "géo"),
    "es": ("micro", "macro", "multi", "inter", "intra", "trans", "sobre", "post", "pos", "anti", "auto", "bio",
           "eco", "neo", "peri", "psico", "pre", "re", "co", "des", "sub", "supra", "agro", "geo", "contra"),
    "ru": ("микро", "макро", "мульти", "меж", "транс", "пост", "анти", "авто", "био", "эко", "нео", "психо",
           "агро", "гео", "энерго", "ресурсо", "не", "пере", "суб", "дез", "де", "контр", "недо", "само"),
}  # fmt: skip
"""Productive prefixes: a word the dictionary lacks is accepted when it is one of these before a word it knows
(microempresas, sobrecapacidad, психосоциальные); the rest must be at least four letters."""


def _derived(word: str, lang: str, accepted: frozenset[str] = frozenset()) -> bool:
    """A prefixed word, or a Spanish adverb in -mente, built on a word the dictionary knows; an Arabic word with
    proclitics or a regular ending on a word the dictionary knows (see :func:`_arabic_derived`)."""
    if lang == "ar":
        return _arabic_derived(word, accepted)
    if lang == "es" and word.endswith("mente") and len(word) > 8 and _known(lang, word[:-5]):
        return True
    for prefix in PREFIXES.get(lang, ()):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and (_known(lang, rest) or (lang == "ru" and _morph_knows(rest))):
            return True
    return False


def _arabic_derived(word: str, accepted: frozenset[str]) -> bool:
    """Whether an Arabic word Ayaspell lacks is built regularly on one it knows (or an accepted word): proclitics in
    their fixed order (الاثني = ال + اثني), then a regular ending (هشة, سياساتية, التغذوية, عطلات, المعثور; see
    ``translate.lang.ar``). A stem or base that itself reads as proclitics + a known word is no base: ال + لنظيفة,
    a doubled ل, would otherwise pass as ال + ل + نظيفة. Ayaspell gives the article to the nouns and adjectives
    it lists, so a stem it knows but not with the article is mostly a verb (ال + اقضي, a slip for القاضي): after
    the article only an accepted word (the thesaurus, units) or a nisba adjective in ي, whose article forms
    Ayaspell often lacks (الاثني, الجنساني), is taken bare. Alef forms are not folded (إ أ آ → ا): Ayaspell writes
    the hamza, and folding would accept hamzat al-wasl written as hamzat al-qat' (الإجتماعي, إستعباد)."""
    from translate.lang.ar import derivation_bases, proclitic_splits

    units = language_words("ar")

    def known(form: str) -> bool:
        return form in accepted or form in units or _known("ar", form)

    def clitic_free(form: str) -> bool:
        return not any(known(rest) for _, rest in proclitic_splits(form, min_stem=2))

    for prefix, stem in [("", word), *proclitic_splits(word)]:
        if prefix and not clitic_free(stem):
            continue
        listed = stem in accepted or stem in units
        if prefix and known(stem) and (not prefix.endswith(("ال", "لل")) or listed or stem.endswith("ي")):
            return True  # after the article: an accepted word or a nisba adjective (see the docstring)
        bases = derivation_bases(stem, nominal=lambda base: known("ال" + base))
        if any(known(base) and clitic_free(base) for base in bases):
            return True
    return False


ALPHABETS = {
    "ar": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي",
    "fr": "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "es": "abcdefghijklmnopqrstuvwxyzáéíñóúü",
}
"""The letters tried when looking for a dictionary word one edit away (see :func:`_near_known`)."""


@lru_cache(maxsize=20_000)
def _near_known(word: str, lang: str) -> bool:
    """Whether a dictionary word is one edit away (a letter deleted, added, changed, or two swapped): then an
    unknown capitalized word is a slip of it (Organizacion, Nacoines) rather than a name the dictionary lacks
    (Sendái, Дохинской). Candidates are generated and looked up (Hunspell's own suggest takes 0.1-0.3 s a word)."""
    lower = word.lower()
    letters = ALPHABETS.get(lang, "")
    splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
    candidates = {left + right[1:] for left, right in splits if right}
    candidates |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    candidates |= {left + letter + right[1:] for left, right in splits if right for letter in letters}
    candidates |= {left + letter + right for left, right in splits for letter in letters}
    candidates.discard(lower)
    return any(len(candidate) > 1 and (_known(lang, candidate) or _known(lang, candidate.capitalize()))
               for candidate in candidates)  # fmt: skip


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
