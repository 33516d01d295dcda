"""``hexaglot review``: a full-screen terminal app to review one language's drafts.

Keys (browsing): ``a`` accept, ``e`` edit, ``r`` reject with a comment, ``n``/``p`` next/previous, ``f`` next
segment with findings, ``x`` apply the QA checks' automatic fixes (French no-break spaces, Arabic digit groups),
``/`` search, ``q`` quit. While editing: ``Esc`` or ``Ctrl+S`` saves the edit, ``Ctrl+Z``
undoes typing. Every accept, edit and reject is written to disk (locked, atomic, journaled) before the next key
is read. See :mod:`translate.review.session` for the queue and :func:`translate.review.store.accept_target` for
what *accept* means in each stage.
"""

from __future__ import annotations

import contextlib
import difflib
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input, Label, Static, TextArea

from translate.bidi import TERMINAL, display_block, display_text, fit_cells, is_rtl
from translate.catalog import count_words, get_meta, provenance_of, review_of, state_of
from translate.errors import HexaglotError
from translate.formats.inline import COMPACT, compact, compact_with_offsets
from translate.merge import other_versions
from translate.qa.spelling import highlight_misspellings
from translate.review.findings import source_terms
from translate.review.session import ReviewSession
from translate.review.store import StaleSegmentError


def word_diff(old: str, new: str) -> Text:
    """``old`` (a TM match's source) against ``new`` (the current source): deleted words struck, added underlined."""
    old_words, new_words = old.split(), new.split()
    text = Text()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            text.append(" ".join(old_words[i1:i2]) + " ")
            continue
        if i2 > i1:
            text.append(" ".join(old_words[i1:i2]), style="strike red")
            text.append(" ")
        if j2 > j1:
            text.append(" ".join(new_words[j1:j2]), style="underline green")
            text.append(" ")
    text.rstrip()
    return text


class PromptScreen(ModalScreen[str | None]):
    """A one-line question (a reject comment, a search): Enter answers, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(self.question)
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewApp(App[None]):
    """The review screen of one :class:`ReviewSession`."""

    CSS_PATH = "app.tcss"
    AUTO_FOCUS = None
    TITLE = "hexaglot review"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept"),
        Binding("e", "edit", "Edit"),
        Binding("r", "reject", "Reject"),
        Binding("n", "next", "Next"),
        Binding("p", "previous", "Prev"),
        Binding("f", "next_finding", "Findings"),
        Binding("x", "fix", "Fix"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("q", "quit_review", "Quit"),
        Binding("escape", "save_edit", "Save edit", show=False),
        Binding("ctrl+s", "save_edit", "Save edit", show=False, priority=True),
    ]

    def __init__(self, session: ReviewSession, bidi: str = TERMINAL) -> None:
        super().__init__()
        self.session = session
        self.bidi = bidi
        self.position = 0
        self.editing = False
        self.last_search = ""
        self.last_message = ""

    # Layout ------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Static(id="segment-line")
                yield Static(id="source", classes="pane")
                yield Static(id="target-view", classes="pane")
                yield TextArea(id="target-edit", classes="pane", soft_wrap=True)
                yield Static(id="note")
            with VerticalScroll(id="right"):
                yield Static(id="tm", classes="side")
                yield Static(id="terms", classes="side")
                yield Static(id="qa", classes="side")
                yield Static(id="provenance", classes="side")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        who = f" · {session.reviewer}" if session.reviewer else ""
        stage = f" · {session.stage}" if session.stage else ""
        self.sub_title = f"{session.wf.name} · {session.lang}{who}{stage} · accept = {session.target}"
        self.query_one("#source").border_title = "Source (en)"
        self.query_one("#tm").border_title = "TM matches"
        self.query_one("#terms").border_title = "Glossary"
        self.query_one("#qa").border_title = "QA findings"
        self.query_one("#provenance").border_title = "Provenance"
        editor = self.query_one("#target-edit", TextArea)
        editor.display = False
        self.set_focus(None)
        if is_rtl(session.lang):
            self.query_one("#target-view").add_class("rtl")
        self.show_segment()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.call_after_refresh(self.show_segment)

    # Rendering ---------------------------------------------------------------------------------------

    @property
    def current_id(self) -> str | None:
        queue = self.session.queue
        return queue[self.position] if 0 <= self.position < len(queue) else None

    def show_segment(self) -> None:
        """Fill every pane for the current segment and refresh the status bar."""
        segment_id = self.current_id
        entry = self.session.entry(segment_id) if segment_id else None
        if entry is None:
            self._show_empty()
            return
        state = state_of(entry)
        self.query_one("#segment-line", Static).update(
            Text.assemble(
                (f"{self.position + 1}/{len(self.session.queue)}  ", "bold"),
                (segment_id, "cyan"),
                f"  {count_words(entry.msgid)} words  ",
                (str(state), f"bold {_STATE_STYLE.get(str(state), '')}"),
            )
        )
        self.query_one("#source", Static).update(self._source_text(entry.msgid))
        view = self.query_one("#target-view", Static)
        view.border_title = f"Translation ({self.session.lang}) — {state}"
        target = self._target_text(entry.msgstr)
        highlight_misspellings(target, self.session.findings_for(segment_id))  # the spelling check's words
        view.update(target)
        self.query_one("#note", Static).update(self._note(entry))
        self.query_one("#tm", Static).update(self._tm(entry))
        self.query_one("#terms", Static).update(self._terms(entry.msgid))
        self.query_one("#qa", Static).update(self._qa(segment_id))
        self.query_one("#provenance", Static).update(self._provenance(entry))
        self.update_status()

    def _show_empty(self) -> None:
        who = self.session.reviewer or "this language"
        message = f"Nothing awaits review for {who}."
        if self.session.reviewer and self.session.stage is None:
            message += f" {self.session.reviewer} is not a reviewer of {self.session.lang} in workflow.yaml."
        elif self.session.reviewer:
            message += " (Run 'hexaglot assign' to route new segments.)"
        self.query_one("#segment-line", Static).update(Text(message, style="bold"))
        self.update_status()

    def _source_text(self, source: str) -> Text:
        shown, offsets = compact_with_offsets(source)  # inline placeholders <1>..</1> shown as ⟨1..1⟩
        text = Text(shown)
        for hit in source_terms(self.session.glossary, source, self.session.lang):
            text.stylize("bold underline yellow", offsets[hit.start], offsets[hit.end])
        text.highlight_regex(COMPACT, "bold cyan")
        return text

    def _target_text(self, target: str) -> Text:
        if not target:
            return Text("(untranslated: press e to write a translation)", style="dim italic")
        width = self.query_one("#target-view").content_size.width or 60
        shown = display_block(compact(target), self.session.lang, self.bidi, width)
        text = Text(shown, justify="right" if is_rtl(self.session.lang) else "left")
        text.highlight_regex(COMPACT, "bold cyan")
        return text

    def _note(self, entry: Any) -> Text:
        text = Text()
        review = review_of(entry) or {}
        if review.get("action") == "rejected":
            text.append(f"Rejected by {review.get('by', '?')}: ", style="bold red")
            text.append(str(review.get("comment", "")))
        for merged in other_versions(entry):  # every version a merge or a concurrent save kept
            text.append(
                f"\nOther version ({merged.get('state', '?')}, {merged.get('by', '?')}): ", style="bold magenta"
            )
            text.append(display_text(str(merged.get("msgstr", "")), self.session.lang, self.bidi))
        if self.last_message:
            text.append(("\n" if text else "") + self.last_message, style="dim")
        return text

    def _side_width(self, widget_id: str, taken: int) -> int:
        """Cells left for text in a side pane after a first column of ``taken`` cells."""
        try:
            width = self.query_one(widget_id).content_size.width or 50
        except Exception:  # not mounted (rendering outside a running app)
            width = 50
        return max(width - taken, 12)

    def _shown(self, text: str, width: int) -> str:
        """Target-language text for a side pane: pre-wrapped and reordered in ``--bidi reorder`` mode."""
        return display_block(text, self.session.lang, self.bidi, width)

    def _tm(self, entry: Any) -> Any:
        matches = (get_meta(entry, "tm") or {}).get("matches") or []
        if not matches:
            return Text("no fuzzy matches", style="dim")
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", style="bold", width=4)
        table.add_column()
        width = self._side_width("#tm", 5)
        for match in matches[:5]:
            score = match.get("score")
            label = f"{float(score):.0f}%" if isinstance(score, int | float) else "?"
            table.add_row(label, word_diff(str(match.get("source", "")), entry.msgid))
            target = Text(self._shown(str(match.get("target", "")), width), style="green")
            table.add_row(Text(str(match.get("origin", ""))[:4], style="dim"), target)
        return table

    def _terms(self, source: str) -> Any:
        hits = source_terms(self.session.glossary, source, self.session.lang)
        if not hits:
            return Text("no glossary terms" if self.session.glossary is not None else "no glossary", style="dim")
        first = min(24, max(cell_len(hit.source) for hit in hits))
        table = Table.grid(padding=(0, 1))
        table.add_column(style="bold yellow", width=first)
        table.add_column()
        width = self._side_width("#terms", first + 1)
        seen = set()
        for hit in hits:
            if hit.source.casefold() in seen:
                continue
            seen.add(hit.source.casefold())
            cell = Text()
            if hit.dnt:
                cell.append("do not translate\n", style="italic")
            for number, term in enumerate(hit.targets):
                cell.append(self._shown(term, width) + "\n", style="bold" if number == 0 else "")
            for term in hit.forbidden:
                cell.append(self._shown(f"✗ {term}", width) + "\n", style="red strike")
            cell.rstrip()
            table.add_row(fit_cells(hit.source, first), cell)
        return table

    def _qa(self, segment_id: str) -> Text:
        found = self.session.findings_for(segment_id)
        if not found:
            return Text("none", style="dim")
        text = Text()
        for finding in found:
            style = {"error": "bold red", "warning": "yellow"}.get(finding.severity, "")
            text.append(f"{finding.severity} {finding.check}: ", style=style)
            text.append(finding.message)
            text.append(" (x fixes)\n" if finding.fix else "\n", style="bold green" if finding.fix else "")
        text.rstrip()
        return text

    def _provenance(self, entry: Any) -> Text:
        provenance = provenance_of(entry)
        if provenance is None:
            return Text("unknown", style="dim")
        parts = [f"{key}: {value}" for key, value in provenance.to_dict().items()]
        assign = get_meta(entry, "assign") or {}
        parts += [f"{stage}: {name}" for stage, name in assign.items()]
        return Text("\n".join(parts))

    def update_status(self) -> None:
        done, total, words_done, words_total = self.session.progress()
        who = self.session.reviewer or "all reviewers"
        status = f" {self.session.lang} · {who} · done {done}/{total} segments · {words_done:,}/{words_total:,} words"
        if self.editing:
            status += " · EDITING (Esc saves)"
        self.query_one("#status", Static).update(Text(fit_cells(status, max(self.size.width, 40))))

    # Navigation --------------------------------------------------------------------------------------

    def go(self, position: int | None) -> None:
        if position is None or not self.session.queue:
            return
        self.position = max(0, min(position, len(self.session.queue) - 1))
        self.last_message = ""
        self.session.refresh_if_changed()
        self.show_segment()

    def action_next(self) -> None:
        self.go(self.position + 1)

    def action_previous(self) -> None:
        self.go(self.position - 1)

    def action_next_finding(self) -> None:
        found = self.session.next_with_findings(self.position)
        if found is None:
            self.notify("No segment in the queue has findings.")
        self.go(found)

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if not query:
                return
            self.last_search = query
            found = self.session.search(query, self.position)
            if found is None:
                self.notify(f"Not found: {query}", severity="warning")
                return
            self.go(found)

        self.push_screen(PromptScreen("Search source and translation:", self.last_search), done)

    # Review actions (on disk before the next key) -------------------------------------------------------

    def _act(self, action: str, *args: Any) -> bool:
        segment_id = self.current_id
        if segment_id is None:
            return False
        try:
            result = getattr(self.session, action)(segment_id, *args)
        except StaleSegmentError as error:
            self.show_segment()
            self.notify(str(error), severity="warning", timeout=8)
            return False
        except HexaglotError as error:
            self.notify(str(error), severity="error")
            return False
        self.last_message = f"{result.action}: {result.state_before} → {result.state_after} (saved)"
        return True

    def action_accept(self) -> None:
        if self.editing:
            return
        if self._act("accept"):
            self._advance()

    def action_fix(self) -> None:
        """Apply the automatic fixes to the translation on screen and save it as an edit."""
        if self.editing or self.current_id is None:
            return
        if self.session.fixed_text(self.current_id) is None:
            self.notify("No automatic fix for this translation.")
            return
        if self._act("fix"):
            self.show_segment()

    def action_reject(self) -> None:
        if self.editing or self.current_id is None:
            return

        def done(comment: str | None) -> None:
            if comment is None:
                return
            if not comment.strip():
                self.notify("A rejection needs a comment.", severity="warning")
                return
            if self._act("reject", comment.strip()):
                self._advance()

        self.push_screen(PromptScreen("Reject: why?", placeholder="comment for the translator"), done)

    def action_edit(self) -> None:
        entry = self.session.entry(self.current_id) if self.current_id else None
        if entry is None or self.editing:
            return
        self.editing = True
        editor = self.query_one("#target-edit", TextArea)
        editor.load_text(entry.msgstr)
        editor.move_cursor(editor.document.end)
        editor.border_title = f"Editing ({self.session.lang}) — Esc saves"
        self.query_one("#target-view").display = False
        editor.display = True
        self.set_focus(editor)  # at once, not scheduled: the very next key must reach the editor
        self.update_status()

    def action_save_edit(self) -> None:
        if not self.editing:
            return
        editor = self.query_one("#target-edit", TextArea)
        entry = self.session.entry(self.current_id) if self.current_id else None
        text = editor.text.strip("\n")
        if entry is not None and text != entry.msgstr:
            if not text.strip():
                self.notify("An empty translation cannot be saved (Ctrl+Z undoes).", severity="warning")
                return
            if not self._act("edit", text):
                return
        self.editing = False
        editor.display = False
        self.query_one("#target-view").display = True
        self.set_focus(None)
        self.show_segment()

    def _advance(self) -> None:
        message = self.last_message
        if self.position < len(self.session.queue) - 1:
            self.go(self.position + 1)
        else:
            self.show_segment()
        self.last_message = message
        self.query_one("#note", Static).update(self._note(self.session.entry(self.current_id or "")))

    def action_quit_review(self) -> None:
        if self.editing:
            return
        # Approved segments into the workflow memory. Optional: the approvals are in the catalog regardless, and
        # ``hexaglot review`` retries (and reports a failure) after the screen is gone.
        with contextlib.suppress(Exception):
            self.session.flush_memory()
        self.exit()


_STATE_STYLE = {
    "untranslated": "red",
    "draft": "yellow",
    "translated": "cyan",
    "approved": "green",
    "rejected": "magenta",
}
