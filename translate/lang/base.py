"""What every language module declares: script, direction, plural rules, punctuation and number format.

A language is one file in ``translate/lang/`` that defines ``LANGUAGE = Language(...)`` and may add
functions of its own (normalisation, morphology). Adding a language means adding one file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    """Rules of one language, in the spirit of Translate Toolkit's ``translate/lang``."""

    code: str
    """ISO 639-1 code used everywhere in hexaglot (catalog names, CSV columns): en ar zh fr ru es."""
    name: str
    native_name: str
    script: str
    direction: str = "ltr"
    nplurals: int = 2
    plural_expression: str = "(n != 1)"
    decimal_separator: str = "."
    group_separators: tuple[str, ...] = (",",)
    """Thousands separators accepted in this language, preferred first (U+00A0, U+202F are spaces)."""
    quotes: tuple[tuple[str, str], ...] = (("\u201c", "\u201d"), ("\u2018", "\u2019"))
    """Opening/closing quotation pairs in use, preferred first."""
    sentence_end: str = ".!?"
    """Characters that can end a sentence."""
    uses_spaces: bool = True
    """False for Chinese: no spaces between words, so matching works on characters."""
    abbreviations: frozenset[str] = field(default_factory=frozenset)
    """Abbreviations (lower case, without the final dot) after which a full stop does not end a sentence."""
    percent_words: tuple[str, ...] = ()
    """Words that mean 'per cent' after a number."""
    xml_lang_aliases: tuple[str, ...] = ()
    """Other BCP 47 tags that map to this language (zh-Hans, ZH-CN, es-419, ...)."""
    nllb_code: str = ""
    marian_target_token: str = ""
    """Target token that multi-target opus-mt models need before the source (``>>ara<<``)."""

    @property
    def plural_forms(self) -> str:
        """The PO header value, e.g. ``nplurals=2; plural=(n > 1);``."""
        return f"nplurals={self.nplurals}; plural={self.plural_expression};"

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    def normalize(self, text: str) -> str:
        """Normalise text for matching: NFKC (full-width to half-width), case folded."""
        return unicodedata.normalize("NFKC", text).casefold()
