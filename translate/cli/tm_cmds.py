"""``hexaglot tm``: import, export, search, stats, update, compact.

``tm search`` without a QUERY reads one query a line from stdin and prints one JSON object a line::

    {"query": "...", "matches": [{"source": "...", "target": "...", "score": 87, "origin": "memories/x.tmx#12"}]}

Scripts depend on this: the four keys of a match are always there; ``"context": true`` is added for a context
match (score 101) and ``"numbers": {"query": [...], "match": [...]}`` when numbers differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from translate.errors import BadInputError
from translate.lang import ALL_LANGUAGES, resolve_code

LANGUAGE = click.Choice(ALL_LANGUAGES)


def _memory(path: str):
    from translate.memory.postgres import is_database_url
    from translate.memory.store import Memory

    if is_database_url(path):
        from translate.memory import open_database_memory

        return open_database_memory(path)
    location = Path(path)
    if location.is_file():
        return Memory([location], location.parent / ".cache" / f"tm-{location.stem}")
    if not location.exists():
        raise BadInputError(location, "no such memory folder")
    return Memory.from_directory(location)


def _language(value: str, where: str) -> str:
    code = resolve_code(value)
    if code is None:
        raise click.BadParameter(f"unknown language {value!r}", param_hint=where)
    return code


@click.group(name="tm")
def tm_group() -> None:
    """Translation memories: TMX files in a folder (the truth) and a fuzzy index kept in <folder>/.cache."""


@tm_group.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--memory", "memory_dir", default="memories", show_default=True, help="Folder or postgresql:// URL.")
@click.option("--source-lang", default="en", show_default=True, help="Language the index is built for.")
@click.option("--merge", is_flag=True, help="A file of that name exists: add the new units to it (never replace).")
def import_cmd(files: tuple[Path, ...], memory_dir: str, source_lang: str, merge: bool) -> None:
    """Validate TMX files, copy them into the memory folder and rebuild its index.

    Every file is read completely first: a malformed or hostile file stops the import and nothing is copied.
    A file whose name is already in the folder is never replaced: the import stops with a message, or with
    --merge adds the units it does not have yet to the existing file.
    """
    from translate.memory.postgres import is_database_url
    from translate.memory.store import Memory
    from translate.progress import progress_bar

    memory = _memory(memory_dir) if is_database_url(memory_dir) else Memory.from_directory(memory_dir)
    code = _language(source_lang, "--source-lang")
    with progress_bar("tm import", unit="units"):
        counts = memory.import_files(list(files), code, merge=merge) if not is_database_url(memory_dir) else (
            memory.import_files(list(files), code))  # fmt: skip
    for name, units in counts.items():
        click.echo(f"imported {name}: {units} units with source language {source_lang}")
    click.echo(f"{memory_dir}: {len(memory.files)} file(s), index in {memory.cache_dir}")


@tm_group.command(name="export")
@click.option("--memory", "memory_dir", default="memories", show_default=True, help="Memory folder or TMX file.")
@click.option("-o", "--output", default="-", show_default=True, help="TMX file to write ('-': stdout).")
@click.option("--source-lang", default=None, help="Keep only units with this language (and its variant).")
@click.option("--target-lang", "target_langs", multiple=True, help="Keep only these target languages (repeatable).")
def export_cmd(memory_dir: str, output: str, source_lang: str | None, target_langs: tuple[str, ...]) -> None:
    """Write every unit of a memory to one TMX 1.4 file (tuid, dates, properties and inline markup kept)."""
    from translate.formats.tmx import write_tmx, write_tmx_stream

    memory = _memory(memory_dir)
    source = _language(source_lang, "--source-lang") if source_lang else None
    targets = {_language(lang, "--target-lang") for lang in target_langs}
    units = _filtered(memory, source, targets)
    if output == "-":
        count = write_tmx_stream(sys.stdout.buffer, units, srclang=source or "en")
        sys.stdout.buffer.flush()
    else:
        count = write_tmx(output, units, srclang=source or "en")
        click.echo(f"wrote {count} units to {output}", err=True)


def _filtered(memory, source: str | None, targets: set[str]):
    for _path, unit in memory.units():
        if source is not None and unit.variant(source) is None:
            continue
        if targets:
            unit.variants = [v for v in unit.variants if v.lang == (source or "en") or v.lang in targets]
            if not any(v.lang in targets for v in unit.variants):
                continue
        yield unit


@tm_group.command(name="stats")
@click.option("--memory", "memory_dir", default="memories", show_default=True, help="Memory folder or TMX file.")
@click.option("--source-lang", default="en", show_default=True)
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats_cmd(memory_dir: str, source_lang: str, output_format: str) -> None:
    """Files, units per target language, index size."""
    memory = _memory(memory_dir)
    stats = memory.stats(_language(source_lang, "--source-lang"))
    if output_format == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=1))
        return
    click.echo(f"memory {memory_dir}: {stats['units']} units with source language {source_lang}")
    for entry in stats["files"]:
        click.echo(f"  {entry['file']}: {entry['units']}")
    for lang, count in sorted(stats["targets"].items()):
        click.echo(f"  {source_lang}->{lang}: {count}")
    if stats["files"]:
        click.echo(
            f"index: {stats['vocabulary']} distinct tokens, {stats['cache_bytes'] / 1e6:.1f} MB in {stats['cache']}"
        )


@tm_group.command(name="search")
@click.argument("query", required=False)
@click.option("--memory", "memory_dir", default="memories", show_default=True, help="Memory folder or TMX file.")
@click.option("--source-lang", default="en", show_default=True)
@click.option("--target-lang", required=True)
@click.option("--min-score", type=click.FloatRange(0, 101), default=65, show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=5, show_default=True)
@click.option("--exhaustive", is_flag=True, help="Score every unit (slow; the ground truth for the index).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    default=None,
    help="Default: table for a QUERY, jsonl for queries read from stdin.",
)
def search_cmd(
    query: str | None,
    memory_dir: str,
    source_lang: str,
    target_lang: str,
    min_score: float,
    limit: int,
    exhaustive: bool,
    output_format: str | None,
) -> None:
    """Fuzzy matches for QUERY, or for each line of stdin (one JSON object a line)."""
    memory = _memory(memory_dir)
    source = _language(source_lang, "--source-lang")
    target = _language(target_lang, "--target-lang")
    output_format = output_format or ("table" if query is not None else "jsonl")
    queries = [query] if query is not None else (line.rstrip("\r\n") for line in sys.stdin)
    for text in queries:
        matches = memory.search(text, source, target, min_score=min_score, limit=limit, exhaustive=exhaustive)
        if output_format == "jsonl":
            record = {"query": text, "matches": [match.to_dict() for match in matches]}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            _print_table(text, matches)


SCORE_LEGEND = (
    "score: how close the memory's English is to the query, 0-100 (100 = identical words; 99-98 = same words, "
    "other case, punctuation, spaces or markup; each differing number costs 1 more). 101 ctx = identical with the "
    "same neighbouring sentences. # = its numbers differ from the query's: check them."
)


def _print_table(query: str, matches: list) -> None:
    from rich.table import Table

    from translate.cli.output import console as output_console

    table = Table(title=query, title_justify="left", show_lines=False, caption=SCORE_LEGEND, caption_justify="left")
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("source")
    table.add_column("target")
    table.add_column("origin")
    for match in matches:
        score = f"{match.score}" + (" ctx" if match.context else "")
        if match.numbers:
            score += " #"
        table.add_row(score, match.source, match.target, match.origin)
    console = output_console()
    if matches:
        console.print(table)
    else:
        console.print(f"no match for {query!r}")


@tm_group.command(name="compact")
@click.option("--memory", "memory_dir", default="memories", show_default=True, help="Memory folder or TMX file.")
@click.option("--source-lang", default="en", show_default=True)
def compact_cmd(memory_dir: str, source_lang: str) -> None:
    """Rebuild the index as one segment (updates add small segments beside it; searching many is slower)."""
    memory = _memory(memory_dir)
    stats = memory.compact(_language(source_lang, "--source-lang"))
    click.echo(f"{memory_dir}: {stats['units']} units in 1 segment, {stats['build_seconds']:.1f} s, {stats['cache']}")


@tm_group.command(name="update")
@click.argument("workflow", type=click.Path(path_type=Path))
@click.option("--lang", "langs", multiple=True, help="Only these target languages (repeatable).")
def update_cmd(workflow: Path, langs: tuple[str, ...]) -> None:
    """Write the workflow's approved segments to memories/<workflow>-approved.tmx."""
    from translate.memory.writeback import approved_memory_path, update_memory_from_workflow
    from translate.workflow import load_workflow

    wf = load_workflow(workflow)
    codes = [_language(lang, "--lang") for lang in langs]
    from translate.store import sync_workflow

    sync_workflow(wf, codes or None)  # the catalogs hold every approval saved in the working store
    from translate.review.findings import unresolved_errors

    count = update_memory_from_workflow(wf, codes or None, hold_back=unresolved_errors)
    click.echo(f"{approved_memory_path(wf)}: {count} approved segment(s)")
