"""The glossary checks: ``glossary-missing``, ``glossary-forbidden``, ``glossary-dnt``.

All three read one shared analysis per segment (source hits and target look-ups), computed once and
kept in ``CheckContext.cache`` while the checks of that segment run.
"""

from __future__ import annotations

from collections.abc import Iterable

from translate.glossary.glossary import Glossary, TermCheck
from translate.qa.base import Check, CheckContext, Finding, Segment, register

_CACHE_KEY = "glossary.analysis"
_MERGED_KEY = "glossary.merged"


def context_glossary(context: CheckContext) -> Glossary:
    """The context's glossaries merged into one (memoised in the context cache)."""
    glossaries = context.glossaries
    cached = context.cache.get(_MERGED_KEY)
    if cached is not None and cached[0] is glossaries and cached[1] == len(glossaries):
        return cached[2]
    merged = glossaries[0]
    for glossary in glossaries[1:]:
        merged = merged.merge(glossary)
    context.cache[_MERGED_KEY] = (glossaries, len(glossaries), merged)
    return merged


def analyse(segment: Segment, context: CheckContext) -> list[TermCheck]:
    """Term checks of one segment, shared by the three glossary checks."""
    cached = context.cache.get(_CACHE_KEY)
    if cached is not None and cached[0] is segment:  # segments are frozen: the same object, the same texts
        return cached[2]
    key = (segment.source, segment.target, segment.lang)
    if cached is not None and cached[1] == key:
        return cached[2]
    results = context_glossary(context).check_target(segment.source, segment.target, segment.lang)
    context.cache[_CACHE_KEY] = (segment, key, results)
    return results


def _accepted_text(result: TermCheck) -> str:
    terms = result.hit.target_terms(result.lang)
    text = f"“{terms.preferred}”"
    if terms.admitted:
        text += " (or " + ", ".join(f"“{term}”" for term in terms.admitted) + ")"
    return text


class _GlossaryCheck(Check):
    needs_glossary = True

    def applies_to(self, segment: Segment, context: CheckContext) -> bool:
        if not segment.target or not context.glossaries:
            return False
        # The base rules (ignore-<id> flags, languages) only when they can matter: this runs for every segment.
        return super().applies_to(segment, context) if segment.flags or self.languages is not None else True


@register
class GlossaryMissing(_GlossaryCheck):
    id = "glossary-missing"
    name = "Glossary term missing"
    description = (
        "A glossary term occurs in the source but neither its preferred nor an admitted target term is in the "
        "translation (inflected forms count: торговлей людьми, للدول الأعضاء, États membres)."
    )
    severity = "error"
    example_good = ("fr", "Member States reported cases.", "Les États Membres ont signalé des cas.")
    example_bad = ("zh", "Member States reported cases.", "各国报告了案件。")

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        for result in analyse(segment, context):
            if result.missing:
                preferred = result.hit.target_terms(segment.lang).preferred or ""
                message = f"“{result.hit.text}” [{result.hit.concept_id}]: expected {_accepted_text(result)}"
                if result.miscased:
                    message += f"; “{result.miscased}” in that case is another concept's term"
                yield self.finding(
                    message,
                    term=preferred,
                    concept=result.hit.concept_id,
                    source_term=result.hit.text,
                )


@register
class GlossaryForbidden(_GlossaryCheck):
    id = "glossary-forbidden"
    name = "Forbidden glossary term"
    description = (
        "The translation uses a term the glossary forbids for a concept found in the source, such as the "
        "smuggling word for trafficking in persons (fr “trafic de personnes”, ar “تهريب الأشخاص”)."
    )
    severity = "error"
    example_good = ("es", "Victims of trafficking in persons", "Víctimas de la trata de personas")
    example_bad = ("es", "Victims of trafficking in persons", "Víctimas del tráfico de personas")

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        for result in analyse(segment, context):
            for concept, term in result.forbidden:
                preferred = concept.target_terms(segment.lang).preferred or ""
                yield self.finding(
                    f"“{term}” is forbidden for “{result.hit.text}” [{concept.id}]: use “{preferred}”",
                    term=term,
                    concept=concept.id,
                    source_term=result.hit.text,
                    preferred=preferred,
                )


@register
class GlossaryDoNotTranslate(_GlossaryCheck):
    id = "glossary-dnt"
    name = "Do-not-translate term changed"
    description = "A do-not-translate glossary term (a programme or database name) is not kept unchanged."
    severity = "error"
    example_good = ("fr", "See SHERLOC.", "Voir SHERLOC.")
    example_bad = ("ru", "See SHERLOC.", "См. ШЕРЛОК.")

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        for result in analyse(segment, context):
            if result.dnt_changed:
                yield self.finding(
                    f"do-not-translate term “{result.hit.text}” [{result.hit.concept_id}] is not kept unchanged",
                    term=result.hit.text,
                    concept=result.hit.concept_id,
                )
