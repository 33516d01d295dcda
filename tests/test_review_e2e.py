"""End to end on the sample workflow: import, TM drafts, assign, a translator and a reviser in the app."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from textual.widgets import Input

from translate import importer, memory
from translate.catalog import Catalog, SegmentState, state_of
from translate.memory import pretranslate, writeback
from translate.review.app import ReviewApp
from translate.review.routing import assign_language, assigned_to
from translate.review.session import ReviewSession
from translate.workflow import load_workflow


def _press(app: ReviewApp, *keys: str) -> None:
    async def main() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                if key == "r":  # the reject prompt: wait until it has focus before typing
                    for _ in range(100):
                        if isinstance(app.focused, Input):
                            break
                        await pilot.pause()
            await pilot.pause()

    asyncio.run(main())


def test_french_of_the_sample_is_routed_translated_revised_and_remembered(sample_workflow: Path) -> None:
    wf = load_workflow(sample_workflow)
    importer.import_workflow(wf, ["fr"])
    catalog = Catalog.load(wf.catalog_path("fr"))
    pretranslate.pretranslate_catalog(wf, catalog, memory.open_workflow_memory(wf))
    catalog.save()
    drafts = [e.msgctxt for e in catalog if state_of(e) == SegmentState.DRAFT]
    assert drafts, "the previous edition's memory drafts part of the sample"

    assign_language(wf, "fr")
    translators = {p.name for p in wf.reviewers_for("fr", "translation")}
    catalog = Catalog.load(wf.catalog_path("fr"))
    assert {assigned_to(e, "translation") for e in catalog} == translators

    # The first translator accepts two drafts: translated, awaiting revision.
    translator = sorted(translators)[0]
    session = ReviewSession(wf, "fr", reviewer=translator)
    assert session.stage == "translation" and session.queue
    mine = session.queue[:2]
    assert all(state_of(session.entry(seg)) == SegmentState.DRAFT for seg in mine)
    _press(ReviewApp(session), "a", "a", "q")
    catalog = Catalog.load(wf.catalog_path("fr"))
    assert [state_of(catalog.entry(seg)) for seg in mine] == [SegmentState.TRANSLATED] * 2

    # The senior reviser approves the first, rejects the second with a comment.
    reviser = wf.reviewers_for("fr", "revision")[0].name
    session = ReviewSession(wf, "fr", reviewer=reviser)
    assert session.stage == "revision"
    queue = session.queue
    positions = [queue.index(seg) for seg in mine]
    app = ReviewApp(session)
    keys: list[str] = []
    keys += ["n"] * positions[0] + ["a"]
    keys += ["n"] * (positions[1] - positions[0] - 1) + ["r", *"terme à vérifier", "enter", "q"]
    _press(app, *keys)
    catalog = Catalog.load(wf.catalog_path("fr"))
    assert state_of(catalog.entry(mine[0])) == SegmentState.APPROVED
    assert state_of(catalog.entry(mine[1])) == SegmentState.REJECTED

    records = [json.loads(line) for line in wf.journal_path("fr").read_text(encoding="utf-8").splitlines()]
    actions = [(r["reviewer"], r["action"], r["state_after"]) for r in records if r["action"] != "assign"]
    assert actions == [
        (translator, "accept", "translated"),
        (translator, "accept", "translated"),
        (reviser, "accept", "approved"),
        (reviser, "reject", "rejected"),
    ]
    tmx = writeback.approved_memory_path(wf)
    assert mine[0] in tmx.read_text(encoding="utf-8")
    assert mine[1] not in tmx.read_text(encoding="utf-8")
