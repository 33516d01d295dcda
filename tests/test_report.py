"""Progress for project leads (translate/report/progress.py, html.py, ``hexaglot status`` extensions).

The job is the sample report's real sources; review history is journaled with past dates, as the review
app would have written it over ten days.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate import journal
from translate.catalog import STATES, Catalog, Provenance, approve, count_words, set_draft, set_meta, state_of
from translate.cli import cli
from translate.importer import import_workflow
from translate.report.html import STATE_COLOURS, render_html
from translate.report.progress import burndown, grouped_status, language_progress, velocity
from translate.report.status import collect_status
from translate.workflow import Workflow, load_workflow

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "workflows" / "glotip-sample" / "sources"
TODAY = dt.date(2026, 11, 27)
SHARE = {"ar": 0.3, "zh": 0.5, "fr": 0.8, "ru": 0.15, "es": 0.6}
"""Share of each language's segments approved over the ten days."""


def _record(day: dt.date, words: int, before: str = "draft", after: str = "approved") -> dict:
    return {"time": f"{day.isoformat()}T10:00:00Z", "words": words, "state_before": before, "state_after": after}


@pytest.fixture
def workflow(tmp_path: Path) -> Workflow:
    """The sample sources, imported, with assignments, drafts and ten days of journaled approvals."""
    if not SOURCES.is_dir() or not any(SOURCES.glob("*.docx")):
        pytest.skip("the sample report's sources (workflows/glotip-sample/sources) are not in this checkout")
    root = tmp_path / "job <&>"
    shutil.copytree(SOURCES, root / "sources", ignore=shutil.ignore_patterns("*.py"))
    sources = ", ".join(f"sources/{path.name}" for path in sorted((root / "sources").iterdir()))
    (root / "workflow.yaml").write_text(f'name: "report <test> & co"\nsources: [{sources}]\n', encoding="utf-8")
    wf = load_workflow(root)
    import_workflow(wf)
    for lang, share in SHARE.items():
        catalog = Catalog.load(wf.catalog_path(lang))
        entries = list(catalog)
        approved = int(share * len(entries))
        for n, entry in enumerate(entries):
            translator = ("amelie", "bastien")[n % 2]
            set_meta(entry, "assign", {"translation": translator, "revision": "claire"} if n % 5 else None)
            if n < approved:
                day = TODAY - dt.timedelta(days=9 - (9 * n) // max(1, approved - 1))
                approve(entry, "claire", text=f"{lang} {n}")
                journal.append(
                    wf.journal_path(lang),
                    {
                        "time": f"{day.isoformat()}T10:00:00Z",
                        "reviewer": "claire",
                        "segment": entry.msgctxt,
                        "action": "accept",
                        "state_before": "draft",
                        "state_after": "approved",
                        "words": count_words(entry.msgid),
                        "stage": "revision",
                    },
                )
            elif n % 3 == 0:
                set_draft(entry, f"{lang} draft {n}", Provenance(origin="mt"))
        catalog.save()
    return wf


# --- velocity and burn-down on hand-made journals ------------------------------------------------------


def test_velocity_is_net_words_approved_per_day_over_the_window() -> None:
    records = [
        _record(TODAY - dt.timedelta(days=20), 500),  # outside a 14-day window
        _record(TODAY - dt.timedelta(days=3), 300),
        _record(TODAY - dt.timedelta(days=1), 160),
        _record(TODAY, 40, before="approved", after="rejected"),  # an approval taken back
        _record(TODAY, 999, before="draft", after="translated"),  # not an approval
    ]
    pace = velocity(records, "fr", words_remaining=840, today=TODAY, window_days=14)
    assert pace.window_days == 14
    assert pace.words_per_day == pytest.approx((300 + 160 - 40) / 14, abs=0.05)
    assert pace.days_left == pytest.approx(840 / (420 / 14), abs=0.05)
    assert pace.eta == (TODAY + dt.timedelta(days=28)).isoformat()


def test_velocity_of_a_young_journal_counts_from_its_first_day() -> None:
    records = [_record(TODAY - dt.timedelta(days=1), 100), _record(TODAY, 100)]
    pace = velocity(records, "ar", words_remaining=1000, today=TODAY)
    assert (pace.window_days, pace.words_per_day, pace.eta) == (2, 100.0, (TODAY + dt.timedelta(days=10)).isoformat())


def test_velocity_without_approvals_has_no_eta() -> None:
    assert velocity([], "ru", 500, today=TODAY).eta is None
    stale = velocity([_record(TODAY - dt.timedelta(days=60), 100)], "ru", 500, today=TODAY, window_days=7)
    assert (stale.words_per_day, stale.eta) == (0.0, None)
    done = velocity([_record(TODAY, 100)], "ru", 0, today=TODAY)
    assert (done.days_left, done.eta) == (0.0, TODAY.isoformat())


def test_burndown_is_anchored_on_todays_count() -> None:
    records = [_record(TODAY - dt.timedelta(days=2), 300), _record(TODAY, 100), _record(TODAY, 20, "approved", "draft")]
    series = burndown(records, words_remaining=1000, today=TODAY)
    assert series == [
        ((TODAY - dt.timedelta(days=2)).isoformat(), 1080),
        ((TODAY - dt.timedelta(days=1)).isoformat(), 1080),
        (TODAY.isoformat(), 1000),
    ]
    assert burndown([], 1000, today=TODAY) == []


# --- groupings on the sample job -----------------------------------------------------------------------


def _assert_five_states(per_lang: dict) -> None:
    for counts in per_lang.values():
        assert list(counts) == [state.value for state in STATES]
        assert all(set(bucket) == {"segments", "words"} for bucket in counts.values())


def test_by_document_adds_up_to_the_language_totals(workflow: Workflow) -> None:
    status = collect_status(workflow)
    grouped = grouped_status(workflow, "document")
    assert grouped["by"] == "document"
    assert set(grouped["groups"]) == {"chapter-1-global-overview", "chapter-2-regional-findings"}
    for per_lang in grouped["groups"].values():
        assert list(per_lang) == list(status["languages"])
        _assert_five_states(per_lang)
    for lang, counts in status["languages"].items():
        for state, bucket in counts.items():
            for unit in ("segments", "words"):
                assert sum(g[lang][state][unit] for g in grouped["groups"].values()) == bucket[unit]


def test_by_reviewer_and_stage_come_from_assignments_and_the_journal(workflow: Workflow) -> None:
    by_reviewer = grouped_status(workflow, "reviewer")
    assert list(by_reviewer["groups"]) == ["amelie", "bastien", "claire", "(unassigned)"]
    fr = Catalog.load(workflow.catalog_path("fr"))
    unassigned = [entry for n, entry in enumerate(fr) if n % 5 == 0]
    assert sum(b["segments"] for b in by_reviewer["groups"]["(unassigned)"]["fr"].values()) == len(unassigned)
    claire = by_reviewer["groups"]["claire"]["fr"]
    assert sum(b["segments"] for b in claire.values()) == len(fr) - len(unassigned)
    _assert_five_states(by_reviewer["groups"]["claire"])
    approved_words = sum(count_words(e.msgid) for e in fr if state_of(e).value == "approved")
    assert by_reviewer["activity"]["claire"]["fr"]["words_approved"] == approved_words
    by_stage = grouped_status(workflow, "stage")
    assert list(by_stage["groups"]) == ["revision", "translation", "(unassigned)"]
    assert by_stage["activity"]["revision"]["ru"]["actions"] == int(SHARE["ru"] * len(fr))


def test_language_progress_from_the_journal(workflow: Workflow) -> None:
    status = collect_status(workflow)
    progress = language_progress(workflow, status, today=TODAY)
    for lang, item in progress.items():
        counts = status["languages"][lang]
        remaining = sum(b["words"] for b in counts.values()) - counts["approved"]["words"]
        assert item["burndown"][-1] == (TODAY.isoformat(), remaining)
        assert len(item["burndown"]) == 10
        assert item["velocity"]["words_per_day"] == pytest.approx(counts["approved"]["words"] / 10, abs=0.05)
    fastest = min(progress, key=lambda lang: progress[lang]["velocity"]["days_left"])
    assert fastest == "fr"


# --- the command line ----------------------------------------------------------------------------------


def _status(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["status", *args], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def test_json_contract_is_kept_and_velocity_is_opt_in(workflow: Workflow) -> None:
    code, out = _status(str(workflow.root), "--format", "json")
    assert code == 0
    assert set(json.loads(out)) == {"workflow", "languages"}
    code, out = _status(str(workflow.root), "--format", "json", "--velocity")
    data = json.loads(out)
    assert set(data) == {"workflow", "languages", "velocity"}
    assert set(data["velocity"]) == set(data["languages"])
    assert data["velocity"]["fr"]["words_per_day"] > 0


def test_status_by_reviewer_as_json_csv_and_table(workflow: Workflow) -> None:
    code, out = _status(str(workflow.root), "--by", "reviewer", "--format", "json")
    assert code == 0 and json.loads(out)["by"] == "reviewer"
    code, out = _status(str(workflow.root), "--by", "stage", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0] == "workflow,stage,language,state,segments,words"
    assert len(lines) == 1 + 3 * 5 * 5
    code, out = _status(str(workflow.root), "--by", "document", "--lang", "fr")
    assert code == 0 and "chapter-1-global-overview" in out and "│ ar" not in out
    code, out = _status(str(workflow.root))
    assert "words/day" in out and "ETA" in out


def test_html_without_output_is_written_to_stdout(workflow: Workflow) -> None:
    code, out = _status(str(workflow.root), "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")


# --- the HTML page -------------------------------------------------------------------------------------


def test_html_is_self_contained_and_escaped(workflow: Workflow, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _ = _status(str(workflow.root), "--format", "html", "--output", str(out))
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "report &lt;test&gt; &amp; co" in page and "report <test>" not in page
    for attribute in ("src=", "href=", "url(", "@import"):
        assert attribute not in page
    links = set(re.findall(r"https?://[^\"'\s<>]+", page))
    assert links == {"http://www.w3.org/2000/svg"}  # the SVG namespace is the only URL
    assert page.count("<polyline") == 5  # one burn-down line per language
    assert "العربية" in page and "中文" in page


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) into rows of pixel bytes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        header = chunk if kind == b"IHDR" else header
        idat += chunk if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, channels, rows


def test_html_renders_in_headless_chromium(workflow: Workflow, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "report.html"
    status = collect_status(workflow)
    page.write_text(
        render_html(status, language_progress(workflow, status), grouped_status(workflow, "document")),
        encoding="utf-8",
    )
    png = tmp_path / "shot.png"
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1200,1600",
        page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=90, check=False)
    assert png.exists(), "chromium wrote no screenshot"
    width, channels, rows = _png_pixels(png)
    assert (width, len(rows)) == (1200, 1600)
    colours: dict[tuple[int, int, int], int] = {}
    for row in rows:
        for x in range(0, width * channels, channels):
            pixel = (row[x], row[x + 1], row[x + 2])
            colours[pixel] = colours.get(pixel, 0) + 1
    non_white = sum(count for pixel, count in colours.items() if min(pixel) < 240)
    assert non_white > 0.05 * width * len(rows)  # text, bars and the chart, not a blank page

    def rgb(hex_colour: str) -> tuple[int, int, int]:
        return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]

    # The stacked bars are drawn: large areas in the approved green, the draft amber and untranslated grey.
    for state in ("approved", "draft", "untranslated"):
        assert colours.get(rgb(STATE_COLOURS[state]), 0) > 2000, state


@pytest.mark.parametrize(
    "args",
    [(), ("--format", "json"), ("--format", "csv"), ("--by", "document"), ("--by", "reviewer", "--format", "json")],
)
def test_status_reads_each_catalog_once(workflow: Workflow, monkeypatch: pytest.MonkeyPatch, args: tuple) -> None:
    """The table path used to parse every PO twice (counts, then drafts by origin): issue 19 item 3. With the
    working store, status counts in the store and parses no PO at all; no path may parse one twice."""
    reads: list[str] = []
    load = Catalog.load.__func__  # type: ignore[attr-defined]

    def counting_load(cls, path, lang=None):
        reads.append(Path(path).name)
        return load(cls, path, lang)

    monkeypatch.setattr(Catalog, "load", classmethod(counting_load))
    code, out = _status(str(workflow.root), *args)
    assert code == 0, out
    assert len(reads) == len(set(reads)), reads
    assert set(reads) <= {f"{lang}.po" for lang in workflow.target_languages}
