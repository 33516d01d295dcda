"""Measuring an aligner on official parallel text with planted omissions, additions, merges and splits.

A test document pair is built from *units* whose translations are known (a UDHR paragraph, an SDG target, a
resolution paragraph): each unit is one paragraph on each side. The target side is then perturbed: some
paragraphs omitted, paragraphs of unrelated text added, neighbouring paragraphs merged, long paragraphs split.

Gold links, per unit present on both sides: a unit of one sentence on each side is a 1:1 link; any other unit is
one k:l link (which finer grouping is right is unknown: official translations join and split sentences, and the
same count on both sides does not mean they correspond one to one). A predicted link is *correct* when all its
sentences belong to one unit and, for a 1:1 unit, it is exactly that pair.
Precision = correct links / predicted links with text on both sides; recall =
gold links recovered / gold links (a k:l gold link is recovered when correct links cover all its sentences).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from translate.align.aligner import Link
from translate.segmentation import split_sentences

_FINAL = re.compile(r"[.!?。！？;；:：»”)]\s*$")


@dataclass
class Unit:
    """A piece of text with its known translation."""

    id: str
    english: str
    target: str


@dataclass
class TestPair:
    """An English document and a perturbed translation: paragraphs as pieces of known units."""

    english: list[list[tuple[str, str]]] = field(default_factory=list)
    """Paragraphs as (unit, text) pieces; an English paragraph is one unit."""
    target: list[list[tuple[str, str]]] = field(default_factory=list)
    perturbations: dict[str, int] = field(default_factory=dict)
    english_units: list[str] = field(default_factory=list)
    """The unit of each sentence, in document order, once :meth:`label` has seen how the aligner cut them."""
    target_units: list[str] = field(default_factory=list)

    def english_text(self) -> str:
        return "\n\n".join(" ".join(text for _, text in paragraph) for paragraph in self.english) + "\n"

    def target_text(self) -> str:
        return "\n\n".join(" ".join(text for _, text in paragraph) for paragraph in self.target) + "\n"

    def label(self, english: list[list[str]], target: list[list[str]]) -> None:
        """Give every sentence the aligner read (paragraphs as sentences) the unit it came from; a sentence
        that runs across two units gets a unit of its own, which no gold link has."""
        self.english_units = _sentence_units(self.english, english)
        self.target_units = _sentence_units(self.target, target)


def _sentence_units(paragraphs: list[list[tuple[str, str]]], sentences: list[list[str]]) -> list[str]:
    if len(paragraphs) != len(sentences):
        raise ValueError(f"{len(paragraphs)} paragraphs written but {len(sentences)} read")
    units: list[str] = []
    for pieces, cut in zip(paragraphs, sentences, strict=True):
        text, bounds, cursor = "", [], 0
        for unit, piece in pieces:
            if text:
                text += " "
            bounds.append((len(text), len(text) + len(piece), unit))
            text += piece
        for sentence in cut:
            start = text.find(sentence, cursor)
            start = cursor if start < 0 else start
            end = start + len(sentence)
            cursor = end
            inside = [unit for low, high, unit in bounds if low <= start < high]
            owner = inside[0] if inside else "unknown"
            piece_end = next(high for low, high, unit in bounds if unit == owner) if inside else end
            units.append(owner if end <= piece_end + 1 else f"mixed:{owner}")
    return units


def perturbed_pair(units: list[Unit], lang: str, fillers: list[str], seed: int = 13, rate: float = 0.05) -> TestPair:
    """A document pair from ``units`` with about ``rate`` of each perturbation planted in the target side."""
    rng = random.Random(seed)
    pair = TestPair()
    counts = {"omitted": 0, "added": 0, "merged": 0, "split": 0}
    target_paragraphs: list[list[tuple[str, str]]] = []
    for unit in units:
        pair.english.append([(unit.id, unit.english)])
        if rng.random() < rate:
            counts["omitted"] += 1
        else:
            target_paragraphs.append([(unit.id, unit.target)])
        if fillers and rng.random() < rate:
            target_paragraphs.append([(f"added-{counts['added']}", fillers.pop(rng.randrange(len(fillers))))])
            counts["added"] += 1
    for paragraph in target_paragraphs:
        (unit, text), sentences = paragraph[0], split_sentences(paragraph[0][1], lang)
        if pair.target and rng.random() < rate and _FINAL.search(pair.target[-1][-1][1]) and _FINAL.search(text):
            pair.target[-1] = pair.target[-1] + paragraph
            counts["merged"] += 1
        elif len(sentences) >= 2 and rng.random() < rate * 4:
            cut = rng.randrange(1, len(sentences))
            pair.target.extend([[(unit, " ".join(sentences[:cut]))], [(unit, " ".join(sentences[cut:]))]])
            counts["split"] += 1
        else:
            pair.target.append(paragraph)
    pair.perturbations = counts
    return pair


@dataclass
class Score:
    correct: int = 0
    predicted: int = 0
    recovered: int = 0
    gold: int = 0
    written: int = 0
    """Predicted links at or above the threshold (what enters a memory unconfirmed)."""
    written_correct: int = 0

    @property
    def written_precision(self) -> float:
        return self.written_correct / self.written if self.written else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.recovered / self.gold if self.gold else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.correct + other.correct,
            self.predicted + other.predicted,
            self.recovered + other.recovered,
            self.gold + other.gold,
            self.written + other.written,
            self.written_correct + other.written_correct,
        )


def positional_links(links: list[Link]) -> list[tuple[list[int], list[int], bool]]:
    """Links as sentence positions on each side (links cover both documents in order), and whether each
    would be written to a memory unconfirmed."""
    result, e, t = [], 0, 0
    for link in links:
        positions = (list(range(e, e + len(link.english))), list(range(t, t + len(link.target))))
        result.append((*positions, link.status == "auto"))
        e += len(link.english)
        t += len(link.target)
    return result


def evaluate(pair: TestPair, links: list[tuple[list[int], list[int], bool]]) -> Score:
    """Precision and recall of ``links`` (sentence positions) against the pair's gold units."""
    english_of: dict[str, list[int]] = defaultdict(list)
    target_of: dict[str, list[int]] = defaultdict(list)
    for position, unit in enumerate(pair.english_units):
        english_of[unit].append(position)
    for position, unit in enumerate(pair.target_units):
        target_of[unit].append(position)
    gold_pairs: set[tuple[int, int]] = set()
    whole_units: set[str] = set()
    for unit, english in english_of.items():
        target = target_of.get(unit)
        if not target:
            continue
        if len(english) == len(target) == 1:
            gold_pairs.add((english[0], target[0]))
        else:
            whole_units.add(unit)
    score = Score(gold=len(gold_pairs) + len(whole_units))
    covered: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for english, target, written in links:
        if not english or not target:
            continue
        score.predicted += 1
        score.written += written
        units = {pair.english_units[p] for p in english} | {pair.target_units[p] for p in target}
        if len(units) != 1:
            continue
        unit = units.pop()
        if unit in whole_units:
            covered[unit].update(("e", p) for p in english)
            covered[unit].update(("t", p) for p in target)
        elif not (len(english) == 1 and len(target) == 1 and (english[0], target[0]) in gold_pairs):
            continue
        else:
            score.recovered += 1
        score.correct += 1
        score.written_correct += written
    for unit in whole_units:
        needed = {("e", p) for p in english_of[unit]} | {("t", p) for p in target_of[unit]}
        if needed <= covered[unit]:
            score.recovered += 1
    return score


def gale_church_links(english_sentences: list[str], target_sentences: list[str]) -> list[tuple[list[int], list[int]]]:
    """NLTK's length-only Gale–Church aligner over the whole document (one block), as links; target lengths are
    scaled by the pair's character ratio, as hexaglot's own length model is."""
    from nltk.translate.gale_church import align_blocks

    scale = sum(map(len, english_sentences)) / max(1, sum(map(len, target_sentences)))
    # lengths in English characters (Chinese is a third as long): the fair length-only baseline
    pairs = align_blocks([len(s) for s in english_sentences], [round(len(s) * scale) for s in target_sentences])
    groups: list[tuple[set[int], set[int]]] = []
    for e, t in pairs:
        for group in groups[-2:]:
            if e in group[0] or t in group[1]:
                group[0].add(e)
                group[1].add(t)
                break
        else:
            groups.append(({e}, {t}))
    return [(sorted(english_side), sorted(target_side), True) for english_side, target_side in groups]


# --- official corpora in ../shared/data -------------------------------------------------------------------


def read_tsv_units(path: Path, lang: str, prefix: str) -> list[Unit]:
    """Units from a six-way TSV (``id en ar zh fr ru es``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    english, target = header.index("en"), header.index(lang)
    units = []
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > max(english, target) and cells[english].strip() and cells[target].strip():
            units.append(Unit(f"{prefix}:{cells[0]}", cells[english].strip(), cells[target].strip()))
    return units


GA_FILES = {"ar": "UN.ar-en.ar", "zh": "UN.en-zh.zh", "fr": "UN.en-fr.fr", "ru": "UN.en-ru.ru", "es": "UN.en-es.es"}


def read_ga_units(folder: Path, lang: str) -> list[Unit]:
    """Resolution 55/100, line by line."""
    english = (folder / "UN.ar-en.en").read_text(encoding="utf-8").splitlines()
    target = (folder / GA_FILES[lang]).read_text(encoding="utf-8").splitlines()
    return [
        Unit(f"ga:{n}", e.strip(), t.strip())
        for n, (e, t) in enumerate(zip(english, target, strict=True))
        if e.strip() and t.strip()
    ]


FLORES_FILES = {
    "ar": "arb_Arab.devtest",
    "zh": "zho_Hans.devtest",
    "fr": "fra_Latn.devtest",
    "ru": "rus_Cyrl.devtest",
    "es": "spa_Latn.devtest",
}


def official_documents(data: Path, lang: str) -> dict[str, list[Unit]]:
    """The benchmark's documents: UDHR, the SDG goals/targets/indicators and resolution 55/100."""
    return {
        "udhr": read_tsv_units(data / "udhr" / "udhr_articles_6way.tsv", lang, "udhr"),
        "sdg": read_tsv_units(data / "sdg-translations" / "sdg_goals_targets_indicators_6way.tsv", lang, "sdg"),
        "ga-55-100": read_ga_units(data / "un-ga-resolutions-sample", lang),
    }


def fillers(data: Path, lang: str) -> list[str]:
    """Unrelated target-language paragraphs to plant as additions (FLORES news sentences)."""
    path = data / "flores200-devtest" / FLORES_FILES[lang]
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[:200]
