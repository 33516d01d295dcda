"""Language rules, one module per language: ``translate/lang/<code>.py`` defines ``LANGUAGE``.

The languages are the modules of this package (``base`` aside): adding a language is adding one file (and its
tests). The codes are known from the file names without importing them (``hexaglot --help`` stays fast); a
language's module is imported when it is first asked for.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

from translate.errors import BadInputError, HexaglotError
from translate.lang.base import Language

SOURCE_LANGUAGE = "en"
UN_TARGET_LANGUAGES: tuple[str, ...] = ("ar", "zh", "fr", "ru", "es")
"""The UN's five other official languages, in the UN's order (Arabic, Chinese, French, Russian, Spanish): the
targets of a workflow that names none."""


def _module_codes() -> tuple[str, ...]:
    return tuple(
        sorted(info.name for info in pkgutil.iter_modules([str(Path(__file__).parent)]) if info.name != "base")
    )


TARGET_LANGUAGES: tuple[str, ...] = (
    *(code for code in UN_TARGET_LANGUAGES if code in _module_codes()),
    *(code for code in _module_codes() if code not in UN_TARGET_LANGUAGES and code != SOURCE_LANGUAGE),
)
"""Every language hexaglot can translate into: the UN five in the UN's order, then any other language file."""
ALL_LANGUAGES: tuple[str, ...] = (SOURCE_LANGUAGE, *TARGET_LANGUAGES)


class UnknownLanguageError(HexaglotError, KeyError):
    """A language code or tag hexaglot has no file for (a KeyError too, for callers that look languages up)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown language"


@cache
def get_language(code: str) -> Language:
    """The :class:`Language` for a hexaglot code (``fr``) or any alias of it (``fr-FR``, ``zh-Hans``)."""
    resolved = resolve_code(code)
    if resolved is None:
        raise UnknownLanguageError(f"unknown language {code!r}; hexaglot knows {', '.join(ALL_LANGUAGES)}")
    return importlib.import_module(f"translate.lang.{resolved}").LANGUAGE


@cache
def _aliases() -> dict[str, str]:
    """Lower-cased tag -> code, from every language file's ``xml_lang_aliases``."""
    table: dict[str, str] = {}
    for code in ALL_LANGUAGES:
        language: Language = importlib.import_module(f"translate.lang.{code}").LANGUAGE
        for alias in language.xml_lang_aliases:
            table[alias.replace("_", "-").lower()] = code
    return table


def resolve_code(tag: str) -> str | None:
    """The one locale-tag resolver (TMX, XLIFF, TBX, PO headers, ``--lang``): a BCP 47 / POSIX tag to a hexaglot
    code: en-US, ZH-CN, zh_Hans, es-419, ar-SA, ara -> en zh zh es ar. None for a language hexaglot lacks.

    The whole tag is looked up among the language files' ``xml_lang_aliases`` first, then its primary subtag as a
    code or an alias (ISO 639-2/3: ara, zho, fra, ...).
    """
    cleaned = tag.strip().replace("_", "-").lower()
    if not cleaned:
        return None
    aliases = _aliases()
    if cleaned in aliases:
        return aliases[cleaned]
    primary = cleaned.split("-", 1)[0]
    if primary in ALL_LANGUAGES:
        return primary
    return aliases.get(primary)


def require_code(tag: str, path: str | Path, where: str | int | None = None) -> str:
    """:func:`resolve_code`, or a :class:`BadInputError` naming ``path`` (and ``where``) for an unknown tag."""
    code = resolve_code(tag)
    if code is None:
        raise BadInputError(path, f"unknown language {tag!r}; hexaglot knows {', '.join(ALL_LANGUAGES)}", where)
    return code


def target_language(code: str) -> Language:
    """Like :func:`get_language` but only for the target languages."""
    language = get_language(code)
    if language.code not in TARGET_LANGUAGES:
        raise UnknownLanguageError(f"{code!r} is not a target language; targets are {', '.join(TARGET_LANGUAGES)}")
    return language
