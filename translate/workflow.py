"""A translation job: the folder ``workflows/<job>/`` and its validated ``workflow.yaml``.

::

    name: glotip-sample
    source_language: en
    target_languages: [ar, zh, fr, ru, es]        # default: the five
    sources: [sources/chapter.docx, sources/regional-findings.md]
    glossaries: [../../glossaries/trafficking.tbx]
    memories: [../../memories]                    # TMX files or folders of them
    tm: {fuzzy_threshold: 75}
    mt:
      default: {engine: none}
      fr: {engine: marian, model: Helsinki-NLP/opus-mt-en-fr}
    stages: [{name: translation}, {name: revision}]
    reviewers:
      fr:
        translation: [amelie, {name: bastien}]
        revision: [{name: claire, senior: true}]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from translate.engines import EngineName
from translate.errors import BadInputError, find_control, terminal_safe
from translate.lang import SOURCE_LANGUAGE, TARGET_LANGUAGES, UN_TARGET_LANGUAGES
from translate.lang.base import LabelStyle
from translate.utf8 import read_utf8

WORKFLOW_FILE = "workflow.yaml"
NAME_MAX = 100
"""The longest workflow name: it becomes part of file names (``<name>-approved.tmx``), well under 255 bytes."""
YAML_MAX_BYTES = 1_000_000
YAML_MAX_DEPTH = 32
YAML_MAX_NODES = 100_000
"""Bounds on workflow.yaml: its size, its nesting and the values its aliases expand to (a YAML bomb)."""
SOURCE_SUFFIXES = (".docx", ".md", ".markdown", ".txt")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MTSettings(_Strict):
    """Which engine drafts a language, and with which model (a local path or a Hugging Face id)."""

    engine: EngineName = "none"
    model: str | None = None
    device: Literal["cpu", "cuda"] = "cpu"
    beam_size: int = Field(default=4, ge=1, le=16)
    batch_size: int = Field(default=16, ge=1, le=512)


class TMSettings(_Strict):
    """Thresholds for pre-translation from the translation memories."""

    fuzzy_threshold: float = Field(default=75, ge=0, le=100)
    """Fuzzy matches at or above this score are kept for the reviewer (never filled in)."""


class LabelSettings(_Strict):
    """How exported documents print paragraph numbers and list labels in one language.

    By default each language's own style (``translate/lang/<code>.py``: Arabic ``1 -``, ``(أ)``, ``أولا -``;
    French, Spanish, Russian ``a)``); ``localize: false`` keeps the English labels; the other fields
    override one part of the style (``{n}`` a number, ``{x}`` a letter or chapter number).
    """

    localize: bool = True
    number: str | None = None
    letter: str | None = None
    letters: str | None = Field(default=None, min_length=1)
    roman: str | None = None


class Stage(_Strict):
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_-]+$")
    description: str = ""


class Reviewer(_Strict):
    name: str = Field(min_length=1, pattern=r"^[\w.@-]+$")
    senior: bool = False
    """Senior revisers receive drafts with glossary or QA findings and low TM scores."""
    max_words: int | None = Field(default=None, ge=1)


def _reviewer(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class Workflow(_Strict):
    """The validated content of ``workflow.yaml`` plus the folder it lives in."""

    name: str = Field(min_length=1, max_length=NAME_MAX)
    source_language: Literal["en"] = SOURCE_LANGUAGE
    target_languages: tuple[str, ...] = UN_TARGET_LANGUAGES
    sources: tuple[str, ...] = Field(min_length=1)
    glossaries: tuple[str, ...] = ()
    memories: tuple[str, ...] = ()
    tm: TMSettings = TMSettings()
    mt: dict[str, MTSettings] = Field(default_factory=dict)
    stages: tuple[Stage, ...] = (Stage(name="translation"), Stage(name="revision"))
    reviewers: dict[str, dict[str, tuple[Reviewer, ...]]] = Field(default_factory=dict)
    labels: dict[str, LabelSettings] = Field(default_factory=dict)
    """Per language (or ``default``): how exported documents print labels (see :class:`LabelSettings`)."""
    store: str = "sqlite"
    """The working store (translate/store): ``sqlite`` (a file in the workflow, outside git) or
    ``postgresql://user@host:port/database`` (password from PGPASSWORD or ~/.pgpass, never in this file)."""
    allow_outside: tuple[str, ...] = ()
    """Folders outside the project that sources, glossaries and memories may come from (absolute, or relative to
    the workflow folder): without them, a path that leaves the project through ``..``, an absolute path or a
    symbolic link is refused."""
    root: Path = Field(default=Path("."), exclude=True)

    @field_validator("name")
    @classmethod
    def _file_name(cls, value: str) -> str:
        if find_control(value) >= 0 or "\n" in value or "\t" in value:
            raise ValueError("control characters are not allowed in the name")
        if "/" in value or "\\" in value or ".." in value or value.startswith((".", "-")) or value != value.strip():
            raise ValueError(f"{value!r} must be a plain file name: no '/', '\\' or '..', not starting with '.' or '-'")
        return value

    @field_validator("target_languages")
    @classmethod
    def _known_targets(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if code not in TARGET_LANGUAGES:
                raise ValueError(f"{code!r} is not one of {', '.join(TARGET_LANGUAGES)}")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @field_validator("sources")
    @classmethod
    def _source_suffixes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for source in value:
            if Path(source).suffix.lower() not in SOURCE_SUFFIXES:
                raise ValueError(f"{source!r}: sources must be {', '.join(SOURCE_SUFFIXES)}")
        return value

    @field_validator("store")
    @classmethod
    def _store_url(cls, value: str) -> str:
        if value == "sqlite":
            return value
        if not value.startswith(("postgresql://", "postgres://")):
            raise ValueError(f"{value!r}: use sqlite or postgresql://user@host:port/database")
        userinfo = value.split("://", 1)[1].split("/", 1)[0].rpartition("@")[0]
        if ":" in userinfo or "password=" in value:
            raise ValueError("no password in workflow.yaml: put it in PGPASSWORD or ~/.pgpass")
        return value

    @field_validator("mt")
    @classmethod
    def _mt_languages(cls, value: dict[str, MTSettings]) -> dict[str, MTSettings]:
        for key in value:
            if key != "default" and key not in TARGET_LANGUAGES:
                raise ValueError(f"mt.{key}: not a target language (or 'default')")
        return value

    @field_validator("labels")
    @classmethod
    def _label_languages(cls, value: dict[str, LabelSettings]) -> dict[str, LabelSettings]:
        for key in value:
            if key != "default" and key not in TARGET_LANGUAGES:
                raise ValueError(f"labels.{key}: not a target language (or 'default')")
        return value

    def label_style(self, lang: str) -> LabelStyle | None:
        """The label style of ``lang`` for exported documents, or None to keep the English labels."""
        from dataclasses import replace

        from translate.lang import get_language

        settings = self.labels.get(lang) or self.labels.get("default") or LabelSettings()
        if not settings.localize:
            return None
        overrides = {
            name: getattr(settings, name)
            for name in ("number", "letter", "letters", "roman")
            if getattr(settings, name) is not None
        }
        return replace(get_language(lang).labels, **overrides)

    @field_validator("reviewers", mode="before")
    @classmethod
    def _reviewer_strings(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {
            lang: {
                stage: [_reviewer(r) for r in people] if isinstance(people, list) else people
                for stage, people in stages.items()
            }
            if isinstance(stages, dict)
            else stages
            for lang, stages in value.items()
        }

    @field_validator("reviewers")
    @classmethod
    def _reviewers_match_stages(
        cls, value: dict[str, dict[str, tuple[Reviewer, ...]]], info: ValidationInfo
    ) -> dict[str, dict[str, tuple[Reviewer, ...]]]:
        stage_names = {stage.name for stage in info.data.get("stages", ())}
        for lang, stages in value.items():
            if lang not in TARGET_LANGUAGES:
                raise ValueError(f"{lang}: not a target language")
            for stage in stages:
                if stage_names and stage not in stage_names:
                    raise ValueError(f"{lang}.{stage}: no such stage (stages: {', '.join(sorted(stage_names))})")
        return value

    # Paths -------------------------------------------------------------------------------------------

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    def catalog_path(self, lang: str) -> Path:
        return self.translations_dir / f"{lang}.po"

    def journal_path(self, lang: str) -> Path:
        """The append-only review journal of a language (JSON lines)."""
        return self.root / "journal" / f"{lang}.jsonl"

    def lock_path(self, lang: str) -> Path:
        """The lock every writer of ``lang``'s catalog holds (see :func:`translate.catalog.catalog_lock`)."""
        return self.cache_dir / "locks" / f"{lang}.po.lock"

    @property
    def cache_dir(self) -> Path:
        """Caches (MT outputs, indexes): never the truth, ignored by git."""
        return self.root / ".cache"

    def source_paths(self) -> list[Path]:
        return [self.root / source for source in self.sources]

    def glossary_paths(self) -> list[Path]:
        return [self.root / glossary for glossary in self.glossaries]

    def memory_paths(self) -> list[Path]:
        """Every TMX file named by ``memories`` (folders are searched for ``*.tmx``)."""
        found: list[Path] = []
        for entry in self.memories:
            path = self.root / entry
            if path.is_dir():
                roots = allowed_roots(self)
                for file in sorted(path.glob("*.tmx")):
                    if not is_inside(file, roots):  # a symbolic link out of the project inside the folder
                        raise BadInputError(file, "links outside the project; name its folder under allow_outside")
                    found.append(file)
            else:
                found.append(path)
        return found

    def mt_settings(self, lang: str) -> MTSettings:
        return self.mt.get(lang) or self.mt.get("default") or MTSettings()

    def reviewers_for(self, lang: str, stage: str) -> tuple[Reviewer, ...]:
        return self.reviewers.get(lang, {}).get(stage, ())


def load_workflow(path: str | Path) -> Workflow:
    """Load ``workflows/<job>`` (or its ``workflow.yaml``) with a safe loader and validate it.

    Any problem raises :class:`BadInputError` naming the file, the line and the field.
    """
    given = Path(path)
    yaml_path = given / WORKFLOW_FILE if given.is_dir() else given
    if not yaml_path.exists():
        raise BadInputError(yaml_path, "no such workflow file")
    text = read_utf8(yaml_path, bom=False, controls=False)
    try:
        _check_bounds(text, yaml_path)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        _check_nodes(node, yaml_path)
        data = yaml.safe_load(text)
    except ValueError as error:  # an integer of thousands of digits
        raise BadInputError(yaml_path, f"invalid value: {str(error).split(':')[0]}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise BadInputError(yaml_path, f"invalid YAML: {problem}", line) from None
    if not isinstance(data, dict):
        raise BadInputError(yaml_path, "the workflow must be a mapping of keys (name, sources, ...)", 1)
    try:
        workflow = Workflow.model_validate({**data, "root": yaml_path.parent})
    except ValidationError as error:
        from translate.workflow_messages import explain_first

        location, message = explain_first(error.errors(), Workflow)
        raise BadInputError(yaml_path, message, _line_of(node, location)) from None
    _check_inside(workflow, yaml_path, node)
    return workflow


def _check_bounds(text: str, yaml_path: Path) -> None:
    """Refuse a workflow.yaml too big or nested too deep, before PyYAML's recursive composer sees it."""
    if len(text) > YAML_MAX_BYTES:
        raise BadInputError(yaml_path, f"larger than {YAML_MAX_BYTES:,} bytes: not a workflow file")
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > YAML_MAX_DEPTH:
                line = event.start_mark.line + 1
                raise BadInputError(yaml_path, f"nested more than {YAML_MAX_DEPTH} levels deep", line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_nodes(root: yaml.Node | None, yaml_path: Path) -> None:
    """Refuse aliases that expand to more than ``YAML_MAX_NODES`` values, and a key given twice in a mapping
    (PyYAML would silently keep the last)."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a recursive alias counts once
        total = 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    if key.value in seen:
                        problem = f"{terminal_safe(key.value)!r} is given twice (first on line {seen[key.value]})"
                        raise BadInputError(yaml_path, problem, key.start_mark.line + 1)
                    seen[key.value] = key.start_mark.line + 1
                total += size(key) + size(value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        if total > YAML_MAX_NODES:
            raise BadInputError(
                yaml_path, f"its aliases expand to over {YAML_MAX_NODES:,} values", node.start_mark.line + 1
            )
        sizes[id(node)] = total
        return total

    if root is not None:
        size(root)


def project_root(workflow: Workflow) -> Path:
    """The project a workflow belongs to: the folder holding ``workflows/<job>``, else the workflow folder."""
    root = workflow.root.resolve()
    return root.parent.parent if root.parent.name == "workflows" else root


def allowed_roots(workflow: Workflow) -> list[Path]:
    """The project and the folders of ``allow_outside``: where sources, glossaries and memories may live."""
    return [project_root(workflow), *((workflow.root / folder).resolve() for folder in workflow.allow_outside)]


def is_inside(path: Path, roots: list[Path]) -> bool:
    """Whether ``path`` (symbolic links and ``..`` resolved) lies in one of ``roots``."""
    resolved = path.resolve()
    return any(resolved == root or resolved.is_relative_to(root) for root in roots)


def _check_inside(workflow: Workflow, yaml_path: Path, node: yaml.Node | None) -> None:
    """Sources, glossaries and memories stay inside the project unless ``allow_outside`` names their folder."""
    roots = allowed_roots(workflow)
    for field in ("sources", "glossaries", "memories"):
        for index, entry in enumerate(getattr(workflow, field)):
            line = _line_of(node, (field, index))
            if find_control(entry) >= 0 or "\x00" in entry:
                raise BadInputError(yaml_path, f"{field}: control characters in {entry!r}", line)
            if field == "memories" and entry.startswith(("postgresql://", "postgres://")):
                continue
            path = workflow.root / entry
            if (path.exists() or path.is_symlink()) and not is_inside(path, roots):  # a missing one: "no such"
                raise BadInputError(
                    yaml_path,
                    f"{field}: {entry!r} is outside the project ({roots[0]}); "
                    "name its folder under allow_outside to use it",
                    line,
                )


def _line_of(node: yaml.Node | None, location: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at ``location`` (or of its nearest existing parent)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in location:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
