"""Language rules, one module per language: ``translate/lang/<code>.py`` defines ``LANGUAGE``."""

from __future__ import annotations

import importlib
from functools import cache

from translate.lang.base import Language

SOURCE_LANGUAGE = "en"
TARGET_LANGUAGES: tuple[str, ...] = ("ar", "zh", "fr", "ru", "es")
"""The five target languages, in the UN's order (Arabic, Chinese, French, Russian, Spanish)."""
ALL_LANGUAGES: tuple[str, ...] = ("en", *TARGET_LANGUAGES)


@cache
def get_language(code: str) -> Language:
    """The :class:`Language` for a hexaglot code (``fr``) or any alias of it (``fr-FR``, ``zh-Hans``)."""
    resolved = resolve_code(code)
    if resolved is None:
        raise KeyError(f"unknown language {code!r}; hexaglot knows {', '.join(ALL_LANGUAGES)}")
    module = importlib.import_module(f"translate.lang.{resolved}")
    return module.LANGUAGE


def resolve_code(tag: str) -> str | None:
    """Map a BCP 47 / POSIX tag to a hexaglot code: en-US, ZH-CN, zh_Hans, es-419, ar-SA -> en zh zh es ar.

    Returns None for a language hexaglot does not handle.
    """
    cleaned = tag.strip().replace("_", "-").lower()
    if not cleaned:
        return None
    primary = cleaned.split("-", 1)[0]
    if primary in ALL_LANGUAGES:
        return primary
    aliases = {
        "arb": "ar",
        "ara": "ar",
        "cmn": "zh",
        "zho": "zh",
        "chi": "zh",
        "fra": "fr",
        "fre": "fr",
        "rus": "ru",
        "spa": "es",
        "eng": "en",
    }
    return aliases.get(primary)


def target_language(code: str) -> Language:
    """Like :func:`get_language` but only for the five targets."""
    language = get_language(code)
    if language.code not in TARGET_LANGUAGES:
        raise KeyError(f"{code!r} is not a target language; targets are {', '.join(TARGET_LANGUAGES)}")
    return language
