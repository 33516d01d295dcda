"""The segment-wise 3-way merge of PO catalogs and the git merge driver, with real git."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from review_support import build_catalog, segments

from translate.catalog import (
    Catalog,
    SegmentState,
    approve,
    get_meta,
    reject,
    set_meta,
    set_translated,
    state_of,
)
from translate.merge import merge_po

HEXAGLOT = str(Path(sys.executable).parent / "hexaglot")
FIRST, SECOND, THIRD = (seg for seg, _, _ in segments()[:3])


def _base(tmp_path: Path) -> Catalog:
    return build_catalog(tmp_path / "base.po", "fr")


def _copy(catalog: Catalog, name: str) -> Catalog:
    path = catalog.path.with_name(name)
    shutil.copyfile(catalog.path, path)
    return Catalog.load(path)


def _merge(base: Catalog, ours: Catalog, theirs: Catalog):
    merged, report = merge_po(base.po, ours.po, theirs.po)
    return {entry.msgctxt: entry for entry in merged}, report, merged


def test_changes_on_different_segments_are_both_kept(tmp_path: Path) -> None:
    base = _base(tmp_path)
    ours, theirs = _copy(base, "ours.po"), _copy(base, "theirs.po")
    approve(ours.entry(FIRST), by="claire")
    set_translated(theirs.entry(SECOND), "Les femmes et les filles représentaient 60 % des victimes.", by="denis")
    entries, report, merged = _merge(base, ours, theirs)
    assert state_of(entries[FIRST]) == SegmentState.APPROVED
    assert entries[SECOND].msgstr == "Les femmes et les filles représentaient 60 % des victimes."
    assert report.clean and not report.resolved
    assert [e.msgctxt for e in merged] == [seg for seg, _, _ in segments()]


def test_both_changed_keeps_the_more_advanced_state_and_records_the_other(tmp_path: Path) -> None:
    base = _base(tmp_path)
    ours, theirs = _copy(base, "ours.po"), _copy(base, "theirs.po")
    reject(ours.entry(FIRST), by="claire", comment="chiffres à vérifier")
    approve(theirs.entry(FIRST), by="denis", text="En 2020, 141 pays ont détecté environ 49 000 victimes de la traite.")
    entries, report, _ = _merge(base, ours, theirs)
    kept = entries[FIRST]
    assert state_of(kept) == SegmentState.APPROVED
    assert kept.msgstr == "En 2020, 141 pays ont détecté environ 49 000 victimes de la traite."
    other = get_meta(kept, "merged")
    assert other["state"] == "rejected" and other["by"] == "claire" and other["comment"] == "chiffres à vérifier"
    assert other["side"] == "ours"
    assert report.resolved == [FIRST] and report.clean


def test_two_different_approvals_are_a_true_conflict(tmp_path: Path) -> None:
    base = _base(tmp_path)
    ours, theirs = _copy(base, "ours.po"), _copy(base, "theirs.po")
    approve(ours.entry(SECOND), by="claire", text="Les femmes et les filles représentaient 60 % des victimes.")
    approve(theirs.entry(SECOND), by="denis", text="Femmes et filles : 60 % des victimes détectées.")
    entries, report, _ = _merge(base, ours, theirs)
    assert report.conflicts == [SECOND] and not report.clean
    assert get_meta(entries[SECOND], "merged")["msgstr"] in {
        "Les femmes et les filles représentaient 60 % des victimes.",
        "Femmes et filles : 60 % des victimes détectées.",
    }


def test_added_and_removed_segments(tmp_path: Path) -> None:
    base = _base(tmp_path)
    ours, theirs = _copy(base, "ours.po"), _copy(base, "theirs.po")
    # theirs (a re-import) removes the third segment and adds one after the first
    theirs.po.remove(theirs.entry(THIRD))
    added = polib.POEntry(msgctxt="chapter-1:0badc0de:1", msgid="Most detected victims were adults.", msgstr="")
    theirs.po.insert(theirs.po.index(theirs.entry(FIRST)) + 1, added)
    # ours changes another segment
    approve(ours.entry(SECOND), by="claire")
    entries, report, merged = _merge(base, ours, theirs)
    order = [e.msgctxt for e in merged]
    assert THIRD not in entries
    assert order[:3] == [FIRST, "chapter-1:0badc0de:1", SECOND]
    assert state_of(entries[SECOND]) == SegmentState.APPROVED
    assert report.added == 1 and report.removed == 1


def test_removed_on_one_side_but_changed_on_the_other_is_kept(tmp_path: Path) -> None:
    base = _base(tmp_path)
    ours, theirs = _copy(base, "ours.po"), _copy(base, "theirs.po")
    theirs.po.remove(theirs.entry(THIRD))
    approve(ours.entry(THIRD), by="claire")
    entries, _, _ = _merge(base, ours, theirs)
    assert state_of(entries[THIRD]) == SegmentState.APPROVED


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "translations").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "lead@example.org")
    _git(repo, "config", "user.name", "Lead")
    _git(repo, "config", "merge.hexaglot.name", "hexaglot segment-wise PO merge")
    _git(repo, "config", "merge.hexaglot.driver", f"{HEXAGLOT} merge-driver %O %A %B")
    (repo / ".gitattributes").write_text("translations/*.po merge=hexaglot\n", encoding="utf-8")
    build_catalog(repo / "translations" / "fr.po", "fr")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "drafts")
    return repo


def _branch(repo: Path, name: str, change) -> None:
    _git(repo, "checkout", "-q", "-b", name, "main")
    catalog = Catalog.load(repo / "translations" / "fr.po")
    change(catalog)
    catalog.save()
    _git(repo, "commit", "-q", "-am", f"review by {name}")
    _git(repo, "checkout", "-q", "main")


def test_git_merges_two_reviewers_branches_segment_by_segment(repo: Path) -> None:
    def claire(catalog: Catalog) -> None:
        approve(catalog.entry(FIRST), by="claire")
        reject(catalog.entry(THIRD), by="claire", comment="« affaires » : « cas »")

    def denis(catalog: Catalog) -> None:
        approve(catalog.entry(SECOND), by="denis")
        set_translated(catalog.entry(THIRD), "La pandémie de COVID-19 a réduit les possibilités de détection.", "denis")

    _branch(repo, "claire", claire)
    _branch(repo, "denis", denis)
    versions = {}
    for name in ("main", "claire", "denis"):
        versions[name] = repo / f"{name}.version"
        versions[name].write_text(_git(repo, "show", f"{name}:translations/fr.po").stdout, encoding="utf-8")
    plain = _git(repo, "merge-file", "-p", *(str(versions[n]) for n in ("claire", "main", "denis")), check=False)
    assert plain.returncode > 0, "a plain line merge of these branches conflicts"
    for version in versions.values():
        version.unlink()
    _git(repo, "merge", "-q", "claire")
    result = _git(repo, "merge", "--no-edit", "denis", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    catalog = Catalog.load(repo / "translations" / "fr.po")
    assert state_of(catalog.entry(FIRST)) == SegmentState.APPROVED
    assert state_of(catalog.entry(SECOND)) == SegmentState.APPROVED
    third = catalog.entry(THIRD)
    assert state_of(third) == SegmentState.TRANSLATED  # translated beats rejected
    assert get_meta(third, "merged")["comment"] == "« affaires » : « cas »"
    assert "<<<<<<<" not in (repo / "translations" / "fr.po").read_text(encoding="utf-8")
    assert _git(repo, "status", "--porcelain").stdout.strip() == ""
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        subprocess.run([msgfmt, "--check-format", "-o", "/dev/null", str(repo / "translations" / "fr.po")], check=True)


def _approved_at(text: str, by: str, when: str):
    """A change that approves ``text`` as ``by``, dated ``when``: the review time is fixed, not the wall clock's
    second (reproduced: under load the second branch's approval fell in a later second and, the later action
    winning, its text stayed in the file, which the test did not expect)."""

    def change(catalog: Catalog) -> None:
        entry = catalog.entry(SECOND)
        approve(entry, by, text)
        for key in ("review", "provenance"):
            set_meta(entry, key, {**get_meta(entry, key), "at": when})

    return change


CLAIRE, DENIS = "Femmes et filles : 60 % des victimes.", "Les femmes et filles : 60 % des victimes."


@pytest.mark.parametrize(
    ("claire_at", "denis_at", "kept"),
    [
        ("2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z", CLAIRE),  # equal times, equal states: ours
        ("2026-01-05T10:00:00Z", "2026-01-05T10:00:01Z", DENIS),  # theirs later by one second
        ("2026-01-05T10:00:01Z", "2026-01-05T10:00:00Z", CLAIRE),  # ours later
    ],
)
def test_git_reports_two_different_approvals_as_a_conflict(
    repo: Path, claire_at: str, denis_at: str, kept: str
) -> None:
    """Two approvals of different texts stop the merge whatever their times; the later one is in the file, the
    other is recorded."""
    _branch(repo, "claire", _approved_at(CLAIRE, "claire", claire_at))
    _branch(repo, "denis", _approved_at(DENIS, "denis", denis_at))
    _git(repo, "merge", "-q", "claire")
    result = _git(repo, "merge", "--no-edit", "denis", check=False)
    assert result.returncode != 0
    assert "approved differently on both sides" in result.stdout + result.stderr
    assert "translations/fr.po" in _git(repo, "diff", "--name-only", "--diff-filter=U").stdout
    catalog = Catalog.load(repo / "translations" / "fr.po")  # still a valid catalog: one kept, the other recorded
    entry = catalog.entry(SECOND)
    assert entry.msgstr == kept and state_of(entry) is SegmentState.APPROVED
    other = get_meta(entry, "merged")
    assert other["msgstr"] == ({CLAIRE, DENIS} - {kept}).pop() and other["state"] == "approved"
    assert other["side"] == ("theirs" if kept == CLAIRE else "ours")


def test_the_driver_rejects_a_malformed_file_with_one_line(tmp_path: Path) -> None:
    base = _base(tmp_path)
    ours, theirs = _copy(base, "ours.po"), _copy(base, "theirs.po")
    theirs.path.write_bytes('msgid "é"\n'.encode("latin-1"))
    before = ours.path.read_bytes()
    result = subprocess.run(
        [HEXAGLOT, "merge-driver", str(base.path), str(ours.path), str(theirs.path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(theirs.path) in result.stderr and "Traceback" not in result.stderr
    assert ours.path.read_bytes() == before
