"""Files for a team and faults on disk (issue 10 items 7, 9, 10; issue 14 item 6): new files honour the umask,
interrupted writes leave no temporary file git sees, locks and journals never follow a symbolic link, and every
OSError is one line naming the path, exit 2."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_invoke import invoke

from translate import fileio, journal
from translate.catalog import catalog_lock
from translate.errors import BadInputError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def umask():  # type: ignore[no-untyped-def]
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_atomic_write_gives_new_files_the_umask_mode_not_0600(tmp_path: Path, umask) -> None:  # type: ignore[no-untyped-def]
    umask(0o022)
    fileio.atomic_write_text(tmp_path / "a.po", "x")
    assert mode(tmp_path / "a.po") == 0o644  # mkstemp alone gives 0600
    umask(0o002)
    fileio.atomic_write_bytes(tmp_path / "b.tmx", b"x")
    assert mode(tmp_path / "b.tmx") == 0o664
    os.chmod(tmp_path / "a.po", 0o600)
    fileio.atomic_write_text(tmp_path / "a.po", "y")
    assert mode(tmp_path / "a.po") == 0o600, "an existing file keeps its own mode"


def test_catalogs_exports_glossaries_and_memories_are_0644(sample_workflow: Path, tmp_path: Path, umask) -> None:  # type: ignore[no-untyped-def]
    umask(0o022)
    assert invoke("import", str(sample_workflow), "--lang", "fr").code == 0
    assert mode(sample_workflow / "translations" / "fr.po") == 0o644
    for fmt in ("po", "xliff", "tmx", "md", "docx"):
        output = tmp_path / f"out.{fmt}"
        outcome = invoke("export", str(sample_workflow), "--lang", "fr", "--format", fmt, "-o", str(output))
        assert outcome.code == 0, outcome.err
        assert mode(output) == 0o644, fmt
    glossary = tmp_path / "g.csv"
    assert invoke("glossary", "convert", str(REPO / "glossaries" / "trafficking.tbx"), str(glossary)).code == 0
    assert mode(glossary) == 0o644
    memory = tmp_path / "memory"
    assert invoke("tm", "import", str(REPO / "memories" / "glotip-2022.tmx"), "--memory", str(memory)).code == 0
    assert mode(memory / "glotip-2022.tmx") == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "fr.po"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), fileio.atomic_open(target) as handle:
        handle.write("half")
        raise RuntimeError("disk gone")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "memory.tmx"
    script = (
        "import sys, time\n"
        "from translate.cli import stop_on_sigterm\n"
        "from translate.fileio import atomic_open\n"
        "stop_on_sigterm()\n"
        f"with atomic_open({str(target)!r}) as handle:\n"
        "    handle.write('half'); handle.flush(); print('writing', flush=True); time.sleep(30)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    assert any(path.suffix == ".tmp" for path in tmp_path.iterdir())
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=20) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


def test_git_ignores_the_temporary_files_of_a_killed_write_anywhere() -> None:
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    names = ["memories/.glotip-2022.tmx.k2j3.tmp", "glossaries/.trafficking.tbx.a1.tmp", "out/.fr.docx.zz.tmp"]
    names.append("workflows/glotip-sample/translations/.fr.po.x1.tmp")
    result = subprocess.run(["git", "check-ignore", *names], cwd=REPO, capture_output=True, text=True)
    assert result.stdout.split() == names


def test_a_journal_replaced_by_a_symlink_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "journal").mkdir()
    (tmp_path / "journal" / "fr.jsonl").symlink_to(victim)
    with pytest.raises(BadInputError, match="symbolic link"):
        journal.append(tmp_path / "journal" / "fr.jsonl", {"action": "approved"})
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_lock_file_replaced_by_a_symlink_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    victim = tmp_path / "victim.po"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "locks").mkdir()
    (tmp_path / "locks" / "fr.po.lock").symlink_to(victim)
    with pytest.raises(BadInputError, match="symbolic link"), catalog_lock(tmp_path / "locks" / "fr.po.lock", victim):
        pass
    assert victim.read_text(encoding="utf-8") == "precious\n"  # filelock opened it O_TRUNC through the link


def test_lock_waits_then_names_the_catalog(tmp_path: Path) -> None:
    lock = tmp_path / "fr.po.lock"
    with fileio.file_lock(lock, 1):
        child = subprocess.run(
            [
                sys.executable,
                "-c",
                f"from translate.catalog import catalog_lock\nwith catalog_lock({str(lock)!r}, 'fr.po', 0.3): pass",
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
    assert "fr.po: locked by another hexaglot" in child.stderr
    with fileio.file_lock(lock, 1):  # released: taken again at once
        pass


# --- OSError: one line, the path and the reason, exit 2 ---------------------------------------------------


def _raise(code: int):  # type: ignore[no-untyped-def]
    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(code, os.strerror(code), f"{kwargs['dir']}/{kwargs['prefix']}x{kwargs['suffix']}")

    return fail


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied"), (errno.EROFS, "Read-only")],
)
def test_os_errors_while_saving_a_catalog_are_one_line(
    sample_workflow: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    monkeypatch.setattr(fileio.tempfile, "mkstemp", _raise(code))
    outcome = invoke("import", str(sample_workflow), "--lang", "fr")
    assert outcome.code == 2
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in outcome.err, outcome.err
    assert "translations/fr.po" in lines[0], "the line names the file it could not write"
    assert not (sample_workflow / "translations" / "fr.po").exists()


def test_full_disk_on_glossary_convert_and_tm_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio.os, "fsync", full)
    outcome = invoke("glossary", "convert", str(REPO / "glossaries" / "trafficking.tbx"), str(tmp_path / "g.csv"))
    assert outcome.code == 2 and "No space left on device" in outcome.err
    assert "g.csv" in outcome.err and len(outcome.err.strip().splitlines()) == 1, outcome.err
    outcome = invoke("tm", "import", str(REPO / "memories" / "glotip-2022.tmx"), "--memory", str(tmp_path / "m"))
    assert outcome.code == 2 and "No space left on device" in outcome.err, outcome.err
    assert not [path for path in tmp_path.rglob("*") if path.is_file() and path.suffix in (".tmp", ".csv", ".tmx")]


def test_export_to_a_folder_is_one_clear_line(sample_workflow: Path, tmp_path: Path) -> None:
    assert invoke("import", str(sample_workflow), "--lang", "fr").code == 0
    folder = tmp_path / "out"
    folder.mkdir()
    for fmt in ("po", "mo", "xliff", "tmx", "md", "docx"):
        outcome = invoke("export", str(sample_workflow), "--lang", "fr", "--format", fmt, "-o", str(folder))
        assert outcome.code == 2, (fmt, outcome.err)
        assert outcome.err.strip().splitlines() == [f"hexaglot: {folder}: is a folder: give a file name to write"]
    assert list(folder.iterdir()) == []


def test_memory_path_that_is_not_a_folder_of_tmx(tmp_path: Path) -> None:
    not_folder = tmp_path / "notes.txt"
    not_folder.write_text("x", encoding="utf-8")
    for args in (
        ["tm", "stats", "--memory", str(not_folder)],
        ["tm", "search", "trafficking", "--target-lang", "fr", "--memory", str(not_folder)],
    ):
        outcome = invoke(*args)
        assert outcome.code == 2, (args, outcome.err)
        lines = outcome.err.strip().splitlines()
        assert len(lines) == 1 and "notes.txt" in lines[0], outcome.err
    outcome = invoke("tm", "import", str(REPO / "memories" / "glotip-2022.tmx"), "--memory", str(not_folder))
    assert outcome.code == 2 and "notes.txt" in outcome.err and len(outcome.err.strip().splitlines()) == 1
    assert not_folder.read_text(encoding="utf-8") == "x"


def test_unreadable_source_is_one_line(sample_workflow: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path as P

    real = P.read_bytes

    def denied(self: P) -> bytes:
        if self.suffix == ".md":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(P, "read_bytes", denied)
    outcome = invoke("import", str(sample_workflow), "--lang", "fr")
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1 and "chapter-2-regional-findings.md" in outcome.err
    assert "Permission denied" in outcome.err


# --- paths stay inside (item 7) ---------------------------------------------------------------------------


def _project(tmp_path: Path, extra: str = "", name: str = "job") -> Path:
    """``tmp/project/workflows/job`` with one Markdown source; ``tmp/outside`` holds files out of the project."""
    workflow = tmp_path / "project" / "workflows" / "job"
    (workflow / "sources").mkdir(parents=True)
    (workflow / "sources" / "a.md").write_text("1. Victims were detected in 148 countries.\n", encoding="utf-8")
    (workflow / "workflow.yaml").write_text(f"name: {name}\nsources: [sources/a.md]\n{extra}", encoding="utf-8")
    (tmp_path / "outside").mkdir(exist_ok=True)
    return workflow


@pytest.mark.parametrize(
    "name", ["../../evil", "a/b", "..", "'x\\e]0;owned\\a'", '"' + "n" * 300 + '"', ".hidden", "'a\\\\b'"]
)
def test_a_workflow_name_that_is_not_a_file_name_is_refused(tmp_path: Path, name: str) -> None:
    workflow = _project(tmp_path, name=name)
    before = set(tmp_path.rglob("*"))
    outcome = invoke("import", str(workflow))
    assert outcome.code == 2, outcome.err
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1 and "workflow.yaml:1: name" in lines[0] and "\x1b" not in outcome.err, outcome.err
    assert set(tmp_path.rglob("*")) == before, "nothing written"


def test_sources_glossaries_memories_outside_the_project_need_allow_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("1. Not part of this job.\n", encoding="utf-8")
    shutil_copy = (REPO / "glossaries" / "trafficking.tbx").read_bytes()
    (outside / "terms.tbx").write_bytes(shutil_copy)
    (outside / "old.tmx").write_bytes((REPO / "memories" / "glotip-2022.tmx").read_bytes())
    cases = {
        "sources: [sources/a.md, ../../../outside/secret.md]\n": ("sources", 2),
        f"glossaries: [{outside / 'terms.tbx'}]\n": ("glossaries", 3),
        "memories: [../../../outside]\n": ("memories", 3),
    }
    for extra, (field, line) in cases.items():
        workflow = _project(tmp_path / field)
        text = (workflow / "workflow.yaml").read_text(encoding="utf-8")
        if field == "sources":
            text = text.replace("sources: [sources/a.md]\n", "")
        (workflow / "workflow.yaml").write_text(text + extra, encoding="utf-8")
        (tmp_path / field / "outside").rmdir()
        (tmp_path / field / "outside").symlink_to(outside)
        outcome = invoke("import", str(workflow), "--lang", "fr")
        assert outcome.code == 2, (field, outcome.err)
        assert f"workflow.yaml:{line}: {field}:" in outcome.err and "outside the project" in outcome.err
        assert "allow_outside" in outcome.err and len(outcome.err.strip().splitlines()) == 1
        assert not (workflow / "translations").exists()
        (workflow / "workflow.yaml").write_text(text + extra + f"allow_outside: [{outside}]\n", encoding="utf-8")
        outcome = invoke("import", str(workflow), "--lang", "fr")
        assert outcome.code == 0, (field, outcome.err)


def test_a_source_symlinked_out_of_the_project_is_refused(tmp_path: Path) -> None:
    workflow = _project(tmp_path)
    secret = tmp_path / "outside" / "secret.md"
    secret.write_text("1. Private notes.\n", encoding="utf-8")
    (workflow / "sources" / "a.md").unlink()
    (workflow / "sources" / "a.md").symlink_to(secret)
    outcome = invoke("import", str(workflow))
    assert outcome.code == 2 and "workflow.yaml:2: sources: 'sources/a.md' is outside the project" in outcome.err
    inside = workflow / "sources" / "b.md"
    inside.write_text("1. Inside.\n", encoding="utf-8")
    (workflow / "sources" / "a.md").unlink()
    (workflow / "sources" / "a.md").symlink_to(inside)  # a link that stays inside is fine
    assert invoke("import", str(workflow), "--lang", "fr").code == 0


def test_a_memory_folder_holding_a_link_out_of_the_project_is_refused(tmp_path: Path) -> None:
    workflow = _project(tmp_path, "memories: [../../memories]\n")
    memories = tmp_path / "project" / "memories"
    memories.mkdir()
    (tmp_path / "outside" / "x.tmx").write_bytes((REPO / "memories" / "glotip-2022.tmx").read_bytes())
    (memories / "x.tmx").symlink_to(tmp_path / "outside" / "x.tmx")
    from translate.workflow import load_workflow

    with pytest.raises(BadInputError, match="links outside the project"):
        load_workflow(workflow).memory_paths()


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    workflow = _project(tmp_path, "glossaries: ['g\\e[2J.tbx']\n".replace("'", '"'))
    outcome = invoke("import", str(workflow))
    assert outcome.code == 2 and "\x1b" not in outcome.err and "\\x1b" in outcome.err, repr(outcome.err)
    from translate.errors import terminal_safe

    assert terminal_safe("a\x1b]0;t\x07b\x9bc\td\n") == "a\\x1b]0;t\\x07b\\x9bc\td\n"


# --- item 9: metadata with wrong JSON types ----------------------------------------------------------------


def test_comment_metadata_of_the_wrong_json_types_is_dropped_on_reading() -> None:
    import polib

    from translate.catalog import get_meta, provenance_of, review_of

    entry = polib.POEntry(msgctxt="d:1:1", msgid="Trafficking.", msgstr="La traite.")
    entry.tcomment = (
        'hexaglot-provenance: {"origin": 5, "score": "high", "at": [1], "by": {"a": 1}, "model": "opus"}\n'
        'hexaglot-review: {"action": "approved", "by": ["x"], "at": 12, "comment": {"a": 1}}\n'
        'hexaglot-tm: {"matches": []}'
    )
    assert get_meta(entry, "provenance") == {"model": "opus"}
    assert provenance_of(entry).origin == "unknown" and provenance_of(entry).score is None
    assert review_of(entry) == {"action": "approved"}  # a reviewer named by a list is no reviewer
    assert get_meta(entry, "tm") == {"matches": []}  # structured metadata is left as it is
    entry.tcomment = 'hexaglot-provenance: {"origin": "tm", "score": 1e999}'
    assert get_meta(entry, "provenance") == {"origin": "tm"}  # infinity is no score


def test_status_and_exports_of_a_catalog_with_wrong_metadata_types(sample_workflow: Path, tmp_path: Path) -> None:
    assert invoke("import", str(sample_workflow), "--lang", "fr").code == 0
    catalog = sample_workflow / "translations" / "fr.po"
    text = catalog.read_text(encoding="utf-8")
    bad = '# hexaglot-review: {"action": "approved", "by": ["x"], "at": 12}\n# hexaglot-provenance: {"score": "x"}\n'
    catalog.write_text(text.replace("\nmsgctxt ", "\n" + bad + "msgctxt "), encoding="utf-8")
    for args in (
        ["sync", str(sample_workflow)],
        ["status", str(sample_workflow), "--lang", "fr", "--by", "reviewer"],
        ["status", str(sample_workflow), "--format", "html", "-o", str(tmp_path / "r.html")],
        ["export", str(sample_workflow), "--lang", "fr", "--format", "xliff", "-o", str(tmp_path / "fr.xlf")],
    ):
        outcome = invoke(*args)
        assert outcome.code == 0 and not outcome.crash, (args, outcome.err, outcome.crash)


def test_tmx_with_an_undefined_entity_says_so_at_its_line(tmp_path: Path) -> None:
    tmx = tmp_path / "old.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
        '<tu><tuv xml:lang="en"><seg>Trafficking.</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="en"><seg>La&nbsp;traite</seg></tuv></tu>\n</body></tmx>\n',
        encoding="utf-8",
    )
    outcome = invoke("tm", "import", str(tmx), "--memory", str(tmp_path / "memory"))
    assert outcome.code == 2
    assert outcome.err.strip() == (
        f"hexaglot: {tmx}:4: malformed TMX: Entity 'nbsp' not defined "
        "(HTML entities such as &nbsp; are not XML: write the character itself)"
    )  # was "old.tmx:0: malformed TMX: no element found"


def test_whitespace_only_xliff_target_is_not_translated(sample_workflow: Path, tmp_path: Path) -> None:
    from translate.formats.xliff import read_xliff

    assert invoke("import", str(sample_workflow), "--lang", "fr").code == 0
    exported = tmp_path / "fr.xlf"
    assert invoke("export", str(sample_workflow), "--lang", "fr", "--format", "xliff", "-o", str(exported)).code == 0
    first = read_xliff(exported)[0].id
    text = exported.read_text(encoding="utf-8")
    unit_start = text.index(f'id="{first}"')
    segment_end = text.index("</source>", unit_start) + len("</source>")
    text = text[:segment_end] + "<target>  \t </target>" + text[segment_end:]
    text = text.replace('<segment state="initial">', '<segment state="translated">', 1)
    exported.write_text(text, encoding="utf-8")
    assert read_xliff(exported)[0].state == "untranslated"
    outcome = invoke("import-xliff", str(sample_workflow), str(exported), "--lang", "fr")
    assert outcome.code == 0, outcome.err
    from translate.catalog import Catalog

    entry = Catalog.load(sample_workflow / "translations" / "fr.po").entry(first)
    assert entry is not None and entry.msgstr == ""


def test_a_full_disk_after_some_files_were_written_exits_1_and_keeps_them(
    sample_workflow: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fileio.tempfile.mkstemp
    calls = []

    def second_fails(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs["prefix"])
        if kwargs["prefix"].startswith(".ru.po"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), f"{kwargs['dir']}/{kwargs['prefix']}x.tmp")
        return real(*args, **kwargs)

    monkeypatch.setattr(fileio.tempfile, "mkstemp", second_fails)
    outcome = invoke("import", str(sample_workflow), "--lang", "fr", "--lang", "ru")
    assert outcome.code == 1, outcome.err
    line = outcome.err.strip().splitlines()[-1]
    assert "translations/ru.po: No space left on device" in line and "files written before this are kept" in line
    assert (sample_workflow / "translations" / "fr.po").exists()
    assert not (sample_workflow / "translations" / "ru.po").exists()


def test_a_path_with_an_escape_sequence_is_printed_escaped(tmp_path: Path) -> None:
    for args in (["import", str(tmp_path / "x\x1b]0;owned\x07")], ["tm", "import", str(tmp_path / "a\x1b[2J.tmx")]):
        outcome = invoke(*args)
        assert outcome.code == 2
        assert "\x1b" not in outcome.err and "\x07" not in outcome.err and "\\x1b" in outcome.err, repr(outcome.err)
