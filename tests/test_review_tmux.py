"""The real ``hexaglot review`` in a real terminal (tmux): what a person sees, and a SIGKILL after an accept."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from review_support import make_job, segments
from rich.cells import cell_len

from translate.catalog import Catalog, SegmentState, review_of, state_of

HEXAGLOT = str(Path(sys.executable).parent / "hexaglot")
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """One tmux server and session of 160 x 50 running a command."""

    def __init__(self, command: str, width: int = 160, height: int = 50, reviewer: str = "claire") -> None:
        self.socket = f"hx-review-{uuid.uuid4().hex[:8]}"
        pythonpath = shlex.quote(os.environ.get("PYTHONPATH", ""))
        env = (
            f"export HEXAGLOT_REVIEWER={reviewer} PYTHONPATH={pythonpath} TERM=xterm-256color LANG=C.UTF-8;"
            " unset COLUMNS LINES"
        )
        self._tmux("new-session", "-d", "-s", "review", "-x", str(width), "-y", str(height), f"{env}; {command}")

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        return result.stdout

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "review", *keys)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "review")

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"the terminal never showed what was expected; last screen:\n{screen}")

    def wait_ready(self) -> str:
        """The first full frame (Textual may draw once at a default size before it learns the terminal's)."""
        return self.wait_for(lambda s: "done 0/8" in s and "Provenance" in s and "q Quit" in s)

    def pid(self) -> int:
        return int(self._tmux("list-panes", "-t", "review", "-F", "#{pane_pid}").split()[0])

    def close(self) -> None:
        self._tmux("kill-server")


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def _review(wf, lang: str, *extra: str) -> str:
    """``hexaglot review`` of a lead (``--all``) unless ``extra`` says otherwise."""
    extra = extra or ("--all",)
    return " ".join(shlex.quote(part) for part in [HEXAGLOT, "review", str(wf.root), "--lang", lang, *extra])


def _synced(wf) -> Catalog:
    """The PO file as any command sees it: synced from the working store first (the app saves to the store)."""
    from translate.store import sync_language

    sync_language(wf, "fr")
    return Catalog.load(wf.catalog_path("fr"))


def test_a_person_reviews_french_in_the_terminal(tmp_path: Path, terminals: list[Terminal]) -> None:
    wf = make_job(tmp_path)
    terminal = Terminal(_review(wf, "fr") + "; echo EXIT=$?; sleep 30")
    terminals.append(terminal)
    first, second = segments()[0], segments()[1]
    screen = terminal.wait_ready()
    # what a reviewer sees: position, id, the source, the draft, the helpers, progress and keys
    assert f"1/6 {first[0]}" in screen and "draft" in screen
    assert "Source (en)" in screen and "In 2020, 141 countries detected and reported" in screen
    assert "En 2020, 141 pays ont détecté et signalé environ 49 000 victimes" in screen
    for title in ("TM matches", "Glossary", "QA findings", "Provenance"):
        assert title in screen
    assert "engine: marian" in screen
    assert "a Accept" in screen and "q Quit" in screen

    terminal.send("a")
    screen = terminal.wait_for(lambda s: "done 1/8" in s)
    assert f"2/6 {second[0]}" in screen and "85%" in screen  # the TM draft with its fuzzy match
    assert state_of(_synced(wf).entry(first[0])) == SegmentState.APPROVED

    terminal.send("e")
    terminal.wait_for(lambda s: "EDITING" in s)
    terminal.send(*["BSpace"] * len("détectées."))
    # (wait as a person would: Textual may apply a backspace after text that arrives in the same read)
    terminal.wait_for(lambda s: "des victimes détectées" not in s.split("Editing")[1])
    terminal.send("-l", "repérées.")
    terminal.send("C-s")
    screen = terminal.wait_for(lambda s: "EDITING" not in s and "repérées." in s)
    assert "translated" in screen
    terminal.send("r")
    terminal.wait_for(lambda s: "Reject: why?" in s)
    terminal.send("-l", "le chiffre de 2018 était 65 %")
    terminal.send("Enter")
    terminal.wait_for(lambda s: "3/6" in s)
    terminal.send("q")
    screen = terminal.wait_for(lambda s: "EXIT=" in s)
    assert "EXIT=0" in screen and "all saved" in screen
    entry = _synced(wf).entry(second[0])
    assert entry.msgstr == "Les femmes et les filles représentaient 60 % des victimes repérées."
    assert state_of(entry) == SegmentState.REJECTED
    assert review_of(entry) == {**review_of(entry), "by": "claire", "comment": "le chiffre de 2018 était 65 %"}


def test_sigkill_right_after_an_accept_loses_nothing(tmp_path: Path, terminals: list[Terminal]) -> None:
    wf = make_job(tmp_path)
    terminal = Terminal("exec " + _review(wf, "fr"))
    terminals.append(terminal)
    terminal.wait_ready()
    pid = terminal.pid()
    terminal.send("a")
    terminal.wait_for(lambda s: "done 1/8" in s, timeout=20)
    os.kill(pid, signal.SIGKILL)
    catalog = _synced(wf)
    entry = catalog.entry(segments()[0][0])
    assert state_of(entry) == SegmentState.APPROVED
    assert review_of(entry)["by"] == "claire"
    records = [json.loads(line) for line in wf.journal_path("fr").read_text(encoding="utf-8").splitlines()]
    assert [(r["action"], r["segment"], r["state_after"]) for r in records] == [
        ("accept", segments()[0][0], "approved")
    ]
    assert len(catalog) == len(segments())


def test_chinese_stays_aligned_and_arabic_is_reordered(tmp_path: Path, terminals: list[Terminal]) -> None:
    wf = make_job(tmp_path, langs=("zh", "ar"))
    chinese = Terminal(_review(wf, "zh"))
    terminals.append(chinese)
    screen = chinese.wait_ready()
    lines = screen.splitlines()
    row = next(i for i, line in enumerate(lines) if "141个国家发现并报告了约49,000名人口贩运受害者" in line)
    closing = lines[row].index("│", lines[row].index("受害者"))
    pane_bottom = next(line for line in lines[row:] if line.startswith("╰"))
    assert cell_len(lines[row][: closing + 1]) == cell_len(pane_bottom[: pane_bottom.index("╯") + 1])
    assert all(cell_len(line) <= 160 for line in lines)

    arabic = Terminal(_review(wf, "ar", "--all", "--bidi", "reorder"))
    terminals.append(arabic)
    screen = arabic.wait_ready()
    line = next(line for line in screen.splitlines() if "ماع يف" in line)  # "في عام" in visual order
    inside = line.split("│")[1]
    assert inside.rstrip().endswith("ماع يف"), "the first Arabic words are at the right edge"


def _records(wf) -> list[dict]:
    path = wf.journal_path("fr")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_stages_override_and_persisted_queue_in_the_real_app(tmp_path: Path, terminals: list[Terminal]) -> None:
    from translate.catalog import Provenance, set_draft
    from translate.review.routing import assign_language, assigned_to

    wf = make_job(tmp_path)
    convictions = next(seg for seg, source, _ in segments() if source.startswith("Convictions"))
    catalog = _synced(wf)
    set_draft(catalog.entry(convictions), "Les condamnations ont diminué de 72 % en 2020.", Provenance(origin="mt"))
    catalog.save()
    assign_language(wf, "fr")
    mine = [e.msgctxt for e in _synced(wf) if assigned_to(e, "translation") == "amelie"]

    # a translator: accept makes it translated; her "mine" filter and position survive a restart
    amelie = Terminal(_review(wf, "fr", "--stage", "translation") + "; echo EXIT=$?; sleep 30", reviewer="amelie")
    terminals.append(amelie)
    screen = amelie.wait_for(lambda s: "q Quit" in s and "done 1/" in s and "amelie · translation" in s)
    first = next(seg for seg in mine if seg in screen)
    amelie.send("a")
    amelie.wait_for(lambda s: "done 2/" in s)
    amelie.send("l")
    amelie.wait_for(lambda s: "Queue filter" in s)
    amelie.send("-l", "mine")
    amelie.send("Enter")
    amelie.wait_for(lambda s: "[mine]" in s and "Queue filter" not in s)
    amelie.send("g")
    amelie.wait_for(lambda s: "Go to segment" in s)
    amelie.send("-l", first)
    amelie.send("Enter")
    amelie.wait_for(lambda s: f"/{len(mine)} {first}" in s and "Go to segment" not in s)
    amelie.send("q")
    assert "EXIT=0" in amelie.wait_for(lambda s: "EXIT=" in s)
    assert state_of(_synced(wf).entry(first)) == SegmentState.TRANSLATED
    again = Terminal(_review(wf, "fr", "--stage", "translation"), reviewer="amelie")
    terminals.append(again)
    screen = again.wait_for(lambda s: "q Quit" in s and "[mine]" in s)
    assert f"/{len(mine)} {first}" in screen and "done 2/" in screen  # counted from the catalog

    # a reviser who is not senior cannot approve a draft
    denis = Terminal(_review(wf, "fr", "--all", "--queue", "all"), reviewer="denis")
    terminals.append(denis)
    denis.wait_for(lambda s: "q Quit" in s and "denis · revision" in s)
    denis.send("g")
    denis.wait_for(lambda s: "Go to segment" in s)
    denis.send("-l", convictions)
    denis.send("Enter")
    denis.wait_for(lambda s: f"/8 {convictions}" in s and "Go to segment" not in s)
    denis.send("a")
    denis.wait_for(lambda s: "Accept anyway" in s)  # an error first: the override prompt
    denis.send("-l", "checked")
    denis.send("Enter")
    denis.wait_for(lambda s: "not translated yet" in s and "Accept anyway" not in s)
    assert state_of(_synced(wf).entry(convictions)) == SegmentState.DRAFT

    # the senior reviser approves it, with a reason, journaled
    claire = Terminal(_review(wf, "fr", "--all", "--queue", "all") + "; echo EXIT=$?; sleep 30")
    terminals.append(claire)
    claire.wait_for(lambda s: "q Quit" in s and "claire · revision" in s)
    claire.send("g")
    claire.wait_for(lambda s: "Go to segment" in s)
    claire.send("-l", convictions)
    claire.send("Enter")
    claire.wait_for(lambda s: f"/8 {convictions}" in s and "Go to segment" not in s)
    claire.send("a")
    screen = claire.wait_for(lambda s: "Accept anyway" in s)
    assert "error numbers" in screen
    claire.send("-l", "72 is the corrected figure")
    claire.send("Enter")
    claire.wait_for(lambda s: "accept: draft → approved" in s)
    claire.send("q")
    assert "EXIT=0" in claire.wait_for(lambda s: "EXIT=" in s)
    record = _records(wf)[-1]
    assert (record["reviewer"], record["state_after"], record["override"]) == (
        "claire",
        "approved",
        "72 is the corrected figure",
    )


FAULT = """
import errno, os
if os.environ.get("HX_FAULT") == "ENOSPC":
    from translate.store import base

    def _full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    base.WorkingStore.change = _full
"""


def test_a_full_disk_keeps_the_text_and_the_command_fails(tmp_path: Path, terminals: list[Terminal]) -> None:
    wf = make_job(tmp_path)
    fault = tmp_path / "fault"
    fault.mkdir()
    (fault / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    path = f"{fault}:{os.environ.get('PYTHONPATH', '')}"
    command = f"export HX_FAULT=ENOSPC PYTHONPATH={shlex.quote(path)}; {_review(wf, 'fr')}; echo EXIT=$?; sleep 30"
    terminal = Terminal(command)
    terminals.append(terminal)
    terminal.wait_ready()
    terminal.send("e")
    terminal.wait_for(lambda s: "EDITING" in s)
    terminal.send("-l", " Vérifié.")
    terminal.send("C-s")
    screen = terminal.wait_for(lambda s: "NOT SAVED" in s)
    assert "No space left on device" in screen and "EDITING" in screen  # the editor stays open
    terminal.send("C-q")
    screen = terminal.wait_for(lambda s: "EXIT=" in s)
    assert "EXIT=1" in screen and "all saved" not in screen
    assert "typed but NOT saved" in screen and "Vérifié." in screen
