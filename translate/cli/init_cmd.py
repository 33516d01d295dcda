"""``hexaglot init``: a new translation job in one command.

``hexaglot init JOB --source report.docx --source annex.md`` creates ``workflows/JOB/`` with the sources copied into
``sources/``, a commented ``workflow.yaml`` (languages, glossaries, memories, MT per language with the recommended
model, stages, reviewers to fill in) and runs the first import, so that ``hexaglot run workflows/JOB`` is the next
step. Everything is checked before anything is written; an existing job is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import click

from translate.errors import BadInputError, HexaglotError
from translate.lang import TARGET_LANGUAGES, get_language

JOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
GLOSSARY_SUFFIXES = (".tbx", ".xml", ".csv", ".tsv")
STAGES = (
    ("translation", "First translation or post-editing of the TM/MT draft"),
    ("revision", "Revision by a senior reviser before approval"),
)
PLAIN_YAML = re.compile(r"^[A-Za-z0-9_./+-][A-Za-z0-9_./+ -]*$")


@dataclass
class JobPlan:
    """What ``init`` will write, decided (and checked) before anything is written."""

    name: str
    folder: Path
    sources: list[Path]
    glossaries: list[Path]
    memories: list[Path]
    languages: list[str]
    reviewers: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    link: bool = False


@click.command("init")
@click.argument("job")
@click.option(
    "--source",
    "sources",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path),
    help="A source document (.docx, .md, .txt); repeat for each.",
)
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(path_type=Path), help="A TBX or CSV termbase.")
@click.option(
    "--memory", "memories", multiple=True, type=click.Path(path_type=Path), help="A TMX file or a folder of them."
)
@click.option(
    "--lang",
    "langs",
    multiple=True,
    help="Target languages (repeat, or a comma list: --lang fr,es). Default: ar, zh, fr, ru, es.",
)
@click.option(
    "--reviewer",
    "reviewers",
    multiple=True,
    metavar="LANG:STAGE:NAME",
    help="A reviewer, e.g. fr:translation:amelie or fr:revision:claire (repeatable; you can add them later).",
)
@click.option(
    "--dir",
    "parent",
    type=click.Path(path_type=Path),
    default=Path("workflows"),
    show_default=True,
    help="The folder that holds the jobs.",
)
@click.option("--link", is_flag=True, help="Link the sources (symbolic links) instead of copying them.")
@click.option("--no-import", is_flag=True, help="Only write the job; do not import the sources yet.")
def init_cmd(
    job: str,
    sources: tuple[Path, ...],
    glossaries: tuple[Path, ...],
    memories: tuple[Path, ...],
    langs: tuple[str, ...],
    reviewers: tuple[str, ...],
    parent: Path,
    link: bool,
    no_import: bool,
) -> None:
    """Create a new translation job: workflows/JOB/ with its sources and a commented workflow.yaml.

    \b
    Example:
      hexaglot init resolution-2024 --source report.docx --source annex.md \\
          --glossary glossaries/trafficking.tbx --memory memories --lang fr,es
    Then: hexaglot run workflows/resolution-2024
    """
    from translate.cli.output import console as output_console
    from translate.cli.workflow_cmds import print_import_report

    plan = plan_job(job, sources, glossaries, memories, langs, reviewers, parent, link)
    console = output_console(stderr=True)
    from translate.importer import import_workflow, read_workflow_sources
    from translate.workflow import load_workflow

    write_job(plan)
    try:
        workflow = load_workflow(plan.folder)
        if no_import:
            read_workflow_sources(workflow)  # a source that cannot be read is reported now
        else:
            from translate.progress import progress_bar

            with progress_bar("import", unit="steps"):
                report = import_workflow(workflow)
    except BaseException:
        shutil.rmtree(plan.folder, ignore_errors=True)  # nothing half-made stays behind
        raise
    console.print(f"[bold]Created[/] {plan.folder}/ : workflow.yaml, {len(plan.sources)} sources in sources/")
    if not no_import:
        print_import_report(report, console)
    click.echo(next_steps(plan), err=True)


def plan_job(
    job: str,
    sources: tuple[Path, ...],
    glossaries: tuple[Path, ...],
    memories: tuple[Path, ...],
    langs: tuple[str, ...],
    reviewers: tuple[str, ...],
    parent: Path,
    link: bool,
) -> JobPlan:
    """Check every argument; raise a :class:`HexaglotError` naming the first problem."""
    from translate.workflow import SOURCE_SUFFIXES

    if not JOB_NAME.match(job):
        raise HexaglotError(f"job name {job!r}: use letters, digits, '.', '_' or '-' (e.g. glotip-2024)")
    folder = parent / job
    if folder.exists():
        what = "a workflow.yaml" if (folder / "workflow.yaml").exists() else "files"
        raise HexaglotError(
            f"{folder} already exists ({what} there); nothing changed. Choose another name, or edit "
            f"{folder / 'workflow.yaml'} and run 'hexaglot import {folder}'"
        )
    names: set[str] = set()
    for source in sources:
        if not source.is_file():
            raise BadInputError(source, "no such source file")
        if source.suffix.lower() not in SOURCE_SUFFIXES:
            raise BadInputError(source, f"sources must be {', '.join(SOURCE_SUFFIXES)}")
        if source.name in names:
            raise BadInputError(source, "two sources have this file name; rename one")
        names.add(source.name)
    for glossary in glossaries:
        if not glossary.is_file():
            raise BadInputError(glossary, "no such glossary file")
        if glossary.suffix.lower() not in GLOSSARY_SUFFIXES:
            raise BadInputError(glossary, f"glossaries must be {', '.join(GLOSSARY_SUFFIXES)}")
    for memory in memories:
        if not memory.exists():
            raise BadInputError(memory, "no such memory (a TMX file or a folder of them)")
    languages = _languages(langs)
    return JobPlan(
        name=job,
        folder=folder,
        sources=list(sources),
        glossaries=list(glossaries),
        memories=list(memories),
        languages=languages,
        reviewers=_reviewers(reviewers, languages),
        link=link,
    )


def _languages(langs: tuple[str, ...]) -> list[str]:
    chosen = [code.strip() for value in langs for code in value.split(",") if code.strip()]
    if not chosen:
        return list(TARGET_LANGUAGES)
    for code in chosen:
        if code not in TARGET_LANGUAGES:
            raise HexaglotError(f"--lang {code}: not one of {', '.join(TARGET_LANGUAGES)}")
    return list(dict.fromkeys(chosen))


def _reviewers(specs: tuple[str, ...], languages: list[str]) -> dict[str, dict[str, list[str]]]:
    stage_names = [name for name, _ in STAGES]
    found: dict[str, dict[str, list[str]]] = {}
    for spec in specs:
        parts = spec.split(":")
        if len(parts) != 3 or not all(parts):
            raise HexaglotError(f"--reviewer {spec}: write LANG:STAGE:NAME, e.g. fr:translation:amelie")
        lang, stage, name = parts
        if lang not in languages:
            raise HexaglotError(f"--reviewer {spec}: {lang} is not a language of this job ({', '.join(languages)})")
        if stage not in stage_names:
            raise HexaglotError(f"--reviewer {spec}: stage {stage!r} is not one of {', '.join(stage_names)}")
        if not re.fullmatch(r"[\w.@-]+", name):
            raise HexaglotError(f"--reviewer {spec}: a name may contain only letters, digits and . @ _ -")
        found.setdefault(lang, {}).setdefault(stage, [])
        if name not in found[lang][stage]:
            found[lang][stage].append(name)
    return found


def write_job(plan: JobPlan) -> None:
    """Create the folder, copy (or link) the sources and write workflow.yaml; on any failure remove the folder."""
    from translate.fileio import atomic_write_text

    plan.folder.mkdir(parents=True)
    try:
        (plan.folder / "sources").mkdir()
        for source in plan.sources:
            target = plan.folder / "sources" / source.name
            if plan.link:
                target.symlink_to(source.resolve())
            else:
                shutil.copy2(source, target)
        atomic_write_text(plan.folder / "workflow.yaml", workflow_yaml(plan))
        _spelling_lists(plan)
        (plan.folder / ".gitignore").write_text(".cache/\n.hexaglot/\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(plan.folder, ignore_errors=True)
        raise


def _spelling_lists(plan: JobPlan) -> None:
    """``spelling/<lang>.txt`` for each spell-checked language of the job: the words its spelling check accepts."""
    from translate.qa.spelling import SPELLING_LANGUAGES

    folder = plan.folder / "spelling"
    for lang in plan.languages:
        if lang in SPELLING_LANGUAGES:
            folder.mkdir(exist_ok=True)
            (folder / f"{lang}.txt").write_text(
                f"# Words the spelling check accepts in this job's {get_language(lang).name} (one a line): names,\n"
                "# terms of the report the Hunspell dictionary lacks. Lines starting with # are comments.\n",
                encoding="utf-8",
            )


def workflow_yaml(plan: JobPlan) -> str:
    """The commented workflow.yaml of a new job: every setting a user may change is explained where it is."""
    from translate.mt import MARIAN_MODELS

    relative = [_relative(path, plan.folder) for path in plan.glossaries]
    memories = [_relative(path, plan.folder) for path in plan.memories]
    lines = [
        f"# The translation job {plan.name}, written by 'hexaglot init'. Edit freely: comments explain each setting,",
        "# and 'hexaglot import' checks the file (an error names the line and says what to write).",
        f"name: {_scalar(plan.name)}",
        "source_language: en",
        "",
        "# The languages to translate into (any of ar, zh, fr, ru, es).",
        f"target_languages: [{', '.join(plan.languages)}]",
        "",
        "# The documents to translate (.docx, .md, .txt), relative to this folder, in reading order.",
        "sources:",
        *(f"  - {_scalar('sources/' + source.name)}" for source in plan.sources),
        "",
        "# Termbases (TBX or CSV): terms are checked in every language and protected in MT. Paths relative to this",
        "# folder, e.g. - ../../glossaries/trafficking.tbx",
        *(["glossaries:", *(f"  - {_scalar(path)}" for path in relative)] if relative else ["glossaries: []"]),
        "",
        "# Translation memories: TMX files, or folders of them. Exact matches become drafts, fuzzy ones suggestions.",
        *(["memories:", *(f"  - {_scalar(path)}" for path in memories)] if memories else ["memories: []"]),
        "tm:",
        "  fuzzy_threshold: 75          # fuzzy matches scoring at least this (0-100) are kept for the reviewer",
        "",
        "# Machine translation per language. Neural models are fetched once, before working offline:",
        "#   hexaglot mt fetch Helsinki-NLP/opus-mt-en-fr",
        "# Without the model, drafting says so once and drafts from the memories only. Engines: marian, nllb,",
        "# m2m100, ctranslate2 (converted models, fastest on CPU), apertium (es, fully offline), none.",
        "mt:",
        "  default: {engine: none}",
    ]
    for lang in plan.languages:
        name = get_language(lang).name
        if lang == "es":
            lines.append(
                "  es: {engine: apertium, model: eng-spa}   # Spanish: offline (apt-get install apertium-eng-spa)"
            )
            lines.append(f"  # es: {{engine: marian, model: {MARIAN_MODELS['es']}}}   # neural alternative")
        else:
            lines.append(f"  {lang}: {{engine: marian, model: {MARIAN_MODELS[lang]}}}   # {name}")
    outside = _outside_folders(plan)
    if outside:
        lines += [
            "",
            "# Folders outside this project that the files above come from (allowed on purpose, by 'hexaglot init').",
            "allow_outside:",
            *(f"  - {_scalar(folder)}" for folder in outside),
        ]
    lines += [
        "",
        "# Spelling (ar, fr, ru, es): words the dictionary lacks go in spelling/<lang>.txt beside this file.",
        "",
        "# Review stages, in order. The last one approves; earlier ones mark segments translated.",
        "stages:",
        *(f"  - name: {stage}\n    description: {description}" for stage, description in STAGES),
        "",
        *_reviewer_lines(plan),
    ]
    return "\n".join(lines) + "\n"


def _outside_folders(plan: JobPlan) -> list[str]:
    """Folders outside the project (the folder holding ``workflows/``) that glossaries, memories or linked sources
    come from: ``allow_outside`` must name them for the workflow to load."""
    folder = plan.folder.resolve()
    project = folder.parent.parent if folder.parent.name == "workflows" else folder
    found: list[str] = []
    linked = plan.sources if plan.link else []
    for path in (*plan.glossaries, *plan.memories, *linked):
        resolved = path.resolve()
        if resolved == project or resolved.is_relative_to(project):
            continue
        parent = resolved if resolved.is_dir() else resolved.parent
        if parent.as_posix() not in found:
            found.append(parent.as_posix())
    return found


def _reviewer_lines(plan: JobPlan) -> list[str]:
    lines = [
        "# Who works on what: per language, the people of each stage (names as they will type them with",
        "# 'hexaglot review --reviewer NAME'). 'hexaglot assign' shares the segments among them; a reviser marked",
        "# senior: true also receives the drafts with glossary or QA findings. Fill in the languages below.",
    ]
    if not plan.reviewers:
        lines.append("reviewers: {}   # to fill in: write 'reviewers:' alone, then uncomment a block below")
    else:
        lines.append("reviewers:")
    for lang in plan.languages:
        people = plan.reviewers.get(lang)
        if people:
            lines.append(f"  {lang}:")
            for stage, _ in STAGES:
                names = people.get(stage, [])
                if stage == "revision":
                    shown = ", ".join(f"{{name: {name}, senior: true}}" for name in names)
                else:
                    shown = ", ".join(names)
                lines.append(f"    {stage}: [{shown}]" if names else f"    # {stage}: [name.surname]")
        else:
            lines += [
                f"  # {lang}:",
                "  #   translation: [name.surname, name.surname]",
                "  #   revision: [{name: name.surname, senior: true}]",
            ]
    return lines


def next_steps(plan: JobPlan) -> str:
    folder = plan.folder
    staffed = [lang for lang in plan.languages if plan.reviewers.get(lang, {}).get("translation")]
    lang = staffed[0] if staffed else plan.languages[0]
    review = f"hexaglot review {folder} --lang {lang}"
    if staffed:
        review += f" --reviewer {plan.reviewers[lang]['translation'][0]}"
    steps = [] if plan.reviewers else [f"fill in the reviewers at the end of {folder / 'workflow.yaml'}, then"]
    steps += [
        f"hexaglot run {folder}      (draft from the memories and MT, show the progress)",
        f"hexaglot assign {folder}   (share the segments among the reviewers)",
        review,
    ]
    return "Next:\n" + "\n".join(f"  {step}" for step in steps)


def _relative(path: Path, folder: Path) -> str:
    """``path`` as workflow.yaml names it: relative to the job's folder when it is under the current folder
    (the project moves as a whole), else absolute."""
    resolved = path.resolve()
    if not resolved.is_relative_to(Path.cwd().resolve()):
        return resolved.as_posix()
    return Path(os.path.relpath(resolved, folder.resolve())).as_posix()


def _scalar(value: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted (a JSON string is a valid YAML one)."""
    import json

    return value if PLAIN_YAML.match(value) and not value.endswith(" ") else json.dumps(value, ensure_ascii=False)
