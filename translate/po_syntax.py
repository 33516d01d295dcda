"""Strict PO syntax, checked before polib reads anything: a file that gettext rejects is never read as something else.

polib is lenient where gettext is not: it drops the last character of an unterminated string
(``msgstr "Introduction générale`` becomes "Introduction général", still approved), turns an entry with an
unterminated ``msgid``/``msgctxt`` into a draft or an obsolete entry, accepts ``\\q``, and reads a PO file whose
whole content is a file path as *that* file. :func:`check_po_syntax` applies the lexical and grammatical rules of
``msgfmt --check`` (GNU gettext's ``po-lex.c`` and ``po-gram.y``) and raises :class:`BadInputError` with the file
and line of the first violation:

* a string ends on its line with ``"``; the escapes are ``\\n \\t \\b \\r \\f \\v \\a \\\\ \\"``, octal ``\\ooo``
  and hex ``\\xhh`` (``\\q``, ``\\?``, ``\\e`` are not);
* each entry is ``[msgctxt] msgid (msgstr | msgid_plural msgstr[0] msgstr[1] ...)``, each keyword followed by a
  string and optionally more string lines; plural indexes count from 0 without gaps;
* comments (``#``, ``#.``, ``#:``, ``#,``) and previous-source lines (``#|``) come before an entry's
  ``msgctxt``/``msgid``, never inside it; ``#~`` marks every line of an obsolete entry (mixing is an error);
* anything else (a bare word, a file path, a ``domain`` directive) is a syntax error.

It is stricter than gettext in two places, where polib would misread a file gettext accepts: a keyword and its
first string share a line, and a line holds one string. msgfmt's checks of *content* (header fields, format
strings, plural counts against ``nplurals``, matching ``\\n``) are the QA checks' business, not reading's.
"""

from __future__ import annotations

import re
from pathlib import Path

from translate.errors import BadInputError

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)(?=[\s\"]|$)")
_ESCAPE = re.compile(r"\\(?:[ntbrfva\\\"]|[0-7]{1,3}|x[0-9A-Fa-f]+)|\\(.?)")


def _bad(path: str | Path, problem: str, line: int) -> BadInputError:
    return BadInputError(path, f"malformed PO: {problem}", line)


_START = "start"
"""Between entries: comments, previous lines, msgctxt or msgid may follow."""


class _Entry:
    """The state of the entry being read."""

    def __init__(self) -> None:
        self.state = _START
        self.obsolete: bool | None = None
        self.plural_index = -1
        self.line = 0

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


def check_po_syntax(path: str | Path, text: str) -> None:
    """Raise :class:`BadInputError` (file and line) at the first line gettext would reject (module docstring)."""
    entry = _Entry()
    previous = False
    """Inside ``#|`` lines that precede an entry."""
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r").strip(" \t\f\v")
        if not line:
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:]
            if line.startswith("|"):
                line = "#" + line  # #~| : the previous source of an obsolete entry
            line = line.lstrip(" \t")
            if not line:
                continue
        if line.startswith("#|"):
            if entry.state not in (_START, "msgstr", "msgstr[]"):
                raise _bad(path, "previous-source line (#|) inside an entry: missing msgstr", number)
            if entry.state != _START:
                entry.reset()
            _check_previous(path, number, line[2:].strip(" \t"), previous)
            previous = True
            continue
        if line.startswith("#"):
            if entry.state not in (_START, "msgstr", "msgstr[]"):
                raise _bad(path, f"comment inside an entry: missing msgstr for the entry of line {entry.line}",
                                    number)  # fmt: skip
            entry.reset()
            previous = False
            continue
        previous = False
        _check_token_line(path, number, line, obsolete, entry)
    if entry.state in ("msgctxt", "msgid", "msgid_plural"):
        raise _bad(path, "missing msgstr at the end of the file", entry.line)


def _check_previous(path: str | Path, number: int, rest: str, started: bool) -> None:
    """A ``#|`` line: ``msgctxt``, ``msgid`` or ``msgid_plural`` with a string, or a continuation string."""
    match = _KEYWORD.match(rest)
    if match:
        if match.group(1).startswith("msgstr"):
            raise _bad(path, f"{match.group(1)} in a previous-source line (#|)", number)
        rest = rest[match.end() :].lstrip(" \t")
    elif not started or not rest.startswith('"'):
        raise _bad(path, "syntax error in a previous-source line (#|)", number)
    _check_string(path, number, rest)


def _check_token_line(path: str | Path, number: int, line: str, obsolete: bool, entry: _Entry) -> None:
    match = _KEYWORD.match(line)
    if match is None:
        if line.startswith('"'):
            if entry.state == _START:
                raise _bad(path, "a string outside any entry", number)
            _same_obsolete(path, number, obsolete, entry)
            _check_string(path, number, line)
            return
        word = re.match(r"[^\s\"]*", line).group(0)  # type: ignore[union-attr]
        shown = word[:40] + ("…" if len(word) > 40 else "")
        raise _bad(path, f"syntax error: {shown!r} is not a PO keyword (msgctxt, msgid, msgstr...)", number)
    keyword, index = match.group(1), match.group(2)
    rest = line[match.end() :].lstrip(" \t")
    if not rest.startswith('"'):
        raise _bad(path, f"{keyword} must be followed by a string on the same line", number)
    _advance(path, number, keyword if index is None else "msgstr[]", None if index is None else int(index), entry,
             obsolete)  # fmt: skip
    _check_string(path, number, rest)


_FOLLOWS = {
    "msgctxt": {_START, "msgstr", "msgstr[]"},
    "msgid": {_START, "msgctxt", "msgstr", "msgstr[]"},
    "msgid_plural": {"msgid"},
    "msgstr": {"msgid"},
    "msgstr[]": {"msgid_plural", "msgstr[]"},
}


def _advance(path: str | Path, number: int, keyword: str, index: int | None, entry: _Entry, obsolete: bool) -> None:
    """The entry grammar: which keyword may follow which."""
    if keyword not in _FOLLOWS or entry.state not in _FOLLOWS[keyword]:
        raise _bad(path, _unexpected(keyword, entry.state), number)
    if keyword == "msgctxt" or (keyword == "msgid" and entry.state != "msgctxt"):
        entry.reset()
        entry.line = number
        entry.obsolete = obsolete
    else:
        _same_obsolete(path, number, obsolete, entry)
    if keyword == "msgstr[]":
        expected = entry.plural_index + 1 if entry.state == "msgstr[]" else 0
        if index != expected:
            what = "first plural form has a nonzero index" if expected == 0 else "plural form has a wrong index"
            raise _bad(path, f"{what}: msgstr[{index}], expected msgstr[{expected}]", number)
        entry.plural_index = expected
    entry.state = keyword


def _unexpected(keyword: str, state: str) -> str:
    shown = "msgstr[n]" if keyword == "msgstr[]" else keyword
    if state in ("msgctxt", "msgid", "msgid_plural") and keyword in ("msgctxt", "msgid"):
        return f"{shown} before the msgstr of the entry above (unterminated entry?)"
    if keyword == "msgstr" and state == "msgid_plural":
        return "msgstr in a plural entry: use msgstr[0], msgstr[1]..."
    if keyword == "msgstr[]" and state == "msgid":
        return "msgstr[n] without msgid_plural"
    return f"{shown} is not expected here"


def _same_obsolete(path: str | Path, number: int, obsolete: bool, entry: _Entry) -> None:
    if entry.obsolete is not None and entry.obsolete != obsolete:
        raise _bad(path, f"inconsistent use of #~ in the entry of line {entry.line}", number)


def _check_string(path: str | Path, number: int, rest: str) -> None:
    """``rest`` is exactly one well-formed string (whitespace after it allowed)."""
    position = 1
    length = len(rest)
    while position < length:
        char = rest[position]
        if char == '"':
            if rest[position + 1 :].strip(" \t\r"):
                raise _bad(path, "text after the closing quote (one string per line)", number)
            return
        if char == "\\":
            match = _ESCAPE.match(rest, position)
            assert match is not None
            if match.group(1) is not None:
                bad = match.group(0)
                raise _bad(path, f"invalid escape sequence {bad!r} in a string", number)
            position = match.end()
            continue
        position += 1
    raise _bad(path, "unterminated string: end of line within a string", number)
