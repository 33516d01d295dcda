"""Write approved segments back to a TMX in ``memories/`` so the next edition of the report reuses them.

``memories/<workflow name>-approved.tmx`` holds one ``<tu>`` per segment id (``tuid`` = the segment id) with
the English source and every approved translation, the context (``x-context-prev``/``x-context-next``: the
previous and next segment's source, which makes context matches possible) and the reviewer and date of
approval (``changeid``/``changedate`` of each ``<tuv>``). The file is written atomically and deterministically:
running it again without new approvals gives the same bytes. Its read, change and write hold the file's lock
(:func:`translate.memory.locks.tmx_lock`), also taken by ``tm import``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from translate.catalog import Catalog, SegmentState, review_of, state_of
from translate.formats.tmx import CONTEXT_NEXT, CONTEXT_PREV, TmxHeader, TmxReader, TranslationUnit, Variant, tmx_date
from translate.memory.locks import tmx_lock
from translate.workflow import Workflow

SEGMENT_PROP = "x-segment"
SOURCE_FILE_PROP = "x-source"


def approved_memory_path(wf: Workflow) -> Path:
    """``memories/<workflow name>-approved.tmx``: in the workflow's first memory folder, else ``../../memories``."""
    for entry in wf.memories:
        folder = wf.root / entry
        if folder.is_dir():
            return folder / f"{wf.name}-approved.tmx"
    for path in wf.memory_paths():
        if path.suffix.lower() == ".tmx":
            return path.parent / f"{wf.name}-approved.tmx"
    return wf.root.parent.parent / "memories" / f"{wf.name}-approved.tmx"


def update_memory_from_workflow(
    wf: Workflow,
    langs: list[str] | tuple[str, ...] | None = None,
    hold_back: Callable[[Workflow, list, str], set[str]] | None = None,
) -> int:
    """Write the approved segments of ``langs`` (default: all targets) to the workflow's approved TMX.

    Variants of other languages already in the file are kept. ``hold_back(wf, entries, lang)`` names approved
    segments to leave out (the review layer's :func:`translate.review.findings.unresolved_errors`: approved with
    error findings no override accepted, so a wrong number is not offered as a 100 % match to the next edition).
    Returns the number of approved segments (one per language and segment) now in the file for ``langs``.
    """
    wanted = list(langs) if langs else list(wf.target_languages)
    path = approved_memory_path(wf)
    with tmx_lock(path):  # two languages flushing at once: each reads the other's approvals, none is lost
        return _write_back(wf, path, wanted, hold_back)


def _write_back(
    wf: Workflow, path: Path, wanted: list[str], hold_back: Callable[[Workflow, list, str], set[str]] | None
) -> int:
    units: dict[str, TranslationUnit] = {}
    order: list[str] = []
    if path.exists():
        for unit in TmxReader(path):
            if unit.tuid is None:
                continue
            unit.variants = [v for v in unit.variants if v.lang == wf.source_language or v.lang not in wanted]
            units[unit.tuid] = unit
            order.append(unit.tuid)
    written = 0
    for lang in wanted:
        catalog_path = wf.catalog_path(lang)
        if not catalog_path.exists():
            continue
        catalog = Catalog.load(catalog_path, lang)
        entries = list(catalog)
        held_back = hold_back(wf, entries, lang) if hold_back is not None else set()
        for position, entry in enumerate(entries):
            if state_of(entry) != SegmentState.APPROVED or not entry.msgctxt or entry.msgctxt in held_back:
                continue
            unit = units.get(entry.msgctxt)
            if unit is None or unit.text(wf.source_language) != entry.msgid:
                unit = _new_unit(wf, entry, entries, position)
                if entry.msgctxt not in units:
                    order.append(entry.msgctxt)
                units[entry.msgctxt] = unit
            review = review_of(entry) or {}
            attributes = {}
            if review.get("at"):
                attributes["changedate"] = tmx_date(review["at"])
            if review.get("by"):
                attributes["changeid"] = str(review["by"])
            unit.variants.append(Variant(xml_lang=lang, text=entry.msgstr, attributes=attributes))
            written += 1
    kept = [units[tuid] for tuid in order if any(v.lang != wf.source_language for v in units[tuid].variants)]
    for unit in kept:
        unit.variants.sort(key=lambda v: (v.lang != wf.source_language, v.xml_lang))
    header = TmxHeader(attributes={"creationtool": "hexaglot", "o-tmf": "hexaglot", "srclang": wf.source_language})
    header.props.append(("x-workflow", wf.name))
    from translate.formats.tmx import write_tmx

    write_tmx(path, kept, srclang=wf.source_language, header=header)
    _into_database(wf, path.name, kept)
    return written


def _into_database(wf: Workflow, label: str, units: list[TranslationUnit]) -> None:
    """A ``postgresql://`` memory gets the approved units too (replacing that file's units: incremental)."""
    from translate.memory.postgres import is_database_url

    if any(is_database_url(entry) for entry in wf.memories):
        from translate.memory import open_workflow_memory

        open_workflow_memory(wf).import_units(label, units, wf.source_language)


def _new_unit(wf: Workflow, entry, entries: list, position: int) -> TranslationUnit:
    previous = entries[position - 1].msgid if position > 0 else ""
    following = entries[position + 1].msgid if position + 1 < len(entries) else ""
    props = [(CONTEXT_PREV, previous), (CONTEXT_NEXT, following), (SEGMENT_PROP, entry.msgctxt)]
    if entry.occurrences:
        props.append((SOURCE_FILE_PROP, entry.occurrences[0][0]))
    return TranslationUnit(
        tuid=entry.msgctxt,
        variants=[Variant(xml_lang=wf.source_language, text=entry.msgid)],
        props=props,
    )
