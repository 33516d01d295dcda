"""Issue 10, data loss: each test reproduced a way a linguist's work was silently lost before it was fixed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from translate.catalog import Catalog, Provenance, SegmentState, get_meta, set_draft, set_meta, state_of
from translate.mt.base import Engine
from translate.workflow import load_workflow

HEXAGLOT = [sys.executable, "-m", "translate.cli"]


def _hexaglot(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*HEXAGLOT, *args], capture_output=True, text=True, timeout=300, check=False)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _assignments(po_path: Path) -> int:
    return sum(1 for entry in polib.pofile(str(po_path), wrapwidth=0) if get_meta(entry, "assign"))


# --- item 1: draft writes only the segments it drafted, and only its own metadata -------------------------------


class _AssignMidway(Engine):
    """An MT engine whose first batch waits for a real ``hexaglot assign`` run (another process) to finish:
    the assignment lands while the draft holds its stale copy of the catalog."""

    name = "assign-midway"
    needs_model = False

    def __init__(self, root: Path, lang: str) -> None:
        super().__init__(batch_size=4)
        self.root, self.lang, self.assigned = root, lang, None

    def load(self) -> None:
        pass

    def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str]:
        if self.assigned is None:
            _hexaglot("assign", str(self.root), "--lang", self.lang, check=True)
            self.assigned = _assignments(self.root / "translations" / f"{self.lang}.po")
        return [f"[{lang}] {text}" for text in texts]


def test_assign_while_a_draft_runs_keeps_every_assignment(sample_workflow: Path, monkeypatch) -> None:
    """Reproduced: 6,000 assignments right after assign, 0 after the draft saved (its stale copy's comments were
    copied into every still-untranslated segment)."""
    import translate.draft as draft_module

    _hexaglot("import", str(sample_workflow), "--lang", "fr", check=True)
    engine = _AssignMidway(sample_workflow, "fr")
    monkeypatch.setattr(draft_module, "create_engine", lambda *args, **kwargs: engine)
    wf = load_workflow(sample_workflow)
    reports = draft_module.draft_workflow(wf, langs=["fr"], engine="marian", strict=True)
    assert reports["fr"].mt_drafts > 50
    assert engine.assigned and engine.assigned > 100, "assign ran in the middle of the draft"
    po_path = wf.catalog_path("fr")
    assert _assignments(po_path) == engine.assigned, "every assignment survives the draft's saves"
    drafted = [entry for entry in polib.pofile(str(po_path), wrapwidth=0) if entry.msgstr.startswith("[fr] ")]
    assert len(drafted) == reports["fr"].mt_drafts
    assert all(get_meta(entry, "assign") for entry in drafted), "drafted segments keep their assignment too"
    # and the store agrees with the file
    status = _hexaglot("status", str(sample_workflow), "--by", "reviewer", "--format", "json", check=True)
    assert "amelie.laurent" in status.stdout


def test_the_file_draft_saver_copies_only_the_draft_into_an_assigned_segment(tmp_path: Path) -> None:
    """The file-based :class:`DraftSaver` (the store's fallback interface) had the same bug: its merge copied the
    stale copy's whole translator comment and flags over the segment."""
    from translate.catalog import DraftSaver

    path = tmp_path / "fr.po"
    catalog = Catalog.new(path, "fr", "test")
    sources = ["Most detected victims were women.", "Trafficking in persons is a crime."]
    for number, source in enumerate(sources, start=1):
        catalog.po.append(polib.POEntry(msgctxt=f"doc:p1:{number}", msgid=source, msgstr=""))
    catalog.save()
    machine = Catalog.load(path)
    saver = DraftSaver(machine, tmp_path / "fr.lock")
    reviewer = Catalog.load(path)
    for entry in reviewer:
        set_meta(entry, "assign", {"translation": "amelie", "revision": "claire"})
        entry.flags.append("ignore-numbers")
    reviewer.entry("doc:p1:1").tcomment += "\nVérifier avec l'ONUDC."
    reviewer.save()
    set_draft(machine.entry("doc:p1:1"), "La plupart des victimes étaient des femmes.", Provenance(origin="mt"))
    saver.save()
    final = Catalog.load(path)
    first, second = final.entry("doc:p1:1"), final.entry("doc:p1:2")
    assert state_of(first) is SegmentState.DRAFT and first.msgstr.startswith("La plupart")
    assert get_meta(first, "assign") == {"translation": "amelie", "revision": "claire"}
    assert "Vérifier avec l'ONUDC." in first.tcomment and "ignore-numbers" in first.flags
    assert get_meta(second, "assign") == {"translation": "amelie", "revision": "claire"}, "not drafted: untouched"
    assert "ignore-numbers" in second.flags
    assert get_meta(first, "provenance")["origin"] == "mt"


# --- item 2: a PO file that gettext rejects is never read as something else --------------------------------------

BROKEN = {
    "unterminated msgstr": ('msgstr "{text}"', 'msgstr "{text}'),
    "unterminated msgid": ('msgid "{source}"', 'msgid "{source}'),
    "unterminated msgctxt": ('msgctxt "{ctxt}"', 'msgctxt "{ctxt}'),
    "invalid escape": ('msgstr "{text}"', 'msgstr "{text} \\q"'),
}


def _approved_entry(po_path: Path) -> polib.POEntry:
    from translate.catalog import approve

    catalog = Catalog.load(po_path)
    entry = next(e for e in catalog if e.msgstr and '"' not in e.msgid + e.msgstr and "\\" not in e.msgid + e.msgstr)
    approve(entry, by="claire.dubois")
    catalog.save()
    return entry


def _break(po_path: Path, entry: polib.POEntry, kind: str) -> int:
    """Break the approved entry's line as ``kind`` says; returns the broken line's number."""
    good, bad = BROKEN[kind]
    values = {"text": entry.msgstr, "source": entry.msgid, "ctxt": entry.msgctxt}
    text = po_path.read_text(encoding="utf-8")
    assert text.count(good.format(**values)) == 1
    text = text.replace(good.format(**values), bad.format(**values))
    po_path.write_text(text, encoding="utf-8")
    return text.splitlines().index(bad.format(**values)) + 1


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_polib_alone_misreads_what_gettext_rejects(tmp_path: Path, kind: str) -> None:
    """The reproduction: msgfmt rejects each broken file, polib reads it without a word."""
    path = tmp_path / "fr.po"
    catalog = Catalog.new(path, "fr", "test")
    catalog.po.append(polib.POEntry(msgctxt="ch1:p1:1", msgid="General introduction", msgstr="Introduction générale"))
    catalog.save()
    line = _break(path, catalog.po[0], kind)
    gettext = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert gettext.returncode == 1
    # gettext names the line after an unterminated string (it has read the newline); we name the string's own line
    assert f"fr.po:{line}:" in gettext.stderr or f"fr.po:{line + 1}:" in gettext.stderr
    polib.pofile(str(path))  # no error: that was the bug
    from translate.errors import BadInputError

    with pytest.raises(BadInputError) as caught:
        Catalog.load(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_a_po_whose_content_is_a_file_path_is_not_read_as_that_file(tmp_path: Path) -> None:
    other = tmp_path / "other.po"
    catalog = Catalog.new(other, "fr", "test")
    catalog.po.append(polib.POEntry(msgctxt="a:1:1", msgid="Victims", msgstr="Victimes", flags=["hx-approved"]))
    catalog.save()
    trap = tmp_path / "fr.po"
    trap.write_text(str(other), encoding="utf-8")
    assert len(polib.pofile(trap.read_text(encoding="utf-8"))) == 1, "polib reads the named file"
    from translate.errors import BadInputError

    with pytest.raises(BadInputError, match=rf"^{trap}:1: malformed PO: syntax error"):
        Catalog.load(trap)
    for command in (["check", str(trap)], ["merge-driver", str(other), str(other), str(trap)]):
        done = _hexaglot(*command)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2 and len(lines) == 1 and f"{trap}:1: malformed PO" in lines[0], done.stderr


def _commands(root: Path, po_path: Path) -> dict[str, list[str]]:
    base = po_path.with_name("base.po")
    return {
        "import": ["import", str(root)],
        "status": ["status", str(root)],
        "check": ["check", str(root)],
        "check file": ["check", str(po_path)],
        "sync": ["sync", str(root)],
        "export": ["export", str(root), "--lang", "fr", "--format", "po", "-o", str(root.parent / "out.po")],
        "review": ["review", str(root), "--lang", "fr", "--reviewer", "claire.dubois"],
        "assign": ["assign", str(root)],
        "draft": ["draft", str(root), "--lang", "fr", "--engine", "none"],
        "tm update": ["tm", "update", str(root)],
        "merge-driver theirs": ["merge-driver", str(base), str(base.with_name("ours.po")), str(po_path)],
        "merge-driver ours": ["merge-driver", str(base), str(po_path), str(base)],
        "merge-driver base": ["merge-driver", str(po_path), str(base), str(base.with_name("ours.po"))],
        "run": ["run", str(root), "--lang", "fr", "--no-draft"],
        "evaluate": ["evaluate", str(root), "--lang", "fr"],
    }


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_every_command_refuses_a_broken_catalog_with_its_file_and_line(sample_workflow: Path, kind: str) -> None:
    import shutil

    from conftest import SAMPLE_WORKFLOW

    (sample_workflow / "translations").mkdir()
    shutil.copy(SAMPLE_WORKFLOW / "translations" / "fr.po", sample_workflow / "translations" / "fr.po")
    wf = load_workflow(sample_workflow)
    po_path = wf.catalog_path("fr")
    entry = _approved_entry(po_path)
    _hexaglot("sync", str(sample_workflow), check=True)  # the store holds the approval
    shutil.copy(po_path, po_path.with_name("base.po"))
    shutil.copy(po_path, po_path.with_name("ours.po"))
    line = _break(po_path, entry, kind)
    broken = po_path.read_bytes()
    for name, args in _commands(sample_workflow, po_path).items():
        done = _hexaglot(*args)
        assert done.returncode == 2, (name, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, name
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and f"fr.po:{line}: " in lines[0], (name, done.stderr)
        assert po_path.read_bytes() == broken, f"{name} rewrote the broken file"
    assert not (sample_workflow.parent / "out.po").exists()


GETTEXT_SYNTAX = (
    "end-of-line within string",
    "end-of-file within string",
    "invalid control sequence",
    "syntax error",
    "missing 'msgstr' section",
    "plural form has wrong index",
    "first plural form has nonzero index",
    "inconsistent use of #~",
)


def _mutations(text: str, seed: int) -> list[tuple[str, str]]:
    """Syntactic damage of the kinds seen in hand-edited and badly merged catalogs, at random places."""
    import random

    rng = random.Random(seed)
    lines = text.split("\n")
    strings = [n for n, line in enumerate(lines) if line.rstrip().endswith('"') and not line.startswith("#")]
    keywords = [n for n, line in enumerate(lines) if line.startswith(("msgid ", "msgstr", "msgctxt "))]
    msgstrs = [n for n, line in enumerate(lines) if line.startswith("msgstr ")]
    found: list[tuple[str, str]] = []

    def at(kind: str, n: int, new: list[str]) -> None:
        found.append((f"{kind}@{n + 1}", "\n".join(lines[:n] + new + lines[n + 1 :])))

    for _ in range(6):
        n = rng.choice(strings)
        at("unterminated", n, [lines[n].rstrip()[:-1]])
        n = rng.choice(strings)
        escape = rng.choice(["\\q", "\\?", "\\e", "\\x", "\\8", "\\t", "\\x41", "\\101", "\\a", "\\\\", '\\"'])
        at(f"escape {escape}", n, [lines[n].rstrip()[:-1] + escape + '"'])
        n = rng.choice(keywords)
        at("keyword dropped", n, [lines[n].split(" ", 1)[1]])
        n = rng.choice(msgstrs)
        at("comment inside", n, ["# a note", lines[n]])
        n = rng.choice(msgstrs)
        at("msgstr doubled", n, [lines[n], lines[n]])
        n = rng.choice(keywords)
        at("obsolete mark", n, ["#~ " + lines[n]])
        n = rng.choice(keywords)
        at("stray word", n, ["Introduction", lines[n]])
        n = rng.choice(msgstrs)
        at("plural index", n, [lines[n].replace("msgstr ", "msgstr[1] ", 1)])
    return found


def test_the_syntax_check_agrees_with_msgfmt_on_damaged_real_catalogs(tmp_path: Path) -> None:
    """An independent reference: on 96 damaged copies of real catalogs (the sample's French, a Pootle UI catalog
    with plurals when ../shared is there), a file is refused exactly when ``msgfmt --check`` finds a syntax error."""
    from conftest import SAMPLE_WORKFLOW, SHARED_DATA

    from translate.errors import BadInputError
    from translate.po_syntax import check_po_syntax

    sources = [SAMPLE_WORKFLOW / "translations" / "fr.po"]
    pootle = SHARED_DATA / "po-pootle-ui" / "pootle" / "locale" / "ru" / "pootle_js.po"
    if pootle.exists():
        sources.append(pootle)
    checked = 0
    for number, source in enumerate(sources):
        text = source.read_text(encoding="utf-8")
        check_po_syntax(source, text)  # the undamaged file is fine
        for kind, damaged in _mutations(text, seed=number):
            path = tmp_path / "damaged.po"
            path.write_text(damaged, encoding="utf-8")
            gettext = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True,
                                     text=True)  # fmt: skip
            rejected_by_gettext = any(message in gettext.stderr for message in GETTEXT_SYNTAX)
            try:
                check_po_syntax(path, damaged)
                refused = None
            except BadInputError as error:
                refused = str(error)
            assert (refused is not None) == rejected_by_gettext, (source.name, kind, refused, gettext.stderr)
            checked += 1
    assert checked >= 48


# --- item 5: memory writes are locked and never replace ----------------------------------------------------------


def _approved_job(root: Path, count: int) -> Path:
    """A workflow with fr and es catalogs of ``count`` approved segments each (real UN sentences, FLORES-style)."""
    from translate.catalog import approve

    (root / "memories").mkdir(parents=True)
    (root / "workflow.yaml").write_text(
        "name: wb\ntarget_languages: [fr, es]\nsources: [s.md]\nmemories: [memories]\n", encoding="utf-8"
    )
    wf = load_workflow(root)
    for lang in ("fr", "es"):
        catalog = Catalog.new(wf.catalog_path(lang), lang, "wb")
        for number in range(count):
            entry = polib.POEntry(msgctxt=f"s:p{number}:1", msgid=f"Victims detected in {number} countries.")
            entry.msgstr = f"[{lang}] {number}"
            approve(entry, by="claire")
            catalog.po.append(entry)
        catalog.po.metadata["Language"] = lang
        wf.catalog_path(lang).parent.mkdir(parents=True, exist_ok=True)
        catalog.save()
    return root


def _slow_flush(root: str, lang: str, ready, go) -> None:  # runs in a child process
    import time

    import translate.formats.tmx as tmx
    from translate.memory.writeback import update_memory_from_workflow

    original = tmx.write_tmx

    def slow(*args, **kwargs):  # the read is done: wait so that the other language reads the same old file
        time.sleep(0.5)
        return original(*args, **kwargs)

    tmx.write_tmx = slow
    ready.set()
    go.wait()
    update_memory_from_workflow(load_workflow(Path(root)), [lang])


def test_two_languages_flushing_at_once_keep_every_approval(tmp_path: Path) -> None:
    """Reproduced: two languages flushing their approvals to the approved TMX at once kept 55 of 60."""
    import multiprocessing

    from translate.formats.tmx import read_tmx
    from translate.memory.writeback import approved_memory_path

    root = _approved_job(tmp_path / "job", 30)
    context = multiprocessing.get_context("fork")
    go = context.Event()
    readies, workers = [], []
    for lang in ("fr", "es"):
        ready = context.Event()
        worker = context.Process(target=_slow_flush, args=(str(root), lang, ready, go))
        worker.start()
        readies.append(ready)
        workers.append(worker)
    for ready in readies:
        assert ready.wait(30)
    go.set()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    units = list(read_tmx(approved_memory_path(load_workflow(root))))
    variants = [variant.xml_lang for unit in units for variant in unit.variants if variant.xml_lang != "en"]
    assert sorted(variants) == ["es"] * 30 + ["fr"] * 30


def _tmx(path: Path, pairs: list[tuple[str, str]]) -> Path:
    from translate.formats.tmx import TranslationUnit, Variant, write_tmx

    units = [
        TranslationUnit(tuid=str(n), variants=[Variant(xml_lang="en", text=en), Variant(xml_lang="fr", text=fr)])
        for n, (en, fr) in enumerate(pairs, start=1)
    ]
    write_tmx(path, units)
    return path


def test_tm_import_of_an_existing_name_refuses_or_merges_never_replaces(tmp_path: Path) -> None:
    """Reproduced: ``tm import`` of a file whose name existed replaced the memory (48 units -> 1)."""
    import shutil

    from conftest import REPO

    from translate.formats.tmx import read_tmx

    memory = tmp_path / "memories"
    memory.mkdir()
    shutil.copy(REPO / "memories" / "glotip-2022.tmx", memory / "glotip-2022.tmx")
    before = (memory / "glotip-2022.tmx").read_bytes()
    count = len(list(read_tmx(memory / "glotip-2022.tmx")))
    assert count >= 40
    incoming = tmp_path / "new" / "glotip-2022.tmx"
    incoming.parent.mkdir()
    _tmx(incoming, [("Trafficking in persons is a crime.", "La traite des personnes est un crime.")])
    refused = _hexaglot("tm", "import", str(incoming), "--memory", str(memory))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "already exists" in refused.stderr and f"({count} units)" in refused.stderr and "--merge" in refused.stderr
    assert (memory / "glotip-2022.tmx").read_bytes() == before
    # the same bytes again: nothing to do, not an error
    shutil.copy(memory / "glotip-2022.tmx", tmp_path / "same.tmx")
    same = tmp_path / "again" / "glotip-2022.tmx"
    same.parent.mkdir()
    shutil.copy(memory / "glotip-2022.tmx", same)
    _hexaglot("tm", "import", str(same), "--memory", str(memory), check=True)
    assert (memory / "glotip-2022.tmx").read_bytes() == before
    merged = _hexaglot("tm", "import", str(incoming), "--memory", str(memory), "--merge", check=True)
    assert "imported glotip-2022.tmx" in merged.stdout
    units = list(read_tmx(memory / "glotip-2022.tmx"))
    assert len(units) == count + 1
    assert units[-1].text("fr") == "La traite des personnes est un crime."
    assert [unit.text("en") for unit in units[:count]] == [unit.text("en") for unit in list(read_tmx(same))]
    again = _hexaglot("tm", "import", str(incoming), "--memory", str(memory), "--merge", check=True)
    assert again.returncode == 0 and len(list(read_tmx(memory / "glotip-2022.tmx"))) == count + 1, "no unit twice"
    found = _hexaglot("tm", "search", "Trafficking in persons is a crime.", "--memory", str(memory), "--target-lang",
                      "fr", "--format", "jsonl")  # fmt: skip
    assert "La traite des personnes est un crime." in found.stdout, found.stderr


def test_tm_import_never_replaces_the_workflows_approved_memory(tmp_path: Path) -> None:
    from translate.formats.tmx import read_tmx
    from translate.memory.writeback import approved_memory_path, update_memory_from_workflow

    root = _approved_job(tmp_path / "job", 12)
    wf = load_workflow(root)
    assert update_memory_from_workflow(wf) == 24
    approved = approved_memory_path(wf)
    before = approved.read_bytes()
    stranger = tmp_path / "elsewhere" / approved.name
    stranger.parent.mkdir()
    _tmx(stranger, [("Most detected victims were women.", "La plupart des victimes détectées étaient des femmes.")])
    refused = _hexaglot("tm", "import", str(stranger), "--memory", str(approved.parent))
    assert refused.returncode == 2 and "never replaces" in refused.stderr
    assert approved.read_bytes() == before and len(list(read_tmx(approved))) == 12


def _memory_with_many(tmp_path: Path, count: int) -> tuple[Path, Path, int]:
    """A memory folder holding the repository's glotip-2022.tmx, and a file of the same name with ``count`` other
    units (real sentences of the sample's English with a marker) to merge into it."""
    import shutil

    from conftest import REPO

    memory = tmp_path / "memories"
    memory.mkdir()
    shutil.copy(REPO / "memories" / "glotip-2022.tmx", memory / "glotip-2022.tmx")
    existing = len(
        list(__import__("translate.formats.tmx", fromlist=["read_tmx"]).read_tmx(memory / "glotip-2022.tmx"))
    )
    incoming = tmp_path / "new" / "glotip-2022.tmx"
    incoming.parent.mkdir()
    _tmx(
        incoming,
        [(f"Victims detected in region {n}.", f"Victimes détectées dans la région {n}.") for n in range(count)],
    )
    return memory, incoming, existing


def test_a_full_disk_during_tm_import_merge_leaves_the_memory_as_it_was(tmp_path: Path, monkeypatch) -> None:
    import errno
    import shutil

    import translate.memory.store as store_module
    from translate.memory.store import Memory

    memory, incoming, _ = _memory_with_many(tmp_path, 50)
    before = (memory / "glotip-2022.tmx").read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module.shutil, "copyfileobj", full)
    with pytest.raises(OSError) as caught:
        Memory.from_directory(memory).import_files([incoming], merge=True)
    assert "No space left on device" in str(caught.value)
    monkeypatch.setattr(store_module.shutil, "copyfileobj", shutil.copyfileobj)
    assert (memory / "glotip-2022.tmx").read_bytes() == before
    assert sorted(path.name for path in memory.iterdir() if not path.name.startswith(".cache")) == ["glotip-2022.tmx"]


def test_sigkill_during_tm_import_merge_leaves_the_old_or_the_complete_merged_memory(tmp_path: Path) -> None:
    import random
    import signal
    import time

    from translate.formats.tmx import read_tmx

    memory, incoming, existing = _memory_with_many(tmp_path, 4000)
    import shutil

    rng = random.Random(10)
    outcomes = set()
    trial = tmp_path / "timing"
    shutil.copytree(memory, trial)
    started = time.perf_counter()
    _hexaglot("tm", "import", str(incoming), "--memory", str(trial), "--merge", check=True)
    whole = time.perf_counter() - started  # kills land from early in the run to after its end
    for _ in range(8):
        process = subprocess.Popen([*HEXAGLOT, "tm", "import", str(incoming), "--memory", str(memory), "--merge"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.3, 1.1) * whole)
        process.send_signal(signal.SIGKILL)
        process.wait()
        count = len(list(read_tmx(memory / "glotip-2022.tmx")))
        assert count in (existing, existing + 4000), count
        outcomes.add(count)
        memories = sorted(path.name for path in memory.glob("*.tmx"))
        assert memories == ["glotip-2022.tmx"], memories  # (a killed copy's hidden *.tmp: issue 10 item 10)
    _hexaglot("tm", "import", str(incoming), "--memory", str(memory), "--merge", check=True)
    assert len(list(read_tmx(memory / "glotip-2022.tmx"))) == existing + 4000


# --- item 6: plural entries survive ------------------------------------------------------------------------------

PLURAL_FR = {0: "{n} victime détectée", 1: "{n} victimes détectées"}


def _with_plural(sample_workflow: Path) -> tuple[Path, Path]:
    """The sample imported in French, with a translated plural entry (as a UI or a CAT tool's catalog has)."""
    _hexaglot("import", str(sample_workflow), "--lang", "fr", check=True)
    po_path = load_workflow(sample_workflow).catalog_path("fr")
    catalog = Catalog.load(po_path)
    plural = polib.POEntry(
        msgctxt="ui:counter:1", msgid="{n} victim detected", msgid_plural="{n} victims detected",
        msgstr_plural=dict(PLURAL_FR), occurrences=[("ui/counter.txt", "1")],
    )  # fmt: skip
    from translate.catalog import approve

    approve(plural, by="claire.dubois")
    catalog.po.append(plural)
    catalog.save()
    return po_path, sample_workflow


def test_a_translated_plural_entry_is_counted_kept_by_reimport_and_merged(sample_workflow: Path) -> None:
    """Reproduced: a translated ``msgid_plural`` entry counted as untranslated in status and re-import deleted it."""
    import json

    po_path, root = _with_plural(sample_workflow)
    entry = Catalog.load(po_path).entry("ui:counter:1")
    assert state_of(entry) is SegmentState.APPROVED
    status = json.loads(_hexaglot("status", str(root), "--lang", "fr", "--format", "json", check=True).stdout)
    assert status["languages"]["fr"]["approved"]["segments"] == 1
    _hexaglot("import", str(root), "--lang", "fr", check=True)  # its sentence is in no source: obsolete, kept
    obsolete = [e for e in polib.pofile(str(po_path), wrapwidth=0) if e.obsolete and e.msgctxt == "ui:counter:1"]
    assert len(obsolete) == 1 and obsolete[0].msgstr_plural == PLURAL_FR
    assert obsolete[0].msgid_plural == "{n} victims detected"
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_reimport_keeps_a_plural_entry_whose_sentence_is_still_there(tmp_path: Path) -> None:
    from translate.importer import import_workflow

    root = tmp_path / "job"
    (root / "sources").mkdir(parents=True)
    source = root / "sources" / "ui.md"
    source.write_text("1 victim detected.\n\nMost detected victims were women.\n", encoding="utf-8")
    (root / "workflow.yaml").write_text(
        "name: ui\ntarget_languages: [fr]\nsources: [sources/ui.md]\n", encoding="utf-8"
    )
    wf = load_workflow(root)
    import_workflow(wf)
    catalog = Catalog.load(wf.catalog_path("fr"))
    entry = next(e for e in catalog if e.msgid == "1 victim detected.")
    entry.msgid_plural = "{n} victims detected."
    entry.msgstr_plural = {0: "1 victime détectée.", 1: "{n} victimes détectées."}
    catalog.save()
    assert state_of(Catalog.load(wf.catalog_path("fr")).entry(entry.msgctxt)) is SegmentState.TRANSLATED
    source.write_text("1 victim detected.\n\nMost detected victims were women and girls.\n", encoding="utf-8")
    import_workflow(load_workflow(root))
    kept = Catalog.load(wf.catalog_path("fr")).entry(entry.msgctxt)
    assert kept is not None and kept.msgstr_plural == {0: "1 victime détectée.", 1: "{n} victimes détectées."}
    assert state_of(kept) is SegmentState.TRANSLATED
    # the sentence changes: its plural translations travel with it as a draft, showing the previous English
    source.write_text("1 victim was detected.\n\nMost detected victims were women and girls.\n", encoding="utf-8")
    import_workflow(load_workflow(root))
    moved = next(e for e in Catalog.load(wf.catalog_path("fr")) if e.msgid == "1 victim was detected.")
    assert moved.msgstr_plural == {0: "1 victime détectée.", 1: "{n} victimes détectées."}
    assert state_of(moved) is SegmentState.DRAFT and moved.previous_msgid == "1 victim detected."
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(wf.catalog_path("fr"))], capture_output=True)
    assert done.returncode == 0, done.stderr


def test_the_merge_driver_keeps_both_sides_plural_forms(tmp_path: Path) -> None:
    from translate.catalog import approve
    from translate.merge import merge_files, other_versions

    def catalog(forms: dict[int, str] | None, name: str) -> Path:
        path = tmp_path / name
        po = Catalog.new(path, "fr", "ui")
        entry = polib.POEntry(msgctxt="ui:1:1", msgid="{n} victim", msgid_plural="{n} victims")
        entry.msgstr_plural = dict(forms) if forms else {0: "", 1: ""}
        if forms:
            approve(entry, by=name)
        po.po.append(entry)
        po.save()
        return path

    base = catalog(None, "base.po")
    ours = catalog({0: "{n} victime", 1: "{n} victimes"}, "ours.po")
    theirs = catalog({0: "{n} personne victime", 1: "{n} personnes victimes"}, "theirs.po")
    report = merge_files(base, ours, theirs)
    merged = Catalog.load(ours).entry("ui:1:1")
    assert state_of(merged) is SegmentState.APPROVED
    kept = [merged.msgstr_plural] + [
        {int(k): v for k, v in version["msgstr_plural"].items()} for version in other_versions(merged)
    ]
    assert {0: "{n} victime", 1: "{n} victimes"} in kept
    assert {0: "{n} personne victime", 1: "{n} personnes victimes"} in kept
    assert report.conflicts == ["ui:1:1"], "two approvals of different texts are a conflict"


# --- item 4: the merge driver and the store's concurrent-save merge never drop a version ------------------------


def _at(entry: polib.POEntry, when: str) -> polib.POEntry:
    """Date the entry's last action (review, else provenance) ``when`` (the tests run within one second)."""
    for key in ("review", "provenance"):
        value = get_meta(entry, key)
        if value:
            set_meta(entry, key, {**value, "at": when})
    return entry


def _versions(entry: polib.POEntry) -> list[str]:
    from translate.merge import other_versions

    return [version["msgstr"] for version in other_versions(entry)]


def _three(tmp_path: Path):
    from review_support import build_catalog, segments

    base = build_catalog(tmp_path / "base.po", "fr")

    def copy(name: str) -> Catalog:
        import shutil

        shutil.copyfile(base.path, tmp_path / name)
        return Catalog.load(tmp_path / name)

    return base, copy, segments()[0][0]


def test_a_second_merge_keeps_the_first_merges_loser(tmp_path: Path) -> None:
    """Reproduced: one ``hexaglot-merged`` slot per segment, so a second merge that touched it overwrote the first
    losing version."""
    from translate.catalog import set_translated
    from translate.merge import merge_po

    base, copy, first = _three(tmp_path)
    ours, theirs = copy("ours.po"), copy("theirs.po")
    _at(set_translated(ours.entry(first), "En 2020, 141 pays ont recensé 49 000 victimes.", by="amelie") or
        ours.entry(first), "2026-01-05T10:00:00Z")  # fmt: skip
    set_translated(theirs.entry(first), "En 2020, 141 pays ont détecté quelque 49 000 victimes.", by="bastien")
    _at(theirs.entry(first), "2026-01-06T10:00:00Z")
    merged, _ = merge_po(base.po, ours.po, theirs.po)
    later = copy("later.po")
    set_translated(later.entry(first), "En 2020, 141 pays ont signalé près de 49 000 victimes.", by="claire")
    _at(later.entry(first), "2026-01-07T10:00:00Z")
    final, _ = merge_po(base.po, merged, later.po)
    entry = next(e for e in final if e.msgctxt == first)
    assert entry.msgstr == "En 2020, 141 pays ont signalé près de 49 000 victimes."
    assert sorted(_versions(entry)) == [
        "En 2020, 141 pays ont détecté quelque 49 000 victimes.",
        "En 2020, 141 pays ont recensé 49 000 victimes.",
    ]


@pytest.mark.parametrize("newer", ["correction", "rejection"])
def test_a_newer_correction_or_rejection_is_not_beaten_by_an_older_approval(tmp_path: Path, newer: str) -> None:
    from translate.catalog import approve, reject, set_translated
    from translate.merge import merge_po

    base, copy, first = _three(tmp_path)
    ours, theirs = copy("ours.po"), copy("theirs.po")
    approve(ours.entry(first), by="claire")
    _at(ours.entry(first), "2026-01-05T10:00:00Z")
    approved_text = ours.entry(first).msgstr
    if newer == "correction":
        set_translated(theirs.entry(first), "En 2020, 141 pays ont détecté 49 032 victimes.", by="amelie")
    else:
        reject(theirs.entry(first), by="bastien", comment="49 032 victimes selon le tableau 3")
    _at(theirs.entry(first), "2026-01-06T10:00:00Z")
    merged, report = merge_po(base.po, ours.po, theirs.po)
    entry = next(e for e in merged if e.msgctxt == first)
    expected = SegmentState.TRANSLATED if newer == "correction" else SegmentState.REJECTED
    assert state_of(entry) is expected
    assert approved_text in _versions(entry) or entry.msgstr == approved_text
    from translate.merge import other_versions

    assert any(version["state"] == "approved" and version["by"] == "claire" for version in other_versions(entry))
    assert report.clean, "the newer work goes back to review: nothing is hidden"


def test_an_older_correction_under_a_newer_approval_of_other_text_is_a_conflict(tmp_path: Path) -> None:
    from translate.catalog import approve, set_translated
    from translate.merge import merge_po

    base, copy, first = _three(tmp_path)
    ours, theirs = copy("ours.po"), copy("theirs.po")
    set_translated(ours.entry(first), "En 2020, 141 pays ont détecté 49 032 victimes.", by="amelie")
    _at(ours.entry(first), "2026-01-05T10:00:00Z")
    approve(theirs.entry(first), by="claire")
    _at(theirs.entry(first), "2026-01-06T10:00:00Z")
    merged, report = merge_po(base.po, ours.po, theirs.po)
    entry = next(e for e in merged if e.msgctxt == first)
    assert state_of(entry) is SegmentState.APPROVED
    assert "En 2020, 141 pays ont détecté 49 032 victimes." in _versions(entry)
    assert report.conflicts == [first], "an approval that never saw the correction would hide it: a person decides"


def test_notes_flags_and_assignments_of_both_sides_are_kept_and_a_removed_note_stays_removed(tmp_path: Path) -> None:
    from translate.merge import merge_po

    base, copy, first = _three(tmp_path)
    entry = base.entry(first)
    entry.tcomment += "\nÀ vérifier : chiffre de 2020."
    base.save()
    ours, theirs = copy("ours.po"), copy("theirs.po")
    set_meta(ours.entry(first), "assign", {"translation": "amelie", "revision": "claire"})
    ours.entry(first).tcomment = ours.entry(first).tcomment.replace("\nÀ vérifier : chiffre de 2020.", "")
    theirs.entry(first).tcomment += "\nNote de Bastien : voir le tableau 3."
    theirs.entry(first).flags.append("ignore-numbers")
    merged, report = merge_po(base.po, ours.po, theirs.po)
    kept = next(e for e in merged if e.msgctxt == first)
    assert get_meta(kept, "assign") == {"translation": "amelie", "revision": "claire"}
    assert "Note de Bastien : voir le tableau 3." in kept.tcomment and "ignore-numbers" in kept.flags
    assert "À vérifier" not in kept.tcomment, "the note ours removed is not brought back"
    assert report.clean


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check, timeout=120)


def _git_job(tmp_path: Path) -> Path:
    """A git repository holding the sample workflow, imported in French, with the merge driver configured."""
    import shutil

    from conftest import SAMPLE_WORKFLOW

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    root = repo / "workflows" / "glotip-sample"
    ignore = shutil.ignore_patterns("journal", ".cache", ".hexaglot", "es.po", "ar.po", "ru.po", "zh.po")
    shutil.copytree(SAMPLE_WORKFLOW, root, ignore=ignore)
    for folder in ("glossaries", "memories"):
        shutil.copytree(SAMPLE_WORKFLOW.parents[1] / folder, repo / folder, ignore=shutil.ignore_patterns(".cache"))
    text = (root / "workflow.yaml").read_text(encoding="utf-8")
    (root / "workflow.yaml").write_text(text.replace("target_languages: [ar, zh, fr, ru, es]",
                                                     "target_languages: [fr]"), encoding="utf-8")  # fmt: skip
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "lead@example.org")
    _git(repo, "config", "user.name", "Lead")
    _git(repo, "config", "merge.hexaglot.driver", f"{' '.join(HEXAGLOT)} merge-driver %O %A %B")
    (repo / ".gitattributes").write_text("*.po merge=hexaglot\n", encoding="utf-8")
    (repo / ".gitignore").write_text(".hexaglot/\n.cache/\njournal/\n", encoding="utf-8")
    _hexaglot("import", str(root), check=True)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "import")
    return root


def test_reimport_on_one_branch_and_an_approved_fix_on_another_are_not_hidden_as_obsolete(tmp_path: Path) -> None:
    """Reproduced: one branch re-imports a changed source sentence (new segment id, the translation carried as a
    draft), another approves a fix of that sentence; the merge kept the fix under the old id, and the next import
    made it obsolete, the stale translation active."""
    from translate.catalog import approve

    root = _git_job(tmp_path)
    repo = root.parents[1]
    po_path = root / "translations" / "fr.po"
    md = root / "sources" / "chapter-2-regional-findings.md"
    entry = next(e for e in Catalog.load(po_path) if e.msgstr and e.msgid.endswith(".") and len(e.msgid) > 60
                 and md.read_text(encoding="utf-8").count(e.msgid) == 1 and "<" not in e.msgid)  # fmt: skip
    old_id, old_english = entry.msgctxt, entry.msgid
    fix = entry.msgstr.rstrip(".") + " (chiffres révisés)."
    # branch "source": the English sentence changes and is re-imported
    _git(repo, "checkout", "-q", "-b", "source")
    md.write_text(md.read_text(encoding="utf-8").replace(old_english, old_english.rstrip(".") + " in 2022."),
                  encoding="utf-8")  # fmt: skip
    _hexaglot("import", str(root), check=True)
    _git(repo, "commit", "-q", "-am", "new edition of chapter 2")
    # branch "review": a reviser approves a fix of the sentence's translation
    _git(repo, "checkout", "-q", "-b", "review", "main")
    catalog = Catalog.load(po_path)
    approve(catalog.entry(old_id), by="claire.dubois", text=fix)
    catalog.save()
    _git(repo, "commit", "-q", "-am", "revision")
    _git(repo, "checkout", "-q", "source")
    merged = _git(repo, "merge", "--no-edit", "review", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    _hexaglot("import", str(root), check=True)  # the next import (or any command) must not bury the fix
    after = Catalog.load(po_path)
    assert after.entry(old_id) is None
    new = next(e for e in after if e.msgid == old_english.rstrip(".") + " in 2022.")
    assert new.msgstr == fix, "the approved fix is on the new sentence"
    assert state_of(new) is SegmentState.DRAFT, "to review against the new English"
    assert new.previous_msgid == old_english
    assert not [e for e in after.obsolete_entries() if e.msgstr == fix]


def test_git_merges_keep_every_losing_version_and_stop_on_a_hidden_correction(tmp_path: Path) -> None:
    from translate.catalog import approve, set_translated

    root = _git_job(tmp_path)
    repo = root.parents[1]
    po_path = root / "translations" / "fr.po"
    first = next(e for e in Catalog.load(po_path) if e.msgstr).msgctxt

    def branch(name: str, change, when: str) -> None:
        _git(repo, "checkout", "-q", "-b", name, "main")
        catalog = Catalog.load(po_path)
        change(catalog.entry(first))
        _at(catalog.entry(first), when)
        catalog.save()
        _git(repo, "commit", "-q", "-am", name)

    branch("amelie", lambda e: set_translated(e, "Version d'Amélie.", by="amelie"), "2026-01-05T10:00:00Z")
    branch("bastien", lambda e: set_translated(e, "Version de Bastien.", by="bastien"), "2026-01-06T10:00:00Z")
    branch("denis", lambda e: set_translated(e, "Version de Denis.", by="denis"), "2026-01-07T10:00:00Z")
    branch("claire", lambda e: approve(e, by="claire.dubois"), "2026-01-04T10:00:00Z")
    _git(repo, "checkout", "-q", "main")
    for name in ("amelie", "bastien", "denis"):
        done = _git(repo, "merge", "--no-edit", name, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    entry = Catalog.load(po_path).entry(first)
    assert entry.msgstr == "Version de Denis."
    assert sorted(_versions(entry)) == sorted(["Version de Bastien.", "Version d'Amélie."])
    # an older approval of the draft text, merged in: it loses to the newer correction, and is kept
    done = _git(repo, "merge", "--no-edit", "claire", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    entry = Catalog.load(po_path).entry(first)
    assert entry.msgstr == "Version de Denis." and state_of(entry) is SegmentState.TRANSLATED
    assert len(_versions(entry)) == 3
    # a newer approval of another text, on a branch that never saw Denis's correction: git stops
    _git(repo, "checkout", "-q", "-b", "late", "claire")
    catalog = Catalog.load(po_path)
    approve(catalog.entry(first), by="claire.dubois", text="Version de Claire.")
    _at(catalog.entry(first), "2026-01-08T10:00:00Z")
    catalog.save()
    _git(repo, "commit", "-q", "-am", "late approval")
    _git(repo, "checkout", "-q", "main")
    done = _git(repo, "merge", "--no-edit", "late", check=False)
    assert done.returncode != 0 and first in done.stdout + done.stderr
    assert "fr.po" in _git(repo, "diff", "--name-only", "--diff-filter=U").stdout
    entry = Catalog.load(po_path).entry(first)
    assert "Version de Denis." in [*_versions(entry), entry.msgstr]


def test_the_review_stores_concurrent_edits_keep_every_other_version(tmp_path: Path) -> None:
    """Reproduced: the store's concurrent-save merge kept only the last other version in its one ``merged`` slot."""
    from review_support import make_job, segments

    from translate.review.store import ReviewStore
    from translate.store import catalog_from_store

    wf = make_job(tmp_path)
    first = segments()[0][0]
    shown = Catalog.load(wf.catalog_path("fr")).entry(first).msgstr
    texts = {
        "amelie": "En 2020, 141 pays ont recensé 49 000 victimes.",
        "bastien": "En 2020, 141 pays ont détecté quelque 49 000 victimes.",
        "claire": "En 2020, 141 pays ont signalé près de 49 000 victimes.",
    }
    for name, text in texts.items():  # three people who all saw the draft, saving one after the other
        ReviewStore.for_workflow(wf, "fr").edit(first, name, text, seen=shown)
    entry = catalog_from_store(wf, "fr").entry(first)
    assert entry.msgstr == texts["claire"]
    assert sorted(_versions(entry)) == sorted([texts["amelie"], texts["bastien"]])


def test_sync_exits_1_when_the_file_and_the_store_approved_different_texts(tmp_path: Path) -> None:
    from review_support import make_job, segments

    from translate.catalog import approve
    from translate.review.store import ReviewStore
    from translate.store import sync_language

    wf = make_job(tmp_path)
    first = segments()[0][0]
    sync_language(wf, "fr")
    pulled = Catalog.load(wf.catalog_path("fr"))
    approve(pulled.entry(first), by="denis", text="En 2020, 141 pays ont recensé 49 000 victimes.")
    ReviewStore.for_workflow(wf, "fr").accept(first, "claire", text="En 2020, 141 pays ont détecté 49 000 victimes.")
    pulled.save()
    done = _hexaglot("sync", str(wf.root))
    assert done.returncode == 1 and f"{first}: approved differently" in done.stderr and "Traceback" not in done.stderr
    entry = Catalog.load(wf.catalog_path("fr")).entry(first)
    assert {entry.msgstr, *_versions(entry)} >= {
        "En 2020, 141 pays ont recensé 49 000 victimes.",
        "En 2020, 141 pays ont détecté 49 000 victimes.",
    }


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
