"""The review app driven by Textual's Pilot: accept, edit, reject, navigation, findings, search, quit."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

from review_support import make_job, segments
from rich.console import Console
from textual.widgets import Input

from translate.bidi import REORDER, display_block, pad_cells, wrap_cells
from translate.catalog import Catalog, SegmentState, count_words, get_meta, review_of, state_of
from translate.review.app import ReviewApp, word_diff
from translate.review.routing import assign_language
from translate.review.session import ReviewSession

SIZE = (160, 50)


def run_app(app: ReviewApp, script: Callable[[ReviewApp, object], Awaitable[None]]) -> None:
    """Drive ``app`` headless with Pilot (pytest-asyncio is not needed)."""

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await script(app, pilot)

    asyncio.run(main())


async def open_prompt(pilot, key: str) -> None:
    """Press ``key`` and wait until the prompt's input has focus (as a person waits to see it)."""
    await pilot.press(key)
    for _ in range(100):
        await pilot.pause()
        if isinstance(pilot.app.focused, Input):
            return
    raise AssertionError("the prompt never opened")


def plain(renderable: object, width: int = 100) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def catalog(wf) -> Catalog:
    """The PO file as any command sees it: synced from the working store first."""
    from translate.store import sync_language

    sync_language(wf, "fr")
    return Catalog.load(wf.catalog_path("fr"))


def journal(wf) -> list[dict]:
    path = wf.journal_path("fr")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_the_queue_puts_drafts_first(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    session = ReviewSession(wf, "fr")
    states = [state_of(session.entry(seg)) for seg in session.queue]
    assert states == sorted(
        states,
        key=[SegmentState.DRAFT, SegmentState.TRANSLATED, SegmentState.REJECTED, SegmentState.UNTRANSLATED].index,
    )
    assert states[0] == SegmentState.DRAFT and states[-1] == SegmentState.UNTRANSLATED
    assert len(session.queue) == len(segments())
    assert session.target == SegmentState.APPROVED


def test_accept_approves_saves_and_moves_on(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    app = ReviewApp(ReviewSession(wf, "fr", reviewer="claire", everything=True))
    first = app.session.queue[0]

    async def script(app: ReviewApp, pilot) -> None:
        await pilot.press("a")
        await pilot.pause()
        # on disk before the next key is read
        assert state_of(catalog(wf).entry(first)) == SegmentState.APPROVED
        assert app.position == 1
        status = str(app.query_one("#status").render())
        assert f"done 1/{len(segments())} segments" in status
        assert f"{count_words(app.session.entry(first).msgid)}/" in status

    run_app(app, script)
    assert [r["action"] for r in journal(wf)] == ["accept"]
    assert journal(wf)[0]["reviewer"] == "claire" and journal(wf)[0]["state_after"] == "approved"


def test_edit_then_ctrl_s_saves_the_text(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    app = ReviewApp(ReviewSession(wf, "fr", reviewer="claire", everything=True))
    first = app.session.queue[0]

    async def script(app: ReviewApp, pilot) -> None:
        await pilot.press("e")
        assert app.editing
        await pilot.press("backspace", *" en 2020.")  # typed keys go to the editor, not to the bindings
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.editing
        assert app.position == 0

    run_app(app, script)
    entry = catalog(wf).entry(first)
    assert entry.msgstr.endswith("victimes de la traite des personnes en 2020.")
    assert state_of(entry) == SegmentState.TRANSLATED
    assert [r["action"] for r in journal(wf)] == ["edit"]


def test_reject_asks_for_a_comment_and_escape_cancels(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    app = ReviewApp(ReviewSession(wf, "fr", reviewer="claire", everything=True))
    first, second = app.session.queue[:2]

    async def script(app: ReviewApp, pilot) -> None:
        await open_prompt(pilot, "r")
        await pilot.press(*"numbers", "escape")  # cancelled
        await pilot.pause()
        assert state_of(catalog(wf).entry(first)) == SegmentState.DRAFT
        await open_prompt(pilot, "r")
        await pilot.press(*"chiffre 49 000 a verifier", "enter")
        await pilot.pause()
        assert app.position == 1
        await open_prompt(pilot, "r")
        await pilot.press("enter")  # an empty comment is refused
        await pilot.pause()
        assert state_of(catalog(wf).entry(second)) == SegmentState.DRAFT

    run_app(app, script)
    entry = catalog(wf).entry(first)
    assert state_of(entry) == SegmentState.REJECTED
    assert review_of(entry)["comment"] == "chiffre 49 000 a verifier"
    assert [r["action"] for r in journal(wf)] == ["reject"]


def test_navigation_and_search(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    app = ReviewApp(ReviewSession(wf, "fr"))
    queue = app.session.queue
    covid = next(seg for seg in queue if "COVID-19" in app.session.entry(seg).msgid)

    async def script(app: ReviewApp, pilot) -> None:
        await pilot.press("n", "n")
        assert app.current_id == queue[2]
        await pilot.press("p")
        assert app.current_id == queue[1]
        await pilot.press("p", "p")  # stays at the first
        assert app.current_id == queue[0]
        await open_prompt(pilot, "slash")
        await pilot.press(*"covid", "enter")
        await pilot.pause()
        assert app.current_id == covid
        source = str(app.query_one("#source").render())
        assert "COVID-19 pandemic" in source
        await open_prompt(pilot, "slash")
        await pilot.press("ctrl+u", *"ONUDC recueille", "enter")  # the translation is searched too
        await pilot.pause()
        assert "UNODC collects" in app.session.entry(app.current_id).msgid

    run_app(app, script)
    assert journal(wf) == []
    assert catalog(wf).render().count("hx-approved") == 0


def test_f_goes_to_the_next_segment_with_findings_and_shows_them(tmp_path: Path) -> None:
    wf = make_job(tmp_path, glossary=True)
    store_catalog = catalog(wf)
    entry = next(e for e in store_catalog if e.msgid.startswith("Convictions for trafficking"))
    entry.msgstr = "Les condamnations pour trafic de personnes ont diminué de 27 % en 2020."  # forbidden term
    store_catalog.save()
    app = ReviewApp(ReviewSession(wf, "fr"))

    async def script(app: ReviewApp, pilot) -> None:
        await pilot.press("f")
        await pilot.pause()
        assert app.current_id == entry.msgctxt
        findings = str(app.query_one("#qa").render())
        assert "glossary-forbidden" in findings
        terms = plain(app._terms(entry.msgid))
        assert "trafficking in persons" in terms and "traite des personnes" in terms
        assert "trafic de personnes" in terms  # shown as forbidden

    run_app(app, script)


def test_glossary_terms_are_highlighted_in_the_source(tmp_path: Path) -> None:
    wf = make_job(tmp_path, glossary=True)
    app = ReviewApp(ReviewSession(wf, "fr"))
    source = "Trafficking for forced labour increased in most regions."
    text = app._source_text(source)
    styled = {source[span.start : span.end] for span in text.spans if "underline" in str(span.style)}
    assert styled == {"forced labour"}


def test_tm_matches_show_score_and_word_diff(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    session = ReviewSession(wf, "fr")
    app = ReviewApp(session)
    tm_draft = session.entry(next(seg for seg in session.queue if seg.endswith(":2")))
    shown = plain(app._tm(tm_draft))
    assert "85%" in shown
    diff = word_diff("Women and girls accounted for 65 per cent of the victims detected in 2018.", tm_draft.msgid)
    struck = {diff.plain[s.start : s.end] for s in diff.spans if "strike" in str(s.style)}
    added = {diff.plain[s.start : s.end] for s in diff.spans if "underline" in str(s.style)}
    assert "65" in struck and "60" in added
    assert "2018." in " ".join(struck)


def test_a_reviewer_sees_only_their_stage_queue(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    assign_language(wf, "fr")
    session = ReviewSession(wf, "fr", reviewer="amelie")
    assert session.stage == "translation" and session.target == SegmentState.TRANSLATED
    assert session.queue
    for seg in session.queue:
        entry = session.entry(seg)
        assert (get_meta(entry, "assign") or {})["translation"] == "amelie"
        assert state_of(entry) in (SegmentState.DRAFT, SegmentState.REJECTED, SegmentState.UNTRANSLATED)
    assigned = {e.msgctxt for e in catalog(wf) if (get_meta(e, "assign") or {}).get("translation") == "amelie"}
    translated = {e.msgctxt for e in catalog(wf) if state_of(e) == SegmentState.TRANSLATED}
    assert set(session.queue) == assigned - translated
    app = ReviewApp(session)
    first = session.queue[0]

    async def script(app: ReviewApp, pilot) -> None:
        await pilot.press("a")
        await pilot.pause()

    run_app(app, script)
    assert state_of(catalog(wf).entry(first)) == SegmentState.TRANSLATED
    assert journal(wf)[-1]["stage"] == "translation" and journal(wf)[-1]["reviewer"] == "amelie"
    others = ReviewSession(wf, "fr", reviewer="bastien").queue
    assert not set(others) & set(session.queue)


def test_quitting_writes_approvals_to_the_workflow_memory(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    app = ReviewApp(ReviewSession(wf, "fr", reviewer="claire", everything=True))
    first = app.session.queue[0]

    async def script(app: ReviewApp, pilot) -> None:
        await pilot.press("a", "q")

    run_app(app, script)
    tmx = wf.root / "memories" / f"{wf.name}-approved.tmx"
    text = tmx.read_text(encoding="utf-8")
    assert first in text and "49 000 victimes de la traite des personnes" in text


def test_arabic_is_wrapped_then_reordered_and_chinese_keeps_cell_widths() -> None:
    arabic = "في عام 2020، كشف 141 بلدا وأبلغ عن نحو 000 49 ضحية من ضحايا الاتجار بالأشخاص."
    lines = display_block(arabic, "ar", REORDER, 30).split("\n")
    logical = wrap_cells(arabic, 30)
    assert len(lines) == len(logical) > 1
    assert lines[0].endswith("يف") or lines[0].rstrip().endswith("في"[::-1])  # the first word is rightmost
    assert display_block(arabic, "ar", "terminal", 30) == arabic
    assert display_block("Les femmes", "fr", REORDER, 30) == "Les femmes"
    chinese = "妇女和女童占被发现受害者的60%。"
    from rich.cells import cell_len

    assert cell_len(pad_cells(chinese, 40)) == 40
    assert all(cell_len(line) <= 11 for line in wrap_cells(chinese, 11))


def visual_text(line: str, order: list[int]) -> str:
    """``line``'s characters in ``order``, each mirrored where python-bidi's display mirrors it."""
    from bidi import get_display

    shown = get_display(line, base_dir="R")
    return "".join(shown[k] if shown[k] != line[i] else line[i] for k, i in enumerate(order))


def test_visual_order_places_each_character_where_the_display_shows_it() -> None:
    """The edit box draws through this permutation: it must give python-bidi's display, character for character,
    on real UN Arabic (UDHR, General Assembly resolutions) wrapped at several widths."""
    import unicodedata

    from bidi import get_display

    from translate.bidi import visual_order

    data = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    texts = ["(أ) 5.2 E/2013/30 «التقرير» [1] UNODC", "ab\tcd", "سلام ab\tcd", "نص  ", "Only Latin 2020"]
    udhr = data / "udhr" / "udhr_articles_6way.tsv"
    if udhr.exists():
        texts += [row.split("\t")[2] for row in udhr.read_text(encoding="utf-8").splitlines()[1:]]
    resolutions = data / "un-ga-resolutions-sample" / "UN.ar-en.ar"
    if resolutions.exists():
        texts += resolutions.read_text(encoding="utf-8").splitlines()
    checked = 0
    for text in texts:
        for width in (24, 57, 10_000):
            for line in wrap_cells(text, width) if "\t" not in text else [text]:
                order = visual_order(line)
                assert order is not None and sorted(order) == list(range(len(line))), line
                shown = get_display(line, base_dir="R")
                for position, index in enumerate(order):
                    same = shown[position] == line[index]
                    assert same or unicodedata.mirrored(line[index]), (line, position)
                checked += 1
    assert checked > 10
    assert visual_order("ab 12 سلام") == [9, 8, 7, 6, 5, 0, 1, 2, 3, 4]  # by hand: 12 after Latin counts as Latin (W7)
    line = "قال 25 شخصا في UNODC (تقرير)"
    order = visual_order(line)
    assert visual_text(line, order) == get_display(line, base_dir="R") == ")ريرقت( UNODC يف اصخش 25 لاق"
    assert [line[i] for i in order[order.index(line.index("U")) :][:5]] == list("UNODC")  # Latin keeps its order
    assert visual_order("Les femmes") == list(range(10))  # no right-to-left text: as it is


def test_a_segment_changed_by_another_reviewer_is_shown_before_it_can_be_accepted(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    app = ReviewApp(ReviewSession(wf, "fr", reviewer="claire", everything=True))
    first = app.session.queue[0]
    denis_text = "En 2020, 141 pays ont détecté et signalé quelque 49 000 victimes de la traite des personnes."

    async def script(app: ReviewApp, pilot) -> None:
        ReviewSession(wf, "fr", reviewer="denis", everything=True).edit(
            first, denis_text
        )  # another reviewer, same file
        await pilot.press("a")
        await pilot.pause()
        assert app.current_id == first, "no move: the reviewer must see the new text first"
        assert "quelque 49 000" in str(app.query_one("#target-view").render())
        assert state_of(catalog(wf).entry(first)) == SegmentState.TRANSLATED
        await pilot.press("a")
        await pilot.pause()

    run_app(app, script)
    entry = catalog(wf).entry(first)
    assert (entry.msgstr, state_of(entry)) == (denis_text, SegmentState.APPROVED)
