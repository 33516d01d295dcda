"""``hexaglot assign``, ``hexaglot review`` and ``hexaglot merge-driver``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from translate.errors import HexaglotError
from translate.lang import TARGET_LANGUAGES

QUEUE_FILTERS = ("awaiting", "mine", "findings", "all", "untranslated", "draft", "translated", "approved", "rejected")
"""translate.review.session.FILTERS, spelled out so that ``hexaglot --help`` imports nothing heavy."""

if TYPE_CHECKING:
    from translate.workflow import Workflow


def _workflow(path: str) -> Workflow:
    from translate.workflow import load_workflow

    return load_workflow(path)


@click.command("assign")
@click.argument("workflow", type=click.Path(path_type=Path))
@click.option("--lang", "langs", multiple=True, type=click.Choice(TARGET_LANGUAGES), help="Only this language.")
def assign_cmd(workflow: Path, langs: tuple[str, ...]) -> None:
    """Route segments to the reviewers of each stage (workflow.yaml: reviewers.<lang>.<stage>).

    Keeps a document's consecutive paragraphs with one person, balances English source words, sends drafts
    with glossary or QA findings or low TM scores to the senior reviser. Stable: only new segments move.
    """
    from rich.table import Table

    from translate.cli.output import console as output_console
    from translate.review.routing import assign_workflow

    wf = _workflow(str(workflow))
    reports = assign_workflow(wf, list(langs) or None)
    console = output_console()
    if not reports:
        console.print("No catalogs to assign (run 'hexaglot import' first).")
        return
    for report in reports:
        if not report.stages:
            console.print(f"{report.lang}: no reviewers in workflow.yaml")
            continue
        table = Table(title=f"{report.lang}: assignments", title_justify="left")
        for column in ("stage", "reviewer", "segments", "words", "note"):
            table.add_column(column, justify="right" if column in ("segments", "words") else "left")
        for stage in report.stages:
            for name, words in stage.words.items():
                note = "over max_words" if name in stage.over_capacity else ""
                table.add_row(stage.stage, name, f"{stage.segments[name]:,}", f"{words:,}", note)
            console.print(
                f"{report.lang} {stage.stage}: {stage.newly_assigned} newly assigned, {stage.to_senior} to senior"
            )
        console.print(table)


@click.command("review")
@click.argument("workflow", type=click.Path(path_type=Path))
@click.option("--lang", required=True, type=click.Choice(TARGET_LANGUAGES), help="The language to review.")
@click.option(
    "--reviewer",
    default=None,
    help="Your name as in workflow.yaml (default: $HEXAGLOT_REVIEWER, else git config user.name).",
)
@click.option("--stage", default=None, help="The stage you work in (default: the last stage that lists you).")
@click.option("--all", "everything", is_flag=True, help="A lead: every segment of the language, same stage rules.")
@click.option(
    "--queue",
    "queue_filter",
    type=click.Choice(QUEUE_FILTERS),
    default=None,
    help="Queue filter (default: the one you left, else awaiting).",
)
@click.option(
    "--bidi",
    type=click.Choice(["terminal", "reorder"]),
    default="terminal",
    show_default=True,
    help="reorder: show Arabic in visual order (python-bidi) for terminals without bidi support.",
)
def review_cmd(
    workflow: Path,
    lang: str,
    reviewer: str | None,
    stage: str | None,
    everything: bool,
    queue_filter: str | None,
    bidi: str,
) -> None:
    """Review a language in a full-screen terminal app.

    \b
    Keys: a accept · e edit (Ctrl+S saves, Esc cancels) · r reject with a comment
          n/p next/previous · f next with findings · / search · g go to · l queue filter
          1-3 TM match · c copy source · t term · k concordance · i propagate · ? keys · q quit
    \b
    Stages: in the translation stage accept marks a segment translated; in the last stage (revision)
    accept approves a translated segment (a senior reviser may approve a draft). Accepting a segment
    with error findings asks for a reason (journaled). Every action is on disk at once; a save that fails
    keeps your text in the editor and the command exits 1.
    """
    from translate.review.app import ReviewApp
    from translate.review.session import ReviewSession, resolve_reviewer

    wf = _workflow(str(workflow))
    if stage is not None and stage not in {s.name for s in wf.stages}:
        raise HexaglotError(f"--stage {stage}: no such stage (stages: {', '.join(s.name for s in wf.stages)})")
    name = resolve_reviewer(wf, lang, reviewer)
    if stage is not None and not any(person.name == name for person in wf.reviewers_for(lang, stage)):
        listed = ", ".join(person.name for person in wf.reviewers_for(lang, stage)) or "nobody"
        raise HexaglotError(f"{name} is not a reviewer of {lang} in stage {stage} (it lists: {listed})")
    session = ReviewSession(wf, lang, reviewer=name, stage=stage, everything=everything, queue_filter=queue_filter)
    app = ReviewApp(session, bidi=bidi)
    try:
        app.run()
    finally:
        flushed = _flush(session)
    done, total, words_done, words_total = session.progress()
    failed = _report_failures(session, app.unsaved)
    summary = f"{lang}: {done}/{total} segments, {words_done:,}/{words_total:,} words done"
    if failed or not flushed:
        click.echo(f"{summary}; NOT everything was saved (see above).", err=True)
        sys.exit(1)
    click.echo(f"{summary}; all saved.")
    try:
        session.flush_memory()
    except (HexaglotError, OSError) as error:
        click.echo(f"hexaglot: warning: approvals not written to the memory: {error}", err=True)


def _flush(session: object) -> bool:
    """The PO file from the store; False (and one line) when that write fails: the saves stay in the store."""
    try:
        session.store.flush()  # type: ignore[attr-defined]
    except (HexaglotError, OSError) as error:
        click.echo(f"hexaglot: the saves are in the working store, but {session.store.path} was not written: "  # type: ignore[attr-defined]
                   f"{error}", err=True)  # fmt: skip
        return False
    return True


def _report_failures(session: object, unsaved: tuple[str, str] | None) -> bool:
    """Every save that failed during the session, and text typed but never saved (so it is not lost)."""
    failures = list(session.failures)  # type: ignore[attr-defined]
    for failure in failures:
        click.echo(f"hexaglot: save failed: {failure}", err=True)
    if unsaved is not None:
        segment, text = unsaved
        click.echo(f"hexaglot: {segment}: this text was typed but NOT saved; copy it:\n{text}", err=True)
    return bool(failures) or unsaved is not None


@click.command("sync")
@click.argument("workflow", type=click.Path(path_type=Path))
@click.option("--lang", "langs", multiple=True, type=click.Choice(TARGET_LANGUAGES), help="Only this language.")
def sync_cmd(workflow: Path, langs: tuple[str, ...]) -> None:
    """Bring the working store and the PO catalogs together.

    Edits made to a catalog by hand or by git (pull, merge) are read back into the store with the merge driver's
    rules; then each catalog is written from the store (deterministically: same content, same bytes). Run it before
    committing; quitting the review app and every command that reads catalogs do it too. Exit 1 when a segment was
    approved differently in the file and the store (both versions kept; a person decides).
    """
    from translate.store import store_location, sync_workflow

    wf = _workflow(str(workflow))
    conflicts = 0
    for report in sync_workflow(wf, list(langs) or None):
        parts = []
        if report.loaded:
            parts.append("catalog read into the store")
        if report.read_back:
            parts.append(f"edits to the file read back ({report.changed} segments)")
        if report.written:
            parts.append("file written from the store")
        click.echo(f"{report.lang}: {', '.join(parts) or 'in sync'}")
        for segment in report.resolved:
            click.echo(f"hexaglot sync: {segment}: changed on both sides; the other version kept in hexaglot-merged",
                       err=True)  # fmt: skip
        for segment in report.conflicts:
            click.echo(f"hexaglot sync: {segment}: approved differently in the file and the store (or over a "
                       "translation the approval never saw): CONFLICT, the other version in hexaglot-merged",
                       err=True)  # fmt: skip
        conflicts += len(report.conflicts)
    click.echo(f"store: {store_location(wf)}")
    if conflicts:
        sys.exit(1)  # a person must decide: never exit 0 with a version hidden under an approval


@click.command("merge-driver")
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("ours", type=click.Path(path_type=Path))
@click.argument("theirs", type=click.Path(path_type=Path))
def merge_driver_cmd(base: Path, ours: Path, theirs: Path) -> None:
    """Git merge driver for PO catalogs: merge %O (base) %A (ours, rewritten) %B (theirs) segment by segment.

    \b
    .gitattributes:  translations/*.po merge=hexaglot
    git config merge.hexaglot.name "hexaglot segment-wise PO merge"
    git config merge.hexaglot.driver "hexaglot merge-driver %O %A %B"

    Exit 0 when merged; 1 when an approval would hide another translation of a segment (two approvals of
    different texts, or an approval over a correction it never saw): git marks the file conflicted. Every
    losing version is kept in the entry's hexaglot-merged comment (translate/merge.py documents the rule).
    """
    from translate.merge import merge_files

    report = merge_files(base, ours, theirs)
    for segment in report.resolved:
        click.echo(f"hexaglot merge: {segment}: changed on both sides; the other version kept in hexaglot-merged",
                   err=True)  # fmt: skip
    for segment in report.conflicts:
        click.echo(f"hexaglot merge: {segment}: approved differently on both sides (or over a translation the "
                   "approval never saw): CONFLICT, the other version in hexaglot-merged", err=True)  # fmt: skip
    if not report.clean:
        sys.exit(1)
