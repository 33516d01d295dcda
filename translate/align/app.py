"""``hexaglot align --review``: the links of an alignment in a Textual app, to confirm, join, split or skip.

Keys follow the review app's: ``a`` confirm, ``r`` skip (reject), ``j`` join with the next link, ``s`` split after
the first sentences, ``n`` / ``p`` next and previous, ``u`` next link waiting for review, ``q`` save and quit. The
saved alignment is written on every decision, so nothing is lost when the terminal closes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from translate.align.output import SavedAlignment
from translate.bidi import display_text, fit_cells, is_rtl

STATUS_MARK = {"auto": "·", "pending": "?", "confirmed": "✓", "skipped": "✗"}


class AlignReviewApp(App[None]):
    """One row per link: score, shape, status, English, translation; the current link in full above."""

    TITLE = "hexaglot align"
    CSS = """
    #detail { height: auto; max-height: 50%; border: round $accent; padding: 0 1; }
    DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "confirm", "Confirm"),
        Binding("r", "skip", "Skip"),
        Binding("j", "join", "Join next"),
        Binding("s", "split", "Split"),
        Binding("n", "next", "Next"),
        Binding("p", "previous", "Prev"),
        Binding("u", "next_pending", "Next to review"),
        Binding("q", "quit", "Save & quit"),
    ]

    def __init__(self, saved: SavedAlignment) -> None:
        super().__init__()
        self.saved = saved
        self.alignment = saved.alignment

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(id="detail")
            yield DataTable(id="links", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.alignment.english_path} ↔ {self.alignment.target_path}"
        table = self.query_one("#links", DataTable)
        table.add_columns("#", "score", "shape", "", "English", self.alignment.lang)
        self._refill(0)
        pending = self._pending_after(-1)
        if pending is not None:
            table.move_cursor(row=pending)
        table.focus()

    @property
    def current(self) -> int:
        return self.query_one("#links", DataTable).cursor_row

    def _refill(self, cursor: int) -> None:
        table = self.query_one("#links", DataTable)
        table.clear()
        width = max(20, (self.size.width - 30) // 2)
        for number, link in enumerate(self.alignment.links, start=1):
            table.add_row(
                str(number),
                f"{link.score:.2f}" if link.is_pair else "",
                link.shape,
                STATUS_MARK.get(link.status, link.status),
                fit_cells(" ".join(link.english), width),
                fit_cells(display_text(" ".join(link.target), self.alignment.lang), width),
            )
        if self.alignment.links:
            table.move_cursor(row=min(cursor, len(self.alignment.links) - 1))
        self._show()

    def _show(self) -> None:
        detail = self.query_one("#detail", Static)
        if not self.alignment.links:
            detail.update("no links")
            return
        link = self.alignment.links[self.current]
        target = " ".join(link.target)
        shown = display_text(target, self.alignment.lang) if is_rtl(self.alignment.lang) else target
        pending = sum(1 for item in self.alignment.links if item.status == "pending")
        detail.update(
            f"link {self.current + 1}/{len(self.alignment.links)}  {link.shape}  score {link.score:.2f}  "
            f"{link.status}  ({pending} waiting for review)\n"
            f"EN  {' '.join(link.english) or '(no English)'}\n"
            f"{self.alignment.lang.upper()}  {shown or '(no translation)'}"
        )

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show()

    def _decide(self, change: str) -> None:
        index = self.current
        getattr(self.alignment, change)(index)
        self.saved.save()
        self._refill(index + 1 if change in ("confirm", "skip") else index)

    def action_confirm(self) -> None:
        self._decide("confirm")

    def action_skip(self) -> None:
        self._decide("skip")

    def action_join(self) -> None:
        self._decide("join")

    def action_split(self) -> None:
        self._decide("split")

    def action_next(self) -> None:
        self.query_one("#links", DataTable).action_cursor_down()

    def action_previous(self) -> None:
        self.query_one("#links", DataTable).action_cursor_up()

    def action_next_pending(self) -> None:
        found = self._pending_after(self.current)
        if found is None:
            self.notify("no link is waiting for review")
            return
        self.query_one("#links", DataTable).move_cursor(row=found)

    def _pending_after(self, index: int) -> int | None:
        for position in range(index + 1, len(self.alignment.links)):
            if self.alignment.links[position].status == "pending":
                return position
        return None

    async def action_quit(self) -> None:
        self.saved.save()
        self.saved.write_tmx()  # the TMX holds what was decided, whoever runs the app
        self.exit()


def review_alignment(saved: SavedAlignment) -> None:
    """Run the app; the decisions are saved as they are made."""
    AlignReviewApp(saved).run()
