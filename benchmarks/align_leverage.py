"""What aligning a previous edition brings to the sample job: words pre-translated as exact and fuzzy matches.

The sample's previous edition exists only as its memory (``memories/glotip-2022.tmx``, written for the sample).
This script turns that memory back into the documents a language service would have: for each language an
English and a translated Markdown document, paragraphs of up to three sentences in the edition's order and with
the unit pairing thrown away (with ``--omit`` one French paragraph is left out, as translations often lack a
paragraph). It then aligns each pair with ``hexaglot align`` into an empty memory and measures the sample's
leverage three ways: with no memory (before), with the aligned memory (after) and with the edition's own
memory (reference: what a perfect aligner would give).

    .venv/bin/python benchmarks/align_leverage.py [--langs ar zh fr ru es] [--omit]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from translate.align.aligner import align_documents  # noqa: E402
from translate.align.output import SavedAlignment, memory_tmx_name  # noqa: E402
from translate.catalog import count_words  # noqa: E402
from translate.formats import read_source  # noqa: E402
from translate.formats.tmx import read_tmx  # noqa: E402
from translate.importer import read_workflow_sources  # noqa: E402
from translate.lang import TARGET_LANGUAGES  # noqa: E402
from translate.memory.store import Memory  # noqa: E402
from translate.segmentation import join_sentences  # noqa: E402
from translate.workflow import load_workflow  # noqa: E402

PREVIOUS_EDITION = REPO / "memories" / "glotip-2022.tmx"
SAMPLE = REPO / "workflows" / "glotip-sample" / "workflow.yaml"
SENTENCES_PER_PARAGRAPH = 3


def _plain(variant) -> str:
    """A variant's text as the document shows it: paired formatting codes dropped, a footnote code's content
    (``[^1]``) kept."""
    text = variant.text
    for number, code in enumerate(variant.codes, start=1):
        inner = re.sub(r"<[^>]+>", "", code) if code.startswith("<ph") else ""
        text = re.sub(r"\{/?[a-z]+" + str(number) + r"\}", lambda _: inner, text)  # noqa: B023
    return text


def previous_edition_documents(lang: str, folder: Path, omit_paragraph: bool = False) -> tuple[Path, Path]:
    """English and ``lang`` Markdown documents rebuilt from the previous edition's memory."""
    units = [unit for unit in read_tmx(PREVIOUS_EDITION) if unit.text("en") and unit.text(lang)]
    paragraphs: list[list[tuple[str, str]]] = []
    document, open_paragraph = None, False
    for unit in units:
        name = unit.prop("x-document")
        english, target = _plain(unit.variant("en")), _plain(unit.variant(lang))
        if name != document or not open_paragraph or len(paragraphs[-1]) >= SENTENCES_PER_PARAGRAPH:
            paragraphs.append([])
            document = name
        paragraphs[-1].append((english, target))
        open_paragraph = english.rstrip().endswith((".", "!", "?", ".[^1]", ".[^2]", ".[^3]"))  # headings, list items
    english = [join_sentences([e for e, _ in paragraph], "en") for paragraph in paragraphs]
    target = [join_sentences([t for _, t in paragraph], lang) for paragraph in paragraphs]
    if omit_paragraph:
        del target[len(target) // 2]
    folder.mkdir(parents=True, exist_ok=True)
    english_path, target_path = folder / "glotip-2022.en.md", folder / f"glotip-2022.{lang}.md"
    english_path.write_text("\n\n".join(english) + "\n", encoding="utf-8")
    target_path.write_text("\n\n".join(target) + "\n", encoding="utf-8")
    return english_path, target_path


def leverage(memory: Memory | None, lang: str, threshold: float) -> dict[str, int]:
    """Source words of the sample with an exact (100 or more) and a fuzzy (threshold to 99) match."""
    counts = {"words": 0, "exact_words": 0, "fuzzy_words": 0}
    for segment in read_workflow_sources(load_workflow(SAMPLE)):
        words = count_words(segment.text)
        counts["words"] += words
        if memory is None or not memory.files:
            continue
        matches = memory.search(segment.text, "en", lang, min_score=threshold, limit=1)
        if matches and matches[0].score >= 100:
            counts["exact_words"] += words
        elif matches:
            counts["fuzzy_words"] += words
    return counts


def leverage_table(langs: list[str], folder: Path, omit_paragraph: bool = False) -> dict[str, dict]:
    threshold = float(load_workflow(SAMPLE).tm.fuzzy_threshold)
    reference = Memory([PREVIOUS_EDITION], folder / "reference-cache")
    rows = {}
    for lang in langs:
        english, target = previous_edition_documents(lang, folder / "documents", omit_paragraph and lang == "fr")
        alignment = align_documents(read_source(english), read_source(target), lang)
        memory_dir = folder / f"memory-{lang}"
        tmx = memory_dir / memory_tmx_name(english, lang)
        memory_dir.mkdir(parents=True, exist_ok=True)
        SavedAlignment(memory_dir / "alignment.json", alignment, tmx).write_tmx()
        rows[lang] = {
            "before": leverage(None, lang, threshold),
            "after": leverage(Memory.from_directory(memory_dir), lang, threshold),
            "reference": leverage(reference, lang, threshold),
            "aligned_units": len(alignment.writable()),
        }
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--langs", nargs="+", default=list(TARGET_LANGUAGES))
    parser.add_argument("--omit", action="store_true", help="leave one paragraph out of the French document")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        rows = leverage_table(args.langs, Path(scratch), args.omit)
    print(
        "| language | source words | exact words before / after / reference | fuzzy words before / after / reference |"
    )
    print("|---|---:|---|---|")
    for lang, row in rows.items():
        before, after, reference = row["before"], row["after"], row["reference"]
        print(
            f"| {lang} | {before['words']} | {before['exact_words']} / {after['exact_words']} / "
            f"{reference['exact_words']} | {before['fuzzy_words']} / {after['fuzzy_words']} / "
            f"{reference['fuzzy_words']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
