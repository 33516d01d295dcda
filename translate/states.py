"""The five states of a segment (the lowest layer that knows them: formats, catalogs and the store share it)."""

from __future__ import annotations

from enum import StrEnum


class SegmentState(StrEnum):
    """The five states of a segment, in workflow order."""

    UNTRANSLATED = "untranslated"
    DRAFT = "draft"
    TRANSLATED = "translated"
    APPROVED = "approved"
    REJECTED = "rejected"


STATES: tuple[SegmentState, ...] = tuple(SegmentState)
