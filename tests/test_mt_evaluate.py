"""``hexaglot evaluate --hyp --ref``: sacrebleu BLEU, chrF and TER on real FLORES-200 text, with signatures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translate.errors import BadInputError
from translate.mt.evaluate import corpus_score, evaluate_files

REPO = Path(__file__).resolve().parents[1]
FLORES = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-devtest"
HEXAGLOT = [sys.executable, "-c", "from translate.cli import main; main()"]


@pytest.fixture
def flores() -> Path:
    if not (FLORES / "fra_Latn.devtest").exists():
        pytest.skip("../shared/data/flores200-devtest is absent")
    return FLORES


def _lines(path: Path, count: int = 60) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[:count]


def test_identical_text_scores_perfectly_and_other_sentences_do_not(flores: Path) -> None:
    french = _lines(flores / "fra_Latn.devtest")
    perfect = corpus_score(french, french, "fr")
    assert (perfect.bleu, perfect.chrf, perfect.ter) == (pytest.approx(100), pytest.approx(100), pytest.approx(0))
    shifted = corpus_score(french[1:] + french[:1], french, "fr")
    assert shifted.bleu < 10 and shifted.chrf < 40 and shifted.ter > 80
    assert shifted.signatures["BLEU"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")


def test_chinese_uses_the_zh_tokenizer(flores: Path) -> None:
    chinese = _lines(flores / "zho_Hans.devtest")
    damaged = [line[: len(line) // 2] for line in chinese]
    result = corpus_score(damaged, chinese, "zh")
    assert "tok:zh" in result.signatures["BLEU"] and "asian:yes" in result.signatures["TER"]
    assert 0 < result.bleu < 100


def test_evaluate_command_with_reference_files(flores: Path, tmp_path: Path) -> None:
    hyp = tmp_path / "hyp.es"
    hyp.write_text("\n".join(_lines(flores / "spa_Latn.devtest")[:30]) + "\n", encoding="utf-8")
    ref = tmp_path / "ref.es"
    ref.write_text("\n".join(_lines(flores / "spa_Latn.devtest")[:30]) + "\n", encoding="utf-8")
    env = {**os.environ}
    done = subprocess.run(
        [*HEXAGLOT, "evaluate", "--hyp", str(hyp), "--ref", str(ref), "--lang", "es"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "100.0" in done.stdout and "BLEU signature: nrefs:1|case:mixed|eff:no|tok:13a" in done.stdout
    assert "chrF signature: nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no" in done.stdout
    short = tmp_path / "short.es"
    short.write_text("una línea\n", encoding="utf-8")
    bad = subprocess.run(
        [*HEXAGLOT, "evaluate", "--hyp", str(short), "--ref", str(ref), "--lang", "es"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert f"{short}: 1 lines but the reference {ref} has 30" in bad.stderr


def test_a_wrongly_encoded_file_names_file_and_line(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("bien\nd\xe9j\xe0 vu\n".encode("latin-1"))
    with pytest.raises(BadInputError) as caught:
        evaluate_files(latin, latin, "fr")
    assert str(caught.value) == f"{latin}:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
