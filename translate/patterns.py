"""Text patterns shared by several layers (formats, segmentation, memory, MT protection, QA, align): one home each.

* :data:`UN_SYMBOL` - a UN document symbol: A/RES/64/293, E/2013/30, CTOC/COP/2012/15, E/CN.15/2013/L.5,
  A/55/602/Add.2, and a Security Council resolution with its year, ``S/RES/2331 (2016)``: the year in brackets is
  part of the symbol as the Council cites it, so MT protects it with the symbol and QA compares the whole
  (:func:`symbol_key` forgives the space before the bracket and full-width brackets, as Chinese writes them).
  Works without spaces around it (Chinese: 见CTOC/COP/2012/15，第12段).
* :data:`FOOTNOTE_MARKER` - the inline footnote marker ``[^N]`` (N the printed mark), group 1 = N.
* :data:`HAN` / :data:`CJK` - character-class bodies (for ``[...]``): Han ideographs; and every CJK character
  (radicals, CJK symbols and punctuation, kana, ideographs, full-width forms).
"""

from __future__ import annotations

import re

_SYMBOL_PART = r"(?:(?:Add|Rev|Corr|Amend|Suppl?|Sess|Sp|Sub)\.\d{1,4}|[A-Z]{1,10}(?:[.\-]\d{1,4})?|\d{1,4})"
_SYMBOL_YEAR = r"(?:[ \u00a0]?[(（](?:19|20)\d{2}[)）])"
UN_SYMBOL = re.compile(
    rf"(?<![A-Za-z0-9/.\-])[A-Z]{{1,10}}(?:\.\d{{1,4}})?(?:/{_SYMBOL_PART})+(?![A-Za-z0-9/]){_SYMBOL_YEAR}?"
)
"""A UN document symbol (see the module docstring). A match without a digit (HIV/AIDS) is no symbol for QA."""

_MARK = r"[^\]\s]{1,32}"
FOOTNOTE_PATTERN = rf"\[\^{_MARK}\]"
"""The marker as a pattern to embed in another (no group)."""
FOOTNOTE_MARKER = re.compile(rf"\[\^({_MARK})\]")
"""An inline footnote marker ``[^3]``, ``[^12]``, ``[^*]``: group 1 is the printed mark."""

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
"""Han ideographs: extension A, the unified block, compatibility ideographs, the supplementary planes."""
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff"
"""CJK radicals, symbols and punctuation (、。《》), kana, ideographs, full-width forms (，（）)."""

_YEAR_SPACING = re.compile(r"[ \u00a0]?[(（]((?:19|20)\d{2})[)）]$")


def symbol_key(symbol: str) -> str:
    """The form two symbols are compared in: ``S/RES/2331(2016)`` and ``S/RES/2331（2016）`` are
    ``S/RES/2331 (2016)``."""
    return _YEAR_SPACING.sub(r" (\1)", symbol)
