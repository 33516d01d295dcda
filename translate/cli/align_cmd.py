"""``hexaglot align``: official documents and their translations, aligned sentence by sentence into a memory.

hexaglot align report.en.docx report.fr.docx --lang fr --output memories/report-fr.tmx
hexaglot align report.en.pdf report.ar.pdf --lang ar --memory memories
hexaglot align official/ --lang es --memory memories      # every pair in the folder
hexaglot align --review memories/report-fr.align.json     # confirm, join, split or skip links
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from translate.errors import BadInputError
from translate.lang import TARGET_LANGUAGES, resolve_code

_LANGUAGE_TAG = re.compile(r"(?i)(?:[._\-\s])(en|ar|zh|fr|ru|es)(?=$|[._\-\s])")
SOURCE_SUFFIXES = (".docx", ".md", ".markdown", ".txt", ".pdf")


@click.command(name="align")
@click.argument("english", type=click.Path(path_type=Path))
@click.argument("target", required=False, type=click.Path(path_type=Path))
@click.option("--lang", "-l", help="The target document's language (ar, zh, fr, ru, es).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="TMX file to write.")
@click.option(
    "--memory",
    "memory_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Memory folder to add the aligned TMX to (aligned-<document>-<lang>.tmx).",
)
@click.option(
    "--threshold",
    default=0.5,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Links scoring below this wait for confirmation before they enter the memory.",
)
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(path_type=Path), help="Termbase (TBX/CSV).")
@click.option("--mt", "engine", help="MT engine whose output is compared with the target (e.g. apertium for es).")
@click.option("--review", is_flag=True, help="Open the links in the terminal app to confirm, join, split or skip.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def align_cmd(
    english: Path,
    target: Path | None,
    lang: str | None,
    output: Path | None,
    memory_dir: Path | None,
    threshold: float,
    glossaries: tuple[Path, ...],
    engine: str | None,
    review: bool,
    output_format: str,
) -> None:
    """Align an English document with its translation (DOCX, Markdown, text or PDF) into a translation memory.

    Paragraphs are aligned first, on what survives translation (labels, numbers, UN symbols, footnote markers,
    glossary terms) and on length, then the sentences inside them (1:1, 1:2, 2:1, 2:2, and sentences with no
    counterpart). Every link gets a score; links under --threshold are kept out of the memory until confirmed
    with --review. With a folder and no TARGET, every pair in it is aligned, matched by file name or UN symbol
    (E_2013_30.en.docx with E_2013_30.fr.docx).
    """
    from translate.align.output import SavedAlignment

    if review and target is None and english.suffix == ".json":
        saved = SavedAlignment.load(english)
        _review(saved)
        _finish(saved, memory_dir, output_format)
        return
    code = _target_language(lang)
    if output is None and memory_dir is None and english.is_dir():
        raise click.UsageError("aligning a folder needs --output FILE.tmx or --memory DIR")
    pairs = [(english, target)] if target is not None else _pairs_in(english, code)
    for english_path, target_path in pairs:
        saved = _align_one(
            english_path, target_path, code, output, memory_dir, threshold, glossaries, engine, len(pairs)
        )
        if review:
            _review(saved)
        _finish(saved, memory_dir, output_format)


def _target_language(lang: str | None) -> str:
    if lang is None:
        raise click.UsageError("--lang is required (the target document's language: ar, zh, fr, ru, es)")
    code = resolve_code(lang)
    if code not in TARGET_LANGUAGES:
        raise click.BadParameter(
            f"{lang!r} is not a target language ({', '.join(TARGET_LANGUAGES)})", param_hint="--lang"
        )
    return code


def _align_one(
    english: Path,
    target: Path,
    lang: str,
    output: Path | None,
    memory_dir: Path | None,
    threshold: float,
    glossaries: tuple[Path, ...],
    engine: str | None,
    pair_count: int,
):
    from translate.align.aligner import align_documents
    from translate.align.output import SavedAlignment, memory_tmx_name, saved_path_for
    from translate.formats import read_source

    english_document, target_document = read_source(english), read_source(target)
    alignment = align_documents(
        english_document,
        target_document,
        lang,
        threshold=threshold,
        translator=_translator(engine, lang) if engine else None,
        concepts=_concepts(glossaries) if glossaries else None,
    )
    if memory_dir is not None:
        tmx = memory_dir / memory_tmx_name(english, lang)
        state = memory_dir / ".align" / f"{tmx.stem}.align.json"
    elif output is not None:
        tmx = output if pair_count == 1 else output.with_name(f"{output.stem}-{memory_tmx_name(english, lang)}")
        state = saved_path_for(tmx)
    else:
        tmx, state = None, Path(f"{english.stem}.{lang}.align.json")
    return SavedAlignment(state, alignment, tmx)


def _finish(saved, memory_dir: Path | None, output_format: str) -> None:
    from translate.align.output import summary

    if saved.tmx is not None:
        saved.tmx.parent.mkdir(parents=True, exist_ok=True)
        saved.path.parent.mkdir(parents=True, exist_ok=True)
        saved.save()
        saved.write_tmx()
        if memory_dir is not None or _is_memory_folder(saved.tmx.parent):
            _refresh_memory(saved.tmx.parent)
    report = summary(saved.alignment) | {"tmx": str(saved.tmx) if saved.tmx else None, "saved": str(saved.path)}
    if output_format == "json":
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    if saved.tmx is None:
        for link in saved.alignment.links:
            click.echo(
                f"{link.score:5.2f} {link.shape:>4}  {' '.join(link.english)[:70]!s:70}  {' '.join(link.target)[:70]}"
            )
    click.echo(
        f"aligned {Path(report['english']).name} with {Path(report['target']).name} ({report['lang']}): "
        f"{report['links']} links ({', '.join(f'{n} {shape}' for shape, n in report['shapes'].items())}); "
        f"{report['written']} written{f' to {saved.tmx}' if saved.tmx else ''}, {report['pending']} below "
        f"{report['threshold']:.2f} waiting for review, {report['english_without_translation']} English and "
        f"{report['target_without_english']} {report['lang']} sentences without counterpart"
    )
    if report["pending"] and saved.tmx is not None:
        click.echo(f"review them with: hexaglot align --review {saved.path}")


def _is_memory_folder(folder: Path) -> bool:
    return (folder / ".cache").is_dir()


def _refresh_memory(folder: Path) -> None:
    from translate.memory.store import Memory

    Memory.from_directory(folder).index("en")


def _review(saved) -> None:
    from translate.align.app import review_alignment

    review_alignment(saved)


def _translator(engine_name: str, lang: str):
    from translate.mt import create_engine

    name, _, model = engine_name.partition(":")
    engine = create_engine(name, model or None, lang)
    engine.resolve()
    engine.ensure_loaded()

    def translate(texts: list[str]) -> list[str]:
        return engine.translate(texts, lang)

    return translate


def _concepts(paths: tuple[Path, ...]):
    from translate.align.glossary_anchors import GlossaryAnchors
    from translate.glossary import load_glossaries

    return GlossaryAnchors(load_glossaries(paths))


def _pairs_in(folder: Path, lang: str) -> list[tuple[Path, Path]]:
    """English and ``lang`` documents of a folder, matched by file name without its language tag, or by the
    UN document symbol in the name."""
    if not folder.is_dir():
        raise BadInputError(folder, "no such file or folder (give two documents, or one folder of pairs)")
    by_key: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SOURCE_SUFFIXES or not path.is_file():
            continue
        found = _LANGUAGE_TAG.findall(path.stem)
        if not found:
            continue
        key = _pair_key(path.stem)
        by_key.setdefault(key, {})[found[-1].lower()] = path
    pairs = [(files["en"], files[lang]) for _, files in sorted(by_key.items()) if "en" in files and lang in files]
    if not pairs:
        raise BadInputError(folder, f"no English and {lang} document pair (name them like E_2013_30.en.docx)")
    return pairs


def _pair_key(stem: str) -> str:
    """``E_2013_30.en`` and ``E-2013-30_fr`` -> ``e-2013-30``: the name without its language tag."""
    return re.sub(r"[^a-z0-9]+", "-", _LANGUAGE_TAG.sub("", stem).lower()).strip("-")
