"""``hexaglot status``: per-language progress for project leads."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from translate.catalog import STATES
from translate.report.status import collect_status, drafts_by_origin, load_catalogs, percent_approved, status_csv
from translate.workflow import Workflow, load_workflow


@click.command("status")
@click.argument("workflow_path", metavar="WORKFLOW", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--lang", "langs", multiple=True, help="Only these target languages (repeatable).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people; json and csv for dashboards and CI.",
)
def status_cmd(workflow_path: str, langs: tuple[str, ...], output_format: str) -> None:
    """Segments and English source words per state for each language, and % approved.

    \b
    The JSON shape is a contract:
      {"workflow": NAME, "languages": {LANG: {STATE: {"segments": N, "words": N}}}}
    with all five states (untranslated, draft, translated, approved, rejected) for every language.
    """
    workflow = load_workflow(workflow_path)
    status = collect_status(workflow, list(langs) or None)
    if output_format == "json":
        click.echo(json.dumps(status, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(status_csv(status), nl=False)
    else:
        print_status_table(workflow, status, list(langs) or None)


def print_status_table(
    workflow: Workflow, status: dict, langs: list[str] | None = None, console: Console | None = None
) -> None:
    """The rich table: one row per language, segments and words per state, % approved, drafts by origin."""
    console = console or Console()
    table = Table(
        title=f"{workflow.name}: progress by language",
        title_justify="left",
        caption="segments (English source words) in each state",
        caption_justify="left",
    )
    table.add_column("Lang")
    for state in STATES:
        table.add_column(state.value.capitalize(), justify="right", no_wrap=True)
    table.add_column("% approved", justify="right", no_wrap=True)
    origin_lines = []
    catalogs = load_catalogs(workflow, langs)
    for lang, counts in status["languages"].items():
        cells = [f"{counts[s.value]['segments']} ({counts[s.value]['words']})" for s in STATES]
        catalog = catalogs.get(lang)
        origins = drafts_by_origin(catalog) if catalog is not None else {}
        if origins:
            origin_lines.append(f"  {lang}: " + ", ".join(f"{name} {count}" for name, count in origins.items()))
        table.add_row(lang, *cells, f"{percent_approved(counts):.1f}%")
    console.print(table)
    if origin_lines:
        console.print("Drafts by origin:\n" + "\n".join(origin_lines))
