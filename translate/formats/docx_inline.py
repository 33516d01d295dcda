"""Inline formatting of Word paragraphs as placeholders (:mod:`translate.formats.inline`), both ways.

Reading: the runs of a paragraph are compared with the paragraph's own formatting (what most of its text
has); a run that is bold, italic, underlined, struck through, superscript or subscript where the paragraph
is not, or that sits in a hyperlink, gets a paired placeholder. The :class:`~translate.formats.inline.InlineCode`
keeps the run-property elements that make the difference (``w:b``/``w:bCs``, ``w:vertAlign`` ...) and, for a
link, the ``w:hyperlink`` attributes and the link's run properties, so that the exporter rebuilds exactly
that formatting around the translated words. Footnote references, tabs and spaces never open or close
a placeholder.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from translate.formats.inline import InlineCode, local_numbers

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

FEATURE_ORDER = ("link", "b", "i", "u", "s", "sup", "sub")
"""Nesting order when several start together: a link outside, then bold, italic ..."""
FEATURE_ELEMENTS = {
    "b": ("b", "bCs"),
    "i": ("i", "iCs"),
    "u": ("u",),
    "s": ("strike",),
    "sup": ("vertAlign",),
    "sub": ("vertAlign",),
}
_OFF = ("0", "false", "off", "none")
_SKIPPED = {f"{_W}{name}" for name in ("del", "instrText", "delText", "footnoteRef", "pPr", "rPr", "moveFrom")}


@dataclass
class InlineContext:
    """What the reader needs beyond the paragraph: printed footnote numbers and hyperlink targets."""

    footnotes: dict[str, str] = field(default_factory=dict)
    hyperlinks: dict[str, str] = field(default_factory=dict)


@dataclass
class _Atom:
    text: str
    features: dict[str, object]
    """feature key ("b", "link:<n>") -> the InlineCode it would open."""
    neutral: bool = False


def run_features(rpr: etree._Element | None) -> dict[str, list[etree._Element]]:
    """The formatting features a run's properties switch on, with the elements that do it."""
    features: dict[str, list[etree._Element]] = {}
    if rpr is None:
        return features
    for kind, names in FEATURE_ELEMENTS.items():
        main = rpr.find(f"{_W}{names[0]}")
        if main is None:
            continue
        value = main.get(f"{_W}val")
        if kind in ("sup", "sub"):
            if value != ("superscript" if kind == "sup" else "subscript"):
                continue
        elif (value or "on") in _OFF:
            continue
        elements = [child for name in names if (child := rpr.find(f"{_W}{name}")) is not None]
        features[kind] = [copy.deepcopy(element) for element in elements]
    return features


def paragraph_content(paragraphs: list[etree._Element], context: InlineContext) -> tuple[str, dict[str, InlineCode]]:
    """The text of one or more ``w:p`` (joined by a space) with placeholders, and what they stand for."""
    atoms: list[_Atom] = []
    links: dict[int, InlineCode] = {}
    for number, paragraph in enumerate(paragraphs):
        if number:
            atoms.append(_Atom(" ", {}, neutral=True))
        atoms.extend(_atoms(paragraph, context, None, None, links))
    base = _base_features(atoms)
    pieces: list[str] = []
    codes: dict[str, InlineCode] = {}
    stack: list[tuple[str, str]] = []
    for atom in atoms:
        if atom.neutral or not atom.text.strip():
            pieces.append(atom.text)
            continue
        wanted = {key: code for key, code in atom.features.items() if key not in base}
        while stack and any(key not in wanted for key, _ in stack):
            _, tag_id = stack.pop()
            pieces.append(f"</{tag_id}>")
        open_keys = {key for key, _ in stack}
        for key in sorted(wanted, key=_feature_rank):
            if key in open_keys:
                continue
            tag_id = str(len(codes) + 1)
            code = wanted[key]
            assert isinstance(code, InlineCode)
            codes[tag_id] = InlineCode(tag_id, code.kind, dict(code.attrs), code.native)
            stack.append((key, tag_id))
            pieces.append(f"<{tag_id}>")
        pieces.append(atom.text)
    pieces.extend(f"</{tag_id}>" for _, tag_id in reversed(stack))
    return _tidy("".join(pieces), codes)


def _feature_rank(key: str) -> int:
    return FEATURE_ORDER.index(key.split(":", 1)[0])


def _atoms(
    element: etree._Element,
    context: InlineContext,
    link: tuple[str, InlineCode] | None,
    link_features: dict[str, list[etree._Element]] | None,
    links: dict[int, InlineCode],
) -> Iterator[_Atom]:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == f"{_W}hyperlink":
            code = _link_code(child, context, links)
            first = child.find(f".//{_W}r")
            features = run_features(first.find(f"{_W}rPr") if first is not None else None)
            yield from _atoms(child, context, (f"link:{len(links)}", code), features, links)
        elif tag == f"{_W}r":
            yield from _run_atoms(child, context, link, link_features or {})
        else:
            yield from _atoms(child, context, link, link_features, links)


def _link_code(hyperlink: etree._Element, context: InlineContext, links: dict[int, InlineCode]) -> InlineCode:
    rid = hyperlink.get(R_ID)
    anchor = hyperlink.get(f"{_W}anchor")
    href = context.hyperlinks.get(rid or "", "") if rid else f"#{anchor}" if anchor else ""
    first = hyperlink.find(f".//{_W}r")
    rpr = first.find(f"{_W}rPr") if first is not None else None
    native = {"attrs": dict(hyperlink.attrib), "rpr": copy.deepcopy(rpr) if rpr is not None else None}
    code = InlineCode("", "link", {"href": href} if href else {}, native)
    links[len(links) + 1] = code
    return code


def _run_atoms(
    run: etree._Element,
    context: InlineContext,
    link: tuple[str, InlineCode] | None,
    link_features: dict[str, list[etree._Element]],
) -> Iterator[_Atom]:
    features: dict[str, object] = {
        kind: InlineCode("", kind, {}, elements)
        for kind, elements in run_features(run.find(f"{_W}rPr")).items()
        if kind not in link_features
    }
    if link is not None:
        features[link[0]] = link[1]
    for child in run.iterchildren():
        tag = child.tag
        if tag == f"{_W}t":
            yield _Atom(child.text or "", features)
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            yield _Atom(" ", {}, neutral=True)
        elif tag == f"{_W}noBreakHyphen":
            yield _Atom("\u2011", features)
        elif tag == f"{_W}footnoteReference":
            note_id = child.get(f"{_W}id", "")
            yield _Atom(f"[^{context.footnotes.get(note_id, note_id)}]", {}, neutral=True)


def _base_features(atoms: list[_Atom]) -> set[str]:
    """Features that all of the paragraph's text has: the paragraph's own formatting (a bold heading), not
    inline formatting."""
    common: set[str] | None = None
    for atom in atoms:
        if atom.neutral or not atom.text.strip():
            continue
        keys = {key for key in atom.features if not key.startswith("link")}
        common = keys if common is None else common & keys
    return common or set()


_EMPTY_PAIR = re.compile(r"<([1-9][0-9]{0,2})>(\s*)</\1>")


def _tidy(text: str, codes: dict[str, InlineCode]) -> tuple[str, dict[str, InlineCode]]:
    """Collapse white space, drop pairs around nothing, move edge spaces out of pairs, number from 1."""
    text = " ".join(text.split())
    while True:
        tidier = _EMPTY_PAIR.sub(r"\2", text)
        tidier = re.sub(r"<([1-9][0-9]{0,2})> ", r" <\1>", tidier)
        tidier = re.sub(r" </([1-9][0-9]{0,2})>", r"</\1> ", tidier)
        tidier = " ".join(tidier.split())
        if tidier == text:
            break
        text = tidier
    text, mapping = local_numbers(text)
    renumbered = {}
    for local, original in mapping.items():
        code = codes[original]
        renumbered[local] = InlineCode(local, code.kind, code.attrs, code.native)
    return text, renumbered
