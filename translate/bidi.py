"""Right-to-left and double-width text in a terminal.

Terminals differ: some (mlterm, Konsole, GNOME Terminal with VTE bidi) reorder Arabic themselves, most draw
the characters in logical order, left to right. ``--bidi reorder`` (:data:`REORDER`) converts Arabic lines to
visual order with python-bidi's ``get_display`` for the second kind; ``--bidi terminal`` (the default) leaves
the text to the terminal. Editing always works on the logical text.

Chinese characters take two terminal cells; :func:`pad_cells` and :func:`fit_cells` measure with rich's
``cell_len`` so that columns stay aligned whatever the script.
"""

from __future__ import annotations

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
