"""Build a tiny random-weight Marian (opus-mt shaped) model at test time, so MT code runs with no network.

Two sentencepiece models of a few hundred pieces are trained on real English and French sentences from
``/work/shared/data`` (or on generated text when that folder is absent), a ``vocab.json`` joins their pieces
(``</s>`` = 0, ``<unk>`` = 1, pieces, ``<pad>`` last: the CTranslate2 converter drops a pad token that is not
last), and a ``MarianMTModel`` with random weights is saved with safetensors. The benchmark reuses
:func:`build_marian_model` with the real opus-mt-base shape.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FLORES = SHARED_DATA / "flores200-devtest"

# Characters that protected spans need (symbols, numbers, URLs, footnote markers): always in both vocabularies.
EXTRA_LINES = [
    "E/2013/30 A/RES/64/293 S/RES/2331 (2016) https://www.unodc.org/glotip [^3] [^12] 1,250.5 45 % 2020-2022",
    "0 1 2 3 4 5 6 7 8 9 / . , ; : ( ) [ ] ^ % - _ @ ? ! ' \" & = + # * < > { } | ~",
]


def _generated_lines(count: int, seed: int, words: list[str]) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(5, 18))) + "." for _ in range(count)]


def training_lines(lang: str, count: int = 400) -> list[str]:
    """Real sentences from FLORES-200 when present, else generated ones."""
    files = {"en": "eng_Latn.devtest", "fr": "fra_Latn.devtest", "es": "spa_Latn.devtest"}
    path = FLORES / files[lang]
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()[:count]
    else:
        words = {
            "en": "the victims of trafficking in persons were detected in countries and regions report",
            "fr": "les victimes de la traite des personnes ont été détectées dans pays régions rapport",
            "es": "las víctimas de la trata de personas fueron detectadas en países regiones informe",
        }[lang].split()
        lines = _generated_lines(count, seed=len(lang), words=words)
    return lines + EXTRA_LINES


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> list[str]:
    import sentencepiece as spm

    text_file = prefix.with_suffix(".txt")
    text_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(text_file),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        minloglevel=2,
        num_threads=1,
    )
    processor = spm.SentencePieceProcessor(model_file=str(prefix) + ".model")
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_vocab(pieces: list[str], size: int | None = None) -> dict[str, int]:
    """``</s>`` = 0, ``<unk>`` = 1, the pieces, filler pieces up to ``size``, ``<pad>`` last."""
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        if piece not in vocab and piece not in ("<s>", "<pad>"):
            vocab[piece] = len(vocab)
    if size is not None:
        filler = 0
        while len(vocab) < size - 1:
            vocab[f"▁x{filler}"] = len(vocab)
            filler += 1
    vocab["<pad>"] = len(vocab)
    return vocab


def build_marian_model(
    out_dir: Path,
    target: str = "fr",
    pieces: int = 300,
    d_model: int = 16,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 32,
    vocab_size: int | None = None,
    seed: int = 0,
    max_length: int = 32,
    max_positions: int = 512,
) -> Path:
    """Save a random-weight Marian en->``target`` model with its tokenizer in ``out_dir``; returns ``out_dir``.

    Random weights never stop by themselves: ``max_length`` (the generation limit) keeps test decoding short.
    ``max_positions`` (``max_position_embeddings``, also the tokenizer's ``model_max_length``) makes a small-limit
    model for the long-segment tests.
    """
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out_dir = Path(out_dir)
    work = out_dir / "spm-work"
    work.mkdir(parents=True, exist_ok=True)
    source_pieces = _train_spm(training_lines("en"), work / "source", pieces)
    target_pieces = _train_spm(training_lines(target), work / "target", pieces)
    vocab = build_vocab(source_pieces + target_pieces, vocab_size)
    for name in ("source", "target"):
        (out_dir / f"{name}.spm").write_bytes((work / f"{name}.model").read_bytes())
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(out_dir / "source.spm"),
        target_spm=str(out_dir / "target.spm"),
        vocab=str(out_dir / "vocab.json"),
        model_max_length=max_positions,
    )
    tokenizer.save_pretrained(out_dir)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=max_positions,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        bos_token_id=0,
        num_beams=1,
        max_length=max_length,
        share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.save_pretrained(out_dir, safe_serialization=True)
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    return out_dir


def convert_ctranslate2(model_dir: Path, out_dir: Path, quantization: str = "int8") -> Path:
    """Convert a saved transformers model with CTranslate2's converter (tokenizer files copied along)."""
    from ctranslate2.converters import TransformersConverter

    copy = [
        name
        for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json")
        if (model_dir / name).exists()
    ]
    TransformersConverter(str(model_dir), copy_files=copy).convert(str(out_dir), quantization=quantization, force=True)
    return Path(out_dir)


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    built = build_marian_model(Path(sys.argv[1]))
    print(built)


# --- pytest fixtures ``tiny_marian`` and ``tiny_ct2``: ``from mt_model import tiny_ct2_fixture, tiny_marian_fixture``

try:
    import pytest
except ImportError:  # pragma: no cover - the benchmark runs without pytest
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture(scope="session", name="tiny_marian")
    def tiny_marian_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
        """A random-weight en->fr Marian model (d_model 16, one layer), built once per test session.

        torch runs it on one thread: for a model this small, OpenMP threads only wait for each other (10x
        slower on a busy 2-core machine).
        """
        torch = pytest.importorskip("torch")
        pytest.importorskip("sentencepiece")
        torch.set_num_threads(1)
        return build_marian_model(tmp_path_factory.mktemp("tiny-marian") / "opus-mt-tiny-en-fr")

    @pytest.fixture(scope="session", name="tiny_ct2")
    def tiny_ct2_fixture(tiny_marian: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
        """The same model converted with CTranslate2 (int8), with the tokenizer files and hexaglot-mt.json."""
        pytest.importorskip("ctranslate2")
        from translate.mt.ctranslate2 import convert_model

        out = tmp_path_factory.mktemp("tiny-ct2") / "opus-mt-tiny-en-fr-ct2"
        return convert_model(tiny_marian, out, "marian", str(tiny_marian), "int8")


def build_m2m100_model(out_dir: Path, pieces: int = 400, d_model: int = 16, max_length: int = 32) -> Path:
    """A random-weight M2M-100 (one multilingual model, language tokens ``__fr__`` ...) with its tokenizer."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    out_dir = Path(out_dir)
    work = out_dir / "spm-work"
    work.mkdir(parents=True, exist_ok=True)
    lines = training_lines("en") + training_lines("fr") + training_lines("es")
    spm_pieces = _train_spm(lines, work / "spm", pieces)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in spm_pieces:
        vocab.setdefault(piece, len(vocab))
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out_dir / "sentencepiece.bpe.model").write_bytes((work / "spm.model").read_bytes())
    tokenizer = M2M100Tokenizer(str(out_dir / "vocab.json"), str(out_dir / "sentencepiece.bpe.model"), src_lang="en")
    tokenizer.save_pretrained(out_dir)
    config = M2M100Config(
        vocab_size=tokenizer.encoder_size + len(tokenizer.lang_token_to_id) + 8,  # pieces, languages, made-up words
        d_model=d_model,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=256,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        max_length=max_length,
    )
    torch.manual_seed(0)
    M2M100ForConditionalGeneration(config).save_pretrained(out_dir, safe_serialization=True)
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    return out_dir


if pytest is not None:

    @pytest.fixture(scope="session", name="tiny_m2m100")
    def tiny_m2m100_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
        """A random-weight M2M-100 model (one model, every target language), built once per test session."""
        torch = pytest.importorskip("torch")
        torch.set_num_threads(1)
        return build_m2m100_model(tmp_path_factory.mktemp("tiny-m2m100") / "m2m100-tiny")
