"""A new edition of the report (issue 19): ``import`` of a changed edition and ``status`` at 2.5k, 25k and 200k words.

The job: real English sentences (benchmarks/tm_data.py: TICO-19, NTREX-128, FLORES-200, SDG; edited copies when
more are needed) in four Markdown chapters of 3-5-sentence paragraphs, five target languages, every segment
translated. The new edition edits 90 % of the sentences (1-3 words each, as tm_data's queries) and the timed
``import`` brings the five catalogs in line (fuzzy matching, write). ``status`` (table and JSON) then reads them.
In the same run, the matching alone is timed with the previous quadratic loop (``--old-max-words``: above that it
is skipped, it takes minutes) against the bulk matcher on the same sentences of one language.

    .venv/bin/python benchmarks/edition_benchmark.py [--words 2500 25000 200000] [--chapter-words 6250]

Output: a Markdown table (wall / CPU seconds, growth exponents) on stdout and benchmarks/out/edition-benchmark.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

HEXAGLOT = str(Path(sys.executable).with_name("hexaglot"))
CHAPTERS = 4
"""Chapters of the job unless --chapter-words is given (then each has about that many words)."""
CLOSE = 80.0
"""A changed sentence whose best old sentence scores at least this is counted as an edited one."""
PREVIOUS = {
    "matching": "1k / 2k / 4k changed sentences per language: 0.27 / 1.07 / 4.33 s (about 5 min at 14k)",
    "status": "5 x 10k segments: table 4.6 s, JSON 2.1 s",
}


class Clock:
    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of a command."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "CPU %U %S", *command], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    _, user, system = next(line for line in done.stderr.splitlines() if line.startswith("CPU ")).split()
    return wall, float(user) + float(system)


def sentences_for(words: int, rng: random.Random) -> list[str]:
    import tm_data

    pairs = tm_data.real_pairs()
    vocabulary = tm_data.vocabulary_of(pairs)
    pool = [en for _, en, _ in pairs if 4 <= len(en.split()) <= 60 and not en.startswith(("#", "-", "*", "|"))]
    rng.shuffle(pool)
    chosen: list[str] = []
    seen: set[str] = set()
    total = 0
    while total < words:
        text = pool[len(chosen) % len(pool)]
        if len(chosen) >= len(pool):
            text = tm_data.edit(text, "", vocabulary, rng)[0]
        if text in seen:
            continue
        seen.add(text)
        chosen.append(text)
        total += len(text.split())
    return chosen


def write_sources(root: Path, sentences: list[str], chapters: int = CHAPTERS) -> None:
    """``chapters`` chapters of numbered paragraphs (3-5 sentences each)."""
    per_chapter = math.ceil(len(sentences) / chapters)
    for chapter in range(chapters):
        part = sentences[chapter * per_chapter : (chapter + 1) * per_chapter]
        lines = [f"# Chapter {chapter + 1}", ""]
        position = number = 0
        while position < len(part):
            size = 3 + (number % 3)
            number += 1
            lines += [f"{number}. " + " ".join(part[position : position + size]), ""]
            position += size
        (root / "sources" / f"chapter-{chapter + 1}.md").write_text("\n".join(lines), encoding="utf-8")


def make_job(root: Path, sentences: list[str], chapters: int = CHAPTERS) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "sources").mkdir(parents=True)
    write_sources(root, sentences, chapters)
    names = ", ".join(f"sources/chapter-{n + 1}.md" for n in range(chapters))
    (root / "workflow.yaml").write_text(f"name: edition\nsources: [{names}]\n", encoding="utf-8")


def translate_all(root: Path) -> None:
    from translate.catalog import Catalog, set_translated
    from translate.workflow import load_workflow

    workflow = load_workflow(root)
    for lang in workflow.target_languages:
        catalog = Catalog.load(workflow.catalog_path(lang), lang)
        for entry in catalog:
            set_translated(entry, f"[{lang}] {entry.msgid}", by="bench")
        catalog.save()


def old_matching(pending: list[tuple[str, str]], old: list[tuple[str, str]]) -> int:
    """The matching loop as it was before issue 19: for every changed sentence, the candidates rebuilt from every
    unused entry (its document parsed from the segment id) and scored with extractOne."""
    import polib
    from rapidfuzz import fuzz, process

    from translate.importer import _document_of

    entries = [polib.POEntry(msgctxt=f"{doc}:p{n}:1", msgid=msgid, msgstr="x") for n, (doc, msgid) in enumerate(old)]
    unused = {id(entry): entry for entry in entries}
    taken = 0
    for document, text in pending:
        candidates = {
            key: entry.msgid for key, entry in unused.items() if entry.msgstr and _document_of(entry) == document
        }
        best = process.extractOne(text, candidates, scorer=fuzz.ratio, score_cutoff=60) if candidates else None
        if best is not None:
            del unused[best[2]]
            taken += 1
    return taken


def new_matching(pending: list[tuple[str, str]], old: list[tuple[str, str]]) -> dict:
    """The matcher on the same sentences; each changed sentence's own time is added up by what it found: ``close``
    (an old sentence of ratio >= CLOSE, an edited sentence) or ``far`` (less, or nothing: merged, split or rewritten
    sentences, for which the exact rule has to look at much of the document)."""
    from translate.previous_match import DocumentPool

    by_document: dict[str, list[str]] = {}
    for document, msgid in old:
        by_document.setdefault(document, []).append(msgid)
    pools: dict[str, DocumentPool] = {}
    result = {"taken": 0, "close": 0, "close_s": 0.0, "far": 0, "far_s": 0.0}
    for document, text in pending:
        pool = pools.get(document)
        if pool is None:
            pool = pools[document] = DocumentPool(by_document.get(document, []))
        started = time.perf_counter()
        found = pool.take_best(text)
        elapsed = time.perf_counter() - started
        kind = "close" if found is not None and found[1] >= CLOSE else "far"
        result[kind] += 1
        result[f"{kind}_s"] += elapsed
        result["taken"] += found is not None
    result["largest_document"] = max(map(len, by_document.values()), default=0)
    return result


def run_size(words: int, out: Path, old_max_words: int, chapter_words: int | None = None) -> dict:
    from translate.importer import import_workflow, read_workflow_sources
    from translate.workflow import load_workflow

    rng = random.Random(words)
    sentences = sentences_for(words, rng)
    chapters = max(1, round(words / chapter_words)) if chapter_words else CHAPTERS
    root = out / f"edition-{words}"
    make_job(root, sentences, chapters)
    workflow = load_workflow(root)
    before = read_workflow_sources(workflow)
    with Clock() as first:
        import_workflow(workflow)
    translate_all(root)
    import tm_data

    vocabulary = tm_data.vocabulary_of(tm_data.real_pairs())
    edited = [tm_data.edit(text, "", vocabulary, rng)[0] if rng.random() < 0.9 else text for text in sentences]
    write_sources(root, edited, chapters)
    after = read_workflow_sources(workflow)
    old_pairs = [(segment.document, segment.text) for segment in before]
    new_pairs = [(segment.document, segment.text) for segment in after]
    old_set, new_set = set(old_pairs), set(new_pairs)
    pending = [pair for pair in new_pairs if pair not in old_set]
    old = [pair for pair in old_pairs if pair not in new_set]
    row: dict = {
        "words": sum(len(text.split()) for text in sentences),
        "segments": len(before),
        "changed": len(pending),
        "chapters": chapters,
        "load_average_start": os.getloadavg(),
        "first_import_s": first.wall,
    }
    with Clock() as clock:
        report = import_workflow(workflow)
    row["import_s"], row["import_cpu_s"] = clock.wall, clock.cpu
    row["languages"] = len(report.languages)
    row["fuzzy_taken"] = report.languages["fr"].changed
    with Clock() as clock:
        matching = new_matching(pending, old)
    row["match_new_s"], row["match_new_cpu_s"] = clock.wall, clock.cpu
    row["matched_new"] = matching.pop("taken")
    row["matching"] = matching
    if row["words"] <= old_max_words:
        with Clock() as clock:
            row["matched_old"] = old_matching(pending, old)
        row["match_old_s"], row["match_old_cpu_s"] = clock.wall, clock.cpu
    for name, extra in (("status_table", []), ("status_json", ["--format", "json"])):
        row[f"{name}_s"], row[f"{name}_cpu_s"] = timed([HEXAGLOT, "status", str(root), *extra])
    row["load_average_end"] = os.getloadavg()
    return row


def exponent(rows: list[dict], key: str, first: int, second: int) -> str:
    a, b = rows[first], rows[second]
    if key not in a or key not in b or a[key] <= 0:
        return "-"
    return f"{math.log(b[key] / a[key]) / math.log(b['words'] / a['words']):.2f}"


def markdown(rows: list[dict]) -> str:
    def cell(row: dict, key: str) -> str:
        if f"{key}_s" not in row:
            return "-"
        return f"{row[key + '_s']:.2f} / {row[key + '_cpu_s']:.2f} s"

    lines = [
        "| words | segments | changed | `import` of the new edition, 5 languages | per language "
        "| matching, 1 language: bulk / previous loop | `status` table | `status --format json` | load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        per_language = f"{row['import_s'] / row['languages']:.2f} / {row['import_cpu_s'] / row['languages']:.2f} s"
        lines.append(
            f"| {row['words']:,} | {row['segments']:,} | {row['changed']:,} | {cell(row, 'import')} | {per_language} "
            f"| {cell(row, 'match_new')}; {cell(row, 'match_old')} | {cell(row, 'status_table')} "
            f"| {cell(row, 'status_json')} "
            f"| {row['load_average_start'][0]:.1f}-{row['load_average_end'][0]:.1f} |"
        )
    if len(rows) >= 2:
        lines.append("")
        lines.append("Growth exponents (CPU time ∝ words^k):")
        for first, second in zip(range(len(rows) - 1), range(1, len(rows)), strict=True):
            keys = ("import_cpu_s", "match_new_cpu_s", "match_old_cpu_s", "status_table_cpu_s", "status_json_cpu_s")
            parts = ", ".join(f"{key[:-6]} {exponent(rows, key, first, second)}" for key in keys)
            lines.append(f"- {rows[first]['words']:,} -> {rows[second]['words']:,} words: {parts}")
    return "\n".join(lines) + "\n\n" + matching_markdown(rows)


def matching_markdown(rows: list[dict]) -> str:
    """Where the matching's time goes: edited sentences (close) and the rest (far), per sentence."""

    def each(row: dict, kind: str) -> str:
        count = row["matching"][kind]
        return f"{count:,} × {row['matching'][kind + '_s'] / count * 1e6:.0f} µs" if count else "-"

    lines = [
        "| words | chapters | old sentences in the largest chapter | matching, 1 language "
        f"| close (>= {CLOSE:g}) | far (< {CLOSE:g} or none) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['words']:,} | {row['chapters']} | {row['matching']['largest_document']:,} "
            f"| {row['match_new_cpu_s']:.3f} s | {each(row, 'close')} | {each(row, 'far')} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[2_500, 25_000, 200_000])
    parser.add_argument("--old-max-words", type=int, default=30_000)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument(
        "--chapter-words",
        type=int,
        help=f"chapters of about this many words (default: {CHAPTERS} chapters whatever the size)",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for words in args.words:
        rows.append(run_size(words, args.out, args.old_max_words, args.chapter_words))
        print(json.dumps(rows[-1]), file=sys.stderr)
    machine = {"cpus": os.cpu_count(), "load_average": os.getloadavg(), "python": sys.version.split()[0]}
    name = f"edition-benchmark-chapters-{args.chapter_words}.json" if args.chapter_words else "edition-benchmark.json"
    (args.out / name).write_text(json.dumps({"machine": machine, "rows": rows}, indent=1))
    print(markdown(rows))
    print(f"\nprevious figures (issue 19): {PREVIOUS}")
    print(f"machine: {machine}")


if __name__ == "__main__":
    main()
