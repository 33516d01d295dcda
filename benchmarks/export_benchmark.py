"""Speed and memory of XLIFF reading/writing, DOCX/Markdown export, XLIFF import and the HTML status report.

Run: .venv/bin/python benchmarks/export_benchmark.py [--units 20000] [--scale 20]

* XLIFF: ``--units`` segments of real Symfony validator text (../shared/data, repeated) written as XLIFF 2.0
  and 1.2, then read back.
* Report: the sample report's sources repeated ``--scale`` times as one job (a long report), every segment
  approved, then exported to DOCX and Markdown, round-tripped through XLIFF, and rendered as HTML.
Prints a Markdown table; peak memory is the process's max RSS growth over the step (resource.getrusage).
"""

from __future__ import annotations

import argparse
import copy
import re
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

from translate.catalog import Catalog, approve
from translate.export import export_workflow
from translate.export.xliff_import import import_xliff
from translate.formats.xliff import XliffUnit, read_xliff, write_xliff
from translate.importer import import_workflow
from translate.report.html import render_html
from translate.report.progress import grouped_status, language_progress, status_from_catalogs
from translate.report.status import load_catalogs
from translate.workflow import load_workflow

REPO = Path(__file__).resolve().parents[1]
SYMFONY = REPO.parent / "shared" / "data" / "xliff-symfony-validators" / "Resources" / "translations"
SOURCES = REPO / "workflows" / "glotip-sample" / "sources"


def measure(label: str, rows: list[tuple[str, float, float, str]], step: Callable[[], str]) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    note = step()
    elapsed = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    rows.append((label, elapsed, grown, note))


def xliff_rows(units: int, work: Path, rows: list[tuple[str, float, float, str]]) -> None:
    base = read_xliff(SYMFONY / "validators.fr.xlf")
    many = [
        XliffUnit(id=f"{n}", source=unit.source, target=unit.target, state="translated", target_lang="fr")
        for n, unit in enumerate(base[i % len(base)] for i in range(units))
    ]
    for version in ("2.0", "1.2"):
        path = work / f"big-{version}.xlf"
        measure(f"write XLIFF {version}, {units:,} units", rows, lambda p=path, v=version: _write(p, many, v))
        measure(f"read XLIFF {version}, {units:,} units", rows, lambda p=path: f"{len(read_xliff(p)):,} units")


def _write(path: Path, units: list[XliffUnit], version: str) -> str:
    write_xliff(path, units, version=version, target_lang="fr")
    return f"{path.stat().st_size / 1e6:.1f} MB"


def report_rows(scale: int, work: Path, rows: list[tuple[str, float, float, str]]) -> None:
    root = work / "job"
    (root / "sources").mkdir(parents=True)
    big = docx.Document(str(SOURCES / "chapter-1-global-overview.docx"))
    body = big.element.body
    originals = [child for child in body if not child.tag.endswith("sectPr")]
    for _ in range(scale - 1):
        for child in originals:
            body.insert(len(body) - 1, copy.deepcopy(child))
    big.save(str(root / "sources" / "report.docx"))
    shutil.copy(SOURCES / "chapter-2-regional-findings.md", root / "sources" / "regional.md")
    (root / "workflow.yaml").write_text("name: bench\nsources: [sources/report.docx, sources/regional.md]\n")
    wf = load_workflow(root)
    measure("import (5 languages)", rows, lambda: f"{import_workflow(wf).segments:,} segments")
    catalog = Catalog.load(wf.catalog_path("ar"))
    for n, entry in enumerate(catalog):
        approve(entry, "bench", text=f"نص عربي {n}" + "".join(re.findall(r"\[\^\w+\]", entry.msgid)))
    catalog.save()
    out = work / "ar.docx"
    measure("export DOCX (ar)", rows, lambda: f"{export_workflow(wf, 'ar', 'docx', out).segments:,} segments")
    measure("export Markdown (ar)", rows, lambda: f"{export_workflow(wf, 'ar', 'md', work / 'ar.md').segments:,}")
    xlf = work / "ar.xlf"
    measure("export XLIFF 2.0 (ar)", rows, lambda: f"{export_workflow(wf, 'ar', 'xliff', xlf).segments:,} units")
    measure("import-xliff (ar, unchanged)", rows, lambda: f"{import_xliff(wf, xlf).unchanged:,} unchanged")

    def html() -> str:
        catalogs = load_catalogs(wf)
        status = status_from_catalogs(wf, catalogs)
        page = render_html(
            status,
            language_progress(wf, status),
            grouped_status(wf, "document", catalogs=catalogs),
            grouped_status(wf, "reviewer", catalogs=catalogs),
        )
        return f"{len(page) / 1e3:.0f} kB"

    measure("HTML status report", rows, html)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--scale", type=int, default=20)
    args = parser.parse_args()
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if SYMFONY.is_dir():
            xliff_rows(args.units, Path(tmp), rows)
        report_rows(args.scale, Path(tmp), rows)
    print("| step | seconds | peak RSS growth (MB) | size |")
    print("|---|---:|---:|---|")
    for label, seconds, grown, note in rows:
        print(f"| {label} | {seconds:.2f} | {grown:.0f} | {note} |")


if __name__ == "__main__":
    main()
