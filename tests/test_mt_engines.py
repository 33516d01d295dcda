"""The engines behind one interface: loading from a local folder or the HF cache (safetensors only), the
random-weight Marian model through transformers and through CTranslate2, Apertium, and the ``mt`` commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mt_model import tiny_ct2_fixture, tiny_m2m100_fixture, tiny_marian_fixture  # noqa: F401 - session fixtures

from translate.errors import HexaglotError
from translate.mt import ENGINES, create_engine, default_model, engine_class
from translate.mt.base import MTUnavailableError, resolve_model_dir
from translate.mt.ctranslate2 import INFO_FILE, model_family
from translate.mt.marian import target_token
from translate.mt.nllb import M2M100Engine, NLLBEngine

REPO = Path(__file__).resolve().parents[1]
HEXAGLOT = [sys.executable, "-c", "from translate.cli import main; main()"]
SENTENCES = ["Victims of trafficking were detected in 141 countries.", "The report covers 2018 to 2021.", "Thanks."]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "OMP_NUM_THREADS": "1", **env}
    return subprocess.run([*HEXAGLOT, *args], capture_output=True, text=True, cwd=REPO, env=full_env, timeout=300)


def test_registry_names_every_engine_and_defaults() -> None:
    assert set(ENGINES) == {"marian", "nllb", "m2m100", "ctranslate2", "apertium", "none"}
    assert engine_class("none").needs_model is False
    assert default_model("marian", "zh") == "Helsinki-NLP/opus-mt-en-zh"
    assert default_model("nllb", "ar") == "facebook/nllb-200-distilled-600M"
    with pytest.raises(HexaglotError, match="unknown MT engine 'deepl'"):
        engine_class("deepl")


def test_language_codes_of_the_multilingual_models() -> None:
    assert [NLLBEngine().target_code(lang) for lang in ("ar", "zh", "fr", "ru", "es")] == [
        "arb_Arab",
        "zho_Hans",
        "fra_Latn",
        "rus_Cyrl",
        "spa_Latn",
    ]
    assert M2M100Engine().target_code("zh") == "__zh__"
    multi = {">>ara<<": 5, ">>cmn_Hans<<": 6, ">>fra<<": 7}
    assert (target_token(multi, "ar"), target_token(multi, "zh"), target_token(multi, "fr")) == (
        ">>ara<<",
        ">>cmn_Hans<<",
        ">>fra<<",
    )
    assert target_token({"▁the": 3}, "fr") is None, "a one-pair model gets no target token"


def test_a_model_not_in_the_cache_names_itself_and_the_fetch_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    with pytest.raises(MTUnavailableError) as caught:
        resolve_model_dir("Helsinki-NLP/opus-mt-en-fr")
    message = str(caught.value)
    assert "'Helsinki-NLP/opus-mt-en-fr'" in message and "HF_HUB_OFFLINE=1" in message
    assert message.endswith("fetch it with: hexaglot mt fetch Helsinki-NLP/opus-mt-en-fr")
    with pytest.raises(MTUnavailableError, match="not a local folder nor a Hugging Face id"):
        resolve_model_dir("opus-mt-en-fr")


def test_the_hf_cache_is_used_offline(tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A model already in the Hugging Face cache layout loads by its id with the network off."""
    home = tmp_path / "hf-home"
    snapshot = home / "hub" / "models--hexaglot--tiny-en-fr" / "snapshots" / ("a" * 40)
    shutil.copytree(tiny_marian, snapshot)
    (snapshot.parents[1] / "refs").mkdir()
    (snapshot.parents[1] / "refs" / "main").write_text("a" * 40)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(home / "hub"))
    import huggingface_hub.constants as constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(home / "hub"))
    assert resolve_model_dir("hexaglot/tiny-en-fr") == snapshot
    engine = create_engine("marian", "hexaglot/tiny-en-fr", "fr", beam_size=1)
    assert len(engine.translate(SENTENCES[:1], "fr")) == 1


def test_pickled_weights_are_refused(tiny_marian: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pickled"
    shutil.copytree(tiny_marian, folder)
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")
    engine = create_engine("marian", str(folder), "fr")
    with pytest.raises(MTUnavailableError, match=r"only pickled \.bin weights, which hexaglot refuses to load"):
        engine.ensure_loaded()


def test_marian_through_transformers_with_a_random_weight_model(tiny_marian: Path) -> None:
    engine = create_engine("marian", str(tiny_marian), "fr", beam_size=2, batch_size=2)
    outputs = engine.translate(SENTENCES, "fr")
    assert len(outputs) == 3 and all(isinstance(text, str) and text for text in outputs)
    forced = engine.translate(SENTENCES[:1], "fr", ["victimes de la traite"])
    assert forced[0].startswith("victimes de la traite")
    assert engine.fingerprint().startswith(str(tiny_marian) + "@")


def test_m2m100_one_model_for_every_target_language(tiny_m2m100: Path) -> None:
    engine = create_engine("m2m100", str(tiny_m2m100), "fr", beam_size=1, batch_size=2)
    for lang in ("ar", "zh", "fr", "ru", "es"):
        outputs = engine.translate(SENTENCES[:2], lang)
        assert len(outputs) == 2
        assert not any("__" in text for text in outputs), "language tokens are not part of the translation"
    forced = engine.translate(SENTENCES[:1], "es", ["víctimas de la trata"])
    assert forced[0].startswith("víctimas de la trata")


def test_ctranslate2_runs_the_converted_model(tiny_ct2: Path) -> None:
    assert json.loads((tiny_ct2 / INFO_FILE).read_text())["family"] == "marian"
    assert model_family(tiny_ct2) == "marian"
    engine = create_engine("ctranslate2", str(tiny_ct2), "fr", beam_size=2, batch_size=2)
    outputs = engine.translate(SENTENCES, "fr")
    assert len(outputs) == 3 and all(outputs)
    with pytest.raises(MTUnavailableError, match=r"no model\.bin"):
        create_engine("ctranslate2", str(tiny_ct2.parent), "fr").resolve()


def test_mt_convert_command_and_engines_list(tiny_marian: Path, tmp_path: Path) -> None:
    out = tmp_path / "ct2"
    done = _run(["mt", "convert", str(tiny_marian), str(out), "--quantization", "int8"])
    assert done.returncode == 0, done.stderr
    assert (out / "model.bin").exists() and (out / "source.spm").exists()
    assert json.loads((out / INFO_FILE).read_text())["source_model"] == str(tiny_marian)
    assert "--engine ctranslate2" in done.stdout
    listing = _run(["mt", "engines"])
    assert listing.returncode == 0
    rows = {line.split()[0]: line.split()[1] for line in listing.stdout.splitlines()}
    assert rows["ctranslate2"] == "yes" and rows["none"] == "yes"
    assert rows["apertium"] == ("yes" if shutil.which("apertium") else "no")


def test_mt_fetch_offline_is_one_clear_line(tmp_path: Path) -> None:
    done = _run(["mt", "fetch", "Helsinki-NLP/opus-mt-en-fr"], HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("hexaglot: cannot fetch Helsinki-NLP/opus-mt-en-fr: HF_HUB_OFFLINE is set")


@pytest.mark.skipif(
    shutil.which("apertium") is None, reason="apertium is not installed (apt-get install apertium-eng-spa)"
)
def test_apertium_translates_a_batch_line_by_line() -> None:
    engine = create_engine("apertium", None, "es")
    engine.resolve()
    outputs = engine.translate(["The victims were detected.", "Thanks.", "Women and girls."], "es")
    assert len(outputs) == 3
    assert "víctimas" in outputs[0] and "mujeres" in outputs[2].lower()
    assert not engine.supports("fr")
    with pytest.raises(HexaglotError, match="Spanish"):
        engine.translate(["x"], "fr")
