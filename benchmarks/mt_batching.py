"""Segments/s with segment-safe batching against the old batching, same run, same segments (issue 11).

The segments are the sample job's English (``workflows/glotip-sample/translations/es.po``: headings, table cells,
sentences; 161 with text). Per engine:

- **Apertium**: old = one ``apertium -u eng-spa`` run over the segments joined by newlines (what shifted drafts);
  new = :class:`translate.mt.apertium.ApertiumEngine` (null-flush ``-f none -z``, a marker per segment). With
  ``--check`` each segment is also translated alone (txt mode, one process each) and the segments each side got
  wrong are counted.
- **Marian (transformers)** and **CTranslate2**: a random-weight Marian model (``--d-model``, ``--layers``); old = one
  padded batch of --batch-size with one length budget from the longest source (the code before issue 11); new =
  the engines as they are (a budget per segment, batches of one budget). Each side's outputs are also compared with
  each segment translated alone by the new engine.

    .venv/bin/python benchmarks/mt_batching.py [--check] [--batch-size 16] [--d-model 64] [--layers 2] [--rounds 2]

Prints a Markdown table and the 1-minute load average seen during the runs.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def sample_segments() -> list[str]:
    import polib

    po = polib.pofile(str(ROOT / "workflows" / "glotip-sample" / "translations" / "es.po"))
    return [" ".join(entry.msgid.split()) for entry in po if entry.msgid.strip()]


def _timed(function, rounds: int):  # type: ignore[no-untyped-def]
    best, result = math.inf, None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def apertium_rows(segments: list[str], rounds: int, check: bool) -> list[tuple[str, str, float, str]]:
    from translate.mt.apertium import ApertiumEngine

    def old() -> list[str]:
        done = subprocess.run(["apertium", "-u", "eng-spa"], input="\n".join(segments) + "\n", capture_output=True,
                              text=True, check=True)  # fmt: skip
        return done.stdout.split("\n")[: len(segments)]

    engine = ApertiumEngine()
    engine.resolve()
    old_s, old_out = _timed(old, rounds)
    new_s, new_out = _timed(lambda: engine.translate(segments, "es"), rounds)
    wrong_old = wrong_new = "not checked"
    if check:
        alone = [
            subprocess.run(["apertium", "-u", "eng-spa"], input=text, capture_output=True, text=True).stdout.strip()
            for text in segments
        ]
        wrong_old = str(sum(a.strip() != b for a, b in zip(old_out, alone, strict=True)))
        wrong_new = str(sum(a != b for a, b in zip(new_out, alone, strict=True)))
    return [
        ("Apertium eng-spa", "old: newline-joined", len(segments) / old_s, wrong_old),
        ("Apertium eng-spa", "new: null-flush, markers", len(segments) / new_s, wrong_new),
    ]


def _old_hf(engine, texts: list[str], lang: str, batch_size: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The transformers batching before issue 11: padded batches, one budget from the batch's longest source."""
    torch = engine.torch
    outputs = []
    for start in range(0, len(texts), batch_size):
        sources = [engine.prepare_source(text, lang) for text in texts[start : start + batch_size]]
        batch = engine.tokenizer(sources, return_tensors="pt", padding=True, truncation=True, max_length=512)
        length = int(batch["input_ids"].shape[1])
        limit = min(512, getattr(engine.hf_model.generation_config, "max_length", None) or 512)
        with torch.inference_mode():
            generated = engine.hf_model.generate(**batch, num_beams=engine.beam_size, do_sample=False,
                                                 max_new_tokens=min(limit, 2 * length + 10))  # fmt: skip
        outputs.extend(engine.decode(generated))
    return outputs


def _old_ct2(engine, texts: list[str], lang: str, batch_size: int) -> list[str]:  # type: ignore[no-untyped-def]
    """CTranslate2 before issue 11: one call, one max_decoding_length from the longest source."""
    from translate.mt.ctranslate2 import decode_best

    sources = [engine._source_tokens(text, lang)[:512] for text in texts]
    longest = max(len(tokens) for tokens in sources)
    results = engine.translator.translate_batch(
        sources, beam_size=engine.beam_size, max_batch_size=math.ceil(min(len(sources), batch_size) / engine.workers),
        max_decoding_length=min(512, 2 * longest + 10),
    )  # fmt: skip
    return decode_best(engine.tokenizer, results)


def neural_rows(segments: list[str], args: argparse.Namespace) -> list[tuple[str, str, float, str]]:
    import torch
    from mt_model import build_marian_model

    from translate.mt import create_engine
    from translate.mt.ctranslate2 import convert_model

    torch.set_num_threads(args.threads)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        model = build_marian_model(Path(work) / "marian", d_model=args.d_model, layers=args.layers, heads=4,
                                   ffn=4 * args.d_model, max_length=48)  # fmt: skip
        ct2 = convert_model(model, Path(work) / "ct2", "marian", str(model))
        for name, folder, old in (("Marian (transformers)", model, _old_hf), ("CTranslate2 int8", ct2, _old_ct2)):
            engine = create_engine(name.split()[0].lower() if name.startswith("CT") else "marian", str(folder), "fr",
                                   beam_size=args.beam, batch_size=args.batch_size)  # fmt: skip
            engine.resolve()
            engine.ensure_loaded()
            alone = [engine.translate([text], "fr")[0] for text in segments]
            old_s, old_out = _timed(lambda engine=engine, old=old: old(engine, segments, "fr", args.batch_size),
                                    args.rounds)  # fmt: skip
            new_s, new_out = _timed(lambda engine=engine: engine.translate(segments, "fr"), args.rounds)
            rows.append((name, "old: one budget per batch", len(segments) / old_s,
                         str(sum(a != b for a, b in zip(old_out, alone, strict=True)))))  # fmt: skip
            rows.append((name, "new: a budget per segment", len(segments) / new_s,
                         str(sum(a != b for a, b in zip(new_out, alone, strict=True)))))  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="Apertium: compare with each segment alone")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--d-model", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-neural", action="store_true")
    args = parser.parse_args()
    segments = sample_segments()
    rows = apertium_rows(segments, args.rounds, args.check)
    if not args.no_neural:
        rows += neural_rows(segments, args)
    print(f"{len(segments)} segments of the sample job; batch size {args.batch_size}; beam {args.beam}")
    print("\n| engine | batching | segments/s | segments unlike alone |\n|---|---|---:|---:|")
    for engine, batching, rate, wrong in rows:
        print(f"| {engine} | {batching} | {rate:.1f} | {wrong} |")
    print(f"\nload (1-minute average) at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
