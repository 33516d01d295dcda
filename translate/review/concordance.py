"""Concordance: where a phrase of English occurs in the workflow's memories, and how it was translated.

The review app's ``k`` key (and ``Ctrl+G`` on a selection while editing) asks for a phrase and lists the memory
units whose English contains it (whole words, case ignored), with their translation and file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translate.workflow import Workflow


@dataclass(frozen=True)
class Occurrence:
    source: str
    target: str
    origin: str
    """The TMX file name and ``tuid``."""


def concordance(wf: Workflow, phrase: str, lang: str, limit: int = 20) -> list[Occurrence]:
    """Memory units whose English contains ``phrase`` and that have a ``lang`` translation (at most ``limit``)."""
    words = phrase.split()
    if not words:
        return []
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)", re.IGNORECASE)
    from translate.formats.tmx import TmxReader

    found: list[Occurrence] = []
    seen: set[tuple[str, str]] = set()
    for path in wf.memory_paths():
        if not path.is_file():
            continue
        for unit in TmxReader(path):
            source = unit.text(wf.source_language)
            if not source or not pattern.search(source):
                continue
            target = unit.text(lang)
            if not target or (source, target) in seen:
                continue
            seen.add((source, target))
            found.append(Occurrence(source, target, f"{path.name}#{unit.tuid or '?'}"))
            if len(found) >= limit:
                return found
    return found
