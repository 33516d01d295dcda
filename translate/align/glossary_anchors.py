"""Glossary concepts as weak alignment anchors: a concept found in the English text and one of its terms in the
translation (inflection-aware, :mod:`translate.glossary`) agree."""

from __future__ import annotations

from collections import Counter

from translate.align.anchors import Anchors
from translate.glossary import Glossary


class GlossaryAnchors:
    """``anchors(text, lang)``: the concepts of ``text`` as weak anchors ``term:<concept id>``."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.seen: dict[str, tuple[str, ...]] = {}
        """Concepts met in the English text so far -> their accepted target terms (by language)."""

    def __call__(self, text: str, lang: str) -> Anchors:
        found: Counter[str] = Counter()
        if lang == "en":
            for hit in self.glossary.find_source_terms(text):
                found[f"term:{hit.concept_id}"] += 1
                self.seen.setdefault(hit.concept_id, ())
            return Anchors(weak=found)
        for concept_id in self.seen:
            concept = self.glossary.get(concept_id)
            if concept is None:
                continue
            terms = concept.target_terms(lang).accepted
            if terms and any(spans for spans in self.glossary.find_target_terms(text, lang, terms).values()):
                found[f"term:{concept_id}"] += 1
        return Anchors(weak=found)
