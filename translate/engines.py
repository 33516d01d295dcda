"""The MT engine names, listed once: each name with the module and class that implement it and a description.

Data only (no import of :mod:`translate.mt`), so that it sits low in the layers: workflow.yaml's validation
(:class:`translate.workflow.MTSettings`) accepts exactly :data:`EngineName`, :func:`translate.mt.engine_class`
imports the module named here, and ``hexaglot draft --engine`` / ``hexaglot mt list`` offer these names.
"""

from __future__ import annotations

from typing import Literal, NamedTuple


class EngineSpec(NamedTuple):
    """Where an engine lives (imported only when it is created) and what it is, for ``hexaglot mt list``."""

    module: str
    class_name: str
    description: str


ENGINES: dict[str, EngineSpec] = {
    "marian": EngineSpec(
        "translate.mt.marian", "MarianEngine", "Helsinki-NLP opus-mt models (one per pair) via transformers"
    ),
    "nllb": EngineSpec("translate.mt.nllb", "NLLBEngine", "Meta NLLB-200 (all five targets; licence CC-BY-NC 4.0)"),
    "m2m100": EngineSpec("translate.mt.nllb", "M2M100Engine", "Meta M2M-100 (all five targets; MIT)"),
    "ctranslate2": EngineSpec(
        "translate.mt.ctranslate2", "CTranslate2Engine", "any of the above converted (int8 CPU, fp16 GPU)"
    ),
    "apertium": EngineSpec(
        "translate.mt.apertium", "ApertiumEngine", "Debian apertium-eng-spa, rule-based, fully offline (es)"
    ),
    "none": EngineSpec("translate.mt.none", "NoEngine", "no MT: translation-memory drafts only"),
}

EngineName = Literal[tuple(ENGINES)]  # type: ignore[valid-type]
"""The type of an engine name: exactly the keys of :data:`ENGINES` (pydantic validates workflow.yaml with it)."""
