"""``hexaglot glossary convert|lookup``: termbases in TBX and CSV."""

from __future__ import annotations

import json
from pathlib import Path

import click

from translate.errors import BadInputError
from translate.lang import ALL_LANGUAGES


@click.group("glossary")
def glossary_group() -> None:
    """Termbases: convert between TBX and CSV, look terms up."""


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    raise click.UsageError(f"{path}: unknown glossary format (use .tbx or .csv)")


@glossary_group.command("convert")
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
def convert_cmd(source: Path, target: Path) -> None:
    """Convert a glossary between CSV and TBX (the format follows the file extension)."""
    from translate.formats.glossary_csv import iter_glossary_csv, write_glossary_csv
    from translate.formats.tbx import write_tbx
    from translate.glossary import load_glossary

    target_format = _format_of(target)
    _format_of(source)
    if not source.exists():
        raise BadInputError(source, "no such file")
    if target_format == "tbx" and _format_of(source) == "csv":
        count = write_tbx(target, iter_glossary_csv(source))  # streamed: a million concepts in bounded memory
        click.echo(f"{count} concepts: {source} -> {target}", err=True)
        return
    concepts = list(load_glossary(source))
    if target_format == "tbx":
        write_tbx(target, concepts)
    else:
        write_glossary_csv(target, concepts)
    click.echo(f"{len(concepts)} concepts: {source} -> {target}", err=True)


@glossary_group.command("lookup")
@click.argument("text")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(path_type=Path), help="Termbase (repeatable).")
@click.option("--lang", "langs", multiple=True, help="Show only these target languages.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def lookup_cmd(text: str, glossaries: tuple[Path, ...], langs: tuple[str, ...], as_json: bool) -> None:
    """Find concepts by id, a term in any language, part of a word or an inflected form.

    \b
      hexaglot glossary lookup traffick          (every concept with a word starting so)
      hexaglot glossary lookup "victims"         (victim of trafficking: same stem)

    Default glossary: glossaries/trafficking.tbx (or .csv) in the current folder.
    """
    from translate.glossary import load_glossaries
    from translate.lang import resolve_code

    paths = list(glossaries) or _default_glossaries()
    wanted = []
    for lang in langs:
        code = resolve_code(lang)
        if code is None:
            raise click.UsageError(f"--lang {lang!r}: not a hexaglot language")
        wanted.append(code)
    shown = ["en", *[lang for lang in ALL_LANGUAGES[1:] if not wanted or lang in wanted]]
    from translate.glossary.search import search_concepts

    glossary = load_glossaries(paths)
    concepts = search_concepts(glossary, text)
    click.echo(f"searched {', '.join(str(p) for p in paths)} ({len(glossary)} concepts)", err=True)
    if as_json:
        click.echo(json.dumps([_concept_dict(concept, shown) for concept in concepts], ensure_ascii=False, indent=2))
        return
    if not concepts:
        click.echo(f"no glossary entry for {text!r} in {', '.join(str(p) for p in paths)}")
        return
    for concept in concepts:
        flag = "  (do not translate)" if concept.dnt else ""
        click.echo(f"[{concept.id}]{flag}")
        for lang in shown:
            terms = concept.target_terms(lang)
            if not terms:
                continue
            line = f"  {lang}: {terms.preferred or '-'}"
            if terms.admitted:
                line += "  | admitted: " + "; ".join(terms.admitted)
            if terms.forbidden:
                line += "  | forbidden: " + "; ".join(terms.forbidden)
            click.echo(line)
        if concept.note:
            click.echo(f"  note: {concept.note}")


def _concept_dict(concept, langs: list[str]) -> dict:
    return {
        "id": concept.id,
        "dnt": concept.dnt,
        "note": concept.note,
        "terms": {
            lang: {
                "preferred": concept.target_terms(lang).preferred,
                "admitted": list(concept.target_terms(lang).admitted),
                "forbidden": list(concept.target_terms(lang).forbidden),
            }
            for lang in langs
            if concept.target_terms(lang)
        },
    }


def _default_glossaries() -> list[Path]:
    for candidate in (Path("glossaries/trafficking.tbx"), Path("glossaries/trafficking.csv")):
        if candidate.exists():
            return [candidate]
    raise click.UsageError("give --glossary FILE (no glossaries/trafficking.tbx here)")
