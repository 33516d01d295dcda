"""Right-to-left and double-width text in a terminal.

Terminals differ: some (mlterm, Konsole, GNOME Terminal with VTE bidi) reorder Arabic themselves, most draw
the characters in logical order, left to right. ``--bidi reorder`` (:data:`REORDER`) converts Arabic lines to
visual order with python-bidi's ``get_display`` for the second kind; ``--bidi terminal`` (the default) leaves
the text to the terminal. Editing always works on the logical text.

Chinese characters take two terminal cells; :func:`pad_cells` and :func:`fit_cells` measure with rich's
``cell_len`` so that columns stay aligned whatever the script.
"""

from __future__ import annotations

import re
import unicodedata

from rich.cells import cell_len, set_cell_size

from translate.lang import get_language

TERMINAL = "terminal"
REORDER = "reorder"


def is_rtl(lang: str) -> bool:
    try:
        return get_language(lang).is_rtl
    except KeyError:
        return False


def display_line(text: str, lang: str, mode: str = TERMINAL) -> str:
    """One line as it should be sent to the terminal: visual order for RTL languages in ``reorder`` mode."""
    if mode != REORDER or not is_rtl(lang) or not text:
        return text
    from bidi import get_display

    return get_display(text, base_dir="R")


def display_text(text: str, lang: str, mode: str = TERMINAL) -> str:
    """Every line of ``text`` through :func:`display_line` (reordering never crosses a line break)."""
    return "\n".join(display_line(line, lang, mode) for line in text.split("\n"))


_TRAILING = frozenset(("WS", "BN", "FSI", "LRI", "RLI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF"))
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def _resolved_levels(line: str) -> list[int]:
    """python-bidi's resolved embedding level of each character of ``line`` (RTL paragraph).

    The Rust core of python-bidi has no API for the levels, but its ``debug`` output lists them, one per UTF-8
    byte; each character takes the level of its first byte.
    """
    from bidi import get_display

    debug = str(get_display(line, base_dir="R", debug=True))
    start = debug.index("levels: [")
    end = debug.index("paragraphs:", start)
    per_byte = [int(level) for level in _LEVEL.findall(debug, start, end)]
    levels: list[int] = []
    offset = 0
    for char in line:
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    return levels


def _reverse_runs(levels: list[int]) -> list[int]:
    """Rule L2 of UAX #9: reverse every run at each level from the highest down to the lowest odd one."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    odd = [level for level in levels if level % 2]
    lowest_odd = min(odd) if odd else highest + 1
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = order[index:end][::-1]
            index = end
    return order


def visual_order(line: str) -> list[int] | None:
    """Where :func:`display_line` (``reorder`` mode, RTL) puts each character of one ``line``: the logical
    indices in visual order, left to right, or None if they cannot be matched with python-bidi's display.

    The levels come from python-bidi; line rule L1 (separators, and white space before them or ending the line,
    go to the paragraph level) and the run reversal L2 are applied here, and the result is checked against
    ``get_display`` character by character (a mirrored bracket counts as its pair).
    """
    from bidi import get_display

    if not line:
        return []
    if "\n" in line:
        raise ValueError("visual_order takes one line")
    try:
        levels = _resolved_levels(line)
    except (ValueError, IndexError):  # python-bidi's debug output not as expected: draw the line logically
        return None
    base_level = 1
    if not any(level % 2 for level in levels):
        return list(range(len(line)))  # python-bidi leaves a line without right-to-left text as it is
    trailing = True
    for index in range(len(line) - 1, -1, -1):  # L1: separators and the white space before them or the end
        kind = unicodedata.bidirectional(line[index])
        if kind in ("S", "B"):
            levels[index] = base_level
            trailing = True
        elif trailing and kind in _TRAILING:
            levels[index] = base_level
        else:
            trailing = False
    order = _reverse_runs(levels)
    shown = get_display(line, base_dir="R")
    if len(shown) != len(line):
        return None
    for position, index in enumerate(order):
        if shown[position] != line[index] and not unicodedata.mirrored(line[index]):
            return None
    return order


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap logical text at spaces into lines of at most ``width`` terminal cells (a longer word is cut).

    Reordering must happen *after* wrapping (line by line), or the start of an Arabic sentence lands on the last
    line.
    """
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if cell_len(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while cell_len(word) > width:
                head = set_cell_size(word, width).rstrip()
                head = head or word[:1]
                lines.append(head)
                word = word[len(head) :]
            line = word
        lines.append(line)
    return lines


def display_block(text: str, lang: str, mode: str, width: int) -> str:
    """Text for a pane ``width`` cells wide: in ``reorder`` mode RTL text is wrapped first, then each line
    reordered; otherwise the text is returned unchanged (the widget wraps it)."""
    if mode != REORDER or not is_rtl(lang):
        return text
    return "\n".join(display_line(line, lang, mode) for line in wrap_cells(text, width))


def pad_cells(text: str, width: int) -> str:
    """``text`` cut or padded with spaces to exactly ``width`` terminal cells (CJK counts two)."""
    return set_cell_size(text, width)


def fit_cells(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` shortened to at most ``width`` cells, with an ellipsis if it was cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - cell_len(ellipsis), 0)).rstrip() + ellipsis
