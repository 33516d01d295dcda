"""Terminology: termbases (TBX, CSV), English source-term matching, inflection-aware target checks.

The interface shared with drafting and review is :func:`load_glossaries` -> :class:`Glossary`,
:meth:`Glossary.find_source_terms` -> :class:`TermHit` (concept id, span, ``target_terms(lang)``) and
:meth:`Glossary.check_target`.
"""

from translate.glossary.glossary import Glossary, TermCheck, TermHit, load_glossaries, load_glossary
from translate.termbase import Concept, LangTerms

__all__ = ["Concept", "Glossary", "LangTerms", "TermCheck", "TermHit", "load_glossaries", "load_glossary"]
