"""``hexaglot status``: per-language progress for project leads."""

from __future__ import annotations

import csv
import io
import json

import click
from rich.console import Console
from rich.table import Table

from translate.catalog import STATES, Catalog
from translate.report.progress import (
    DEFAULT_WINDOW_DAYS,
    GROUPINGS,
    grouped_status,
    language_progress,
    status_from_catalogs,
)
from translate.report.status import (
    collect_status,
    drafts_by_origin,
    load_catalogs,
    percent_approved,
    status_csv,
    store_drafts_by_origin,
)
from translate.workflow import Workflow, load_workflow


@click.command("status")
@click.argument("workflow_path", metavar="WORKFLOW", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--lang", "langs", multiple=True, help="Only these target languages (repeatable).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv", "html"]),
    default="table",
    show_default=True,
    help="table for people; json and csv for dashboards and CI; html a one-page report (needs --output).",
)
@click.option(
    "--by",
    "group_by",
    type=click.Choice(GROUPINGS),
    default="language",
    show_default=True,
    help="Group the counts by language, document, reviewer or stage (assignments from 'hexaglot assign').",
)
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default=None, help="File for --format html.")
@click.option(
    "--velocity", "with_velocity", is_flag=True, help="json: add words approved per day and ETA per language."
)
@click.option(
    "--window", "window_days", type=click.IntRange(1, 365), default=DEFAULT_WINDOW_DAYS, show_default=True,
    help="Days of journal over which velocity is measured.",
)  # fmt: skip
def status_cmd(
    workflow_path: str,
    langs: tuple[str, ...],
    output_format: str,
    group_by: str,
    output: str | None,
    with_velocity: bool,
    window_days: int,
) -> None:
    """Segments and English source words per state for each language, and % approved.

    \b
    The JSON shape is a contract:
      {"workflow": NAME, "languages": {LANG: {STATE: {"segments": N, "words": N}}}}
    with all five states (untranslated, draft, translated, approved, rejected) for every language.
    --velocity adds "velocity": {LANG: {"words_per_day", "window_days", "words_remaining", "days_left",
    "eta"}}. --by document|reviewer|stage prints {"workflow", "by", "groups": {GROUP: {LANG: {STATE: ...}}}}
    (reviewer and stage add "activity" from the journal).

    \b
      hexaglot status workflows/glotip-sample --by reviewer
      hexaglot status workflows/glotip-sample --format html --output progress.html
    """
    workflow = load_workflow(workflow_path)
    selected = list(langs) or None
    if output_format == "html":
        _write_html(workflow, selected, output, window_days)
        return
    if output is not None:
        raise click.UsageError("--output is for --format html")
    if group_by != "language":
        catalogs = load_catalogs(workflow, selected)  # each catalog is read once
        _print_grouped(grouped_status(workflow, group_by, catalogs=catalogs), output_format)
        return
    status = collect_status(workflow, selected)  # counted in the working store: no PO file parsed
    if output_format == "json":
        if with_velocity:
            progress = language_progress(workflow, status, window_days=window_days)
            status = {**status, "velocity": {lang: item["velocity"] for lang, item in progress.items()}}
        click.echo(json.dumps(status, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(status_csv(status), nl=False)
    else:
        print_status_table(workflow, status, selected)
        print_velocity(language_progress(workflow, status, window_days=window_days))


def _write_html(workflow: Workflow, langs: list[str] | None, output: str | None, window_days: int) -> None:
    from translate.fileio import atomic_write_text
    from translate.report.html import render_html

    if not output:
        raise click.UsageError("--format html needs --output FILE")
    catalogs = load_catalogs(workflow, langs)  # read each PO file once for the whole page
    status = status_from_catalogs(workflow, catalogs)
    page = render_html(
        status,
        language_progress(workflow, status, window_days=window_days),
        by_document=grouped_status(workflow, "document", catalogs=catalogs),
        by_reviewer=grouped_status(workflow, "reviewer", catalogs=catalogs),
    )
    atomic_write_text(output, page)
    click.echo(f"Wrote {output}")


def _print_grouped(grouped: dict, output_format: str) -> None:
    """--by document|reviewer|stage as json, csv or a table."""
    if output_format == "json":
        click.echo(json.dumps(grouped, ensure_ascii=False, indent=2))
        return
    by = grouped["by"]
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["workflow", by, "language", "state", "segments", "words"])
        for group, per_lang in grouped["groups"].items():
            for lang, counts in per_lang.items():
                for state, bucket in counts.items():
                    writer.writerow([grouped["workflow"], group, lang, state, bucket["segments"], bucket["words"]])
        click.echo(buffer.getvalue(), nl=False)
        return
    table = Table(
        title=f"{grouped['workflow']}: progress by {by}",
        title_justify="left",
        caption="segments in each state; % of source words approved",
        caption_justify="left",
    )
    table.add_column(by.capitalize(), no_wrap=True)
    table.add_column("Lang", no_wrap=True)
    for state in STATES:
        table.add_column(state.value[:5].capitalize(), justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    activity = grouped.get("activity")
    if activity is not None:
        table.add_column("Acts/words", justify="right", no_wrap=True)
    for group, per_lang in grouped["groups"].items():
        for lang, counts in per_lang.items():
            if not sum(bucket["segments"] for bucket in counts.values()):
                continue
            cells = [str(counts[s.value]["segments"]) for s in STATES]
            row = [group, lang, *cells, f"{percent_approved(counts):.0f}"]
            if activity is not None:
                done = activity.get(group, {}).get(lang, {"actions": 0, "words_approved": 0})
                row.append(f"{done['actions']}/{done['words_approved']}")
            table.add_row(*row)
    Console().print(table)


def print_velocity(progress: dict, console: Console | None = None) -> None:
    """One line per language: words approved per day over the window, and the ETA at that pace."""
    lines = []
    for lang, item in progress.items():
        pace = item["velocity"]
        if pace["window_days"] == 0:
            lines.append(f"  {lang}: no approvals journaled yet")
            continue
        eta = pace["eta"] or "no approvals in the window"
        lines.append(
            f"  {lang}: {pace['words_per_day']:.1f} words/day over {pace['window_days']} d; "
            f"{pace['words_remaining']} words left; ETA {eta}"
        )
    (console or Console()).print("Velocity (source words approved per day, from the journal):\n" + "\n".join(lines))


def print_status_table(
    workflow: Workflow,
    status: dict,
    langs: list[str] | None = None,
    console: Console | None = None,
    catalogs: dict[str, Catalog | None] | None = None,
) -> None:
    """The rich table: one row per language, segments and words per state, % approved, drafts by origin.

    ``catalogs`` (from :func:`load_catalogs`, as the status was counted from) saves reading the PO files again.
    """
    console = console or Console()
    table = Table(
        title=f"{workflow.name}: progress by language",
        title_justify="left",
        caption="segments (English source words) in each state",
        caption_justify="left",
    )
    table.add_column("Lang", no_wrap=True, min_width=4)
    for state in STATES:
        table.add_column(state.value.capitalize(), justify="right", no_wrap=True)
    table.add_column("% approved", justify="right", no_wrap=True)
    origin_lines = []
    for lang, counts in status["languages"].items():
        cells = [f"{counts[s.value]['segments']} ({counts[s.value]['words']})" for s in STATES]
        if catalogs is None:
            origins = store_drafts_by_origin(workflow, lang)  # from the working store, no PO parsed
        else:
            catalog = catalogs.get(lang)
            origins = drafts_by_origin(catalog, by_engine=True) if catalog is not None else {}
        if origins:
            origin_lines.append(f"  {lang}: " + ", ".join(f"{name} {count}" for name, count in origins.items()))
        table.add_row(lang, *cells, f"{percent_approved(counts):.1f}%")
    console.print(table)
    if origin_lines:
        console.print("Drafts by origin:\n" + "\n".join(origin_lines))
