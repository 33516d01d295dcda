"""``hexaglot review``: a full-screen terminal app to review one language's drafts.

Keys (browsing): ``a`` accept, ``e`` edit, ``r`` reject with a comment, ``n``/``p`` next/previous, ``f`` next
segment with findings, ``x`` apply the QA checks' automatic fixes (French no-break spaces, Arabic digit
groups), ``/`` search, ``g`` go to a segment (number or id), ``l`` queue filter, ``1``-``3`` take a
TM match into the editor, ``c`` copy the source into the editor, ``t`` insert a glossary term, ``k`` concordance,
``i`` propagate to identical segments, ``?`` all keys, ``q`` quit. While editing: ``Ctrl+S`` saves, ``Esc``
cancels, ``Ctrl+T`` inserts a glossary term, ``Ctrl+O`` copies the source, ``Ctrl+G`` looks the selection up in
the memory; ``Enter`` adds a line break only where the source has one. Every accept, edit and reject is written to
disk (locked, atomic, journaled) before the next key is read; a save that fails keeps the editor open with the
text (:class:`translate.review.store.SaveError`). See :mod:`translate.review.session` for the queue and the stage
rules.
"""

from __future__ import annotations

import contextlib
import difflib
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input, Label, Static, TextArea

from translate.bidi import REORDER, TERMINAL, display_block, display_text, fit_cells, is_rtl
from translate.catalog import count_words, get_meta, provenance_of, review_of, state_of
from translate.errors import HexaglotError
from translate.formats.inline import COMPACT, compact, compact_with_offsets
from translate.merge import other_versions
from translate.qa.spelling import highlight_misspellings
from translate.review.findings import source_terms
from translate.review.session import FILTERS, ReviewSession
from translate.review.store import JournalError, SaveError, StaleSegmentError, override_of
from translate.review.visual_area import VisualTextArea

NARROW = 40
"""Side panes narrower than this many cells stack a term's English over its translation."""


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

    def __init__(self, question: str, value: str = "", placeholder: str = "", details: Text | str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.details = details

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(self.question)
            if self.details:
                yield Static(self.details, id="prompt-details")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SegmentEditor(VisualTextArea):
    """The translation editor: ``Enter`` inserts a line break only when the source has one; in ``--bidi reorder``
    mode right-to-left text is drawn in the display's visual order."""

    allow_newlines = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.allow_newlines:
            event.stop()
            event.prevent_default()
            self.app.notify("The source is one line: no line break (Ctrl+S saves).", timeout=3)
            return
        await super()._on_key(event)


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
        Binding("f", "next_finding", "Findings", show=False),
        Binding("slash", "search", "Search", key_display="/", show=False),
        Binding("x", "fix", "Fix", show=False),
        Binding("g", "goto", "Go to", show=False),
        Binding("l", "queue_filter", "Queue"),
        Binding("1", "tm_match(0)", "TM 1", show=False),
        Binding("2", "tm_match(1)", "TM 2", show=False),
        Binding("3", "tm_match(2)", "TM 3", show=False),
        Binding("c", "copy_source", "Copy source", show=False),
        Binding("t", "insert_term", "Term", show=False),
        Binding("k", "concordance", "Concordance", show=False),
        Binding("i", "propagate", "Propagate", show=False),
        Binding("question_mark", "keys", "Keys", key_display="?"),
        Binding("q", "quit_review", "Quit"),
        Binding("escape", "cancel_edit", "Cancel edit", show=False),
        Binding("ctrl+s", "save_edit", "Save edit", show=False, priority=True),
        Binding("ctrl+t", "insert_term", "Term", show=False, priority=True),
        Binding("ctrl+o", "copy_source", "Copy source", show=False, priority=True),
        Binding("ctrl+g", "concordance", "Concordance", show=False, priority=True),
    ]
    KEYS_HELP = (
        "a accept · e edit · r reject · n/p next/previous · f next with findings · / search · g go to segment\n"
        "l queue filter · 1-3 take TM match · c copy source · t insert term · k concordance · i propagate · q quit\n"
        "Editing: Ctrl+S save · Esc cancel · Ctrl+T term · Ctrl+O copy source · Ctrl+G concordance of selection"
    )

    def __init__(self, session: ReviewSession, bidi: str = TERMINAL) -> None:
        super().__init__()
        self.session = session
        self.bidi = bidi
        self.position = session.queue.index(session.start_id) if session.start_id in session.queue else 0
        self.editing = False
        self.last_search = ""
        self.last_message = ""
        self.save_failure = ""
        """The last save that failed, shown until a save succeeds."""
        self.unsaved: tuple[str, str] | None = None
        """(segment, text) typed but not saved when the app closed: ``hexaglot review`` prints it."""
        self.concordance_text: Text | None = None

    # Layout ------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Static(id="segment-line")
                yield Static(id="context-before", classes="context")
                yield Static(id="source", classes="pane")
                yield Static(id="target-view", classes="pane")
                yield SegmentEditor(id="target-edit", classes="pane", soft_wrap=True)
                yield Static(id="context-after", classes="context")
                yield Static(id="note")
            with VerticalScroll(id="right"):
                yield Static(id="terms", classes="side")
                yield Static(id="tm", classes="side")
                yield Static(id="qa", classes="side")
                yield Static(id="provenance", classes="side")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        self.title = f"{session.wf.name} · {session.lang}"
        stage = session.stage or "no stage"
        self.sub_title = f"{session.reviewer or 'read-only'} · {stage} · a = {session.target}"
        self.query_one("#source").border_title = "Source (en)"
        self.query_one("#tm").border_title = "TM matches"
        self.query_one("#terms").border_title = "Glossary"
        self.query_one("#qa").border_title = "QA findings"
        self.query_one("#provenance").border_title = "Provenance"
        self.query_one("#target-edit", TextArea).display = False
        self.set_focus(None)
        if is_rtl(session.lang):
            self.query_one("#target-view").add_class("rtl")
        self.show_segment()
        self.call_after_refresh(self.show_segment)  # again once the panes have their real widths

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
                (f"{self.position + 1}/{len(self.session.queue)} ", "bold"),
                (segment_id, "cyan"),
                f" {count_words(entry.msgid)}w ",
                (str(state), f"bold {_STATE_STYLE.get(str(state), '')}"),
                (f" [{self.session.queue_filter}]", "dim"),
            )
        )
        before, after = self.session.neighbours(segment_id)
        self.query_one("#context-before", Static).update(self._neighbour_line("▲", before))
        self.query_one("#context-after", Static).update(self._neighbour_line("▼", after))
        self.query_one("#source", Static).update(self._source_pane(entry))
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
        message = f"Nothing in the '{self.session.queue_filter}' queue for {who}."
        if self.session.queue_filter == "awaiting" and self.session.reviewer:
            message += " (l: another filter; 'hexaglot assign' routes new segments.)"
        self.query_one("#segment-line", Static).update(Text(message, style="bold"))
        self.update_status()

    def _width(self, widget_id: str, default: int = 60) -> int:
        try:
            return self.query_one(widget_id).content_size.width or default
        except Exception:  # not mounted (rendering outside a running app)
            return default

    def _neighbour_line(self, arrow: str, entry: Any) -> Text:
        """The segment before or after in the document: its translation (or English), one line."""
        if entry is None:
            return Text("")
        if entry.msgstr:
            shown = display_text(" ".join(compact(entry.msgstr).split()), self.session.lang, self.bidi)
        else:
            shown = " ".join(compact(entry.msgid).split())
        width = max(self._width("#left") - 2, 10)
        return Text(fit_cells(f"{arrow} {shown}", width), style="dim")

    def _source_pane(self, entry: Any) -> Text:
        text = self._source_text(entry.msgid)
        if entry.previous_msgid and entry.previous_msgid != entry.msgid:
            text.append("\nPrevious English: ", style="bold magenta")
            text.append_text(word_diff(entry.previous_msgid, entry.msgid))
        return text

    def _source_text(self, source: str) -> Text:
        shown, offsets = compact_with_offsets(source)  # inline placeholders <1>..</1> shown as ⟨1..1⟩
        text = Text(shown)
        for hit in source_terms(self.session.glossary, source, self.session.lang):
            text.stylize("bold underline yellow", offsets[hit.start], offsets[hit.end])
        text.highlight_regex(COMPACT, "bold cyan")
        return text

    def _target_text(self, target: str, width: int | None = None) -> Text:
        if not target:
            return Text("(untranslated: press e to write a translation)", style="dim italic")
        width = width or self._width("#target-view")
        shown = display_block(compact(target), self.session.lang, self.bidi, width)
        text = Text(shown, justify="right" if is_rtl(self.session.lang) else "left")
        text.highlight_regex(COMPACT, "bold cyan")
        return text

    def _note(self, entry: Any) -> Text:
        parts: list[Text] = []
        if self.save_failure:
            parts.append(Text(f"NOT SAVED: {self.save_failure}", style="bold white on red"))
        review = (review_of(entry) or {}) if entry is not None else {}
        if review.get("action") == "rejected":
            parts.append(
                Text.assemble((f"Rejected by {review.get('by', '?')}: ", "bold red"), str(review.get("comment", "")))
            )
        override = override_of(entry) if entry is not None else None
        if override:
            parts.append(
                Text.assemble(
                    (f"Errors accepted by {override.get('by', '?')}: ", "bold yellow"), str(override.get("reason", ""))
                )
            )
        for merged in other_versions(entry) if entry is not None else []:  # every version a merge or save kept
            other = display_text(str(merged.get("msgstr", "")), self.session.lang, self.bidi)
            label = f"Other version ({merged.get('state', '?')}, {merged.get('by', '?')}): "
            parts.append(Text.assemble((label, "bold magenta"), other))
        if self.concordance_text is not None:
            parts.append(self.concordance_text)
        if self.last_message:
            parts.append(Text(self.last_message, style="dim"))
        return Text("\n").join(parts)

    def _side_width(self, widget_id: str, taken: int) -> int:
        """Cells left for text in a side pane after a first column of ``taken`` cells."""
        return max(self._width(widget_id, 50) - taken, 12)

    def _shown(self, text: str, width: int) -> str:
        """Target-language text for a side pane: pre-wrapped and reordered in ``--bidi reorder`` mode."""
        return display_block(text, self.session.lang, self.bidi, width)

    def _tm(self, entry: Any) -> Any:
        matches = (get_meta(entry, "tm") or {}).get("matches") or []
        if not matches:
            return Text("no fuzzy matches", style="dim")
        text = Text()
        width = self._side_width("#tm", 0)
        for number, match in enumerate(matches[:3], start=1):
            score = match.get("score")
            label = f"{float(score):.0f}%" if isinstance(score, int | float) else "?"
            text.append(f"{number} {label} ", style="bold")
            text.append(str(match.get("origin", "")), style="dim")  # the whole file name: no cut
            text.append("\n")
            text.append_text(word_diff(str(match.get("source", "")), entry.msgid))
            text.append("\n")
            text.append(self._shown(str(match.get("target", "")), width) + "\n", style="green")
        text.rstrip()
        return text

    def _terms(self, source: str) -> Any:
        hits = source_terms(self.session.glossary, source, self.session.lang)
        if not hits:
            return Text("no glossary terms" if self.session.glossary is not None else "no glossary", style="dim")
        pane = self._width("#terms", 50)
        unique = []
        seen = set()
        for hit in hits:
            if hit.source.casefold() not in seen:
                seen.add(hit.source.casefold())
                unique.append(hit)
        if pane < NARROW:
            return self._terms_stacked(unique, pane)
        first = min(24, max(cell_len(hit.source) for hit in unique))
        table = Table.grid(padding=(0, 1))
        table.add_column(style="bold yellow", width=first)
        table.add_column()
        width = self._side_width("#terms", first + 1)
        for hit in unique:
            table.add_row(fit_cells(hit.source, first), self._term_cell(hit, width))
        return table

    def _term_cell(self, hit: Any, width: int) -> Text:
        lines: list[Text] = []
        if hit.dnt:
            lines.append(Text("do not translate", style="italic"))
        for number, term in enumerate(hit.targets):
            lines.append(Text(self._shown(term, width), style="bold" if number == 0 else ""))
        for term in hit.forbidden:
            lines.append(Text(self._shown(f"✗ {term}", width), style="red strike"))
        return Text("\n").join(lines)

    def _terms_stacked(self, hits: list[Any], pane: int) -> Text:
        """A narrow pane: each English term on its own line, its translations indented below, nothing cut."""
        lines: list[Text] = []
        for hit in hits:
            lines.append(Text(hit.source, style="bold yellow"))
            for line in self._term_cell(hit, max(pane - 2, 8)).split():
                lines.append(Text("  ") + line)
        return Text("\n").join(lines)

    def _qa(self, segment_id: str) -> Text:
        found = self.session.findings_for(segment_id)
        if not found:
            return Text("none", style="dim")
        lines = []
        for finding in found:
            style = {"error": "bold red", "warning": "yellow"}.get(finding.severity, "")
            fix = Text(" (x fixes)", style="bold green") if finding.fix else Text("")
            lines.append(Text.assemble((f"{finding.severity} {finding.check}: ", style), finding.message, fix))
        return Text("\n").join(lines)

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
            status += " · EDITING (Ctrl+S saves, Esc cancels)"
        self.query_one("#status", Static).update(Text(fit_cells(status, max(self.size.width, 40))))

    # Navigation --------------------------------------------------------------------------------------

    def go(self, position: int | None) -> None:
        if position is None or not self.session.queue or self.editing:
            return
        self.position = max(0, min(position, len(self.session.queue) - 1))
        self.last_message = ""
        self.concordance_text = None
        self.session.refresh_if_changed()
        self.session.save_view(self.current_id)
        self.show_segment()

    def action_next(self) -> None:
        self.go(self.position + 1)

    def action_previous(self) -> None:
        self.go(self.position - 1)

    def action_next_finding(self) -> None:
        if self.editing:
            return
        found = self.session.next_with_findings(self.position)
        if found is None:
            self.notify("No segment in the queue has findings.")
        self.go(found)

    def action_search(self) -> None:
        if self.editing:
            return

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

    def action_goto(self) -> None:
        if self.editing:
            return

        def done(wanted: str | None) -> None:
            if not wanted or not wanted.strip():
                return
            found = self.session.locate(wanted)
            if found is None:
                self.notify(f"No segment {wanted.strip()} in your queue.", severity="warning")
                return
            self.go(found)

        self.push_screen(PromptScreen(f"Go to segment: number (1-{len(self.session.queue)}) or id"), done)

    def action_queue_filter(self) -> None:
        if self.editing:
            return

        def done(choice: str | None) -> None:
            if not choice or not choice.strip():
                return
            wanted = choice.strip().lower()
            matches = [name for name in FILTERS if name.startswith(wanted)]
            if len(matches) != 1:
                self.notify(f"Queue filter: one of {', '.join(FILTERS)}", severity="warning")
                return
            keep = self.current_id
            self.session.set_filter(matches[0])
            self.position = self.session.queue.index(keep) if keep in self.session.queue else 0
            self.session.save_view(self.current_id)
            self.show_segment()

        question = f"Queue filter (now {self.session.queue_filter}):"
        self.push_screen(PromptScreen(question, placeholder=" / ".join(FILTERS)), done)

    def action_keys(self) -> None:
        self.notify(self.KEYS_HELP, title="Keys", timeout=15)

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
        except JournalError as error:
            self.notify(str(error), severity="error", timeout=20)
            result = error.result
        except SaveError as error:
            self.save_failure = str(error)
            self.notify(f"{error}. Your text is still in the editor.", severity="error", timeout=20)
            self.query_one("#note", Static).update(self._note(self.session.entry(segment_id)))
            return False
        except HexaglotError as error:  # the stage rules, an override needed, an empty text
            self.notify(str(error), severity="error", timeout=8)
            return False
        self.save_failure = ""
        self.last_message = f"{result.action}: {result.state_before} → {result.state_after} (saved)"
        return True

    def action_accept(self) -> None:
        if self.editing or self.current_id is None:
            return
        errors = self.session.errors_for(self.current_id)
        if not errors:
            if self._act("accept"):
                self._advance()
            return

        def done(reason: str | None) -> None:
            if reason is None:
                return
            if not reason.strip():
                self.notify("Not accepted: an override needs a reason.", severity="warning")
                return
            if self._act("accept", None, reason.strip()):
                self._advance()

        details = Text("\n".join(f"error {line}" for line in errors), style="bold red")
        question = f"{len(errors)} error(s). Accept anyway? Give the reason (Esc: don't accept):"
        self.push_screen(
            PromptScreen(question, placeholder="why these errors are right (journaled)", details=details), done
        )

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

    def action_propagate(self) -> None:
        if self.editing or self.current_id is None:
            return
        try:
            changed = self.session.propagate(self.current_id)
        except SaveError as error:
            self.notify(str(error), severity="error", timeout=20)
            return
        except HexaglotError as error:
            self.notify(str(error), severity="warning")
            return
        others = len(self.session.identical(self.current_id))
        self.last_message = f"propagated to {len(changed)} of {others} identical segment(s) (saved)"
        self.show_segment()

    # Editing ---------------------------------------------------------------------------------------------

    def _open_editor(self, text: str) -> None:
        entry = self.session.entry(self.current_id) if self.current_id else None
        if entry is None:
            return
        self.editing = True
        editor = self.query_one("#target-edit", SegmentEditor)
        editor.allow_newlines = "\n" in entry.msgid.strip("\n")
        editor.load_text(text)
        editor.move_cursor(editor.document.end)
        editor.border_title = f"Editing ({self.session.lang}) — Ctrl+S saves, Esc cancels"
        editor.set_visual(self.bidi == REORDER and is_rtl(self.session.lang))
        self.query_one("#target-view").display = False
        editor.display = True
        self.set_focus(editor)  # at once, not scheduled: the very next key must reach the editor
        self.update_status()

    def action_edit(self) -> None:
        entry = self.session.entry(self.current_id) if self.current_id else None
        if entry is None or self.editing:
            return
        self._open_editor(entry.msgstr)

    def action_tm_match(self, number: int) -> None:
        entry = self.session.entry(self.current_id) if self.current_id else None
        if entry is None or self.editing:
            return
        matches = (get_meta(entry, "tm") or {}).get("matches") or []
        if number >= len(matches) or not str(matches[number].get("target", "")):
            self.notify(f"No TM match {number + 1}.", severity="warning")
            return
        self._open_editor(str(matches[number]["target"]))
        self.notify(f"TM match {number + 1} in the editor: Ctrl+S saves, Esc cancels.")

    def action_copy_source(self) -> None:
        entry = self.session.entry(self.current_id) if self.current_id else None
        if entry is None:
            return
        if not self.editing:
            self._open_editor(entry.msgid)
            return
        editor = self.query_one("#target-edit", SegmentEditor)
        editor.load_text(entry.msgid)
        editor.move_cursor(editor.document.end)

    def action_insert_term(self) -> None:
        entry = self.session.entry(self.current_id) if self.current_id else None
        if entry is None:
            return
        terms: list[str] = []
        for hit in source_terms(self.session.glossary, entry.msgid, self.session.lang):
            for term in hit.targets or ((hit.source,) if hit.dnt else ()):
                if term not in terms:
                    terms.append(term)
        if not terms:
            self.notify("No glossary term in this segment.", severity="warning")
            return
        if not self.editing:
            self._open_editor(entry.msgstr)
        listing = "\n".join(f"{number} {term}" for number, term in enumerate(terms, start=1))

        def done(choice: str | None) -> None:
            editor = self.query_one("#target-edit", SegmentEditor)
            self.set_focus(editor)
            if not choice or not choice.strip().isdigit() or not 1 <= int(choice) <= len(terms):
                return
            editor.insert(terms[int(choice) - 1])

        self.push_screen(PromptScreen("Insert which term? (number)", details=listing), done)

    def action_concordance(self) -> None:
        if self.current_id is None:
            return
        selected = self.query_one("#target-edit", SegmentEditor).selected_text if self.editing else ""

        def done(phrase: str | None) -> None:
            if self.editing:
                self.set_focus(self.query_one("#target-edit", SegmentEditor))
            if not phrase or not phrase.strip():
                return
            from translate.review.concordance import concordance

            found = concordance(self.session.wf, phrase.strip(), self.session.lang)
            lines = [Text(f"Concordance “{phrase.strip()}”: {len(found)} in the memory", style="bold")]
            for item in found[:5]:
                lines.append(Text(item.source))
                lines.append(Text(display_text(item.target, self.session.lang, self.bidi), style="green"))
                lines.append(Text(item.origin, style="dim"))
            self.concordance_text = Text("\n").join(lines)
            self.query_one("#note", Static).update(self._note(self.session.entry(self.current_id or "")))

        self.push_screen(PromptScreen("Concordance: English phrase to look up in the memory", selected), done)

    def _close_editor(self) -> None:
        self.editing = False
        self.query_one("#target-edit", SegmentEditor).display = False
        self.query_one("#target-view").display = True
        self.set_focus(None)
        self.show_segment()

    def action_cancel_edit(self) -> None:
        if not self.editing:
            return
        self.save_failure = ""
        self._close_editor()
        self.notify("Edit cancelled: nothing saved.", timeout=3)

    def _pending_text(self) -> str | None:
        """The editor's text if it differs from the saved translation."""
        if not self.editing:
            return None
        entry = self.session.entry(self.current_id) if self.current_id else None
        text = self.query_one("#target-edit", SegmentEditor).text.strip("\n")
        return text if entry is not None and text != entry.msgstr else None

    def action_save_edit(self) -> None:
        if not self.editing:
            return
        text = self._pending_text()
        if text is not None:
            if not text.strip():
                self.notify("An empty translation cannot be saved (Ctrl+Z undoes).", severity="warning")
                return
            if not self._act("edit", text):
                return
        self._close_editor()

    def _advance(self) -> None:
        message = self.last_message
        if self.position < len(self.session.queue) - 1:
            self.go(self.position + 1)
        else:
            self.show_segment()
        self.last_message = message
        self.query_one("#note", Static).update(self._note(self.session.entry(self.current_id or "")))

    def action_quit(self) -> None:
        """Ctrl+Q: quit even while editing; text that could not be saved is handed to ``hexaglot review``."""
        text = self._pending_text()
        if text is not None and text.strip() and self._act("edit", text):
            text = None
        if text is not None and self.current_id is not None:
            self.unsaved = (self.current_id, text)
        self._finish()

    def action_quit_review(self) -> None:
        if self.editing:
            return
        self._finish()

    def _finish(self) -> None:
        self.session.save_view(self.current_id)
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
