"""Which way of keeping terms and protected spans through MT works best: measured.

Real English sentences that carry numbers, UN symbols and glossary terms (FLORES-200 devtest lines with digits,
the GA resolution sample, and sentences with terms of ``/work/shared/terminology/trafficking-core.csv``) go
through every strategy of :mod:`translate.mt.protect`:

* with **Apertium** (real rule-based MT, English to Spanish): spans kept by the engine itself (before the
  repair), and BLEU / chrF against the human Spanish reference, which is the fluency cost of each strategy;
* with the **random-weight Marian** model of the tests: only preservation and the number of decodes can be
  measured (random weights have no fluency to lose).

    .venv/bin/python benchmarks/mt_protection.py [--sentences 150]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from translate.draft import term_specs  # noqa: E402
from translate.mt import create_engine  # noqa: E402
from translate.mt.base import Engine  # noqa: E402
from translate.mt.protect import Protector, Span, find_spans, join_pieces, normalize_outside  # noqa: E402

SHARED = ROOT.parent / "shared"
FLORES = SHARED / "data" / "flores200-devtest"
GA = SHARED / "data" / "un-ga-resolutions-sample"
SDG = SHARED / "data" / "sdg-translations"
GLOSSARY = SHARED / "terminology" / "trafficking-core.csv"


def corpus(count: int, glossary) -> tuple[list[str], list[str]]:
    """English sentences with protected spans or glossary terms, and their Spanish references.

    First the SDG targets and indicators (official UN text) that hold a glossary term or a number, then the GA
    resolution sample, then FLORES-200 lines with digits.
    """
    import csv

    pairs: list[tuple[str, str]] = []
    with (SDG / "sdg_goals_targets_indicators_6way.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    with_terms = [(r["en"], r["es"]) for r in rows if r["en"] and glossary and glossary.find_source_terms(r["en"])]
    pairs += with_terms
    pairs += [
        (r["en"], r["es"]) for r in rows if any(ch.isdigit() for ch in r["en"]) and (r["en"], r["es"]) not in with_terms
    ][:40]
    ga_en = (GA / "UN.ar-en.en").read_text(encoding="utf-8").splitlines()
    ga_es = (GA / "UN.en-es.es").read_text(encoding="utf-8").splitlines()
    pairs += [(en, es) for en, es in zip(ga_en, ga_es, strict=True) if len(en) < 600]
    english = (FLORES / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    spanish = (FLORES / "spa_Latn.devtest").read_text(encoding="utf-8").splitlines()
    pairs += [(en, es) for en, es in zip(english, spanish, strict=True) if any(ch.isdigit() for ch in en)]
    pairs = pairs[:count]
    return [en for en, _ in pairs], [es for _, es in pairs]


def _glossary():
    from translate.glossary import load_glossaries

    return load_glossaries([GLOSSARY]) if GLOSSARY.exists() else None


def run(engine: Engine, lang: str, strategy: str | None, sources: list[str], spans: list[list[Span]]) -> dict:
    """One strategy over the corpus (None: plain MT, no protection at all)."""
    start = time.perf_counter()
    if strategy is None:
        outputs = [join_pieces(o, lang) for o in engine.translate([normalize_outside(s, []) for s in sources], lang)]
        kept = sum(1 for out, found in zip(outputs, spans, strict=True) for span in found if span.output in out)
        return {"outputs": outputs, "kept": kept, "decodes": len(sources), "seconds": time.perf_counter() - start}
    protector = Protector(engine, lang, strategy)
    jobs = []
    for begin in range(0, len(sources), 16):
        jobs += protector.translate(sources[begin : begin + 16], spans[begin : begin + 16])
    stats = protector.stats
    return {
        "outputs": [job.output for job in jobs],
        "kept": stats.kept_by_model + stats.forced,
        "decodes": stats.decodes,
        "repaired": stats.repaired_segments,
        "missing": stats.missing_after,
        "seconds": time.perf_counter() - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=150)
    args = parser.parse_args()
    from sacrebleu.metrics import BLEU, CHRF

    glossary = _glossary()
    sources, references = corpus(args.sentences, glossary)
    spans = [find_spans(text, term_specs(glossary, text, "es")) for text in sources]
    total = sum(len(found) for found in spans)
    kinds: dict[str, int] = {}
    for found in spans:
        for span in found:
            kinds[span.kind] = kinds.get(span.kind, 0) + 1
    by_kind = ", ".join(f"{kind} {number}" for kind, number in sorted(kinds.items()))
    print(f"{len(sources)} sentences, {total} protected spans ({by_kind})\n")

    if shutil.which("apertium"):
        engine = create_engine("apertium", None, "es")
        engine.resolve()
        print("Apertium eng-spa (real MT), Spanish references:\n")
        print("| strategy | spans kept by MT | spans in draft | decodes | chrF | BLEU | seconds |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for strategy in (None, "placeholder", "split"):
            result = run(engine, "es", strategy, sources, spans)
            chrf = CHRF().corpus_score(result["outputs"], [references]).score
            bleu = BLEU().corpus_score(result["outputs"], [references]).score
            final = total - result.get("missing", total - result["kept"])
            kept = "n/a" if strategy == "split" else f"{100 * result['kept'] / total:.1f}%"
            print(
                f"| {strategy or 'none (plain MT)'} | {kept} | {100 * final / total:.1f}% "
                f"| {result['decodes']} | {chrf:.1f} | {bleu:.1f} | {result['seconds']:.1f} |",
                flush=True,
            )
    import torch
    from mt_model import build_marian_model

    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        model = build_marian_model(Path(tmp) / "tiny", target="es")
        engine = create_engine("marian", str(model), "es", beam_size=1, batch_size=16)
        print("\nRandom-weight Marian (preservation only; random weights have no fluency to measure):\n")
        print("| strategy | spans kept by model or forced | spans in draft | segments repaired | decodes |")
        print("|---|---:|---:|---:|---:|")
        for strategy in ("prefix", "placeholder", "split"):
            result = run(engine, "es", strategy, sources, spans)
            final = total - result["missing"]
            kept = "n/a" if strategy == "split" else f"{100 * result['kept'] / total:.1f}%"
            print(
                f"| {strategy} | {kept} | {100 * final / total:.1f}% | {result['repaired']} | {result['decodes']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
