"""Sentence segmentation by language rules.

A full stop ends a sentence only where a reader would say so. It does not after an abbreviation of the
language (e.g., i.e., No., para., Mr., U.N.), an initial (J. Smith), a paragraph number at the start
("1.", "IV."), inside a number (30.5, 1.250,5) or a UN document symbol (E/CN.15/2013/L.5), or before a
lower-case word. A footnote marker ``[^3]`` or a closing quote or bracket after the full stop stays with
the sentence it closes. Chinese ends sentences at 。！？ with no space after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translate.lang import get_language
from translate.lang.base import Language
from translate.patterns import FOOTNOTE_PATTERN

_LABEL = r"""
        \d{1,3}/\d{1,4}\.               # 55/100.  (a resolution's number before its title)
      | \d{1,3}(?:\.\d{1,3})*\.          # 1.  12.  3.1.
      | \((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)   # (a) (iv) (3)
      | [a-z]\)                          # a)
      | [IVXLC]{1,6}\.                   # IV.
      | [A-H]\.                          # A. to H.: section letters
"""
PARAGRAPH_LABEL = re.compile(rf"^\s*({_LABEL})\s+(?=\S)", re.VERBOSE)
"""A paragraph's own number or list label at its start: "12. ", "(a) ", "(iv) ", "IV. ", "B. ", "55/100. "."""
_LABEL_ONLY = re.compile(r"\s*(?:\d{1,3}/\d{1,4}|\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-H])")
"""The text before a full stop is only a paragraph label (without its full stop)."""
_LABEL_MAX = 12
"""No label is longer than this: longer text before a full stop is never tested against ``_LABEL_ONLY``."""

_CLOSERS = "\"'”’»)]}"
_FOOTNOTE = f"(?:{FOOTNOTE_PATTERN})"
_END = re.compile(
    rf"""(?P<end>
        (?:\.\.\.|…|[.!?])          # the sentence-final mark
        [{re.escape(_CLOSERS)}]*    # closing quotes and brackets
        {_FOOTNOTE}*                # footnote markers
        [{re.escape(_CLOSERS)}]*
    )
    (?P<space>\s+)
    (?=(?P<next>\S))""",
    re.VERBOSE,
)
_CJK_END = re.compile(rf"(?P<end>[。！？!?][”’」』）)]*{_FOOTNOTE}*)(?P<space>\s*)(?=(?P<next>\S))")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_OPENERS = "\"'“‘«([¿¡"


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def split_label(text: str) -> tuple[str, str]:
    """Separate a paragraph number or list label from the text: ``"12. The ..."`` -> ``("12.", "The ...")``."""
    match = PARAGRAPH_LABEL.match(text)
    if not match:
        return "", text.strip()
    return match.group(1), text[match.end() :].strip()


def split_sentences(text: str, lang: str = "en") -> list[str]:
    """The sentences of one paragraph, whitespace at their edges removed."""
    return [sentence.text for sentence in sentence_spans(text, lang)]


def sentence_spans(text: str, lang: str = "en") -> list[Sentence]:
    """Sentences with their character offsets in ``text``."""
    language = get_language(lang)
    pattern = _END if language.uses_spaces else _CJK_END
    sentences: list[Sentence] = []
    start = _skip_space(text, 0)
    for match in pattern.finditer(text):
        cut = match.end("end")
        if cut <= start or not _is_boundary(text, start, match, language):
            continue
        sentences.append(Sentence(text[start:cut].strip(), start, cut))
        start = _skip_space(text, match.end())
    if start < len(text) and text[start:].strip():
        sentences.append(Sentence(text[start:].strip(), start, len(text.rstrip())))
    return sentences


def join_sentences(sentences: list[str], lang: str) -> str:
    """Put translated sentences back into one paragraph: a space between them, none in Chinese."""
    language = get_language(lang)
    separator = " " if language.uses_spaces else ""
    return separator.join(part.strip() for part in sentences if part.strip())


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _is_boundary(text: str, start: int, match: re.Match[str], language: Language) -> bool:
    """Decide whether the candidate at ``match`` really ends a sentence.

    Looks back only at the word before the mark (and the word before that): linear in the paragraph's length
    however many abbreviations it holds."""
    following = match.group("next")
    if not language.uses_spaces:
        return True
    mark_position = match.start("end")
    mark = text[mark_position]
    caseless = following.isalpha() and following.lower() == following.upper()  # Arabic: no capitals to wait for
    if not (following.isupper() or caseless or following.isdigit() or following in _OPENERS or not following.isalpha()):
        return False  # "... approx. three", "e.g. in"
    if following == "[" and text.startswith("[^", match.end()):
        return False  # a footnote marker after a space belongs to the sentence before
    if mark != ".":
        return True
    word_start = _word_start(text, start, mark_position)
    word = text[word_start:mark_position]
    if not word:
        return True
    if mark_position - start <= _LABEL_MAX and _LABEL_ONLY.fullmatch(text, start, mark_position):
        return False  # "1. The", "IV. Findings", "55/100. Respect"
    bare = word.strip("'’").lower()
    previous = _previous_word(text, start, word_start).lower()
    if f"{previous} {bare}" in _NEVER_END:
        return False  # "et al. The"
    if bare in _TIME_ABBREVIATIONS or bare in _REFERENCE_END:
        return following.isupper()  # "at 10.30 a.m. The", "Ibid. The"
    if bare in language.abbreviations or bare.rstrip(".") in language.abbreviations:
        return _abbreviation_may_end(bare, following)
    if _is_reference_number(word) and _unelided(previous.rstrip(".")) in language.reference_words:
        return following.isupper()  # "vol. I. Contributions", "annex I. The", "sect. B. The", "Part A. The"
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith"
    # "U.N", "e.g": dotted letters are an abbreviation, not the end of a sentence.
    return not re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)


_WORD_CHARS = frozenset(".'’-")


def _word_start(text: str, start: int, end: int) -> int:
    """Where the word that ends at ``end`` begins (letters, digits, dots, apostrophes, hyphens), not before
    ``start``: a backward scan over that word only."""
    position = end
    while position > start and (
        text[position - 1].isalnum() or text[position - 1] == "_" or text[position - 1] in _WORD_CHARS
    ):
        position -= 1
    return position


def _previous_word(text: str, start: int, end: int) -> str:
    """The word before position ``end`` (spaces skipped), not before ``start``."""
    position = end
    while position > start and text[position - 1].isspace():
        position -= 1
    return text[_word_start(text, start, position) : position]


def _unelided(word: str) -> str:
    """A word without an elided article: l’annexe -> annexe."""
    return re.split("['’]", word)[-1]


def _is_reference_number(word: str) -> bool:
    """A single capital letter or a Roman numeral: the number of a volume, annex, chapter, section or figure."""
    return (len(word) == 1 and "A" <= word <= "Z") or re.fullmatch(r"[IVXLC]{1,7}", word) is not None


_TIME_ABBREVIATIONS = frozenset({"a.m", "p.m"})
"""a.m. and p.m. end a sentence when a capitalised word follows ("at 10.30 a.m. The President")."""
_REFERENCE_END = frozenset({"ibid", "id", "idem"})
_NEVER_END = frozenset({"et al", "op. cit"})
"""Two-word abbreviations that never end a sentence ("et al. The authors" is one sentence in citations)."""
_MAY_END = frozenset({"etc", "annex", "add", "rev", "corr", "suppl", "amend", "inc", "ltd", "co", "corp"})


def _abbreviation_may_end(abbreviation: str, following: str) -> bool:
    """Abbreviations such as "etc." can end a sentence when a capitalised word follows; "No." never does."""
    return abbreviation.rstrip(".") in _MAY_END and following.isupper()
