"""The fuzzy-match score: 0-100 on tokens, 100 only for identical text, 101 for a context match.

Tokens: English (and French, Spanish, Russian, Arabic) with the sacremoses tokenizer (its rules are applied to
each whitespace-separated chunk, memoised, so a million units tokenize in seconds); Chinese by character
(runs of Latin letters and digits stay one token). For the score, tokens are NFKC-normalised and
case-folded, punctuation-only tokens, inline-markup placeholders and footnote markers (``[^3]``) are dropped:

    base  = 100 × (1 − token edit distance / length of the longer token list), rounded down

then:

* the normalised tokens are identical (base 100): 1 point off for each kind of formatting difference
  (case or full/half width, punctuation, whitespace, inline markup), 2 at most, so such matches score 99-98
  and only byte-identical text scores 100;
* the tokens differ: each number that is not in both texts costs 1 more point (5 at most) on top of the
  token edit, and the differing numbers are reported (``numbers``);
* a 100 whose previous and next source segments are also the same (a context match) scores 101.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from rapidfuzz.distance import Levenshtein

from translate.formats.inline import TAG as INLINE_TAG
from translate.formats.tmx import PLACEHOLDER
from translate.lang import Language, get_language
from translate.patterns import CJK, FOOTNOTE_MARKER

CONTEXT_SCORE = 101
EXACT_SCORE = 100
MAX_FORMAT_PENALTY = 2
MAX_NUMBER_PENALTY = 5
_ZH_TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}]+|[^\w\s]")
_NUMBER = re.compile(r"^[+-]?\d[\d.,\u00a0\u202f]*\d$|^\d$")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8)
def _moses(lang: str):
    from sacremoses import MosesTokenizer

    return MosesTokenizer(lang=_language(lang).moses_code if _language(lang) else "en")


@lru_cache(maxsize=64)
def _language(lang: str) -> Language | None:
    """The language file of a TM language code (None: one hexaglot has no file for)."""
    try:
        return get_language(lang)
    except KeyError:
        return None


def _by_character(lang: str) -> bool:
    """Written without spaces (zh): tokens are characters."""
    language = _language(lang)
    return language is not None and not language.uses_spaces


_LEADING = frozenset('(["“‘[{¿¡«')
_TRAILING = frozenset(',;:!?)]}"”»')


@lru_cache(maxsize=500_000)
def _chunk_tokens(chunk: str, lang: str) -> tuple[str, ...]:
    """sacremoses' tokens of one whitespace-separated chunk.

    A word wrapped in brackets, quotes, commas and the like is split directly (sacremoses does the same);
    anything else (a final full stop that may be an abbreviation, apostrophes, numbers) goes to sacremoses.
    """
    start, end = 0, len(chunk)
    while start < end and chunk[start] in _LEADING:
        start += 1
    while end > start and chunk[end - 1] in _TRAILING:
        end -= 1
    core = chunk[start:end]
    if core.isalnum():
        return (*chunk[:start], core, *chunk[end:])
    return tuple(_moses(lang).tokenize(chunk, escape=False))


def tokenize(text: str, lang: str = "en") -> list[str]:
    """Word tokens of ``text`` (punctuation tokens included); Chinese by character."""
    if _by_character(lang):
        return _ZH_TOKEN.findall(text)
    tokens: list[str] = []
    for chunk in text.split():
        if chunk.isalnum():
            tokens.append(chunk)
        else:
            tokens.extend(_chunk_tokens(chunk, lang))
    return tokens


def _is_punctuation(token: str) -> bool:
    return all(unicodedata.category(char)[0] == "P" for char in token)


@lru_cache(maxsize=500_000)
def _normal_token(token: str) -> str:
    """NFKC + casefold; "" for a punctuation-only token."""
    if _is_punctuation(token):
        return ""
    return unicodedata.normalize("NFKC", token).casefold()


def strip_placeholders(text: str) -> str:
    """Text without inline-markup placeholders (TMX ``{bpt1}``, ``{/hi2}``; segment ``<1>``, ``</1>``) and footnote
    markers (``[^3]``)."""
    if "{" in text:
        text = PLACEHOLDER.sub(" ", text)
    if "<" in text:
        text = INLINE_TAG.sub("", text)
    if "[^" in text:
        text = FOOTNOTE_MARKER.sub(" ", text)
    return text


class _ChunkTokens(dict):
    """Chunk -> its normalised match tokens, computed on first sight (a dict: lookups stay in C)."""

    limit = 2_000_000

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= self.limit:
            self.clear()
        normal = (_normal_token(token) for token in _chunk_tokens(chunk, self.lang))
        value = tuple(token for token in normal if token)
        self[chunk] = value
        return value


_CHUNK_CACHES: dict[str, _ChunkTokens] = {}


def match_tokens(text: str, lang: str = "en") -> list[str]:
    """The tokens the score compares: normalised, without punctuation and placeholders."""
    if "{" in text or "[^" in text or "<" in text:
        text = strip_placeholders(text)
    if _by_character(lang):
        normal = (_normal_token(token) for token in _ZH_TOKEN.findall(text))
        return [token for token in normal if token]
    cache = _CHUNK_CACHES.get(lang)
    if cache is None:
        cache = _CHUNK_CACHES.setdefault(lang, _ChunkTokens(lang))
    return list(chain.from_iterable(map(cache.__getitem__, text.split())))


def numbers_of(tokens: list[str]) -> list[str]:
    return [token for token in tokens if _NUMBER.match(token)]


@dataclass
class ScoreDetail:
    """A score and why it is not higher."""

    score: int
    base: float
    """100 × token similarity before penalties (unrounded): the tie-breaker."""
    penalties: list[str] = field(default_factory=list)
    numbers: dict[str, list[str]] | None = None
    """Numbers only in the query (``query``) and only in the match (``match``), when they differ."""
    context: bool = False


def base_similarity(query_tokens: list[str], unit_tokens: list[str]) -> float:
    """100 × (1 − edit distance / longer length) on token lists."""
    if not query_tokens and not unit_tokens:
        return 100.0
    return 100.0 * Levenshtein.normalized_similarity(query_tokens, unit_tokens)


def format_penalties(query: str, unit: str, lang: str = "en") -> list[str]:
    """Kinds of formatting difference between two texts whose normalised tokens are the same."""
    found: list[str] = []
    query_plain, unit_plain = strip_placeholders(query), strip_placeholders(unit)
    if _markup(query) != _markup(unit):
        found.append("markup")
    query_tokens, unit_tokens = tokenize(query_plain, lang), tokenize(unit_plain, lang)
    if [t for t in query_tokens if _is_punctuation(t)] != [t for t in unit_tokens if _is_punctuation(t)]:
        found.append("punctuation")
    query_words = [t for t in query_tokens if not _is_punctuation(t)]
    unit_words = [t for t in unit_tokens if not _is_punctuation(t)]
    comparable = not found
    if query_words != unit_words:
        found.append("case")
    if comparable and _spacing(query_plain, lang) != _spacing(unit_plain, lang):
        found.append("whitespace")
    return found


def _markup(text: str) -> list[str]:
    inline = [match.group(0) for match in INLINE_TAG.finditer(text)] if "<" in text else []
    return PLACEHOLDER.findall(text) + [match.group() for match in FOOTNOTE_MARKER.finditer(text)] + inline


def _spacing(text: str, lang: str) -> tuple[list[bool], list[str]]:
    """Which tokens start a whitespace-separated chunk, and the whitespace runs themselves."""
    starts: list[bool] = []
    for chunk in text.split():
        count = len(tokenize(chunk, lang))
        starts.extend([True] + [False] * (count - 1))
    return starts, _SPACE.findall(text)


def finish_score(
    query: str,
    unit: str,
    query_tokens: list[str],
    unit_tokens: list[str],
    base: float,
    lang: str = "en",
) -> ScoreDetail:
    """The final score from the base similarity (see the module docstring)."""
    if query == unit:
        return ScoreDetail(EXACT_SCORE, 100.0)
    if query_tokens == unit_tokens:
        penalties = format_penalties(query, unit, lang) or ["form"]
        return ScoreDetail(EXACT_SCORE - min(len(penalties), MAX_FORMAT_PENALTY), 100.0, penalties)
    rounded = min(math.floor(base + 1e-9), EXACT_SCORE - 1)
    query_numbers, unit_numbers = Counter(numbers_of(query_tokens)), Counter(numbers_of(unit_tokens))
    if query_numbers == unit_numbers:
        return ScoreDetail(max(rounded, 0), base)
    only_query = sorted((query_numbers - unit_numbers).elements())
    only_unit = sorted((unit_numbers - query_numbers).elements())
    penalty = min(max(len(only_query), len(only_unit)), MAX_NUMBER_PENALTY)
    return ScoreDetail(
        max(rounded - penalty, 0),
        base,
        [f"numbers -{penalty}"],
        {"query": only_query, "match": only_unit},
    )


def score(query: str, unit: str, lang: str = "en") -> ScoreDetail:
    """Score ``unit`` (a memory's source text) as a match for ``query``; both in language ``lang``."""
    query_tokens, unit_tokens = match_tokens(query, lang), match_tokens(unit, lang)
    return finish_score(query, unit, query_tokens, unit_tokens, base_similarity(query_tokens, unit_tokens), lang)


def in_context_score(score: int, wanted_context: int, context: int) -> tuple[int, bool]:
    """An exact match whose context hash equals the wanted one (non-zero) scores :data:`CONTEXT_SCORE`.

    Returns the final score and whether the match is a context match; the local index and the database memory
    both apply this one rule."""
    in_context = score == EXACT_SCORE and wanted_context != 0 and context == wanted_context
    return (CONTEXT_SCORE if in_context else score), in_context


def context_key(previous: str | None, following: str | None) -> str | None:
    """What a context match compares: the previous and next source segments, whitespace collapsed."""
    if previous is None and following is None:
        return None
    return _SPACE.sub(" ", (previous or "").strip()) + "\x1f" + _SPACE.sub(" ", (following or "").strip())
