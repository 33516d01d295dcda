"""Segments longer than a model's input limit, split at clause boundaries and translated in parts.

A model reads at most ``max_position_embeddings`` tokens (or its tokenizer's ``model_max_length``); cutting the
rest off (``truncation=True``) drops the end of a paragraph without a word, and going past the limit crashes the
position embedding (``IndexError: index out of range in self``). :func:`split_to_fit` cuts a text into parts that
fit, at the strongest boundary that works: ``;`` and ``:``, then commas, then before a conjunction or relative
word, then between words at the token limit (a single over-long word between characters). The parts cover the
text exactly, in order; their translations are joined with :func:`join_parts`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

BOUNDARIES = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+(?=(?:and|but|or|nor|while|whereas|which|who|where|although|because|including|as well as)\b)"),
    re.compile(r"\s+"),
)
SENTENCE_END = ".!?。！？"


def split_to_fit(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Parts of ``text`` (stripped, in order, together all of it) of at most ``limit`` tokens by ``count``."""
    text = text.strip()
    if not text or count(text) <= limit:
        return [text] if text else []
    return _split(text, count, limit, 0)


def _split(text: str, count: Callable[[str], int], limit: int, level: int) -> list[str]:
    if count(text) <= limit:
        return [text]
    if level == len(BOUNDARIES):
        return _split_characters(text, count, limit)
    pieces = [piece for piece in BOUNDARIES[level].split(text) if piece]
    if len(pieces) == 1:
        return _split(text, count, limit, level + 1)
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}" if current else piece
        if current and count(candidate) > limit:
            parts.append(current)
            current = piece
        else:
            current = candidate
    parts.append(current)
    result: list[str] = []
    for part in parts:
        result.extend(_split(part, count, limit, level + 1))
    return result


def _split_characters(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = len(text)
        while end > start + 1 and count(text[start:end]) > limit:
            end = start + max(1, (end - start) * 3 // 4)
        parts.append(text[start:end])
        start = end
    return parts


def fit_piece(piece: str, output: str) -> str:
    """A part's translation where the part stood: no full stop or capital the model added to a clause."""
    output = output.strip()
    stripped = piece.strip()
    if stripped and stripped[-1] not in SENTENCE_END and output[-1:] in (".", "。"):
        output = output[:-1].rstrip()
    if stripped[:1].islower() and output[:1].isupper():
        output = output[:1].lower() + output[1:]
    return output


def join_parts(parts: list[str], outputs: list[str]) -> str:
    """The translations of a segment's parts as one text (Chinese spacing is settled by the protector)."""
    return " ".join(fit_piece(part, output) for part, output in zip(parts, outputs, strict=True) if output.strip())
