"""The check framework shared by glossary checks and QA checks (Translate Toolkit / Weblate style).

Every check is a small class with a stable ``id`` and declares its name, description, severity, the
languages it applies to and a documented example as class attributes. ``@register`` puts it in the
registry; ``hexaglot check`` and the review app run what the registry holds. A segment carrying the PO
flag ``ignore-<id>`` (for example ``ignore-numbers``) is not checked by that check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Segment:
    """One source/target pair to check, wherever it came from (PO, XLIFF, a workflow catalog)."""

    source: str
    target: str
    lang: str
    id: str | None = None
    """The segment id (msgctxt in hexaglot catalogs)."""
    file: str | None = None
    line: int | None = None
    flags: tuple[str, ...] = ()
    state: str | None = None


@dataclass(frozen=True)
class Finding:
    """What a check found in one segment."""

    check: str
    severity: Severity
    message: str
    term: str | None = None
    """For glossary checks: the approved target term (or the offending one)."""
    details: dict[str, Any] = field(default_factory=dict)
    fix: tuple[tuple[int, int, str], ...] = ()
    """An automatic fix, when the check knows the right text: (start, end, replacement) edits of the target, in
    order and not overlapping (French no-break spaces, Arabic digit groups in logical order)."""

    def apply_fix(self, target: str) -> str:
        """The target with this finding's fix applied (unchanged when there is none)."""
        pieces, last = [], 0
        for start, end, replacement in self.fix:
            pieces += [target[last:start], replacement]
            last = end
        return "".join(pieces) + target[last:]


@dataclass
class CheckContext:
    """What checks may need beyond the segment: glossaries, the whole set of segments, the workflow."""

    glossaries: list[Any] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    """All segments being checked, for cross-segment checks such as ``inconsistent``."""
    options: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    """Scratch space for checks that precompute per run (indexes over ``segments``)."""


class Check:
    """Base class: subclasses set the class attributes and implement :meth:`run`."""

    id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    languages: ClassVar[tuple[str, ...] | None] = None
    """Target languages this check applies to; None means all."""
    example_good: ClassVar[tuple[str, str, str] | None] = None
    """(lang, source, target) that passes."""
    example_bad: ClassVar[tuple[str, str, str] | None] = None
    """(lang, source, target) that fails."""
    needs_glossary: ClassVar[bool] = False
    sees_placeholders: ClassVar[bool] = False
    """True for the check that looks at inline placeholders (``tags``); every other check gets the text
    without them."""

    def applies_to(self, segment: Segment, context: CheckContext) -> bool:
        if f"ignore-{self.id}" in segment.flags:
            return False
        if self.needs_glossary and not context.glossaries:
            return False
        return self.languages is None or segment.lang in self.languages

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, message: str, **extra: Any) -> Finding:
        """A finding of this check with its declared severity."""
        term = extra.pop("term", None)
        severity = extra.pop("severity", self.severity)
        fix = tuple(extra.pop("fix", ()))
        return Finding(check=self.id, severity=severity, message=message, term=term, details=extra, fix=fix)


REGISTRY: dict[str, type[Check]] = {}


def register(check_class: type[Check]) -> type[Check]:
    """Class decorator: add a check to the registry under its stable id."""
    if check_class.id in REGISTRY and REGISTRY[check_class.id] is not check_class:
        raise ValueError(f"check id {check_class.id!r} registered twice")
    REGISTRY[check_class.id] = check_class
    return check_class


def load_all_checks() -> dict[str, type[Check]]:
    """Import every module that registers checks (the QA checks, the glossary checks), then return the registry."""
    from translate.qa import checks, glossary_checks, spelling  # noqa: F401  (each registers its checks on import)

    return REGISTRY


def run_checks(
    segments: Iterable[Segment], context: CheckContext, only: Iterable[str] | None = None
) -> Iterator[tuple[Segment, Finding]]:
    """Run the registered checks (or ``only`` those ids) over ``segments``."""
    registry = load_all_checks()
    wanted = set(only) if only is not None else None
    checks = [cls() for check_id, cls in sorted(registry.items()) if wanted is None or check_id in wanted]
    for segment in segments:
        plain = _without_placeholders(segment)
        for check in checks:
            seen = segment if check.sees_placeholders else plain
            if check.applies_to(seen, context):
                for finding in check.run(seen, context):
                    if finding.fix and seen.target != segment.target:
                        # the fix's offsets are in the text without placeholders: offer none rather than a wrong one
                        finding = Finding(
                            finding.check, finding.severity, finding.message, finding.term, finding.details
                        )
                    yield segment, finding


def _without_placeholders(segment: Segment) -> Segment:
    """The segment as checks of words, numbers and punctuation see it: inline placeholders (``<1>``) removed
    (only the ``tags`` check looks at them)."""
    from dataclasses import replace

    from translate.formats.inline import strip_tags

    source, target = strip_tags(segment.source), strip_tags(segment.target)
    if source == segment.source and target == segment.target:
        return segment
    return replace(segment, source=source, target=target)
