"""Issue 18 item 3: the README's main command run twice leaves ``git status`` clean (a real git repository)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from translate.catalog import Catalog
from translate.cli import main

REPO = Path(__file__).resolve().parents[1]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _hexaglot(*args: str) -> None:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    assert done.value.code == 0


@pytest.fixture
def sample_repo(tmp_path: Path) -> Path:
    """The committed sample job (with its catalogs), glossaries and memories in a fresh git repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    ignore = shutil.ignore_patterns(".cache", ".hexaglot", "journal", "__pycache__")
    shutil.copytree(REPO / "workflows" / "glotip-sample", repo / "workflows" / "glotip-sample", ignore=ignore)
    for folder in ("glossaries", "memories"):
        shutil.copytree(REPO / folder, repo / folder, ignore=ignore)
    shutil.copy(REPO / ".gitignore", repo / ".gitignore")  # the repository's own rules, nothing added
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "sample")
    return repo


def test_main_command_twice_leaves_git_status_clean(sample_repo: Path) -> None:
    job = sample_repo / "workflows" / "glotip-sample"
    _hexaglot("run", str(job))
    _git(sample_repo, "add", "-A")
    _git(sample_repo, "commit", "-qm", "first run", "--allow-empty")
    _hexaglot("run", str(job))
    assert _git(sample_repo, "status", "--porcelain") == ""


def test_revision_date_changes_only_with_content(sample_workflow: Path) -> None:
    _hexaglot("import", str(sample_workflow))
    path = sample_workflow / "translations" / "fr.po"
    catalog = Catalog.load(path)
    catalog.po.metadata["PO-Revision-Date"] = "2000-01-01T00:00:00Z"
    path.write_text(catalog.render(), encoding="utf-8")
    before = path.read_bytes()
    Catalog.load(path).save()  # nothing changed: the file and its date stay
    assert path.read_bytes() == before
    changed = Catalog.load(path)
    next(iter(changed)).msgstr = "Rapport mondial sur la traite des personnes"
    changed.save()
    after = Catalog.load(path)
    assert after.po.metadata["PO-Revision-Date"] > "2000-01-01T00:00:00Z"
    assert next(iter(after)).msgstr == "Rapport mondial sur la traite des personnes"
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)]).returncode == 0
