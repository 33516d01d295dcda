"""Validation errors of ``workflow.yaml`` in the user's words.

pydantic says "target_languages: Input should be a valid tuple" or "target_language: Extra inputs are not permitted";
a translator editing a YAML file needs "target_languages must be a list like [ar, zh, fr]" and "unknown key
target_language (did you mean target_languages?)". :func:`explain` turns one pydantic error into the place it is
about (for the line number) and such a sentence. Only the wording lives here; what is valid is decided by the models
in :mod:`translate.workflow`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

# What a list or a mapping looks like for each field, written as the user writes it in YAML.
_LIST_EXAMPLES: dict[str, str] = {
    "target_languages": "[ar, zh, fr]",
    "sources": "[sources/report.docx, sources/annex.md]",
    "glossaries": "[../../glossaries/trafficking.tbx]",
    "memories": "[../../memories]",
    "stages": "[{name: translation}, {name: revision}]",
    "reviewers.*.*": "[amelie, {name: claire, senior: true}]",
}
_MAPPING_EXAMPLES: dict[str, str] = {
    "tm": "{fuzzy_threshold: 75}",
    "mt": "{default: {engine: marian}, es: {engine: apertium, model: eng-spa}}",
    "mt.*": "{engine: marian, model: Helsinki-NLP/opus-mt-en-fr}",
    "reviewers": "{fr: {translation: [amelie], revision: [claire]}}",
    "reviewers.*": "{translation: [amelie], revision: [claire]}",
    "labels": "{fr: {letter: '({x})'}}",
    "labels.*": "{letter: '({x})'}",
}
_BOUNDS = {
    "less_than_equal": "at most",
    "less_than": "less than",
    "greater_than_equal": "at least",
    "greater_than": "more than",
}


def explain_first(errors: list[dict[str, Any]], model: type[BaseModel]) -> tuple[tuple[Any, ...], str]:
    """:func:`explain` for the error a user should fix first: a mistyped key before the required key it misses
    (``{nme: translation}`` is "unknown key stages.0.nme (did you mean stages.0.name?)", not "name is required")."""
    unknown = [error for error in errors if error["type"] == "extra_forbidden"]
    return explain((unknown or errors)[0], model)


def explain(error: dict[str, Any], model: type[BaseModel]) -> tuple[tuple[Any, ...], str]:
    """The location of one pydantic ``error`` and a sentence for it (the message of a :class:`BadInputError`)."""
    location = tuple(error["loc"])
    kind = error["type"]
    field = _dotted(location)
    given = error.get("input")
    if kind == "extra_forbidden":
        return location, _unknown_key(location, model)
    if kind in ("tuple_type", "list_type", "set_type"):
        return location, f"{field} must be a list like {_example(_LIST_EXAMPLES, location, '[first, second]')}"
    if kind in ("dict_type", "model_type", "model_attributes_type") and given is None:
        return location, f"{field} is empty: fill it in like {_example(_MAPPING_EXAMPLES, location, '{key: value}')}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return location, f"{field} must be a mapping like {_example(_MAPPING_EXAMPLES, location, '{key: value}')}"
    if kind == "missing":
        return location, f"{field} is required" + (
            ": the documents to translate, like [sources/report.docx]" if location == ("sources",) else ""
        )
    if kind == "literal_error":
        expected = re.sub(r"'([^']*)'", r"\1", error.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
        return location, f"{field}: {_shown(given)} is not one of {expected}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return location, f"{field} must be a whole number, not {_shown(given)}"
    if kind in ("float_parsing", "float_type"):
        return location, f"{field} must be a number, not {_shown(given)}"
    if kind in ("bool_parsing", "bool_type"):
        return location, f"{field} must be true or false, not {_shown(given)}"
    if kind == "string_type":
        return location, f"{field} must be text, not {_shown(given)}"
    if kind in _BOUNDS:
        bound = next(iter(error.get("ctx", {}).values()), "")
        return location, f"{field} must be {_BOUNDS[kind]} {_number(bound)}, not {_shown(given)}"
    if kind == "string_pattern_mismatch":
        return location, f"{field}: {_shown(given)} may contain only letters, digits and . @ _ -"
    if kind in ("string_too_short", "too_short"):
        return location, f"{field} must not be empty"
    message = error["msg"].removeprefix("Value error, ")
    inner = re.match(r"^([\w-]+(?:\.[\w-]+)*): ", message)
    if inner and kind == "value_error":
        # A validator named a place inside the field ("fr.revise: no such stage"): point at that line.
        location = (*location, *inner.group(1).split("."))
        message = message[inner.end() :]
    return location, f"{_dotted(location)}: {message}"


def _unknown_key(location: tuple[Any, ...], model: type[BaseModel]) -> str:
    key = str(location[-1])
    name = ".".join(str(part) for part in location)
    known = _keys_at(location[:-1], model)
    if not known:
        return f"unknown key {name}"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key {name} (did you mean {close[0]}?)"
    return f"unknown key {name} (known keys: {', '.join(known)})"


def _keys_at(location: tuple[Any, ...], model: type[BaseModel]) -> list[str]:
    """The keys the model accepts at ``location`` (a nested model's fields), or [] when that is not a model."""
    current: Any = model
    for part in location:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:
            current = _element_type(current)
        current = _model_in(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name, field in current.model_fields.items() if not field.exclude]
    return []


def _element_type(annotation: Any) -> Any:
    """What a dict's values or a tuple's items are (one step into a container)."""
    args = [arg for arg in typing.get_args(annotation) if arg is not Ellipsis]
    if typing.get_origin(annotation) is dict and len(args) == 2:
        return args[1]
    return args[0] if args else None


def _model_in(annotation: Any) -> Any:
    """``X`` from ``X | None``; other annotations unchanged."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return models[0] if len(models) == 1 else annotation
    return annotation


def _example(table: dict[str, str], location: tuple[Any, ...], default: str) -> str:
    parts = [str(part) for part in location if not isinstance(part, int)]
    for pattern, example in table.items():
        wanted = pattern.split(".")
        if len(wanted) == len(parts) and all(w in ("*", p) for w, p in zip(wanted, parts, strict=True)):
            return example
    return default


def _dotted(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location) or "(top level)"


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict | list | tuple):
        return "a mapping" if isinstance(value, dict) else "a list"
    return str(value)


def check_named_files(workflow: Any) -> None:
    """Raise :class:`BadInputError` at the line of ``workflow.yaml`` naming a glossary or memory that is not there.

    ``import`` and ``run`` call it first, so that a mistyped path is reported when the job starts rather than
    found later (a review app without its glossary, drafts without their memory).
    """
    from translate.errors import BadInputError

    for key in ("glossaries", "memories"):
        for index, entry in enumerate(getattr(workflow, key)):
            if not (workflow.root / entry).exists():
                what = "glossary file" if key == "glossaries" else "TMX file or folder"
                yaml_path = workflow.root / "workflow.yaml"
                where = (workflow.root / entry).resolve()
                raise BadInputError(
                    yaml_path,
                    f"{key}: no such {what} {entry} ({where}; paths are relative to the workflow's folder)",
                    _line_in_file(yaml_path, (key, index)),
                )


def _line_in_file(yaml_path: Any, location: tuple[Any, ...]) -> int | None:
    import yaml

    from translate.workflow import _line_of

    try:
        node = yaml.compose(yaml_path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return _line_of(node, location)
