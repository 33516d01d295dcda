"""Catalog entries as store rows, and the PO text written from rows (deterministic: same rows, same bytes).

A row keeps the entry exactly as polib writes it (``entry``, unwrapped) plus the columns that whole-report commands
read without parsing PO: state, English words, the ``assign`` meta and the draft origin. The PO text is the header
followed by the entries in ``position`` order, exactly what :meth:`polib.POFile.__unicode__` prints, with the
``PO-Revision-Date`` set to the latest change in the rows: the same content always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import polib

from translate.catalog import (
    WRAP_WIDTH,
    SegmentState,
    count_words,
    get_meta,
    provenance_of,
    state_of,
)

ID_PREFIX = "\x01"
"""Key prefix of an entry without msgctxt (keyed by its msgid, as the merge driver does)."""
_EMPTY_HEAD = 'msgid ""\nmsgstr ""\n\n'
_DATE = re.compile(r'^"PO-Revision-Date: [^"\\]*\\n"$', re.MULTILINE)


def key_of(entry: polib.POEntry) -> str:
    """The segment key: the msgctxt (segment id), else the msgid behind a prefix no msgctxt starts with."""
    return entry.msgctxt if entry.msgctxt else ID_PREFIX + entry.msgid


def segment_id(key: str) -> str | None:
    return None if key.startswith(ID_PREFIX) else key


def entry_text(entry: polib.POEntry) -> str:
    return entry.__unicode__(wrapwidth=WRAP_WIDTH)


_FIELDS = (
    "msgctxt",
    "msgid",
    "msgid_plural",
    "msgstr",
    "tcomment",
    "comment",
    "flags",
    "previous_msgctxt",
    "previous_msgid",
    "previous_msgid_plural",
)


def entry_fields(entry: polib.POEntry) -> str:
    """The entry's fields as JSON: rebuilt without the PO parser (a save needs that in a millisecond)."""
    data: dict[str, object] = {name: getattr(entry, name) for name in _FIELDS if getattr(entry, name)}
    if entry.occurrences:
        data["occurrences"] = [list(occurrence) for occurrence in entry.occurrences]
    if entry.msgstr_plural:
        data["msgstr_plural"] = {str(key): value for key, value in entry.msgstr_plural.items()}
    if entry.obsolete:
        data["obsolete"] = True
    return json.dumps(data, ensure_ascii=False)


def entry_from_fields(text: str) -> polib.POEntry:
    data = json.loads(text)
    entry = polib.POEntry(**{name: data[name] for name in _FIELDS if name in data})
    if "occurrences" in data:
        entry.occurrences = [tuple(occurrence) for occurrence in data["occurrences"]]
    if "msgstr_plural" in data:
        entry.msgstr_plural = {int(key): value for key, value in data["msgstr_plural"].items()}
    entry.obsolete = bool(data.get("obsolete"))
    return entry


def parse_entry(text: str) -> polib.POEntry:
    """One entry back from its PO text."""
    po = polib.pofile(_EMPTY_HEAD + text, wrapwidth=WRAP_WIDTH)  # a leading comment would become the file header
    entries = list(po) or po.obsolete_entries()
    if len(entries) != 1:
        raise ValueError(f"store row does not hold exactly one PO entry: {text[:80]!r}")
    return entries[0]


@dataclass
class Row:
    """One entry of one language as stored."""

    key: str
    obsolete: bool
    position: int
    msgid: str
    state: str
    words: int
    assign: str | None
    """JSON of the ``assign`` meta ({stage: reviewer}) or None."""
    origin: str | None
    """For drafts: ``mt:<engine>``, ``tm``, ...; else None."""
    entry: str
    rev: int = 0
    updated_at: str = ""
    fields: str | None = None
    """The entry's fields as JSON (:func:`entry_fields`); None in rows written before schema 2."""

    @classmethod
    def from_entry(cls, entry: polib.POEntry, position: int, text: str | None = None) -> Row:
        state = state_of(entry)
        assign = get_meta(entry, "assign")
        origin = None
        if state is SegmentState.DRAFT:
            provenance = provenance_of(entry)
            if provenance is None:
                origin = "unknown"
            elif provenance.origin == "mt" and provenance.engine:
                origin = f"mt:{provenance.engine}"
            else:
                origin = provenance.origin
        return cls(
            key=key_of(entry),
            obsolete=bool(entry.obsolete),
            position=position,
            msgid=entry.msgid,
            state=state.value,
            words=count_words(entry.msgid),
            assign=json.dumps(assign, ensure_ascii=False, sort_keys=True) if assign else None,
            origin=origin,
            entry=text if text is not None else entry_text(entry),
            fields=entry_fields(entry),
        )

    def to_entry(self) -> polib.POEntry:
        return entry_from_fields(self.fields) if self.fields else parse_entry(self.entry)

    @property
    def assignment(self) -> dict[str, str]:
        return json.loads(self.assign) if self.assign else {}


def head_text(po: polib.POFile) -> str:
    """The header comment and metadata entry as polib prints them (the PO text before the first entry)."""
    head = polib.POFile(wrapwidth=WRAP_WIDTH)
    head.header = po.header
    head.metadata = dict(po.metadata)
    head.metadata_is_fuzzy = po.metadata_is_fuzzy
    return str(head)


def render(head: str, rows: list[Row]) -> str:
    """The PO file: header, active entries in position order, then obsolete ones (polib's own layout).

    ``PO-Revision-Date`` is the later of the header's and the rows' last change, so the text depends only on the
    content.
    """
    latest = max((row.updated_at for row in rows), default="")
    if latest:
        match = _DATE.search(head)
        current = match.group(0)[len('"PO-Revision-Date: ') : -len('\\n"')] if match else ""
        if latest > current:
            line = f'"PO-Revision-Date: {latest}\\n"'
            head = _DATE.sub(lambda _m: line, head, count=1) if match else head
    active = sorted((row for row in rows if not row.obsolete), key=lambda row: row.position)
    obsolete = sorted((row for row in rows if row.obsolete), key=lambda row: row.position)
    return "\n".join([head, *(row.entry for row in active), *(row.entry for row in obsolete)])


def rows_of(po: polib.POFile) -> list[Row]:
    """Every entry of a parsed PO file as rows, in file order."""
    return [Row.from_entry(entry, position) for position, entry in enumerate(po)]
