"""Incremental memory benchmark (issue 13 item 2): memories of 100k and 1M en-fr units (benchmarks/tm_data.py).

For each size, in fresh processes:

* ``full build``: the index built from scratch (what every change cost before: the previous design rebuilt it);
* ``open + first search``: a new process loads the cached index and answers one query;
* ``tm import 48``: ``hexaglot tm import`` of the sample's 48-unit TMX (memories/glotip-2022.tmx) into the memory,
  as a command (Python start-up included) and as the ``Memory.import_files`` call;
* ``first search after an approval``: an approved-TMX write-back (1,000 units, then 2,000: the file is rewritten
  as ``tm update`` and the review app do) and the next search, in a process that has the memory open (the review
  app) and in a new process;
* ``draft``: ``hexaglot draft --engine none`` (TM only) of the sample report (5 languages) with the memory, right
  after a write-back (the index is stale): wall time and peak memory (``/usr/bin/time``);
* ``same as rebuild``: 300 queries, default and exhaustive search, against an index rebuilt from scratch
  (``--verify``; at 1M it costs a full build).

    .venv/bin/python benchmarks/tm_incremental.py [--sizes 100000 1000000] [--verify]

Generated memories are cached under benchmarks/out/ (ignored by git). Output: a Markdown table on stdout and
``benchmarks/out/tm-incremental.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

HEXAGLOT = str(Path(sys.executable).with_name("hexaglot"))
SMALL_TMX = REPO / "memories" / "glotip-2022.tmx"
SAMPLE = REPO / "workflows" / "glotip-sample"
PREVIOUS = {
    1_000_000: {"search_after_change_s": 22.9, "import_48_s": 24.5, "draft_s": 79.5, "draft_rss_mb": 3600},
}
"""The previous design's figures at 1M units (issue 13, same machine)."""


def generated(out: Path, size: int) -> Path:
    import tm_data

    path = out / f"tm-{size}.tmx"
    if not path.exists():
        tm_data.write_memory(path, tm_data.real_pairs(), size)
    return path


def approved_units(count: int, seed: int):
    """Approved segments as a write-back writes them: edited real sentences with context properties."""
    import random

    import tm_data

    from translate.formats.tmx import CONTEXT_NEXT, CONTEXT_PREV, TranslationUnit, Variant

    pairs = tm_data.real_pairs()
    rng = random.Random(seed)
    vocabulary = tm_data.vocabulary_of(pairs)
    units = []
    for number in range(count):
        _, en, fr = rng.choice(pairs)
        en, fr = tm_data.edit(en, fr, vocabulary, rng)
        props = [(CONTEXT_PREV, ""), (CONTEXT_NEXT, ""), ("x-segment", f"doc:p{number}:1")]
        variants = [Variant("en", en), Variant("fr", fr)]
        units.append(TranslationUnit(tuid=f"doc:p{number}:1", variants=variants, props=props))
    return units


def timed(command: list[str], **kwargs) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of a command, through /usr/bin/time."""
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "RSS_KB %M %U %S", *command], capture_output=True, text=True, **kwargs
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    _, rss, user, system = next(line for line in done.stderr.splitlines() if line.startswith("RSS_KB")).split()
    return wall, float(user) + float(system), int(rss) / 1024, done.stdout


class Clock:
    """Wall and CPU time of a block in this process."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def worker(size: int, out: Path, verify: bool, reuse_base: bool = False) -> dict:
    import tm_data

    from translate.formats.tmx import write_tmx
    from translate.memory import Memory

    source = generated(out, size)
    folder = out / f"incremental-{size}" / "memories"
    folder.mkdir(parents=True, exist_ok=True)
    for extra in folder.glob("*.tmx"):
        if extra.name != "main.tmx":
            extra.unlink()
    result: dict = {"units": size, "load_average_start": os.getloadavg()}
    if not (folder / "main.tmx").exists():
        shutil.copy(source, folder / "main.tmx")
    pointer = folder / ".cache" / "tm" / "index-en.json"
    if reuse_base and pointer.exists():  # the large segment of an earlier run (its build time is in its meta)
        base = json.loads(pointer.read_text())["segments"][0]["folder"]
        meta = json.loads((folder / ".cache" / "tm" / base / "meta.json").read_text())
        result["full_build_s"] = result["full_build_cpu_s"] = meta["build_seconds"]
        result["full_build_reused"] = True
    else:
        shutil.rmtree(folder / ".cache", ignore_errors=True)
        with Clock() as clock:
            Memory.from_directory(folder).compact("en")
        result["full_build_s"], result["full_build_cpu_s"] = clock.wall, clock.cpu
    queries = tm_data.queries(tm_data.real_pairs(), 300)

    code = (
        "import sys, time; from translate.memory import Memory; "
        "t, c = time.perf_counter(), time.process_time(); "
        f"m = Memory.from_directory({str(folder)!r}); m.search({queries[0]!r}, 'en', 'fr'); "
        "print(time.perf_counter() - t, time.process_time() - c)"
    )
    wall, cpu, rss, stdout = timed([sys.executable, "-c", code])
    result["open_first_search_s"], result["open_first_search_cpu_s"] = map(float, stdout.split())
    result["open_first_search_rss_mb"] = rss

    wall, cpu, rss, _ = timed([HEXAGLOT, "tm", "import", str(SMALL_TMX), "--memory", str(folder)])
    result["import_48_cli_s"], result["import_48_cli_cpu_s"] = wall, cpu
    (folder / SMALL_TMX.name).unlink()
    memory = Memory.from_directory(folder)
    memory.search(queries[1], "en", "fr")
    with Clock() as clock:
        memory.import_files([SMALL_TMX])
    result["import_48_call_s"], result["import_48_call_cpu_s"] = clock.wall, clock.cpu

    approved = folder / "job-approved.tmx"
    for count, key in ((1_000, "1000"), (2_000, "2000")):
        write_tmx(approved, approved_units(count, seed=count), srclang="en")
        with Clock() as clock:
            memory.search(queries[2], "en", "fr")
        result[f"search_after_approval_{key}_warm_s"] = clock.wall
        result[f"search_after_approval_{key}_warm_cpu_s"] = clock.cpu
    write_tmx(approved, approved_units(2_500, seed=7), srclang="en")
    wall, cpu, rss, stdout = timed([sys.executable, "-c", code])
    result["search_after_approval_cold_s"], result["search_after_approval_cold_cpu_s"] = map(float, stdout.split())

    workflow = out / f"incremental-{size}" / "job"
    shutil.rmtree(workflow, ignore_errors=True)
    shutil.copytree(SAMPLE / "sources", workflow / "sources", ignore=shutil.ignore_patterns("*.py"))
    (workflow / "workflow.yaml").write_text(
        (SAMPLE / "workflow.yaml")
        .read_text(encoding="utf-8")
        .replace("../../memories", str(folder))
        .replace("../../glossaries", str(REPO / "glossaries"))
        + f"allow_outside: [{folder}, {REPO / 'glossaries'}]\n",
        encoding="utf-8",
    )
    subprocess.run([HEXAGLOT, "import", str(workflow)], check=True, capture_output=True)
    write_tmx(approved, approved_units(3_000, seed=8), srclang="en")  # stale: the write-back changed a file
    wall, cpu, rss, _ = timed([HEXAGLOT, "draft", str(workflow), "--engine", "none"])
    result["draft_s"], result["draft_cpu_s"], result["draft_rss_mb"] = wall, cpu, rss

    if verify:
        fresh = Memory(sorted(folder.glob("*.tmx")), out / f"incremental-{size}" / "fresh-cache")
        same = 0
        for query in queries:
            for exhaustive in (False, True):
                ours = memory.search(query, "en", "fr", min_score=50, limit=5, exhaustive=exhaustive)
                theirs = fresh.search(query, "en", "fr", min_score=50, limit=5, exhaustive=exhaustive)
                same += [m.to_dict() for m in ours] == [m.to_dict() for m in theirs]
        result["same_as_rebuild"] = f"{same}/{2 * len(queries)}"
        shutil.rmtree(out / f"incremental-{size}" / "fresh-cache", ignore_errors=True)
    result["segments"] = len(json.loads((folder / ".cache" / "tm" / "index-en.json").read_text())["segments"])
    result["load_average_end"] = os.getloadavg()
    return result


def was(previous: dict, key: str, unit: str = "s") -> str:
    return f" (was {previous[key]:g} {unit})" if key in previous else ""


def pair(row: dict, key: str) -> str:
    """``wall / CPU`` seconds."""
    return f"{row[key + '_s']:.2f} / {row[key + '_cpu_s']:.2f} s"


def markdown(results: list[dict]) -> str:
    lines = [
        "| units | full build | open + 1st search | `tm import` 48 units: command; call "
        "| 1st search after approval: open app, 1,000 / 2,000 units; new process | `draft` after a write-back "
        "| same as rebuild | load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results:
        previous = PREVIOUS.get(row["units"], {})
        lines.append(
            f"| {row['units']:,} | {pair(row, 'full_build')} | {pair(row, 'open_first_search')} "
            f"| {pair(row, 'import_48_cli')}; {pair(row, 'import_48_call')}{was(previous, 'import_48_s')} "
            f"| {pair(row, 'search_after_approval_1000_warm')} / {pair(row, 'search_after_approval_2000_warm')}; "
            f"{pair(row, 'search_after_approval_cold')}{was(previous, 'search_after_change_s')} "
            f"| {pair(row, 'draft')}{was(previous, 'draft_s')}, "
            f"{row['draft_rss_mb']:.0f} MB{was(previous, 'draft_rss_mb', 'MB')} "
            f"| {row.get('same_as_rebuild', '-')} "
            f"| {row['load_average_start'][0]:.1f}-{row['load_average_end'][0]:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--verify", action="store_true", help="Compare 600 searches with a rebuilt index.")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--reuse-base", action="store_true", help="Keep the large segment of an earlier run.")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.worker:
        print(json.dumps(worker(args.worker, args.out, args.verify, args.reuse_base)))
        return
    results = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--worker", str(size), "--out", str(args.out)]
        command += ["--verify"] if args.verify else []
        command += ["--reuse-base"] if args.reuse_base else []
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"size {size} failed:\n{done.stderr}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), file=sys.stderr)
    machine = {"cpus": os.cpu_count(), "load_average": os.getloadavg(), "python": sys.version.split()[0]}
    (args.out / "tm-incremental.json").write_text(json.dumps({"machine": machine, "results": results}, indent=1))
    print(markdown(results))
    print(f"\nmachine: {machine}")


if __name__ == "__main__":
    main()
