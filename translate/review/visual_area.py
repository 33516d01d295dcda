"""A TextArea that can draw right-to-left text in visual order (``--bidi reorder``) while editing stays logical.

Terminals without bidi support draw characters left to right as they arrive. In ``reorder`` mode the review
app sends Arabic in visual order (:func:`translate.bidi.display_block`); this editor does the same for each of
its wrapped lines: the line is rendered by Textual's TextArea as usual (cursor, selection and highlight styles
on the logical characters), then its characters, each with its style, are put in the order
:func:`translate.bidi.visual_order` gives and the line is aligned right, as the display pane is. The cursor is
thus drawn where the logical cursor's character is shown; at the end of a line it sits left of the text, where
the next Arabic letter will appear. The document, typing, deleting and the arrow keys stay logical (as in
Emacs's visual mode); a mouse click goes to the character shown under the pointer.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.events import MouseEvent
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Location

from translate.bidi import visual_order


class _Layout:
    """Where one wrapped line's characters are drawn: ``order`` (logical offsets within the section, in visual
    order) after ``lead`` cells of padding and one cell for the cursor at the section's end."""

    def __init__(self, start: int, section: str, order: list[int], width: int) -> None:
        self.start = start
        self.section = section
        self.order = order
        self.lead = max(width - cell_len(section) - 1, 0)

    def column_at(self, x: int) -> int:
        """The document column of the character drawn at cell ``x`` (the section's end left of the text)."""
        if x <= self.lead:
            return self.start + len(self.section)
        cell = self.lead + 1
        for index in self.order:
            cell += cell_len(self.section[index])
            if x < cell:
                return self.start + index
        return self.start


class VisualTextArea(TextArea):
    """A TextArea whose lines are drawn in visual order when :attr:`visual` is set (see the module docstring)."""

    visual: bool = False

    def set_visual(self, visual: bool) -> None:
        if visual != self.visual:
            self.visual = visual
            self._line_cache.clear()
            self.refresh()

    def _section(self, y: int) -> tuple[int, str] | None:
        """(start column, text) of the wrapped line drawn at widget row ``y``, if it is a document line."""
        y_offset = y + self.scroll_offset.y
        document = self.wrapped_document
        if y_offset >= document.height:
            return None
        try:
            line_info = document._offset_to_line_info[y_offset]
        except IndexError:
            return None
        if line_info is None:
            return None
        line_index, section_offset = line_info
        line = self.document.get_line(line_index)
        bounds = [0, *document.get_offsets(line_index), len(line)]
        start, end = bounds[section_offset], bounds[section_offset + 1]
        return start, line[start:end]

    def _layout(self, y: int, width: int) -> _Layout | None:
        found = self._section(y)
        if found is None or "\t" in found[1] or self.show_line_numbers:
            return None
        start, section = found
        order = visual_order(section)
        if order is None:
            return None
        return _Layout(start, section, order, width)

    def _render_line(self, y: int) -> Strip:
        strip = super()._render_line(y)
        if not self.visual or not self.soft_wrap:
            return strip
        layout = self._layout(y, strip.cell_length)
        if layout is None:
            return strip
        cells = [(char, style) for text, style, _control in strip for char in text]
        section = layout.section
        if "".join(char for char, _ in cells[: len(section)]) != section or len(cells) <= len(section):
            return strip  # not drawn character for character (a suggestion, tabs): leave it logical
        from bidi import get_display

        shown = get_display(section, base_dir="R") if section else ""
        slot = cells[len(section)]
        pad_style = cells[-1][1]
        visual = [(shown[position], cells[index][1]) for position, index in enumerate(layout.order)]
        segments = [Segment(" " * layout.lead, pad_style)] if layout.lead else []
        segments += [Segment(char, style) for char, style in [slot, *visual]]
        return Strip(Segment.simplify(segments), strip.cell_length)

    def get_target_document_location(self, event: MouseEvent) -> Location:
        location = super().get_target_document_location(event)
        if not self.visual or not self.soft_wrap:
            return location
        y = event.y - self.gutter.top
        layout = self._layout(y, self.scrollable_content_region.width)
        if layout is None:
            return location
        return (location[0], layout.column_at(event.x - self.gutter.left))

    @property
    def cursor_screen_offset(self) -> Offset:
        offset = super().cursor_screen_offset
        if not self.visual or not self.soft_wrap:
            return offset
        _, cursor_y = self._cursor_offset
        y = cursor_y - self.scroll_offset.y
        layout = self._layout(y, self.scrollable_content_region.width)
        if layout is None:
            return offset
        column = self.selection.end[1] - layout.start
        x = layout.lead
        if column < len(layout.section):
            x += 1
            for index in layout.order:
                if index == column:
                    break
                x += cell_len(layout.section[index])
        return Offset(self.content_region.x + x, offset.y)
