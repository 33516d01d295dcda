"""Speed of the glossary checks: 10,000 segments x 5 languages against a 1,000-concept glossary (target <= 2 s).

Segments cycle through the real six-language SDG / UDHR / GA texts in ../shared/data (generated sentences
when absent). The glossary is glossaries/trafficking.csv plus synthetic concepts up to 1,000: each takes a
random English word pair from a real sentence and, per language, a random word pair (zh: 4 characters)
of the aligned translation, so synthetic terms really occur and get checked.

    python benchmarks/glossary_speed.py [--segments 10000] [--concepts 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.glossary_eval import LANGS, real_pairs  # noqa: E402
from translate.glossary import Concept, Glossary, LangTerms, load_glossaries  # noqa: E402
from translate.qa.base import CheckContext, Segment, run_checks  # noqa: E402


def aligned_rows() -> list[dict[str, str]]:
    by_id: dict[str, dict[str, str]] = {}
    for lang, items in real_pairs().items():
        for pair_id, source, target in items:
            if pair_id.startswith("unbis"):
                continue
            row = by_id.setdefault(pair_id, {"en": source})
            row[lang] = target
    rows = [row for row in by_id.values() if all(lang in row for lang in LANGS)]
    if rows:
        return rows
    words = "victims of trafficking in persons were detected by Member States and civil society".split()
    rng = random.Random(1)
    return [{lang: " ".join(rng.choice(words) for _ in range(15)) for lang in ("en", *LANGS)} for _ in range(300)]


def synthetic_glossary(base: Glossary, rows: list[dict[str, str]], total: int, seed: int = 7) -> Glossary:
    rng = random.Random(seed)
    concepts = dict(base.concepts)
    number = 0
    while len(concepts) < total:
        row = rng.choice(rows)
        terms = {}
        for lang in ("en", *LANGS):
            text = row[lang]
            if lang == "zh":
                start = rng.randrange(max(1, len(text) - 4))
                term = text[start : start + 4]
            else:
                words = text.split()
                start = rng.randrange(max(1, len(words) - 1))
                term = " ".join(words[start : start + 2]).strip(",.;:()")
            if not term:
                break
            terms[lang] = LangTerms(term)
        else:
            number += 1
            concepts[f"synthetic-{number}"] = Concept(f"synthetic-{number}", terms)
    return Glossary(concepts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--concepts", type=int, default=1_000)
    args = parser.parse_args()
    rows = aligned_rows()
    started = time.perf_counter()
    glossary = synthetic_glossary(load_glossaries([ROOT / "glossaries" / "trafficking.csv"]), rows, args.concepts)
    load_time = time.perf_counter() - started
    segments = [
        Segment(source=rows[i % len(rows)]["en"], target=rows[i % len(rows)][lang], lang=lang, id=str(i))
        for lang in LANGS
        for i in range(args.segments)
    ]
    # Warm the per-word analyses of pymorphy3 / Snowball (as any real run does after its first segments).
    context = CheckContext(glossaries=[glossary], segments=segments)
    checks = ["glossary-missing", "glossary-forbidden", "glossary-dnt"]
    started = time.perf_counter()
    findings = sum(1 for _ in run_checks(segments, context, checks))
    elapsed = time.perf_counter() - started
    hits = sum(len(glossary.find_source_terms(row["en"])) for row in rows)
    print(f"glossary: {len(glossary)} concepts (built in {load_time:.2f} s); {len(rows)} distinct aligned sentences")
    print(f"source hits per distinct sentence: {hits / len(rows):.1f}")
    print(f"checked {len(segments):,} segments ({args.segments:,} x {len(LANGS)} languages) in {elapsed:.2f} s "
          f"({len(segments) / elapsed:,.0f} segments/s); {findings:,} findings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
