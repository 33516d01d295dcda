"""``hexaglot draft``, ``hexaglot mt fetch|convert|engines`` and ``hexaglot evaluate``.

Importing this module stays light: torch, transformers, ctranslate2 and sacrebleu are imported only by the
code that runs them.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import click
from rich.console import Console

from translate.lang import TARGET_LANGUAGES
from translate.mt import ENGINES
from translate.mt.protect import STRATEGIES

LANG_CHOICE = click.Choice(TARGET_LANGUAGES)


@click.command("draft")
@click.argument("workflow_path", metavar="WORKFLOW", type=click.Path())
@click.option("--lang", "langs", multiple=True, type=LANG_CHOICE, help="Only these target languages (repeatable).")
@click.option("--engine", type=click.Choice(sorted(ENGINES)), help="Override the engine of workflow.yaml.")
@click.option("--model", help="A local model folder or a Hugging Face id already fetched.")
@click.option("--device", type=click.Choice(["cpu", "cuda"]), help="Where the model runs (default: workflow.yaml).")
@click.option(
    "--protect",
    "protection",
    type=click.Choice(STRATEGIES),
    help="How terms and protected spans are kept (default: prefix; placeholder for apertium).",
)
def draft_cmd(
    workflow_path: str,
    langs: tuple[str, ...],
    engine: str | None,
    model: str | None,
    device: str | None,
    protection: str | None,
) -> None:
    """Fill untranslated segments with TM and MT drafts (fuzzy, with provenance, never approved).

    Interrupt at any time: finished drafts are saved and a rerun continues where it stopped.
    """
    from translate.draft import draft_workflow
    from translate.workflow import load_workflow

    workflow = load_workflow(workflow_path)
    draft_workflow(
        workflow,
        langs=list(langs) or None,
        engine=engine,
        model=model,
        device=device,
        console=Console(stderr=True),
        protection=protection,
        strict=bool(engine or model),
    )


@click.group("mt")
def mt_group() -> None:
    """Machine-translation models: fetch, convert to CTranslate2, list engines."""


@mt_group.command("fetch")
@click.argument("model")
@click.option(
    "--revision", help="A branch, tag or commit of the model repository (default: main, pinned to its commit)."
)
def fetch_cmd(model: str, revision: str | None) -> None:
    """Download MODEL (a Hugging Face id) into the local cache: configs, tokenizer, safetensors weights only.

    Shows a progress bar; a repository that needs its own code (trust_remote_code) is refused.
    """
    from translate.mt.fetch import fetch_model

    fetched = fetch_model(model, revision)
    click.echo(f"{fetched.model}@{fetched.commit}: {fetched.folder}")


@mt_group.command("convert")
@click.argument("model")
@click.argument("output", type=click.Path(file_okay=False))
@click.option("--family", type=click.Choice(["marian", "nllb", "m2m100"]), help="Default: from the tokenizer.")
@click.option(
    "--quantization",
    type=click.Choice(["int8", "int8_float16", "float16", "float32"]),
    default="int8",
    show_default=True,
)
def convert_cmd(model: str, output: str, family: str | None, quantization: str) -> None:
    """Convert MODEL (folder or fetched id) to a CTranslate2 model in OUTPUT (engine: ctranslate2)."""
    from translate.mt.base import resolve_model_dir
    from translate.mt.ctranslate2 import convert_model, model_family

    model_dir = resolve_model_dir(model)
    chosen = family or _family_of(model_dir) or model_family(model_dir)
    done = convert_model(model_dir, Path(output), chosen, model, quantization)
    click.echo(f"{model} -> {done} ({chosen}, {quantization}); use: --engine ctranslate2 --model {done}")


def _family_of(model_dir: Path) -> str | None:
    import json

    config = model_dir / "config.json"
    if not config.exists():
        return None
    model_type = json.loads(config.read_text(encoding="utf-8")).get("model_type", "")
    tokenizer_config = model_dir / "tokenizer_config.json"
    tokenizer_class = ""
    if tokenizer_config.exists():
        tokenizer_class = json.loads(tokenizer_config.read_text(encoding="utf-8")).get("tokenizer_class", "")
    if model_type == "marian":
        return "marian"
    if model_type == "m2m_100":
        return "nllb" if tokenizer_class.startswith("Nllb") else "m2m100"
    return None


@mt_group.command("engines")
def engines_cmd() -> None:
    """List the engines and whether they can run here."""
    neural = all(importlib.util.find_spec(name) for name in ("torch", "transformers"))
    available = {
        "marian": neural,
        "nllb": neural,
        "m2m100": neural,
        "ctranslate2": importlib.util.find_spec("ctranslate2") is not None,
        "apertium": shutil.which("apertium") is not None,
        "none": True,
    }
    for name, (_, _, description) in ENGINES.items():
        mark = "yes" if available[name] else "no "
        click.echo(f"{name:12} {mark}  {description}")


@click.command("evaluate")
@click.argument("workflow_path", metavar="[WORKFLOW]", required=False, type=click.Path())
@click.option("--lang", "langs", multiple=True, type=LANG_CHOICE, help="Only these languages (repeatable).")
@click.option("--hyp", "hypothesis", type=click.Path(dir_okay=False), help="Hypothesis file, one segment a line.")
@click.option("--ref", "reference", type=click.Path(dir_okay=False), help="Reference file, one segment a line.")
def evaluate_cmd(
    workflow_path: str | None, langs: tuple[str, ...], hypothesis: str | None, reference: str | None
) -> None:
    """BLEU, chrF and TER (sacrebleu) of MT drafts against the approved text, per language and engine.

    Or, with --hyp FILE --ref FILE --lang L, of any hypothesis file against a reference file.
    """
    from translate.mt.evaluate import evaluate_files, evaluate_workflow

    if hypothesis or reference:
        if not (hypothesis and reference and len(langs) == 1) or workflow_path:
            raise click.UsageError("give --hyp FILE --ref FILE --lang L (and no WORKFLOW)")
        scores = [evaluate_files(Path(hypothesis), Path(reference), langs[0])]
    else:
        if not workflow_path:
            raise click.UsageError("give a WORKFLOW, or --hyp FILE --ref FILE --lang L")
        from translate.workflow import load_workflow

        scores = evaluate_workflow(load_workflow(workflow_path), list(langs) or None)
        if not scores:
            click.echo("No approved segments drafted by MT yet: nothing to evaluate.")
            return
    _print_scores(scores)


def _print_scores(scores: list) -> None:
    from rich.table import Table

    table = Table(title="MT quality (higher BLEU/chrF and lower TER are better)")
    for column in ("lang", "engine", "model", "segments", "BLEU", "chrF", "TER"):
        table.add_column(column, justify="right" if column in ("segments", "BLEU", "chrF", "TER") else "left")
    for result in scores:
        table.add_row(
            result.lang,
            result.engine or "-",
            result.model or "-",
            str(result.segments),
            f"{result.bleu:.1f}",
            f"{result.chrf:.1f}",
            f"{result.ter:.1f}",
        )
    from translate.cli.output import console as output_console

    console = output_console()
    console.print(table)
    seen: set[str] = set()
    for result in scores:
        for name, signature in result.signatures.items():
            if signature not in seen:
                console.print(f"{name} signature: {signature}", highlight=False)
                seen.add(signature)
