"""``hexaglot check``: glossary and QA checks over PO files, XLIFF files and workflows, for CI.

Exit code 0 when clean, 1 when a finding of severity ``error`` exists, 2 for bad input or usage.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from translate.errors import BadInputError
from translate.qa.base import CheckContext, Finding, Segment, load_all_checks, run_checks

FORMATS = ("text", "json", "junit", "github", "sarif")
PO_SUFFIXES = (".po", ".pot")
XLIFF_SUFFIXES = (".xlf", ".xliff", ".xlif")
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@dataclass
class Group:
    """Segments checked together with the same glossaries (one workflow, or the loose files)."""

    segments: list[Segment] = field(default_factory=list)
    glossary_paths: list[Path] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    glossaries: list[Any] | None = None
    """Glossaries already loaded (API use); None: load ``glossary_paths``."""
    workflow_root: str | None = None
    """The workflow folder (its spelling word lists), for a workflow and its catalogs."""


# --- reading inputs ----------------------------------------------------------------------------------


def _po_segments(path: Path, lang_option: str | None) -> list[Segment]:
    from translate.catalog import read_po, state_of
    from translate.lang import require_code

    po = read_po(path)
    header = po.metadata.get("Language", "").strip()
    lang = require_code(header, path, "Language") if header else None
    lang = lang or _option_lang(lang_option)
    if lang is None:
        raise BadInputError(path, "no Language header; give the language with --lang")
    segments = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for entry in po:
        if entry.obsolete:
            continue
        target = entry.msgstr or (entry.msgstr_plural.get(0, "") if entry.msgstr_plural else "")
        segments.append(
            Segment(
                source=entry.msgid,
                target=target,
                lang=lang,
                id=entry.msgctxt,
                file=str(path),
                line=msgstr_line(lines, entry.linenum),
                flags=tuple(entry.flags),
                state=state_of(entry).value,
            )
        )
    return segments


def msgstr_line(lines: list[str], entry_line: int) -> int:
    """The 1-based line of an entry's ``msgstr`` (where a finding is fixed), from polib's first line of the entry."""
    for number in range(max(entry_line, 1) - 1, len(lines)):
        if lines[number].startswith("msgstr"):
            return number + 1
    return entry_line


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


def _xliff_segments(path: Path, lang_option: str | None) -> list[Segment]:
    from translate.formats.xliff import read_xliff
    from translate.lang import resolve_code

    segments = []
    for unit in read_xliff(path):
        lang = resolve_code(unit.target_lang) if unit.target_lang else None
        lang = lang or _option_lang(lang_option)
        if lang is None:
            raise BadInputError(path, "no target language (target-language / trgLang); give it with --lang", unit.line)
        segments.append(
            Segment(
                source=unit.source,
                target=unit.target,
                lang=lang,
                id=unit.id,
                file=str(path),
                line=unit.line,
                state=unit.state,
            )
        )
    return segments


def _option_lang(lang_option: str | None) -> str | None:
    if not lang_option:
        return None
    from translate.lang import resolve_code

    code = resolve_code(lang_option)
    if code is None:
        raise click.UsageError(f"--lang {lang_option!r}: not a hexaglot language")
    return code


def _file_segments(path: Path, lang_option: str | None) -> list[Segment]:
    suffix = path.suffix.lower()
    if suffix in PO_SUFFIXES:
        return _po_segments(path, lang_option)
    if suffix in XLIFF_SUFFIXES:
        return _xliff_segments(path, lang_option)
    raise BadInputError(path, "not a PO or XLIFF file (expected .po, .xlf, .xliff) nor a workflow folder")


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
                    group.segments += _po_segments(catalog, lang)
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
            owned[root].segments += _po_segments(path, owned_lang)
            owned[root].files.append(str(path))
        elif path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and found.suffix.lower() in PO_SUFFIXES + XLIFF_SUFFIXES:
                    loose.segments += _file_segments(found, lang_option)
                    loose.files.append(str(found))
        else:
            loose.segments += _file_segments(path, lang_option)
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


PARALLEL_MIN_SEGMENTS = 2_000
"""Below this many segments one process is faster than forking workers."""
_TASKS: list[tuple[list[Segment], list[Any], list[str], dict[str, Any]]] = []
"""Work for forked workers (inherited, not pickled): segments, glossaries, check ids, context options."""


def run_groups(
    groups: Sequence[Group], only: list[str], states: set[str] | None, jobs: int = 1
) -> tuple[list[dict], dict]:
    """Run the checks; return the findings (JSON contract rows, by file and line) and the summary.

    Each language of each group is one task; with ``jobs`` > 1 the tasks run in forked worker processes
    (cross-segment checks such as ``inconsistent`` then see the segments of their own language).
    """
    from translate.glossary import load_glossaries

    tasks: list[tuple[list[Segment], list[Any], list[str], dict[str, Any]]] = []
    glossary_cache: dict[tuple[str, ...], Any] = {}
    checked = 0
    for group in groups:
        key = tuple(str(path) for path in group.glossary_paths)
        if key and key not in glossary_cache and group.glossaries is None:
            glossary_cache[key] = load_glossaries(group.glossary_paths)
        glossaries = group.glossaries if group.glossaries is not None else [glossary_cache[key]] if key else []
        segments = [
            segment
            for segment in group.segments
            if (segment.state in states if states is not None else bool(segment.target))
        ]
        checked += len(segments)
        by_lang: dict[str, list[Segment]] = {}
        for segment in segments:
            by_lang.setdefault(segment.lang, []).append(segment)
        options = {"workflow_root": group.workflow_root} if group.workflow_root else {}
        tasks.extend((lang_segments, glossaries, only, options) for lang_segments in by_lang.values())
    from translate.progress import set_total

    set_total(checked)
    rows = _run_tasks(tasks, jobs if checked >= PARALLEL_MIN_SEGMENTS else 1)
    rows.sort(key=lambda row: (row["file"] or "", row["line"] or 0))
    summary = _summary(rows, checked, sum(len(group.files) for group in groups))
    notes = _spelling_notes({segment.lang for group in groups for segment in group.segments}, only)
    if notes:
        summary["notes"] = notes
    return rows, summary


def _spelling_notes(langs: set[str], only: Sequence[str]) -> list[str]:
    """Languages of the run the ``spelling`` check could not cover, and why (Chinese; a missing dictionary)."""
    if "spelling" not in only:
        return []
    from translate.qa.spelling import unavailable_reason

    return [f"spelling: {reason}" for lang in sorted(langs) if (reason := unavailable_reason(lang))]


def _run_task(number: int, report: bool = False) -> list[dict[str, Any]]:
    """One task's rows; with ``report`` (in the main process) the progress bar advances segment by segment."""
    from translate.progress import advance

    segments, glossaries, only, options = _TASKS[number]
    context = CheckContext(glossaries=glossaries, segments=segments, options=options)
    rows = []
    for start in range(0, len(segments), PROGRESS_CHUNK):
        chunk = segments[start : start + PROGRESS_CHUNK]
        rows += [_row(checked, finding) for checked, finding in run_checks(chunk, context, only)]
        if report:
            advance(len(chunk), description=f"check {chunk[0].lang}")
    return rows


PROGRESS_CHUNK = 256
"""Segments checked between two updates of the progress bar."""


def _run_tasks(
    tasks: list[tuple[list[Segment], list[Any], list[str], dict[str, Any]]], jobs: int
) -> list[dict[str, Any]]:
    import multiprocessing

    _TASKS[:] = tasks
    try:
        if jobs > 1 and len(tasks) > 1 and "fork" in multiprocessing.get_all_start_methods():
            load_all_checks()  # import the check modules once, before forking
            from translate.progress import advance

            results = []
            with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
                for number, result in enumerate(pool.imap(_run_task, range(len(tasks)), chunksize=1)):
                    results.append(result)
                    advance(len(tasks[number][0]), description=f"check {tasks[number][0][0].lang}")
        else:
            results = [_run_task(number, report=True) for number in range(len(tasks))]
    finally:
        _TASKS.clear()
    return [row for result in results for row in result]


def _row(segment: Segment, finding: Finding) -> dict[str, Any]:
    return {
        "file": segment.file,
        "line": segment.line,
        "msgctxt": segment.id,
        "msgid": segment.source,
        "lang": segment.lang,
        "check": finding.check,
        "severity": finding.severity,
        "message": finding.message,
        "term": finding.term,
    }


def _summary(rows: list[dict[str, Any]], checked: int, files: int) -> dict[str, Any]:
    severities = Counter(row["severity"] for row in rows)
    return {
        "files": files,
        "segments": checked,
        "findings": len(rows),
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "info": severities.get("info", 0),
        "by_check": dict(sorted(Counter(row["check"] for row in rows).items())),
        "by_lang": dict(sorted(Counter(row["lang"] for row in rows).items())),
    }


# --- output formats ----------------------------------------------------------------------------------


def render_text(rows: list[dict], summary: dict) -> str:
    lines = []
    for row in rows:
        where = f"{row['file']}:{row['line']}" if row["line"] else row["file"]
        segment = f" ({row['msgctxt']})" if row["msgctxt"] else ""
        lines.append(f"{where}: {row['severity']}: [{row['check']}] {row['lang']}{segment}: {row['message']}")
    lines.append(
        f"{summary['segments']} segments in {summary['files']} files checked: {summary['errors']} errors, "
        f"{summary['warnings']} warnings, {summary['info']} info"
    )
    lines += [f"note: {note}" for note in summary.get("notes", ())]
    return "\n".join(lines) + "\n"


def render_json(rows: list[dict], summary: dict) -> str:
    return json.dumps({"findings": rows, "summary": summary}, ensure_ascii=False, indent=2) + "\n"


def _github_escape(text: str, property_value: bool = False) -> str:
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(rows: list[dict], summary: dict) -> str:
    lines = []
    for row in rows:
        properties = [f"file={_github_escape(row['file'], True)}"]
        if row["line"]:
            properties.append(f"line={row['line']}")
        properties.append(f"title={_github_escape(row['check'] + ' (' + row['lang'] + ')', True)}")
        lines.append(f"::{_GITHUB_LEVEL[row['severity']]} {','.join(properties)}::{_github_escape(row['message'])}")
    lines.append(f"hexaglot check: {summary['errors']} errors, {summary['warnings']} warnings")
    return "\n".join(lines) + "\n"


def render_junit(rows: list[dict], summary: dict, segments: Sequence[Segment]) -> str:
    from lxml import etree

    by_segment: dict[tuple, list[dict]] = {}
    for row in rows:
        by_segment.setdefault((row["file"], row["line"], row["msgctxt"], row["lang"]), []).append(row)
    suites = etree.Element("testsuites", name="hexaglot check")
    files: dict[str, list[Segment]] = {}
    for segment in segments:
        files.setdefault(segment.file or "", []).append(segment)
    total = failures = 0
    for file_name, file_segments in files.items():
        suite = etree.SubElement(suites, "testsuite", name=file_name)
        suite_failures = 0
        for segment in file_segments:
            case = etree.SubElement(
                suite, "testcase", classname=file_name, name=f"{segment.id or ''}:{segment.line or 0} [{segment.lang}]"
            )
            found = by_segment.get((segment.file, segment.line, segment.id, segment.lang), [])
            errors = [row for row in found if row["severity"] == "error"]
            if errors:
                failure = etree.SubElement(case, "failure", message=errors[0]["message"], type=errors[0]["check"])
                failure.text = "\n".join(f"[{row['check']}] {row['message']}" for row in errors)
                suite_failures += 1
            others = [row for row in found if row["severity"] != "error"]
            if others:
                etree.SubElement(case, "system-out").text = "\n".join(
                    f"{row['severity']}: [{row['check']}] {row['message']}" for row in others
                )
        suite.set("tests", str(len(file_segments)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(file_segments)
        failures += suite_failures
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", "0")
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def render_sarif(rows: list[dict], summary: dict) -> str:
    from translate import __version__

    registry = load_all_checks()
    rule_ids = sorted({row["check"] for row in rows} | set(registry))
    rules = []
    for rule_id in rule_ids:
        check = registry.get(rule_id)
        rules.append(
            {
                "id": rule_id,
                "name": getattr(check, "name", rule_id),
                "shortDescription": {"text": getattr(check, "name", rule_id)},
                "fullDescription": {"text": getattr(check, "description", rule_id)},
                "defaultConfiguration": {"level": _SARIF_LEVEL.get(getattr(check, "severity", "error"), "error")},
            }
        )
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    results = []
    for row in rows:
        location: dict[str, Any] = {"artifactLocation": {"uri": Path(row["file"]).as_posix()}}
        if row["line"]:
            location["region"] = {"startLine": int(row["line"])}
        result: dict[str, Any] = {
            "ruleId": row["check"],
            "ruleIndex": index[row["check"]],
            "level": _SARIF_LEVEL[row["severity"]],
            "message": {"text": row["message"]},
            "locations": [{"physicalLocation": location}],
            "properties": {"lang": row["lang"], "msgctxt": row["msgctxt"], "term": row["term"]},
        }
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "hexaglot", "version": __version__, "rules": rules}},
                "results": results,
                "properties": {"summary": summary},
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def render(output_format: str, rows: list[dict], summary: dict, segments: Sequence[Segment]) -> str:
    if output_format == "json":
        return render_json(rows, summary)
    if output_format == "junit":
        return render_junit(rows, summary, segments)
    if output_format == "github":
        return render_github(rows, summary)
    if output_format == "sarif":
        return render_sarif(rows, summary)
    return render_text(rows, summary)


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
    hit = check_cache.get(cache_key) if cache_key else None
    if hit is not None:  # the same files, glossaries, options and checks as a run before: its output
        _say_glossaries(inputs, glossaries, only)
        _emit(hit[0], output)
        sys.exit(hit[1])
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
