"""Finding concepts from a few letters or an inflected word, for ``hexaglot glossary lookup``.

:meth:`Glossary.lookup` finds the concepts whose whole terms occur in a text. A person looking something up types
less: ``traffick``, ``victims``, ``smuggled``, ``États membres``. :func:`search_concepts` adds the concepts with a
term (any language) in which every word of the query is the beginning of a word of the term (accents and case
folded) or has the same Snowball stem (``victims`` = ``victim``, ``trafficked`` = ``trafficking``); Chinese by
substring. Whole-term hits come first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from translate.lang import get_language
from translate.termbase import Concept

_STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
_WORD = re.compile(r"\w+", re.UNICODE)
MIN_PREFIX = 3
"""A query word shorter than this matches only whole words (``of`` is no prefix of ``offence``)."""


def fold(text: str) -> str:
    """Case and accents folded (``États`` -> ``etats``); Arabic diacritics dropped with the other marks."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=8)
def _stemmer(lang: str):  # type: ignore[no-untyped-def]
    import snowballstemmer

    name = _STEMMERS.get(lang)
    return snowballstemmer.stemmer(name) if name else None


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _stem(word: str, lang: str) -> str:
    stemmer = _stemmer(lang)
    return stemmer.stemWord(word) if stemmer is not None else word


def _matches(query_words: list[str], term: str, lang: str) -> bool:
    if not get_language(lang).uses_spaces:
        return all(word in fold(term) for word in query_words)
    words = _words(term)
    stems = {_stem(word, lang) for word in words}
    for query in query_words:
        if _stem(query, lang) in stems:
            continue
        if len(query) >= MIN_PREFIX and any(word.startswith(query) for word in words):
            continue
        return False
    return True


def search_concepts(glossary, text: str) -> list[Concept]:  # type: ignore[no-untyped-def]
    """Concepts for ``text``: its whole-term hits (:meth:`Glossary.lookup`), then partial and inflected matches."""
    found = list(glossary.lookup(text))
    query_words = _words(text)
    if not query_words:
        return found
    for concept in glossary:
        if concept in found:
            continue
        for lang, terms in concept.terms.items():
            if any(_matches(query_words, term, lang) for term in (*terms.accepted, *terms.forbidden)):
                found.append(concept)
                break
    return found
