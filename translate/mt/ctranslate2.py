"""CTranslate2: the opus-mt, NLLB and M2M-100 models converted (``hexaglot mt convert``), int8 on CPU, fp16 on GPU.

A converted folder holds ``model.bin``, the tokenizer files of the original model and ``hexaglot-mt.json``
(``{"family": "marian"|"nllb"|"m2m100", "source_model": ...}``). Tokenisation uses the original model's
transformers tokenizer; constrained decoding uses CTranslate2's ``target_prefix``.
"""

from __future__ import annotations

import json
import math
import os
from itertools import groupby
from pathlib import Path
from typing import Any

from translate.errors import HexaglotError
from translate.mt.base import Engine, MTUnavailableError, weights_fingerprint
from translate.mt.hf import MAX_LENGTH, quiet_transformers, special_ids
from translate.mt.marian import target_token
from translate.mt.split import join_parts, split_to_fit

INFO_FILE = "hexaglot-mt.json"
TOKENIZER_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "target_vocab.json",
    "sentencepiece.bpe.model",
    "spm.model",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
)
FAMILIES_BY_TOKENIZER = {
    "MarianTokenizer": "marian",
    "NllbTokenizer": "nllb",
    "NllbTokenizerFast": "nllb",
    "M2M100Tokenizer": "m2m100",
}


def cpu_workers() -> tuple[int, int]:
    """(inter_threads, intra_threads) on CPU: parallel single-threaded workers rather than one multi-threaded one.

    Measured with ``benchmarks/mt_benchmark.py`` on a 2-core AVX2 CPU (int8, opus-mt-base shape): two workers of
    one thread each decode 1.7x (greedy) and 1.4x (beam 4) faster than one worker of two threads, because the small
    decoding GEMMs scale badly across OpenMP threads. At most four workers; the cores are shared out among them.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = max(1, min(4, cores))
    return workers, max(1, cores // workers)


def model_family(model_dir: Path) -> str:
    """marian, nllb or m2m100: from ``hexaglot-mt.json``, else from the tokenizer's class."""
    info = model_dir / INFO_FILE
    if info.exists():
        return str(json.loads(info.read_text(encoding="utf-8")).get("family", "marian"))
    config = model_dir / "tokenizer_config.json"
    if config.exists():
        tokenizer_class = json.loads(config.read_text(encoding="utf-8")).get("tokenizer_class", "")
        if tokenizer_class in FAMILIES_BY_TOKENIZER:
            return FAMILIES_BY_TOKENIZER[tokenizer_class]
    return "marian" if (model_dir / "source.spm").exists() else "nllb"


class CTranslate2Engine(Engine):
    name = "ctranslate2"
    supports_prefix = True

    def resolve(self) -> None:
        super().resolve()
        assert self.model_dir is not None
        if not (self.model_dir / "model.bin").exists():
            raise MTUnavailableError(
                self.label,
                "not a CTranslate2 model folder (no model.bin)",
                f"convert one with: hexaglot mt convert MODEL {self.label}",
            )

    def fingerprint(self) -> str:
        assert self.model_dir is not None
        return f"{self.label}@{weights_fingerprint(self.model_dir)}"

    def load(self) -> None:
        import ctranslate2

        assert self.model_dir is not None
        if self.device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
            raise HexaglotError("--device cuda: CTranslate2 sees no CUDA GPU here; use --device cpu")
        compute_type = "float16" if self.device == "cuda" else "int8"
        self.workers, intra_threads = cpu_workers() if self.device == "cpu" else (1, 0)
        self.family = model_family(self.model_dir)
        self.tokenizer = self._load_tokenizer()
        try:
            self.translator = ctranslate2.Translator(
                str(self.model_dir),
                device=self.device,
                compute_type=compute_type,
                inter_threads=self.workers,
                intra_threads=intra_threads,
            )
        except (RuntimeError, ValueError) as error:
            raise MTUnavailableError(self.label, f"cannot be loaded ({str(error).splitlines()[0]})") from None

    def _load_tokenizer(self) -> Any:
        quiet_transformers()
        from transformers import AutoTokenizer, MarianTokenizer

        try:
            if self.family == "marian":
                return MarianTokenizer.from_pretrained(self.model_dir, local_files_only=True)
            src_lang = "eng_Latn" if self.family == "nllb" else "en"
            return AutoTokenizer.from_pretrained(
                self.model_dir, local_files_only=True, trust_remote_code=False, src_lang=src_lang
            )
        except (OSError, ValueError, TypeError) as error:
            raise MTUnavailableError(self.label, f"its tokenizer cannot be loaded ({error})") from None

    def _language_token(self, lang: str) -> str | None:
        from translate.lang import get_language

        if self.family == "nllb":
            return get_language(lang).nllb_code
        if self.family == "m2m100":
            return f"__{lang}__"
        return None

    def _source_tokens(self, text: str, lang: str) -> list[str]:
        if self.family == "marian":
            token = target_token(self.tokenizer.get_vocab(), lang)
            text = f"{token} {text}" if token else text
        ids = self.tokenizer(text)["input_ids"]
        return self.tokenizer.convert_ids_to_tokens(ids)

    def _target_prefix(self, lang: str, prefix: str | None) -> list[str]:
        tokens: list[str] = []
        language_token = self._language_token(lang)
        if language_token:
            tokens.append(language_token)
        if prefix:
            if self.family == "marian":  # a target-side sentencepiece model of its own
                ids = self.tokenizer(text_target=prefix, add_special_tokens=False)["input_ids"]
            else:
                ids = self.tokenizer(prefix, add_special_tokens=False)["input_ids"]
            tokens.extend(self.tokenizer.convert_ids_to_tokens(ids))
        return tokens  # never cut: translate() drops a prefix with no room after it

    def positions(self) -> int:
        """Tokens the model reads or writes at most: the source model's ``max_position_embeddings`` (recorded in
        ``hexaglot-mt.json`` at conversion), its tokenizer's ``model_max_length``, 512."""
        limits = [MAX_LENGTH]
        info = self.model_dir / INFO_FILE if self.model_dir else None
        if info is not None and info.exists():
            recorded = json.loads(info.read_text(encoding="utf-8")).get("max_positions")
            if isinstance(recorded, int) and recorded > 0:
                limits.append(recorded)
        tokenizer_limit = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 100_000:
            limits.append(tokenizer_limit)
        return min(limits)

    def part_limit(self) -> int:
        """Source tokens per part: the output budget (twice the source, plus 10) must fit in the decoder too."""
        return max(8, min(self.positions(), (self.positions() - 10) // 2))

    def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str | None]:
        """Segment-safe batches: each part decodes with its own length budget, in batches of parts that share it
        (CTranslate2 takes one ``max_decoding_length`` per call); a text over the model's limit is split at clause
        boundaries and the parts' outputs joined."""
        self.ensure_loaded()

        def length(text: str) -> int:
            return len(self._source_tokens(text, lang))

        parts_of = [split_to_fit(text, length, self.part_limit()) for text in texts]
        units: list[tuple[int, bool, int, int, list[str], list[str]]] = []
        for i, parts in enumerate(parts_of):
            prefix = prefixes[i] if prefixes and prefixes[i] and len(parts) == 1 else None
            for number, text in enumerate(parts):
                source = self._source_tokens(text, lang)
                target = self._target_prefix(lang, prefix)
                if prefix and len(target) + 1 >= self.positions():  # no room after it: decode without
                    prefix, target = None, self._target_prefix(lang, None)
                budget = min(self.positions(), max(2 * len(source) + 10, len(target) + 16))
                units.append((budget, bool(prefix), i, number, source, target))
        outputs: dict[tuple[int, int], str] = {}
        for _, same in groupby(sorted(units, key=lambda unit: unit[:4]), key=lambda unit: unit[:2]):
            group = list(same)
            for start in range(0, len(group), self.batch_size):
                chunk = group[start : start + self.batch_size]
                for unit, output in zip(chunk, self._decode(chunk), strict=True):
                    outputs[(unit[2], unit[3])] = output
        return [join_parts(parts, [outputs[(i, n)] for n in range(len(parts))]) for i, parts in enumerate(parts_of)]

    def _decode(self, chunk: list[tuple[int, bool, int, int, list[str], list[str]]]) -> list[str]:
        targets = [unit[5] for unit in chunk]
        results = self.translator.translate_batch(
            [unit[4] for unit in chunk],
            target_prefix=targets if any(targets) else None,
            beam_size=self.beam_size,
            max_batch_size=math.ceil(len(chunk) / self.workers),  # one part per worker
            max_decoding_length=chunk[0][0],
        )
        return decode_best(self.tokenizer, results)


def convert_model(model_dir: Path, out_dir: Path, family: str, source_model: str, quantization: str = "int8") -> Path:
    """Convert a transformers model folder to CTranslate2 with its tokenizer files and ``hexaglot-mt.json``."""
    from ctranslate2.converters import TransformersConverter

    from translate.fileio import atomic_write_text
    from translate.mt.base import require_safetensors

    require_safetensors(source_model, model_dir)
    copy = [name for name in TOKENIZER_FILES if (model_dir / name).exists()]
    converter = TransformersConverter(str(model_dir), copy_files=copy, trust_remote_code=False)
    try:
        converter.convert(str(out_dir), quantization=quantization, force=True)
    except (ValueError, OSError, RuntimeError, NotImplementedError) as error:
        raise HexaglotError(f"cannot convert {source_model}: {str(error).splitlines()[0]}") from None
    info = {"family": family, "source_model": source_model, "quantization": quantization}
    config = model_dir / "config.json"
    if config.exists():
        positions = json.loads(config.read_text(encoding="utf-8")).get("max_position_embeddings")
        if isinstance(positions, int):
            info["max_positions"] = positions
    atomic_write_text(out_dir / INFO_FILE, json.dumps(info, indent=2) + "\n")
    return out_dir


def decode_best(tokenizer: Any, results: list[Any]) -> list[str]:
    """The text of each result's best hypothesis (CTranslate2 returns tokens), special tokens dropped."""
    drop = special_ids(tokenizer)
    outputs = []
    for result in results:
        ids = [i for i in tokenizer.convert_tokens_to_ids(result.hypotheses[0]) if i not in drop]
        outputs.append(tokenizer.decode(ids, skip_special_tokens=True).strip())
    return outputs
