"""The editing a translator expects (issue 14 items 4 and 5), driven by Textual's Pilot: context segments, TM
matches on 1-3, copy source, glossary terms, concordance, Esc cancels and Ctrl+S saves, Enter and line breaks,
the previous English of a re-imported segment, propagation, numbers and codes copied; and the 80 x 24 layout.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from review_support import make_job, run_app, segments, wait_prompt

from translate.catalog import Catalog, Provenance, SegmentState, set_draft, state_of
from translate.draft import copy_invariants, invariant_draft, is_invariant
from translate.lang import get_language
from translate.qa.base import CheckContext, Segment, run_checks
from translate.review.app import ReviewApp
from translate.review.session import ReviewSession


def synced(wf, lang: str = "fr") -> Catalog:
    from translate.store import sync_language

    sync_language(wf, lang)
    return Catalog.load(wf.catalog_path(lang))


def journal(wf) -> list[dict]:
    path = wf.journal_path("fr")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def screen_text(app: ReviewApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settled(app: ReviewApp, pilot, wanted: str) -> str:
    """The screen once ``wanted`` is on it (layout may take a few refreshes on a loaded machine)."""
    for _ in range(100):
        screen = screen_text(app)
        if wanted in screen:
            await pilot.pause()
            return screen_text(app)
        await pilot.pause(0.05)
    return screen_text(app)


def lead(wf, lang: str = "fr", **kwargs) -> ReviewSession:
    return ReviewSession(wf, lang, reviewer="claire", everything=True, queue_filter="all", **kwargs)


def test_previous_and_next_segments_are_shown(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    app = ReviewApp(lead(wf))

    async def script(app, pilot) -> None:
        await pilot.press("n")
        await pilot.pause()
        before = str(app.query_one("#context-before").render())
        after = str(app.query_one("#context-after").render())
        assert before.startswith("▲ En 2020, 141 pays")  # the translation of segment 1
        assert after.startswith("▼ La pandémie de COVID-19")

    run_app(app, script)


def test_tm_match_key_copy_source_escape_cancels_and_ctrl_s_saves(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    session = lead(wf)
    tm_segment = segments()[1][0]
    match = session.entry(tm_segment)
    app = ReviewApp(session)

    async def script(app, pilot) -> None:
        await pilot.press("n", "c")  # the source into the editor ...
        assert app.editing and app.query_one("#target-edit").text == match.msgid
        await pilot.press("escape")  # ... and Esc cancels: nothing saved
        await pilot.pause()
        assert not app.editing and journal(wf) == []
        await pilot.press("1")  # TM match 1 into the editor
        assert app.editing
        await pilot.press("end", *" (TM)", "ctrl+s")
        await pilot.pause()
        assert not app.editing

    run_app(app, script)
    entry = synced(wf).entry(tm_segment)
    assert entry.msgstr == "Les femmes et les filles représentaient 60 % des victimes détectées. (TM)"
    assert state_of(entry) == SegmentState.TRANSLATED
    assert [r["action"] for r in journal(wf)] == ["edit"]


def test_ctrl_t_inserts_a_glossary_term_at_the_cursor(tmp_path: Path) -> None:
    wf = make_job(tmp_path, glossary=True)
    segment = next(seg for seg, source, _ in segments() if source.startswith("Trafficking for forced labour"))
    session = lead(wf)
    app = ReviewApp(session)

    async def script(app, pilot) -> None:
        app.go(session.queue.index(segment))
        await pilot.press("e", "f7", *"La traite à des fins de ")
        await pilot.press("ctrl+t")
        await wait_prompt(pilot)
        assert "1 travail forcé" in str(app.screen.query_one("#prompt-details").render())
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press(*" a augmenté.", "ctrl+s")
        await pilot.pause()

    run_app(app, script)
    assert synced(wf).entry(segment).msgstr == "La traite à des fins de travail forcé a augmenté."


def test_concordance_finds_the_phrase_in_the_memory(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    (wf.root / "memories" / "glotip-2022.tmx").write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="test" creationtoolversion="1" o-tmf="test"/><body>
<tu tuid="41"><tuv xml:lang="en"><seg>Victims of trafficking in persons were detected in 141 countries.</seg></tuv>
<tuv xml:lang="fr"><seg>Des victimes de la traite des personnes ont été détectées dans 141 pays.</seg></tuv></tu>
<tu tuid="42"><tuv xml:lang="en"><seg>Persons in trafficking hubs.</seg></tuv>
<tuv xml:lang="fr"><seg>Personnes dans les plaques tournantes.</seg></tuv></tu>
</body></tmx>
""",
        encoding="utf-8",
    )
    app = ReviewApp(lead(wf))

    async def script(app, pilot) -> None:
        await pilot.press("k")
        await wait_prompt(pilot)
        await pilot.press(*"Trafficking in PERSONS", "enter")
        await pilot.pause()
        note = str(app.query_one("#note").render())
        assert "Concordance “Trafficking in PERSONS”: 1 in the memory" in note
        assert "traite des personnes ont été détectées" in note and "glotip-2022.tmx#41" in note
        assert "plaques tournantes" not in note  # the words, but not the phrase

    run_app(app, script)


def test_enter_adds_a_line_break_only_where_the_source_has_one(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    catalog = synced(wf)
    two_lines = catalog.entry(segments()[3][0])
    two_lines.msgid = "Trafficking for forced labour\nincreased in most regions."
    catalog.save()
    session = lead(wf)
    app = ReviewApp(session)

    async def script(app, pilot) -> None:
        await pilot.press("e", "f7", *"Une ligne", "enter", *" seule.", "ctrl+s")
        await pilot.pause()
        app.go(session.queue.index(two_lines.msgctxt))
        await pilot.press("e", "f7", *"La traite à des fins de travail forcé", "enter", *"a augmenté.", "ctrl+s")
        await pilot.pause()

    run_app(app, script)
    assert synced(wf).entry(segments()[0][0]).msgstr == "Une ligne seule."
    assert synced(wf).entry(two_lines.msgctxt).msgstr == "La traite à des fins de travail forcé\na augmenté."


def test_newlines_check_flags_a_mismatch() -> None:
    def found(source: str, target: str) -> list[str]:
        segment = Segment(source=source, target=target, lang="fr")
        return [f.message for _, f in run_checks([segment], CheckContext()) if f.check == "newlines"]

    assert found("Vienna\nAustria", "Vienne Autriche") == ["0 line break(s) in the translation, 1 in the source"]
    assert found("Trafficking increased.", "La traite\na augmenté.") == [
        "1 line break(s) in the translation, 0 in the source"
    ]
    assert found("Vienna\nAustria", "Vienne\nAutriche") == []


def test_a_reimported_changed_segment_shows_the_previous_english_with_a_diff(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    catalog = synced(wf)
    entry = catalog.entry(segments()[0][0])
    entry.previous_msgid = (
        "In 2018, 148 countries detected and reported about 50,000 victims of trafficking in persons."
    )
    catalog.save()
    app = ReviewApp(lead(wf))

    async def script(app, pilot) -> None:
        text = app._source_pane(app.session.entry(segments()[0][0]))
        assert "Previous English: " in text.plain
        struck = {text.plain[s.start : s.end] for s in text.spans if "strike" in str(s.style)}
        added = {text.plain[s.start : s.end] for s in text.spans if "underline green" in str(s.style)}
        assert "2018, 148" in struck and "2020, 141" in added

    run_app(app, script)


def test_propagate_copies_a_translation_to_identical_segments_each_journaled(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    catalog = synced(wf)
    first, twin = catalog.entry(segments()[0][0]), catalog.entry(segments()[5][0])
    twin.msgid = first.msgid  # the same English twice in the report
    catalog.save()
    session = lead(wf)
    session.edit(first.msgctxt, "En 2020, 141 pays ont signalé quelque 49 000 victimes de la traite des personnes.")
    app = ReviewApp(session)

    async def script(app, pilot) -> None:
        await pilot.press("i")
        await pilot.pause()
        assert "propagated to 1 of 1 identical segment(s)" in str(app.query_one("#note").render())

    run_app(app, script)
    entry = synced(wf).entry(twin.msgctxt)
    assert entry.msgstr.startswith("En 2020, 141 pays ont signalé quelque")
    assert state_of(entry) == SegmentState.TRANSLATED
    record = journal(wf)[-1]
    assert (record["action"], record["segment"], record["copied_from"]) == ("propagate", twin.msgctxt, first.msgctxt)
    assert session.propagate(first.msgctxt) == []  # nothing left to change: no new journal line
    assert len(journal(wf)) == 2


def test_numbers_and_codes_are_copied_from_the_source_as_drafts(tmp_path: Path) -> None:
    for text in ("106", "5.2", "E/2013/30", "A/RES/70/1", "E/CN.15/2020/1", "2019-2020", "(12)"):
        assert is_invariant(text), text
    for text in ("Table 5", "UNODC", "In 2020.", "E/"):
        assert not is_invariant(text), text
    wf = make_job(tmp_path)
    catalog = synced(wf)
    for n, source in enumerate(("106", "E/2013/30", "Figure 5", "9,742")):
        catalog.po.append(polib.POEntry(msgctxt=f"annex:{n}", msgid=source, msgstr=""))
    set_draft(catalog.entry(segments()[0][0]), "x", Provenance(origin="mt"))
    assert copy_invariants(catalog) == 3
    assert [(e.msgstr, state_of(e).value) for e in catalog if e.msgctxt.startswith("annex:")] == [
        ("106", "draft"),
        ("E/2013/30", "draft"),
        ("", "untranslated"),
        (get_language("fr").localize_number("9,742"), "draft"),  # French digit groups, not the English 9,742
    ]


@pytest.mark.parametrize("lang", ["ar", "zh", "fr", "ru", "es"])
def test_copied_numbers_are_written_as_the_language_writes_them(lang: str) -> None:
    """A copied '9,742' is 9 742 in French, 9.742 in Spanish: the numbers check (an error otherwise) accepts
    every copy, and symbols and section numbers stay as they are."""
    language = get_language(lang)
    for source in ("9,742", "17,904", "1,250.5", "106", "12.5%", "E/2013/30", "2019-2020"):
        draft = invariant_draft(source, lang)
        if source in ("9,742", "17,904", "1,250.5"):
            assert draft == language.localize_number(source)
        if source in ("E/2013/30", "106", "2019-2020"):
            assert draft == source
        segment = Segment(id="annex:1", source=source, target=draft, lang=lang)
        errors = [f for _, f in run_checks([segment], CheckContext()) if f.severity == "error"]
        assert errors == [], (source, draft, errors)
    assert invariant_draft("9,742", "fr") != "9,742" and invariant_draft("9,742", "es") == "9.742"


# 5. A real terminal's size --------------------------------------------------------------------------------


def test_at_80_by_24_nothing_essential_is_cut(tmp_path: Path) -> None:
    wf = make_job(tmp_path, langs=("fr", "zh"), glossary=True)
    catalog = synced(wf)
    entry = catalog.entry(segments()[1][0])
    from translate.catalog import get_meta, set_meta

    meta = get_meta(entry, "tm")
    meta["matches"][0]["origin"] = "glotip-2022.tmx#17"
    set_meta(entry, "tm", meta)
    catalog.save()
    french = ReviewApp(lead(wf))

    async def script(app, pilot) -> None:
        screen = await settled(app, pilot, "✗ trafic de personnes")
        assert "glotip-test · fr — claire · revision · a = approved" in screen  # the header, whole
        for term in ("trafficking in persons", "traite des personnes", "traite des êtres humains"):
            assert term in screen, term
        assert "✗ trafic de personnes" in screen
        assert "a Accept" in screen and "q Quit" in screen and "done 0/8 segments" in screen
        await pilot.press("n")
        screen = await settled(app, pilot, "glotip-2022.tmx#17")
        assert "1 85% glotip-2022.tmx#17" in screen  # the TM origin, not cut to 4 letters
        assert all(len(line) <= 80 for line in screen_text(app).splitlines())

    run_app(french, script, size=(80, 24))
    chinese = ReviewApp(lead(wf, "zh"))

    async def zh_script(app, pilot) -> None:
        screen = await settled(app, pilot, "贩运人口")
        assert "贩运人口" in screen  # the Chinese term in full width, not cut
        from rich.cells import cell_len

        lines = screen.splitlines()
        row = next(line for line in lines if "贩运人口" in line)
        assert cell_len(row) == 80  # double-width characters counted as two cells: the border stays aligned

    run_app(chinese, zh_script, size=(80, 24))


ARABIC_TYPED = "أبلغت 25 دولة عن بيانات UNODC لعام 2020 أي 62 في المائة من الدول (الجدول 3)"


def cells(strip) -> list[tuple[str, object]]:
    """One (character, style) per character of a rendered line."""
    return [(char, style) for text, style, _control in strip for char in text]


async def cursor_cell(editor, row: int, pilot) -> int:
    """The position, in the rendered ``row``, of the one cell the cursor changes (drawn focused, then not)."""
    editor.cursor_blink = False
    editor.highlight_cursor_line = False
    shown = cells(editor._render_line(row))
    pilot.app.set_focus(None)
    await pilot.pause()
    hidden = cells(editor._render_line(row))
    pilot.app.set_focus(editor)
    await pilot.pause()
    changed = [x for x, (one, other) in enumerate(zip(shown, hidden, strict=True)) if one != other]
    assert len(changed) == 1, changed
    return changed[0]


def test_bidi_reorder_edit_box_shows_the_display_order(tmp_path: Path) -> None:
    from translate.bidi import display_block, display_line

    wf = make_job(tmp_path, langs=("ar",))
    session = ReviewSession(wf, "ar", reviewer="claire", everything=True, queue_filter="all")
    segment = session.queue[0]
    app = ReviewApp(session, bidi="reorder")

    async def script(app, pilot) -> None:
        shown = [line.strip() for line in str(app.query_one("#target-view").render()).strip().split("\n")]
        view_width = app._width("#target-view")
        await pilot.press("e")
        await pilot.pause()
        editor = app.query_one("#target-edit")
        assert not app.query("#edit-preview")  # no second view: the edit box itself is visual
        rows = [editor.render_line(y).text.strip() for y in range(editor.wrapped_document.height)]
        saved = session.entry(segment).msgstr
        assert shown == display_block(saved, "ar", "reorder", view_width).split("\n")
        # TextArea keeps the space ending a wrapped line (on its width, one cell for the cursor): the same breaks
        # as the display's wrapping one cell narrower.
        assert rows == display_block(saved, "ar", "reorder", editor.wrap_width - 1).split("\n")
        await pilot.press("f7", *ARABIC_TYPED)  # Arabic with digits, a Latin acronym and brackets, typed
        await pilot.pause()
        assert editor.text == ARABIC_TYPED
        height = editor.wrapped_document.height
        assert height >= 2  # wrapped: each wrapped line is reordered on its own
        rows = [editor.render_line(y).text for y in range(height)]
        expected = display_block(ARABIC_TYPED, "ar", "reorder", editor.wrap_width - 1).split("\n")
        assert [row.strip() for row in rows] == expected
        assert "UNODC" in rows[0] and "2020" in rows[0] and "52" not in rows[0]  # runs of L and EN keep their order
        assert rows[0].rstrip().endswith(display_line("أبلغت", "ar", "reorder"))  # the first word at the right
        assert all(row.rstrip() == row for row in rows)  # aligned right, as the display pane is
        last = rows[-1]
        # The logical cursor at the end of the text is drawn left of the last line, where the next letter goes.
        assert await cursor_cell(editor, height - 1, pilot) == len(last) - len(last.lstrip()) - 1
        await pilot.press("home")  # the start of the wrapped line (logical): its first letter, drawn at the right
        await pilot.pause()
        assert editor.cursor_location[1] > 0
        assert await cursor_cell(editor, height - 1, pilot) == len(last) - 1
        await pilot.press("right", "right")  # logical movement: two letters further into the text, leftwards
        await pilot.pause()
        assert await cursor_cell(editor, height - 1, pilot) == len(last) - 3
        start = editor.cursor_location[1] - 2
        # A click goes to the character drawn under the pointer: the leftmost of the last line is its last letter.
        left = len(last) - len(last.lstrip())
        await pilot.click(editor, offset=(editor.gutter.left + left, editor.gutter.top + height - 1))
        await pilot.pause()
        assert editor.cursor_location == (0, len(ARABIC_TYPED) - 1)
        await pilot.click(editor, offset=(editor.gutter.left + len(last) - 1, editor.gutter.top + height - 1))
        await pilot.pause()
        assert editor.cursor_location == (0, start)
        await pilot.press("ctrl+home", "end", "backspace")  # logical editing still works
        await pilot.pause()
        assert editor.text == ARABIC_TYPED[:-1]
        await pilot.press(")", "ctrl+s")
        await pilot.pause()
        assert not app.editing

    run_app(app, script, size=(100, 30))
    assert synced(wf, "ar").entry(segment).msgstr == ARABIC_TYPED  # saved in logical order
    plain = ReviewApp(ReviewSession(wf, "ar", reviewer="claire", everything=True, queue_filter="all"))

    async def plain_script(app, pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        editor = app.query_one("#target-edit")
        assert not editor.visual  # the terminal does bidi: the edit box sends the logical order
        first = editor.render_line(0).text.strip()
        assert editor.text.startswith(first)

    run_app(plain, plain_script, size=(100, 30))
