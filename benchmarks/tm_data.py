"""Benchmark data for the translation memory: real en-fr sentence pairs plus generated near-duplicates.

Real pairs (``../shared/data``): TICO-19 TMX (en-fr), NTREX-128, FLORES-200 devtest, the SDG titles.
A memory of N units holds every real pair once and, for the rest, near-duplicates of random real pairs:

* 70 %: 1-3 word edits of one real sentence (replace with a word of the corpus vocabulary, delete, insert,
  or change a number - in the target too);
* 30 %: a splice: the first part of one real pair joined to the second part of another.

Queries are real sentences (held out from nothing: the memory has the original and its near-duplicates, as
a new edition of a report has the previous one) with 1-3 words edited the same way. Everything is seeded.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterator
from pathlib import Path

from translate.formats.tmx import TranslationUnit, Variant, read_tmx, write_tmx

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_NUMBER = re.compile(r"\d+")


def real_pairs(data: Path = DATA) -> list[tuple[str, str, str]]:
    """(origin id, English, French), de-duplicated by English."""
    pairs: list[tuple[str, str, str]] = []
    tico = data / "tico19-tm-terminology" / "data" / "TM" / "all.en-fr.tmx"
    for unit in read_tmx(tico):
        pairs.append((f"tico:{unit.tuid}", unit.text("en") or "", unit.text("fr") or ""))
    for name, en_file, fr_file in (
        ("ntrex", data / "ntrex128" / "newstest2019-src.eng.txt", data / "ntrex128" / "newstest2019-ref.fra.txt"),
        ("flores", data / "flores200-devtest" / "eng_Latn.devtest", data / "flores200-devtest" / "fra_Latn.devtest"),
    ):
        english = en_file.read_text(encoding="utf-8").splitlines()
        french = fr_file.read_text(encoding="utf-8").splitlines()
        pairs.extend((f"{name}:{n}", en, fr) for n, (en, fr) in enumerate(zip(english, french, strict=True), 1))
    with open(data / "sdg-translations" / "sdg_goals_targets_indicators_6way.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            pairs.append((f"sdg:{row['id']}", row["en"], row["fr"]))
    seen: set[str] = set()
    unique = []
    for origin, en, fr in pairs:
        en, fr = en.strip(), fr.strip()
        if en and fr and en not in seen:
            seen.add(en)
            unique.append((origin, en, fr))
    return unique


def edit(english: str, french: str, vocabulary: list[str], rng: random.Random) -> tuple[str, str]:
    """1-3 random word edits; a changed number is changed in the French too."""
    words = english.split()
    for _ in range(rng.randint(1, 3)):
        if len(words) < 2:
            words.append(rng.choice(vocabulary))
            continue
        position = rng.randrange(len(words))
        numbers = [i for i, word in enumerate(words) if _NUMBER.search(word)]
        action = rng.choice(("replace", "replace", "delete", "insert", "number" if numbers else "replace"))
        if action == "replace":
            words[position] = rng.choice(vocabulary)
        elif action == "delete":
            del words[position]
        elif action == "insert":
            words.insert(position, rng.choice(vocabulary))
        else:
            index = rng.choice(numbers)
            old = _NUMBER.search(words[index]).group()  # type: ignore[union-attr]
            new = str(int(old) + rng.randint(1, 9))
            words[index] = words[index].replace(old, new, 1)
            french = french.replace(old, new, 1)
    return " ".join(words), french


def splice(first: tuple[str, str], second: tuple[str, str], rng: random.Random) -> tuple[str, str]:
    def cut(text: str, fraction: float, head: bool) -> str:
        words = text.split()
        point = max(1, round(len(words) * fraction))
        return " ".join(words[:point] if head else words[point:])

    fraction = rng.uniform(0.35, 0.65)
    english = f"{cut(first[0], fraction, True)} {cut(second[0], fraction, False)}".strip()
    french = f"{cut(first[1], fraction, True)} {cut(second[1], fraction, False)}".strip()
    return english, french


def vocabulary_of(pairs: list[tuple[str, str, str]]) -> list[str]:
    return sorted({word for _, en, _ in pairs for word in en.split() if word.isalpha()})


def memory_units(pairs: list[tuple[str, str, str]], size: int, seed: int = 1) -> Iterator[TranslationUnit]:
    """``size`` units: the real pairs, then generated near-duplicates."""
    rng = random.Random(seed)
    vocabulary = vocabulary_of(pairs)
    for number, (origin, en, fr) in enumerate(pairs[:size], start=1):
        yield _unit(f"real-{number}", en, fr, origin)
    for number in range(size - min(size, len(pairs))):
        if rng.random() < 0.3:
            a, b = rng.choice(pairs), rng.choice(pairs)
            en, fr = splice((a[1], a[2]), (b[1], b[2]), rng)
        else:
            _, en, fr = rng.choice(pairs)
            en, fr = edit(en, fr, vocabulary, rng)
        yield _unit(f"gen-{number + 1}", en, fr, None)


def _unit(tuid: str, en: str, fr: str, origin: str | None) -> TranslationUnit:
    props = [("x-origin", origin)] if origin else []
    return TranslationUnit(tuid=tuid, variants=[Variant("en", en), Variant("fr", fr)], props=props)


def queries(pairs: list[tuple[str, str, str]], count: int, seed: int = 2) -> list[str]:
    """Real sentences (at least 4 words) with 1-3 words edited."""
    rng = random.Random(seed)
    vocabulary = vocabulary_of(pairs)
    candidates = [pair for pair in pairs if len(pair[1].split()) >= 4]
    return [edit(en, fr, vocabulary, rng)[0] for _, en, fr in rng.sample(candidates, count)]


def write_memory(path: Path, pairs: list[tuple[str, str, str]], size: int) -> int:
    return write_tmx(path, memory_units(pairs, size), srclang="en")
