"""What the transformers engines share: safe loading and batched ``generate()`` (transformers 5 has no pipeline).

Imported only by :mod:`translate.mt.marian` and :mod:`translate.mt.nllb`; torch and transformers are imported
inside :meth:`HFSeq2SeqEngine.load`.
"""

from __future__ import annotations

from typing import Any

from translate.errors import HexaglotError
from translate.mt.base import Engine, MTUnavailableError, require_safetensors

MAX_LENGTH = 512


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

    # Translation ---------------------------------------------------------------------------------------

    def translate(self, texts: list[str], lang: str, prefixes: list[str | None] | None = None) -> list[str]:
        self.ensure_loaded()
        results: list[str] = [""] * len(texts)
        plain = [i for i in range(len(texts)) if not (prefixes and prefixes[i])]
        for start in range(0, len(plain), self.batch_size):
            chunk = plain[start : start + self.batch_size]
            outputs = self._generate([texts[i] for i in chunk], lang)
            for i, output in zip(chunk, outputs, strict=True):
                results[i] = output
        for i in range(len(texts)):
            if prefixes and prefixes[i]:
                results[i] = self._generate([texts[i]], lang, prefix=prefixes[i])[0]
        return results

    def _generate(self, texts: list[str], lang: str, prefix: str | None = None) -> list[str]:
        torch = self.torch
        sources = [self.prepare_source(text, lang) for text in texts]
        batch = self.tokenizer(sources, return_tensors="pt", padding=True, truncation=True, max_length=MAX_LENGTH)
        batch = {key: value.to(self.device) for key, value in batch.items()}
        source_length = int(batch["input_ids"].shape[1])
        limit = min(MAX_LENGTH, getattr(self.hf_model.generation_config, "max_length", None) or MAX_LENGTH)
        options = {
            "num_beams": self.beam_size,
            "do_sample": False,
            "max_new_tokens": min(limit, 2 * source_length + 10),
            **self.generate_options(lang),
        }
        if prefix:
            forced = self.decoder_start(lang) + self.prefix_ids(prefix)[: MAX_LENGTH // 2]
            options["decoder_input_ids"] = torch.tensor([forced], device=self.device)
            options["max_new_tokens"] = max(8, min(limit, 2 * source_length + 10) - len(forced))
            options.pop("forced_bos_token_id", None)
        with torch.inference_mode():
            generated = self.hf_model.generate(**batch, **options)
        return self.decode(generated)
