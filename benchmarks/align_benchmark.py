"""Sentence-alignment quality and speed: ``hexaglot align`` against NLTK's length-only Gale–Church aligner.

Quality: official six-language text from ``../shared/data`` (UDHR articles; SDG goals, targets and indicators;
GA resolution 55/100) made into document pairs with planted omissions, additions (FLORES news paragraphs),
merged and split paragraphs (see :mod:`translate.align.evaluation` for the gold links and the measures), for
each of the five languages and several seeds. Both aligners see the same documents in the same run.

Speed: a 100-page report pair (about 50,000 English words) read from plain-text files and aligned end to end.

    .venv/bin/python benchmarks/align_benchmark.py [--seeds 3] [--rate 0.05] [--pages 100] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from translate.align.aligner import align_documents, blocks_of  # noqa: E402
from translate.align.evaluation import (  # noqa: E402
    Score,
    TestPair,
    evaluate,
    fillers,
    gale_church_links,
    official_documents,
    perturbed_pair,
    positional_links,
)
from translate.formats import read_source  # noqa: E402
from translate.lang import TARGET_LANGUAGES  # noqa: E402

DATA = REPO.parent / "shared" / "data"


def align_pair(pair: TestPair, lang: str, folder: Path) -> tuple[list, list]:
    """Write the pair as text files, read them back as the importer does, align; label the pair's sentences.

    Returns hexaglot's links and Gale–Church's, both as sentence positions."""
    english_path = folder / "doc.en.txt"
    target_path = folder / f"doc.{lang}.txt"
    english_path.write_text(pair.english_text(), encoding="utf-8")
    target_path.write_text(pair.target_text(), encoding="utf-8")
    english, target = read_source(english_path), read_source(target_path)
    english_blocks, target_blocks = blocks_of(english, "en"), blocks_of(target, lang)
    pair.label([block.sentences for block in english_blocks], [block.sentences for block in target_blocks])
    alignment = align_documents(english, target, lang)
    baseline = gale_church_links(
        [s for block in english_blocks for s in block.sentences],
        [s for block in target_blocks for s in block.sentences],
    )
    return positional_links(alignment.links), baseline


def quality(seeds: int, rate: float) -> dict[str, dict[str, dict[str, float]]]:
    results: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for lang in TARGET_LANGUAGES:
            ours, baseline = Score(), Score()
            planted: dict[str, int] = {}
            for seed in range(seeds):
                pool = fillers(DATA, lang)
                for name, units in official_documents(DATA, lang).items():
                    pair = perturbed_pair(units, lang, pool, seed=seed * 101 + len(name), rate=rate)
                    for key, value in pair.perturbations.items():
                        planted[key] = planted.get(key, 0) + value
                    links, baseline_links = align_pair(pair, lang, folder)
                    ours = ours + evaluate(pair, links)
                    baseline = baseline + evaluate(pair, baseline_links)
            results[lang] = {
                "hexaglot": {
                    "precision": ours.precision,
                    "recall": ours.recall,
                    "links": ours.predicted,
                    "written_precision": ours.written_precision,
                    "written_share": ours.written / ours.predicted if ours.predicted else 0.0,
                },
                "gale-church": {
                    "precision": baseline.precision,
                    "recall": baseline.recall,
                    "links": baseline.predicted,
                },
                "gold_links": ours.gold,
                "planted": planted,
            }
    return results


def speed(pages: int) -> dict[str, float]:
    """Align a report pair of about ``pages`` pages (500 English words a page) built from the SDG texts."""
    units = official_documents(DATA, "fr")["sdg"] + official_documents(DATA, "fr")["udhr"]
    words_per_pass = sum(len(unit.english.split()) for unit in units)
    passes = max(1, round(pages * 500 / words_per_pass))
    english = "\n\n".join(unit.english for _ in range(passes) for unit in units) + "\n"
    target = "\n\n".join(unit.target for _ in range(passes) for unit in units) + "\n"
    with tempfile.TemporaryDirectory() as scratch:
        english_path, target_path = Path(scratch) / "report.en.txt", Path(scratch) / "report.fr.txt"
        english_path.write_text(english, encoding="utf-8")
        target_path.write_text(target, encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        alignment = align_documents(read_source(english_path), read_source(target_path), "fr")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "english_words": len(english.split()),
        "paragraphs": passes * len(units),
        "links": len(alignment.links),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"{DATA} is absent: the official six-language texts are needed", file=sys.stderr)
        return 2
    report = {"load": os.getloadavg()[0], "quality": quality(args.seeds, args.rate)}
    print(f"{'lang':5} {'hexaglot P':>11} {'R':>6} {'written P':>10} {'share':>6} {'Gale-Church P':>14} {'R':>6}  gold")
    for lang, row in report["quality"].items():
        ours, gc = row["hexaglot"], row["gale-church"]
        print(
            f"{lang:5} {ours['precision']:11.3f} {ours['recall']:6.3f} {ours['written_precision']:10.3f}"
            f" {ours['written_share']:6.3f} {gc['precision']:14.3f} {gc['recall']:6.3f}  {row['gold_links']:5}"
            f"  {row['planted']}"
        )
    if not args.no_speed:
        report["speed"] = speed(args.pages)
        print(f"speed: {report['speed']} (load average {report['load']:.2f})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
