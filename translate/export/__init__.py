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
    load_catalog,
    pick_documents,
    translate_document,
    workflow_documents,
)
from translate.lang import target_language
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


def export_workflow(
    workflow: Workflow,
    lang: str,
    fmt: str,
    output: str | Path,
    *,
    include_drafts: bool = False,
    xliff_version: str = "2.0",
    document: str | None = None,
) -> ExportReport:
    """Write ``lang``'s translation of ``workflow`` to ``output`` in ``fmt`` (atomically)."""
    try:
        code = target_language(lang).code
    except KeyError as error:
        raise BadInputError(workflow.root, str(error.args[0]), "--lang") from None
    if fmt not in EXPORT_FORMATS:
        raise BadInputError(output, f"unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")
    if xliff_version not in XLIFF_VERSIONS:
        raise BadInputError(output, f"XLIFF version must be {' or '.join(XLIFF_VERSIONS)}")
    target = Path(output)
    catalog = load_catalog(workflow, code)
    report = ExportReport(fmt, code, target)
    if fmt in ("docx", "md"):
        _export_document(workflow, catalog.index(), fmt, target, include_drafts, document, report)
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
) -> None:
    documents = workflow_documents(workflow)
    if fmt == "docx":
        chosen = pick_documents(documents, document, (".docx",))
        if not chosen:
            raise BadInputError(workflow.root / "workflow.yaml", "no .docx source to export as DOCX (use --format md)")
        if len(chosen) > 1:
            names = ", ".join(doc.name for doc in chosen)
            raise BadInputError(
                workflow.root / "workflow.yaml", f"several DOCX sources; choose one with --document ({names})"
            )
        from translate.export.docx_writer import write_docx

        paragraphs = translate_document(chosen[0], index, include_drafts, report.counts)
        write_docx(chosen[0].path, paragraphs, report.lang, target)
    else:
        from translate.export.markdown_writer import write_markdown

        chosen = pick_documents(documents, document)
        rendered = [translate_document(doc, index, include_drafts, report.counts) for doc in chosen]
        write_markdown(rendered, report.lang, target)
    counts = report.counts
    report.segments = counts.approved + counts.drafts + counts.source
