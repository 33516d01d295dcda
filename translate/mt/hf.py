"""What the transformers engines share: safe loading and batched ``generate()`` (transformers 5 has no pipeline).

Imported only by :mod:`translate.mt.marian` and :mod:`translate.mt.nllb`; torch and transformers are imported
inside :meth:`HFSeq2SeqEngine.load`.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, NamedTuple

from translate.errors import HexaglotError
from translate.mt.base import Engine, MTUnavailableError, require_safetensors
from translate.mt.split import join_parts, split_to_fit

MAX_LENGTH = 512


class Part(NamedTuple):
    """One text (or one part of a long text) to generate: ordered by budget, then length."""

    budget: int
    """New tokens it may generate (from its own length only)."""
    length: int
    """Its source tokens."""
    owner: int
    number: int
    text: str


def quiet_transformers() -> None:
    """No download or weight-loading progress bars and no advisory warnings in the user's terminal."""
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()


def special_ids(tokenizer: Any) -> set[int]:
    """Ids never shown in a translation: special tokens and multilingual models' language tokens."""
    ids = set(tokenizer.all_special_ids)
    ids.update(getattr(tokenizer, "lang_token_to_id", {}).values())
    ids.update(getattr(tokenizer, "lang_code_to_id", {}).values())
    return ids


def torch_device(device: str) -> str:
    import torch

    if device == "cuda" and not torch.cuda.is_available():
        raise HexaglotError("--device cuda: no CUDA GPU is visible to torch here; use --device cpu")
    return device


class HFSeq2SeqEngine(Engine):
    """An encoder-decoder transformers model translating by ``model.generate``."""

    supports_prefix = True

    def load(self) -> None:
        assert self.model_dir is not None
        require_safetensors(self.label, self.model_dir)
        quiet_transformers()
        import torch
        from transformers import AutoModelForSeq2SeqLM

        self.device = torch_device(self.device)
        try:
            self.tokenizer = self.load_tokenizer()
            model = AutoModelForSeq2SeqLM.from_pretrained(
                self.model_dir, local_files_only=True, use_safetensors=True, trust_remote_code=False
            )
        except (OSError, ValueError, KeyError) as error:
            raise MTUnavailableError(self.label, f"cannot be loaded ({str(error).splitlines()[0]})") from None
        if self.device == "cuda":
            model = model.half()
        self.torch = torch
        self.hf_model = model.to(self.device).eval()

    def load_tokenizer(self) -> Any:
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(self.model_dir, local_files_only=True, trust_remote_code=False)

    # Hooks for the model families ----------------------------------------------------------------------

    def prepare_source(self, text: str, lang: str) -> str:
        return text

    def generate_options(self, lang: str) -> dict[str, Any]:
        return {}

    def prefix_ids(self, prefix: str) -> list[int]:
        """Token ids of a forced target prefix (Marian has a target-side sentencepiece model of its own)."""
        return list(self.tokenizer(prefix, add_special_tokens=False)["input_ids"])

    def decode(self, rows: Any) -> list[str]:
        """Detokenise generated ids, dropping special and language tokens (``__fr__``, ``fra_Latn``)."""
        drop = special_ids(self.tokenizer)
        return [
            self.tokenizer.decode([i for i in row.tolist() if i not in drop], skip_special_tokens=True).strip()
            for row in rows
        ]

    def decoder_start(self, lang: str) -> list[int]:
        """Token ids every output starts with (before any forced prefix)."""
        return [self.hf_model.config.decoder_start_token_id]

    # Limits -------------------------------------------------------------------------------------------

    def positions(self) -> int:
        """Tokens the model reads or writes at most: ``max_position_embeddings``, its tokenizer's limit, 512."""
        limits = [MAX_LENGTH, getattr(self.hf_model.config, "max_position_embeddings", None) or MAX_LENGTH]
        tokenizer_limit = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 100_000:
            limits.append(tokenizer_limit)
        return min(limits)

    def source_length(self, text: str, lang: str) -> int:
        return len(self.tokenizer(self.prepare_source(text, lang))["input_ids"])

    def part_limit(self) -> int:
        """Source tokens per part: the output budget (twice the source, plus 10) must fit in the decoder too."""
        return max(8, min(self.positions(), (self.positions() - 10) // 2))

    def new_tokens(self, source_length: int, lang: str, forced: int = 0) -> int:
        """Tokens one output may add: twice its own source plus 10, within the model's generation and position
        limits (its own length, never the batch's, so an output does not depend on its neighbours)."""
        configured = getattr(self.hf_model.generation_config, "max_length", None) or MAX_LENGTH
        room = self.positions() - (forced or len(self.decoder_start(lang)))
        budget = max(8, 2 * source_length + 10 - forced) if forced else 2 * source_length + 10
        return max(0, min(configured, room, budget))

    # Translation ---------------------------------------------------------------------------------------

    def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str | None]:
        """Segment-safe batches: every part is generated with its own length budget, in batches whose parts share
        that budget; a text over the model's limit is split at clause boundaries and its parts' outputs joined."""
        self.ensure_loaded()

        def length(text: str) -> int:
            return self.source_length(text, lang)

        parts_of = [split_to_fit(text, length, self.part_limit()) for text in texts]
        outputs: dict[tuple[int, int], str] = {}
        plain: list[Part] = []
        for i, parts in enumerate(parts_of):
            prefix = prefixes[i] if prefixes and prefixes[i] and len(parts) == 1 else None
            for number, text in enumerate(parts):
                part = Part(self.new_tokens(length(text), lang), length(text), i, number, text)
                if prefix and self._fits_prefix(prefix, part.length, lang):
                    outputs[(i, number)] = self._generate([part], lang, prefix=prefix)[0]
                else:
                    plain.append(part)
        for _, same_budget in groupby(sorted(plain), key=lambda part: part.budget):
            group = list(same_budget)
            for start in range(0, len(group), self.batch_size):
                chunk = group[start : start + self.batch_size]
                for part, output in zip(chunk, self._generate(chunk, lang), strict=True):
                    outputs[(part.owner, part.number)] = output
        return [join_parts(parts, [outputs[(i, n)] for n in range(len(parts))]) for i, parts in enumerate(parts_of)]

    def _fits_prefix(self, prefix: str, length: int, lang: str) -> bool:
        forced = len(self.decoder_start(lang)) + len(self.prefix_ids(prefix))
        return self.new_tokens(length, lang, forced) >= 1 and forced < self.positions()

    def _generate(self, parts: list[Part], lang: str, prefix: str | None = None) -> list[str]:
        torch = self.torch
        sources = [self.prepare_source(part.text, lang) for part in parts]
        batch = self.tokenizer(sources, return_tensors="pt", padding=True)
        batch = {key: value.to(self.device) for key, value in batch.items()}
        options = {"num_beams": self.beam_size, "do_sample": False, **self.generate_options(lang)}
        if prefix:
            forced = self.decoder_start(lang) + self.prefix_ids(prefix)
            options["decoder_input_ids"] = torch.tensor([forced], device=self.device)
            options["max_new_tokens"] = self.new_tokens(parts[0].length, lang, len(forced))
            options.pop("forced_bos_token_id", None)
        else:
            options["max_new_tokens"] = parts[0].budget  # the same for every part of the batch
        with torch.inference_mode():
            generated = self.hf_model.generate(**batch, **options)
        return self.decode(generated)
