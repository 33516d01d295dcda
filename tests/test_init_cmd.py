"""Issue 18 item 1: ``hexaglot init`` and the new user's path: init, run, assign, review (no YAML reference read)."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from translate.catalog import Catalog, SegmentState, state_of
from translate.cli import cli
from translate.workflow import load_workflow

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SOURCES = REPO / "workflows" / "glotip-sample" / "sources"


def hexaglot(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new user's folder: a Word report and a Markdown annex, the team's glossary and memory."""
    if not SAMPLE_SOURCES.is_dir():
        pytest.skip("the sample sources are not in this checkout")
    shutil.copy(SAMPLE_SOURCES / "chapter-1-global-overview.docx", tmp_path / "report.docx")
    shutil.copy(SAMPLE_SOURCES / "chapter-2-regional-findings.md", tmp_path / "annex.md")
    shutil.copytree(REPO / "glossaries", tmp_path / "glossaries")
    shutil.copytree(REPO / "memories", tmp_path / "memories", ignore=shutil.ignore_patterns(".cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _review(session, *keys: str) -> None:  # type: ignore[no-untyped-def]
    from translate.review.app import ReviewApp

    app = ReviewApp(session)

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()

    asyncio.run(main())


def test_from_two_sources_to_a_reviewed_segment(project: Path) -> None:
    code, _, err = hexaglot(
        "init", "trafficking-2024", "--source", "report.docx", "--source", "annex.md",
        "--glossary", "glossaries/trafficking.tbx", "--memory", "memories", "--lang", "fr",
        "--reviewer", "fr:translation:amelie", "--reviewer", "fr:revision:claire",
    )  # fmt: skip
    assert code == 0, err
    job = project / "workflows" / "trafficking-2024"
    text = (job / "workflow.yaml").read_text(encoding="utf-8")
    assert text.count("\n#") >= 10  # commented: each setting explained where it is
    assert "Helsinki-NLP/opus-mt-en-fr" in text and "hexaglot mt fetch" in text
    data = yaml.safe_load(text)
    assert data["sources"] == ["sources/report.docx", "sources/annex.md"]
    assert data["glossaries"] == ["../../glossaries/trafficking.tbx"]
    assert data["reviewers"]["fr"] == {"translation": ["amelie"], "revision": [{"name": "claire", "senior": True}]}
    assert (job / "sources" / "report.docx").read_bytes() == (project / "report.docx").read_bytes()
    assert len(Catalog.load(job / "translations" / "fr.po")) == 191  # the first import ran
    assert (job / "spelling" / "fr.txt").read_text(encoding="utf-8").startswith("# Words the spelling check accepts")
    assert "hexaglot run workflows/trafficking-2024" in err
    assert "hexaglot review workflows/trafficking-2024 --lang fr --reviewer amelie" in err

    code, out, err = hexaglot("run", "workflows/trafficking-2024")
    assert code == 0, err
    assert "fr" in out
    code, out, err = hexaglot("assign", "workflows/trafficking-2024")
    assert code == 0, err
    assert "amelie" in out

    from translate.review.session import ReviewSession

    workflow = load_workflow(job)
    session = ReviewSession(workflow, "fr", reviewer="amelie")
    first = session.queue[0]
    assert state_of(session.entry(first)) == SegmentState.DRAFT  # the memory drafted it
    _review(session, "a", "q")
    assert state_of(Catalog.load(job / "translations" / "fr.po").entry(first)) == SegmentState.TRANSLATED
    journal = [json.loads(line) for line in workflow.journal_path("fr").read_text(encoding="utf-8").splitlines()]
    assert any(r["action"] == "accept" and r["reviewer"] == "amelie" for r in journal)


def test_init_refuses_an_existing_job_and_changes_nothing(project: Path) -> None:
    assert hexaglot("init", "job", "--source", "annex.md", "--lang", "es", "--no-import")[0] == 0
    yaml_before = (project / "workflows" / "job" / "workflow.yaml").read_bytes()
    code, _, err = hexaglot("init", "job", "--source", "report.docx")
    assert code == 2
    assert "workflows/job already exists" in err and "nothing changed" in err
    assert len(err.strip().splitlines()) == 1
    assert (project / "workflows" / "job" / "workflow.yaml").read_bytes() == yaml_before
    assert not (project / "workflows" / "job" / "sources" / "report.docx").exists()


def test_without_reviewers_the_yaml_says_where_to_fill_them_in(project: Path) -> None:
    code, _, err = hexaglot("init", "job", "--source", "annex.md", "--no-import")
    assert code == 0, err
    text = (project / "workflows" / "job" / "workflow.yaml").read_text(encoding="utf-8")
    for lang in ("ar", "zh", "fr", "ru", "es"):
        assert f"  # {lang}:\n  #   translation: [name.surname, name.surname]" in text
    workflow = load_workflow(project / "workflows" / "job")
    assert workflow.reviewers == {} and workflow.target_languages == ("ar", "zh", "fr", "ru", "es")
    assert workflow.mt_settings("es").engine == "apertium"
    assert workflow.mt_settings("ar").model == "Helsinki-NLP/opus-mt-en-ar"
    assert "fill in the reviewers" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--source", "missing.docx"], "missing.docx: no such source file"),
        (["--source", "annex.md", "--source", "notes.pdf"], "notes.pdf"),
        (["--source", "annex.md", "--glossary", "none.tbx"], "none.tbx: no such glossary file"),
        (["--source", "annex.md", "--lang", "fr,de"], "--lang de: not one of ar, zh, fr, ru, es"),
        (["--source", "annex.md", "--reviewer", "fr:editing:amelie"], "stage 'editing' is not one of"),
        (["--source", "bad.txt"], "bad.txt:1: not valid UTF-8"),
    ],
)
def test_bad_arguments_exit_2_and_leave_no_job(project: Path, args: list[str], expected: str) -> None:
    (project / "notes.pdf").write_bytes(b"%PDF-1.4")
    (project / "bad.txt").write_bytes(b"Caf\xe9 au lait.\n")
    code, _, err = hexaglot("init", "job", *args)
    assert code == 2
    assert expected in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (project / "workflows" / "job").exists()


def test_files_from_outside_the_project_are_allowed_by_name(project: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path_factory.mktemp("team-share")
    shutil.copy(project / "glossaries" / "trafficking.tbx", elsewhere / "terms.tbx")
    shutil.copy(project / "annex.md", elsewhere / "annex.md")
    code, _, err = hexaglot(
        "init", "job", "--source", str(elsewhere / "annex.md"), "--link", "--glossary", str(elsewhere / "terms.tbx"),
        "--lang", "fr",
    )  # fmt: skip
    assert code == 0, err
    job = project / "workflows" / "job"
    assert (job / "sources" / "annex.md").is_symlink()
    workflow = load_workflow(job)  # loads: the outside folder is named under allow_outside
    assert [Path(p).resolve() for p in workflow.allow_outside] == [elsewhere.resolve()]
    assert workflow.glossary_paths()[0].resolve() == (elsewhere / "terms.tbx").resolve()
    assert len(Catalog.load(job / "translations" / "fr.po")) > 10


def test_reviewers_filled_in_as_the_comments_say(project: Path) -> None:
    """A user who follows the file's own comments (no reference read) gets a workflow that assign accepts."""
    assert hexaglot("init", "job", "--source", "annex.md", "--lang", "fr")[0] == 0
    path = project / "workflows" / "job" / "workflow.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("reviewers: {}"))
    assert "write 'reviewers:' alone, then uncomment a block below" in line
    text = text.replace(line, "reviewers:")
    text = text.replace("  # fr:\n  #   translation: [name.surname, name.surname]", "  fr:\n    translation: [amelie]")
    text = text.replace(
        "  #   revision: [{name: name.surname, senior: true}]", "    revision: [{name: claire, senior: true}]"
    )
    path.write_text(text, encoding="utf-8")
    code, out, err = hexaglot("assign", "workflows/job")
    assert code == 0, err
    assert "amelie" in out and "claire" in out
