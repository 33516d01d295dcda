"""Per-language progress: segments and English source words in each state.

``collect_status(wf)`` returns exactly the object that ``hexaglot status --format json`` prints and that
dashboards and CI depend on::

    {"workflow": "glotip-sample",
     "languages": {"ar": {"untranslated": {"segments": 120, "words": 2810},
                          "draft": {...}, "translated": {...}, "approved": {...}, "rejected": {...}},
                   ...}}

Every language of the workflow appears, with all five states, even before its catalog exists.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from translate.catalog import Catalog, SegmentState, count_words, provenance_of, state_of
from translate.states import STATES
from translate.workflow import Workflow


def empty_counts() -> dict[str, dict[str, int]]:
    return {state.value: {"segments": 0, "words": 0} for state in STATES}


def catalog_counts(catalog: Catalog) -> dict[str, dict[str, int]]:
    """Segments and source words per state in one catalog."""
    counts = empty_counts()
    for entry in catalog:
        bucket = counts[state_of(entry).value]
        bucket["segments"] += 1
        bucket["words"] += count_words(entry.msgid)
    return counts


def drafts_by_origin(catalog: Catalog, by_engine: bool = False) -> dict[str, int]:
    """Draft segments counted by provenance origin: ``{"mt": 80, "tm": 12}``; with ``by_engine``,
    machine translation is split by engine (``mt:marian``, ``mt:apertium``)."""
    origins: Counter[str] = Counter()
    for entry in catalog:
        if state_of(entry) is not SegmentState.DRAFT:
            continue
        provenance = provenance_of(entry)
        if provenance is None:
            origins["unknown"] += 1
        elif by_engine and provenance.origin == "mt" and provenance.engine:
            origins[f"mt:{provenance.engine}"] += 1
        else:
            origins[provenance.origin] += 1
    return dict(sorted(origins.items()))


def load_catalogs(workflow: Workflow, langs: list[str] | None = None) -> dict[str, Catalog | None]:
    """The catalog of each language (synced with the working store), or None where none was imported yet."""
    from translate.store import load_catalog

    return {lang: load_catalog(workflow, lang) for lang in langs or list(workflow.target_languages)}


def collect_status(workflow: Workflow, langs: list[str] | None = None) -> dict[str, Any]:
    """The ``status --format json`` object (see the module docstring), counted in the working store (one
    aggregate query per language; the store first reads back any edit made to a PO file)."""
    from translate.store import open_store, sync_language

    store = open_store(workflow)
    languages = {}
    for lang in langs or list(workflow.target_languages):
        sync_language(workflow, lang, store=store)
        counts = empty_counts()
        for state, (segments, words) in store.counts(lang).items():
            counts[state] = {"segments": segments, "words": words}
        languages[lang] = counts
    return {"workflow": workflow.name, "languages": languages}


def store_drafts_by_origin(workflow: Workflow, lang: str) -> dict[str, int]:
    """:func:`drafts_by_origin` (``by_engine``) from the working store's rows, without parsing PO."""
    from translate.store import open_store

    return dict(sorted(open_store(workflow).draft_origins(lang).items()))


def percent_approved(counts: dict[str, dict[str, int]], unit: str = "words") -> float:
    total = sum(bucket[unit] for bucket in counts.values())
    return 100.0 * counts["approved"][unit] / total if total else 0.0


def status_csv(status: dict[str, Any]) -> str:
    """One row per language and state: ``workflow,language,state,segments,words``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["workflow", "language", "state", "segments", "words"])
    for lang, counts in status["languages"].items():
        for state, bucket in counts.items():
            writer.writerow([status["workflow"], lang, state, bucket["segments"], bucket["words"]])
    return buffer.getvalue()
