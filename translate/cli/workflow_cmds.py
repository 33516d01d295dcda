"""``hexaglot import`` and ``hexaglot run``: the foundation of every translation job."""

from __future__ import annotations

import click
from rich.console import Console

from translate.cli.output import console as output_console
from translate.importer import ImportReport, import_workflow
from translate.progress import progress_bar
from translate.workflow import load_workflow
from translate.workflow_messages import check_named_files

WORKFLOW_ARGUMENT = click.argument("workflow_path", metavar="WORKFLOW", type=click.Path())


@click.command("import")
@WORKFLOW_ARGUMENT
@click.option("--lang", "langs", multiple=True, help="Only these target languages (repeatable).")
def import_cmd(workflow_path: str, langs: tuple[str, ...]) -> None:
    """Read the workflow's sources (.docx, .md, .txt) into translations/<lang>.po.

    Re-importing after the source changed keeps every translation: unchanged sentences keep theirs,
    changed ones become drafts showing the previous English (#| msgid), removed ones become obsolete (#~).
    """
    workflow = load_workflow(workflow_path)
    check_named_files(workflow)
    with progress_bar("import", unit="steps"):
        report = import_workflow(workflow, list(langs) or None)
    print_import_report(report, output_console(stderr=True))


def print_import_report(report: ImportReport, console: Console) -> None:
    console.print(
        f"[bold]Imported[/] {report.segments} segments, {report.words} source words "
        f"from {len(report.documents)} documents ({', '.join(report.documents)})"
    )
    for lang, stats in report.languages.items():
        console.print(
            f"  {lang}: {stats.kept} kept, {stats.changed} changed (fuzzy), {stats.new} new, "
            f"{stats.obsoleted} obsolete, {stats.revived} revived"
        )


@click.command("run")
@WORKFLOW_ARGUMENT
@click.option("--lang", "langs", multiple=True, help="Only these target languages (repeatable).")
@click.option("--no-draft", is_flag=True, help="Import and report only; do not draft.")
@click.option("--fetch-models", is_flag=True, help="First download the MT models the workflow needs and lacks.")
def run_cmd(workflow_path: str, langs: tuple[str, ...], no_draft: bool, fetch_models: bool = False) -> None:
    """The main job: import the sources, draft from translation memory and MT, print the status.

    Works offline: where an MT model cannot be had, it says so once and drafts from the memories only.
    """
    from translate.cli.status_cmd import print_status_table
    from translate.report.status import collect_status

    console = output_console(stderr=True)
    workflow = load_workflow(workflow_path)
    check_named_files(workflow)
    selected = list(langs) or None
    if fetch_models and not no_draft:
        from translate.mt.fetch import fetch_workflow_models

        fetch_workflow_models(workflow, selected, console)
    with progress_bar("import", unit="steps"):
        imported = import_workflow(workflow, selected)
    print_import_report(imported, console)
    if not no_draft:
        _draft(workflow, selected, console)
    # counted in the working store (drafts were saved there): no PO file parsed again
    print_status_table(workflow, collect_status(workflow, selected), selected)


def _draft(workflow, langs, console: Console) -> None:
    from translate.draft import draft_workflow

    draft_workflow(workflow, langs=langs, console=console)
