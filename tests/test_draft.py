"""The draft pipeline on a real workflow folder: TM first, then MT from a local random-weight model.

Random weights produce nonsense that differs between transformers versions, so nothing here asserts MT text:
it asserts the structure (states, flags, provenance, metadata), the protected spans and terms in the drafts,
the cache, the survival of finished batches, and the messages when a model cannot be had.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mt_model import tiny_marian_fixture  # noqa: F401 - session fixtures

from translate.catalog import (
    APPROVED_FLAG,
    Catalog,
    SegmentState,
    approve,
    get_meta,
    provenance_of,
    set_meta,
    source_hash,
    state_of,
)
from translate.draft import draft_workflow
from translate.importer import import_workflow
from translate.mt.evaluate import evaluate_workflow
from translate.mt.protect import Protector, find_spans
from translate.report.status import drafts_by_origin
from translate.workflow import load_workflow

REPO = Path(__file__).resolve().parents[1]
HEXAGLOT = [sys.executable, "-c", "from translate.cli import main; main()"]

SOURCE = """# Global overview

1. In 2020, 50,000 victims were detected in 141 countries, as reported in E/2013/30.[^3]

2. Trafficking in persons is a crime under resolution A/RES/64/293.

3. The United Nations Office on Drugs and Crime publishes data at https://www.unodc.org/glotip.

4. Smuggling of migrants is a distinct crime.

5. Most detected victims were women.

[^3]: See the report of the Secretary-General.
"""

GLOSSARY = """id,en,ar,zh,fr,ru,es
tip,trafficking in persons,الاتجار بالأشخاص,贩运人口,traite des personnes,торговля людьми,trata de personas
unodc,United Nations Office on Drugs and Crime,,,Office des Nations Unies contre la drogue et le crime,,\
Oficina de las Naciones Unidas contra la Droga y el Delito
som,smuggling of migrants,,,trafic illicite de migrants,,tráfico ilícito de migrantes
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none"
 adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu tuid="7"><tuv xml:lang="en"><seg>Most detected victims were women.</seg></tuv>
<tuv xml:lang="fr"><seg>La plupart des victimes détectées étaient des femmes.</seg></tuv>
<tuv xml:lang="es"><seg>La mayoría de las víctimas detectadas eran mujeres.</seg></tuv></tu>
</body></tmx>
"""


def make_workflow(root: Path, model: Path | str, es_engine: str = "apertium") -> Path:
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "overview.md").write_text(SOURCE, encoding="utf-8")
    (root / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    (root / "memories").mkdir()
    (root / "memories" / "previous.tmx").write_text(TMX, encoding="utf-8")
    (root / "workflow.yaml").write_text(
        f"""name: mt-test
target_languages: [fr, es]
sources: [sources/overview.md]
glossaries: [glossary.csv]
memories: [memories]
mt:
  fr: {{engine: marian, model: "{model}", beam_size: 1, batch_size: 2}}
  es: {{engine: {es_engine}}}
""",
        encoding="utf-8",
    )
    workflow = load_workflow(root)
    import_workflow(workflow)
    return root


@pytest.fixture
def workflow_dir(tmp_path: Path, tiny_marian: Path) -> Path:
    return make_workflow(tmp_path / "wf", tiny_marian)


@pytest.fixture(scope="module")
def drafted_once(tmp_path_factory: pytest.TempPathFactory, tiny_marian: Path) -> tuple[Path, dict]:
    """The workflow with French drafted once (TM, then MT); tests get a copy."""
    root = make_workflow(tmp_path_factory.mktemp("drafted") / "wf", tiny_marian)
    return root, draft_workflow(load_workflow(root), langs=["fr"])


@pytest.fixture
def drafted(drafted_once: tuple[Path, dict], tmp_path: Path) -> Path:
    target = tmp_path / "wf"
    shutil.copytree(drafted_once[0], target)
    return target


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "OMP_NUM_THREADS": "1", **(env or {})}
    return subprocess.run([*HEXAGLOT, *args], capture_output=True, text=True, cwd=REPO, env=full_env, timeout=300)


def test_draft_fills_the_catalog_with_provenance_terms_and_protected_spans(drafted_once: tuple[Path, dict]) -> None:
    workflow = load_workflow(drafted_once[0])
    report = drafted_once[1]["fr"]
    catalog = Catalog.load(workflow.catalog_path("fr"))
    entries = list(catalog)
    assert report.tm_drafts == 1 and report.remaining == 0
    assert report.mt_drafts == len(entries) - 1
    assert drafts_by_origin(catalog) == {"mt": len(entries) - 1, "tm": 1}
    for entry in entries:
        assert state_of(entry) == SegmentState.DRAFT and "fuzzy" in entry.flags
        assert APPROVED_FLAG not in entry.flags
        provenance = provenance_of(entry)
        if provenance.origin == "tm":
            assert entry.msgstr == "La plupart des victimes détectées étaient des femmes."
            continue
        assert provenance.engine == "marian"
        assert provenance.model == workflow.mt_settings("fr").model
        assert provenance.at and provenance.at.endswith("Z")
        mt = get_meta(entry, "mt")
        assert mt["text"] == entry.msgstr and mt["source"] == source_hash(entry.msgid)
        for span in find_spans(entry.msgid, lang="fr"):
            assert span.output in entry.msgstr, (span, entry.msgstr)
    by_source = {entry.msgid: entry for entry in entries}
    tip = by_source["Trafficking in persons is a crime under resolution A/RES/64/293."]
    assert "traite des personnes" in tip.msgstr.lower()
    assert get_meta(tip, "terms") == {
        "hits": [{"id": "tip", "source": "Trafficking in persons", "target": "traite des personnes"}]
    }
    unodc = by_source["The United Nations Office on Drugs and Crime publishes data at https://www.unodc.org/glotip."]
    assert "Office des Nations Unies contre la drogue et le crime" in unodc.msgstr
    assert "https://www.unodc.org/glotip" in unodc.msgstr
    assert [hit["id"] for hit in get_meta(unodc, "terms")["hits"]] == ["unodc"], "no term inside the URL"


def test_an_unchanged_segment_is_never_translated_twice(drafted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workflow = load_workflow(drafted)
    catalog = Catalog.load(workflow.catalog_path("fr"))
    before = {entry.msgctxt: entry.msgstr for entry in catalog}
    cleared = [entry for entry in catalog if provenance_of(entry).origin == "mt"][:3]
    for entry in cleared:
        entry.msgstr = ""
        entry.flags = []
    catalog.save()
    calls: list[int] = []
    real = Protector.translate

    def counting(self: Protector, sources, spans):
        calls.append(len(sources))
        return real(self, sources, spans)

    monkeypatch.setattr(Protector, "translate", counting)
    report = draft_workflow(load_workflow(drafted), langs=["fr"])["fr"]
    assert report.from_cache == 3 and report.mt_drafts == 0 and calls == []
    after = {entry.msgctxt: entry.msgstr for entry in Catalog.load(workflow.catalog_path("fr"))}
    assert after == before


def test_an_interrupted_run_keeps_finished_batches_and_a_rerun_continues(
    workflow_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = load_workflow(workflow_dir)
    real = Protector.translate
    batches: list[int] = []

    def interrupted_after_first_batch(self: Protector, sources, spans):
        if batches:
            raise KeyboardInterrupt
        batches.append(len(sources))
        return real(self, sources, spans)

    monkeypatch.setattr(Protector, "translate", interrupted_after_first_batch)
    with pytest.raises(KeyboardInterrupt):
        draft_workflow(workflow, langs=["fr"])
    from translate.store import sync_language

    sync_language(workflow, "fr")  # what the next command does first: the store's drafts into the file
    on_disk = Catalog.load(workflow.catalog_path("fr"))
    assert drafts_by_origin(on_disk) == {"mt": 2, "tm": 1}, "the first batch (2 segments) and the TM draft survive"
    monkeypatch.setattr(Protector, "translate", real)
    report = draft_workflow(load_workflow(workflow_dir), langs=["fr"])["fr"]
    assert report.mt_drafts == len(on_disk) - 3 and report.from_cache == 0 and report.remaining == 0
    assert drafts_by_origin(Catalog.load(workflow.catalog_path("fr"))) == {"mt": len(on_disk) - 1, "tm": 1}


def test_a_missing_model_warns_once_and_keeps_tm_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    root = make_workflow(tmp_path / "wf", "Helsinki-NLP/opus-mt-en-fr", es_engine="marian")
    from io import StringIO

    from rich.console import Console

    out = StringIO()
    reports = draft_workflow(load_workflow(root), console=Console(file=out, width=300))
    text = out.getvalue()
    assert reports["fr"].warning and "Helsinki-NLP/opus-mt-en-fr" in reports["fr"].warning
    assert "hexaglot mt fetch Helsinki-NLP/opus-mt-en-fr" in text
    assert "hexaglot mt fetch Helsinki-NLP/opus-mt-en-es" in text
    assert text.count("warning:") == 2, "one warning per model"
    for lang in ("fr", "es"):
        catalog = Catalog.load(root / "translations" / f"{lang}.po")
        assert drafts_by_origin(catalog) == {"tm": 1}
        assert reports[lang].remaining == len(catalog) - 1


def test_draft_with_an_unavailable_model_exits_2_with_one_line(workflow_dir: Path, tmp_path: Path) -> None:
    env = {"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf-home")}
    done = _run(["draft", str(workflow_dir), "--lang", "fr", "--model", "Helsinki-NLP/opus-mt-en-xx"], env)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("hexaglot:")]
    assert len(lines) == 1
    assert "'Helsinki-NLP/opus-mt-en-xx'" in lines[0] and "hexaglot mt fetch Helsinki-NLP/opus-mt-en-xx" in lines[0]
    # The TM draft was saved before MT failed.
    assert drafts_by_origin(Catalog.load(workflow_dir / "translations" / "fr.po")) == {"tm": 1}
    missing = _run(["draft", str(workflow_dir), "--lang", "fr", "--model", str(tmp_path / "nowhere")], env)
    assert missing.returncode == 2 and "no such model folder" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.skipif(
    shutil.which("apertium") is None, reason="apertium is not installed (apt-get install apertium-eng-spa)"
)
def test_apertium_drafts_spanish_with_terms_through_the_cli(workflow_dir: Path) -> None:
    done = _run(["draft", str(workflow_dir), "--lang", "es"])
    assert done.returncode == 0, done.stderr
    catalog = Catalog.load(workflow_dir / "translations" / "es.po")
    by_source = {entry.msgid: entry for entry in catalog}
    tip = by_source["Trafficking in persons is a crime under resolution A/RES/64/293."]
    assert provenance_of(tip).engine == "apertium" and provenance_of(tip).model == "eng-spa"
    assert "trata de personas" in tip.msgstr.lower() and "A/RES/64/293" in tip.msgstr
    som = by_source["Smuggling of migrants is a distinct crime."]
    assert "tráfico ilícito de migrantes" in som.msgstr.lower()
    assert "MT drafts (apertium" in done.stderr  # the summary line
    assert "segments/s" not in done.stderr  # the progress bar stays off when stderr is not a terminal (issue 18)


def test_evaluate_compares_original_mt_with_what_reviewers_approved(drafted: Path) -> None:
    workflow_dir = drafted
    workflow = load_workflow(workflow_dir)
    catalog = Catalog.load(workflow.catalog_path("fr"))
    mt_entries = [entry for entry in catalog if provenance_of(entry).origin == "mt"]
    for entry in mt_entries[:2]:
        approve(entry, by="claire")
    catalog.save()
    [score] = evaluate_workflow(load_workflow(workflow_dir), ["fr"])
    assert (score.engine, score.segments) == ("marian", 2)
    assert score.bleu == pytest.approx(100) and score.chrf == pytest.approx(100) and score.ter == pytest.approx(0)
    # A reviser rewrites one: the original MT text survives the edit and the scores show the change.
    catalog = Catalog.load(workflow.catalog_path("fr"))
    edited = next(entry for entry in catalog if entry.msgctxt == mt_entries[0].msgctxt)
    approve(edited, by="claire", text="La traite des personnes est un crime au sens de la résolution A/RES/64/293.")
    catalog.save()
    assert get_meta(edited, "mt")["text"] == mt_entries[0].msgstr
    [score] = evaluate_workflow(load_workflow(workflow_dir), ["fr"])
    assert score.segments == 2 and score.bleu < 100 and score.ter > 0
    done = _run(["evaluate", str(workflow_dir), "--lang", "fr"])
    assert done.returncode == 0, done.stderr
    assert "marian" in done.stdout and "nrefs:1|case:mixed|eff:no|tok:13a" in done.stdout


def test_a_changed_source_is_not_evaluated(drafted: Path) -> None:
    workflow_dir = drafted
    workflow = load_workflow(workflow_dir)
    catalog = Catalog.load(workflow.catalog_path("fr"))
    entry = next(entry for entry in catalog if provenance_of(entry).origin == "mt")
    approve(entry, by="claire")
    mt = get_meta(entry, "mt")
    set_meta(entry, "mt", {**mt, "source": "0" * 12})
    catalog.save()
    assert evaluate_workflow(load_workflow(workflow_dir), ["fr"]) == []


def test_importing_the_cli_and_pipeline_does_not_import_torch() -> None:
    code = (
        "import sys, translate.cli.mt_cmds, translate.draft, translate.mt, translate.mt.protect, "
        "translate.mt.cache, translate.mt.evaluate, translate.mt.base\n"
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'sentencepiece') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_device_cuda_without_a_gpu_is_a_clear_error(workflow_dir: Path) -> None:
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is present")
    done = _run(
        [
            "draft",
            str(workflow_dir),
            "--lang",
            "fr",
            "--engine",
            "marian",
            "--device",
            "cuda",
            "--model",
            load_workflow(workflow_dir).mt_settings("fr").model,
        ]
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--device cuda" in done.stderr and "--device cpu" in done.stderr


def test_a_reviewers_save_during_an_mt_run_is_kept(workflow_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reviser approves a segment while the MT run is between batches: the run's saves never overwrite it."""
    from translate.review.store import ReviewStore

    workflow = load_workflow(workflow_dir)
    catalog = Catalog.load(workflow.catalog_path("fr"))
    target = next(e for e in catalog if e.msgid == "Smuggling of migrants is a distinct crime.")
    original_translate = Protector.translate
    calls = {"n": 0}

    def translate_then_reviewer_saves(self: Protector, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            store = ReviewStore.for_workflow(workflow, "fr")
            with store.transaction() as on_disk:
                approve(on_disk.entry(target.msgctxt), by="claire", text="Le trafic illicite de migrants est distinct.")
        return original_translate(self, *args, **kwargs)

    monkeypatch.setattr(Protector, "translate", translate_then_reviewer_saves)
    report = draft_workflow(workflow, langs=["fr"])["fr"]
    assert calls["n"] > 1, "the run must save between batches for this test to mean anything"
    after = Catalog.load(workflow.catalog_path("fr"))
    kept = after.entry(target.msgctxt)
    assert kept.msgstr == "Le trafic illicite de migrants est distinct."
    assert state_of(kept) == SegmentState.APPROVED
    others = [e for e in after if e.msgctxt != target.msgctxt]
    assert all(state_of(e) == SegmentState.DRAFT for e in others)
    assert report.mt_drafts >= len(others) - 1
