"""The memory on PostgreSQL (issue 13 item 4) against the local index, at 100k and 1M en-fr units.

For each size, on a throwaway PostgreSQL cluster on 127.0.0.1 (tests/pg_cluster.py, over TCP):

* ``import``: ``PostgresMemory.import_files`` of the generated TMX (benchmarks/tm_data.py), wall and client CPU;
* ``search``: 300 held-out queries (real sentences with 1-3 words edited), p50 / p95 latency, warm;
* ``same as local``: each query's top-5 (source, target, score, context, numbers) equal to the local index's built
  from the same file, and the best score equal;
* ``48 units``: the sample's 48-unit TMX imported beside the large file;
* ``first search after an approval``: 1,000 approved units written back (``import_units``, replacing that file's
  units as a write-back does), then one search.

    .venv/bin/python benchmarks/tm_postgres.py [--sizes 100000 1000000] [--queries 300]

Output: Markdown rows on stdout and benchmarks/out/tm-postgres.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

OUT = HERE / "out"
SMALL_TMX = REPO / "memories" / "glotip-2022.tmx"


def _top(matches) -> list[tuple]:
    return [(m.source, m.target, m.score, m.context, m.numbers) for m in matches]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def run_size(size: int, dsn: str, count: int) -> dict:
    import tm_data
    from tm_incremental import approved_units, generated

    from translate.memory import Memory, PostgresMemory

    result: dict = {"units": size, "load_average_start": os.getloadavg()}
    source = generated(OUT, size)
    folder = OUT / f"pg-local-{size}" / "memories"
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "main.tmx").exists():
        shutil.copy(source, folder / "main.tmx")
    local = Memory.from_directory(folder)
    local.search("warm-up sentence", "en", "fr")  # builds (or loads) the local index once

    memory = PostgresMemory(dsn)
    wall, cpu = time.perf_counter(), time.process_time()
    memory.import_files([folder / "main.tmx"])
    result["import_wall_s"], result["import_cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
    result["database_bytes"] = memory.stats("en")["cache_bytes"]

    queries = tm_data.queries(tm_data.real_pairs(), count)
    memory.search(queries[0], "en", "fr")
    latencies, same, same_best = [], 0, 0
    for query in queries:
        started = time.perf_counter()
        found = memory.search(query, "en", "fr")
        latencies.append((time.perf_counter() - started) * 1000)
        expected = local.search(query, "en", "fr")
        same += _top(found) == _top(expected)
        same_best += (found[0].score if found else None) == (expected[0].score if expected else None)
    result.update(
        search_p50_ms=statistics.median(latencies),
        search_p95_ms=_percentile(latencies, 0.95),
        same_top5=f"{same}/{len(queries)}",
        same_best=f"{same_best}/{len(queries)}",
    )

    target = folder / SMALL_TMX.name
    shutil.copy(SMALL_TMX, target)
    wall = time.perf_counter()
    memory.import_files([target])
    result["import_48_s"] = time.perf_counter() - wall
    target.unlink()

    for approved in (1000, 2000):
        units = approved_units(approved, seed=approved)
        wall = time.perf_counter()
        memory.import_units("bench-approved.tmx", units)
        memory.search(queries[1], "en", "fr")
        result[f"search_after_{approved}_approved_s"] = time.perf_counter() - wall
    result["load_average_end"] = os.getloadavg()
    memory.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    from pg_cluster import start_cluster

    OUT.mkdir(exist_ok=True)
    cluster = start_cluster()
    os.environ["PGPASSFILE"] = str(cluster.pgpass)
    rows = []
    print("| units | import (wall / client CPU) | database | search p50 / p95 | same top-5 as local | same best score "
          "| 48 units | 1st search after 1,000 / 2,000 approved | load avg |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    try:
        for size in args.sizes:
            row = run_size(size, cluster.create_database(), args.queries)
            rows.append(row)
            print(
                f"| {size:,} | {row['import_wall_s']:.1f} / {row['import_cpu_s']:.1f} s | "
                f"{row['database_bytes'] / 1e6:.0f} MB | {row['search_p50_ms']:.1f} / {row['search_p95_ms']:.1f} ms | "
                f"{row['same_top5']} | {row['same_best']} | {row['import_48_s']:.2f} s | "
                f"{row['search_after_1000_approved_s']:.2f} / {row['search_after_2000_approved_s']:.2f} s | "
                f"{row['load_average_start'][0]:.1f}-{row['load_average_end'][0]:.1f} |",
                flush=True,
            )
            (OUT / "tm-postgres.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
