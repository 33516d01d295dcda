"""Pairing of the numbers of a source and its translation for the QA ``numbers`` check.

Comparison is by count: each number of one side is paired with its own number of the other side (a maximum
bipartite matching over the values they may stand for); see :mod:`translate.qa.numbers`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from translate.qa.numbers.tokens import MONTH_BASE, NumberToken, extract_numbers


@dataclass(frozen=True)
class NumberComparison:
    """The numbers of a source and a target, and what does not correspond."""

    source: tuple[NumberToken, ...]
    target: tuple[NumberToken, ...]
    missing: tuple[NumberToken, ...]
    """Source numbers that the target does not have."""
    extra: tuple[NumberToken, ...]
    """Target numbers that the source does not have."""
    percent_lost: tuple[NumberToken, ...]
    """Source percentages whose value is in the target, but never as a percentage."""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.percent_lost)


def _pool(tokens: list[NumberToken]) -> frozenset[Decimal]:
    pool: set[Decimal] = set()
    for token in tokens:
        pool |= token.values
        pool.update(token.parts)
    return frozenset(pool)


@dataclass(frozen=True)
class _Unit:
    """One number to pair in the matching: a token, one part of a split token, or a decade's century."""

    token: int
    """Index of the token it comes from."""
    offers: frozenset[Decimal]
    """The values a number of the other side may take to pair with it."""
    wants: frozenset[Decimal]
    """The values it accepts from a number of the other side."""
    required: bool
    """False for optional tokens, repeated identifiers and centuries: they may pair but are never reported."""
    companion: bool = False
    vague: bool = False
    word: bool = False


def _units(tokens: tuple[NumberToken, ...], split: frozenset[int]) -> list[_Unit]:
    """The units of a side: tokens in ``split`` are read as their space-separated parts; an identifier written
    again (802.11a, 802.11b, 802.11g -> 802.11a, b et g) is required once."""
    units = []
    identifiers: set[str] = set()
    for index, token in enumerate(tokens):
        if index in split:
            units.extend(_Unit(index, frozenset({part}), frozenset({part}), not token.optional) for part in token.parts)
            continue
        required = not token.optional and token.identifier not in identifiers
        if token.identifier:
            identifiers.add(token.identifier)
        units.append(
            _Unit(index, token.values, token.required or token.values, required, vague=token.vague, word=token.word)
        )
        if token.companion is not None:
            companion = frozenset({token.companion})
            units.append(_Unit(index, companion, companion, False, companion=True))
    return units


def _is_month(unit: _Unit) -> bool:
    """A month name (its value is a month's, :func:`~translate.qa.numbers.tokens.month_value`)."""
    return any(-MONTH_BASE - 12 <= value <= -MONTH_BASE - 1 for value in unit.wants)


def _extend_matching(left: list[int], right: list[int], edge: Callable[[int, int], bool]) -> dict[int, int]:
    """Pair units of ``left`` with units of ``right`` (indices; at most one partner each), as many as possible
    (Kuhn's augmenting paths, in the order of ``left``: a unit paired earlier stays paired). Returns left -> right;
    a segment has a few dozen numbers at most."""
    owner: dict[int, int] = {}

    def augment(unit: int, seen: set[int]) -> bool:
        for other in right:
            if other in seen or not edge(unit, other):
                continue
            seen.add(other)
            if other not in owner or augment(owner[other], seen):
                owner[other] = unit
                return True
        return False

    for unit in left:
        augment(unit, set())
    return {unit: other for other, unit in owner.items()}


def _pairing(
    source: tuple[NumberToken, ...], target: tuple[NumberToken, ...], splits: tuple[frozenset[int], frozenset[int]]
) -> tuple[list[int], list[int]]:
    """(source tokens, target tokens) that could not be paired, with the tokens of ``splits`` read as parts.

    Numbers are paired in rounds: numbers that must be paired with numbers that must be paired, both ways (2.5
    million is not 2,5); then number words with number words (eight = huit, one = une); then what is left with a
    word, ordinal or century that may stand for it (six = 6, 12th = 第12, (i) = ’1‘). A word thus stands in for
    one number only.
    A translation may say a number of the source twice (至少50票，如果拿到这50张选票: "at least 50 votes, which
    ..."): such a repeat is accepted when every number of the source has found its partner and none lives on only
    as a word; otherwise the repeat has probably taken the place of one of them (第12选区 changed to 第17选区)."""
    sources, targets = _units(source, splits[0]), _units(target, splits[1])
    if not any(unit.required for unit in sources) and not any(unit.required for unit in targets):
        return [], []
    to_target: dict[int, int] = {}
    to_source: dict[int, int] = {}

    def record(found: dict[int, int], forward: bool) -> None:
        for unit, other in found.items():
            if forward:
                to_target[unit], to_source[other] = other, unit
            else:
                to_source[unit], to_target[other] = other, unit

    def free(units: list[_Unit], paired: dict[int, int], which: Callable[[_Unit], bool]) -> list[int]:
        return [index for index, unit in enumerate(units) if index not in paired and which(unit)]

    def strict(a: int, b: int) -> bool:
        return bool(sources[a].wants & targets[b].offers and targets[b].wants & sources[a].offers)

    # 1. required with required (a decade's century last, so that it never takes a required number's partner)
    left = free(sources, to_target, lambda unit: unit.required) + free(sources, to_target, lambda unit: unit.companion)
    record(_extend_matching(left, free(targets, to_source, lambda unit: unit.required), strict), True)
    # 2. words with words (a month with a month: "by January" is not the French "une")
    record(
        _extend_matching(
            free(sources, to_target, lambda unit: unit.word),
            free(targets, to_source, lambda unit: unit.word),
            lambda a, b: bool(sources[a].offers & targets[b].offers) and _is_month(sources[a]) == _is_month(targets[b]),
        ),
        True,
    )
    # 3. what must be paired with a word, ordinal or century that may stand for it, both ways
    as_word = _extend_matching(
        free(sources, to_target, lambda unit: unit.required),
        free(targets, to_source, lambda unit: not unit.required),
        lambda a, b: bool(sources[a].wants & targets[b].offers),
    )
    record(as_word, True)
    record(
        _extend_matching(
            free(targets, to_source, lambda unit: unit.required),
            free(sources, to_target, lambda unit: not unit.required),
            lambda a, b: bool(targets[a].wants & sources[b].offers),
        ),
        False,
    )
    missing = free(sources, to_target, lambda unit: unit.required)
    extra = free(targets, to_source, lambda unit: unit.required)
    only_as_word = any(not targets[other].required for other in as_word.values())
    if extra and not only_as_word and not free(sources, to_target, lambda unit: not unit.companion and not unit.vague):
        source_values = frozenset().union(*(unit.offers for unit in sources))
        extra = [index for index in extra if not targets[index].wants & source_values]
    return sorted({sources[index].token for index in missing}), sorted({targets[index].token for index in extra})


def _best_pairing(source: tuple[NumberToken, ...], target: tuple[NumberToken, ...]) -> tuple[list[int], list[int]]:
    """Pair the numbers of both sides, reading a space-grouped number (``5 100``) as its parts where that leaves
    fewer numbers unpaired (one token at a time, in order)."""
    splits: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
    best = _pairing(source, target, splits)
    for side, tokens in enumerate((source, target)):
        for index, token in enumerate(tokens):
            if not token.parts or not (best[0] or best[1]):
                continue
            trial = (splits[0] | {index}, splits[1]) if side == 0 else (splits[0], splits[1] | {index})
            result = _pairing(source, target, trial)
            if len(result[0]) + len(result[1]) < len(best[0]) + len(best[1]):
                splits, best = trial, result
    return best


def _as_fraction(token: NumberToken, target: tuple[NumberToken, ...]) -> bool:
    """A percentage the target says as a fraction word: 50 per cent = la moitié, 25 per cent = un quart."""
    fractions = {value for value in token.values if value < max(token.values)}
    return any(other.word and other.values & fractions for other in target)


def compare_numbers(source: str, target: str, lang: str, source_lang: str = "en") -> NumberComparison:
    """Compare the numbers of an English source and its translation into ``lang``: each number must be paired with
    one of the other side that may stand for the same value."""
    source_tokens = tuple(extract_numbers(source, source_lang))
    references = tuple(sorted({token.text.strip() for token in source_tokens if token.reference}))
    target_tokens = tuple(extract_numbers(target, lang, references))
    missing, extra = _best_pairing(source_tokens, target_tokens)
    target_pool = _pool(list(target_tokens))
    target_percent_pool = _pool([token for token in target_tokens if token.percent])
    percent_lost = tuple(
        token
        for token in source_tokens
        if token.percent
        and not token.optional
        and token.matches(target_pool)
        and not token.matches(target_percent_pool)
        and not _as_fraction(token, target_tokens)
    )
    return NumberComparison(
        source_tokens,
        target_tokens,
        tuple(source_tokens[index] for index in missing),
        tuple(target_tokens[index] for index in extra),
        percent_lost,
    )
