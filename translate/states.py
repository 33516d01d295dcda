"""The five states of a segment (the lowest layer that knows them: formats, catalogs and the store share it)."""

from __future__ import annotations

from enum import StrEnum


class SegmentState(StrEnum):
    """The five states of a segment (declared in display order: :data:`STATES`).

    :attr:`rank` orders them by how far the work has come, the one order every merge of two versions uses (the
    merge driver, the store's read-back, ``import-xliff``): untranslated < draft < rejected < translated <
    approved. A rejected segment is ahead of a draft: a person reviewed it and said why it is wrong, which an
    unreviewed draft does not undo; a translation (or an approval) is ahead of the rejection.
    """

    UNTRANSLATED = "untranslated"
    DRAFT = "draft"
    TRANSLATED = "translated"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def rank(self) -> int:
        """Position in the order of progress (0 = untranslated ... 4 = approved)."""
        return _PROGRESS.index(self)

    def is_behind(self, other: SegmentState) -> bool:
        """True when this state is less advanced than ``other`` (work must not go back to it)."""
        return self.rank < other.rank


_PROGRESS: tuple[SegmentState, ...] = (
    SegmentState.UNTRANSLATED,
    SegmentState.DRAFT,
    SegmentState.REJECTED,
    SegmentState.TRANSLATED,
    SegmentState.APPROVED,
)
STATES: tuple[SegmentState, ...] = tuple(SegmentState)
