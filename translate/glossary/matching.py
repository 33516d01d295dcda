"""Term matching per language: English source terms and target terms in ar, zh, fr, ru, es.

Every language except Chinese is matched on tokens. A text becomes a list of tokens, each carrying a
set of *keys* (normalised forms); a term is a sequence of key sets; the term occurs where consecutive
tokens share a key with each term word. What a key is depends on the language:

- en (source): case folded, plural and possessive removed (Member States -> member state).
- fr, es: NFKC, case folded, Snowball stem, accents removed; articles and ``de``/``des``/``du``/``del``
  and elided ``l'``/``d'``/``qu'`` are skipped, so ``traite d'êtres humains`` = ``traite des êtres humains``
  and ``ÉTATS MEMBRES`` = ``États membres`` = ``Etats Membres``.
- ru: every word's lemmas from pymorphy3 (торговлей людьми = торговля людьми; государствам-членам =
  государства-члены: hyphenated words are split); ё = е. ``RUSSIAN_BACKEND = "snowball"`` switches to
  the Snowball stemmer (measured worse: benchmarks/glossary_eval.py).
- ar: :func:`translate.lang.ar.normalize_arabic` (tatweel, diacritics, alef, yeh, ta marbuta), then the
  analyses with and without the proclitics و ف, ب ك ل, the article ال (and ل + ال = لل), and the sound
  plural / dual endings, so للدول matches الدول and بالبشر matches البشر.
- zh: no word boundaries: NFKC (full-width = half-width), case folded, spaces removed, substring search.

Speed (``hexaglot check`` on 50,000 segments): each distinct word is analysed once per process (numbers
never); the steps over all the words of a text are set operations, ``map`` and ``compress`` in C; a source
sentence none of whose words starts an English term stops there; a target text is indexed only for the
words that carry a key of the concepts found in its source (``AnalyzedText(only=...)``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from translate.lang import get_language
from translate.lang.ar import BROKEN_PLURALS as ARABIC_BROKEN_PLURALS
from translate.lang.ar import PRONOUN_SUFFIXES as ARABIC_PRONOUN_SUFFIXES
from translate.lang.ar import normalize_arabic

Keys = frozenset[str]
_UNSEEN = object()
_NO_KEYS: frozenset[str] = frozenset()
Pattern = tuple[Keys, ...]

RUSSIAN_BACKEND = "pymorphy3"
"""``pymorphy3`` (lemmas; the default, measured better) or ``snowball`` (stems)."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_WORD_ELIDED = re.compile(r"[^\W_]+['’]?", re.UNICODE)
_SPACES = re.compile(r"\s+", re.UNICODE)
_GLUED = re.compile(r"[a-zß-öø-ÿа-яё][A-ZÀ-ÖØ-ÞА-ЯЁ]")
_ENGLISH_IRREGULAR = {"women": "woman", "men": "man", "children": "child", "feet": "foot", "mice": "mouse"}
_ARABIC_CONJUNCTIONS = "وف"
_ARABIC_PREPOSITIONS = "بكل"
_ARABIC_SUFFIXES = ("ون", "ين", "ان", "ات")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    keys: Keys


@dataclass(frozen=True)
class TermSpan:
    """Where a term occurs: character offsets in the text and token positions."""

    start: int
    end: int
    first: int
    last: int


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """NFKC and case folding, the base of every language's normalisation."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFKC", text).casefold()


# --- key functions per language ----------------------------------------------------------------------


def english_key(word: str) -> str:
    """A crude English lemma for nouns: enough for Member States / State, parties / party, children / child."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    irregular = _ENGLISH_IRREGULAR.get(word)
    if irregular:
        return irregular
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def _snowball(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer(language)


@cache
def _morph():
    """The Russian analyser, lean: only the normal forms of a word's parses are used, so the parses stay
    plain tuples and are not ranked by P(tag | word) (ranking only reorders them), and the dictionary path is
    given when known (pymorphy3's own look-up scans every installed package's entry points): about twice as
    fast to load and to parse, with the same normal forms (checked on 22,000 words of the shared data)."""
    import os

    import pymorphy3

    options = {"result_type": None, "probability_estimator_cls": None}
    if pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE not in os.environ:
        try:
            import pymorphy3_dicts_ru
        except ImportError:
            pass
        else:
            return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru", **options)
    return pymorphy3.MorphAnalyzer(**options)


def romance_keys(word: str, language: str) -> Keys:
    """Snowball stem without accents, of the word as written and without its accents (RÉFUGIÉS = REFUGIES)."""
    stemmer = _snowball(language)
    bare = strip_accents(word)
    light = bare.rstrip("sx") if len(bare) > 3 else bare
    for _ in range(2):
        light = light[:-1] if len(light) > 3 and light.endswith("e") else light
    return frozenset((strip_accents(stemmer.stemWord(word)), stemmer.stemWord(bare), light))


def russian_keys(word: str, backend: str | None = None) -> Keys:
    word = word.replace("ё", "е")
    if (backend or RUSSIAN_BACKEND) == "snowball":
        return frozenset((_snowball("russian").stemWord(word),))
    if not any("а" <= char <= "я" for char in word):
        return frozenset((word,))
    return frozenset(parse[2].replace("ё", "е") for parse in _morph().parse(word))  # (word, tag, normal form, ...)


def arabic_keys(word: str) -> Keys:
    """The word with and without its proclitics, article, attached pronoun and sound plural / dual ending (already
    normalised), and the singular of a broken plural: ودولها = دول = دولة, دولتان = دولة, ضحايا = ضحية."""
    forms = [word]
    if len(word) > 3 and word[0] in _ARABIC_CONJUNCTIONS:
        forms.append(word[1:])
    for form in list(forms):
        if form.startswith("لل") and len(form) > 3:
            forms.append("ال" + form[2:])  # ل + الدول
            forms.append("ال" + form[1:])  # ل + اللاجئين
        elif len(form) > 3 and form[0] in _ARABIC_PREPOSITIONS:
            forms.append(form[1:])
    for form in list(forms):
        if form.startswith("ال") and len(form) > 3:
            forms.append(form[2:])
    for form in list(forms):
        suffix = next((end for end in ARABIC_PRONOUN_SUFFIXES if form.endswith(end)), "")
        if suffix and len(form) - len(suffix) >= 3 and not form.startswith("ال"):
            forms.append(form[: -len(suffix)])  # دولها, ضحاياهم: a pronoun never follows the article
    for form in list(forms):
        if form.endswith(_ARABIC_SUFFIXES) and len(form) > 4:
            forms.append(form[:-2])
            if form[-3] == "ت":
                forms.append(form[:-3] + "ه")  # the dual of a feminine noun: دولتان, دولتين = دوله
        elif form.endswith(("و", "ي")) and len(form) > 4:
            forms.append(form[:-1])  # construct state: لاجئو, لاجئي
    forms.extend(ARABIC_BROKEN_PLURALS[form] for form in list(forms) if form in ARABIC_BROKEN_PLURALS)
    return frozenset(forms)


def _as_written(word: str) -> Keys:
    return frozenset((word,))


_TERM_KEYS: dict[str, Callable[[str], Keys]] = {
    "english": lambda word: frozenset((english_key(word),)),
    "russian": lambda word: russian_keys(word),
    "arabic": lambda word: arabic_keys(word),
}
"""Key functions by ``Language.term_keys`` (``snowball`` is built per language from its stemmer name)."""


# --- analysers ---------------------------------------------------------------------------------------


class Analyzer:
    """Turns a text into tokens with key sets, for one language; results per word are memoised."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._memo: dict[str, Keys | None] = {}
        self._by_key: dict[str, set[str]] = {}
        """Key -> the words seen so far that carry it (the memo inverted)."""
        self._skipped: set[str] = set()
        """The words seen so far whose key set is None (French and Spanish articles)."""
        self._patterns: dict[str, Pattern] = {}
        language_keys = self._key_function(lang)
        # A number is its own key in every language (no stemmer or analyser changes digits): skip the analysis.
        self._word_keys = lambda word: frozenset((word,)) if word.isdecimal() else language_keys(word)
        language = get_language(lang)
        self._regex = _WORD_ELIDED if language.elision else _WORD
        self._may_glue = language.has_case
        self._skips_words = bool(language.term_skip_words) or language.elision
        self._arabic = language.term_keys == "arabic"

    @staticmethod
    def _key_function(lang: str) -> Callable[[str], Keys | None]:
        """The key set of a word, by the language file's ``term_keys`` (None: a word the match skips)."""
        language = get_language(lang)
        keys = _TERM_KEYS.get(language.term_keys, _as_written)
        if language.term_keys == "snowball":
            stemmer = language.snowball_stemmer

            def keys(word: str) -> Keys:
                return romance_keys(word, stemmer)

        skip, elided = language.term_skip_words, language.elision
        if not skip and not elided:
            return keys
        return lambda word: None if word in skip or (elided and word.endswith(("'", "’"))) else keys(word)

    def normalize(self, text: str) -> str:
        text = fold(text)
        if self._arabic:
            text = normalize_arabic(text)
        return text

    def words(self, text: str) -> list[str] | None:
        """The normalised words of ``text`` in order (skipped words included), or None when the text has words
        glued by a lost footnote break (``hommeRésolution``): :meth:`scan` then splits them."""
        folded = self.normalize(text)
        if self._may_glue and len(folded) == len(text) and _GLUED.search(text) is not None:
            return None
        return self._regex.findall(folded)

    def offsets(self, text: str, vocabulary: Vocabulary | None = None) -> tuple[list[int], list[int]]:
        """Start and end offsets of the words of :meth:`scan` (in the normalised text), without their keys."""
        folded = self.normalize(text)
        if self._may_glue and len(folded) == len(text) and _GLUED.search(text) is not None:
            starts, ends, _ = self.scan(text, vocabulary)
            return starts, ends
        matches = list(self._regex.finditer(folded))
        if self._skips_words:  # French and Spanish articles
            keys_of = self.keys_of
            matches = [match for match in matches if keys_of(match.group()) is not None]
        return list(map(re.Match.start, matches)), list(map(re.Match.end, matches))

    def tokens(self, text: str) -> list[Token]:
        """The text's words with their key sets (skipped words such as French articles left out)."""
        starts, ends, keys = self.scan(text)
        return [Token(start, end, key) for start, end, key in zip(starts, ends, keys, strict=True)]

    def scan(self, text: str, vocabulary: Vocabulary | None = None) -> tuple[list[int], list[int], list[Keys]]:
        """Offsets and key sets of the words of ``text``, as three parallel lists.

        With a ``vocabulary`` (the keys of the terms to look for), keys outside it are dropped: a word that
        belongs to no term keeps its position (for contiguity) with an empty key set, and the look-up index
        stays small. This is the hot path of ``hexaglot check``.
        """
        memo = vocabulary.memo if vocabulary is not None else self._memo
        folded = self.normalize(text)
        starts: list[int] = []
        ends: list[int] = []
        keys: list[Keys] = []
        glued = self._may_glue and len(folded) == len(text) and _GLUED.search(text) is not None
        for match in self._regex.finditer(folded):
            start, end = match.span()
            pieces = _unglue(text, start, end) if glued and _GLUED.search(text, start, end) else ((start, end),)
            for begin, finish in pieces:
                word = folded[begin:finish] if glued else match.group()
                found = memo.get(word, _UNSEEN)
                if found is _UNSEEN:
                    found = self._remember(word, memo, vocabulary)
                if found is not None:
                    starts.append(begin)
                    ends.append(finish)
                    keys.append(found)
        return starts, ends, keys

    def scan_keys(self, text: str, vocabulary: Vocabulary | None = None) -> list[Keys]:
        """The key sets of :meth:`scan` without offsets."""
        words = self.words(text)
        if words is None:
            return self.scan(text, vocabulary)[2]
        memo = vocabulary.memo if vocabulary is not None else self._memo
        get = memo.get
        keys = [get(word, _UNSEEN) for word in words]
        if any(found is _UNSEEN for found in keys):
            keys = [
                self._remember(word, memo, vocabulary) if found is _UNSEEN else found
                for word, found in zip(words, keys, strict=True)
            ]
        return [found for found in keys if found is not None]

    def keys_of(self, word: str) -> Keys | None:
        """A normalised word's key set (None: a skipped word such as a French article), memoised."""
        found = self._memo.get(word, _UNSEEN)
        if found is _UNSEEN:
            found = self._learn(word)
        return found

    def _learn(self, word: str) -> Keys | None:
        found = self._word_keys(word)
        self._memo[word] = found
        if found is None:
            self._skipped.add(word)
        else:
            by_key = self._by_key
            for key in found:
                if key in by_key:
                    by_key[key].add(word)
                else:
                    by_key[key] = {word}
        return found

    def words_with(self, keys: Iterable[str], among: set[str]) -> set[str]:
        """The words of ``among`` that carry one of ``keys`` (words never seen are analysed first)."""
        unseen = among.difference(self._memo)  # a dict operand: one look-up per word, in C
        for word in unseen:
            self._learn(word)
        found: set[str] = set()
        by_key = self._by_key
        for key in keys:
            words = by_key.get(key)
            if words:
                found |= words & among
        return found

    def _remember(self, word: str, memo: dict, vocabulary: Vocabulary | None) -> Keys | None:
        found = self.keys_of(word)
        if vocabulary is not None:
            found = vocabulary.remember(word, found)
        return found

    def pattern(self, term: str) -> Pattern:
        """A term as a sequence of key sets (memoised)."""
        found = self._patterns.get(term)
        if found is None:
            found = tuple(self.scan(term)[2])
            self._patterns[term] = found
        return found


class Vocabulary:
    """The keys of a set of terms in one language, with a per-word memo of the keys that matter.

    ``relevant`` holds the words seen so far that carry one of those keys and ``skipped`` the words the
    analyser skips (French and Spanish articles): with them a text that holds no term word is recognised
    by set operations on its words, without a look-up per word.
    """

    def __init__(self, analyzer: Analyzer, terms: Iterable[str]) -> None:
        self.analyzer = analyzer
        self.keys: frozenset[str] = frozenset(key for term in terms for keys in analyzer.pattern(term) for key in keys)
        self.memo: dict[str, Keys | None] = {}
        self.relevant: set[str] = set()
        self.skipped: set[str] = set()

    def remember(self, word: str, found: Keys | None) -> Keys | None:
        """Record a word's key set (``found``, from the analyser), keeping only this vocabulary's keys."""
        if found is None:
            self.skipped.add(word)
        else:
            found = found & self.keys
            if found:
                self.relevant.add(word)
        self.memo[word] = found
        return found

    def learn(self, words: Iterable[str]) -> None:
        """Analyse the words not seen yet (each word once per process)."""
        keys_of, remember = self.analyzer.keys_of, self.remember
        for word in words:
            remember(word, keys_of(word))


class AnalyzedText:
    """A target text ready for repeated term look-ups.

    With ``only`` (a set of keys), just the words that carry one of those keys are indexed: look-ups are
    then right only for terms whose keys are all in ``only`` (``Glossary.check_target`` passes the keys of
    the concepts found in the source, so that a text is indexed for a handful of terms, not the glossary).
    """

    def __init__(
        self, analyzer: Analyzer, text: str, vocabulary: Vocabulary | None = None, only: frozenset[str] | None = None
    ) -> None:
        self.analyzer = analyzer
        self.text = text
        self.chinese = not get_language(analyzer.lang).uses_spaces
        if self.chinese:
            self.flat = chinese_normalize(text)
            return
        self._vocabulary = vocabulary
        self._offsets: tuple[list[int], list[int]] | None = None
        self.size = 0
        """The number of words (skipped words such as French articles left out)."""
        self.index: dict[str, list[int]] = {}
        """Key -> the positions of the words that carry it."""
        self._keys_at: dict[int, Keys] = {}
        """Position -> key set, for the words with a non-empty one (the others match no term word)."""
        words = analyzer.words(text) if vocabulary is not None or only is not None else None
        if words is None:
            self._index_keys(analyzer.scan_keys(text, vocabulary), only)
        elif only is not None:
            self._index_hot_words(words, only)
        else:
            self._index_words(words, vocabulary)

    def _index_keys(self, keys: list[Keys], only: frozenset[str] | None = None) -> None:
        self.size = len(keys)
        for position, found in enumerate(keys):
            if found and (only is None or not found.isdisjoint(only)):
                self._add(position, found)

    def _index_hot_words(self, words: list[str], only: frozenset[str]) -> None:
        """Index the words that carry a key of ``only``; every step over all the words runs in C."""
        analyzer = self.analyzer
        distinct = set(words)
        hot = analyzer.words_with(only, distinct)
        skipped = analyzer._skipped
        if not distinct.isdisjoint(skipped):
            words = list(itertools.filterfalse(skipped.__contains__, words))
        self.size = len(words)
        if hot:
            memo = analyzer._memo
            for position in itertools.compress(itertools.count(), map(hot.__contains__, words)):
                self._add(position, memo[words[position]])

    def _add(self, position: int, found: Keys) -> None:
        self._keys_at[position] = found
        index = self.index
        for key in found:
            if key in index:
                index[key].append(position)
            else:
                index[key] = [position]

    def _index_words(self, words: list[str], vocabulary: Vocabulary) -> None:
        """Index the words that carry a vocabulary key; every step over all the words runs in C.

        Words never seen are analysed once (set difference with the memo); a text without any word of the
        vocabulary (most texts, against the few concepts of a segment) is done after two set operations.
        """
        distinct = set(words)
        unseen = distinct.difference(vocabulary.memo)  # a dict operand: one look-up per word, in C
        if unseen:
            vocabulary.learn(unseen)
        skipped = vocabulary.skipped
        if not distinct.isdisjoint(skipped):
            words = list(itertools.filterfalse(skipped.__contains__, words))
        self.size = len(words)
        relevant = vocabulary.relevant
        if distinct.isdisjoint(relevant):
            return
        memo = vocabulary.memo
        for position in itertools.compress(itertools.count(), map(relevant.__contains__, words)):
            self._add(position, memo[words[position]])

    @property
    def empty(self) -> bool:
        """True when no word of the text matches any term looked for (never for Chinese, matched on characters)."""
        return not self.chinese and not self.index

    @property
    def keys(self) -> list[Keys]:
        """The key set of every word, in order (empty for words that belong to no looked-for term)."""
        found = self._keys_at
        return [found.get(position, _NO_KEYS) for position in range(self.size)]

    @property
    def starts(self) -> list[int]:
        return self._spans()[0]

    @property
    def ends(self) -> list[int]:
        return self._spans()[1]

    def _spans(self) -> tuple[list[int], list[int]]:
        """Token offsets, computed only when a span is asked for (the check itself needs none)."""
        if self._offsets is None:
            self._offsets = self.analyzer.offsets(self.text, self._vocabulary)
        return self._offsets

    def find(self, term: str) -> list[TermSpan]:
        """Every occurrence of ``term`` (character offsets are in the normalised text)."""
        if self.chinese:
            needle = _chinese_needle(term)
            spans, start = [], self.flat.find(needle) if needle else -1
            while start >= 0:
                spans.append(TermSpan(start, start + len(needle), start, start + len(needle) - 1))
                start = self.flat.find(needle, start + 1)
            return spans
        pattern = self.analyzer.pattern(term)
        if not pattern:
            return []
        size = len(pattern)
        return [
            TermSpan(self.starts[first], self.ends[first + size - 1], first, first + size - 1)
            for first in self._candidates(pattern)
            if self._at(first, pattern)
        ]

    def contains(self, term: str, gap: int = 0) -> bool:
        """Whether ``term`` occurs; ``gap`` words may stand between its words (mariage précoce ou forcé)."""
        if self.chinese:
            needle = _chinese_needle(term)
            return bool(needle) and needle in self.flat
        pattern = self.analyzer.pattern(term)
        if not pattern:
            return False
        if len(pattern) == 1:
            return any(key in self.index for key in pattern[0])
        if gap == 0:
            return any(self._at(first, pattern) for first in self._candidates(pattern))
        return any(self._gapped(first, pattern, gap) for first in self._candidates(pattern))

    def _candidates(self, pattern: Pattern) -> list[int]:
        index = self.index
        lists = [index[key] for key in pattern[0] if key in index]
        if len(lists) == 1:
            return lists[0]
        return sorted({position for positions in lists for position in positions})

    def _at(self, first: int, pattern: Pattern) -> bool:
        if first + len(pattern) > self.size:
            return False
        get = self._keys_at.get
        for offset in range(1, len(pattern)):
            found = get(first + offset)
            if found is None or found.isdisjoint(pattern[offset]):
                return False
        return True

    def _gapped(self, first: int, pattern: Pattern, gap: int) -> bool:
        get, position, size = self._keys_at.get, first, self.size
        for wanted in pattern[1:]:
            for candidate in range(position + 1, min(position + 2 + gap, size)):
                found = get(candidate)
                if found is not None and not found.isdisjoint(wanted):
                    position = candidate
                    break
            else:
                return False
        return True


def _unglue(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a word where a lower-case letter meets an upper-case one: a footnote glued to the previous word
    (``hommeRésolution 217 A``, ``человекаРезолюция``) in text extracted from UN documents."""
    cuts = [match.start() + 1 for match in _GLUED.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    return list(itertools.pairwise(bounds))


@cache
def _chinese_needle(term: str) -> str:
    return chinese_normalize(term)


def chinese_normalize(text: str) -> str:
    return _SPACES.sub("", fold(text))


@cache
def analyzer_for(lang: str) -> Analyzer:
    """The shared analyser of a language (its per-word memo is kept for the process)."""
    return Analyzer(lang)
