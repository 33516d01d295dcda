"""Durable review actions through the working store: states per stage, the journal, waiting writers, two writers at
once, a killed writer, bad catalogs. Each check of the PO file first syncs it from the store (as every command
that reads catalogs does)."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from review_support import make_job, segments

from translate.catalog import Catalog, SegmentState, count_words, get_meta, review_of, state_of
from translate.errors import BadInputError, HexaglotError
from translate.review.store import ReviewStore, StaleSegmentError, accept_target
from translate.store import sync_language
from translate.workflow import load_workflow

STAGES = ("translation", "revision")
pytestmark = pytest.mark.usefixtures("store_backend")  # every test against SQLite and against PostgreSQL


def _synced(wf, lang: str = "fr") -> Catalog:
    """The PO file after a sync: what git sees."""
    sync_language(wf, lang)
    return Catalog.load(wf.catalog_path(lang))


def _state(wf, seg_id: str, lang: str = "fr") -> SegmentState:
    return state_of(_synced(wf, lang).entry(seg_id))


def test_accept_means_translated_in_translation_and_approved_in_revision() -> None:
    assert accept_target("translation", STAGES) == SegmentState.TRANSLATED
    assert accept_target("revision", STAGES) == SegmentState.APPROVED
    assert accept_target(None, STAGES) == SegmentState.APPROVED
    assert accept_target("translation", ("translation",)) == SegmentState.APPROVED


def test_accept_edit_reject_are_on_disk_and_journaled(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    first, second, third = (seg for seg, _, _ in segments()[:3])

    result = store.accept(first, "amelie", stage="translation", target=SegmentState.TRANSLATED)
    assert (result.state_before, result.state_after) == (SegmentState.DRAFT, SegmentState.TRANSLATED)
    assert _state(wf, first) == SegmentState.TRANSLATED

    edited = "Les femmes et les filles représentaient 60 pour cent des victimes détectées."
    store.edit(second, "claire", edited, stage="revision")
    entry = _synced(wf).entry(second)
    assert (entry.msgstr, state_of(entry)) == (edited, SegmentState.TRANSLATED)

    store.accept(second, "claire", stage="revision")
    assert _state(wf, second) == SegmentState.APPROVED

    store.reject(third, "claire", "« affaires de traite » : dire « cas de traite »", stage="revision")
    entry = _synced(wf).entry(third)
    assert state_of(entry) == SegmentState.REJECTED
    assert review_of(entry)["comment"] == "« affaires de traite » : dire « cas de traite »"

    records = [json.loads(line) for line in wf.journal_path("fr").read_text(encoding="utf-8").splitlines()]
    assert [r["action"] for r in records] == ["accept", "edit", "accept", "reject"]
    edit = records[1]
    assert edit["reviewer"] == "claire" and edit["segment"] == second and edit["stage"] == "revision"
    assert edit["before"] == "Les femmes et les filles représentaient 60 % des victimes détectées."
    assert edit["after"] == edited
    assert (edit["state_before"], edit["state_after"]) == ("draft", "translated")
    assert edit["words"] == count_words(segments()[1][1])
    assert records[2]["state_after"] == "approved"


def test_an_empty_text_cannot_be_saved_or_accepted(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    last = segments()[-1][0]  # untranslated
    before = wf.catalog_path("fr").read_bytes()
    with pytest.raises(HexaglotError):
        store.accept(last, "claire")
    with pytest.raises(HexaglotError):
        store.edit(last, "claire", "   ")
    sync_language(wf, "fr")
    assert wf.catalog_path("fr").read_bytes() == before
    assert not wf.journal_path("fr").exists()


def test_an_unknown_segment_changes_nothing(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    before = wf.catalog_path("fr").read_bytes()
    with pytest.raises(HexaglotError, match="no segment"):
        store.accept("chapter-9:deadbeef:1", "claire")
    sync_language(wf, "fr")
    assert wf.catalog_path("fr").read_bytes() == before


def test_a_malformed_catalog_is_bad_input(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    path = wf.catalog_path("fr")
    latin1 = path.read_text(encoding="utf-8").encode("latin-1", errors="replace")  # a wrongly encoded save
    path.write_bytes(latin1)
    with pytest.raises(BadInputError) as error:
        ReviewStore.for_workflow(wf, "fr").accept(segments()[0][0], "claire")
    assert str(path) in str(error.value) and "UTF-8" in str(error.value)
    assert path.read_bytes() == latin1


def _hold_store(store, seconds: float) -> subprocess.Popen:
    """Another process holding the language's write lock for ``seconds`` (like a long bulk transaction):
    SQLite's write lock, or PostgreSQL's exclusive advisory lock of the language."""
    if store.kind == "sqlite":
        take = (
            f"import sqlite3\nconn = sqlite3.connect({store.location!r}, isolation_level=None)\n"
            "conn.execute('BEGIN IMMEDIATE')\n"
        )
    else:
        from translate.store.postgres import _lang_lock

        take = (
            f"import psycopg\nconn = psycopg.connect({store.location!r}, autocommit=True)\n"
            f"conn.execute('SELECT pg_advisory_lock({_lang_lock('fr')})')\n"
        )
    script = take + f"print('held', flush=True)\nimport time\ntime.sleep({seconds})\n"
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_save_waits_for_a_writer_holding_the_store(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    store.load()
    holder = _hold_store(store.store, 1.0)
    finished = threading.Event()

    def accept() -> None:
        store.accept(segments()[0][0], "claire")
        finished.set()

    worker = threading.Thread(target=accept)
    worker.start()
    time.sleep(0.5)
    assert not finished.is_set(), "the accept must wait for the other writer"
    holder.wait(10)
    worker.join(10)
    assert finished.is_set()
    assert _state(wf, segments()[0][0]) == SegmentState.APPROVED


def test_a_store_held_too_long_is_a_clear_error(tmp_path: Path, store_backend: str) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr").store
    ReviewStore.for_workflow(wf, "fr").load()
    if store_backend == "sqlite":
        from translate.store.sqlite import SQLiteStore

        impatient = SQLiteStore(store.location, timeout_ms=200)
    else:
        from translate.store.postgres import PostgresStore

        impatient = PostgresStore(store.location)
        impatient._conn.execute("SET lock_timeout = '200ms'")
    holder = _hold_store(store, 3.0)
    try:
        with pytest.raises(HexaglotError, match="busy"):
            impatient.change("fr", segments()[0][0], lambda entry: setattr(entry, "msgstr", "Autre texte."))
    finally:
        holder.kill()
        holder.wait(10)
        impatient.close()


def _writer(root: str, reviewer: str, seg_ids: list[str], rounds: int) -> None:
    wf = load_workflow(root)
    store = ReviewStore.for_workflow(wf, "fr")
    for number in range(rounds):
        for seg_id in seg_ids:
            entry = store.load().entry(seg_id)
            base = entry.msgstr.split(" ⟨")[0]
            store.edit(seg_id, reviewer, f"{base} ⟨{reviewer} {number}⟩")


def test_two_reviewers_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two processes edit different segments of the same file, each 15 times per segment, interleaved."""
    wf = make_job(tmp_path)
    ids = [seg for seg, _, _ in segments() if Catalog.load(wf.catalog_path("fr")).entry(seg).msgstr]
    halves = {"amelie": ids[0::2], "bastien": ids[1::2]}
    rounds = 15
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_writer, args=(str(wf.root), name, seg_ids, rounds)) for name, seg_ids in halves.items()
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    catalog = _synced(wf)
    for name, seg_ids in halves.items():
        for seg_id in seg_ids:
            assert catalog.entry(seg_id).msgstr.endswith(f"⟨{name} {rounds - 1}⟩"), seg_id
    records = [json.loads(line) for line in wf.journal_path("fr").read_text(encoding="utf-8").splitlines()]
    assert len(records) == rounds * len(ids)
    for record in records:
        assert record["before"] != record["after"]


def test_a_killed_writer_loses_nothing_it_committed(tmp_path: Path) -> None:
    """SIGKILL a process in the middle of many saves: every save it reported done is in the store and, after a
    sync, in a PO file that parses and holds whole entries."""
    wf = make_job(tmp_path)
    seg_id = segments()[0][0]
    script = (
        "import sys\n"
        "from translate.review.store import ReviewStore\n"
        "from translate.workflow import load_workflow\n"
        f"store = ReviewStore.for_workflow(load_workflow({str(wf.root)!r}), 'fr')\n"
        "n = 0\n"
        "while True:\n"
        f"    store.edit({seg_id!r}, 'amelie', 'En 2020, 141 pays ont signalé ' + 'environ ' * 200 + str(n))\n"
        "    n += 1\n"
        "    print(n, flush=True)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    done = [int(process.stdout.readline()) for _ in range(5)]
    process.kill()
    process.wait(10)
    catalog = _synced(wf)
    assert len(catalog) == len(segments())
    text = catalog.entry(seg_id).msgstr
    assert text.startswith("En 2020, 141 pays ont signalé environ")
    assert int(text.rsplit(" ", 1)[1]) >= done[-1] - 1  # the last save it printed (n counts from 0) is kept


def test_two_stores_in_turn_see_each_others_saves(tmp_path: Path) -> None:
    """Each store keeps its last catalog in memory; a save by anybody else is noticed (new inode) and re-read."""
    wf = make_job(tmp_path)
    first, second, third = (seg for seg, _, _ in segments()[:3])
    claire, denis = ReviewStore.for_workflow(wf, "fr"), ReviewStore.for_workflow(wf, "fr")
    claire.accept(first, "claire")
    denis.edit(second, "denis", "Les femmes et les filles : 60 % des victimes détectées.")
    claire.accept(third, "claire")
    on_disk = _synced(wf)
    assert state_of(on_disk.entry(first)) == SegmentState.APPROVED
    assert on_disk.entry(second).msgstr == "Les femmes et les filles : 60 % des victimes détectées."
    assert state_of(on_disk.entry(third)) == SegmentState.APPROVED


def test_an_untranslated_segment_cannot_be_rejected(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    with pytest.raises(HexaglotError, match="nothing to reject"):
        store.reject(segments()[-1][0], "claire", "missing")
    with pytest.raises(HexaglotError, match="needs a comment"):
        store.reject(segments()[0][0], "claire", "  ")
    assert _state(wf, segments()[-1][0]) == SegmentState.UNTRANSLATED


def test_accepting_text_changed_meanwhile_by_someone_else_is_refused(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    first = segments()[0][0]
    shown = Catalog.load(wf.catalog_path("fr")).entry(first).msgstr  # what claire is looking at
    denis_text = "En 2020, 141 pays ont détecté et signalé quelque 49 000 victimes de la traite des personnes."
    ReviewStore.for_workflow(wf, "fr").edit(first, "denis", denis_text)
    claire = ReviewStore.for_workflow(wf, "fr")
    with pytest.raises(StaleSegmentError, match="changed by denis"):
        claire.accept(first, "claire", seen=shown)
    with pytest.raises(StaleSegmentError):
        claire.reject(first, "claire", "trop libre", seen=shown)
    entry = _synced(wf).entry(first)
    assert (entry.msgstr, state_of(entry)) == (denis_text, SegmentState.TRANSLATED)
    # an edit typed meanwhile is saved, and denis's version is kept beside it
    claire.edit(first, "claire", "En 2020, 141 pays ont recensé environ 49 000 victimes.", seen=shown)
    entry = _synced(wf).entry(first)
    assert entry.msgstr == "En 2020, 141 pays ont recensé environ 49 000 victimes."
    assert get_meta(entry, "merged") == {
        "side": "concurrent",
        "msgstr": denis_text,
        "state": "translated",
        "by": "denis",
    }
