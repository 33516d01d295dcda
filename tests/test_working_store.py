"""The working store against both back ends: the PO file written from it byte-stable, edits to the file (by hand,
by git) read back with the merge driver's rules, migrations, drafts only into untranslated segments, status counted
in the store, the ``sync`` command, and credentials never in workflow.yaml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from review_support import make_job, segments

from translate.catalog import Catalog, Provenance, SegmentState, approve, get_meta, set_draft, state_of
from translate.errors import BadInputError
from translate.merge import MERGED_META
from translate.review.store import ReviewStore
from translate.store import catalog_from_store, open_store, sync_language
from translate.store.base import MIGRATIONS
from translate.store.rows import head_text, render, rows_of
from translate.workflow import load_workflow

pytestmark = pytest.mark.usefixtures("store_backend")
FR_APPROVED = "En 2020, 141 pays ont détecté et signalé environ 49 000 victimes de la traite des personnes."


def _hexaglot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "translate.cli", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_rows_render_exactly_what_polib_writes(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    po = polib.pofile(str(wf.catalog_path("fr")), wrapwidth=0)
    assert render(head_text(po), rows_of(po)) == str(po)


def test_an_entry_rebuilt_from_its_stored_fields_writes_the_same_text(tmp_path: Path) -> None:
    """Saves rebuild entries from the ``fields`` JSON instead of the PO parser: it must lose nothing (the sample
    catalogs in five languages, plurals, obsolete and previous-msgid entries)."""
    from translate.store.rows import entry_fields, entry_from_fields, entry_text

    sample = Path(__file__).resolve().parents[1] / "workflows" / "glotip-sample" / "translations"
    entries = [entry for path in sorted(sample.glob("*.po")) for entry in polib.pofile(str(path), wrapwidth=0)]
    plural = polib.POEntry(msgid="one victim", msgid_plural="{n} victims", msgstr_plural={0: "une", 1: "{n}"})
    old = polib.POEntry(msgctxt="a:1:1", msgid='Old "quoted"\nline', msgstr="x", obsolete=True)
    moved = polib.POEntry(msgctxt="a:1:2", msgid="New", msgstr="Nouveau", flags=["fuzzy", "ignore-numbers"])
    moved.previous_msgid, moved.occurrences, moved.comment = "Old", [("a.md", "3")], "heading 2"
    entries += [plural, old, moved]
    assert len(entries) > 500
    for entry in entries:
        assert entry_text(entry_from_fields(entry_fields(entry))) == entry_text(entry)


def test_the_po_file_is_written_from_the_store_byte_for_byte_stable(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    first, second = segments()[0][0], segments()[1][0]
    store.accept(first, "claire")
    store.edit(second, "amelie", "Les femmes et les filles : 60 % des victimes.")
    assert sync_language(wf, "fr").written
    written = wf.catalog_path("fr").read_bytes()
    assert not sync_language(wf, "fr").written, "nothing changed: the file is not rewritten"
    wf.catalog_path("fr").unlink()
    assert sync_language(wf, "fr").written
    assert wf.catalog_path("fr").read_bytes() == written, "same content, same bytes"
    catalog = Catalog.load(wf.catalog_path("fr"))
    assert state_of(catalog.entry(first)) is SegmentState.APPROVED
    assert catalog.entry(second).msgstr == "Les femmes et les filles : 60 % des victimes."
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(wf.catalog_path("fr"))], capture_output=True)
    assert done.returncode == 0, done.stderr


def test_a_hand_edit_of_the_po_file_is_read_back_beside_the_stores_saves(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    first, second = segments()[0][0], segments()[1][0]
    store.accept(first, "claire")  # in the store only
    path = wf.catalog_path("fr")
    text = path.read_text(encoding="utf-8")
    old = Catalog.load(path).entry(second).msgstr
    path.write_text(text.replace(old, "Texte corrigé à la main dans Poedit."), encoding="utf-8")
    report = sync_language(wf, "fr")
    assert report.read_back and report.written and report.changed == 1
    for catalog in (Catalog.load(path), catalog_from_store(wf, "fr")):
        assert state_of(catalog.entry(first)) is SegmentState.APPROVED
        assert catalog.entry(second).msgstr == "Texte corrigé à la main dans Poedit."
    # the review app sees it too
    assert ReviewStore.for_workflow(wf, "fr").load().entry(second).msgstr == "Texte corrigé à la main dans Poedit."


def test_a_pulled_file_and_the_store_changed_the_same_segment_merge_by_the_drivers_rules(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    path = wf.catalog_path("fr")
    first, second = segments()[0][0], segments()[1][0]
    sync_language(wf, "fr")
    # a colleague's branch (pulled): segment 1 approved with other words, segment 2 edited (draft kept)
    pulled = Catalog.load(path)
    approve(pulled.entry(first), by="denis", text="En 2020, 141 pays ont recensé 49 000 victimes.")
    set_draft(pulled.entry(second), "Brouillon révisé.", Provenance(origin="mt", engine="marian"))
    # meanwhile here: segment 1 approved differently, segment 2 translated by a human
    store = ReviewStore.for_workflow(wf, "fr")
    store.accept(first, "claire", text=FR_APPROVED)
    store.edit(second, "amelie", "Les femmes et les filles représentaient 60 % des victimes.")
    pulled.save()
    report = sync_language(wf, "fr")
    assert report.conflicts == [first], "two different approvals are the one true conflict"
    assert second in report.resolved
    catalog = Catalog.load(path)
    kept = catalog.entry(second)
    assert kept.msgstr == "Les femmes et les filles représentaient 60 % des victimes."  # translated beats draft
    assert get_meta(kept, MERGED_META)["msgstr"] == "Brouillon révisé."
    other = get_meta(catalog.entry(first), MERGED_META)
    pulled_text = "En 2020, 141 pays ont recensé 49 000 victimes."
    assert {catalog.entry(first).msgstr, other["msgstr"]} == {FR_APPROVED, pulled_text}
    assert catalog_from_store(wf, "fr").entry(second).msgstr == kept.msgstr


def test_a_malformed_edit_is_bad_input_and_leaves_the_store_alone(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    store.accept(segments()[0][0], "claire")
    path = wf.catalog_path("fr")
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "x"\nbogus\n', encoding="utf-8")
    with pytest.raises(BadInputError, match="malformed PO"):
        sync_language(wf, "fr")
    assert state_of(catalog_from_store(wf, "fr").entry(segments()[0][0])) is SegmentState.APPROVED


def test_migrations_are_versioned_and_applied_once(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = open_store(wf)
    assert store.schema_version() == MIGRATIONS[-1][0]
    rows = store._read("SELECT version FROM hx_migrations ORDER BY version")
    assert [version for (version,) in rows] == [version for version, _ in MIGRATIONS]
    again = type(store)(store.location)  # a second process opening the same store applies nothing twice
    assert again.schema_version() == MIGRATIONS[-1][0]
    again.close()


def test_status_counts_the_stores_saves_and_sync_writes_them(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    store = ReviewStore.for_workflow(wf, "fr")
    store.accept(segments()[0][0], "claire")
    store.accept(segments()[1][0], "claire")
    done = _hexaglot("status", str(wf.root), "--lang", "fr", "--format", "json")
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)["languages"]["fr"]
    assert counts["approved"]["segments"] == 2
    expected = {state.value: 0 for state in SegmentState}
    for entry in catalog_from_store(wf, "fr"):
        expected[state_of(entry).value] += 1
    assert {state: bucket["segments"] for state, bucket in counts.items()} == expected
    synced = _hexaglot("sync", str(wf.root), "--lang", "fr")
    assert synced.returncode == 0, synced.stderr
    assert "fr: " in synced.stdout
    assert sum(state_of(e) is SegmentState.APPROVED for e in Catalog.load(wf.catalog_path("fr"))) == 2


def test_drafts_go_only_into_segments_still_untranslated_and_keep_other_comments(tmp_path: Path) -> None:
    from translate.store.drafts import StoreDraftSaver

    wf = make_job(tmp_path)
    untranslated = segments()[-1][0]
    machine = ReviewStore.for_workflow(wf, "fr").load()
    saver = StoreDraftSaver(machine, open_store(wf), "fr")
    # meanwhile a linguist adds a note of their own to the segment (a bulk transaction, as import-xliff does)
    reviewer = ReviewStore.for_workflow(wf, "fr")
    with reviewer.transaction() as catalog:
        catalog.entry(untranslated).tcomment = "Vérifier le chiffre avec l'ONUDC."
    set_draft(machine.entry(untranslated), "La traite est un crime grave.", Provenance(origin="mt", engine="marian"))
    assert saver.save([machine.entry(untranslated)]) == 1
    stored = catalog_from_store(wf, "fr").entry(untranslated)
    assert state_of(stored) is SegmentState.DRAFT and stored.msgstr == "La traite est un crime grave."
    assert "Vérifier le chiffre avec l'ONUDC." in stored.tcomment
    # a human took the segment: a later draft of it is skipped
    reviewer.edit(untranslated, "amelie", "La traite des personnes est un crime grave.")
    set_draft(machine.entry(untranslated), "Autre brouillon.", Provenance(origin="mt", engine="marian"))
    assert saver.save([machine.entry(untranslated)]) == 0 and saver.skipped == 1
    assert catalog_from_store(wf, "fr").entry(untranslated).msgstr == "La traite des personnes est un crime grave."


def test_a_password_in_workflow_yaml_is_refused(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    yaml_path = wf.root / "workflow.yaml"
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8") + "store: postgresql://claire:s3cret@db.example.org/hexaglot\n",
        encoding="utf-8",
    )
    with pytest.raises(BadInputError, match=r"no password in workflow\.yaml"):
        load_workflow(wf.root)
    done = _hexaglot("status", str(wf.root))
    assert done.returncode == 2 and "Traceback" not in done.stderr and "PGPASSWORD" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_save_whose_row_changed_before_its_write_is_applied_again_to_the_new_row(tmp_path: Path) -> None:
    """The store reads the row, changes it, and writes only if nobody saved it in between; otherwise it reads
    it again and re-applies (so the other save is never overwritten unseen)."""
    wf = make_job(tmp_path)
    first = segments()[0][0]
    store = open_store(wf)
    ReviewStore.for_workflow(wf, "fr").load()
    calls: list[str] = []

    def add_note(entry: polib.POEntry) -> None:
        calls.append(entry.msgstr)
        if len(calls) == 1:  # another reviewer saves the segment between this read and this write
            ReviewStore.for_workflow(wf, "fr").edit(first, "denis", "Texte de Denis.")
        entry.tcomment = (entry.tcomment + "\nNote de Claire.").strip()

    store.change("fr", first, add_note)
    assert len(calls) == 2 and calls[1] == "Texte de Denis."
    entry = catalog_from_store(wf, "fr").entry(first)
    assert entry.msgstr == "Texte de Denis." and "Note de Claire." in entry.tcomment


def test_check_sees_the_stores_saves_and_caches_by_file_signature(tmp_path: Path) -> None:
    wf = make_job(tmp_path)
    env = {**os.environ, "HEXAGLOT_CACHE": str(tmp_path / "cache")}

    def check() -> tuple[str, list[dict]]:
        done = subprocess.run(
            [sys.executable, "-m", "translate.cli", "check", str(wf.root), "--lang", "fr", "--format", "json"],
            capture_output=True, text=True, timeout=300, env=env, check=False,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr
        return done.stdout, json.loads(done.stdout)["findings"]

    first_out, first = check()
    assert check()[0] == first_out
    assert len(list((tmp_path / "cache" / "check").glob("*.out"))) == 1, "the second run was answered from the cache"
    report = tmp_path / "report.json"
    written = []
    for _ in range(2):  # a miss (another option set), then a hit written to the file as the miss wrote it
        done = subprocess.run(
            [sys.executable, "-m", "translate.cli", "check", str(wf.root), "--lang", "fr", "-o", str(report)],
            capture_output=True, text=True, timeout=300, env=env, check=False,
        )  # fmt: skip
        assert done.returncode in (0, 1) and done.stdout == "", done.stderr
        written.append(report.read_bytes())
    assert written[0] and written[1] == written[0]
    assert len(list((tmp_path / "cache" / "check").glob("*.out"))) == 2
    seg = segments()[0][0]
    assert not [f for f in first if f.get("msgctxt") == seg and f["check"] == "numbers"]
    ReviewStore.for_workflow(wf, "fr").edit(seg, "amelie", "En 2020, 999 pays ont signalé 49 000 victimes.")
    _, after = check()  # the check syncs the store into the file first: a new signature, a new run
    assert [f for f in after if f.get("msgctxt") == seg and f["check"] == "numbers"]
    assert len(list((tmp_path / "cache" / "check").glob("*.out"))) == 3


def test_a_git_merge_of_a_colleagues_branch_is_read_back_beside_unsynced_saves(tmp_path: Path) -> None:
    """Real git with the merge driver: a colleague's branch approved one segment; here one segment was approved and
    synced (committed), another saved in the store only. After ``git merge`` the sync keeps all three."""
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    wf = make_job(tmp_path)
    root, hexaglot = wf.root, str(Path(sys.executable).parent / "hexaglot")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=60)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "lead@example.org")
    git("config", "user.name", "Lead")
    git("config", "merge.hexaglot.driver", f"{hexaglot} merge-driver %O %A %B")
    (root / ".gitattributes").write_text("translations/*.po merge=hexaglot\n", encoding="utf-8")
    sync_language(wf, "fr")
    git("add", ".")
    git("commit", "-q", "-m", "drafts")
    assert ".hexaglot" not in subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True).stdout
    first, second, third = (seg for seg, _, _ in segments()[:3])
    git("checkout", "-q", "-b", "geneva")
    colleague = Catalog.load(wf.catalog_path("fr"))
    approve(colleague.entry(second), by="denis", text="Les femmes et les filles : 60 % des victimes détectées.")
    colleague.save()
    git("commit", "-q", "-am", "Geneva revision")
    git("checkout", "-q", "main")
    store = ReviewStore.for_workflow(wf, "fr")
    store.accept(first, "claire", text=FR_APPROVED)
    sync_language(wf, "fr")
    git("commit", "-q", "-am", "New York revision")
    store.accept(third, "claire")  # saved in the store, not yet in the file
    git("merge", "-q", "--no-edit", "geneva")
    report = sync_language(wf, "fr")
    assert report.read_back and not report.conflicts
    for catalog in (Catalog.load(wf.catalog_path("fr")), catalog_from_store(wf, "fr")):
        assert catalog.entry(first).msgstr == FR_APPROVED
        assert catalog.entry(second).msgstr == "Les femmes et les filles : 60 % des victimes détectées."
        assert all(state_of(catalog.entry(seg)) is SegmentState.APPROVED for seg in (first, second, third))


def test_a_store_belongs_to_one_workflow(tmp_path: Path) -> None:
    """Rows are keyed by language: a second workflow pointed at the same store is refused, not mixed in."""
    from translate.errors import HexaglotError

    wf = make_job(tmp_path)
    store = open_store(wf)
    store.claim(wf.name)  # the same workflow again: fine
    with pytest.raises(HexaglotError, match="give each workflow its own database"):
        store.claim("another-report")


def test_drafting_saves_each_batch_to_the_store_and_writes_the_po_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19 item 1: 40 untranslated segments drafted in batches of 4 are 10 store saves and ONE PO write (the
    previous design rewrote the whole catalog after every batch)."""
    from translate import catalog as catalog_module
    from translate import draft as draft_module
    from translate import fileio
    from translate import store as store_module
    from translate.mt.base import Engine
    from translate.store.drafts import StoreDraftSaver

    class Reversing(Engine):
        name = "reversing"
        needs_model = False

        def load(self) -> None:
            return None

        def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str]:
            return [" ".join(reversed(text.split())) for text in texts]

        def supports(self, lang: str) -> bool:
            return True

        def resolve(self) -> None:
            return None

        def fingerprint(self) -> str:
            return "reversing"

    root = tmp_path / "job"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "a.md").write_text("# A\n", encoding="utf-8")
    data = {"name": "job", "sources": ["sources/a.md"], "target_languages": ["fr"],
            "mt": {"default": {"engine": "marian", "batch_size": 4}}}  # fmt: skip
    (root / "workflow.yaml").write_text(json.dumps(data), encoding="utf-8")
    catalog = Catalog.new(root / "translations" / "fr.po", "fr", "job")
    for n in range(40):
        catalog.po.append(polib.POEntry(msgctxt=f"a:{n:04x}:1", msgid=f"Sentence number {n} about victims.", msgstr=""))
    catalog.save()
    wf = load_workflow(root)
    monkeypatch.setattr(draft_module, "create_engine", lambda *a, **kw: Reversing(model=None, batch_size=4))
    monkeypatch.setenv("HEXAGLOT_CACHE", str(tmp_path / "cache"))
    po_writes: list[Path] = []
    original = fileio.atomic_write_text

    def counting(target, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(target).name == "fr.po":
            po_writes.append(Path(target))
        return original(target, *args, **kwargs)

    for module in (fileio, catalog_module, store_module):
        monkeypatch.setattr(module, "atomic_write_text", counting, raising=False)
    saves: list[int] = []
    real_save = StoreDraftSaver.save

    def recording(self, entries=None):  # type: ignore[no-untyped-def]
        written = real_save(self, entries)
        saves.append(written)
        return written

    monkeypatch.setattr(StoreDraftSaver, "save", recording)
    report = draft_module.draft_workflow(wf, ["fr"])["fr"]
    assert report.mt_drafts == 40
    assert [count for count in saves if count] == [4] * 10, saves
    assert len(po_writes) == 1, po_writes
    drafted = list(Catalog.load(wf.catalog_path("fr")))
    assert (
        drafted[7].msgstr == "Victims. about 7 number Sentence"
    )  # first letter capitalised as its source and state_of(drafted[7]) is SegmentState.DRAFT
