"""The glossary's data model: concepts with per-language preferred, admitted and forbidden terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from translate.lang import ALL_LANGUAGES


@dataclass(frozen=True)
class LangTerms:
    """The terms of one concept in one language."""

    preferred: str | None = None
    admitted: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()

    @cached_property
    def accepted(self) -> tuple[str, ...]:
        """Preferred first, then the admitted variants: any of them satisfies ``glossary-missing``."""
        return ((self.preferred,) if self.preferred else ()) + self.admitted

    def __bool__(self) -> bool:
        return bool(self.preferred or self.admitted or self.forbidden)


_NO_TERMS = LangTerms()


@dataclass(frozen=True)
class Concept:
    """One entry of a termbase (a TBX ``conceptEntry``, a CSV row)."""

    id: str
    terms: dict[str, LangTerms] = field(default_factory=dict, hash=False, compare=False, repr=False)
    note: str = ""
    dnt: bool = False
    """Do not translate: the English term must appear unchanged in every target (``glossary-dnt``)."""
    origin: str = ""
    """The file (and row) the concept was read from."""

    def target_terms(self, lang: str) -> LangTerms:
        """Preferred, admitted and forbidden terms of ``lang`` (empty when the concept has none)."""
        return self.terms.get(lang, _NO_TERMS)

    @property
    def english(self) -> LangTerms:
        return self.target_terms("en")

    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in ALL_LANGUAGES if self.terms.get(lang))
