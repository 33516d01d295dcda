"""Exchange formats out of a catalog: PO, MO, XLIFF 1.2/2.0 and TMX.

* PO and XLIFF are for people who go on working: every active segment, with its state (PO flags and
  comments as in the catalog; XLIFF states as in :mod:`translate.formats.xliff`).
* MO is for software: approved translations only (polib's ``to_binary``; msgctxt kept).
* TMX is a memory: approved translations only, or with ``include_drafts`` every translated segment,
  each ``<tu>`` carrying a ``x-hexaglot-state`` property.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polib

from translate.catalog import WRAP_WIDTH, Catalog, SegmentState, provenance_of, review_of, state_of
from translate.fileio import atomic_write_bytes, atomic_write_text
from translate.formats.xliff import XliffUnit, write_xliff
from translate.lang import get_language


def selected_entries(catalog: Catalog, documents: Iterable[str] | None = None) -> list[polib.POEntry]:
    """Active entries, optionally only those of the named documents (segment id prefix)."""
    wanted = set(documents) if documents is not None else None
    entries = []
    for entry in catalog:
        if wanted is not None and (entry.msgctxt or "").split(":", 1)[0] not in wanted:
            continue
        entries.append(entry)
    return entries


def write_po(catalog: Catalog, entries: list[polib.POEntry], output: Path) -> int:
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.metadata = dict(catalog.po.metadata)
    po.extend(entries)
    atomic_write_text(output, str(po))
    return len(entries)


def write_mo(catalog: Catalog, entries: list[polib.POEntry], output: Path) -> int:
    """Approved translations only, as a GNU MO file."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.metadata = dict(catalog.po.metadata)
    approved = [entry for entry in entries if state_of(entry) is SegmentState.APPROVED]
    for entry in approved:
        po.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgstr))
    output.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(output, po.to_binary())
    return len(approved)


def xliff_units(catalog: Catalog, entries: list[polib.POEntry]) -> list[XliffUnit]:
    """One unit per segment: id = segment id, state = hexaglot state, the rejection comment as a note."""
    units = []
    for entry in entries:
        state = state_of(entry)
        review = review_of(entry) or {}
        provenance = provenance_of(entry)
        units.append(
            XliffUnit(
                id=entry.msgctxt or entry.msgid,
                source=entry.msgid,
                target=entry.msgstr,
                state=state.value,
                target_lang=catalog.lang,
                note=str(review.get("comment") or "") if state is SegmentState.REJECTED else "",
                original=entry.occurrences[0][0] if entry.occurrences else "",
                origin=provenance.origin if provenance else "",
            )
        )
    return units


def write_xliff_file(catalog: Catalog, entries: list[polib.POEntry], output: Path, version: str) -> int:
    units = xliff_units(catalog, entries)
    write_xliff(output, units, version=version, source_lang="en", target_lang=catalog.lang)
    return len(units)


def write_tmx_file(catalog: Catalog, entries: list[polib.POEntry], output: Path, include_drafts: bool) -> int:
    """Approved pairs (or every translated one with ``include_drafts``) through the memory's TMX writer."""
    from translate.formats.tmx import TranslationUnit, Variant, write_tmx

    language = get_language(catalog.lang)
    units = []
    for entry in entries:
        state = state_of(entry)
        if not entry.msgstr or state is SegmentState.UNTRANSLATED:
            continue
        if state is not SegmentState.APPROVED and not include_drafts:
            continue
        units.append(
            TranslationUnit(
                tuid=entry.msgctxt,
                variants=[Variant("en", entry.msgid), Variant(language.code, entry.msgstr)],
                props=[("x-hexaglot-state", state.value)],
            )
        )
    return write_tmx(output, units, srclang="en")
