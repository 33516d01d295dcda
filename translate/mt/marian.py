"""Helsinki-NLP opus-mt models (Marian) through transformers: one model per language pair.

Multi-target models (en-ar, en-zh and the ``en-ROMANCE`` family) need a target-language token such as
``>>ara<<`` or ``>>cmn_Hans<<`` before the source; it is added when the model's vocabulary has it.
"""

from __future__ import annotations

from typing import Any

from translate.lang import get_language
from translate.mt.hf import HFSeq2SeqEngine


def target_token(vocab: dict[str, int], lang: str) -> str | None:
    """The ``>>xxx<<`` token a multi-target model expects for ``lang``, or None for a one-target model."""
    for token in get_language(lang).marian_target_tokens:
        if token in vocab:
            return token
    return None


class MarianEngine(HFSeq2SeqEngine):
    name = "marian"

    def load_tokenizer(self) -> Any:
        from transformers import MarianTokenizer

        return MarianTokenizer.from_pretrained(self.model_dir, local_files_only=True)

    def prefix_ids(self, prefix: str) -> list[int]:
        return list(self.tokenizer(text_target=prefix, add_special_tokens=False)["input_ids"])

    def prepare_source(self, text: str, lang: str) -> str:
        token = target_token(self.tokenizer.get_vocab(), lang)
        return f"{token} {text}" if token else text
