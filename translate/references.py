"""References are identifiers, not decimals: target 16.2, indicator 16.2.2, paragraph 5.3, table 4.1.

UN prose cites SDG targets and indicators, paragraphs, sections, tables, figures, chapters and annexes by dotted
numbers. Such a number is a name: it is written the same in every language (``meta 16.2``, never ``16,2``).
A dotted number is a reference where it follows a reference word of its language (``Language.dotted_reference_
words``; a list such as ``targets 16.2 and 16.3`` counts whole), where a word after it makes it one (zh
``第5.3段``: ``Language.dotted_reference_after``), or where it has the shape of an SDG code with a letter
(``7.b.1``, ``16.a``). MT protects it as written (:mod:`translate.mt.protect`) and the QA ``numbers`` check
compares it verbatim (:mod:`translate.qa.numbers.tokens`).
"""

from __future__ import annotations

import re
from functools import cache

from translate.lang import get_language

DOTTED = r"\d{1,3}(?:\.(?:\d{1,3}|[a-z]))+(?![\d])"
"""A dotted reference number: 16.2, 16.2.2, 7.b.1, 5.3 (not 1,250.5: a comma is not part of one)."""
SDG_CODE = re.compile(r"(?<![\w.,])\d{1,2}\.[a-z](?:\.\d{1,2})?(?![\w])")
LIST_WORDS = r"and|or|to|et|ou|à|y|o|a|и|или|до"
JOINERS = rf"(?:\s*(?:,|/|–|-|—|\b(?:{LIST_WORDS})\b|和|或|至|及|、|و|أو|إلى)\s*)"
"""What joins the numbers of a list after one reference word: targets 16.2 and 16.3, párrafos 5.3 a 5.7."""
SPACE = r"[ \u00a0\u202f]*"


@cache
def _patterns(code: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    language = get_language(code)
    before = after = None
    if language.dotted_reference_words:
        lead = r"(?<!\w)" if language.uses_spaces else ""
        before = re.compile(
            rf"{lead}(?:{language.dotted_reference_words})\.?{SPACE}(?:No\.?{SPACE}|n[°º]{SPACE}|№{SPACE})?"
            rf"(?P<run>(?<![\d.,]){DOTTED}(?:{JOINERS}(?<![\d.,]){DOTTED})*)",
            re.IGNORECASE,
        )
    if language.dotted_reference_after:
        after = re.compile(rf"(?<![\d.,])(?P<number>{DOTTED}){SPACE}(?:{language.dotted_reference_after})")
    return before, after


def dotted_references(text: str, code: str) -> list[tuple[int, int]]:
    """(start, end) of every reference number in ``text`` (language ``code``), in order, not overlapping."""
    before, after = _patterns(code)
    found: set[tuple[int, int]] = set()
    number = re.compile(DOTTED)
    if before is not None:
        for match in before.finditer(text):
            run_start = match.start("run")
            for inner in number.finditer(match.group("run")):
                found.add((run_start + inner.start(), run_start + inner.end()))
    if after is not None:
        for match in after.finditer(text):
            found.add(match.span("number"))
    for match in SDG_CODE.finditer(text):
        found.add(match.span())
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def reference_value(text: str) -> int:
    """A number standing for the reference as written, never a value digits can have: equal only when the
    references are written the same (16.2 = 16.2, but 16.2 != 16,2 and 16.2 != 16.20)."""
    digest = 0
    for character in text:
        digest = (digest * 131 + ord(character)) % (10**15)
    return -(3 * 10**15 + digest)
