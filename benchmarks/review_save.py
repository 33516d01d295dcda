"""How long a review action takes to reach the disk, by catalog size (locked re-read, one-segment merge, atomic
write with fsync, journal line), and how long ``hexaglot assign`` and the review app's start take.

    .venv/bin/python benchmarks/review_save.py [--sizes 200 1000 5000] [--repeat 20]

Text: FLORES-200 devtest English (../shared/data) when present, else synthetic report-like sentences.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import polib
import yaml

from translate.catalog import Catalog, Provenance, set_draft
from translate.review.routing import assign_language
from translate.review.session import ReviewSession
from translate.review.store import ReviewStore
from translate.workflow import load_workflow

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-devtest"


def sentences(count: int) -> list[tuple[str, str]]:
    english = DATA / "eng_Latn.devtest"
    french = DATA / "fra_Latn.devtest"
    if english.exists() and french.exists():
        pairs = list(zip(english.read_text("utf-8").splitlines(), french.read_text("utf-8").splitlines(), strict=False))
    else:
        pairs = [
            (f"In {2000 + n % 20}, {n} countries reported victims of trafficking in persons.", f"En {n} pays.")
            for n in range(1000)
        ]
    return [
        (f"{src} ({n // len(pairs)})" if n >= len(pairs) else src, tgt)
        for n, (src, tgt) in enumerate(pairs[i % len(pairs)] for i in range(count))
    ]


def build(root: Path, count: int) -> Path:
    job = root / f"job-{count}"
    job.mkdir(parents=True)
    data = {
        "name": "bench",
        "target_languages": ["fr"],
        "sources": ["sources/report.md"],
        "reviewers": {"fr": {"translation": ["a", "b", "c"], "revision": [{"name": "s", "senior": True}, "d"]}},
    }
    (job / "workflow.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    catalog = Catalog.new(job / "translations" / "fr.po", "fr", "bench")
    for n, (source, target) in enumerate(sentences(count)):
        entry = polib.POEntry(msgctxt=f"doc-{n // 400}:{n // 4:08x}:{n % 4 + 1}", msgid=source, msgstr="")
        set_draft(entry, target, Provenance(origin="mt", engine="marian"))
        catalog.po.append(entry)
    catalog.save()
    return job


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print("| segments | accept to disk (median) | p95 | assign (first run) | assign (re-run) | app session start |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            wf = load_workflow(build(Path(tmp), size))
            started = time.perf_counter()
            assign_language(wf, "fr")
            assign_first = time.perf_counter() - started
            started = time.perf_counter()
            assign_language(wf, "fr")
            assign_again = time.perf_counter() - started
            started = time.perf_counter()
            session = ReviewSession(wf, "fr", by="bench")
            session_start = time.perf_counter() - started
            store = ReviewStore.for_workflow(wf, "fr")
            timings = []
            for n in range(args.repeat):
                segment = session.queue[n % len(session.queue)]
                started = time.perf_counter()
                store.accept(segment, "bench")
                timings.append(time.perf_counter() - started)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            print(
                f"| {size:,} | {statistics.median(timings) * 1000:.0f} ms | {p95 * 1000:.0f} ms | "
                f"{assign_first:.2f} s | {assign_again:.2f} s | {session_start:.2f} s |"
            )


if __name__ == "__main__":
    main()
