"""``hexaglot check``: glossary and QA checks over PO files, XLIFF files and workflows, for CI.

The command: its inputs (workflows synced with the working store, their glossaries) and options. Reading a file
into segments is :mod:`translate.qa.inputs`, running the checks :mod:`translate.qa.runner`, the report formats
:mod:`translate.qa.renderers`.

Exit code 0 when clean, 1 when a finding of severity ``error`` exists, 2 for bad input or usage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from translate.errors import BadInputError
from translate.qa.base import load_all_checks
from translate.qa.inputs import PO_SUFFIXES, XLIFF_SUFFIXES, file_segments, po_segments
from translate.qa.renderers import FORMATS, render
from translate.qa.runner import Group, run_groups

# --- reading inputs ----------------------------------------------------------------------------------


def owning_workflow(path: Path) -> tuple[Any, str] | None:
    """The workflow and language whose catalog ``path`` is (``workflows/JOB/translations/fr.po``), else None."""
    from translate.workflow import WORKFLOW_FILE, load_workflow

    if path.suffix.lower() != ".po" or path.parent.name != "translations":
        return None
    root = path.parent.parent
    if not (root / WORKFLOW_FILE).is_file():
        return None
    workflow = load_workflow(root)
    lang = path.stem
    if lang in workflow.target_languages and workflow.catalog_path(lang).resolve() == path.resolve():
        return workflow, lang
    return None


def glossary_note(paths: Sequence[Path], glossaries: Sequence[Path]) -> list[str]:
    """What each input is checked against, in words: the glossaries named, the workflow's, or "no glossary"."""
    from translate.workflow import WORKFLOW_FILE, load_workflow

    if glossaries:
        return [f"glossaries: {', '.join(str(g) for g in glossaries)} (--glossary)"]
    notes = []
    for path in paths:
        if path.is_dir() and (path / WORKFLOW_FILE).exists():
            found = load_workflow(path).glossary_paths()
        else:
            owner = owning_workflow(path) if path.is_file() else None
            if owner is None:
                notes.append(f"{path}: no glossary (not a workflow's catalog; give --glossary to check terms)")
                continue
            found = owner[0].glossary_paths()
        if found:
            notes.append(f"{path}: glossaries of its workflow: {', '.join(str(g) for g in found)}")
        else:
            notes.append(f"{path}: no glossary (its workflow names none)")
    return notes


def _option_lang(lang_option: str | None) -> str | None:
    if not lang_option:
        return None
    from translate.lang import resolve_code

    code = resolve_code(lang_option)
    if code is None:
        raise click.UsageError(f"--lang {lang_option!r}: not a hexaglot language")
    return code


def collect_groups(paths: Sequence[Path], lang_option: str | None, glossaries: Sequence[Path]) -> list[Group]:
    """Read every input into groups of segments; workflow folders bring their own glossaries."""
    from translate.workflow import WORKFLOW_FILE, load_workflow

    loose = Group(glossary_paths=list(glossaries))
    groups: list[Group] = []
    owned: dict[str, Group] = {}
    for path in paths:
        if not path.exists():
            raise BadInputError(path, "no such file or folder")
        if path.is_dir() and (path / WORKFLOW_FILE).exists():
            workflow = load_workflow(path)
            group = Group(
                glossary_paths=list(glossaries) or workflow.glossary_paths(), workflow_root=str(workflow.root)
            )
            wanted = [_option_lang(lang_option)] if lang_option else list(workflow.target_languages)
            from translate.store import sync_workflow

            sync_workflow(workflow, wanted)  # the files checked hold every save in the working store
            for lang in wanted:
                catalog = workflow.catalog_path(lang)
                if catalog.exists():
                    group.segments += po_segments(catalog, lang)
                    group.files.append(str(catalog))
            groups.append(group)
        elif (owner := owning_workflow(path)) is not None:
            workflow, owned_lang = owner
            root = str(workflow.root.resolve())
            if root not in owned:
                owned[root] = Group(
                    glossary_paths=list(glossaries) or workflow.glossary_paths(), workflow_root=str(workflow.root)
                )
                groups.append(owned[root])
            from translate.store import sync_workflow

            sync_workflow(workflow, [owned_lang])  # the file checked holds every save in the working store
            owned[root].segments += po_segments(path, owned_lang)
            owned[root].files.append(str(path))
        elif path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and found.suffix.lower() in PO_SUFFIXES + XLIFF_SUFFIXES:
                    loose.segments += file_segments(found, _option_lang(lang_option))
                    loose.files.append(str(found))
        else:
            loose.segments += file_segments(path, _option_lang(lang_option))
            loose.files.append(str(path))
    if loose.files:
        groups.insert(0, loose)
    return groups


def _default_paths() -> list[Path]:
    here = Path(".")
    if (here / "workflow.yaml").exists():
        return [here]
    found = sorted(path.parent for path in here.glob("workflows/*/workflow.yaml"))
    if not found:
        raise click.UsageError("give PO files, XLIFF files or workflow folders to check")
    return found


# --- running -----------------------------------------------------------------------------------------


def _parse_ids(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _selected_checks(checks: str | None, skip: Sequence[str]) -> list[str]:
    registry = load_all_checks()
    known = sorted(registry)
    chosen = _parse_ids([checks]) if checks else known
    skipped = _parse_ids(skip)
    for check_id in chosen + skipped:
        if check_id not in registry:
            raise click.UsageError(f"unknown check {check_id!r}; known checks: {', '.join(known)}")
    return [check_id for check_id in chosen if check_id not in skipped]


def _state_filter(states: str | None) -> set[str] | None:
    if not states:
        return None
    from translate.catalog import SegmentState

    valid = {state.value for state in SegmentState}
    wanted = set(_parse_ids([states]))
    unknown = wanted - valid
    if unknown:
        raise click.UsageError(f"--states: unknown state(s) {', '.join(sorted(unknown))}; states: {', '.join(valid)}")
    return wanted


# --- output formats ----------------------------------------------------------------------------------


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Termbase (.tbx or .csv); repeat for several. Default for a workflow: its `glossaries`.",
)
@click.option("--lang", help="Target language of PO/XLIFF files that do not say it (ar, zh, fr, ru, es).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--checks", help="Run only these check ids (comma-separated).")
@click.option("--skip", multiple=True, help="Skip these check ids (comma-separated or repeated).")
@click.option(
    "--states", help="Check only segments in these states (comma-separated); default: every non-empty translation."
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to this file instead.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Worker processes (one language per worker); 0: one per CPU core.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="First apply the automatic fixes (French no-break spaces, Arabic digits) to the PO files, then check.",
)
def check_cmd(
    paths: tuple[Path, ...],
    glossaries: tuple[Path, ...],
    lang: str | None,
    output_format: str,
    checks: str | None,
    skip: tuple[str, ...],
    states: str | None,
    output: Path | None,
    jobs: int,
    fix: bool,
) -> None:
    """Check translations against glossaries and the QA checks: PO files, XLIFF files, workflow folders.

    \b
    Exit 0: clean; 1: a finding of severity error; 2: bad input or usage.
      hexaglot check workflows/glotip-sample
      hexaglot check translations/fr.po --glossary glossaries/trafficking.tbx --format github
    """
    only = _selected_checks(checks, skip)
    wanted_states = _state_filter(states)
    inputs = list(paths) or _default_paths()
    if fix:  # before the cache look-up: the fixed files have new signatures
        from translate.qa.fix import fix_po_files

        fixable = [segment for group in collect_groups(inputs, lang, glossaries) for segment in group.segments]
        fixed = fix_po_files(fixable, only)
        if fixed:
            click.echo(f"fixed {sum(fixed.values())} translations in {len(fixed)} files", err=True)
    from translate.cli import check_cache

    files = check_cache.input_files(inputs, lang, list(glossaries))
    options = {"format": output_format, "lang": lang, "checks": only, "states": sorted(wanted_states or []),
               "all_with_text": wanted_states is None, "inputs": [str(p) for p in inputs]}  # fmt: skip
    cache_key = check_cache.key(files, options) if files is not None else None
    if cache_key and check_cache.has(cache_key):  # the same files, glossaries, options and checks as before
        _say_glossaries(inputs, glossaries, only)
        hit = check_cache.replay(cache_key, output)  # its output, streamed as stored
        if hit is not None:
            sys.exit(hit)
    from translate.progress import progress_bar

    groups = collect_groups(inputs, lang, glossaries)
    with progress_bar("check", unit="segments"):
        rows, summary = run_groups(groups, only, wanted_states, jobs or (os.cpu_count() or 1))
    segments = [
        segment
        for group in groups
        for segment in group.segments
        if (segment.state in wanted_states if wanted_states is not None else bool(segment.target))
    ]
    text = render(output_format, rows, summary, segments)
    exit_code = 1 if summary["errors"] else 0
    if cache_key:
        check_cache.put(cache_key, text, exit_code)
    _say_glossaries(inputs, glossaries, only)
    _emit(text, output)
    sys.exit(exit_code)


def _say_glossaries(inputs: Sequence[Path], glossaries: Sequence[Path], only: Sequence[str]) -> None:
    """On stderr, which glossaries each input was checked against (or that none applied)."""
    if any(check.startswith("glossary") for check in only):
        for note in glossary_note(inputs, glossaries):
            click.echo(f"hexaglot check: {note}", err=True)


def _emit(text: str, output: Path | None) -> None:
    if output is not None:
        from translate.fileio import atomic_write_text

        atomic_write_text(output, text)
    else:
        sys.stdout.write(text)
