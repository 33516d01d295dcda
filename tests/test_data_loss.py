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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
