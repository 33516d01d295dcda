"""The one small interface every MT engine implements, and how a model is found on this machine.

An engine is created cheaply (no torch import), :meth:`Engine.resolve` finds its model without loading it (a
local folder or the Hugging Face cache, never the network), :meth:`Engine.load` loads it, and
:meth:`Engine.translate` turns a batch of English sentences into one target language. Engines that can
continue a forced target prefix (``supports_prefix``) let the draft pipeline keep glossary terms and protected
spans by constrained decoding.
"""

from __future__ import annotations

import hashlib
import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from translate.errors import HexaglotError
from translate.fileio import file_stamp


class MTUnavailableError(HexaglotError):
    """The engine or its model cannot be had here: one line names the model and how to fetch it."""

    def __init__(self, model: str, reason: str, hint: str | None = None) -> None:
        self.model = model
        self.reason = reason
        hint = hint if hint is not None else f"fetch it with: hexaglot mt fetch {model}"
        super().__init__(f"MT model {model!r} is not available: {reason}; {hint}")


SAFE_PATTERNS = ["*.json", "*.safetensors", "*.spm", "*.model", "*.txt", "*.md"]
"""What ``mt fetch`` downloads and a fetched model is: configs, tokenizers and safetensors weights, never pickles or
code."""


class SegmentsFailedError(HexaglotError):
    """Some segments got no MT draft (each named by id with the reason); every other draft was saved. Exit code 3."""

    exit_code = 3


class Engine(ABC):
    """A machine-translation engine from English into one of the five target languages."""

    name: ClassVar[str]
    needs_model: ClassVar[bool] = True
    supports_prefix: ClassVar[bool] = False
    """True when :meth:`translate` honours ``prefixes`` (constrained decoding of a forced target start)."""
    default_protection: ClassVar[str] = "prefix"

    def __init__(self, model: str | None = None, device: str = "cpu", beam_size: int = 4, batch_size: int = 16) -> None:
        self.model = model
        self.device = device
        self.beam_size = beam_size
        self.batch_size = batch_size
        self.model_dir: Path | None = None
        self.loaded = False

    @property
    def label(self) -> str:
        """What provenance and the cache record as the model: the id or path as configured."""
        return self.model or self.name

    def resolve(self) -> None:
        """Find the model (cheap, no heavy imports); raise :class:`MTUnavailableError` when it cannot be had."""
        if self.needs_model:
            if not self.model:
                raise MTUnavailableError(
                    self.name, "no model configured", "give one with --model or in workflow.yaml mt"
                )
            self.model_dir = resolve_model_dir(self.model)

    def fingerprint(self) -> str:
        """Identifies the exact model weights (for the cache): changes when the files change."""
        if self.model_dir is None:
            return self.label
        return f"{self.label}@{weights_fingerprint(self.model_dir)}"

    def ensure_loaded(self) -> None:
        if not self.loaded:
            if self.model_dir is None:
                self.resolve()
            self.load()
            self.loaded = True

    @abstractmethod
    def load(self) -> None:
        """Load the model (imports torch, transformers or ctranslate2 here and only here)."""

    @abstractmethod
    def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str | None]:
        """Translate English ``texts`` into ``lang``; ``prefixes[i]`` (when supported) forces the start of output i.

        Segment-safe: output i is what ``translate([texts[i]], lang, [prefixes[i]])`` gives, whatever else is in the
        batch. ``None`` where the engine cannot prove that an output belongs to its text (no draft is written).
        """

    def supports(self, lang: str) -> bool:
        return True


def resolve_model_dir(model: str) -> Path:
    """A local folder, or the snapshot folder of a Hugging Face id already in the local cache (no network)."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    if model.startswith((".", "/", "~")) or path.exists():
        raise MTUnavailableError(model, "no such model folder", "give the folder of a saved or converted model")
    if model.count("/") != 1:
        raise MTUnavailableError(model, "not a local folder nor a Hugging Face id (owner/name)")
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError
    except ImportError:  # pragma: no cover - huggingface_hub comes with transformers
        raise MTUnavailableError(model, "huggingface_hub is not installed", "pip install 'hexaglot[mt]'") from None
    try:
        return Path(snapshot_download(model, local_files_only=True, allow_patterns=SAFE_PATTERNS))
    except (LocalEntryNotFoundError, HfHubHTTPError, OSError, ValueError):
        offline = " (HF_HUB_OFFLINE=1)" if os.environ.get("HF_HUB_OFFLINE") else ""
        raise MTUnavailableError(model, f"not in the local Hugging Face cache{offline}") from None


def require_safetensors(model: str, model_dir: Path) -> None:
    """Refuse pickled weights: only ``*.safetensors`` are ever loaded."""
    if not any(model_dir.glob("*.safetensors")):
        pickled = any(model_dir.glob("*.bin")) or any(model_dir.glob("*.pt"))
        reason = "only pickled .bin weights, which hexaglot refuses to load" if pickled else "no safetensors weights"
        raise MTUnavailableError(model, f"{model_dir} has {reason}")


def weights_fingerprint(model_dir: Path) -> str:
    """Names, sizes and modification times of the weight and vocabulary files, hashed."""
    digest = hashlib.sha256()
    for file in sorted(model_dir.iterdir()):
        if file.is_file() and file.suffix in (".safetensors", ".bin", ".json", ".spm", ".model"):
            stamp = file_stamp(file)
            if stamp is not None:  # whole seconds: the fingerprint of a model copied with its times kept
                digest.update(f"{file.name}:{stamp.size}:{stamp.mtime_ns // 1_000_000_000}\n".encode())
    return digest.hexdigest()[:12]
