"""Routing (hexaglot assign): whole paragraphs, consecutive runs, balanced words, senior drafts, stability."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from review_support import make_job, segments

from translate.catalog import Catalog, Provenance, count_words, get_meta, set_draft
from translate.formats.document import split_segment_id
from translate.review.routing import assign_language, assigned_to, needs_senior
from translate.workflow import load_workflow

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HEXAGLOT = [str(Path(sys.executable).parent / "hexaglot")]


def _assignments(wf, lang: str = "fr") -> dict[str, dict[str, str]]:
    return {e.msgctxt: get_meta(e, "assign") or {} for e in Catalog.load(wf.catalog_path(lang))}


def test_every_segment_gets_one_reviewer_per_stage_and_paragraphs_stay_whole(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    assign_language(wf, "fr")
    assignments = _assignments(wf)
    assert len(assignments) == len(segments())
    by_paragraph: dict[tuple[str, str], set[str]] = {}
    for seg_id, stages in assignments.items():
        assert stages["translation"] in {"amelie", "bastien"}
        assert stages["revision"] in {"claire", "denis"}
        document, key, _ = split_segment_id(seg_id)
        by_paragraph.setdefault((document, key), set()).add(stages["translation"])
    assert all(len(people) == 1 for people in by_paragraph.values())
    assert {p for people in by_paragraph.values() for p in people} == {"amelie", "bastien"}


def test_translation_runs_are_consecutive(tmp_path: Path) -> None:
    """Each translator receives one unbroken run of the catalog (= document order)."""
    wf = make_job(tmp_path)
    assign_language(wf, "fr")
    order = [stages["translation"] for stages in _assignments(wf).values()]
    changes = sum(1 for a, b in itertools.pairwise(order) if a != b)
    assert changes == 1, order


def test_drafts_with_low_tm_score_go_to_the_senior_reviser(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    report = assign_language(wf, "fr")
    catalog = Catalog.load(wf.catalog_path("fr"))
    tm_draft = next(e for e in catalog if (e.msgctxt or "").endswith(":2") and get_meta(e, "tm"))
    assert assigned_to(tm_draft, "revision") == "claire"
    revision = next(stage for stage in report.stages if stage.stage == "revision")
    assert revision.to_senior >= 1
    plain = [e for e in catalog if assigned_to(e, "revision") == "claire" and not needs_senior(e, [])]
    assert plain == [], "claire (senior) only gets the flagged drafts while denis is available"


def test_qa_findings_send_a_draft_to_the_senior(tmp_path: Path) -> None:
    """A draft whose numbers do not match the source is a QA finding."""
    wf = make_job(tmp_path)
    catalog = Catalog.load(wf.catalog_path("fr"))
    entry = next(e for e in catalog if e.msgid.startswith("Convictions for trafficking"))
    set_draft(entry, entry.msgstr.replace("27 %", "72 %"), Provenance(origin="mt", engine="marian"))
    catalog.save()
    assign_language(wf, "fr")
    entry = Catalog.load(wf.catalog_path("fr")).entry(entry.msgctxt)
    assert assigned_to(entry, "revision") == "claire"


def test_rerun_is_stable_and_only_new_segments_move(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    assign_language(wf, "fr")
    first = _assignments(wf)
    again = assign_language(wf, "fr")
    assert _assignments(wf) == first
    assert all(stage.newly_assigned == 0 for stage in again.stages)
    # A new paragraph at the end of chapter-1 (the importer inserts it in document order).
    catalog = Catalog.load(wf.catalog_path("fr"))
    entries = list(catalog)
    position = max(i for i, e in enumerate(entries) if e.msgctxt.startswith("chapter-1:")) + 1
    new = polib.POEntry(
        msgctxt="chapter-1:0badc0de:1",
        msgid="Victims of trafficking for sexual exploitation were mostly women.",
        msgstr="",
    )
    catalog.po.insert(catalog.po.index(entries[position]), new)
    catalog.save()
    report = assign_language(wf, "fr")
    after = _assignments(wf)
    assert {k: v for k, v in after.items() if k != new.msgctxt} == first
    assert sum(stage.newly_assigned for stage in report.stages) == 2  # one segment, two stages
    # it joins the translator of its neighbour paragraph in the same document
    previous = entries[position - 1].msgctxt
    assert after[new.msgctxt]["translation"] == first[previous]["translation"]


def test_a_reviewer_removed_from_the_workflow_hands_over_only_their_segments(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    assign_language(wf, "fr")
    first = _assignments(wf)
    text = (wf.root / "workflow.yaml").read_text(encoding="utf-8").replace("- bastien\n", "- eva\n")
    (wf.root / "workflow.yaml").write_text(text, encoding="utf-8")
    wf = load_workflow(wf.root)
    assign_language(wf, "fr")
    after = _assignments(wf)
    for seg_id, stages in first.items():
        expected = "eva" if stages["translation"] == "bastien" else stages["translation"]
        assert after[seg_id]["translation"] in ({"amelie", "eva"} if expected == "eva" else {expected})
        assert after[seg_id]["revision"] == stages["revision"]
    assert "bastien" not in {stages["translation"] for stages in after.values()}


def test_assignments_are_journaled(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    assign_language(wf, "fr")
    records = [json.loads(line) for line in wf.journal_path("fr").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2 * len(segments())
    record = records[0]
    assert record["action"] == "assign"
    assert {"time", "reviewer", "segment", "state_before", "state_after", "before", "after", "words", "stage"} <= set(
        record
    )
    assert record["words"] == count_words(segments()[0][1])
    assign_language(wf, "fr")
    assert len(wf.journal_path("fr").read_text(encoding="utf-8").splitlines()) == len(records)


def test_assign_cli_prints_the_table(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    result = subprocess.run(
        [*HEXAGLOT, "assign", str(wf.root), "--lang", "fr"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "amelie" in result.stdout and "claire" in result.stdout
    assert "newly assigned" in result.stdout


def _flores_job(tmp_path: Path, reviewers: dict) -> tuple:
    english = DATA / "flores200-devtest" / "eng_Latn.devtest"
    if not english.exists():
        pytest.skip(f"real data not present: {english}")
    from review_support import write_workflow

    lines = english.read_text(encoding="utf-8").splitlines()[:300]
    wf = load_workflow(write_workflow(tmp_path / "job", ("fr",), reviewers))
    catalog = Catalog.new(wf.catalog_path("fr"), "fr", "flores")
    for number, line in enumerate(lines):
        document = f"doc-{number // 60}"
        paragraph = f"{number // 3:08x}"
        catalog.po.append(polib.POEntry(msgctxt=f"{document}:{paragraph}:{number % 3 + 1}", msgid=line, msgstr=""))
    catalog.save()
    return wf, lines


def test_words_balance_on_real_text(tmp_path: Path) -> None:
    """300 FLORES-200 sentences in 5 documents over 3 translators: within 10 % of the mean, few cuts."""
    wf, lines = _flores_job(tmp_path, {"translation": ["a", "b", "c"], "revision": ["d"]})
    report = assign_language(wf, "fr")
    words = next(stage for stage in report.stages if stage.stage == "translation").words
    mean = sum(count_words(line) for line in lines) / 3
    assert all(abs(total - mean) / mean < 0.10 for total in words.values()), words
    order = [stages["translation"] for stages in _assignments(wf).values()]
    assert sum(1 for a, b in itertools.pairwise(order) if a != b) == 2


def test_max_words_caps_a_reviewer(tmp_path: Path) -> None:
    wf, lines = _flores_job(tmp_path, {"translation": [{"name": "a", "max_words": 1000}, "b"], "revision": ["d"]})
    report = assign_language(wf, "fr")
    words = next(stage for stage in report.stages if stage.stage == "translation").words
    assert words["a"] <= 1000
    assert words["a"] + words["b"] == sum(count_words(line) for line in lines)
