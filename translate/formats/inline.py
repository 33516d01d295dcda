"""Inline formatting inside segment text: one placeholder notation for every format.

A run of text with its own formatting (italic, bold, underline, superscript, subscript, strike-through, a
hyperlink, a character style) is written in the segment as a numbered *paired* placeholder, and something
that is not text (an image, a field, a line break in the middle of a sentence) as a *standalone* one::

    See <1>Official Records of the General Assembly</1>, para. 4.<2/>

* ``<N>`` opens, ``</N>`` closes, ``<N/>`` stands alone; ``N`` is a number, counted from 1 in each segment
  in the order the placeholders open. Placeholders nest (``<1>bold <2>and italic</2></1>``) and must not cross.
* What a number stands for is not in the text: the reader keeps it beside the paragraph
  (:class:`InlineCode` in ``Paragraph.codes``) and the exporter rebuilds the formatting from it (DOCX runs,
  Markdown ``*`` / ``**`` / ``[..](..)``, XLIFF ``<pc>``/``<ph>`` and ``<bpt>``/``<ept>``).
* Footnote references stay ``[^N]`` (see :mod:`translate.formats.document`); they are not placeholders.
* A paragraph without inline formatting has no placeholder at all: its text is exactly the plain text.

Translators move placeholders with the words they belong to and may reorder siblings, but must keep every
one, keep pairs paired, and keep nesting (the ``tags`` QA check). MT protection treats each placeholder as
a span to keep (:func:`find_tags`). :func:`strip_tags` gives the plain text (for matching, counting words,
checks that look at the words); :func:`compact` is the short form the review app shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

TAG = re.compile(r"<(/?)([1-9][0-9]{0,2})(/?)>")
"""One placeholder: ``<1>``, ``</1>`` or ``<1/>`` (numbers 1-999)."""

TagKind = Literal["open", "close", "standalone"]


@dataclass(frozen=True)
class Tag:
    """A placeholder found in a text."""

    id: str
    kind: TagKind
    start: int
    end: int

    @property
    def text(self) -> str:
        return render_tag(self.id, self.kind)


@dataclass
class InlineCode:
    """What placeholder ``id`` of a paragraph stands for.

    ``kind``: ``b`` ``i`` ``u`` ``s`` ``sup`` ``sub`` ``link`` ``style`` (a character style named in
    ``attrs["style"]``) for paired placeholders; ``break`` ``object`` ``code`` for standalone ones.
    ``attrs`` holds what the format needs to rebuild it (``href`` of a link, the literal text of ``code``);
    ``native`` is the source format's own data (for DOCX the run properties and hyperlink attributes).
    """

    id: str
    kind: str
    attrs: dict[str, str] = field(default_factory=dict)
    native: object | None = None

    @property
    def paired(self) -> bool:
        return self.kind not in STANDALONE_KINDS


STANDALONE_KINDS = frozenset({"break", "object", "code"})


def render_tag(tag_id: str, kind: TagKind) -> str:
    if kind == "open":
        return f"<{tag_id}>"
    if kind == "close":
        return f"</{tag_id}>"
    return f"<{tag_id}/>"


def find_tags(text: str) -> list[Tag]:
    """Every placeholder in ``text``, in order (well-formed or not)."""
    tags = []
    for match in TAG.finditer(text):
        closing, number, selfclosing = match.groups()
        if closing and selfclosing:
            continue
        kind: TagKind = "close" if closing else "standalone" if selfclosing else "open"
        tags.append(Tag(number, kind, match.start(), match.end()))
    return tags


def has_tags(text: str) -> bool:
    return bool(TAG.search(text)) and bool(find_tags(text))


def strip_tags(text: str) -> str:
    """The text without its placeholders."""
    if "<" not in text:
        return text
    return TAG.sub(lambda m: "" if not (m.group(1) and m.group(3)) else m.group(0), text)


def tag_problems(text: str) -> list[str]:
    """What is wrong with the placeholders of one text: unclosed, unopened, crossing, doubled ids."""
    problems: list[str] = []
    stack: list[str] = []
    seen: set[str] = set()
    for tag in find_tags(text):
        if tag.kind in ("open", "standalone"):
            if tag.id in seen:
                problems.append(f"{tag.text} appears twice")
            seen.add(tag.id)
            if tag.kind == "open":
                stack.append(tag.id)
            continue
        if tag.id not in stack:
            problems.append(f"{tag.text} closes a placeholder that is not open")
        elif stack[-1] != tag.id:
            problems.append(f"{tag.text} crosses <{stack[-1]}> (placeholders must nest)")
            stack.remove(tag.id)
        else:
            stack.pop()
    problems.extend(f"<{tag_id}> is never closed" for tag_id in stack)
    return problems


def is_well_formed(text: str) -> bool:
    return not tag_problems(text)


def structure(text: str) -> dict[str, tuple[str | None, TagKind]]:
    """Each placeholder id -> (the id of the paired placeholder it sits in, or None; its kind)."""
    result: dict[str, tuple[str | None, TagKind]] = {}
    stack: list[str] = []
    for tag in find_tags(text):
        if tag.kind == "close":
            if tag.id in stack:
                del stack[stack.index(tag.id) :]
            continue
        result.setdefault(tag.id, (stack[-1] if stack else None, tag.kind))
        if tag.kind == "open":
            stack.append(tag.id)
    return result


@dataclass(frozen=True)
class TagComparison:
    """How a translation's placeholders differ from its source's."""

    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    misnested: tuple[str, ...] = ()
    """Placeholders whose enclosing pair (or pairing) differs from the source's."""
    malformed: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.misnested or self.malformed)


def compare_tags(source: str, target: str) -> TagComparison:
    """Compare the placeholders of a translation with its source's: order among siblings may change,
    nothing else."""
    src, tgt = structure(source), structure(target)
    missing = tuple(render_tag(i, kind) for i, (_, kind) in src.items() if i not in tgt)
    extra = tuple(render_tag(i, kind) for i, (_, kind) in tgt.items() if i not in src)
    misnested = tuple(
        render_tag(i, src[i][1]) for i in src if i in tgt and (src[i] != tgt[i]) and src[i][0] in (None, *tgt)
    )
    return TagComparison(missing, extra, misnested, tuple(tag_problems(target)))


def chunks(text: str) -> Iterator[tuple[str, tuple[str, ...], str | None]]:
    """Walk ``text`` as (plain text, ids of the open pairs outer to inner, standalone id or None).

    Tolerant of malformed text: a closing placeholder that is not open is ignored, and one that crosses
    closes everything opened after its pair; unclosed pairs end with the text.
    """
    stack: list[str] = []
    position = 0
    for tag in find_tags(text):
        if tag.start > position:
            yield text[position : tag.start], tuple(stack), None
        position = tag.end
        if tag.kind == "open":
            stack.append(tag.id)
        elif tag.kind == "close":
            if tag.id in stack:
                del stack[stack.index(tag.id) :]
        else:
            yield "", tuple(stack), tag.id
    if position < len(text):
        yield text[position:], tuple(stack), None


COMPACT = re.compile(r"⟨[0-9]{1,3}⟩?|[0-9]{1,3}⟩")
"""A placeholder in its compact form (to style it in the review app)."""


def _short(match: re.Match[str]) -> str:
    closing, number, selfclosing = match.groups()
    if closing and selfclosing:
        return match.group(0)
    if selfclosing:
        return f"⟨{number}⟩"
    return f"{number}⟩" if closing else f"⟨{number}"


def compact(text: str) -> str:
    """The short form the review app shows: ``⟨1 … 1⟩`` for a pair, ``⟨1⟩`` for a standalone placeholder."""
    return TAG.sub(_short, text)


def compact_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`compact` and, for each offset of ``text`` (and its end), the offset in the compact text."""
    offsets: list[int] = []
    parts: list[str] = []
    length = 0
    position = 0
    for match in TAG.finditer(text):
        plain = text[position : match.start()]
        offsets.extend(range(length, length + len(plain)))
        parts.append(plain)
        length += len(plain)
        short = _short(match)
        offsets.extend([length] * (match.end() - match.start()))
        parts.append(short)
        length += len(short)
        position = match.end()
    rest = text[position:]
    offsets.extend(range(length, length + len(rest) + 1))
    parts.append(rest)
    return "".join(parts), offsets


def renumber(text: str, mapping: dict[str, str]) -> str:
    """Replace placeholder ids through ``mapping`` (ids not in it stay)."""

    def replace(match: re.Match[str]) -> str:
        closing, number, selfclosing = match.groups()
        return f"<{closing}{mapping.get(number, number)}{selfclosing}>"

    return TAG.sub(replace, text)


def local_numbers(text: str) -> tuple[str, dict[str, str]]:
    """Renumber the placeholders of one segment from 1 in opening order.

    Returns the renumbered text and ``{local id: original id}``.
    """
    to_local: dict[str, str] = {}
    for tag in find_tags(text):
        if tag.kind != "close" and tag.id not in to_local:
            to_local[tag.id] = str(len(to_local) + 1)
    return renumber(text, to_local), {local: original for original, local in to_local.items()}


def split_tagged(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Cut a text with placeholders into pieces at ``spans`` (start, end offsets in :func:`strip_tags`'s text).

    A closing placeholder right after a cut stays with the piece it closes; a pair that runs across a cut is
    closed at the end of one piece and opened again at the start of the next (same id), so every piece is
    well-formed on its own.
    """
    plain_to_tagged: list[int] = []
    tags = find_tags(text)
    position = 0
    for tag in [*tags, None]:
        stop = tag.start if tag is not None else len(text)
        plain_to_tagged.extend(range(position, stop))
        if tag is not None:
            position = tag.end
    closes = {tag.start: tag.end for tag in tags if tag.kind == "close"}
    pieces: list[str] = []
    open_ids: list[str] = []
    cut = 0
    for index, (_, end) in enumerate(spans):
        stop = plain_to_tagged[end - 1] + 1 if end else 0
        while stop in closes:
            stop = closes[stop]
        if index == len(spans) - 1:
            stop = len(text)
        piece = text[cut:stop]
        reopened = "".join(f"<{tag_id}>" for tag_id in open_ids)
        open_ids = _still_open(open_ids, piece)
        piece = reopened + piece + "".join(f"</{tag_id}>" for tag_id in reversed(open_ids))
        pieces.append(_trim(piece))
        cut = stop
    return pieces


_LEADING_SPACE = re.compile(r"^((?:<[1-9][0-9]{0,2}>)*)\s+")
_TRAILING_SPACE = re.compile(r"\s+((?:</[1-9][0-9]{0,2}>)*)$")


def _trim(piece: str) -> str:
    """Strip white space at the edges, also inside placeholders that open or close the piece."""
    piece = _LEADING_SPACE.sub(r"\1", piece.strip())
    return _TRAILING_SPACE.sub(r"\1", piece)


def _still_open(open_ids: list[str], piece: str) -> list[str]:
    stack = list(open_ids)
    for tag in find_tags(piece):
        if tag.kind == "open":
            stack.append(tag.id)
        elif tag.kind == "close" and tag.id in stack:
            del stack[stack.index(tag.id) :]
    return stack
