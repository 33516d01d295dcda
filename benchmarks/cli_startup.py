"""How fast ``hexaglot --help`` answers (target: under 0.3 s), and that it imports no heavy module.

Run: .venv/bin/python benchmarks/cli_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def hexaglot_command() -> list[str]:
    script = Path(sys.executable).with_name("hexaglot")
    return [str(script)] if script.exists() else [shutil.which("hexaglot") or "hexaglot"]


def time_help(runs: int) -> list[float]:
    command = [*hexaglot_command(), "--help"]
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return timings


def heavy_imports() -> list[str]:
    probe = (
        "import sys\nfrom translate.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print('HEAVY=' + ','.join(m for m in ('torch','transformers','ctranslate2','textual') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("HEAVY="))
    return [name for name in line.removeprefix("HEAVY=").split(",") if name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    timings = time_help(args.runs)
    print(
        f"hexaglot --help: median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms over {args.runs} runs (target < 300 ms)"
    )
    print(f"heavy modules imported by --help: {heavy_imports() or 'none'}")


if __name__ == "__main__":
    main()
