"""Sentence splitting of one paragraph full of abbreviations (issue 10 item 8): time at 92, 184 and 368 KB.

A paragraph like "See No. 5, para. 6, art. 7, vol. 8 and fig. 9 ..." has a full stop every few words and none of
them ends a sentence, so the sentence being built never closes. The splitter before commit 3a5b1bd sliced and
regex-searched the whole sentence so far at every full stop (quadratic: the issue measured 23 s, 93 s, 370 s);
today's looks back only at the word before the mark. ``--before`` also times that old splitter (taken from git) on
the sizes given to it, so both run on the same machine in the same run.

    python benchmarks/segmentation_linear.py                    # current splitter at 92, 184, 368 KB
    python benchmarks/segmentation_linear.py --before 23 46 92  # and the old one at those sizes
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PHRASE = "See No. 5, para. 6, art. 7, vol. 8 and fig. 9 of annex II, cf. sect. 3 and e.g. chap. 4 of Rev. 2, "
OLD_COMMIT = "3a5b1bd~1"


def paragraph(kilobytes: int) -> str:
    size = kilobytes * 1000
    return (PHRASE * (size // len(PHRASE) + 1))[:size].rstrip() + " The end."


def old_splitter() -> ModuleType:
    source = subprocess.run(
        ["git", "show", f"{OLD_COMMIT}:translate/segmentation.py"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    handle, name = tempfile.mkstemp(suffix=".py", prefix="segmentation_before_")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(source)
    spec = importlib.util.spec_from_file_location("segmentation_before", name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["segmentation_before"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    os.unlink(name)
    return module


def timed(split, text: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    sentences = split(text, "en")
    return time.perf_counter() - started, len(sentences)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[92, 184, 368], help="paragraph sizes in KB")
    parser.add_argument("--before", type=int, nargs="*", default=[], help="sizes (KB) to time the old splitter at")
    args = parser.parse_args()
    from translate.segmentation import split_sentences

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for kilobytes in args.sizes:
        seconds, count = timed(split_sentences, paragraph(kilobytes))
        print(f"now     {kilobytes:4d} KB  {seconds:8.3f} s  {count} sentences")
    if args.before:
        old = old_splitter()
        for kilobytes in args.before:
            seconds, count = timed(old.split_sentences, paragraph(kilobytes))
            print(f"before  {kilobytes:4d} KB  {seconds:8.3f} s  {count} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
