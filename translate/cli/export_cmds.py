"""``hexaglot export`` and ``hexaglot import-xliff``: the translation out of a workflow, agencies' work back in."""

from __future__ import annotations

from pathlib import Path

import click

from translate.export import EXPORT_FORMATS, XLIFF_VERSIONS


@click.command("export")
@click.argument("workflow", type=click.Path(path_type=Path))
@click.option("--lang", "lang", required=True, help="Target language: ar, zh, fr, ru or es.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="Output format.")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.option(
    "--include-drafts",
    is_flag=True,
    help="Use translations not yet approved (marked: yellow highlight in DOCX, [DRAFT] in Markdown).",
)
@click.option("--xliff-version", type=click.Choice(XLIFF_VERSIONS), default="2.0", show_default=True)
@click.option("--document", default=None, help="Export one source document (name or file name).")
@click.option(
    "--per-document",
    is_flag=True,
    help="DOCX/Markdown: one file per source document in the folder OUTPUT (<document>.<format>) "
    "instead of one combined file.",
)
def export_cmd(
    workflow: Path,
    lang: str,
    fmt: str,
    output: Path,
    include_drafts: bool,
    xliff_version: str,
    document: str | None,
    per_document: bool,
) -> None:
    """Write the translated report (DOCX, Markdown) or the catalog (PO, MO, XLIFF, TMX).

    \b
    Documents hold approved segments only; a segment without an approved translation stays in English,
    marked (grey highlight in DOCX, [EN] in Markdown). --include-drafts uses unapproved translations too,
    marked as drafts. DOCX and Markdown cover every source of the workflow (one combined file, or one per
    source with --per-document); DOCX keeps the first Word source's styles, numbering and footnotes, inline
    formatting comes back, labels are written the target language's way; Arabic is right to left.
    PO and XLIFF carry every segment with its state; MO and TMX approved segments only.

    \b
      hexaglot export workflows/glotip-sample --lang ar --format docx -o out/ar.docx
      hexaglot export workflows/glotip-sample --lang fr --format xliff --xliff-version 1.2 -o fr.xlf
    """
    from translate.export import export_workflow
    from translate.progress import progress_bar
    from translate.workflow import load_workflow

    wf = load_workflow(workflow)
    with progress_bar(f"export {lang}", unit="steps"):
        report = export_workflow(
            wf,
            lang,
            fmt,
            output,
            include_drafts=include_drafts,
            xliff_version=xliff_version,
            document=document,
            per_document=per_document,
        )
    if fmt in ("docx", "md"):
        counts = report.counts
        detail = f"{counts.approved} approved"
        if include_drafts:
            detail += f", {counts.drafts} drafts (marked)"
        detail += f", {counts.source} in English (marked)"
        words = f"{counts.words_approved}/{counts.words_total} source words approved"
        written = ", ".join(str(path) for path in report.files)
        click.echo(f"Wrote {written} ({report.lang}, {fmt}): {report.segments} segments: {detail}; {words}.")
    else:
        click.echo(f"Wrote {output} ({report.lang}, {fmt}): {report.segments} segments.")


@click.command("import-xliff")
@click.argument("workflow", type=click.Path(path_type=Path))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", default=None, help="Target language (default: the file's target language).")
@click.option("--by", default=None, help="Who did the work (journal and provenance; default xliff:<file name>).")
@click.option("--overwrite-approved", is_flag=True, help="Let the file replace approved segments (listed).")
def import_xliff_cmd(workflow: Path, file: Path, lang: str | None, by: str | None, overwrite_approved: bool) -> None:
    """Bring XLIFF 1.2/2.0 work from another CAT tool back into the catalog, states kept.

    \b
    Never erases a translation; never overwrites approved work unless --overwrite-approved (conflicts
    are listed); never moves a segment back (a draft does not replace a translated segment); skips
    units whose English changed since the export. Each change is journaled with provenance "xliff".
    """
    from translate.export.xliff_import import import_xliff
    from translate.workflow import load_workflow

    wf = load_workflow(workflow)
    report = import_xliff(wf, file, lang=lang, by=by, overwrite_approved=overwrite_approved)
    states = ", ".join(f"{count} {state}" for state, count in sorted(report.updated.items())) or "nothing"
    click.echo(
        f"{file} ({report.lang}): {report.units} units; updated {states}; {report.unchanged} unchanged; "
        f"{len(report.conflicts)} conflicts; {len(report.skipped)} skipped."
    )
    for segment, reason in report.conflicts:
        click.echo(f"  conflict {segment}: {reason} (kept; --overwrite-approved to replace)")
    for segment in report.overwritten:
        click.echo(f"  overwrote approved {segment}")
    for segment, reason in report.skipped[:50]:
        click.echo(f"  skipped {segment}: {reason}")
    if len(report.skipped) > 50:
        click.echo(f"  ... and {len(report.skipped) - 50} more skipped")
