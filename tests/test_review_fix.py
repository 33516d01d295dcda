"""The QA checks' automatic fixes offered in the review app (issue 15, item 6): ``x`` writes the French no-break
spaces and the Arabic digit groups in logical order, saved as an edit like any other, journaled."""

from __future__ import annotations

from pathlib import Path

from review_support import make_job
from test_review_app import catalog, journal, run_app

from translate.catalog import Catalog, SegmentState, state_of
from translate.qa.checks import french_spacing_fix
from translate.review.app import ReviewApp
from translate.review.session import ReviewSession
from translate.store import sync_language

FRENCH = "Les femmes et les filles représentaient 60 % des victimes détectées ; les enfants : un tiers."


def _set_first_draft(wf, lang: str, text: str) -> str:
    """Give the first segment of the review queue the translation ``text``; returns its id."""
    sync_language(wf, lang)
    po = Catalog.load(wf.catalog_path(lang))
    first = ReviewSession(wf, lang).queue[0]
    po.entry(first).msgstr = text
    po.save()
    return first


def test_x_applies_the_french_spacing_fix_and_saves_it(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    first = _set_first_draft(wf, "fr", FRENCH)
    app = ReviewApp(ReviewSession(wf, "fr", reviewer="claire", everything=True))

    async def script(app: ReviewApp, pilot) -> None:
        await pilot.pause()
        assert app.current_id == first
        shown = str(app.query_one("#qa").render())
        assert "punctuation-spacing" in shown and "(x fixes)" in shown
        await pilot.press("x")
        await pilot.pause()
        assert "punctuation-spacing" not in str(app.query_one("#qa").render())
        assert app.position == 0  # the reviewer still has to accept the fixed text

    run_app(app, script)
    entry = catalog(wf).entry(first)
    assert entry.msgstr == french_spacing_fix(FRENCH)
    assert "détectées\u202f; les enfants\u00a0: un tiers." in entry.msgstr
    assert state_of(entry) == SegmentState.TRANSLATED
    assert [row["action"] for row in journal(wf)] == ["edit"]


def test_x_writes_arabic_digit_groups_in_logical_order(tmp_path: Path) -> None:
    wf = make_job(tmp_path, langs=("ar",))
    session = ReviewSession(wf, "ar", reviewer="claire", everything=True)
    segment = next(s for s in session.queue if "000 49" in session.entry(s).msgstr)  # visual order: 49,000
    result = session.fix(segment)
    assert result is not None and result.action == "edit"
    assert "نحو 49\u00a0000 ضحية" in session.entry(segment).msgstr
    assert session.fixed_text(segment) is None and session.fix(segment) is None  # nothing left to fix


def test_x_without_a_fix_changes_nothing(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    clean = next(s for s in session.queue if session.entry(s).msgstr and session.fixed_text(s) is None)
    before = session.entry(clean).msgstr
    app = ReviewApp(session)

    async def script(app: ReviewApp, pilot) -> None:
        app.position = session.queue.index(clean)
        app.show_segment()
        await pilot.press("x")
        await pilot.pause()

    run_app(app, script)
    assert catalog(wf).entry(clean).msgstr == before
    assert journal(wf) == []
