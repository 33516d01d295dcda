"""Throughput of transformers fp32 against CTranslate2 int8 on this CPU, same run, same inputs.

Both engines run a random-weight Marian model of the real opus-mt-base shape (d_model 512, 6 encoder and
6 decoder layers, 8 heads, FFN 2048, vocabulary 58,101), so the arithmetic per token is that of a trained
Helsinki-NLP/opus-mt-en-xx model. Random weights decode nonsense of arbitrary length, so every batch is made to
decode exactly the same number of target tokens in both engines (min = max length), which is what makes
tokens/s comparable; the script checks that both sides decoded the same number of tokens. Source sentences are
real FLORES-200 English, tokenised with a sentencepiece model, sorted by length, in batches of --batch-size.

Each side runs as the product runs it on --threads cores: transformers with ``torch.set_num_threads(threads)``,
``eval()``, ``inference_mode()`` and its KV cache; CTranslate2 as ``translate/mt/ctranslate2.py`` does, with
--ct2-workers single-threaded workers (``inter_threads``), each batch split into one part per worker.

    .venv/bin/python benchmarks/mt_benchmark.py [--sentences 48] [--batch-size 16] [--threads 2] [--ct2-workers 2]

Prints a Markdown table (target tokens per second, best of --rounds interleaved runs, with the 1-minute load
average seen during the runs) for greedy and beam 4. Other work on the machine lowers both figures.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from mt_model import build_marian_model, convert_ctranslate2, training_lines  # noqa: E402

OPUS_MT_BASE = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "vocab_size": 58101}


def _batches(token_lists: list[list[str]], size: int) -> list[list[list[str]]]:
    ordered = sorted(token_lists, key=len)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def _target_length(batch: list[list[str]]) -> int:
    """Decode as many tokens as a trained model would write: about 1.1 x the longest source."""
    return int(max(len(tokens) for tokens in batch) * 1.1) + 1


def run_transformers(model_dir: Path, batches: list[list[list[str]]], beam: int, threads: int) -> tuple[int, float]:
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    torch.set_num_threads(threads)
    tokenizer = MarianTokenizer.from_pretrained(model_dir, local_files_only=True)
    model = MarianMTModel.from_pretrained(model_dir, local_files_only=True, use_safetensors=True).eval()
    pad = tokenizer.pad_token_id
    produced = 0
    start = time.perf_counter()
    with torch.inference_mode():
        for batch in batches:
            ids = [tokenizer.convert_tokens_to_ids(tokens) for tokens in batch]
            width = max(len(row) for row in ids)
            input_ids = torch.tensor([row + [pad] * (width - len(row)) for row in ids])
            mask = (input_ids != pad).long()
            length = _target_length(batch)
            out = model.generate(
                input_ids=input_ids,
                attention_mask=mask,
                num_beams=beam,
                do_sample=False,
                min_new_tokens=length,
                max_new_tokens=length,
            )
            produced += length * len(batch)
            assert out.shape[1] >= length
    return produced, time.perf_counter() - start


def run_ctranslate2(
    ct2_dir: Path,
    batches: list[list[list[str]]],
    beam: int,
    threads: int,
    compute_type: str = "int8",
    workers: int = 1,
) -> tuple[int, float]:
    """Decode every batch as ``hexaglot draft`` does (translate/mt/ctranslate2.py): ``workers`` CTranslate2 workers
    (inter_threads) share ``threads`` cores, and each batch is split into one part per worker, decoded in parallel."""
    import ctranslate2

    translator = ctranslate2.Translator(
        str(ct2_dir),
        device="cpu",
        compute_type=compute_type,
        inter_threads=workers,
        intra_threads=max(1, threads // workers),
    )
    produced = 0
    start = time.perf_counter()
    for batch in batches:
        length = _target_length(batch)
        results = translator.translate_batch(
            batch,
            beam_size=beam,
            min_decoding_length=length,
            max_decoding_length=length,
            max_batch_size=math.ceil(len(batch) / workers),
        )
        produced += sum(len(result.hypotheses[0]) for result in results)
    return produced, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=48)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved repetitions; the best of each is kept")
    parser.add_argument("--compute-type", default="int8", help="CTranslate2 compute type (int8, float32)")
    parser.add_argument(
        "--ct2-workers", type=int, default=2, help="CTranslate2 inter_threads; each gets threads // workers cores"
    )
    args = parser.parse_args()

    import sentencepiece as spm
    import transformers

    transformers.logging.disable_progress_bar()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        model_dir = build_marian_model(work / "hf", pieces=4000, **OPUS_MT_BASE)
        ct2_dir = convert_ctranslate2(model_dir, work / "ct2", quantization="int8")
        print(f"built and converted the opus-mt-base-shaped model in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        processor = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
        lines = training_lines("en", 1012)[-args.sentences - 2 : -2]
        sources = [[*processor.encode(line, out_type=str), "</s>"] for line in lines]
        batches = _batches(sources, args.batch_size)
        words = sum(len(line.split()) for line in lines)
        tokens = sum(len(s) for s in sources)
        print(
            f"{len(lines)} sentences, {words} words, {tokens} source tokens, batch {args.batch_size}, "
            f"{args.threads} threads\n"
        )
        ct_label = (
            f"CTranslate2 {args.compute_type} ({args.ct2_workers} x {max(1, args.threads // args.ct2_workers)} threads)"
        )
        print(f"| decoding | transformers fp32 tokens/s | {ct_label} tokens/s | speed-up | load (1 min) |")
        print("|---|---:|---:|---:|---|")
        for beam in (1, 4):
            hf_rate = ct_rate = 0.0
            loads: list[float] = []
            for _ in range(args.rounds):  # interleaved, best of N: other load on the machine hits both alike
                hf_tokens, hf_seconds = run_transformers(model_dir, batches, beam, args.threads)
                ct_tokens, ct_seconds = run_ctranslate2(
                    ct2_dir, batches, beam, args.threads, args.compute_type, args.ct2_workers
                )
                assert ct_tokens == hf_tokens, "both engines must decode the same number of tokens"
                loads.append(os.getloadavg()[0])
                hf_rate, ct_rate = max(hf_rate, hf_tokens / hf_seconds), max(ct_rate, ct_tokens / ct_seconds)
            label = "greedy" if beam == 1 else f"beam {beam}"
            load = f"{min(loads):.1f}-{max(loads):.1f}"
            print(f"| {label} | {hf_rate:,.0f} | {ct_rate:,.0f} | {ct_rate / hf_rate:.2f}x | {load} |", flush=True)


if __name__ == "__main__":
    main()
