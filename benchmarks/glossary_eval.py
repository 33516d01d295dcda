"""Precision and recall of the glossary checks per target language, on real UN text.

Real sentence pairs (official translations, assumed correct) come from ``../shared/data``: the SDG
goals/targets/indicators (6-way TSV), the UDHR articles, the UNBIS thesaurus labels and GA resolution
55/100. Only pairs whose English holds a glossary term are kept. Every finding on a real pair counts as
a false positive. Then errors are planted in copies of those pairs: each accepted target term found is
replaced by (a) the concept's forbidden term (expect ``glossary-forbidden``) and (b) a wrong word
(expect ``glossary-missing``). Hand-written variants add every inflection (must stay clean) and
inflected forbidden terms (must be found). Findings for *other* concepts that only appear because the
planted replacement also removed their term are collateral and not counted.

    python benchmarks/glossary_eval.py [--glossary glossaries/trafficking.csv] [--russian pymorphy3|snowball] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from translate.glossary import (  # noqa: E402
    Glossary,
    load_glossaries,
    matching,
)
from translate.glossary.matching import analyzer_for, chinese_normalize  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LANGS = ("ar", "zh", "fr", "ru", "es")
WRONG_WORD = {"ar": "المشكلة", "zh": "问题", "fr": "problème", "ru": "проблема", "es": "problema"}

CASES = Path(__file__).with_name("glossary_cases.tsv")
"""Hand-written variants: lang, source, target, expected findings (``concept:check;...``, empty = clean).
Every inflection must stay clean; inflected forbidden terms must be found."""


def handmade_cases() -> list[tuple[str, str, str, set[tuple[str, str]]]]:
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines()[1:]:
        lang, source, target, expected = line.split("\t")
        found = {tuple(item.split(":", 1)) for item in expected.split(";") if item}
        cases.append((lang, source, target, found))
    return cases


@dataclass
class Tally:
    pairs: int = 0
    planted: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    collateral: int = 0
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def findings(glossary: Glossary, source: str, target: str, lang: str) -> set[tuple[str, str]]:
    """(concept id, check id) pairs the three glossary checks would report."""
    found = set()
    for result in glossary.check_target(source, target, lang):
        if result.missing:
            found.add((result.hit.concept_id, "glossary-missing"))
        found.update((concept.id, "glossary-forbidden") for concept, _ in result.forbidden)
        if result.dnt_changed:
            found.add((result.hit.concept_id, "glossary-dnt"))
    return found


def real_pairs() -> dict[str, list[tuple[str, str, str]]]:
    """lang -> [(pair id, English, official translation)] from the shared data (empty when absent)."""
    pairs: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    tables = [
        ("sdg", DATA / "sdg-translations" / "sdg_goals_targets_indicators_6way.tsv"),
        ("udhr", DATA / "udhr" / "udhr_articles_6way.tsv"),
        ("unbis", DATA / "unbis-thesaurus" / "unbis_labels_6lang.tsv"),
    ]
    for name, path in tables:
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        for line in lines[1:]:
            cells = dict(zip(header, line.split("\t"), strict=False))
            key = cells.get("id") or cells.get("identifier") or ""
            for lang in LANGS:
                if cells.get("en") and cells.get(lang):
                    pairs[lang].append((f"{name}:{key}", cells["en"], cells[lang]))
    ga = DATA / "un-ga-resolutions-sample"
    files = {"ar": "UN.ar-en.ar", "zh": "UN.en-zh.zh", "fr": "UN.en-fr.fr", "ru": "UN.en-ru.ru", "es": "UN.en-es.es"}
    english_path = ga / "UN.ar-en.en"
    if english_path.exists():
        english = english_path.read_text(encoding="utf-8").splitlines()
        for lang, name in files.items():
            target = (ga / name).read_text(encoding="utf-8").splitlines()
            for number, (source, translation) in enumerate(zip(english, target, strict=False)):
                pairs[lang].append((f"ga-55-100:{number + 1}", source, translation))
    return pairs


def _plant(glossary: Glossary, lang: str, source: str, target: str) -> list[tuple[str, str, set[tuple[str, str]], str]]:
    """Copies of a correct pair with one error planted: (label, target, expected, concept)."""
    analyzer = analyzer_for(lang)
    text = chinese_normalize(target) if lang == "zh" else analyzer.normalize(target)
    analyzed = glossary.analyze_target(text, lang)
    variants = []
    for hit in glossary.find_source_terms(source):
        terms = hit.target_terms(lang)
        if hit.concept.dnt or not terms.accepted:
            continue
        spans = sorted({(s.start, s.end) for term in terms.accepted for s in analyzed.find(term)})
        spans = [
            span
            for i, span in enumerate(spans)
            if not any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in spans)
        ]
        if not spans:
            continue
        for replacement, check in [
            (terms.forbidden[0] if terms.forbidden else None, "glossary-forbidden"),
            (WRONG_WORD[lang], "glossary-missing"),
        ]:
            if replacement is None:
                continue
            planted = text
            for start, end in reversed(spans):
                planted = planted[:start] + replacement + planted[end:]
            variants.append((f"{hit.concept_id}->{check}", planted, {(hit.concept_id, check)}, hit.concept_id))
    return variants


def evaluate(glossary: Glossary, russian: str = "pymorphy3") -> dict[str, Tally]:
    matching.RUSSIAN_BACKEND = russian
    analyzer_for("ru").__init__("ru")  # drop memoised keys of the other backend
    glossary.reset_caches()
    tallies = {lang: Tally() for lang in LANGS}
    for lang, items in real_pairs().items():
        tally = tallies[lang]
        for pair_id, source, target in items:
            if not glossary.find_source_terms(source):
                continue
            tally.pairs += 1
            baseline = findings(glossary, source, target, lang)
            tally.fp += len(baseline)
            tally.false_alarms += [f"{pair_id} {concept} {check}" for concept, check in sorted(baseline)]
            for label, planted, expected, concept_id in _plant(glossary, lang, source, target):
                tally.planted += 1
                got = findings(glossary, source, planted, lang) - baseline
                _score(tally, f"{pair_id} {label}", got, expected, concept_id)
    for lang, source, target, expected in handmade_cases():
        tally = tallies[lang]
        tally.planted += 1
        got = findings(glossary, source, target, lang)
        _score(tally, f"handmade {source!r} -> {target!r}", got, expected, None)
    return tallies


def _score(tally: Tally, label: str, got: set, expected: set, concept_id: str | None) -> None:
    tally.tp += len(got & expected)
    misses = expected - got
    tally.fn += len(misses)
    tally.misses += [f"{label}: missed {item}" for item in sorted(misses)]
    extra = got - expected
    own = {item for item in extra if concept_id is None or item[0] == concept_id}
    tally.collateral += len(extra - own)
    tally.fp += len(own)
    tally.false_alarms += [f"{label}: extra {item}" for item in sorted(own)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--glossary", action="append", default=None)
    parser.add_argument("--russian", choices=("pymorphy3", "snowball"), default="pymorphy3")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false alarms and misses")
    args = parser.parse_args()
    glossary = load_glossaries(args.glossary or [ROOT / "glossaries" / "trafficking.csv"])
    if not DATA.exists():
        print(f"note: {DATA} is absent: hand-written cases only", file=sys.stderr)
    tallies = evaluate(glossary, args.russian)
    if args.json:
        print(
            json.dumps(
                {
                    lang: {
                        "pairs": t.pairs,
                        "planted": t.planted,
                        "tp": t.tp,
                        "fp": t.fp,
                        "fn": t.fn,
                        "precision": round(t.precision, 4),
                        "recall": round(t.recall, 4),
                    }
                    for lang, t in tallies.items()
                },
                indent=2,
            )
        )
    else:
        print(f"Russian backend: {args.russian}; {len(glossary)} concepts")
        print("| lang | real pairs | planted | TP | FP | FN | precision | recall |")
        print("|---|---|---|---|---|---|---|---|")
        for lang, t in tallies.items():
            print(
                f"| {lang} | {t.pairs} | {t.planted} | {t.tp} | {t.fp} | {t.fn} | {t.precision:.3f} | {t.recall:.3f} |"
            )
    if args.verbose:
        for lang, t in tallies.items():
            for line in t.false_alarms + t.misses:
                print(f"{lang}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
