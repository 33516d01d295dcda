"""PO catalogs, one per target language, and how review states are encoded in standard PO constructs.

State encoding (``msgfmt --check`` accepts all of it; Poedit-style editors keep flags and comments)::

    state         msgstr     flags                     translator comment (``# ``)
    untranslated  empty      -                         -
    draft         the draft  fuzzy                     hexaglot-provenance: {"origin": "mt", ...}
    translated    the text   -                         (optional provenance: origin human)
    approved      the text   hx-approved               hexaglot-review: {"action": "approved", ...}
    rejected      the text   fuzzy, hx-rejected        hexaglot-review: {"action": "rejected", "comment": ...}

The segment id is the ``msgctxt``; the English source is the ``msgid``; ``#:`` names the source file and
paragraph; a changed source keeps the previous one as ``#| msgid`` (msgmerge's convention).
Any other translator comment lines are the linguists' own and are never touched.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib

from translate.errors import BadInputError, control_problem, find_control
from translate.fileio import atomic_write_text, file_stamp
from translate.lang import get_language
from translate.po_syntax import check_po_syntax
from translate.states import STATES as STATES  # re-exported: the catalog API names the states
from translate.states import SegmentState
from translate.utf8 import check_controls, read_utf8

APPROVED_FLAG = "hx-approved"
REJECTED_FLAG = "hx-rejected"
FUZZY_FLAG = "fuzzy"
META_PREFIX = "hexaglot-"
LOCK_TIMEOUT_S = 30.0
WRAP_WIDTH = 0
"""No wrapping: one line per msgid/msgstr/comment gives clean git diffs and segment-wise merges."""


_WORD = re.compile(r"\w+(?:[-'’.,/]\w+)*", re.UNICODE)


def count_words(text: str) -> int:
    """Source words as a project lead counts them: 1,250.5 and E/2013/30 and Member-State are one word each;
    inline placeholders (``<1>``) are not words."""
    from translate.formats.inline import strip_tags

    return len(_WORD.findall(strip_tags(text)))


def now_iso() -> str:
    """UTC time, to the second, as written in provenance and the journal."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --- metadata lines inside translator comments -------------------------------------------------------


def source_hash(text: str) -> str:
    """Short hash of an English source, kept in the ``mt`` meta so that a changed source is not evaluated."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def get_meta(entry: polib.POEntry, key: str) -> dict[str, Any] | None:
    """The JSON object stored as ``hexaglot-<key>: {...}`` in the entry's translator comment."""
    prefix = f"{META_PREFIX}{key}:"
    lines = (entry.tcomment or "").splitlines()
    for position, line in enumerate(lines):
        if not line.startswith(prefix):
            continue
        text = line[len(prefix) :]
        # An editor that wraps comments splits the JSON over lines: join them back until it parses.
        for following in [None, *lines[position + 1 :]]:
            if following is not None:
                if following.startswith(META_PREFIX):
                    break
                text += " " + following
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                continue
            return _typed(key, value) if isinstance(value, dict) else None
        return None
    return None


_NUMBER_FIELDS = frozenset({"score", "words"})
_FLAT_META = frozenset({"provenance", "review"})
"""Metadata objects of plain fields: a field of the wrong JSON type (a hand edit, a bad merge) is dropped on
reading, so that no report, export or merge meets a list where it expects a name (``"by": ["x"]``)."""


def _typed(key: str, value: dict[str, Any]) -> dict[str, Any]:
    if key not in _FLAT_META:
        return value
    kept: dict[str, Any] = {}
    for field, item in value.items():
        if field in _NUMBER_FIELDS:
            number_ok = isinstance(item, int | float) and not isinstance(item, bool) and math.isfinite(item)
            if number_ok:
                kept[field] = item
        elif isinstance(item, str) or (isinstance(item, bool) and field not in ("origin", "action", "by", "at")):
            kept[field] = item
    return kept


def set_meta(entry: polib.POEntry, key: str, value: dict[str, Any] | None) -> None:
    """Store (or with None remove) ``hexaglot-<key>: {...}``, keeping every other comment line."""
    prefix = f"{META_PREFIX}{key}:"
    lines = [line for line in (entry.tcomment or "").splitlines() if not line.startswith(prefix)]
    if value is not None:
        lines.append(prefix + " " + json.dumps(value, ensure_ascii=False, sort_keys=True))
    entry.tcomment = "\n".join(lines)


@dataclass(frozen=True)
class Provenance:
    """Where a translation came from: ``origin`` is mt, tm, human, previous-source or xliff."""

    origin: str
    engine: str | None = None
    model: str | None = None
    memory: str | None = None
    """TM file and tuid (``memories/glotip-2024.tmx#42``)."""
    score: float | None = None
    at: str | None = None
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        known = {key: data.get(key) for key in cls.__dataclass_fields__}
        known["origin"] = str(known.get("origin") or "unknown")
        return cls(**known)


def provenance_of(entry: polib.POEntry) -> Provenance | None:
    data = get_meta(entry, "provenance")
    return Provenance.from_dict(data) if data else None


def review_of(entry: polib.POEntry) -> dict[str, Any] | None:
    """The last review action: ``{"action": "approved"|"rejected", "by": ..., "at": ..., "comment": ...}``."""
    return get_meta(entry, "review")


# --- states ------------------------------------------------------------------------------------------


def has_translation(entry: polib.POEntry) -> bool:
    """True when the entry holds translated text: its ``msgstr``, or for a plural entry (``msgid_plural``) any of
    its ``msgstr[n]`` forms."""
    if entry.msgstr:
        return True
    return bool(entry.msgid_plural) and any(entry.msgstr_plural.values())


def text_of(entry: polib.POEntry) -> str:
    """The translation as one text: ``msgstr``, or a plural entry's first form."""
    if entry.msgid_plural and not entry.msgstr:
        return entry.msgstr_plural.get(0, "")
    return entry.msgstr


def _set_text(entry: polib.POEntry, text: str) -> None:
    """Write ``text`` as the translation; a plural entry gets it as its first form (the others are kept), never a
    ``msgstr`` beside its ``msgstr[n]`` (which gettext refuses)."""
    if entry.msgid_plural:
        entry.msgstr_plural = {**entry.msgstr_plural, 0: text}
    else:
        entry.msgstr = text


def state_of(entry: polib.POEntry) -> SegmentState:
    """Read the state from the PO constructs (see the module docstring); a plural entry is translated by its
    ``msgstr[n]`` forms."""
    if REJECTED_FLAG in entry.flags:
        return SegmentState.REJECTED
    if not has_translation(entry):
        return SegmentState.UNTRANSLATED
    if entry.fuzzy:
        return SegmentState.DRAFT
    if APPROVED_FLAG in entry.flags:
        return SegmentState.APPROVED
    return SegmentState.TRANSLATED


def _set_flags(entry: polib.POEntry, *, fuzzy: bool, approved: bool = False, rejected: bool = False) -> None:
    others = [flag for flag in entry.flags if flag not in (FUZZY_FLAG, APPROVED_FLAG, REJECTED_FLAG)]
    flags = []
    if fuzzy:
        flags.append(FUZZY_FLAG)
    flags.extend(others)
    if approved:
        flags.append(APPROVED_FLAG)
    if rejected:
        flags.append(REJECTED_FLAG)
    entry.flags = flags


def set_draft(entry: polib.POEntry, text: str, provenance: Provenance) -> None:
    """A machine (MT, TM) proposes ``text``: fuzzy until a human accepts it."""
    _set_text(entry, text)
    _set_flags(entry, fuzzy=True)
    set_meta(entry, "provenance", provenance.to_dict())
    set_meta(entry, "review", None)


def set_translated(entry: polib.POEntry, text: str, by: str | None = None) -> None:
    """A linguist wrote or accepted ``text``; it awaits revision."""
    previous = provenance_of(entry)
    if previous is None or previous.origin != "human" or text != text_of(entry):
        set_meta(entry, "provenance", Provenance(origin="human", by=by, at=now_iso()).to_dict())
    _set_text(entry, text)
    entry.previous_msgid = None
    entry.previous_msgctxt = None
    _set_flags(entry, fuzzy=False)
    set_meta(entry, "review", None)


def approve(entry: polib.POEntry, by: str, text: str | None = None) -> None:
    """A reviser approves the segment (optionally with edited ``text``)."""
    if text is not None and text != text_of(entry):
        set_translated(entry, text, by=by)
    if not has_translation(entry):
        raise ValueError(f"cannot approve an empty translation ({entry.msgctxt})")
    entry.previous_msgid = None
    entry.previous_msgctxt = None
    _set_flags(entry, fuzzy=False, approved=True)
    set_meta(entry, "review", {"action": "approved", "by": by, "at": now_iso()})


DRAFT_METAS = ("provenance", "review", "mt", "terms", "tm")
"""The metadata a machine draft writes; every other meta (``assign``...) and comment line is someone else's."""


def copy_draft(source: polib.POEntry, target: polib.POEntry) -> None:
    """A machine draft's own parts of ``source`` (msgstr, the fuzzy flag, :data:`DRAFT_METAS`) onto ``target``;
    every other flag, comment line and meta of ``target`` is kept."""
    target.msgstr = source.msgstr
    target.fuzzy = source.fuzzy
    for key in DRAFT_METAS:
        set_meta(target, key, get_meta(source, key))


def reject(entry: polib.POEntry, by: str, comment: str) -> None:
    """A reviewer rejects the segment; the text stays for the translator, the comment says why."""
    _set_flags(entry, fuzzy=True, rejected=True)
    set_meta(entry, "review", {"action": "rejected", "by": by, "at": now_iso(), "comment": comment})


# --- the catalog file --------------------------------------------------------------------------------


class Catalog:
    """One target language's PO file of a workflow: ``workflows/<job>/translations/<lang>.po``."""

    def __init__(self, path: Path, po: polib.POFile, lang: str) -> None:
        self.path = Path(path)
        self.po = po
        self.lang = lang

    @classmethod
    def new(cls, path: str | Path, lang: str, project: str) -> Catalog:
        """An empty catalog with correct headers for ``lang``."""
        language = get_language(lang)
        po = polib.POFile(wrapwidth=WRAP_WIDTH)
        po.header = f"{language.name} translation of {project}, managed by hexaglot."
        po.metadata = {
            "Project-Id-Version": project,
            "Report-Msgid-Bugs-To": "",
            "POT-Creation-Date": now_iso(),
            "PO-Revision-Date": now_iso(),
            "Last-Translator": "",
            "Language-Team": f"{language.name} <{language.code}@hexaglot>",
            "Language": language.code,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": language.plural_forms,
            "X-Generator": "hexaglot",
            "X-Source-Language": "en",
        }
        return cls(Path(path), po, language.code)

    @classmethod
    def load(cls, path: str | Path, lang: str | None = None) -> Catalog:
        """Read a PO file; a malformed one raises :class:`BadInputError` naming the file and line."""
        po = read_po(path)
        header_lang = po.metadata.get("Language", "")
        code = lang or header_lang
        if not code:
            raise BadInputError(path, "no Language header; give the language explicitly")
        try:
            language = get_language(code)
        except KeyError as error:
            raise BadInputError(path, str(error.args[0]), "Language") from None
        return cls(Path(path), po, language.code)

    # Entries -----------------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[polib.POEntry]:
        return (entry for entry in self.po if not entry.obsolete)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def entry(self, segment_id: str) -> polib.POEntry | None:
        """The active entry whose msgctxt is ``segment_id``."""
        for candidate in self:
            if candidate.msgctxt == segment_id:
                return candidate
        return None

    def index(self) -> dict[str, polib.POEntry]:
        """Active entries by segment id."""
        return {entry.msgctxt: entry for entry in self if entry.msgctxt}

    def obsolete_entries(self) -> list[polib.POEntry]:
        return [entry for entry in self.po if entry.obsolete]

    # Saving ------------------------------------------------------------------------------------------

    def render(self) -> str:
        return str(self.po)

    def save(self) -> None:
        """Write atomically (temp file, fsync, rename).

        ``PO-Revision-Date`` changes only when the content does: a save that would change nothing but the date
        leaves the file untouched, so re-running a job leaves ``git status`` clean.
        """
        previous = _read_text_or_none(self.path)
        old_date = _REVISION_DATE.search(previous) if previous is not None else None
        if old_date is None:
            self.po.metadata["PO-Revision-Date"] = now_iso()
            atomic_write_text(self.path, self.render())
            return
        self.po.metadata["PO-Revision-Date"] = old_date.group(1)
        text = self.render()
        if text == previous:
            return
        stamp = now_iso()
        self.po.metadata["PO-Revision-Date"] = stamp
        atomic_write_text(self.path, _REVISION_DATE.sub(lambda _m: f'"PO-Revision-Date: {stamp}\\n"', text, count=1))


_REVISION_DATE = re.compile(r'^"PO-Revision-Date: ([^"\\]*)\\n"$', re.MULTILINE)


def _read_text_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file strictly: wrong encoding or syntax becomes :class:`BadInputError`."""
    text = read_utf8(path, bom=False, controls=False)
    check_po_syntax(path, text)  # gettext's rules first: polib reads some broken files as something else
    check_controls(path, text)  # msgfmt accepts NUL and escape sequences; a catalog has no use for them
    try:
        po = parse_po_text(text)
    except (OSError, ValueError) as error:
        message = str(error)
        match = re.search(r"line (\d+)", message)
        where = match.group(1) if match else None
        raise BadInputError(path, f"malformed PO: {message}", where) from None
    _reject_escaped_controls(path, po)
    _reject_duplicates(path, po)
    return po


def _reject_escaped_controls(path: str | Path, po: polib.POFile) -> None:
    """Control characters written as PO escapes (``\\x1b``, ``\\a``, ``\\b``, ``\\v``) in a string."""
    for entry in po:
        for value in [entry.msgctxt or "", entry.msgid, entry.msgstr, *entry.msgstr_plural.values()]:
            position = find_control(value)
            if position >= 0:
                raise BadInputError(path, control_problem(value[position]), entry.linenum)


def parse_po_text(text: str) -> polib.POFile:
    """polib's parse of PO *text*, never of a file the text happens to name (``polib.pofile`` opens its argument
    when it is an existing path)."""
    if "\n" not in text:
        text += "\n"
    return polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")


def _reject_duplicates(path: str | Path, po: polib.POFile) -> None:
    """Two active entries with the same msgctxt and msgid make a catalog ambiguous (msgfmt refuses it too).

    polib's own ``check_for_duplicates`` is quadratic; a set keeps loading linear in the catalog's size.
    """
    seen: set[tuple[str | None, str]] = set()
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise BadInputError(path, f"duplicate entry msgctxt={entry.msgctxt!r} msgid={entry.msgid!r}", entry.linenum)
        seen.add(key)


@contextlib.contextmanager
def catalog_lock(lock_path: str | Path, catalog_path: str | Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold one catalog's lock. Every writer (import, draft, review, import-xliff) takes it around its
    re-read, change and atomic write, so that no save ever writes back a stale copy of someone else's work.
    """
    from translate.fileio import file_lock

    with file_lock(lock_path, timeout, catalog_path):  # never through a symbolic link
        yield


class DraftSaver:
    """Saves a long-running machine writer's drafts (TM, MT) without overwriting anybody's work.

    The writer loaded the catalog once and fills segments that were untranslated then. Each :meth:`save`
    takes the catalog lock; if another writer (a reviewer, an import) saved since, the file is re-read and
    only the machine's drafts are copied into it, and only into segments that are still untranslated with
    the same English: a draft never replaces a human's work or a re-imported source. Only the draft's own parts
    are copied (:func:`copy_draft`): an assignment, a linguist's comment or flag saved meanwhile stays.
    """

    def __init__(self, catalog: Catalog, lock_path: str | Path) -> None:
        self.catalog = catalog
        self.lock_path = Path(lock_path)
        self.candidates = {entry.msgctxt for entry in catalog if state_of(entry) is SegmentState.UNTRANSLATED}
        self._signature = file_stamp(catalog.path)
        self._exclusive = True
        """True while the file on disk is exactly what this saver last wrote or read."""
        self.skipped = 0
        """Drafts not written because a human or a re-import changed the segment meanwhile."""

    def save(self) -> None:
        with catalog_lock(self.lock_path, self.catalog.path):
            if self._exclusive and file_stamp(self.catalog.path) == self._signature:
                self.catalog.save()
            else:
                self._exclusive = False
                self._merge_into_disk()
            self._signature = file_stamp(self.catalog.path)

    def _merge_into_disk(self) -> None:
        disk = Catalog.load(self.catalog.path, self.catalog.lang)
        on_disk = disk.index()
        skipped = 0
        for entry in self.catalog:
            if entry.msgctxt not in self.candidates:
                continue
            target = on_disk.get(entry.msgctxt)
            if target is None or target.msgid != entry.msgid or state_of(target) is not SegmentState.UNTRANSLATED:
                skipped += entry.msgstr != ""
                continue
            copy_draft(entry, target)
        self.skipped = skipped
        disk.save()
