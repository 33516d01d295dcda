"""TBX termbases: read TBX v3 (TBX-Basic, DCA style) and TBX v2 (``martif``); write TBX v3 TBX-Basic.

::

    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <text><body>
        <conceptEntry id="tip">
          <descrip type="definition">...</descrip>          (read as the note)
          <note>...</note>
          <descrip type="doNotTranslate">yes</descrip>      (hexaglot: do not translate)
          <langSec xml:lang="fr">
            <termSec>
              <term>traite des personnes</term>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            </termSec>
          </langSec>
        </conceptEntry>
      </body></text>
    </tbx>

``administrativeStatus`` (TBX v3) or ``normativeAuthorization`` (older TBX): preferred, admitted,
deprecated / superseded / notRecommended (all read as forbidden). A langSec without a preferred term
promotes its first admitted one. Parsing is safe: no DTD, no entities, no network; a DOCTYPE that
declares entities is refused (XML bombs, external entities).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from lxml import etree

from translate import xmlsafe
from translate.errors import BadInputError
from translate.fileio import atomic_open
from translate.lang import ALL_LANGUAGES, resolve_code
from translate.termbase import Concept, LangTerms

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {
    "preferredterm-admn-sts": "preferred",
    "preferredterm": "preferred",
    "preferred": "preferred",
    "admittedterm-admn-sts": "admitted",
    "admittedterm": "admitted",
    "admitted": "admitted",
    "deprecatedterm-admn-sts": "forbidden",
    "deprecatedterm": "forbidden",
    "deprecated": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "supersededterm": "forbidden",
    "notrecommended": "forbidden",
    "forbidden": "forbidden",
}
_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child) in names]


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def read_tbx(path: str | Path) -> list[Concept]:
    """Read TBX v3 (``tbx``/``conceptEntry``) or TBX v2 (``martif``/``termEntry``) into concepts."""
    root = xmlsafe.parse_file(path, remove_comments=True)
    xmlsafe.check_tree_controls(path, root)
    if _local(root) not in ("tbx", "martif"):
        raise BadInputError(path, f"not a TBX file: root element is <{_local(root)}>", f"line {root.sourceline}")
    entries = [element for element in root.iter() if _local(element) in ("conceptEntry", "termEntry")]
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    for entry in entries:
        concept = _concept(path, entry)
        if concept.id in seen:
            raise BadInputError(
                path, f"duplicate id {concept.id!r} (first on line {seen[concept.id]})", f"line {entry.sourceline}"
            )
        seen[concept.id] = entry.sourceline or 0
        concepts.append(concept)
    if not concepts:
        raise BadInputError(path, "no conceptEntry (or termEntry) in this TBX file")
    return concepts


def _concept(path: str | Path, entry: etree._Element) -> Concept:
    where = f"line {entry.sourceline}"
    concept_id = (entry.get("id") or "").strip()
    if not concept_id:
        raise BadInputError(path, "conceptEntry without an id", where)
    notes: list[str] = []
    dnt = False
    for child in entry:
        name, kind = _local(child), (child.get("type") or "")
        if name == "descrip" and kind in ("doNotTranslate", "x-doNotTranslate"):
            dnt = _text(child).casefold() in ("yes", "true", "1")
        elif name == "note" or (name == "descrip" and kind in ("definition", "context", "note")):
            notes.append(_text(child))
        elif name == "descripGrp":
            notes.extend(_text(inner) for inner in _children(child, "descrip"))
    terms: dict[str, LangTerms] = {}
    for lang_sec in _children(entry, "langSec", "langSet"):
        lang = _lang_of(path, lang_sec)
        if lang is None:
            continue
        terms[lang] = _lang_terms(path, lang_sec, lang, concept_id, terms.get(lang))
    english = terms.get("en")
    if english is None or not english.preferred:
        raise BadInputError(path, f"empty term: concept {concept_id!r} has no English term", where)
    return Concept(concept_id, terms, note=" ".join(note for note in notes if note), dnt=dnt, origin=f"{path}:{where}")


def _lang_of(path: str | Path, lang_sec: etree._Element) -> str | None:
    tag = lang_sec.get(XML_LANG) or lang_sec.get("lang") or ""
    if not tag:
        raise BadInputError(path, "langSec without xml:lang", f"line {lang_sec.sourceline}")
    code = resolve_code(tag)
    return code if code in ALL_LANGUAGES else None


def _lang_terms(
    path: str | Path, lang_sec: etree._Element, lang: str, concept_id: str, previous: LangTerms | None
) -> LangTerms:
    found: dict[str, list[str]] = {"preferred": [], "admitted": [], "forbidden": []}
    if previous:
        found["preferred"] += [previous.preferred] if previous.preferred else []
        found["admitted"] += list(previous.admitted)
        found["forbidden"] += list(previous.forbidden)
    for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
        term_elements = [element for element in term_sec.iter() if _local(element) == "term"]
        if not term_elements:
            raise BadInputError(path, f"{concept_id}: termSec without <term>", f"line {term_sec.sourceline}")
        term = _text(term_elements[0])
        if not term:
            raise BadInputError(path, f"empty term in concept {concept_id!r} ({lang})", f"line {term_sec.sourceline}")
        status = "admitted"
        for note in term_sec.iter():
            if _local(note) == "termNote" and note.get("type") in ("administrativeStatus", "normativeAuthorization"):
                value = _text(note)
                status = _STATUS.get(value.casefold(), "")
                if not status:
                    raise BadInputError(path, f"unknown administrativeStatus {value!r}", f"line {note.sourceline}")
        found[status].append(term)
    preferred = found["preferred"][:1]
    admitted = found["preferred"][1:] + found["admitted"]
    if not preferred and admitted:
        preferred, admitted = admitted[:1], admitted[1:]
    return LangTerms(preferred[0] if preferred else None, tuple(admitted), tuple(found["forbidden"]))


def tbx_bytes(concepts: Iterable[Concept]) -> bytes:
    """Serialise concepts as TBX v3, TBX-Basic dialect, DCA style."""
    buffer = io.BytesIO()
    write_tbx_stream(buffer, concepts)
    return buffer.getvalue()


_TBX_HEAD = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    f'<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en">\n'
    "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>hexaglot glossary</p>\n      </sourceDesc>\n"
    "    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n"
).encode()
_TBX_TAIL = b"    </body>\n  </text>\n</tbx>\n"


def write_tbx_stream(handle: IO[bytes], concepts: Iterable[Concept]) -> int:
    """Write concepts as TBX v3 (TBX-Basic, DCA style) one ``conceptEntry`` at a time: memory stays bounded
    however many concepts ``concepts`` yields. Returns how many were written."""
    handle.write(_TBX_HEAD)
    count = 0
    for concept in concepts:
        entry = _concept_entry(concept)  # tags in the default namespace declared on <tbx>
        etree.indent(entry, space="  ", level=3)
        handle.write(b"      " + etree.tostring(entry, encoding="UTF-8") + b"\n")
        count += 1
    handle.write(_TBX_TAIL)
    return count


def _concept_entry(concept: Concept) -> etree._Element:
    entry = etree.Element("conceptEntry", id=concept.id)
    if concept.note:
        etree.SubElement(entry, "note").text = concept.note
    if concept.dnt:
        etree.SubElement(entry, "descrip", type="doNotTranslate").text = "yes"
    for lang in ALL_LANGUAGES:
        terms = concept.target_terms(lang)
        if not terms:
            continue
        lang_sec = etree.SubElement(entry, "langSec")
        lang_sec.set(XML_LANG, lang)
        rows = [(terms.preferred, "preferred")] if terms.preferred else []
        rows += [(term, "admitted") for term in terms.admitted]
        rows += [(term, "forbidden") for term in terms.forbidden]
        for term, status in rows:
            term_sec = etree.SubElement(lang_sec, "termSec")
            etree.SubElement(term_sec, "term").text = term
            note = etree.SubElement(term_sec, "termNote", type="administrativeStatus")
            note.text = _STATUS_OUT[status]
    return entry


def write_tbx(path: str | Path, concepts: Iterable[Concept]) -> int:
    """Write a TBX file atomically, streaming: nothing half-written stays if ``concepts`` raises midway."""
    with atomic_open(path, "wb", encoding=None) as handle:
        return write_tbx_stream(handle, concepts)
