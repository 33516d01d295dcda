"""Translation-memory benchmark: import time, index size, query latency, recall@1 against exhaustive search,
peak memory, and Translate Toolkit's matcher on the same memories and queries, in the same run.

    .venv/bin/python benchmarks/tm_benchmark.py                      # 10k, 100k, 1M units
    .venv/bin/python benchmarks/tm_benchmark.py --sizes 10000 --queries 200

Memories are real en-fr pairs from ../shared/data plus generated near-duplicates (benchmarks/tm_data.py);
queries are real sentences with 1-3 words edited. Each size runs in its own process (one core: numpy and
rapidfuzz single-threaded), so peak memory (``ru_maxrss``) is per size. Latency is measured warm (index
loaded) per query, as wall time and as CPU time of the process (the CPU figure is the one that does not
depend on what else the machine runs). Translate Toolkit (``translate.search.match.matcher``) runs through
``--ttk-python`` (a separate venv: its package is also named ``translate``). Output: a Markdown table on
stdout and ``benchmarks/out/tm-benchmark.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
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

MIN_SCORE = 50


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[position]


def worker(size: int, out: Path, query_count: int, exhaustive_count: int) -> dict:
    """One memory size, in this process: generate (cached), import, query."""
    import tm_data

    from translate.memory.store import Memory, _folder_size

    pairs = tm_data.real_pairs()
    tmx = out / f"tm-{size}.tmx"
    if not tmx.exists():
        tm_data.write_memory(tmx, pairs, size)
    queries = tm_data.queries(pairs, query_count)
    (out / f"queries-{size}.txt").write_text("\n".join(queries) + "\n", encoding="utf-8")

    folder = out / f"memory-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    Memory.from_directory(folder).import_files([tmx])
    import_wall, import_cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start

    wall_start = time.perf_counter()
    memory = Memory.from_directory(folder)
    index = memory.index("en")
    _ = index.tokens.strings
    load_wall = time.perf_counter() - wall_start

    for query in queries[:5]:
        memory.search(query, "en", "fr", min_score=MIN_SCORE, limit=1)
    wall, cpu, best = [], [], []
    for query in queries:
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        found = memory.search(query, "en", "fr", min_score=MIN_SCORE, limit=1)
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
        best.append(found[0].score if found else None)

    exhaustive_wall, agree, with_match = [], 0, 0
    for number, query in enumerate(queries[:exhaustive_count]):
        wall_start = time.perf_counter()
        truth = memory.search(query, "en", "fr", min_score=MIN_SCORE, limit=1, exhaustive=True)
        exhaustive_wall.append(time.perf_counter() - wall_start)
        truth_score = truth[0].score if truth else None
        agree += truth_score == best[number]
        with_match += truth_score is not None
    checked = min(exhaustive_count, len(queries))
    return {
        "units": size,
        "tmx_bytes": tmx.stat().st_size,
        "import_wall_s": import_wall,
        "import_cpu_s": import_cpu,
        "index_bytes": _folder_size(folder / ".cache"),
        "load_wall_s": load_wall,
        "queries": len(queries),
        "p50_ms": 1e3 * percentile(wall, 0.5),
        "p95_ms": 1e3 * percentile(wall, 0.95),
        "cpu_p50_ms": 1e3 * percentile(cpu, 0.5),
        "cpu_p95_ms": 1e3 * percentile(cpu, 0.95),
        "recall_at_1": agree / checked if checked else float("nan"),
        "recall_checked": checked,
        "recall_with_match": with_match,
        "exhaustive_p50_ms": 1e3 * percentile(exhaustive_wall, 0.5),
        "best_scores_median": statistics.median([score for score in best if score is not None] or [0]),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_ttk(python: str, out: Path, size: int, query_count: int) -> dict | None:
    queries = (out / f"queries-{size}.txt").read_text(encoding="utf-8").splitlines()[:query_count]
    subset = out / f"ttk-queries-{size}.txt"
    subset.write_text("\n".join(queries) + "\n", encoding="utf-8")
    command = [python, str(HERE / "ttk_matcher.py"), str(out / f"tm-{size}.tmx"), str(subset), str(MIN_SCORE)]
    # Run outside the repository: its ``translate`` package must not shadow Translate Toolkit's.
    result = subprocess.run(command, capture_output=True, text=True, cwd="/", check=False)
    if result.returncode != 0:
        print(f"Translate Toolkit failed: {result.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    data = json.loads(result.stdout)
    return {
        "units": data["units"],
        "queries": len(data["wall"]),
        "load_s": data["load_seconds"],
        "p50_ms": 1e3 * percentile(data["wall"], 0.5),
        "p95_ms": 1e3 * percentile(data["wall"], 0.95),
        "cpu_p50_ms": 1e3 * percentile(data["cpu"], 0.5),
        "cpu_p95_ms": 1e3 * percentile(data["cpu"], 0.95),
        "peak_rss_mb": data["peak_rss_mb"],
    }


def markdown(results: list[dict]) -> str:
    lines = [
        "| units | import (wall / CPU) | index on disk | peak RSS | p50 / p95 ms (wall) | p50 / p95 ms (CPU) "
        "| recall@1 | exhaustive p50 | TTK p50 / p95 ms (wall) | TTK p50 ms (CPU) | speed-up (wall / CPU) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results:
        ttk = row.get("ttk")
        ttk_cells = (
            f"{ttk['p50_ms']:.1f} / {ttk['p95_ms']:.1f} | {ttk['cpu_p50_ms']:.1f} | "
            f"{ttk['p50_ms'] / row['p50_ms']:.0f}x / {ttk['cpu_p50_ms'] / row['cpu_p50_ms']:.0f}x"
            if ttk
            else "- | - | -"
        )
        lines.append(
            f"| {row['units']:,} | {row['import_wall_s']:.1f} s / {row['import_cpu_s']:.1f} s "
            f"| {row['index_bytes'] / 1e6:.0f} MB | {row['peak_rss_mb']:.0f} MB "
            f"| {row['p50_ms']:.2f} / {row['p95_ms']:.2f} | {row['cpu_p50_ms']:.2f} / {row['cpu_p95_ms']:.2f} "
            f"| {row['recall_at_1']:.3f} ({row['recall_checked']} q) | {row['exhaustive_p50_ms']:.0f} ms "
            f"| {ttk_cells} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--exhaustive-queries", type=int, default=500, help="Queries checked against --exhaustive.")
    parser.add_argument("--ttk-python", default="/tmp/ttk-venv/bin/python")
    parser.add_argument("--ttk-queries", type=int, default=100)
    parser.add_argument("--ttk-max-units", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.worker:
        print(json.dumps(worker(args.worker, args.out, args.queries, args.exhaustive_queries)))
        return
    results = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--worker", str(size), "--queries", str(args.queries)]
        command += ["--exhaustive-queries", str(args.exhaustive_queries), "--out", str(args.out)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"size {size} failed:\n{done.stderr}")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        if size <= args.ttk_max_units and Path(args.ttk_python).exists():
            row["ttk"] = run_ttk(args.ttk_python, args.out, size, args.ttk_queries)
        results.append(row)
        print(json.dumps(row), file=sys.stderr)
    machine = {"cpus": os.cpu_count(), "load_average": os.getloadavg(), "python": sys.version.split()[0]}
    (args.out / "tm-benchmark.json").write_text(json.dumps({"machine": machine, "results": results}, indent=1))
    print(markdown(results))
    print(f"\nmachine: {machine}")


if __name__ == "__main__":
    main()
