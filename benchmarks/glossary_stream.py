"""CSV -> TBX conversion of a very large glossary in bounded memory (issue 10 item 8).

Writes a glossary CSV of N synthetic concepts (every language column filled), runs ``hexaglot glossary convert``
on it in a child process and prints the child's time and peak memory (max RSS). The conversion streams: rows are
read, validated and written one ``conceptEntry`` at a time into an atomic temporary file; only the ids seen are
kept (duplicate check), so memory grows by tens of bytes per concept, not with the document tree.

    python benchmarks/glossary_stream.py --concepts 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LANGS = ["en", "ar", "zh", "fr", "ru", "es"]


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", *LANGS, "note"])
        for number in range(count):
            writer.writerow(
                [
                    f"c{number}",
                    f"trafficking term {number}",
                    f"مصطلح {number}",
                    f"术语{number}",
                    f"terme de la traite {number}",
                    f"термин {number}",
                    f"término {number}",
                    "synthetic",
                ]
            )


def convert(source: Path, target: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KB) of one ``hexaglot glossary convert`` in a fresh child process."""
    code = (
        "import resource, sys\n"
        "from translate.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as done:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "    raise\n"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, "glossary", "convert", str(source), str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return seconds, int(result.stderr.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="hexaglot-glossary-") as scratch:
        for count in args.concepts:
            source = Path(scratch) / f"g{count}.csv"
            target = Path(scratch) / f"g{count}.tbx"
            write_csv(source, count)
            seconds, peak_kb = convert(source, target)
            sizes = f"CSV {source.stat().st_size / 1e6:7.1f} MB  TBX {target.stat().st_size / 1e6:7.1f} MB"
            print(f"{count:>9,} concepts  {sizes}  {seconds:6.1f} s  peak RSS {peak_kb / 1024:6.1f} MB")
            source.unlink()
            target.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
