"""Machine-translation engines behind one interface (:mod:`translate.mt.base`), found by name.

Like sacrebleu's metric registry, one table (:data:`translate.engines.ENGINES`, the one list of engine names) names
each engine's module and class; the module is imported only when the engine is created, so importing
:mod:`translate.mt` never imports torch, transformers or ctranslate2.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from translate.engines import ENGINES
from translate.errors import HexaglotError

if TYPE_CHECKING:
    from translate.mt.base import Engine


DEFAULT_MODELS: dict[str, str] = {
    "nllb": "facebook/nllb-200-distilled-600M",
    "m2m100": "facebook/m2m100_418M",
}
MARIAN_MODELS: dict[str, str] = {
    "ar": "Helsinki-NLP/opus-mt-en-ar",
    "zh": "Helsinki-NLP/opus-mt-en-zh",
    "fr": "Helsinki-NLP/opus-mt-en-fr",
    "ru": "Helsinki-NLP/opus-mt-en-ru",
    "es": "Helsinki-NLP/opus-mt-en-es",
}


def default_model(engine: str, lang: str) -> str | None:
    """The model an engine uses for ``lang`` when workflow.yaml and the command line name none."""
    if engine == "marian":
        return MARIAN_MODELS.get(lang)
    return DEFAULT_MODELS.get(engine)


def engine_class(name: str) -> type[Engine]:
    """The engine class registered as ``name`` (its module imported now)."""
    try:
        module_name, class_name, _ = ENGINES[name]
    except KeyError:
        raise HexaglotError(f"unknown MT engine {name!r}; engines: {', '.join(ENGINES)}") from None
    return getattr(importlib.import_module(module_name), class_name)


def create_engine(
    name: str, model: str | None, lang: str, device: str = "cpu", beam_size: int = 4, batch_size: int = 16
) -> Engine:
    """An engine ready to :meth:`~translate.mt.base.Engine.resolve` and load (nothing heavy happens here)."""
    cls = engine_class(name)
    chosen = model or (default_model(name, lang) if cls.needs_model else None)
    return cls(model=chosen, device=device, beam_size=beam_size, batch_size=batch_size)
