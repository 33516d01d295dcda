"""Export a workflow's translation: the report as DOCX or Markdown, the catalog as PO, MO, XLIFF or TMX.

Layout: :mod:`.content` decides what each segment contributes (the approved translation, a marked draft,
or the marked English source), :mod:`.docx_writer` and :mod:`.markdown_writer` write documents,
:mod:`.exchange` writes PO/MO/XLIFF/TMX, :mod:`.xliff_import` brings XLIFF work back.

The rule for documents (docx, md): approved segments only by default; a segment without an approved
translation is replaced by its English source, visibly marked (grey highlight in DOCX, ``[EN]`` in
Markdown), so the document stays complete and nothing unapproved passes for approved. With
``include_drafts`` unapproved translations (draft, translated, rejected) are used, marked as drafts
(yellow highlight, ``[DRAFT]``). MO and TMX hold approved segments only (TMX: all translated ones with
``include_drafts``); PO and XLIFF carry every segment with its state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import BadInputError
from translate.export.content import (
    ExportCounts,
    localize_labels,
    pick_documents,
    translate_document,
    workflow_documents,
)
from translate.lang import target_language
from translate.store import require_catalog
from translate.workflow import Workflow

EXPORT_FORMATS = ("docx", "md", "po", "mo", "xliff", "tmx")
XLIFF_VERSIONS = ("1.2", "2.0")


@dataclass
class ExportReport:
    format: str
    lang: str
    output: Path
    segments: int = 0
    """Segments written (documents: all of them, whatever their kind)."""
    counts: ExportCounts = field(default_factory=ExportCounts)
    files: list[Path] = field(default_factory=list)
    """The documents written (one, or one per source with ``per_document``)."""


def export_workflow(
    workflow: Workflow,
    lang: str,
    fmt: str,
    output: str | Path,
    *,
    include_drafts: bool = False,
    xliff_version: str = "2.0",
    document: str | None = None,
    per_document: bool = False,
) -> ExportReport:
    """Write ``lang``'s translation of ``workflow`` to ``output`` in ``fmt`` (atomically).

    Documents (docx, md) cover every source of the workflow in workflow order, in one file, or with
    ``per_document`` one file per source in the folder ``output`` (``<document>.<fmt>``).
    """
    try:
        code = target_language(lang).code
    except KeyError as error:
        raise BadInputError(workflow.root, str(error.args[0]), "--lang") from None
    if fmt not in EXPORT_FORMATS:
        raise BadInputError(output, f"unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")
    if xliff_version not in XLIFF_VERSIONS:
        raise BadInputError(output, f"XLIFF version must be {' or '.join(XLIFF_VERSIONS)}")
    target = Path(output)
    catalog = require_catalog(workflow, code)
    report = ExportReport(fmt, code, target)
    if fmt in ("docx", "md"):
        _export_document(workflow, catalog.index(), fmt, target, include_drafts, document, report, per_document)
        return report
    from translate.export import exchange

    names = None
    if document:
        names = [doc.name for doc in pick_documents(workflow_documents(workflow), document)]
    entries = exchange.selected_entries(catalog, names)
    if fmt == "po":
        report.segments = exchange.write_po(catalog, entries, target)
    elif fmt == "mo":
        report.segments = exchange.write_mo(catalog, entries, target)
    elif fmt == "xliff":
        report.segments = exchange.write_xliff_file(catalog, entries, target, xliff_version)
    else:
        report.segments = exchange.write_tmx_file(catalog, entries, target, include_drafts)
    return report


def _export_document(
    workflow: Workflow,
    index: dict,
    fmt: str,
    target: Path,
    include_drafts: bool,
    document: str | None,
    report: ExportReport,
    per_document: bool = False,
) -> None:
    """Every source of the workflow (or the one named) in one DOCX or Markdown file, or one file each."""
    from translate.progress import advance, set_total

    chosen = pick_documents(workflow_documents(workflow), document)
    style = workflow.label_style(report.lang)
    set_total(len(chosen) + (len(chosen) if per_document else 1))
    rendered = []
    for doc in chosen:
        paragraphs = translate_document(doc, index, include_drafts, report.counts)
        localize_labels(paragraphs, style)
        rendered.append((doc, paragraphs))
        advance(description=f"export: translated {doc.name}")
    outputs = [(target / f"{doc.name}.{fmt}", [item]) for item, doc in zip(rendered, chosen, strict=True)]
    if not per_document:
        outputs = [(target, rendered)]
    for path, items in outputs:
        if fmt == "docx":
            from translate.export.docx_writer import write_docx

            write_docx(items, report.lang, path)
        else:
            from translate.export.markdown_writer import write_markdown

            write_markdown([paragraphs for _, paragraphs in items], report.lang, path)
        report.files.append(path)
        advance(description=f"export: wrote {path.name}")
    counts = report.counts
    report.segments = counts.approved + counts.drafts + counts.source
