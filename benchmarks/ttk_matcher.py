"""Translate Toolkit's matcher on a TMX memory: run with the Python of a separate venv that has
translate-toolkit (its import package is also called ``translate``), from a folder outside the repository.

    /tmp/ttk-venv/bin/python ttk_matcher.py MEMORY.tmx QUERIES.txt MIN_SIMILARITY > result.json

Prints JSON: load seconds, per-query seconds (wall and CPU), best score per query.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    memory_path, queries_path, min_similarity = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from translate.search import match
    from translate.storage import tmx

    started = time.perf_counter()
    with open(memory_path, "rb") as handle:
        store = tmx.tmxfile(handle)
    # max_length: the default (70 characters) would skip most real sentences.
    matcher = match.matcher(store, max_candidates=1, min_similarity=min_similarity, max_length=2000)
    load_seconds = time.perf_counter() - started
    with open(queries_path, encoding="utf-8") as handle:
        queries = handle.read().splitlines()
    wall, cpu, best = [], [], []
    for query in queries:
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        found = matcher.matches(query)
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
        best.append(float(found[0].getnotes().split("%")[0]) if found else None)
    json.dump(
        {
            "units": len(store.units),
            "load_seconds": load_seconds,
            "wall": wall,
            "cpu": cpu,
            "best": best,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rapidfuzz": match.__dict__.get("Levenshtein") is not None or "rapidfuzz" in sys.modules,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
