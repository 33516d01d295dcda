"""Word evidence for alignment, with no dictionary to ship: cognates, and a lexicon learned from the pair itself.

* **Cognates.** French, Spanish and (transliterated) Russian share many word stems with English in UN prose
  (policies / politiques / políticas / политики, institutions, migration, climate / climatiques / климата).
  A word's first five letters, folded (accents off, Cyrillic transliterated, c/k and ph/f merged), is a key
  that both sides can share.
* **A lexicon learned from the document pair** (the idea of hunalign's second pass): after a first alignment,
  the confident 1:1 links are counted for co-occurring English words and target keys, and pairs with a high
  Dice coefficient become translation keys of the English word. Chinese keys are character bigrams; Arabic keys
  are words without the article and the one-letter clitics (و ب ل ك ف).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from translate.lang import get_language
from translate.patterns import HAN

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HAN = re.compile(f"[{HAN}]+")
COGNATE_SCRIPTS = frozenset({"Latn", "Cyrl"})
STEM = 5
ENGLISH_STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "which",
        "their",
        "have",
        "been",
        "were",
        "will",
        "shall",
        "other",
        "into",
        "such",
        "these",
        "those",
        "also",
        "than",
        "more",
        "most",
        "them",
        "they",
        "there",
        "where",
        "when",
        "what",
        "while",
        "within",
        "without",
        "upon",
        "about",
        "between",
    ]
)


@lru_cache(maxsize=65536)
def _fold_latin(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.replace("ph", "f").replace("c", "k").replace("qu", "k").replace("y", "i")


def cognate_keys(text: str, lang: str) -> frozenset[str]:
    """Folded five-letter stems of the longer words of ``text`` (languages in Latin or Cyrillic script: English,
    French, Spanish, Russian)."""
    script = get_language(lang).script
    if script not in COGNATE_SCRIPTS:
        return frozenset()
    keys = set()
    for word in _WORD.findall(text):
        if len(word) < 5:
            continue
        lowered = word.casefold()
        if lang == "en" and lowered in ENGLISH_STOPWORDS:
            continue
        folded = _fold_latin(lowered.translate(_latin_letters(lang)))
        keys.add("c:" + folded[:STEM])
    return frozenset(keys)


@lru_cache(maxsize=8)
def _latin_letters(lang: str) -> dict[int, str]:
    """The language file's transliteration into Latin letters (ru), as a ``str.translate`` table."""
    return str.maketrans(dict(get_language(lang).latin_transliteration))


def _stems(lang: str) -> bool:
    return bool(get_language(lang).snowball_stemmer)


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(get_language(lang).snowball_stemmer)


@lru_cache(maxsize=131072)
def stem(word: str, lang: str) -> str:
    """A word's Snowball stem (English, French, Spanish, Russian), so that inflected forms share one key."""
    return _stemmer(lang).stemWord(word)


def english_words(text: str, stemmed: bool = False) -> list[str]:
    """The English content words of ``text``, lower case; ``stemmed``: as Snowball stems (victims = victim)."""
    words = [word for word in (w.casefold() for w in _WORD.findall(text)) if len(word) > 2]
    return [stem(word, "en") if stemmed else word for word in words if word not in ENGLISH_STOPWORDS]


def target_keys(text: str, lang: str) -> frozenset[str]:
    """The keys a learned lexicon maps English words to: words (Arabic without clitics), Chinese bigrams."""
    script = get_language(lang).script
    if script == "Hans":
        keys = set()
        for run in _HAN.findall(text):
            keys.update("l:" + run[n : n + 2] for n in range(len(run) - 1))
            if len(run) == 1:
                keys.add("l:" + run)
        return frozenset(keys)
    keys = set()
    key_word = get_language(lang).alignment_key
    for word in _WORD.findall(text):
        word = word.casefold()
        if key_word is not None:
            word = key_word(word)
        elif _stems(lang):
            word = stem(word, lang)
        if len(word) > 2:
            keys.add("l:" + word)
    return frozenset(keys)


class Lexicon:
    """English word -> target keys, learned from sentence pairs by the Dice coefficient."""

    def __init__(self, translations: dict[str, tuple[str, ...]], stemmed: bool = False) -> None:
        self.translations = translations
        self.stemmed = stemmed
        """English words as stems: where the target words are stemmed too (French, Spanish, Russian)."""

    def __len__(self) -> int:
        return len(self.translations)

    @classmethod
    def learn(
        cls,
        pairs: Iterable[tuple[str, str]],
        lang: str,
        min_count: int = 2,
        min_dice: float = 0.3,
        per_word: int = 3,
    ) -> Lexicon:
        english_count: Counter[str] = Counter()
        target_count: Counter[str] = Counter()
        together: Counter[tuple[str, str]] = Counter()
        stemmed = _stems(lang)
        for english, target in pairs:
            words = set(english_words(english, stemmed))
            keys = target_keys(target, lang)
            english_count.update(words)
            target_count.update(keys)
            together.update((word, key) for word in words for key in keys)
        candidates: dict[str, list[tuple[float, str]]] = {}
        for (word, key), count in together.items():
            if count < min_count:
                continue
            dice = 2 * count / (english_count[word] + target_count[key])
            if dice >= min_dice:
                candidates.setdefault(word, []).append((dice, key))
        return cls(
            {
                word: tuple(key for _, key in sorted(found, reverse=True)[:per_word])
                for word, found in candidates.items()
            },
            stemmed,
        )

    def english_keys(self, text: str) -> frozenset[str]:
        """The target keys that translate the words of an English text."""
        return frozenset(key for word in english_words(text, self.stemmed) for key in self.translations.get(word, ()))


def overlap(english: frozenset[str], target: frozenset[str]) -> float:
    """Shared keys relative to the smaller side's keys (0..1); 0 when either side has none."""
    if not english or not target:
        return 0.0
    return len(english & target) / math.sqrt(len(english) * len(target))
