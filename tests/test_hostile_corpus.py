"""Every file of the hostile-input corpus (tests/hostile/corpus, made by tests/hostile/make_corpus.py) through the
command that reads it: exit 2 with exactly one line naming the file, or the documented clean result; never a
traceback, never a control character on the terminal.

Files git cannot hold (a FIFO, a folder named like a source, a symlink out of the project) are made here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cli_invoke import Outcome, invoke

CORPUS = Path(__file__).parent / "hostile" / "corpus"
GOOD_MD = "1. Trafficking in persons is a crime. The Protocol entered into force in 2003.\n"
CONTROL = {chr(code) for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}


def manifest() -> list[tuple[str, int, str]]:
    rows = []
    for line in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        path, expect, why = line.split("\t")
        rows.append((path, int(expect), why))
    return rows


def make_workflow(root: Path, source: Path | None = None, yaml_text: str | None = None) -> Path:
    """``root/wf`` with one source (a copy of ``source``, or a good Markdown file)."""
    workflow = root / "wf"
    (workflow / "sources").mkdir(parents=True)
    (workflow / "sources" / "a.md").write_text(GOOD_MD, encoding="utf-8")
    if source is not None:
        shutil.copyfile(source, workflow / "sources" / source.name)
        yaml_text = f"name: hostile\ntarget_languages: [fr]\nsources: [sources/{source.name}]\n"
    (workflow / "workflow.yaml").write_text(yaml_text or "name: hostile\nsources: [sources/a.md]\n", encoding="utf-8")
    return workflow


def run_corpus_file(relative: str, tmp_path: Path) -> tuple[Outcome, str]:
    """The command that reads this kind of file, and the name its error line must contain."""
    path = CORPUS / relative
    kind = relative.split("/", 1)[0]
    if kind in ("txt", "md", "docx"):
        return invoke("import", str(make_workflow(tmp_path, path)), "--lang", "fr"), path.name
    if kind == "pdf":
        target = tmp_path / "fr.md"
        target.write_text("1. La traite des personnes est un crime.\n", encoding="utf-8")
        output = tmp_path / "out.tmx"
        return invoke("align", str(path), str(target), "--lang", "fr", "-o", str(output)), path.name
    if kind in ("po", "xliff"):
        return invoke("check", str(path), "--lang", "fr", "-j", "1"), path.name
    if kind == "tmx":
        return invoke("tm", "import", str(path), "--memory", str(tmp_path / "memory")), path.name
    if kind in ("tbx", "csv"):
        output = tmp_path / ("out.csv" if kind == "tbx" else "out.tbx")
        return invoke("glossary", "convert", str(path), str(output)), path.name
    if kind == "yaml":
        workflow = make_workflow(tmp_path)
        shutil.copyfile(path, workflow / "workflow.yaml")
        return invoke("import", str(workflow)), "workflow.yaml"
    raise AssertionError(f"no command for {relative}")


def assert_outcome(outcome: Outcome, expect: int, name: str, kind: str, why: str) -> None:
    assert not outcome.crash, f"{why}: an exception escaped\n{outcome.crash}"
    assert "Traceback" not in outcome.err + outcome.out, why
    printed = outcome.err + outcome.out
    assert not CONTROL & set(printed.replace("\n", "").replace("\t", "")), f"{why}: control character printed"
    if expect == 2:
        # click's own usage errors (a folder where its option wants a file) add the usage and a help hint.
        usage = ("Usage: ", "Try 'hexaglot ")
        lines = [line for line in outcome.err.splitlines() if line.strip() and not line.startswith(usage)]
        assert outcome.code == 2, f"{why}: exit {outcome.code}\n{outcome.err}"
        assert len(lines) == 1, f"{why}: expected one line\n{outcome.err}"
        assert name in lines[0], f"{why}: the line does not name {name}: {lines[0]}"
    else:
        clean = (0, 1) if kind in ("po", "xliff") else (0,)  # check: 1 means findings, a clean run
        assert outcome.code in clean, f"{why}: exit {outcome.code}\n{outcome.err}"


ROWS = manifest()


def test_corpus_is_large_and_covers_every_reader() -> None:
    assert len(ROWS) >= 200
    kinds = {path.split("/", 1)[0] for path, _, _ in ROWS}
    assert kinds == {"txt", "md", "docx", "pdf", "po", "tmx", "tbx", "csv", "xliff", "yaml"}
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv"}
    assert on_disk == {path for path, _, _ in ROWS}, "regenerate: python tests/hostile/make_corpus.py"


@pytest.mark.parametrize(("relative", "expect", "why"), ROWS, ids=[row[0] for row in ROWS])
def test_corpus_file(relative: str, expect: int, why: str, tmp_path: Path) -> None:
    if relative.startswith("pdf/") and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is absent")
    outcome, name = run_corpus_file(relative, tmp_path)
    assert_outcome(outcome, expect, name, relative.split("/", 1)[0], why)


# --- special files git cannot hold -----------------------------------------------------------------------


def test_fifo_named_as_source_is_refused_without_blocking(tmp_path: Path) -> None:
    workflow = make_workflow(tmp_path)
    os.mkfifo(workflow / "sources" / "pipe.md")
    (workflow / "workflow.yaml").write_text("name: x\nsources: [sources/pipe.md]\n", encoding="utf-8")
    outcome = invoke("import", str(workflow))
    assert_outcome(outcome, 2, "pipe.md", "md", "a FIFO as source")
    assert "not a regular file" in outcome.err


def test_folder_named_as_source_is_refused(tmp_path: Path) -> None:
    workflow = make_workflow(tmp_path)
    (workflow / "sources" / "folder.docx").mkdir()
    (workflow / "workflow.yaml").write_text("name: x\nsources: [sources/folder.docx]\n", encoding="utf-8")
    outcome = invoke("import", str(workflow))
    assert_outcome(outcome, 2, "folder.docx", "docx", "a folder as source")


@pytest.mark.parametrize("kind", ["tmx", "tbx", "csv", "po", "xliff"])
def test_fifo_and_folder_named_as_other_inputs(kind: str, tmp_path: Path) -> None:
    for special in ("fifo", "folder"):
        path = tmp_path / f"{special}.{kind if kind != 'xliff' else 'xlf'}"
        os.mkfifo(path) if special == "fifo" else path.mkdir()
        if kind == "tmx":
            outcome = invoke("tm", "import", str(path), "--memory", str(tmp_path / "memory"))
        elif kind in ("tbx", "csv"):
            outcome = invoke("glossary", "convert", str(path), str(tmp_path / ("o.csv" if kind == "tbx" else "o.tbx")))
        else:
            outcome = invoke("check", str(path), "--lang", "fr", "-j", "1")
        # `check` walks a folder for the PO and XLIFF files in it (documented): an empty one is a clean run.
        walked = special == "folder" and kind in ("po", "xliff")
        assert_outcome(outcome, 0 if walked else 2, path.name, kind, f"a {special} as {kind}")
