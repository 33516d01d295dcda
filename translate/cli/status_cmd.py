"""``hexaglot status``: per-language progress for project leads."""

from __future__ import annotations

import csv
import io
import json

import click
from rich.console import Console
from rich.table import Table

from translate.catalog import STATES, Catalog
from translate.cli.output import compact, print_fitting
from translate.cli.output import console as output_console
from translate.report.progress import (
    DEFAULT_WINDOW_DAYS,
    GROUPINGS,
    grouped_status,
    language_progress,
    overridden_errors,
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
    help="table for people; json and csv for dashboards and CI; html a one-page report (to --output or stdout).",
)
@click.option(
    "--by",
    "group_by",
    type=click.Choice(GROUPINGS),
    default="language",
    show_default=True,
    help="Group the counts by language, document, reviewer or stage (assignments from 'hexaglot assign').",
)
@click.option(
    "--output", "-o", "output", type=click.Path(dir_okay=False), default=None,
    help="File for --format html (default: stdout).",
)  # fmt: skip
@click.option(
    "--velocity", "with_velocity", is_flag=True, help="json: add words approved per day and ETA per language."
)
@click.option(
    "--overrides",
    "with_overrides",
    is_flag=True,
    help='json: add "overridden_errors": {LANG: {"segments", "errors"}} (errors accepted in review with a reason).',
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
    with_overrides: bool = False,
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
        if with_overrides:
            status = {**status, "overridden_errors": overridden_errors(workflow, list(status["languages"]))}
        click.echo(json.dumps(status, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(status_csv(status), nl=False)
    else:
        print_status_table(workflow, status, selected)
        print_velocity(language_progress(workflow, status, window_days=window_days))
        print_overrides(overridden_errors(workflow, list(status["languages"])))


def _write_html(workflow: Workflow, langs: list[str] | None, output: str | None, window_days: int) -> None:
    from translate.fileio import atomic_write_text
    from translate.report.html import render_html

    catalogs = load_catalogs(workflow, langs)  # read each PO file once for the whole page
    status = status_from_catalogs(workflow, catalogs)
    page = render_html(
        status,
        language_progress(workflow, status, window_days=window_days),
        by_document=grouped_status(workflow, "document", catalogs=catalogs),
        by_reviewer=grouped_status(workflow, "reviewer", catalogs=catalogs),
        overrides=overridden_errors(workflow, list(catalogs)),
    )
    if not output or output == "-":
        click.echo(page, nl=False)
        return
    atomic_write_text(output, page)
    click.echo(f"Wrote {output}", err=True)


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
    print_fitting(output_console(), [grouped_table(grouped), compact(grouped_table(grouped))], grouped_lines(grouped))


def grouped_table(grouped: dict) -> Table:
    """--by document|reviewer|stage as a table: full state names, % with its sign, only groups with work.

    A row is a group and a language where that group has segments: a reviewer appears only under the
    languages they have work in. The group column wraps rather than cutting the figures when space is short.
    """
    by = grouped["by"]
    table = Table(
        title=f"{grouped['workflow']}: progress by {by}",
        title_justify="left",
        caption="segments in each state; % of English source words approved",
        caption_justify="left",
    )
    table.add_column(by.capitalize(), overflow="fold", min_width=8)
    table.add_column("Lang", no_wrap=True)
    for state in STATES:
        table.add_column(state.value.capitalize(), justify="right", no_wrap=True)
    table.add_column("Approved %", justify="right", no_wrap=True)
    activity = grouped.get("activity")
    if activity is not None:
        table.add_column("Actions", justify="right", no_wrap=True)
        table.add_column("Words approved", justify="right", no_wrap=True)
    for group, per_lang in grouped["groups"].items():
        for lang, counts in per_lang.items():
            if not sum(bucket["segments"] for bucket in counts.values()):
                continue
            cells = [str(counts[s.value]["segments"]) for s in STATES]
            row = [group, lang, *cells, f"{percent_approved(counts):.0f}%"]
            if activity is not None:
                done = activity.get(group, {}).get(lang, {"actions": 0, "words_approved": 0})
                row += [str(done["actions"]), str(done["words_approved"])]
            table.add_row(*row)
    return table


def grouped_lines(grouped: dict) -> list[str]:
    """:func:`grouped_table` as plain lines, for terminals too narrow for the table."""
    lines = [f"{grouped['workflow']}: progress by {grouped['by']} (segments in each state)"]
    activity = grouped.get("activity")
    for group, per_lang in grouped["groups"].items():
        rows = []
        for lang, counts in per_lang.items():
            if not sum(bucket["segments"] for bucket in counts.values()):
                continue
            states = ", ".join(f"{s.value} {counts[s.value]['segments']}" for s in STATES)
            row = f"  {lang}: {states}; {percent_approved(counts):.0f}% approved"
            if activity is not None:
                done = activity.get(group, {}).get(lang, {"actions": 0, "words_approved": 0})
                row += f"; {done['actions']} actions, {done['words_approved']} words approved"
            rows.append(row)
        if rows:
            lines += [group, *rows]
    return lines


def print_overrides(overrides: dict, console: Console | None = None) -> None:
    """One line per language with errors accepted by override in review (nothing when there are none)."""
    lines = [
        f"  {lang}: {item['errors']} error(s) in {item['segments']} segment(s)"
        for lang, item in overrides.items()
        if item["segments"]
    ]
    if lines:
        (console or Console()).print("Errors accepted by override (with a reason, journaled):\n" + "\n".join(lines))


def print_velocity(progress: dict, console: Console | None = None) -> None:
    """One line per language: words approved per day and the ETA at that pace, with the days they are based on;
    where the journal is too young for a pace to mean anything, it says so instead of a figure."""
    lines = []
    for lang, item in progress.items():
        lines.append(f"  {lang}: {velocity_text(item['velocity'])}")
    (console or output_console()).print(
        "Velocity (English source words approved per day, from the review journal):\n" + "\n".join(lines)
    )


def velocity_text(pace: dict) -> str:
    """The pace of one language in words, or why there is none yet."""
    if not pace.get("first_day"):
        return "no approvals journaled yet; words/day and ETA once reviewers have approved on a few days"
    if not pace.get("enough_history", True):
        return (
            f"not enough journal history for words/day and ETA: approvals on {pace['approval_days']} day(s) "
            f"of the last {pace['window_days']} ({pace['since']} to {pace['until']}); needs {pace['min_days']}"
        )
    eta = pace["eta"] or "none (no approvals in the window)"
    return (
        f"{pace['words_per_day']:,.1f} words/day over {pace['window_days']} days "
        f"({pace['since']} to {pace['until']}, approvals on {pace['approval_days']} of them); "
        f"{pace['words_remaining']:,} words left; ETA {eta}"
    )


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
    console = console or output_console()
    origin_lines = []
    plain = [f"{workflow.name}: progress by language (segments and English source words in each state)"]
    rows = []
    for lang, counts in status["languages"].items():
        cells = [f"{counts[s.value]['segments']} ({counts[s.value]['words']})" for s in STATES]
        if catalogs is None:
            origins = store_drafts_by_origin(workflow, lang)  # from the working store, no PO parsed
        else:
            catalog = catalogs.get(lang)
            origins = drafts_by_origin(catalog, by_engine=True) if catalog is not None else {}
        if origins:
            origin_lines.append(f"  {lang}: " + ", ".join(f"{name} {count}" for name, count in origins.items()))
        rows.append([lang, *cells, f"{percent_approved(counts):.1f}%"])
        plain.append(
            f"  {lang}: "
            + ", ".join(f"{s.value} {counts[s.value]['segments']} ({counts[s.value]['words']} words)" for s in STATES)
            + f"; {percent_approved(counts):.1f}% approved"
        )
    tables = [_language_table(workflow, rows), compact(_language_table(workflow, rows))]
    print_fitting(console, tables, plain)
    if origin_lines:
        console.print("Drafts by origin:\n" + "\n".join(origin_lines))


def _language_table(workflow: Workflow, rows: list[list[str]]) -> Table:
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
    for row in rows:
        table.add_row(*row)
    return table
