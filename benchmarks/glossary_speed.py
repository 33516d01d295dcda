"""Speed of the glossary checks: 10,000 segments x 5 languages against a 1,000-concept glossary (target <= 2 s).

Segments cycle through the real six-language SDG / UDHR / GA texts in ../shared/data (generated sentences
when absent). The glossary is glossaries/trafficking.csv plus synthetic concepts up to 1,000: each takes a
random English word pair from a real sentence and, per language, a random word pair (zh: 4 characters)
of the aligned translation, so synthetic terms really occur and get checked.

    python benchmarks/glossary_speed.py [--segments 10000] [--concepts 1000]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import sys
import time
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--concepts", type=int, default=1_000)
    parser.add_argument(
        "--terms",
        choices=("synthetic", "unbis"),
        default="synthetic",
        help="extra terms: word pairs taken from the checked sentences (every segment has hits) or UNBIS labels",
    )
    args = parser.parse_args()
    rows = aligned_rows()
    started = time.perf_counter()
    base = load_glossaries([ROOT / "glossaries" / "trafficking.csv"])
    glossary = (unbis_glossary(base, args.concepts) if args.terms == "unbis" else None) or synthetic_glossary(
        base, rows, args.concepts
    )
    load_time = time.perf_counter() - started
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
        for i in range(args.segments)
    ]
    checks = ["glossary-missing", "glossary-forbidden", "glossary-dnt"]
    timings = []
    for _ in range(2):  # cold: every word analysed for the first time; warm: word analyses memoised
        glossary._source_cache.clear()
        context = CheckContext(glossaries=[glossary], segments=segments)
        started, cpu_started = time.perf_counter(), time.process_time()
        findings = sum(1 for _ in run_checks(segments, context, checks))
        timings.append((time.perf_counter() - started, time.process_time() - cpu_started))
    elapsed, cpu = timings[-1]
    # The same work through `hexaglot check`'s runner: one task per language, forked worker processes.
    from translate.cli.check_cmd import Group, run_groups

    group = Group(segments=segments, files=["benchmark"], glossaries=[glossary])
    parallel = {}
    for jobs in sorted({1, min(5, os.cpu_count() or 1), 5}):
        glossary._source_cache.clear()
        started = time.perf_counter()
        run_groups([group], checks, None, jobs=jobs)
        parallel[jobs] = time.perf_counter() - started
    hits = sum(len(glossary.find_source_terms(row["en"])) for row in rows)
    print(f"glossary: {len(glossary)} concepts (built in {load_time:.2f} s); {len(rows)} distinct aligned sentences")
    print(f"source hits per distinct sentence: {hits / len(rows):.1f}")
    print(
        f"checked {len(segments):,} segments ({args.segments:,} x {len(LANGS)} languages): "
        f"cold {timings[0][0]:.2f} s (CPU {timings[0][1]:.2f} s), warm {elapsed:.2f} s (CPU {cpu:.2f} s, "
        f"{len(segments) / cpu:,.0f} segments per CPU second); {findings:,} findings; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print("hexaglot check runner (wall): " + ", ".join(f"{jobs} job(s) {t:.2f} s" for jobs, t in parallel.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
