"""Speed of the glossary checks: 10,000 segments x 5 languages against a 1,000-concept glossary (target <= 2 s).

Segments cycle through the real six-language SDG / UDHR / GA texts in ../shared/data (generated sentences
when absent), each made unique by a paragraph number. Glossaries:

- ``--terms unbis`` (default): glossaries/trafficking.csv plus UNBIS thesaurus labels (real six-language
  terms) up to ``--concepts``: about 0.5 source hits per sentence, the realistic case;
- ``--terms synthetic`` (dense stress): the shipped glossary plus random word pairs of the checked sentences
  and of their aligned translations (zh: 4 characters), so that each sentence has about 5 hits;
- ``--concepts 76``: the shipped glossary alone.

Each measurement runs in fresh Python processes (``--runs``, the best is kept). *Cold* is the first pass of
such a process: empty caches, the Russian dictionary and the stemmers loaded on first use, every word
analysed for the first time, as in a CI job's ``hexaglot check``. *Warm* is a second pass in the same process
(word analyses memoised, source hits not). The glossary is read before the clock starts.

    python benchmarks/glossary_speed.py --table [--runner]   # the README table: 76 / 1,000 UNBIS / dense stress
    python benchmarks/glossary_speed.py [--terms unbis|synthetic] [--concepts 1000] [--segments 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks"))

from glossary_eval import LANGS, real_pairs  # noqa: E402

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
    words = [
        "victims",
        "of",
        "trafficking",
        "in",
        "persons",
        "were",
        "detected",
        "by",
        "Member",
        "States",
        "and",
        "civil",
        "society",
    ]
    rng = random.Random(1)
    return [{lang: " ".join(rng.choice(words) for _ in range(15)) for lang in ("en", *LANGS)} for _ in range(300)]


def _content_pair(text: str, rng: random.Random, zh: bool) -> str:
    """A random pair of adjacent content words (4 Chinese characters) of ``text``; '' if none."""
    if zh:
        runs = [run for run in re.findall(r"[\u4e00-\u9fff]{4,}", text)]
        if not runs:
            return ""
        run = rng.choice(runs)
        start = rng.randrange(len(run) - 3)
        return run[start : start + 4]
    words = [word.strip(',.;:()«»"“”') for word in text.split()]
    pairs = [
        f"{a} {b}" for a, b in itertools.pairwise(words) if len(a) >= 4 and len(b) >= 4 and a.isalpha() and b.isalpha()
    ]
    return rng.choice(pairs) if pairs else ""


def unbis_glossary(base: Glossary, total: int, seed: int = 7) -> Glossary | None:
    """The base glossary plus UNBIS thesaurus labels (real six-language terms) up to ``total`` concepts."""
    path = ROOT.parent / "shared" / "data" / "unbis-thesaurus" / "unbis_labels_6lang.tsv"
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]
    rows = [row for row in rows if all(row.get(lang) for lang in ("en", *LANGS)) and "," not in row["en"]]
    random.Random(seed).shuffle(rows)
    concepts = dict(base.concepts)
    for row in rows[: total - len(concepts)]:
        terms = {lang: LangTerms(row[lang]) for lang in ("en", *LANGS)}
        concepts[f"unbis-{row['identifier']}"] = Concept(f"unbis-{row['identifier']}", terms)
    return Glossary(concepts)


def synthetic_glossary(base: Glossary, rows: list[dict[str, str]], total: int, seed: int = 7) -> Glossary:
    rng = random.Random(seed)
    concepts = dict(base.concepts)
    number = 0
    while len(concepts) < total:
        row = rng.choice(rows)
        terms = {lang: LangTerms(_content_pair(row[lang], rng, lang == "zh")) for lang in ("en", *LANGS)}
        if all(terms[lang].preferred for lang in terms):
            number += 1
            concepts[f"synthetic-{number}"] = Concept(f"synthetic-{number}", terms)
    return Glossary(concepts)


CHECKS = ["glossary-missing", "glossary-forbidden", "glossary-dnt"]


def build(terms: str, concepts: int, segment_count: int) -> tuple[Glossary, list[Segment], int]:
    """The glossary, the segments and the number of distinct aligned sentences they cycle through."""
    rows = aligned_rows()
    base = load_glossaries([ROOT / "glossaries" / "trafficking.csv"])
    if concepts <= len(base):
        glossary = Glossary(dict(list(base.concepts.items())[:concepts]))
    else:
        glossary = (unbis_glossary(base, concepts) if terms == "unbis" else None) or synthetic_glossary(
            base, rows, concepts
        )
    # Every segment is made unique (a paragraph number appended) so that no cache sees the same text twice,
    # except the English source, shared by the five languages of a segment as in a real workflow.
    segments = [
        Segment(
            source=f"{rows[i % len(rows)]['en']} (para. {i})",
            target=f"{rows[i % len(rows)][lang]} (para. {i})",
            lang=lang,
            id=str(i),
        )
        for lang in LANGS
        for i in range(segment_count)
    ]
    return glossary, segments, len(rows)


def timed(function: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU seconds of a call, and its result."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - started, time.process_time() - cpu_started, result


def child(args: argparse.Namespace) -> dict:
    """One fresh process: a cold pass, then a warm one (with --jobs: one cold pass of the CLI runner)."""
    glossary, segments, distinct = build(args.terms, args.concepts, args.segments)
    if args.jobs:
        from translate.qa.runner import Group, run_groups

        group = Group(segments=segments, files=["benchmark"], glossaries=[glossary])
        wall, cpu, _ = timed(lambda: run_groups([group], CHECKS, None, jobs=args.jobs))
        return {"runner_wall": wall, "runner_cpu": cpu}
    result: dict = {"concepts": len(glossary), "segments": len(segments), "distinct": distinct}
    for label in ("cold", "warm"):
        glossary._source_cache.clear()
        context = CheckContext(glossaries=[glossary], segments=segments)
        wall, cpu, findings = timed(lambda context=context: sum(1 for _ in run_checks(segments, context, CHECKS)))
        result[f"{label}_wall"], result[f"{label}_cpu"], result["findings"] = wall, cpu, findings
    hits = sum(len(glossary.find_source_terms(segment.source)) for segment in segments[: args.segments])
    result["hits"] = hits / max(1, args.segments)
    return result


def best_of(args: argparse.Namespace, terms: str, concepts: int, jobs: int = 0) -> dict:
    """Run :func:`child` in ``--runs`` fresh processes; keep the best (smallest) of each time."""
    command = [sys.executable, __file__, "--child", "--terms", terms, "--concepts", str(concepts)]
    command += ["--segments", str(args.segments), "--jobs", str(jobs)]
    runs = [
        json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout) for _ in range(args.runs)
    ]
    best = dict(runs[0])
    for key in best:
        if key.endswith(("_wall", "_cpu")):
            best[key] = min(run[key] for run in runs)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--concepts", type=int, default=1_000)
    parser.add_argument(
        "--terms",
        choices=("synthetic", "unbis"),
        default="unbis",
        help="extra terms: UNBIS labels (about 0.5 hits per sentence) or word pairs of the checked sentences (5)",
    )
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per measurement (the best is kept)")
    parser.add_argument("--table", action="store_true", help="76 terms, 1,000 UNBIS terms, dense stress (Markdown)")
    parser.add_argument("--runner", action="store_true", help="also time `hexaglot check`'s runner, --jobs 1, 2, 5")
    parser.add_argument("--jobs", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return 0
    configs = (
        [("shipped", "unbis", 76), ("UNBIS", "unbis", 1000), ("dense stress", "synthetic", 1000)]
        if args.table
        else [(args.terms, args.terms, args.concepts)]
    )
    load = os.getloadavg()[0]
    print(f"{args.segments:,} segments x {len(LANGS)} languages, best of {args.runs} fresh processes\n")
    print("| glossary | concepts | source hits / sentence | cold wall | cold CPU | warm wall | warm CPU | findings |")
    print("|---|---|---|---|---|---|---|---|")
    for label, terms, concepts in configs:
        best = best_of(args, terms, concepts)
        print(
            f"| {label} | {best['concepts']:,} | {best['hits']:.1f} | {best['cold_wall']:.2f} s | "
            f"{best['cold_cpu']:.2f} s | {best['warm_wall']:.2f} s | {best['warm_cpu']:.2f} s | {best['findings']:,} |"
        )
    if args.runner:
        print()
        for label, terms, concepts in configs:
            timings = {jobs: best_of(args, terms, concepts, jobs) for jobs in (1, 2, 5)}
            print(
                f"- {label}: `hexaglot check` runner, cold, wall: "
                + ", ".join(f"--jobs {jobs} {timing['runner_wall']:.2f} s" for jobs, timing in timings.items())
            )
    print(f"\nload average (1 min) {load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
