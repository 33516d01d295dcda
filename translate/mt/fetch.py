"""``hexaglot mt fetch`` and ``hexaglot run --fetch-models``: a model from the Hugging Face Hub into the local cache.

Only what hexaglot loads is downloaded (configs, tokenizers, ``*.safetensors``; never pickles), pinned to the commit
the revision names at that moment, with huggingface_hub's progress bars. Refused before any weight is downloaded:
a repository that needs its own Python code (``*.py`` files or an ``auto_map`` in its config: transformers'
``trust_remote_code``, which hexaglot never enables), or one without safetensors weights. huggingface_hub resumes a
partial download left by an interrupted fetch. ``HF_ENDPOINT`` points it at a mirror (the tests' local fake hub).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from translate.errors import HexaglotError
from translate.mt.base import SAFE_PATTERNS, MTUnavailableError, resolve_model_dir

CODE_CONFIGS = ("config.json", "tokenizer_config.json")


@dataclass(frozen=True)
class Fetched:
    model: str
    commit: str
    folder: Path


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip() not in ("", "0")


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def fetch_model(model: str, revision: str | None = None) -> Fetched:
    """Download ``model`` (a Hub id) at ``revision`` (branch, tag or commit; default main) into the HF cache."""
    if _offline():
        raise HexaglotError(
            f"cannot fetch {model}: HF_HUB_OFFLINE is set; fetch it where the network is reachable, "
            "or copy the model folder here and pass its path with --model"
        )
    if model.count("/") != 1 or Path(model).expanduser().exists():
        raise HexaglotError(f"cannot fetch {model}: not a Hugging Face model id (owner/name)")
    try:
        from huggingface_hub import HfApi, hf_hub_download, snapshot_download
        from huggingface_hub import errors as hub_errors
    except ImportError:
        raise HexaglotError("huggingface_hub is not installed: pip install 'hexaglot[mt]'") from None
    where = os.environ.get("HF_ENDPOINT") or "the Hugging Face Hub"
    try:
        info = HfApi().model_info(model, revision=revision)
    except hub_errors.RevisionNotFoundError:
        raise HexaglotError(f"cannot fetch {model}: it has no revision {revision!r} on {where}") from None
    except hub_errors.RepositoryNotFoundError:
        raise HexaglotError(f"cannot fetch {model}: no such model on {where} (or it is private)") from None
    except Exception as error:  # network, TLS, proxy: one line, no traceback
        raise HexaglotError(f"cannot fetch {model}: {_first_line(error)}") from None
    commit = info.sha or revision or "main"
    files = [sibling.rfilename for sibling in info.siblings or []]
    _refuse_code(model, files, lambda name: hf_hub_download(model, name, revision=commit))
    if not any(name.endswith(".safetensors") for name in files):
        raise HexaglotError(
            f"{model} publishes no safetensors weights (hexaglot never loads pickled .bin files); "
            "try its refs/pr/N revision with safetensors, or another model"
        )
    try:
        folder = Path(snapshot_download(model, revision=commit, allow_patterns=SAFE_PATTERNS))
    except Exception as error:
        raise HexaglotError(f"cannot fetch {model}: {_first_line(error)}") from None
    _record_ref(folder, revision or "main", commit)
    return Fetched(model, commit, folder)


def _record_ref(folder: Path, revision: str, commit: str) -> None:
    """Downloaded by commit (pinned), the cache also learns which commit the branch or tag named, as a download by
    name records it: ``refs/main`` then lets drafting find the model offline by its id alone."""
    if revision == commit:
        return
    from translate.fileio import atomic_write_text

    ref = folder.parent.parent / "refs" / revision
    ref.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(ref, commit)


def _refuse_code(model: str, files: list[str], download) -> None:  # type: ignore[no-untyped-def]
    code = [name for name in files if name.endswith(".py")]
    for name in CODE_CONFIGS:
        if not code and name in files:
            try:
                config = json.loads(Path(download(name)).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(config, dict) and config.get("auto_map"):
                code = [f"{name} auto_map"]
    if code:
        raise HexaglotError(
            f"refusing {model}: it needs its own Python code ({', '.join(code[:3])}), that is trust_remote_code, "
            "which hexaglot never runs; choose a model that transformers supports natively"
        )


def workflow_models(wf, langs: Iterable[str] | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """The Hub ids the workflow's languages draft with (workflow.yaml ``mt``, else the engine's default)."""
    from translate.mt import create_engine

    wanted: list[str] = []
    for lang in langs or wf.target_languages:
        settings = wf.mt_settings(lang)
        if settings.engine in ("none", "apertium", "ctranslate2"):
            continue
        engine = create_engine(settings.engine, settings.model, lang)
        if engine.model and engine.model.count("/") == 1 and not Path(engine.model).expanduser().exists():
            wanted.append(engine.model)
    return list(dict.fromkeys(wanted))


def missing_models(models: Iterable[str]) -> list[str]:
    """Those of ``models`` not yet in the local Hugging Face cache."""
    missing = []
    for model in models:
        try:
            resolve_model_dir(model)
        except MTUnavailableError:
            missing.append(model)
    return missing


def fetch_workflow_models(wf, langs: Iterable[str] | None, console) -> list[Fetched]:  # type: ignore[no-untyped-def]
    """Fetch every model the workflow drafts with that is not in the local cache yet (``run --fetch-models``)."""
    fetched = []
    for model in missing_models(workflow_models(wf, langs)):
        console.print(f"fetching MT model {model}", highlight=False)
        fetched.append(fetch_model(model))
        console.print(f"{model}@{fetched[-1].commit}: {fetched[-1].folder}", highlight=False)
    return fetched
