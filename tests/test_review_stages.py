"""Review that protects quality (issue 14 items 1-3, issue 10 item 3), driven by Textual's Pilot.

Who reviews (--reviewer, $HEXAGLOT_REVIEWER, git config user.name, validated), what each stage may do, the
override of error findings (journal, status, HTML, memory), the persisted queue, and a save that fails.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from review_support import make_job, run_app, segments, wait_prompt

from translate.catalog import Catalog, SegmentState, state_of
from translate.errors import HexaglotError
from translate.review.app import ReviewApp
from translate.review.routing import assign_language, assigned_to
from translate.review.session import OverrideNeeded, ReviewSession, resolve_reviewer
from translate.review.store import StageError, override_of

HEXAGLOT = str(Path(sys.executable).parent / "hexaglot")
WRONG = "Les condamnations pour traite des personnes ont diminué de 72 % en 2020."
"""The French of 'fell by 27 per cent in 2020' with the number swapped: a numbers error."""


def synced(wf) -> Catalog:
    from translate.store import sync_language

    sync_language(wf, "fr")
    return Catalog.load(wf.catalog_path("fr"))


def journal(wf) -> list[dict]:
    path = wf.journal_path("fr")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def plant(wf, segment: str, text: str, state: str = "draft") -> None:
    """Give one segment a text in the PO file (as a draft run or an earlier review would)."""
    from translate.catalog import Provenance, approve, set_draft, set_translated

    catalog = synced(wf)
    entry = catalog.entry(segment)
    if state == "draft":
        set_draft(entry, text, Provenance(origin="mt", engine="marian"))
    elif state == "translated":
        set_translated(entry, text, by="amelie")
    else:
        approve(entry, by="claire", text=text)
    catalog.save()


def convictions() -> str:
    return next(seg for seg, source, _ in segments() if source.startswith("Convictions"))


# 1. Who is reviewing --------------------------------------------------------------------------------------


def test_identity_comes_from_option_environment_or_git_and_must_be_listed(tmp_path, monkeypatch) -> None:
    wf = make_job(tmp_path)
    monkeypatch.delenv("HEXAGLOT_REVIEWER", raising=False)
    assert resolve_reviewer(wf, "fr", "denis") == "denis"
    assert resolve_reviewer(wf, "fr", "Claire") == "claire"  # the workflow's spelling
    monkeypatch.setenv("HEXAGLOT_REVIEWER", "amelie")
    assert resolve_reviewer(wf, "fr") == "amelie"
    assert resolve_reviewer(wf, "fr", "bastien") == "bastien"  # the option wins
    monkeypatch.delenv("HEXAGLOT_REVIEWER")
    subprocess.run(["git", "init", "-q", str(wf.root)], check=True)
    subprocess.run(["git", "-C", str(wf.root), "config", "user.name", "Bastien"], check=True)
    assert resolve_reviewer(wf, "fr") == "bastien"
    with pytest.raises(HexaglotError, match=r"'clarie' is not a reviewer of fr .*did you mean claire\?"):
        resolve_reviewer(wf, "fr", "clarie")


def test_a_typo_in_the_reviewer_is_exit_2_and_one_line(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    env = {**os.environ, "HOME": str(tmp_path), "HEXAGLOT_REVIEWER": "clarie"}
    result = subprocess.run(
        [HEXAGLOT, "review", str(wf.root), "--lang", "fr"], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "HEXAGLOT_REVIEWER 'clarie' is not a reviewer of fr" in result.stderr and "claire" in result.stderr
    result = subprocess.run(
        [HEXAGLOT, "review", str(wf.root), "--lang", "fr", "--reviewer", "amelie", "--stage", "revision"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 2 and "amelie is not a reviewer of fr in stage revision" in result.stderr


# 1. Stages ---------------------------------------------------------------------------------------------------


def test_translation_makes_translated_and_only_revision_approves(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    assign_language(wf, "fr")
    amelie = ReviewSession(wf, "fr", reviewer="amelie")
    assert amelie.stage == "translation" and amelie.target == SegmentState.TRANSLATED
    first = amelie.queue[0]
    app = ReviewApp(amelie)

    async def script(app, pilot) -> None:
        await pilot.press("a")
        await pilot.pause()

    run_app(app, script)
    assert state_of(synced(wf).entry(first)) == SegmentState.TRANSLATED
    # denis, a reviser (not senior): only translated segments reach him, drafts cannot be approved
    denis = ReviewSession(wf, "fr", reviewer="denis", everything=True)
    assert {state_of(denis.entry(seg)) for seg in denis.queue} == {SegmentState.TRANSLATED}
    draft = next(seg for seg in denis.order if state_of(denis.entry(seg)) == SegmentState.DRAFT)
    with pytest.raises(StageError, match="not translated yet"):
        denis.accept(draft)
    assert denis.accept(first).state_after == SegmentState.APPROVED
    # the translation stage cannot take an approval back with an accept
    amelie = ReviewSession(wf, "fr", reviewer="amelie", everything=True)
    with pytest.raises(StageError, match="already approved"):
        amelie.accept(first)
    # a senior reviser may approve a draft (the risky ones are routed to her)
    claire = ReviewSession(wf, "fr", reviewer="claire")
    assert claire.senior
    assert claire.accept(draft).state_after == SegmentState.APPROVED
    records = journal(wf)
    assert [(r["reviewer"], r["stage"], r["state_after"]) for r in records if r["action"] == "accept"] == [
        ("amelie", "translation", "translated"),
        ("denis", "revision", "approved"),
        ("claire", "revision", "approved"),
    ]


def test_a_reviser_queue_holds_only_translated_segments_assigned_to_them(tmp_path: Path) -> None:
    wf = make_job(tmp_path, reviewers={"translation": ["amelie"], "revision": ["denis"]})
    assign_language(wf, "fr")
    denis = ReviewSession(wf, "fr", reviewer="denis")
    translated = [e.msgctxt for e in synced(wf) if state_of(e) == SegmentState.TRANSLATED]
    assert denis.queue == translated and len(translated) == 1
    assert all(assigned_to(denis.entry(seg), "revision") == "denis" for seg in denis.queue)


# 2. Errors are not approved by accident ------------------------------------------------------------------


def test_accepting_an_error_asks_for_a_reason_and_journals_it(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    segment = convictions()
    plant(wf, segment, WRONG)
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    assert any(line.startswith("numbers:") for line in session.errors_for(segment))
    with pytest.raises(OverrideNeeded):
        session.accept(segment)
    app = ReviewApp(session)

    async def script(app, pilot) -> None:
        await pilot.press("g")
        await wait_prompt(pilot)
        await pilot.press(*segment, "enter")
        await pilot.pause()
        assert app.current_id == segment
        await pilot.press("a")
        await wait_prompt(pilot)
        assert "error numbers" in str(app.screen.query_one("#prompt-details").render())
        await pilot.press("escape")  # not accepted
        await pilot.pause()
        assert state_of(synced(wf).entry(segment)) == SegmentState.DRAFT
        await pilot.press("a")
        await wait_prompt(pilot)
        await pilot.press("enter")  # an empty reason is refused
        await pilot.pause()
        assert state_of(synced(wf).entry(segment)) == SegmentState.DRAFT
        await pilot.press("a")
        await wait_prompt(pilot)
        await pilot.press(*"72 is right: the 2024 erratum", "enter")
        await pilot.pause()

    run_app(app, script)
    entry = synced(wf).entry(segment)
    assert state_of(entry) == SegmentState.APPROVED
    assert override_of(entry)["reason"] == "72 is right: the 2024 erratum"
    record = journal(wf)[-1]
    assert record["override"] == "72 is right: the 2024 erratum" and record["errors"][0].startswith("numbers:")


def test_status_and_report_count_overrides_and_memory_skips_unresolved_errors(tmp_path: Path) -> None:
    from translate.memory.writeback import approved_memory_path, update_memory_from_workflow
    from translate.report.progress import overridden_errors
    from translate.review.findings import unresolved_errors

    wf = make_job(tmp_path)
    wrong, first = convictions(), segments()[0][0]
    plant(wf, wrong, WRONG, state="approved")  # approved before this rule (or by hand): an unresolved error
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    session.accept(first)
    session.store.flush()  # the PO file from the working store, as quitting the app does
    update_memory_from_workflow(wf, ["fr"], hold_back=unresolved_errors)
    tmx = approved_memory_path(wf).read_text(encoding="utf-8")
    assert first in tmx and "72 %" not in tmx and wrong not in tmx
    assert 'changeid="claire"' in tmx and "changedate=" in tmx
    assert overridden_errors(wf, ["fr"]) == {"fr": {"segments": 0, "errors": 0}}
    plant(wf, wrong, WRONG, state="translated")
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    session.accept(wrong, override="erratum of 2024")
    session.store.flush()
    update_memory_from_workflow(wf, ["fr"], hold_back=unresolved_errors)
    assert "72 %" in approved_memory_path(wf).read_text(encoding="utf-8")  # resolved by a reasoned override
    assert overridden_errors(wf, ["fr"]) == {"fr": {"segments": 1, "errors": 1}}
    result = subprocess.run(
        [HEXAGLOT, "status", str(wf.root), "--format", "json", "--overrides"], capture_output=True, text=True
    )
    assert json.loads(result.stdout)["overridden_errors"]["fr"] == {"segments": 1, "errors": 1}
    table = subprocess.run([HEXAGLOT, "status", str(wf.root)], capture_output=True, text=True).stdout
    assert "Errors accepted by override" in table and "fr: 1 error(s) in 1 segment(s)" in table
    page = tmp_path / "report.html"
    subprocess.run([HEXAGLOT, "status", str(wf.root), "--format", "html", "-o", str(page)], check=True)
    assert "Overridden errors" in page.read_text(encoding="utf-8")
    # an edit of the segment ends the override: the new text has to be judged again
    session.edit(wrong, WRONG.replace("72", "71"))
    assert overridden_errors(wf, ["fr"]) == {"fr": {"segments": 0, "errors": 0}}
    assert override_of(synced(wf).entry(wrong)) is None


# 3. The queue persists -----------------------------------------------------------------------------------


def test_filter_and_position_persist_and_progress_counts_the_catalog(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    assign_language(wf, "fr")
    session = ReviewSession(wf, "fr", reviewer="amelie")
    mine = [e.msgctxt for e in synced(wf) if assigned_to(e, "translation") == "amelie"]
    first = session.queue[0]
    app = ReviewApp(session)

    async def script(app, pilot) -> None:
        await pilot.press("a")  # first -> translated: it leaves "awaiting" ...
        await pilot.pause()
        await pilot.press("l")
        await wait_prompt(pilot)
        await pilot.press(*"mine", "enter")  # ... but "mine" keeps it, so she can go back and fix it
        await pilot.pause()
        assert session.queue == mine
        await pilot.press("g")
        await wait_prompt(pilot)
        await pilot.press(str(mine.index(first) + 1), "enter")
        await pilot.pause()
        assert app.current_id == first
        await pilot.press("q")

    run_app(app, script)
    again = ReviewSession(wf, "fr", reviewer="amelie")
    assert again.queue_filter == "mine" and again.queue == mine and again.start_id == first
    done, total, _, _ = again.progress()
    assert (done, total) == (sum(state_of(again.entry(s)) == SegmentState.TRANSLATED for s in mine), len(mine))
    assert done >= 1  # counted from the catalog, not this (new) session
    reopened = ReviewApp(again)
    assert reopened.current_id == first
    assert ReviewSession(wf, "fr", reviewer="amelie", queue_filter="awaiting").queue_filter == "awaiting"
    assert ReviewSession(wf, "fr", reviewer="amelie").queue_filter == "mine"  # the option does not persist


def test_filters_by_state_and_findings(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    plant(wf, convictions(), WRONG)
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    session.set_filter("findings")
    assert convictions() in session.queue
    session.set_filter("rejected")
    assert [state_of(session.entry(s)) for s in session.queue] == [SegmentState.REJECTED]
    session.set_filter("all")
    assert len(session.queue) == len(segments())
    with pytest.raises(HexaglotError):
        session.set_filter("bogus")


# Issue 10 item 3: a failed save never loses typed text ----------------------------------------------------


def test_a_failed_save_keeps_the_editor_and_the_text(tmp_path: Path, monkeypatch) -> None:
    wf = make_job(tmp_path)
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    first = session.queue[0]
    before = synced(wf).entry(first).msgstr
    real_change = session.store.store.change

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(session.store.store, "change", full_disk)
    app = ReviewApp(session)

    async def script(app, pilot) -> None:
        await pilot.press("e")
        await pilot.press(*" Vérifié.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.editing, "the editor stays open"
        assert app.query_one("#target-edit").text.endswith("Vérifié.")
        assert "NOT SAVED" in str(app.query_one("#note").render())
        assert "No space left on device" in str(app.query_one("#note").render())
        monkeypatch.setattr(session.store.store, "change", real_change)  # space again: the same keys save
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.editing
        assert "NOT SAVED" not in str(app.query_one("#note").render())

    run_app(app, script)
    assert synced(wf).entry(first).msgstr == before + " Vérifié."
    assert len(session.failures) == 1 and "No space left on device" in session.failures[0]


def test_quitting_with_text_that_cannot_be_saved_hands_it_back(tmp_path: Path, monkeypatch) -> None:
    wf = make_job(tmp_path)
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    first = session.queue[0]

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(session.store.store, "change", full_disk)
    app = ReviewApp(session)

    async def script(app, pilot) -> None:
        await pilot.press("e", *" Vérifié.", "ctrl+q")
        await pilot.pause()

    run_app(app, script)
    assert app.unsaved is not None and app.unsaved[0] == first and app.unsaved[1].endswith("Vérifié.")
    from translate.cli.review_cmds import _report_failures

    assert _report_failures(session, app.unsaved) is True


def test_accepting_with_an_edited_text_checks_that_text(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    segment = convictions()
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    assert session.errors_for(segment) == []
    with pytest.raises(OverrideNeeded):
        session.accept(segment, text=WRONG)  # the text being accepted has the error, not the one on disk
    assert state_of(synced(wf).entry(segment)) == SegmentState.DRAFT
    assert session.accept(segment, text=WRONG, override="erratum").state_after == SegmentState.APPROVED


def test_quitting_the_app_keeps_unresolved_errors_out_of_the_memory(tmp_path: Path) -> None:
    from translate.memory.writeback import approved_memory_path

    wf = make_job(tmp_path)
    wrong, first = convictions(), segments()[0][0]
    plant(wf, wrong, WRONG, state="approved")
    session = ReviewSession(wf, "fr", reviewer="claire", everything=True)
    session.accept(first)
    session.flush_memory()  # what quitting the app does
    tmx = approved_memory_path(wf).read_text(encoding="utf-8")
    assert first in tmx and wrong not in tmx and "72 %" not in tmx
